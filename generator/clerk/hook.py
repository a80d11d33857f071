"""`dangwu hook install [DATA_DIR]`: the check before every commit, without the pre-commit framework.

A clerk's office PC rarely has `pre-commit` installed (and may not reach the internet to get it).
This writes a plain ``.git/hooks/pre-commit`` shell script that runs ``dangwu check`` on the records
when a commit touches them; an error stops the commit, a warning is shown and the commit goes on.
A hook someone else wrote is never overwritten without ``--force`` (and then kept as
``pre-commit.bak``). The hook checks the files as they are on disk, which is what was just saved.
"""
from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

MARKER = "# dangwu-hook"  # how a hook we wrote is told from someone else's

SCRIPT = """\
#!/bin/sh
{marker}: written by `dangwu hook install`; run it again to update, delete this file to remove.
# Checks the records before every commit that changes them: an error stops the commit.
cd "$(git rev-parse --show-toplevel)" || exit 1
DATA={data}
git diff --cached --quiet -- "$DATA" && exit 0  # this commit changes no record
if [ -x {python} ]; then
  set -- {python} -m generator
elif command -v dangwu >/dev/null 2>&1; then
  set -- dangwu
else
  echo "找不到 dangwu：请在仓库文件夹里运行 make install（或删除 .git/hooks/pre-commit 去掉这项检查）。" >&2
  exit 1
fi
if ! "$@" check "$DATA"; then
  echo "提交没有完成：请按上面每一行说的文件、行号改正，保存后再 git add、git commit。" >&2
  exit 1
fi
"""


class HookError(Exception):
    """What stops the install, said in Chinese; the exit code goes with it."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def register(sub) -> None:
    hook = sub.add_parser("hook", help="安装提交前检查（git commit 前自动运行 dangwu check，不需要 pre-commit）")
    actions = hook.add_subparsers(dest="action", required=True, metavar="ACTION")
    install = actions.add_parser(
        "install", help="写入 .git/hooks/pre-commit：记录有错误时提交不会完成",
        epilog="例：dangwu hook install；记录不在 data/ 时写出文件夹：dangwu hook install 记录文件夹")
    install.add_argument("data_dir", nargs="?", default=Path("data"), type=Path, help="数据文件夹（默认 data/）")
    install.add_argument("--force", action="store_true",
                         help="替换已有的、不是 dangwu 写的钩子（原文件另存为 pre-commit.bak）")
    install.set_defaults(run=run_install)


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True)


def hook_path(data_dir: Path) -> tuple[Path, Path]:
    """(repository top, the pre-commit hook file) for the repository holding ``data_dir``."""
    top = _git(data_dir, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise HookError(f"“{data_dir}”不在 git 仓库里：请在仓库文件夹里运行（或先 git init）。")
    hooks = _git(data_dir, "rev-parse", "--git-path", "hooks").stdout.strip()
    return Path(top.stdout.strip()), (data_dir / hooks).resolve() / "pre-commit"


def script(top: Path, data_dir: Path) -> str:
    data = os.path.relpath(data_dir.resolve(), top.resolve())
    return SCRIPT.format(marker=MARKER, data=shlex.quote(data), python=shlex.quote(sys.executable))


def install(data_dir: Path, force: bool = False) -> Path:
    if not data_dir.is_dir():
        raise HookError(f"找不到数据文件夹“{data_dir}”：请写出存放 communities/ 的文件夹，如 dangwu hook install data", 2)
    top, path = hook_path(data_dir)
    if path.exists() and MARKER not in path.read_text(encoding="utf-8", errors="replace"):
        if not force:
            raise HookError(
                f"{path} 已经有一个不是 dangwu 写的提交前钩子，为了不弄丢它，没有覆盖。"
                "如果它是 pre-commit 框架装的，它已经会运行检查，不必再装；"
                "确定要换成 dangwu 的检查，请加 --force（原文件会另存为 pre-commit.bak）。")
        path.replace(path.with_name("pre-commit.bak"))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(script(top, data_dir), encoding="utf-8", newline="\n")
    path.chmod(0o755)
    return path


def identity_missing(folder: Path) -> bool:
    """True when `git commit` would stop at "Please tell me who you are"."""
    return _git(folder, "var", "GIT_COMMITTER_IDENT").returncode != 0


def run_install(args) -> int:
    try:
        path = install(args.data_dir, args.force)
    except HookError as exc:
        print(exc)
        return exc.code
    print(f"已安装提交前检查：{path}。以后每次 git commit 改到 {args.data_dir}/ 里的记录，"
          "都会先运行 dangwu check，有错误时提交不会完成。")
    if identity_missing(args.data_dir):
        print("另外，这台电脑的 git 还没有设置提交人，git commit 会停在“Please tell me who you are”。"
              "请运行一次下面两行（写单位名称，不写个人手机或私人邮箱）：\n"
              '  git config user.name "和平里社区党委"\n'
              '  git config user.email "dangwu@localhost"')
    return 0
