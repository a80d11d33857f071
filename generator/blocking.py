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
