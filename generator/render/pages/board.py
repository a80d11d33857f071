"""首页: one glance answers "what is happening and who to call"."""
from __future__ import annotations

from generator.render.pages import render
from generator.views.activities import link
from generator.views.board import board


def pages(ctx) -> dict[str, str]:
    figures = board(ctx.community, ctx.today, ctx.audience, ctx.name)
    return {"index.md": render("board.md.j2", **figures, activity_link=lambda a: link(ctx.community, a),
                               **ctx.as_dict())}
