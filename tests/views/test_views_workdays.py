"""Working days follow the State Council schedule, 调休 included; unknown years count Mon–Fri."""
from datetime import date

from generator.views.workdays import calendar_covers, is_workday, workdays_between


def test_a_tiaoxiu_saturday_is_a_workday_and_a_holiday_weekday_is_not():
    assert is_workday(date(2026, 10, 10))  # Saturday worked in exchange for the National Day break
    assert not is_workday(date(2026, 10, 1))  # Thursday, National Day
    assert not is_workday(date(2026, 9, 25))  # Friday, Mid-Autumn


def test_workdays_between_counts_both_ends():
    assert workdays_between(date(2026, 3, 2), date(2026, 3, 6)) == 5
    assert workdays_between(date(2026, 10, 8), date(2026, 10, 13)) == 5  # Sat 10-10 counts
    assert workdays_between(date(2026, 3, 6), date(2026, 3, 6)) == 1
    assert workdays_between(date(2026, 3, 6), date(2026, 3, 2)) == 0


def test_a_year_the_calendar_does_not_know_falls_back_to_monday_to_friday():
    assert calendar_covers(2026)
    assert not calendar_covers(2099)
    assert is_workday(date(2099, 1, 1))  # a Thursday: New Year is not known, so it counts
    assert not is_workday(date(2099, 1, 3))  # a Saturday
    assert workdays_between(date(2099, 1, 1), date(2099, 1, 7)) == 5
