"""A 公示's state on the build date, in working days."""
from datetime import date
from pathlib import Path

import pytest

from generator.load.dataset import load_community
from generator.views.notices import notice_state

TINY = Path(__file__).parents[1] / "fixtures" / "tiny" / "communities" / "xiaoyuan"


@pytest.fixture(scope="module")
def notice():
    community, problems = load_community(TINY)
    assert not problems
    return community.notices[2026].notices[0]  # 2026-03-02 (Mon) to 2026-03-06 (Fri)


def test_before_it_starts_it_is_upcoming(notice):
    state = notice_state(notice, date(2026, 2, 27))
    assert (state.state, state.label) == ("upcoming", "未开始（3月2日起）")
    assert (state.total_workdays, state.workdays_left, state.calendar_known) == (5, 5, True)


def test_while_open_it_counts_the_working_days_left_including_today(notice):
    state = notice_state(notice, date(2026, 3, 4))
    assert (state.state, state.workdays_left, state.label) == ("open", 3, "公示中，还剩 3 个工作日")
    assert notice_state(notice, date(2026, 3, 6)).label == "公示中，还剩 1 个工作日"


def test_after_the_end_it_is_closed(notice):
    state = notice_state(notice, date(2026, 3, 7))
    assert (state.state, state.workdays_left, state.label) == ("closed", 0, "已结束")


def test_open_on_a_last_day_that_is_a_holiday(notice):
    national_day = notice.model_copy(update={"start": date(2026, 9, 28), "end": date(2026, 10, 2)})
    state = notice_state(national_day, date(2026, 10, 2))
    assert (state.state, state.total_workdays, state.workdays_left) == ("open", 3, 0)
    assert state.label == "公示中，今天截止"


def test_an_upcoming_notice_in_another_year_names_the_year(notice):
    later = notice.model_copy(update={"start": date(2027, 1, 4), "end": date(2027, 1, 8)})
    assert notice_state(later, date(2026, 12, 30)).label == "未开始（2027年1月4日起）"


def test_a_year_without_a_holiday_schedule_is_flagged(notice):
    unknown = notice.model_copy(update={"start": date(2099, 1, 1), "end": date(2099, 1, 7)})
    state = notice_state(unknown, date(2099, 1, 1))
    assert not state.calendar_known
    assert state.total_workdays == 5
