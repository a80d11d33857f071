"""`dangwu hook install`: a plain git pre-commit hook (no pre-commit framework) that refuses a
commit of broken records and lets a good one through."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import TINY, replace_in

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path) -> dict:
    """git as on a fresh machine (no global config), with the identity the recipes tell a clerk to set."""
    home = tmp_path / "home"
    home.mkdir()
    clean = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**clean, "HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "PYTHONPATH": str(ROOT)}


def run(args, cwd: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


def dangwu(cwd: Path, env: dict, *args) -> subprocess.CompletedProcess:
    return run([sys.executable, "-m", "generator", *args], cwd, env)


@pytest.fixture
def repo(tmp_path, env) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(TINY, repo / "data")
    run(["git", "init", "-q", "-b", "main"], repo, env)
    run(["git", "config", "user.name", "小园社区党支部"], repo, env)
    run(["git", "config", "user.email", "dangwu@localhost"], repo, env)
    return repo


def commit(repo: Path, env: dict, message: str) -> subprocess.CompletedProcess:
    run(["git", "add", "data"], repo, env)
    return run(["git", "commit", "-q", "-m", message], repo, env)


def test_the_hook_refuses_broken_records_and_lets_good_ones_through(repo, env):
    installed = dangwu(repo, env, "hook", "install")
    assert installed.returncode == 0, installed.stdout + installed.stderr
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert "已安装提交前检查" in installed.stdout and str(hook) in installed.stdout
    assert hook.stat().st_mode & stat.S_IXUSR

    good = commit(repo, env, "建立小园社区记录")
    assert good.returncode == 0, good.stdout + good.stderr

    community = repo / "data" / "communities" / "xiaoyuan" / "community.yml"
    replace_in(community, "short_name:", "shortname:")
    broken = commit(repo, env, "改简称")
    assert broken.returncode != 0
    said = broken.stdout + broken.stderr  # git shows the hook's output on stderr
    assert "data/communities/xiaoyuan/community.yml:" in said and "unknown-field" in said
    assert "提交没有完成" in broken.stderr
    assert run(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "1"

    replace_in(community, "shortname:", "short_name:")
    replace_in(community, "每月第一个周三上午", "每周二下午")
    fixed = commit(repo, env, "改接待日")
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert run(["git", "rev-list", "--count", "HEAD"], repo, env).stdout.strip() == "2"


def test_a_commit_without_records_is_not_checked(repo, env):
    assert dangwu(repo, env, "hook", "install", "data").returncode == 0
    replace_in(repo / "data" / "communities" / "xiaoyuan" / "community.yml", "short_name:", "shortname:")
    (repo / "notes.txt").write_text("会议记录整理中\n", encoding="utf-8")
    run(["git", "add", "notes.txt"], repo, env)
    assert run(["git", "commit", "-q", "-m", "笔记"], repo, env).returncode == 0


def test_a_foreign_hook_is_kept_unless_forced(repo, env):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text("#!/bin/sh\necho 别人的钩子\n", encoding="utf-8")
    refused = dangwu(repo, env, "hook", "install")
    assert refused.returncode == 1
    assert "不是 dangwu 写的提交前钩子" in refused.stdout and "--force" in refused.stdout
    assert hook.read_text(encoding="utf-8") == "#!/bin/sh\necho 别人的钩子\n"

    assert dangwu(repo, env, "hook", "install").returncode == 1  # still refused: nothing changed
    forced = dangwu(repo, env, "hook", "install", "--force")
    assert forced.returncode == 0, forced.stdout
    assert "# dangwu-hook" in hook.read_text(encoding="utf-8")
    assert (hook.parent / "pre-commit.bak").read_text(encoding="utf-8") == "#!/bin/sh\necho 别人的钩子\n"
    again = dangwu(repo, env, "hook", "install")  # our own hook is simply updated
    assert again.returncode == 0


def test_install_outside_a_repository_says_what_to_do(tmp_path, env):
    shutil.copytree(TINY, tmp_path / "data")
    result = dangwu(tmp_path, env, "hook", "install")
    assert result.returncode == 1
    assert "不在 git 仓库里" in result.stdout


def test_install_tells_a_fresh_machine_to_set_who_commits(repo, env):
    run(["git", "config", "--unset", "user.name"], repo, env)
    run(["git", "config", "--unset", "user.email"], repo, env)
    run(["git", "config", "user.useConfigOnly", "true"], repo, env)  # no guessing from the hostname
    result = dangwu(repo, env, "hook", "install")
    assert result.returncode == 0
    assert "Please tell me who you are" in result.stdout and 'git config user.name' in result.stdout
    run(["git", "config", "user.name", "小园社区党支部"], repo, env)
    run(["git", "config", "user.email", "dangwu@localhost"], repo, env)
    assert "Please tell me who you are" not in dangwu(repo, env, "hook", "install").stdout


def test_the_publishing_recipe_runs_on_a_fresh_machine(tmp_path, env):
    """No identity configured, and git told not to guess one: the server still fetches and publishes."""
    (Path(env["HOME"]) / ".gitconfig").write_text("[user]\n\tuseConfigOnly = true\n", encoding="utf-8")
    clerk = {**env, "GIT_AUTHOR_NAME": "小园社区党支部", "GIT_AUTHOR_EMAIL": "dangwu@localhost",
             "GIT_COMMITTER_NAME": "小园社区党支部", "GIT_COMMITTER_EMAIL": "dangwu@localhost"}
    origin = tmp_path / "origin"
    shutil.copytree(TINY, origin / "data")
    run(["git", "init", "-q", "-b", "main"], origin, env)
    assert commit(origin, clerk, "建立小园社区记录").returncode == 0
    server = tmp_path / "server"
    assert run(["git", "clone", "-q", str(origin), str(server)], tmp_path, env).returncode == 0
    replace_in(origin / "data/communities/xiaoyuan/community.yml", "每月第一个周三上午", "每周二下午")
    assert commit(origin, clerk, "改接待日").returncode == 0

    recipe = {**env, "DANGWU_REPO": str(server), "DANGWU_SITE": str(tmp_path / "site"), "TMPDIR": str(tmp_path),
              "DANGWU": str(Path(sys.executable).with_name("dangwu"))}
    result = run([str(ROOT / ".ci/recipes/publish-cron.sh")], tmp_path, recipe)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Please tell me who you are" not in result.stderr
    assert "已发布到" in result.stdout
    assert "每周二下午" in (tmp_path / "site/xiaoyuan/index.html").read_text(encoding="utf-8")
    heads = [run(["git", "rev-parse", "HEAD"], repo, env).stdout for repo in (origin, server)]
    assert heads[0] == heads[1]  # fast-forwarded, nothing committed on the server
