"""Dates that belong to another year's file, or lie in the future (warnings)."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.problems import WARNING, Problem

# For each year folder: the records and the date field that places them in a year.
DATED = {
    "activities": ("activities", "date"),
    "notices": ("notices", "start"),
    "commitments": ("commitments", "made"),
    "finances": ("entries", "date"),
}
FUTURE_OK = {"notices", "commitments"}  # a notice may be announced ahead, a commitment is due later


def check(community: Community, today: date) -> list[Problem]:
    found = []
    for kind, (attr, field) in DATED.items():
        for year, yearfile in community.years(kind).items():
            for record in getattr(yearfile, attr):
                when = getattr(record, field)
                file, line, col = record.src_of(field)
                if when.year != year:
                    found.append(Problem("year-mismatch", file, line, col, path=field, severity=WARNING,
                                         params={"date": str(when), "year": year}))
                if kind not in FUTURE_OK and when > today:
                    found.append(Problem("future-date", file, line, col, path=field, severity=WARNING,
                                         params={"date": str(when), "today": str(today)}))
    return found
