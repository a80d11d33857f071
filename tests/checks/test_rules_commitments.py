"""dangwu check: commitments state a checkable target, and progress never drops without a note."""
import shutil
from datetime import date
from pathlib import Path

from generator.checks import load_and_check

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"


def _found(tmp_path, code, *edits):
    shutil.copytree(TINY, tmp_path / "data")
    path = tmp_path / "data" / "communities" / "xiaoyuan" / "commitments" / "2026.yml"
    text = path.read_text(encoding="utf-8")
    for old, new in edits:
        assert old in text
        text = text.replace(old, new, 1)
    path.write_text(text, encoding="utf-8")
    _, problems = load_and_check(tmp_path / "data", None, date(2026, 11, 23))
    return [p for p in problems if p.code == code]


DROP = "        progress: 100\n        note: 12 处全部清理\n"


def test_progress_going_down_without_a_note_is_a_warning_at_the_review(tmp_path):
    [problem] = _found(tmp_path, "commitment-progress-down",
                       ("        progress: 0\n", "        progress: 20\n"),
                       (DROP, "        progress: 10\n"))
    assert (problem.severity, problem.line, problem.col) == ("warning", 18, 19)
    assert problem.message() == (
        "承诺“清理楼道堆物”在 2026-06-30 的进度是 10%，比上一次（2026-01-15）的 20% 低，"
        "却没有说明：进度下降时请在 note 里写明原因。")


def test_progress_going_down_with_a_note_is_fine(tmp_path):
    assert _found(tmp_path, "commitment-progress-down",
                  ("        progress: 0\n", "        progress: 20\n"),
                  (DROP, "        progress: 10\n        note: 复查发现 2 处又有堆物\n")) == []


def test_a_commitment_without_a_target_is_a_warning(tmp_path):
    [problem] = _found(tmp_path, "commitment-no-target", ("    target: 全年巡逻不少于 90 次\n", ""))
    assert (problem.severity, problem.line) == ("warning", 20)
    assert problem.message().startswith("承诺“每周巡逻两次”没有写目标：请写明可检验的目标（target）")
