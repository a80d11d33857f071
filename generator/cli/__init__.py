"""The ``dangwu`` command. Exit codes: 0 clean, 1 problems found, 2 usage error."""
from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from generator.checks import load_and_check
from generator.problems import errors, warnings


def _today(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2026-03-05 这样：{text}") from None


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data_dir", nargs="?", default="data", type=Path,
                        help="数据文件夹（默认 data/）")
    parser.add_argument("--community", action="append", metavar="SLUG",
                        help="只处理这个社区（可重复）")
    parser.add_argument("--today", type=_today, default=None, metavar="YYYY-MM-DD",
                        help="把这一天当作“今天”（默认今天），便于重复构建")


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="dangwu", description="党务公开栏：检查记录、生成网站。")
    sub = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = sub.add_parser("check", help="检查记录，列出所有问题")
    _common(check)
    check.add_argument("--lang", choices=["zh", "en"], default="zh")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.add_argument("--strict", action="store_true", help="有警告也算失败")
    check.set_defaults(run=run_check)
    schema = sub.add_parser("schema", help="为每种文件写出 JSON Schema（编辑器用来提示和检查）")
    schema.add_argument("--out", type=Path, default=None, help="默认 generator/clerk/schemas/（已提交，编辑器用它）")
    schema.set_defaults(run=run_schema)
    from generator.cli import build_commands as commands  # the build side registers its own subcommands
    commands.register(sub, _common)
    from generator.render import kiosk  # dangwu kiosk: serve the lobby screen
    kiosk.register(sub, _common)
    from generator.cli import clerk_commands  # the clerk's new, import, export
    clerk_commands.register(sub, _common)
    return root


def run_check(args) -> int:
    today = args.today or date.today()
    _, problems = load_and_check(args.data_dir, args.community, today)
    if args.format == "json":
        print(json.dumps([p.as_json(args.lang) for p in problems], ensure_ascii=False, indent=2))
    else:
        for problem in problems:
            print(problem.as_text(args.lang))
        print(_summary(problems, args.lang), file=sys.stderr)
    failed = errors(problems) or (args.strict and warnings(problems))
    return 1 if failed else 0


def _summary(problems, lang: str) -> str:
    e, w = len(errors(problems)), len(warnings(problems))
    if lang == "en":
        return f"{e} errors, {w} warnings" if problems else "all records are valid"
    return f"{e} 个错误，{w} 个警告" if problems else "检查通过：所有记录都合格"


def run_schema(args) -> int:
    from generator.clerk.schema import write_schemas
    for path in write_schemas(args.out):
        print(path)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:
        return 0
