"""What each site may show: the one place that decides it.

Two sites are built from the same records: "public" (党外) and "members" (党内). The members'
site shows every record and every name in full. The public site drops members-only records —
a record's own ``audience``, and for a fund the 党费 rule: a fund that declares no audience is
members-only when its name holds “党费” — and masks names as below. Pages, kiosk, print sheets,
open data, the 更新记录 page and the checks all ask the functions here, so a record is never
shown on one output and hidden on another.

Committee members, post holders and people named in a 公示 while it runs are public by role
and shown in full; every other member is shown as the community's masking setting says (张*明 by default).
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from generator.privacy.detect import mask_name
from generator.views.notices import names_in_full

if TYPE_CHECKING:  # only for annotations: load.dataset imports the records, which ask this module
    from generator.load.dataset import Community

MEMBERS = "members"
PUBLIC = "public"
DUES_WORD = "党费"  # a fund whose name holds it is members-only unless it says otherwise
R = TypeVar("R")  # a record kind: ``visible`` gives back what it is given


def sees_all(audience: str) -> bool:
    """The members' site shows every record, members-only ones included, and every name in full."""
    return audience == MEMBERS


def audience_of(record) -> str:
    """Who a typed record is for: "members" when it says so, else "public"."""
    return MEMBERS if getattr(record, "audience", PUBLIC) == MEMBERS else PUBLIC


def shows(record, audience: str) -> bool:
    """Whether the given site shows a record (an activity, 公示, unit, post, partner, catalogue item…)."""
    return sees_all(audience) or audience_of(record) != MEMBERS


def fund_audience(name: str, declared: str | None) -> str:
    """Who a fund is for: its declared audience, else members for 党费 (the members' own dues,
    reported inside the party) and public for every other fund."""
    return declared or (MEMBERS if DUES_WORD in name else PUBLIC)


def shows_fund(fund, audience: str) -> bool:
    """Whether the given site shows a fund (its ledger, totals, projects and balance checks)."""
    return sees_all(audience) or fund_audience(fund.name, fund.audience) == PUBLIC


def shows_entry(entry, fund, audience: str) -> bool:
    """Whether the given site shows a ledger entry: its own audience, else its fund's."""
    return sees_all(audience) or (entry.audience or fund_audience(fund.name, fund.audience)) == PUBLIC


def stored_fund_audiences(data) -> dict[str, str]:
    """Fund id → who sees it, for a finances file as stored in an earlier version (plain dicts)."""
    funds = data.get("funds") if isinstance(data, dict) else None
    return {str(f.get("id")): fund_audience(str(f.get("name", "")), f.get("audience"))
            for f in (funds if isinstance(funds, list) else []) if isinstance(f, dict)}


def shows_stored(record: dict | None, audience: str, default: str = PUBLIC) -> bool:
    """Whether the given site shows a record as stored in an earlier version (a plain dict);
    ``default`` is its audience when it names none (its fund's, for a ledger line)."""
    return record is not None and (sees_all(audience) or (record.get("audience") or default) != MEMBERS)


def public_by_role(community: Community, today: date | None = None) -> set[str]:
    """Names the public site shows in full. Only a public role unmasks: the committee of a
    members-only unit, a members-only post and a members-only 公示 are not shown in public, so
    naming their people in full elsewhere (a roster, a ledger's 经办人) would tell what they hide.
    A 公示 unmasks only on a ``today`` it runs (without a day, none counts as running)."""
    names = set()
    org = community.organization
    if org:
        names |= {person.name for unit in visible(org.units, PUBLIC) for person in unit.committee}
    public_posts = {post.id for post in visible(org.posts, PUBLIC)} if org else set()
    members = community.members
    if members:
        names |= {m.name for m in visible(members.members, PUBLIC) if set(m.posts) & public_posts}
    for notices in community.notices.values():
        names |= {person for notice in visible(notices.notices, PUBLIC)
                  if today is not None and names_in_full(notice, today)
                  for person in notice.people}
    return names


def namer(community: Community, audience: str, today: date | None = None):
    """A function giving the name as the given site may show it on ``today``."""
    if sees_all(audience):
        return lambda name: name
    info = community.info
    # Without a valid community.yml (a live preview still renders) its setting is unknown: mask the most.
    mode = info.masking if info else "surname"
    full = public_by_role(community, today)
    return lambda name: name if name in full else mask_name(name, mode)


def visible(records: Iterable[R], audience: str) -> list[R]:
    """Records the given site may show: the public site drops members-only ones."""
    return [r for r in records if shows(r, audience)]
