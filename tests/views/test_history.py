"""The 更新记录 page and last-changed dates, from the git history of the records."""
from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest

from generator.load.dataset import load_community
from generator.render.pages import changes
from generator.render.pages.context import PageContext
from generator.views.history import ADDED, CHANGED, REMOVED, diff_file, match_entries
from generator.views.history_text import Wording
from tests.conftest import TODAY

SLUG = "xiaoyuan"


@pytest.fixture
def git_env(monkeypatch, tmp_path):
    """A git that ignores the machine's own configuration and signs commits as a test clerk."""
    for name, value in {"GIT_AUTHOR_NAME": "党务专干", "GIT_AUTHOR_EMAIL": "clerk@example.cn",
                        "GIT_COMMITTER_NAME": "党务专干", "GIT_COMMITTER_EMAIL": "clerk@example.cn",
                        "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}.items():
        monkeypatch.setenv(name, value)


def git(repo: Path, *args: str, when: str | None = None) -> None:
    env = None
    if when:
        import os
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True, env=env)


def commit(repo: Path, message: str, when: str) -> None:
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", message, when=when)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


NEW_ACTIVITY = """  - id: a2026-0306
    date: 2026-03-06
    kind: 主题党日
    unit: zb
    title: 三月主题党日
  - id: a2026-0307
    date: 2026-03-07
    kind: 支委会
    unit: zb
    title: 三月临时支委会
    audience: members
"""


@pytest.fixture
def three_commits(write_community, git_env):
    """The tiny community, then an activity added and an amount corrected, then a notice withdrawn."""
    data = write_community()
    root = data / "communities" / SLUG
    git(data, "init", "-q")
    commit(data, "建立小园社区记录", "2026-03-01T09:00:00+08:00")
    activities = root / "activities" / "2026.yml"
    activities.write_text(activities.read_text(encoding="utf-8") + NEW_ACTIVITY, encoding="utf-8")
    edit(root / "finances" / "2026.yml", 'amount: "-350.50"', 'amount: "-530.50"')
    commit(data, "三月主题党日；改正一笔支出", "2026-03-06T18:00:00+08:00")
    (root / "notices" / "2026.yml").write_text("notices: []\n", encoding="utf-8")
    commit(data, "撤回公示", "2026-03-09T10:00:00+08:00")
    return root


def page(root: Path, audience: str = "public") -> str:
    community, problems = load_community(root)
    assert not [p for p in problems if p.severity == "error"]
    return changes.pages(PageContext(community, TODAY, audience))["changes/index.md"]


def context(root: Path, audience: str = "public") -> PageContext:
    return PageContext(load_community(root)[0], TODAY, audience)


def test_the_page_shows_what_each_commit_added_changed_and_removed(three_commits):
    text = page(three_commits)
    third, second, first = (text.index(f"## 2026年3月{d}日") for d in (9, 6, 1))
    assert third < second < first  # newest first
    assert "删除公示“关于拟接收周*明同志为预备党员的公示”（已撤回）" in text[third:second]
    assert "新增活动 2026年3月6日“三月主题党日”" in text[second:first]
    assert "修改财务 2026年第2笔“学雷锋志愿服务物资”：金额 -¥350.50 → -¥530.50" in text[second:first]
    assert '<a href="../activities/2026/#a2026-0306">' in text
    assert '<a href="../finances/2026/#f2026-2">' in text
    assert "新增活动 2026年1月10日“一月主题党日：清理楼道堆物”" in text[first:]
    assert "撤回公示" not in text and "改正一笔支出" not in text  # commit messages are never shown


def test_the_public_page_leaves_out_members_only_records_and_masks_names(three_commits):
    public, members = page(three_commits), page(three_commits, "members")
    assert "三月临时支委会" not in public and "周小明" not in public
    assert "新增活动 2026年3月7日“三月临时支委会”" in members
    assert "删除公示“关于拟接收周小明同志为预备党员的公示”（已撤回）" in members
    assert "党费" not in public and "一季度党费" in members


def test_last_changed_is_the_day_a_shown_record_of_that_file_changed(three_commits):
    public = context(three_commits)
    assert changes.last_changed(public, "notices", 2026) == date(2026, 3, 9)
    assert changes.last_changed(public, "finances", 2026) == date(2026, 3, 6)
    assert changes.last_changed(public, "partners") == date(2026, 3, 1)
    assert changes.last_changed(public, "activities", 2025) is None


def test_a_shallow_clone_says_the_history_is_partial(three_commits, tmp_path):
    data = three_commits.parents[1]
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", "--depth", "2", f"file://{data}", str(clone)], check=True, capture_output=True)
    text = page(clone / "communities" / SLUG)
    assert "只保存了最近的一部分更新历史" in text
    assert "删除公示“关于拟接收周*明同志为预备党员的公示”" in text
    assert "更早的历史没有保存在这里" in text and "新增活动 2026年3月6日" not in text


def test_without_git_history_the_page_says_so(write_community, monkeypatch):
    root = write_community() / "communities" / SLUG
    assert "暂时无法列出更新记录：数据文件夹不在 git 仓库里" in page(root)
    monkeypatch.setenv("PATH", "")  # no git installed at all
    assert "暂时无法列出更新记录：这台电脑上没有安装 git" in page(root)
    assert changes.last_changed(context(root), "activities", 2026) is None


# --- the pure part -----------------------------------------------------------------------------------

E = {"date": "2026-03-05", "fund": "service", "amount": "-35.00", "summary": "茶水", "voucher": "记-1"}


def test_ledger_entries_are_matched_by_content_voucher_then_place():
    a, b, c = E, {**E, "voucher": "记-2", "summary": "纸张"}, {**E, "voucher": "记-3", "summary": "横幅"}
    assert match_entries([a, b], [b, a]) == ([(1, 0), (0, 1)], [], [])  # reordered: nothing changed
    assert match_entries([a, b], [a, {**b, "amount": "-40.00"}]) == ([(0, 0), (1, 1)], [], [])
    assert match_entries([a, b], [a, c]) == ([(0, 0), (1, 1)], [], [])  # same place and date: corrected
    assert match_entries([a, b], [a, {"date": "2026-04-01", "voucher": "记-9", "summary": "新"}]) == (
        [(0, 0)], [1], [1])


def test_changes_read_as_plain_chinese():
    old = {"funds": [{"id": "service", "name": "服务群众经费"}], "entries": [E]}
    new = {"funds": [{"id": "service", "name": "服务群众经费"}], "entries": [{**E, "amount": "-53.00"}, {**E, "voucher": "记-2"}]}
    found = diff_file("finances/2026.yml", old, new, "public")
    assert [c.action for c in found] == [CHANGED, ADDED]
    line = Wording().line
    assert line(found[0]) == "修改财务 2026年第1笔“茶水”：金额 -¥35.00 → -¥53.00"
    assert line(found[1]) == "新增财务 2026年第2笔“茶水”：日期 2026年3月5日；金额 -¥35.00"
    notice = {"id": "n1", "title": "关于张三同志的公示", "people": ["张三"], "body": "正文"}
    gone = diff_file("notices/2026.yml", {"notices": [notice]}, {"notices": []}, "public")
    assert [c.action for c in gone] == [REMOVED]
    assert Wording(lambda n: n[0] + "*").line(gone[0]) == "删除公示“关于张*同志的公示”（已撤回）"


def test_changed_fields_read_old_to_new_and_members_only_moves_read_as_withdrawn():
    old = {"activities": [{"id": "a1", "date": "2026-03-05", "title": "义诊", "summary": "旧的内容", "unit": "zb"}]}
    new = {"activities": [{"id": "a1", "date": "2026-03-06", "title": "义诊", "summary": "新的内容", "unit": "zb2"}]}
    (change,) = diff_file("activities/2026.yml", old, new, "public")
    wording = Wording(refs={"units": {"zb": "第一党支部", "zb2": "第二党支部"}})
    assert wording.line(change) == ("修改活动 2026年3月6日“义诊”：日期 2026年3月5日 → 2026年3月6日；"
                                    "组织 第一党支部 → 第二党支部；内容摘要 旧的内容 → 新的内容")
    assert "zb" not in Wording().line(change)  # a unit the site does not name: the field only
    hidden = {"activities": [{**new["activities"][0], "audience": "members"}]}
    (change,) = diff_file("activities/2026.yml", new, hidden, "public")
    assert Wording().line(change) == "删除活动 2026年3月6日“义诊”（改为仅党内公开）"
    assert diff_file("activities/2026.yml", hidden, new, "public")[0].action == ADDED


def test_a_number_removed_from_a_record_is_not_republished_by_the_history(write_community, git_env):
    data = write_community()
    root = data / "communities" / SLUG
    ledger = root / "finances" / "2026.yml"
    git(data, "init", "-q")
    edit(ledger, "summary: 学雷锋志愿服务物资", "summary: 学雷锋志愿服务物资 联系人13812345678")
    commit(data, "记账 13812345678", "2026-03-05T09:00:00+08:00")
    edit(ledger, "summary: 学雷锋志愿服务物资 联系人13812345678", "summary: 学雷锋志愿服务物资")
    edit(ledger, 'amount: "-350.50"', 'amount: "-35.00"')
    commit(data, "删去手机号", "2026-03-06T09:00:00+08:00")
    for audience in ("public", "members"):
        text = page(root, audience)
        assert "13812345678" not in text and "8138" not in text and "联系人" not in text
        assert "修改财务 2026年第2笔“学雷锋志愿服务物资”：金额 -¥350.50 → -¥35.00；摘要 （含个人信息，已隐去） → 学雷锋志愿服务物资" in text


def test_a_repository_without_commits_has_no_updates_yet(write_community, git_env):
    data = write_community()
    git(data, "init", "-q")
    assert "还没有更新记录" in page(data / "communities" / SLUG)
