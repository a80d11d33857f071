"""Which problems stop a publish: every error, and the warnings whose codes are registered here.

`dangwu check` reports a left-over template text as a warning, because a clerk checks while a
record is still half filled in; the site must never show it, so `dangwu build` refuses it like
an error. Which codes do so is data, declared by each rule module next to its messages.
"""
from __future__ import annotations

from generator.problems import ERROR, Problem

BLOCKS_PUBLISH: set[str] = set()


def blocks_publish(*codes: str) -> None:
    """Register warning codes that `dangwu build` treats as errors."""
    BLOCKS_PUBLISH.update(codes)


def publish_blockers(problems) -> list[Problem]:
    return [p for p in problems if p.severity == ERROR or p.code in BLOCKS_PUBLISH]


def refuse_on_blockers(problems, log, consequence: str) -> bool:
    """Print every problem and one line saying ``consequence`` when any blocks publishing;
    True when the caller must stop."""
    blockers = publish_blockers(problems)
    if blockers:
        for problem in problems:
            log(problem.as_text())
        log(f"有 {len(blockers)} 个问题必须先改正：{consequence}。请先改正后再运行。")
    return bool(blockers)
