"""Which photos a site may publish: those its records show, and no other."""
from __future__ import annotations

from generator.load.dataset import Community
from generator.views.activities import year_activities


def shown_photos(community: Community, audience: str) -> set[str]:
    """File names in photos/ referenced by a record the given site shows (the public site: public
    records only; the members' site: every record)."""
    return {photo for year in community.activities
            for activity in year_activities(community, year, audience) for photo in activity.photos}
