"""Calendar periods a rhythm is judged by: month, quarter, half year, year."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

MONTHS_PER = {"month": 1, "quarter": 3, "halfyear": 6, "year": 12}
EVERY_ZH = {"month": "每月", "quarter": "每季度", "halfyear": "每半年", "year": "每年"}


@dataclass(frozen=True, order=True)
class Period:
    year: int
    number: int  # month 1–12, quarter 1–4, half 1–2, or 1 for a year
    kind: str  # "month" | "quarter" | "halfyear" | "year"

    @property
    def start(self) -> date:
        return date(self.year, (self.number - 1) * MONTHS_PER[self.kind] + 1, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def next(self) -> Period:
        per_year = 12 // MONTHS_PER[self.kind]
        if self.number == per_year:
            return Period(self.year + 1, 1, self.kind)
        return Period(self.year, self.number + 1, self.kind)

    def previous(self) -> Period:
        if self.number == 1:
            return Period(self.year - 1, 12 // MONTHS_PER[self.kind], self.kind)
        return Period(self.year, self.number - 1, self.kind)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def label(self) -> str:
        """2026年3月, 2026年第2季度, 2026年上半年, 2026年."""
        if self.kind == "month":
            return f"{self.year}年{self.number}月"
        if self.kind == "quarter":
            return f"{self.year}年第{self.number}季度"
        if self.kind == "halfyear":
            return f"{self.year}年{'上' if self.number == 1 else '下'}半年"
        return f"{self.year}年"


def period_of(day: date, kind: str) -> Period:
    return Period(day.year, (day.month - 1) // MONTHS_PER[kind] + 1, kind)


def last_full_period(today: date, kind: str) -> Period:
    """The latest period that ended before today."""
    return period_of(today, kind).previous()


def periods_in_year(year: int, kind: str) -> list[Period]:
    return [Period(year, n, kind) for n in range(1, 12 // MONTHS_PER[kind] + 1)]
