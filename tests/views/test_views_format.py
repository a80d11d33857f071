"""How money, dates and shares read on the board."""
from datetime import date
from decimal import Decimal

import pytest

from generator.views.format import cn_date, money, percent


@pytest.mark.parametrize("amount, shown", [
    ("8500.00", "¥8,500.00"),
    ("-35.00", "-¥35.00"),
    ("0.00", "¥0.00"),
    ("1234567.89", "¥1,234,567.89"),
    ("0.005", "¥0.01"),  # half up to the fen, where banker's rounding would give ¥0.00
    ("2.675", "¥2.68"),
    ("-0.125", "-¥0.13"),
])
def test_money_is_yuan_with_two_decimals(amount, shown):
    assert money(Decimal(amount)) == shown


def test_dates_read_the_chinese_way_without_leading_zeros():
    assert cn_date(date(2026, 3, 5)) == "2026年3月5日"
    assert cn_date(date(2026, 12, 31)) == "2026年12月31日"


@pytest.mark.parametrize("part, whole, shown", [
    (3, 4, "75%"), (1, 3, "33%"), (2, 3, "67%"), (1, 8, "13%"), (4, 4, "100%"), (0, 5, "0%"), (0, 0, "—"),
])
def test_percent_rounds_half_up_and_says_dash_for_nothing(part, whole, shown):
    assert percent(part, whole) == shown
