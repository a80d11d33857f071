"""The public portal's figures count only what the public site shows: a members-only 公开目录
item behind its rhythm (the default catalogue's 党费收缴使用) is no 待更新 on the public portal."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import load_community
from generator.pipeline.community import portal_figures
from generator.render.pages.context import PageContext
from generator.views.catalog import catalog_status
from tests.conftest import TINY

LATE = date(2028, 6, 30)  # every item of the catalogue is behind its rhythm by then


def _community():
    community, problems = load_community(TINY / "communities" / "xiaoyuan")
    assert not problems
    return community


def _due(audience: str) -> int:
    community = _community()
    return portal_figures(PageContext(community, LATE, audience))["catalog_due"]


def test_a_members_only_item_behind_its_rhythm_is_not_counted_on_the_public_portal():
    community = _community()
    states = [s for s in catalog_status(community, LATE) if s.overdue]
    members_only = [s for s in states if s.item.audience == "members"]
    assert members_only, "the scenario needs an overdue members-only item"
    assert _due("public") == len(states) - len(members_only)
    assert _due("members") == len(states)
