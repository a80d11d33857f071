"""三张清单和微心愿: the overview (open, claimed, done; time taken; what each partner gave) and a page per year."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.lists import (
    CLAIMED,
    DONE,
    OPEN,
    claimer_label,
    lists_view,
    open_wishes,
    partner_contributions,
    provider_label,
)

# The status badge of each state, in the classes the other pages use.
STATUS_CLASS = {OPEN: "notstarted", CLAIMED: "progress", DONE: "done"}


def _labels(ctx) -> dict:
    """How a page names who claimed a wish and who offers a resource, as this site may show them."""
    return {
        "claimer": lambda need: claimer_label(ctx.community, need.claimer, ctx.name, ctx.audience),
        "provider": lambda resource: provider_label(ctx.community, resource.offered_by, ctx.units, ctx.audience),
        "owner": lambda project: provider_label(ctx.community, project.owner, ctx.units, ctx.audience),
        "status_class": STATUS_CLASS,
    }


def _year_of(ctx) -> dict[str, int]:
    """Record id -> the year whose page shows it (for links from the overview)."""
    return {record.id: year for year, f in ctx.community.lists.items()
            for record in [*f.needs, *f.resources, *f.projects]}


def _latest(ctx, years: list[int]) -> dict:
    """The overview's "最后更新": the latest change of any year's file."""
    days = [d for y in years if (d := freshness(ctx, "lists", y)["updated"])]
    return {"updated": max(days, default=None), "changes_link": "../changes/"}


def pages(ctx) -> dict[str, str]:
    years = ctx.years("lists")
    if not years:
        return {}
    view = lists_view(ctx.community, ctx.audience)
    year_of = _year_of(ctx)
    out = {"lists/index.md": render(
        "lists_index.md.j2", view=view, counts=view.counts(), average=view.average_workdays(),
        wishes=open_wishes(view), needs=[n for n, _ in view.of_state(OPEN, wishes=False)],
        contributions=partner_contributions(ctx.community, view, ctx.audience),
        years=[(y, len(lists_view(ctx.community, ctx.audience, y).needs)) for y in years],
        link=lambda record_id: f"{year_of[record_id]}/#{record_id}", **_labels(ctx),
        **_latest(ctx, years), **ctx.as_dict())}
    needs = {n.id: (n, s) for n, s in view.needs}  # a project may name a need or resource of another year
    resources = {r.id: r for r in view.resources}
    for year in years:
        out[f"lists/{year}.md"] = render(
            "lists_year.md.j2", year=year, view=lists_view(ctx.community, ctx.audience, year),
            needs_by_id=needs, resources_by_id=resources,
            link=lambda record_id, year=year: (f"#{record_id}" if year_of.get(record_id) == year
                                               else f"../{year_of[record_id]}/#{record_id}"),
            **_labels(ctx), **freshness(ctx, "lists", year), **ctx.as_dict())
    return out
