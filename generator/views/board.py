"""The board's figures (首页): the 公示 running now, this year's commitments and ledgers, the
latest activities. The home page, the kiosk, the print sheets and the portal summary all read
``board``, and every output listing 公示 reads ``shown_notices``, so a figure or a masked name is
the same everywhere. Pure functions over the records, the build day, the audience and the site's
namer (``privacy.audience.namer``)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date

from generator.load.dataset import Community
from generator.privacy.audience import visible
from generator.records.notices import Notice
from generator.views.activities import latest
from generator.views.commitments import rollup, year_commitments
from generator.views.ledger import year_ledgers
from generator.views.notices import OPEN, NoticeState, as_shown, notice_state
from generator.views.rota import on_duty

LATEST_ACTIVITIES = 5


def current_year(years: Iterable[int], today: date) -> int | None:
    """The build year when it has records, else the latest year that does (None: no year)."""
    return today.year if today.year in years else max(years, default=None)


def shown_notices(notices: Iterable[Notice], today: date, audience: str, name: Callable[[str], str]) -> list[Notice]:
    """The notices this site may show, as it shows them today: the people of a 公示 that is not
    running are masked in its title and body. Every output (pages, board, kiosk, feed, JSON)
    reads notices through here, so none can print a name the roster masks."""
    return [as_shown(n, today, name) for n in visible(notices, audience)]


def all_notices(community: Community, today: date, audience: str,
                name: Callable[[str], str]) -> list[tuple[Notice, NoticeState]]:
    """(notice, state) for every visible notice, newest first."""
    found = [n for year in sorted(community.notices, reverse=True)
             for n in shown_notices(community.notices[year].notices, today, audience, name)]
    found.sort(key=lambda n: (n.start, n.id), reverse=True)
    return [(n, notice_state(n, today)) for n in found]


def open_notices(community: Community, today: date, audience: str,
                 name: Callable[[str], str]) -> list[tuple[Notice, NoticeState]]:
    """(notice, state) for every visible 公示 running on ``today``, newest first."""
    return [(n, s) for n, s in all_notices(community, today, audience, name) if s.state == OPEN]


def board(community: Community, today: date, audience: str, name: Callable[[str], str]) -> dict:
    """The figures of the board; the kiosk, the print sheets and the portal read the same ones."""
    c_year = current_year(community.commitments, today)
    f_year = current_year(community.finances, today)
    return {
        "notices": open_notices(community, today, audience, name),
        "commitment_year": c_year,
        "commitments": rollup(year_commitments(community, c_year, audience), today) if c_year else None,
        "finance_year": f_year,
        "ledgers": year_ledgers(community.finances, f_year, audience) if f_year else [],
        "activities": latest(community, audience, LATEST_ACTIVITIES),
        "duty": on_duty(community, today, audience, name),  # 值班: today's, or the next; None without a rota
    }
