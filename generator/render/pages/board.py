"""首页: one glance answers "what is happening and who to call"."""
from __future__ import annotations

from generator.render.pages import render
from generator.render.pages.commitments import year_commitments
from generator.render.pages.notices import open_notices
from generator.views.activities import latest, link
from generator.views.commitments import rollup
from generator.views.ledger import year_ledgers


def board(ctx) -> dict:
    """The figures of the board; the kiosk and the portal read the same ones."""
    c_year = ctx.current_year("commitments")
    f_year = ctx.current_year("finances")
    return {
        "notices": open_notices(ctx),
        "commitment_year": c_year,
        "commitments": rollup(year_commitments(ctx, c_year), ctx.today) if c_year else None,
        "finance_year": f_year,
        "ledgers": year_ledgers(ctx.community.years("finances"), f_year, ctx.audience) if f_year else [],
        "activities": latest(ctx.community, ctx.audience, 5),
    }


def pages(ctx) -> dict[str, str]:
    return {"index.md": render("board.md.j2", **board(ctx), activity_link=lambda a: link(ctx.community, a),
                               **ctx.as_dict())}
