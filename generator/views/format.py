"""How figures read on the board: money ¥8,500.00, dates 2026年3月5日, shares 75%.

One place for these so a figure looks the same on every page, the kiosk and the print sheet.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from babel import Locale
from babel.numbers import format_currency

FEN = Decimal("0.01")
ZH_CN = Locale.parse("zh_CN")  # parsed once: babel parses a locale name on every call (~0.4 ms)


def to_fen(amount: Decimal) -> Decimal:
    """Round to the fen the way a cashier does (half up), exactly."""
    return Decimal(amount).quantize(FEN, rounding=ROUND_HALF_UP)


def money(amount: Decimal) -> str:
    """¥8,500.00; a negative amount reads -¥35.00."""
    return format_currency(to_fen(amount), "CNY", locale=ZH_CN)


def cn_date(d: date) -> str:
    """2026年3月5日 (no leading zeros, as people write it)."""
    return f"{d.year}年{d.month}月{d.day}日"


def cn_month_day(d: date) -> str:
    """3月5日, for dates whose year is clear from the context."""
    return f"{d.month}月{d.day}日"


def percent(part: int, whole: int) -> str:
    """75%, rounded half up to a whole percent; "—" when there is nothing to divide by."""
    if whole == 0:
        return "—"
    share = (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return f"{share}%"
