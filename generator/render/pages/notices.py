"""公示: open ones first with days left, then the archive by year."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.changes import freshness
from generator.views.notices import as_shown, notice_state
from generator.privacy.audience import visible


def shown_notices(ctx, notices) -> list:
    """The notices this site may show, as it shows them today: the people of a 公示 that is not
    running are masked in its title and body. Every output (pages, board, kiosk, feed, JSON)
    reads notices through here, so none can print a name the roster masks."""
    return [as_shown(n, ctx.today, ctx.name) for n in visible(notices, ctx.audience)]


def all_notices(ctx) -> list[tuple[object, object]]:
    """(notice, state) for every visible notice, newest first."""
    found = [n for year in ctx.years("notices") for n in shown_notices(ctx, ctx.community.years("notices")[year].notices)]
    found.sort(key=lambda n: (n.start, n.id), reverse=True)
    return [(n, notice_state(n, ctx.today)) for n in found]


def open_notices(ctx) -> list:
    return [(n, s) for n, s in all_notices(ctx) if s.state == "open"]


def pages(ctx) -> dict[str, str]:
    everything = all_notices(ctx)
    current = [(n, s) for n, s in everything if s.state != "closed"]
    out = {"notices/index.md": render(
        "notices_index.md.j2", current=current,
        years=[(y, sum(1 for n, _ in everything if n.start.year == y)) for y in ctx.years("notices")],
        **ctx.as_dict())}
    for year in ctx.years("notices"):
        items = [(n, s) for n, s in everything if n.start.year == year]
        out[f"notices/{year}.md"] = render(
            "notices_year.md.j2", year=year, items=items, **freshness(ctx, "notices", year), **ctx.as_dict())
    return out
