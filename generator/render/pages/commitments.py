"""承诺: per year, each commitment with owner, baseline, target, due date, progress and reviews.

A busy year (views.commitments.SPLIT_ABOVE) gets a page per 党支部 (commitments/2026/zb1/)
with the full records, and its year page keeps the roll-ups, the unit table (each unit linking
to its page) and a line per commitment under the id it always had: an old link
(commitments/2026/#c2026-001) lands on that line, and theme/assets/dangwu-activities.js moves
it on to the record (each page's link lists its ids in data-ids)."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views import commitments as view
from generator.views.commitments import commitment_state, rollup, rollup_by_unit, year_commitments
from generator.views.organization import owner_name, unit_of_owner

STATUS_CLASS = {"已完成": "done", "进行中": "progress", "已逾期": "overdue", "未开始": "notstarted"}
STAGE_CLASS = {view.STAGE_DONE: "done", view.STAGE_PENDING: "notstarted", view.STAGE_OVERDUE: "overdue"}


def _rows(ctx, items) -> list:
    return [(c, commitment_state(c, ctx.today), owner_name(ctx.community, c.owner, ctx.name, ctx.audience),
             unit_of_owner(ctx.community, c.owner, ctx.audience)) for c in items]


def _by_unit(ctx, items) -> list:
    by_unit = rollup_by_unit(ctx.community, items, ctx.today, ctx.audience)
    return [(ctx.units.get(u, u), u, r) for u, r in by_unit.items()]


def pages(ctx) -> dict[str, str]:
    years = ctx.years("commitments")
    out = {"commitments/index.md": render(
        "commitments_index.md.j2",
        years=[(y, rollup(year_commitments(ctx.community, y, ctx.audience), ctx.today)) for y in years], **ctx.as_dict())}
    for year in years:
        out.update(_year_pages(ctx, year))
    return out


def _year_pages(ctx, year: int) -> dict[str, str]:
    items = year_commitments(ctx.community, year, ctx.audience)
    shared = {"year": year, "status_class": STATUS_CLASS, "stage_class": STAGE_CLASS,
              "stages": view.year_stages(ctx.community, year, ctx.audience, ctx.today),
              "steps": lambda c: view.commitment_steps(c, ctx.today), **ctx.as_dict()}
    updated = freshness(ctx, "commitments", year)
    if not view.is_split(ctx.community, year):
        return {f"commitments/{year}.md": render(
            "commitments_year.md.j2", **updated, rows=_rows(ctx, items), total=rollup(items, ctx.today),
            by_unit=_by_unit(ctx, items), **shared)}
    unit_pages = view.unit_pages(ctx.community, items, ctx.audience)
    slugs = {page.slug for page in unit_pages}
    page_of_unit = view.page_units(ctx.community, ctx.audience)
    out = {f"commitments/{year}.md": render(
        "commitments_split.md.j2", **updated, total=rollup(items, ctx.today), by_unit=_by_unit(ctx, items),
        unit_pages=[(page, _rows(ctx, page.commitments)) for page in unit_pages],
        unit_link=lambda uid: f"{page_of_unit[uid]}/" if page_of_unit.get(uid) in slugs else None, **shared)}
    for page in unit_pages:
        out[f"commitments/{year}/{page.slug}.md"] = render(
            "commitments_unit.md.j2", **{**updated, "changes_link": "../../../changes/"}, unit=page.unit,
            rows=_rows(ctx, page.commitments), total=rollup(page.commitments, ctx.today),
            by_unit=_by_unit(ctx, page.commitments), **shared)
    return out
