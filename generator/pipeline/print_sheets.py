"""`dangwu print [DATA_DIR] [--community SLUG] [--today] [--out DIR]`: the 公开栏 sheets without a site.

Checks first, like ``dangwu build`` (nothing is printed from records with errors), writes each
community's sheets to ``DIR/<slug>/`` through a staging folder, and keeps them only when the
personal-data guard finds nothing in them: a clerk may print straight from this folder.
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from generator.render.printing.pending import write_sheets

DEFAULT_OUT = Path("print")


def register(sub, common) -> None:
    command = sub.add_parser("print", help="生成可直接打印张贴的 A4 公开栏（PDF 和网页版）")
    common(command)
    command.add_argument("--out", type=Path, default=DEFAULT_OUT,
                         help="输出文件夹（默认 print/，每个社区一个子文件夹）")
    command.set_defaults(run=run_print)


def run_print(args) -> int:
    from generator.checks import load_and_check
    from generator.problems.blocking import refuse_on_blockers

    today = args.today or date.today()
    communities, problems = load_and_check(args.data_dir, args.community, today)
    if refuse_on_blockers(problems, print, "没有生成公开栏"):
        return 1
    failed = 0
    for community in communities:
        failed += print_community(community, today, args.out)
    return 1 if failed else 0


def print_community(community, today: date, out: Path) -> int:
    """Write one community's sheets; 0 when they were written, 1 when refused."""
    from generator.pipeline.community import allowed_phones
    from generator.privacy import guard
    from generator.render.pages.context import PageContext

    ctx = PageContext(community, today, "public")
    target = out / community.slug
    staging = out / f".{community.slug}.printing"
    try:
        made = write_sheets(staging, ctx, site_link=False, earlier=target)  # an unchanged sheet keeps its date
    except RuntimeError as exc:  # no Chinese font on this machine
        shutil.rmtree(staging, ignore_errors=True)
        print(f"{community.slug}：{exc}")
        return 1
    findings = guard.scan_output(staging, allowed_phones(ctx.info), community.sources)
    if findings:
        shutil.rmtree(staging)
        for hit in findings:
            where = f"（来源 {hit.source}）" if hit.source else ""
            print(f"{community.slug}：公开栏 {hit.file} 含有个人信息（{hit.finding.kind}）{where}")
        print(f"{community.slug}：没有生成公开栏，请先改正记录。")
        return 1
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    for sheet, size in made:
        print(f"{target / (sheet.name + '.pdf')}  {sheet.title}（{sheet.rhythm_label}，{size} 字节）")
    print(f"完成：{ctx.info.name} {len(made)} 张公开栏已生成到 {target}/（目录页 {target / 'index.html'}），"
          "用 A4 纸按实际大小打印后张贴。")
    return 0
