"""值班: which days a duty falls on (法定节假日 skipped), today's or the next duty, a month's table."""
from __future__ import annotations

from datetime import date

import pytest

from generator.load.dataset import load_community
from generator.privacy.audience import namer
from generator.views import rota as view
from tests.conftest import TODAY
from tests.rota_fixture import ROTA


@pytest.fixture(scope="module")
def community(tmp_path_factory):
    import shutil

    from tests.conftest import TINY
    root = tmp_path_factory.mktemp("rota") / "xiaoyuan"
    shutil.copytree(TINY / "communities" / "xiaoyuan", root)
    (root / "rota").mkdir()
    (root / "rota" / "2026.yml").write_text(ROTA, encoding="utf-8")
    found, problems = load_community(root)
    assert not problems
    return found


def duty(community, ident):
    return next(d for d in community.rota[2026].duties if d.id == ident)


def test_a_weekday_pattern_skips_national_day_but_keeps_the_tiaoxiu_saturday(community):
    # Sat 10-03 is 国庆节; Sat 10-10 is a 调休 working day, not a holiday
    assert view.days_of(duty(community, "z-oct"), 2026) == [date(2026, 10, d) for d in (10, 17, 24, 31)]


def test_a_pattern_kept_on_holidays_and_a_dated_duty(community):
    assert view.days_of(duty(community, "z-dec"), 2026) == [date(2026, 12, d) for d in (2, 9, 16, 23, 30)]
    assert view.days_of(duty(community, "z-1123"), 2026) == [date(2026, 11, 23)]


def test_today_duty_on_the_public_site_leaves_out_members_only_duties(community):
    today = view.on_duty(community, TODAY, "public", namer(community, "public", TODAY))
    assert today is not None and today.is_today and today.day == TODAY
    assert [dd.duty.id for dd in today.duties] == ["z-1123"]
    assert today.duties[0].who == ("王*涛",)  # masked as the community's rule says
    assert today.duties[0].weekday == "周一"


def test_members_see_every_duty_of_the_day_with_full_names(community):
    today = view.on_duty(community, TODAY, "members", namer(community, "members", TODAY))
    assert [dd.duty.id for dd in today.duties] == ["z-1123", "z-party"]
    assert today.duties[0].who == ("王海涛",)


def test_without_a_duty_today_the_next_one_is_shown(community):
    later = view.on_duty(community, date(2026, 11, 24), "public", namer(community, "public", TODAY))
    assert (later.day, later.is_today) == (date(2026, 11, 28), False)
    assert later.duties[0].who == ("治安巡逻岗", "王*涛")
    assert view.on_duty(community, date(2027, 3, 1), "public", str) is None


def test_month_table_and_the_months_shown(community):
    rows = view.month_table(community, 2026, 11, "public", str)
    assert [(r.day.day, r.duty.id) for r in rows] == [(7, "z-sat"), (14, "z-sat"), (21, "z-sat"),
                                                      (23, "z-1123"), (28, "z-sat")]
    assert view.months_shown(date(2026, 12, 5)) == [(2026, 12), (2027, 1)]


def test_labels_and_grouping_by_month(community):
    assert view.when_label(duty(community, "z-1123")) == "11月23日 周一"
    assert view.when_label(duty(community, "z-sat")) == "11月每周六"
    months = view.by_month(view.year_duties(community, 2026, "public"))
    assert [(m, [d.id for d in items]) for m, items in months] == [
        (10, ["z-oct"]), (11, ["z-sat", "z-1123"]), (12, ["z-dec"])]


def test_overlap_needs_shared_hours():
    from generator.records.rota import Duty
    base = {"id": "a", "kind": "值班", "date": "2026-11-23", "members": ["m1"], "place": "站", "phone": "1"}
    first = Duty.model_validate({**base, "start": "8:00", "end": "12:00"})
    assert view.overlaps(first, Duty.model_validate({**base, "start": "11:00", "end": "13:00"}))
    assert not view.overlaps(first, Duty.model_validate({**base, "start": "12:00", "end": "13:00"}))


def test_the_history_names_a_duty_by_its_kind_and_days():
    from generator.views.history import COLLECTIONS
    [duties] = COLLECTIONS["rota"]
    assert duties.title({"kind": "错时服务", "month": "12", "weekday": "周六"}) == "错时服务 12月每周六"
    assert duties.title({"kind": "值班", "date": "2026-12-31"}) == "值班 2026-12-31"


def test_the_default_catalogue_lists_the_rota_monthly_when_there_is_one(community):
    from generator.load.dataset import load_community as load
    from generator.views.catalog import catalog_items, item_state
    from tests.conftest import TINY
    [item] = [i for i in catalog_items(community) if i.source == "rota"]
    assert (item.rhythm, item.period) == ("定期", "month")
    state = item_state(community, item, TODAY)
    assert not state.overdue and state.last_published == date(2026, 11, 23)  # October and November are kept
    assert item_state(community, item, date(2027, 2, 3)).overdue  # nothing for January 2027
    plain, _ = load(TINY / "communities" / "xiaoyuan")
    assert all(i.source != "rota" for i in catalog_items(plain))  # no rota, no item
