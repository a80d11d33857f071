"""财务: per year and fund, every entry with its running balance, totals, projects and charts."""
from __future__ import annotations

from markupsafe import Markup

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.charts import balance_svg, spending_by_category_svg
from generator.views.ledger import project_states, year_ledgers


def pages(ctx) -> dict[str, str]:
    years = ctx.years("finances")
    ledgers = {y: year_ledgers(ctx.community.finances, y, ctx.audience) for y in years}
    out = {"finances/index.md": render("finances_index.md.j2", years=[(y, ledgers[y]) for y in years],
                                       **ctx.as_dict())}
    for year in years:
        funds = [(fl, Markup(spending_by_category_svg(fl)), Markup(balance_svg(fl))) for fl in ledgers[year]]
        out[f"finances/{year}.md"] = render(
            "finances_year.md.j2", year=year, **freshness(ctx, "finances", year), funds=funds,
            projects=project_states(ctx.community.finances[year], ctx.audience), **ctx.as_dict())
    return out
