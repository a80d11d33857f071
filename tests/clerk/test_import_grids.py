"""`dangwu import grid`: a 网格划分表 → grids.yml, buildings split, posts and members resolved, no household list."""
from __future__ import annotations

from generator.clerk import import_headers as h
from tests.clerk.test_import import SLUG, run, workbook

GRIDS = ["网格编号", "网格名称", "楼栋", "网格长", "楼栋长", "党员", "职责", "办公电话"]


def _grids(data):
    return data / "communities" / SLUG / "grids.yml"


def test_a_grid_sheet_is_written_numbered_and_checks_clean_and_imports_again(write_community, tmp_path, capsys):
    data = write_community()
    sheet = workbook(tmp_path / "网格划分.xlsx", [
        [None, "第一网格", "1号楼、2号楼1-3单元", "治安巡逻岗", "李秀英", "周玉兰，m002", "走访楼栋、收集诉求",
         "010-63772480"],
        ["g7", "第二网格", "2号楼4-6单元 3号楼", None, None, "王海涛", None, None],
    ], header=GRIDS, title="2026年网格划分表")
    assert run("import", "grid", str(sheet), str(data), "--community", SLUG, "--write") == 0
    text = _grids(data).read_text(encoding="utf-8")
    assert "id: g8" in text and "id: g7" in text  # numbered after the highest, as `dangwu new grid` does
    assert 'area: ["1号楼", "2号楼1-3单元"]' in text and 'area: ["2号楼4-6单元", "3号楼"]' in text
    assert "members: [m001, m002, m003]" in text and "posts: [p-xunluo]" in text
    assert run("check", str(data)) == 0
    # Again, a row longer: the grids already in the file (by id or by name) are skipped.
    capsys.readouterr()
    longer = workbook(tmp_path / "网格划分2.xlsx", [
        ["g8", "第一网格", "1号楼、2号楼1-3单元", None, None, None, None, None],
        [None, "第二网格", "2号楼4-6单元、3号楼", None, None, None, None, None],
        [None, "第三网格", "5号楼", None, None, None, None, None],
    ], header=GRIDS, title=None)
    assert run("import", "grid", str(longer), str(data), "--community", SLUG, "--write") == 0
    assert "已有 2 行，跳过" in capsys.readouterr().out
    text = _grids(data).read_text(encoding="utf-8")
    assert text.count("  - id:") == 3 and "id: g9" in text
    assert run("check", str(data)) == 0


def test_a_household_column_refuses_the_sheet_and_nothing_is_written(write_community, tmp_path, capsys):
    data = write_community()
    sheet = workbook(tmp_path / "网格划分.xlsx", [["第一网格", "1号楼", "张三、李四"]],
                     header=["网格名称", "楼栋", "住户名单"], title=None)
    assert run("import", "grid", str(sheet), str(data), "--community", SLUG, "--write") == 1
    out = capsys.readouterr().out
    assert "网格划分.xlsx 第 1 行：“住户名单”列看起来是住户名单" in out and "什么都没有写入" in out
    assert not _grids(data).exists()


def test_an_unknown_member_is_refused_with_its_row(write_community, tmp_path, capsys):
    data = write_community()
    sheet = workbook(tmp_path / "网格划分.xlsx", [["第一网格", "1号楼", "周玉兰"], ["第二网格", "3号楼", "王建"]],
                     header=["网格名称", "楼栋", "党员"], title=None)
    assert run("import", "grid", str(sheet), str(data), "--community", SLUG, "--write") == 1
    out = capsys.readouterr().out
    assert "网格划分.xlsx 第 3 行：“党员”列的“王建”不是本社区的党员" in out and "什么都没有写入" in out
    assert not _grids(data).exists()


def test_buildings_split_on_the_marks_a_clerk_uses_and_household_headers_are_known():
    assert h.buildings("1号楼、2号楼1-3单元，3号楼, 4号楼  5号楼") == ["1号楼", "2号楼1-3单元", "3号楼", "4号楼", "5号楼"]
    assert all(h.is_household(name) for name in ("住户", "户主姓名", "居民名单", "门牌号", "Households", "居民", "家庭"))
    assert not any(h.is_household(name) for name in ("楼栋", "网格长", "党员", "办公电话"))
