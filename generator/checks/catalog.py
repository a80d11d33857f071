"""The 公开目录 kept up: each 定期 item has something published in its last full period."""
from __future__ import annotations

from datetime import date

from generator.load.dataset import Community
from generator.problems import WARNING, Problem, display_path, messages
from generator.records.catalog import CatalogItem
from generator.records.kinds import BY_NAME
from generator.views.catalog import catalog_items, catalog_status
from generator.views.format import cn_date
from generator.views.periods import EVERY_ZH

messages.add({
    "catalog-overdue": (
        "公开目录中的“{name}”应{every_zh}公开，但{period}没有{audience_zh}发布任何{source_zh}记录"
        "（最近一次：{last}）：请补发这一期；如果公开时限不对，请在 catalog.yml 里修改{default_zh}。",
        "catalogue item '{name}' is due every {every} but nothing was published in {period} "
        "(last: {last}): publish it, or change its rhythm in catalog.yml.",
    ),
})


def check(community: Community, today: date) -> list[Problem]:
    found = _duplicates(community)
    for state in catalog_status(community, today):
        # A 定期 item behind names the period it missed; the 议事 item is behind on late feedback
        # instead, which its page and the portal show (views.catalog), not a period to publish.
        if state.overdue and state.missed is not None:
            found.append(_overdue(community, state))
    return found


def _where(community: Community, item, year: int | None = None) -> tuple:
    """The item's line in catalog.yml; for the default catalogue, the file the records belong in."""
    if item.src[0]:
        return item.src
    kind = BY_NAME[item.source]
    return (display_path(kind.path(community.root, year) if kind.per_year and year is not None
                         else community.root / f"{kind.name}.yml"), 0, 0)


def _overdue(community: Community, state) -> Problem:
    item = state.item
    file, line, col = _where(community, item, state.missed.year)
    return Problem("catalog-overdue", file, line, col, path="rhythm", severity=WARNING, params={
        "name": item.name, "every_zh": EVERY_ZH[item.period], "every": item.period,
        "period": state.missed.label, "source_zh": BY_NAME[item.source].label,
        "audience_zh": "仅党内" if item.audience == "members" else "向党外",
        "last": cn_date(state.last_published) if state.last_published else "从未发布",
        "default_zh": "" if item.src[0] else "（本社区还没有 catalog.yml，目前用的是默认目录）",
    })


def _duplicates(community: Community) -> list[Problem]:
    seen: dict[str, CatalogItem] = {}
    found: list[Problem] = []
    for item in catalog_items(community):
        if item.id in seen:
            file, line, col = _where(community, item)
            found.append(Problem("duplicate-id", file, line, col, path="id", params={
                "kind": "catalog item", "kind_zh": "公开事项", "id": item.id,
                "first": "{}:{}".format(*seen[item.id].src[:2]),
            }))
        else:
            seen[item.id] = item
    return found
