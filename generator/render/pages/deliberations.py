"""议事: the latest meetings and what is still open (待表决, 待反馈), then one page per year."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.deliberations import (
    FEEDBACK_WORKDAYS,
    carrier_names,
    decision_text,
    participants_text,
    tally,
    with_states,
    year_deliberations,
)

LATEST = 5  # meetings the index lists before sending the reader to a year's page


def pages(ctx) -> dict[str, str]:
    years = ctx.years("deliberations")
    if not years:
        return {}
    by_year = {y: with_states(year_deliberations(ctx.community, y, ctx.audience), ctx.today) for y in years}
    everything = [pair for y in years for pair in by_year[y]]  # newest year first, newest meeting first
    shared = {"carriers": carrier_names(ctx.community, ctx.units, ctx.audience), "decision_text": decision_text,
              "participants_text": participants_text, "workdays": FEEDBACK_WORKDAYS, **ctx.as_dict()}
    out = {"deliberations/index.md": render(
        "deliberations_index.md.j2", latest=everything[:LATEST],
        years=[(y, tally(items)) for y, items in by_year.items()], **shared)}
    for year, items in by_year.items():
        out[f"deliberations/{year}.md"] = render(
            "deliberations_year.md.j2", year=year, items=items, total=tally(items),
            **freshness(ctx, "deliberations", year), **shared)
    return out
