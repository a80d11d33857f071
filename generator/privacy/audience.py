"""Who is named in full and who is masked, on which site.

Committee members, post holders and people named in a 公示 while it runs are public by role
and shown in full; every other member is shown as the community's masking setting says (张*明 by default).
The members' site shows everyone in full.
"""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.privacy.detect import mask_name
from generator.views.notices import names_in_full


def public_by_role(community: Community, today: date | None = None) -> set[str]:
    """Names the public site shows in full. Only a public role unmasks: the committee of a
    members-only unit, a members-only post and a members-only 公示 are not shown in public, so
    naming their people in full elsewhere (a roster, a ledger's 经办人) would tell what they hide.
    A 公示 unmasks only on a ``today`` it runs (without a day, none counts as running)."""
    names = set()
    org = community.single("organization")
    if org:
        names |= {person.name for unit in visible(org.units, "public") for person in unit.committee}
    public_posts = {post.id for post in visible(org.posts, "public")} if org else set()
    members = community.single("members")
    if members:
        names |= {m.name for m in visible(members.members, "public") if set(m.posts) & public_posts}
    for notices in community.years("notices").values():
        names |= {person for notice in visible(notices.notices, "public")
                  if today is not None and names_in_full(notice, today)
                  for person in notice.people}
    return names


def namer(community: Community, audience: str, today: date | None = None):
    """A function giving the name as the given site may show it on ``today``."""
    if audience == "members":
        return lambda name: name
    mode = community.single("community").masking
    full = public_by_role(community, today)
    return lambda name: name if name in full else mask_name(name, mode)


def visible(records, audience: str) -> list:
    """Records the given site may show: the public site drops members-only ones."""
    return [r for r in records if audience == "members" or getattr(r, "audience", "public") != "members"]
