"""Gaps in organisational life (三会一课): each branch, kind and period with nothing recorded."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.problems import WARNING, Problem, messages
from generator.views.cadence import cadence

RULES_ZH = {
    "支委会": "支委会应每月召开", "党小组会": "党小组会应每月召开（任一党小组召开即可）",
    "支部党员大会": "支部党员大会应至少每季度召开一次", "党课": "党课应至少每季度上一次",
}
RULES_EN = {"支委会": "monthly", "党小组会": "monthly", "支部党员大会": "at least quarterly", "党课": "at least quarterly"}

messages.add({
    "cadence-gap": (
        "{unit}（{unit_id}）{period}没有{kind}的记录：{rule_zh}。如已召开，请在 activities/{year}.yml 里补记。",
        "{unit} ({unit_id}) has no {kind} recorded in {period} ({kind} is due {rule_en}): "
        "record it in activities/{year}.yml if it was held.",
    ),
})


def check(community: Community, today: date) -> list[Problem]:
    years = community.activities
    if not years:
        return []
    found = []
    for year in range(min(years), today.year + 1):
        for unit_cadence in cadence(community, year, today, audience="members"):
            found += [_gap(unit_cadence.unit, kind, period, year) for kind, period in unit_cadence.gaps]
    return found


def _gap(unit, kind: str, period: str, year: int) -> Problem:
    file, line, col = unit.src
    return Problem("cadence-gap", file, line, col, path="id", severity=WARNING, params={
        "unit": unit.name, "unit_id": unit.id, "kind": kind, "period": period, "year": year,
        "rule_zh": RULES_ZH[kind], "rule_en": RULES_EN[kind],
    })
