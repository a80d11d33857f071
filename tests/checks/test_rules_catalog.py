"""dangwu check: catalogue items overdue, and catalog.yml itself checked."""
import shutil
from datetime import date
from pathlib import Path

from generator.checks import load_and_check

TINY = Path(__file__).parents[1] / "fixtures" / "tiny"


def _data(tmp_path, catalog: str | None = None):
    shutil.copytree(TINY, tmp_path / "data")
    root = tmp_path / "data" / "communities" / "xiaoyuan"
    path = root / "finances" / "2026.yml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - date: 2026-07-01\n", "  - date: 2026-06-30\n"),
                    encoding="utf-8")
    if catalog is not None:
        (root / "catalog.yml").write_text(catalog, encoding="utf-8")
    return tmp_path / "data"


def _found(data, code, today):
    _, problems = load_and_check(data, None, today)
    return [p for p in problems if p.code == code]


def test_a_catalogue_item_overdue_by_one_day(tmp_path):
    data = _data(tmp_path)  # the service fund's last entry is now 2026-06-30
    assert _found(data, "catalog-overdue", date(2026, 9, 30)) == []
    [problem] = _found(data, "catalog-overdue", date(2026, 10, 1))
    assert problem.severity == "warning"
    assert problem.file.endswith("xiaoyuan/finances/2026.yml")  # no catalog.yml: where the records belong
    assert problem.message() == (
        "公开目录中的“服务群众经费”应每季度公开，但2026年第3季度没有向党外发布任何收支明细记录（最近一次：2026年6月30日）："
        "请补发这一期；如果公开时限不对，请在 catalog.yml 里修改（本社区还没有 catalog.yml，目前用的是默认目录）。")


CATALOG = """\
items:
  - id: jingfei
    name: 服务群众经费
    rhythm: 定期
    period: quarter
    source: finances
    kinds: [service]
"""


def test_an_overdue_item_of_the_communitys_own_catalogue_points_at_its_line(tmp_path):
    [problem] = _found(_data(tmp_path, CATALOG), "catalog-overdue", date(2026, 10, 1))
    assert (problem.file.endswith("catalog.yml"), problem.line) == (True, 2)
    assert problem.message().endswith("请补发这一期；如果公开时限不对，请在 catalog.yml 里修改。")


def test_a_periodic_item_needs_its_period(tmp_path):
    data = _data(tmp_path, CATALOG.replace("    period: quarter\n", ""))
    [problem] = _found(data, "catalog-period-missing", date(2026, 10, 1))
    assert (problem.severity, problem.line) == ("error", 2)
    assert "month 每月、quarter 每季度、halfyear 每半年或 year 每年" in problem.message()


def test_kinds_must_be_kinds_of_the_source(tmp_path):
    bad = CATALOG.replace("source: finances\n    kinds: [service]", "source: activities\n    kinds: [支委会, 例会]")
    [problem] = _found(_data(tmp_path, bad), "catalog-bad-kind", date(2026, 10, 1))
    assert problem.message().startswith("范围（kinds）里的“例会”不是活动的类别：只能写 支部党员大会、支委会")


def test_duplicate_item_ids_are_reported(tmp_path):
    twice = CATALOG + CATALOG.replace("items:\n", "")
    [problem] = _found(_data(tmp_path, twice), "duplicate-id", date(2026, 9, 30))
    assert (problem.line, problem.message()) == (8, f"公开事项编号“jingfei”重复（第一次在 {problem.file}:2）：请换一个未用过的编号。")


def test_a_period_on_an_item_that_is_not_periodic_is_an_error(tmp_path):
    data = _data(tmp_path, CATALOG.replace("rhythm: 定期", "rhythm: 即时"))
    [problem] = _found(data, "catalog-period-unused", date(2026, 10, 1))
    assert problem.message() == "只有“定期”事项才写周期（period），这一项是“即时”：请删除 period，或把 rhythm 改为 定期。"


def test_kinds_on_a_source_without_kinds_is_an_error(tmp_path):
    data = _data(tmp_path, CATALOG.replace("source: finances", "source: partners"))
    [problem] = _found(data, "catalog-kinds-unused", date(2026, 10, 1))
    assert problem.message() == (
        "来源是 partners 时不能限定范围（kinds）：请删除 kinds；只有 activities、notices、finances 可以限定。")
