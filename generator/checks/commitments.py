"""Commitments that can be checked: a written target, and progress that never silently drops."""
from __future__ import annotations

from datetime import date
from itertools import pairwise

from generator.load.dataset import Community
from generator.problems import WARNING, Problem, messages
from generator.views.commitments import STEPS

messages.add({
    "commitment-no-target": (
        "承诺“{title}”没有写目标：请写明可检验的目标（target），如“清理 23 处，年底复查不超过 2 处”，"
        "最好同时写明现状（baseline）。",
        "commitment '{title}' has no target: write a checkable target (and the baseline).",
    ),
    "commitment-progress-down": (
        "承诺“{title}”在 {date} 的进度是 {progress}%，比上一次（{previous_date}）的 {previous}% 低，"
        "却没有说明：进度下降时请在 note 里写明原因。",
        "commitment '{title}': progress fell from {previous}% ({previous_date}) to {progress}% on {date} "
        "without a note: explain the drop in note.",
    ),
    "commitment-stages-order": (
        "{year} 年承诺的“{label}”日期 {date} 早于“{previous_label}”的 {previous}：三个环节应按"
        "年初列清单、年中查清单、年底述清单的顺序进行，请核对日期。",
        "{year}'s commitments: '{label}' on {date} comes before '{previous_label}' on {previous}; "
        "the steps go listed, checked, reported: check the dates.",
    ),
    "commitment-stage-year": (
        "{year} 年承诺的“{label}”写的是 {date}，不在 {allowed}：请核对日期，或把它写到对应年份的文件里。",
        "{year}'s commitments: '{label}' is dated {date}, outside {allowed}: check the date.",
    ),
    "commitment-review-stage-order": (
        "承诺“{title}”的{stage}检查（{date}）早于{previous_stage}检查（{previous}）：检查记录应按年初、年中、年底的顺序，"
        "请核对日期或阶段（stage）。",
        "commitment '{title}': its {stage} review ({date}) is dated before its {previous_stage} review ({previous}): "
        "check the date or the stage.",
    ),
})

STAGE_ORDER = {"年初": 0, "年中": 1, "年底": 2}  # a 季度 讲评 may fall anywhere: not ordered


def check(community: Community, today: date | None = None) -> list[Problem]:
    found = []
    for year, yearfile in community.commitments.items():
        for index, commitment in enumerate(yearfile.commitments):
            found += _target(commitment) + _progress(community, commitment, index) + _review_stages(commitment)
        found += _stages(yearfile, year)
    return found


def _stages(yearfile, year: int) -> list[Problem]:
    """年初列 → 年中查 → 年底述 in order, each in its year (年底述 may be in the next January)."""
    if yearfile.stages is None:
        return []
    found, previous = [], None
    for step in STEPS:
        held = getattr(yearfile.stages, step.field)
        if held is None:
            continue
        file, line, col = held.src_of("date")
        allowed = (year, year + 1) if step.next_year else (year,)
        if held.date.year not in allowed:
            found.append(Problem("commitment-stage-year", file, line, col, path=f"stages.{step.field}.date",
                                 severity=WARNING, params={"year": year, "label": step.label, "date": str(held.date),
                                                           "allowed": "或".join(f"{y} 年" for y in allowed)}))
        if previous is not None and held.date < previous[1].date:
            found.append(Problem("commitment-stages-order", file, line, col, path=f"stages.{step.field}.date",
                                 params={"year": year, "label": step.label, "date": str(held.date),
                                         "previous_label": previous[0].label, "previous": str(previous[1].date)}))
        previous = (step, held)
    return found


def _review_stages(commitment) -> list[Problem]:
    """A 年中 review dated before a 年初 one (or 年底 before 年中) is a slip in the date or the stage."""
    found = []
    ordered = [r for r in commitment.reviews if r.stage in STAGE_ORDER]
    for review in ordered:
        earlier_stage = [r for r in ordered if STAGE_ORDER[r.stage] < STAGE_ORDER[review.stage] and r.date > review.date]
        if earlier_stage:
            other = min(earlier_stage, key=lambda r: r.date)
            file, line, col = review.src_of("date")
            found.append(Problem("commitment-review-stage-order", file, line, col, path="reviews.date",
                                 severity=WARNING, params={"title": commitment.title, "stage": review.stage,
                                                           "date": str(review.date), "previous_stage": other.stage,
                                                           "previous": str(other.date)}))
    return found


def _target(commitment) -> list[Problem]:
    if commitment.target:
        return []
    file, line, col = commitment.src
    return [Problem("commitment-no-target", file, line, col, path="target", severity=WARNING,
                    params={"title": commitment.title})]


def _progress(community: Community, commitment, index: int) -> list[Problem]:
    found = []
    reviews = sorted(enumerate(commitment.reviews), key=lambda pair: pair[1].date)
    for (_, previous), (number, review) in pairwise(reviews):
        if review.progress < previous.progress and not review.note:
            file = review.src[0]
            place = ("commitments", index, "reviews", number, "progress")
            line, col = community.sources[file].mark(place)
            found.append(Problem("commitment-progress-down", file, line, col,
                                 path=f"commitments[{index + 1}].reviews[{number + 1}].progress",
                                 severity=WARNING, params={
                                     "title": commitment.title, "date": str(review.date),
                                     "progress": review.progress, "previous": previous.progress,
                                     "previous_date": str(previous.date),
                                 }))
    return found
