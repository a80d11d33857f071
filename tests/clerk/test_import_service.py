"""`dangwu import service`: a 双报到服务登记表 → service/<year>.yml, members by name or id, hours exact."""
from __future__ import annotations

from decimal import Decimal

import pytest

from generator.clerk import import_headers as h
from generator.clerk.import_headers import CellError
from tests.clerk.test_import import SLUG, run

SHEET = ("党员姓名,服务日期,服务时长（小时）,服务内容,对应需求,身份证号\n"
         "王海涛,2026年4月11日,2,辅导四点半课堂作业,项目清单：四点半课堂,110101199003074573\n"
         "m004,2026/6/20,1.5小时,清理楼道堆物,,\n")


def _sheet(tmp_path, text: str = SHEET):
    path = tmp_path / "双报到登记.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_service_sheet_is_written_with_ids_exact_hours_and_no_personal_columns(write_community, tmp_path, capsys):
    data = write_community()
    assert run("import", "service", str(_sheet(tmp_path)), str(data), "--community", SLUG, "--write") == 0
    out = capsys.readouterr().out
    assert "没有导入的个人信息列：身份证号" in out
    text = (data / "communities" / SLUG / "service" / "2026.yml").read_text(encoding="utf-8")
    assert "id: s2026-01" in text and "id: s2026-02" in text
    assert 'member: m004' in text and 'hours: "2.0"' in text and 'hours: "1.5"' in text
    assert "110101199003074573" not in text
    assert run("check", str(data)) == 0
    # The same sheet again, a row longer: the rows already recorded are skipped.
    longer = SHEET + "王海涛,2026-07-04,3,义诊协助,,\n"
    assert run("import", "service", str(_sheet(tmp_path, longer)), str(data), "--community", SLUG, "--write") == 0
    text = (data / "communities" / SLUG / "service" / "2026.yml").read_text(encoding="utf-8")
    assert text.count("  - id:") == 3 and "id: s2026-03" in text


def test_a_member_must_be_on_the_roster_and_reporting(write_community, tmp_path, capsys):
    data = write_community()
    unknown = "党员姓名,服务日期,服务时长,服务内容\n王建,2026-04-11,2,义诊\n"
    assert run("import", "service", str(_sheet(tmp_path, unknown)), str(data), "--community", SLUG) == 1
    assert "“党员姓名”列的“王建”不是本社区的党员" in capsys.readouterr().out
    not_reporting = "党员姓名,服务日期,服务时长,服务内容\n周玉兰,2026-04-11,2,义诊\n"
    assert run("import", "service", str(_sheet(tmp_path, not_reporting)), str(data), "--community", SLUG) == 1
    assert "双报到服务只记在职报到的党员" in capsys.readouterr().out


def test_hours_are_taken_to_one_decimal_exactly():
    assert h.hours(2) == "2.0" and h.hours(2.5) == "2.5" and h.hours("1.5 小时") == "1.5"
    assert Decimal(h.hours("0.5")) == Decimal("0.5")
    for bad in ("2.25", "两小时", True):
        with pytest.raises(CellError) as refused:
            h.hours(bad)
        assert refused.value.code == "import-bad-hours"
