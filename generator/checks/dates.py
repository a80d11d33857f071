"""Dates that belong to another year's file, or lie in the future (warnings)."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.problems import WARNING, Problem
from generator.records.kinds import PER_YEAR

FUTURE_OK = {"notices", "commitments"}  # a notice may be announced ahead, a commitment is due later


def check(community: Community, today: date) -> list[Problem]:
    found = []
    for kind in PER_YEAR:  # each knows the date field that places its records in a year
        field = kind.dated_by
        for year, yearfile in community.of(kind).items():
            for record in kind.records(yearfile):
                when = getattr(record, field, None)
                if when is None:  # a list in the file dated otherwise (三张清单's resources, projects)
                    continue
                file, line, col = record.src_of(field)
                if when.year != year:
                    found.append(Problem("year-mismatch", file, line, col, path=field, severity=WARNING,
                                         params={"date": str(when), "year": year}))
                if kind.name not in FUTURE_OK and when > today:
                    found.append(Problem("future-date", file, line, col, path=field, severity=WARNING,
                                         params={"date": str(when), "today": str(today)}))
    return found
