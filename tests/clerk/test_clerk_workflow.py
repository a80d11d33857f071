"""The clerk's day as the README tells it: `dangwu new`, fill in, `dangwu check`, `dangwu build`.

Template text left in a record may be checked (a warning) but never published (build refuses);
a new community, once every placeholder is filled, checks clean.
"""
from __future__ import annotations

import hashlib
import os
import re
import subprocess
import sys
from pathlib import Path

from generator.cli import main
from tests.conftest import TODAY

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "SOURCE_DATE_EPOCH": "1763856000"}


def dangwu(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *map(str, args), "--today", TODAY.isoformat()],
                          cwd=cwd, capture_output=True, text=True, env=ENV)


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_an_unfilled_new_entry_warns_in_check_and_blocks_the_build(tmp_path, write_community):
    data = write_community()
    out = tmp_path / "site"
    first = dangwu("build", data, "--out", out, cwd=tmp_path)
    assert first.returncode == 0, first.stdout + first.stderr
    published = tree_digest(out / "xiaoyuan")  # the community's site (the portal marks it 未更新)

    added = dangwu("new", "entry", data, "--community", "xiaoyuan", "--fund", "service", "--date", "2026-11-20",
                   cwd=tmp_path)
    assert added.returncode == 0, added.stdout
    ledger = "data/communities/xiaoyuan/finances/2026.yml"
    lines = (tmp_path / ledger).read_text(encoding="utf-8").splitlines()
    amount_line = next(n for n, text in enumerate(lines, 1) if 'amount: "0.00"' in text)
    summary_line = next(n for n, text in enumerate(lines, 1) if "（请填写摘要）" in text)

    check = dangwu("check", "data", cwd=tmp_path)
    assert check.returncode == 0, check.stdout
    assert f"{ledger}:{amount_line}:" in check.stdout and "amount-zero 警告" in check.stdout
    assert f"{ledger}:{summary_line}:" in check.stdout and "placeholder-left 警告" in check.stdout

    build = dangwu("build", "data", "--out", out, cwd=tmp_path)
    assert build.returncode == 1
    assert f"{ledger}:{amount_line}:" in build.stdout
    assert "这笔收支的金额是 0.00" in build.stdout
    assert f"{ledger}:{summary_line}:" in build.stdout
    assert "还是模板里的占位文字“（请填写摘要）”" in build.stdout
    assert "必须先改正：没有构建，已发布的网站保持不变" in build.stdout
    assert tree_digest(out / "xiaoyuan") == published
    assert "请填写" not in "".join(p.read_text(encoding="utf-8", errors="replace")
                                 for p in out.rglob("*") if p.is_file() and p.suffix in {".html", ".csv", ".xml"})


# --- a new community, filled in as a clerk would ---------------------------------------------------

SENSIBLE = {
    "所属街道": "青年路街道", "所属区": "景和区", "党群服务中心地址": "新园路 8 号党群服务中心",
    "书记姓名": "周玉兰", "标题": "十一月主题党日", "公示内容": "经支部党员大会讨论，拟表彰优秀党员。",
    "承诺事项": "清理楼道堆物", "现状": "楼道堆物 23 处", "可检验的目标": "年底复查不超过 2 处",
    "摘要": "购买慰问物资", "经办人": "陈志远", "审批人": "周玉兰", "姓名": "王建华",
}


def fill(text: str) -> str:
    """Each “（请填写…）” replaced by its own example (“如 …”) or a sensible value; phones and amounts too."""
    def value(match: re.Match) -> str:
        hint = match.group(1)
        example = re.search(r"如 (.+)$", hint)
        return f'"{example.group(1) if example else SENSIBLE[hint]}"'
    text = re.sub(r'"（请填写([^）]*)）"', value, text)
    text = text.replace('"010-00000000"', '"010-62001234"')
    return text.replace('amount: "0.00"', 'amount: "-35.00"')


def test_a_filled_new_community_passes_a_strict_check(tmp_path, capsys):
    data = tmp_path / "data"
    assert main(["new", "community", "xinyuan", str(data), "--today", TODAY.isoformat()]) == 0
    for kind, extra in [("activity", []), ("notice", []), ("commitment", []), ("member", []),
                        ("entry", ["--fund", "service"])]:
        assert main(["new", kind, str(data), *extra, "--today", TODAY.isoformat()]) == 0
    capsys.readouterr()

    assert main(["check", str(data), "--today", TODAY.isoformat(), "--strict"]) == 1
    unfilled = capsys.readouterr().out
    assert "community.yml:10:" in unfilled and "“010-00000000”" in unfilled  # the office phone

    for path in (data / "communities" / "xinyuan").rglob("*.yml"):
        path.write_text(fill(path.read_text(encoding="utf-8")), encoding="utf-8")
    assert main(["check", str(data), "--today", TODAY.isoformat(), "--strict"]) == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert "检查通过" in out.err

    # Months before the community was set up are not held against it; the months after are.
    assert main(["check", str(data), "--today", "2027-02-10", "--strict"]) == 1
    later = capsys.readouterr().out
    assert "2026年12月没有支委会的记录" in later and "2027年1月没有支委会的记录" in later
    assert "2026年11月" not in later and "2026年第3季度" not in later
    assert "records_since: 2026-11-23" in (data / "communities/xinyuan/community.yml").read_text(encoding="utf-8")
