"""dangwu check: a 发展党员公示 lasts at least 5 working days, counted with holidays and 调休."""
import shutil
from datetime import date
from pathlib import Path

from generator.checks import load_and_check

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"


def _found(tmp_path, start: str, end: str, code: str):
    shutil.copytree(TINY, tmp_path / "data")
    path = tmp_path / "data" / "communities" / "xiaoyuan" / "notices" / "2026.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("start: 2026-03-02", f"start: {start}").replace("end: 2026-03-06", f"end: {end}")
    path.write_text(text, encoding="utf-8")
    _, problems = load_and_check(tmp_path / "data", None, date(2026, 12, 31))
    return [p for p in problems if p.code == code]


def test_four_working_days_across_a_tiaoxiu_weekend_is_an_error(tmp_path):
    # Thu 10-08 to Mon 10-12: Sat 10-10 is a 调休 workday, Sun 10-11 is not: 4 working days.
    [problem] = _found(tmp_path, "2026-10-08", "2026-10-12", "notice-too-short")
    assert (problem.severity, problem.line, problem.path) == ("error", 6, "notices[1].end")
    assert problem.message() == (
        "发展党员公示“关于拟接收周小明同志为预备党员的公示”从 2026-10-08 到 2026-10-12 只有 4 个工作日"
        "（按国务院节假日安排，含调休）：至少要 5 个工作日，请把结束日期（end）改到 2026-10-13 或以后。")


def test_the_tiaoxiu_saturday_counts_towards_the_five_days(tmp_path):
    # Thu 10-08 to Tue 10-13: Monday-to-Friday counting would find only 4.
    assert _found(tmp_path, "2026-10-08", "2026-10-13", "notice-too-short") == []


def test_a_holiday_on_a_weekday_does_not_count(tmp_path):
    [problem] = _found(tmp_path, "2026-09-21", "2026-09-25", "notice-too-short")  # Fri 09-25 is Mid-Autumn
    assert "只有 4 个工作日" in problem.message()


def test_a_notice_in_a_year_without_a_schedule_warns_that_monday_to_friday_was_used(tmp_path):
    [problem] = _found(tmp_path, "2026-12-28", "2027-01-05", "notice-calendar-unknown")
    assert problem.severity == "warning"
    assert problem.message() == (
        "公示“关于拟接收周小明同志为预备党员的公示”在 2027 年，这一年的节假日安排还没有收录："
        "工作日暂按周一至周五计算，节假日和调休没有算进去；国务院公布安排后请升级 chinese-calendar 并重新检查。")
    assert "counted Monday to Friday" in problem.message("en")
