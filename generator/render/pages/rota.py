"""值班: today's duty, this month's and next month's rota as tables, and each year's duties with
a stable anchor per duty (rota/2026/#z2026-12-sat).

A static site shows the rota as of the day it was built, so the pages say which day that was."""
from __future__ import annotations

from generator.records.rota import WEEKDAYS
from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views import rota as view


def pages(ctx) -> dict[str, str]:
    years = ctx.years("rota")
    if not years:
        return {}
    months = [(year, month, view.month_table(ctx.community, year, month, ctx.audience, ctx.name))
              for year, month in view.months_shown(ctx.today)]
    out = {"rota/index.md": render(
        "rota_index.md.j2", duty=today_duty(ctx), months=months, years=years,
        today_weekday=WEEKDAYS[ctx.today.weekday()], **ctx.as_dict())}
    for year in years:
        out[f"rota/{year}.md"] = render(
            "rota_year.md.j2", year=year,
            months=view.by_month(view.year_duties(ctx.community, year, ctx.audience)),
            who=lambda duty: view.who(ctx.community, duty, ctx.audience, ctx.name),
            when=view.when_label, **freshness(ctx, "rota", year), **ctx.as_dict())
    return out


def today_duty(ctx) -> view.OnDuty | None:
    """The duty the home page, the kiosk and the rota page show: the build day's, or the next."""
    return view.on_duty(ctx.community, ctx.today, ctx.audience, ctx.name)
