"""Commitments that can be checked: a written target, and progress that never silently drops."""
from __future__ import annotations

from datetime import date
from itertools import pairwise

from generator.load.dataset import Community
from generator.problems import WARNING, Problem, messages

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
})


def check(community: Community, today: date | None = None) -> list[Problem]:
    found = []
    for yearfile in community.commitments.values():
        for index, commitment in enumerate(yearfile.commitments):
            found += _target(commitment) + _progress(community, commitment, index)
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
