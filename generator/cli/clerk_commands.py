"""The clerk's subcommands: ``new``, ``import`` and ``export``, registered onto the CLI parser.

Exit codes as everywhere: 0 done, 1 the data needs fixing first, 2 usage error.
"""
from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from generator.load.dataset import community_dirs

RECORD_KINDS = ["activity", "notice", "commitment", "entry", "member",
                "deliberation", "need", "resource", "project", "duty", "grid", "service"]


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"日期应写成 2026-03-05 这样：{text}") from None


def _mapping(text: str) -> tuple[str, str]:
    column, sep, name = text.partition("=")
    if not sep or not column.strip() or not name.strip():
        raise argparse.ArgumentTypeError(f"应写成 名称=值，如 --map 用途=summary 或 --set approver=周玉兰：{text}")
    return column.strip(), name.strip()


def register(sub, common) -> None:
    new = sub.add_parser(
        "new", help="添加一条记录模板（或一个新社区），并告诉你在哪一行修改",
        epilog="例：dangwu new activity --community hepingli --date 2026-03-05；"
               "dangwu new entry --community hepingli --fund service；dangwu new community hepingli")
    new.add_argument("kind", choices=[*RECORD_KINDS, "community"],
                     help="activity 活动、notice 公示、commitment 承诺、entry 收支、member 党员、deliberation 议事，"
                          "need 需求或微心愿、resource 资源、project 清单项目、duty 值班、grid 网格、service 双报到服务，"
                          "或 community 新社区")
    common(new)
    new.add_argument("more", nargs="?", type=Path, help=argparse.SUPPRESS)  # new community SLUG [DATA_DIR]
    new.set_defaults(data_dir=None, run=run_new)
    new.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="记录的日期（默认今天）")
    new.add_argument("--fund", metavar="ID", help="收支属于哪种经费（有几种经费时必填）")

    imp = sub.add_parser(
        "import", help="从 Excel（.xlsx）或 CSV 导入记录：先显示将添加的内容，加 --write 才写入",
        epilog="例：dangwu import finances 二季度账本.xlsx --community hepingli --fund service --write")
    imp.add_argument("kind", choices=["finances", "activities", "members", "service", "need", "resource", "project",
                                      "duty", "deliberation", "grid"])
    imp.add_argument("sheet", type=Path, metavar="FILE", help="Excel 或 CSV 文件")
    common(imp)
    imp.add_argument("--fund", metavar="ID", help="账本属于哪种经费（有几种经费、表名和标题里又没写明时必填）")
    imp.add_argument("--year", type=int, metavar="YYYY", help="年份（表里只有月、日时必填）")
    imp.add_argument("--sheet", "--sheet-name", dest="sheet_name", metavar="NAME",
                     help="Excel 里的工作表名（默认：以 --fund 经费命名的那张，否则第一张）")
    imp.add_argument("--map", type=_mapping, action="append", default=[], metavar="列名=字段",
                     help="表头不认识时指明它对应的字段，如 --map 用途=summary（可重复）")
    imp.add_argument("--set", type=_mapping, action="append", default=[], metavar="字段=值", dest="constants",
                     help="表里没有、但每行都一样的值，如 --set approver=周玉兰（可重复）")
    imp.add_argument("--write", action="store_true", help="确认写入（不加时只显示将添加的内容）")
    imp.add_argument("--keep-duplicates", action="store_true",
                     help="表里完全一样的几行确是另外的几笔时，照样导入（默认当作粘贴重复，不写入）")
    imp.set_defaults(run=run_import)

    exp = sub.add_parser("export", help="把一年的收支明细导出为 Excel（每种经费一张表）")
    exp.add_argument("kind", choices=["finances"])
    common(exp)
    exp.add_argument("--year", type=int, required=True, metavar="YYYY")
    exp.add_argument("--out", type=Path, metavar="FILE.xlsx", help="输出文件（默认 收支明细-社区-年份.xlsx）")
    exp.set_defaults(run=run_export)

    from generator.clerk import hook  # dangwu hook install: the check before each commit, no framework needed
    hook.register(sub)


def one_community(data_dir: Path, slugs: list[str] | None) -> Path:
    """The community folder a command works on: the one named, or the only one there is."""
    dirs = community_dirs(data_dir)
    if slugs and len(slugs) > 1:
        raise SystemExit(_usage("这个命令一次只处理一个社区：请只写一个 --community。"))
    if slugs:
        root = data_dir / "communities" / slugs[0]
        if not root.is_dir():
            known = "、".join(d.name for d in dirs) or "（还没有社区）"
            raise SystemExit(_usage(f"{data_dir / 'communities'} 下没有“{slugs[0]}”：已有 {known}。"))
        return root
    if len(dirs) == 1:
        return dirs[0]
    known = "、".join(d.name for d in dirs) or "（还没有社区）"
    raise SystemExit(_usage(f"请用 --community 指明社区：{known}。"))


def _usage(message: str) -> int:
    print(message)
    return 2


def run_new(args) -> int:
    from generator.clerk.new import ScaffoldError, new_community, new_record

    today = args.today or date.today()
    try:
        if args.kind == "community":
            slug, data_dir = _community_target(args)
            root = new_community(data_dir, slug, args.date or today)
            print(f"已建立社区文件夹 {root}/：请把每个“（请填写…）”改成本社区的内容，然后运行 dangwu check {data_dir}")
            return 0
        if args.more is not None:
            return _usage("多写了一个参数：用法是 dangwu new KIND [DATA_DIR] --community SLUG")
        root = one_community(args.data_dir or Path("data"), args.community)
        added = new_record(root, args.kind, args.date or today, args.fund)
    except ScaffoldError as exc:
        print(exc)
        return 1
    print(added.text, end="")
    print(f"{added.path}:{added.line}: 已添加，请从这一行开始修改（改好后运行 dangwu check）")
    return 0


def _community_target(args) -> tuple[str, Path]:
    """``new community SLUG [DATA_DIR]`` or ``new community [DATA_DIR] --community SLUG``."""
    if args.community:
        return args.community[0], args.data_dir or Path("data")
    if args.data_dir is None:
        raise SystemExit(_usage("请写出新社区的文件夹名，如 dangwu new community hepingli"))
    return str(args.data_dir), args.more or Path("data")


def run_import(args) -> int:
    from generator.clerk.importer import run

    root = one_community(args.data_dir or Path("data"), args.community)
    return run(args.kind, args.sheet, root, fund=args.fund, year=args.year, sheet_name=args.sheet_name,
               mapping=dict(args.map), constants=dict(args.constants), write=args.write,
               keep_duplicates=args.keep_duplicates, today=args.today or date.today())


def run_export(args) -> int:
    from generator.clerk.export import run

    root = one_community(args.data_dir or Path("data"), args.community)
    out = args.out or Path(f"收支明细-{root.name}-{args.year}.xlsx")
    return run(root, args.year, out)
