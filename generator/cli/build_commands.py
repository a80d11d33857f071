"""Subcommands that build and serve sites, registered onto the CLI parser."""
from __future__ import annotations

from datetime import date
from pathlib import Path


def register(sub, common) -> None:
    build = sub.add_parser("build", help="检查记录并生成网站（先检查，有错误就不生成）")
    common(build)
    build.add_argument("--out", type=Path, default=None, help="输出文件夹（默认 site/，党内版 site-members/）")
    build.add_argument("--audience", choices=["public", "members"], default="public",
                       help="public 向党外公开（默认）；members 党内版，含仅党内公开的内容")
    build.add_argument("--jobs", type=_positive, default=None, metavar="N",
                       help="同时构建几个社区（默认本机的处理器核数）")
    build.add_argument("--shard", type=_shard, default=None, metavar="I/N",
                       help="只构建 N 份中的第 I 份社区（多台机器分担；按社区名固定分配），不更新门户；"
                            "全部完成后运行 dangwu portal")
    _work(build)
    build.set_defaults(run=run_build)

    portal = sub.add_parser("portal", help="按已发布的社区生成门户首页和街道订阅（分片构建之后运行）")
    portal.add_argument("data_dir", nargs="?", default="data", type=Path, help="数据文件夹（默认 data/），"
                        "用来列出还没有发布过网站的社区")
    portal.add_argument("--out", type=Path, default=Path("site"), help="输出文件夹（默认 site/）")
    portal.add_argument("--today", type=_today, default=None, metavar="YYYY-MM-DD",
                        help="门户上写的生成日期（默认今天；与构建时的 --today 相同才与整体构建一致）")
    portal.set_defaults(run=run_portal)

    serve = sub.add_parser("serve", help="预览：修改 YAML 后页面自动更新")
    common(serve)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--out", type=Path, default=Path("site"))
    _work(serve)
    serve.set_defaults(run=run_serve)

    rollback = sub.add_parser("rollback", help="把网站恢复到上一次发布的版本")
    rollback.add_argument("--out", type=Path, default=Path("site"))
    rollback.add_argument("--community", action="append", metavar="SLUG")
    rollback.set_defaults(run=run_rollback)

    verify = sub.add_parser("verify", help="核对已发布的网站与发布时留存的清单是否一致")
    verify.add_argument("site_dir", type=Path)
    verify.add_argument("--manifest", type=Path, default=None,
                        help="发布时留存的清单（默认 <输出文件夹>/.releases/<社区>/<版本>.manifest.json）")
    verify.set_defaults(run=run_verify)

    from generator.pipeline import print_sheets  # dangwu print: the A4 公开栏 sheets
    print_sheets.register(sub, common)


def _work(parser) -> None:
    parser.add_argument("--work", type=Path, default=Path("build"), metavar="DIR",
                        help="中间文件夹：生成的 Markdown 和 MkDocs 配置放在这里（默认当前文件夹下的 build/）")


def source_date_epoch() -> str | None:
    """SOURCE_DATE_EPOCH, read here once: a reproducible build fixes the time every site stamps."""
    import os

    return os.environ.get("SOURCE_DATE_EPOCH") or None


def _positive(text: str) -> int:
    import argparse

    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"应是 1 或更大的整数：{text}")
    return int(text)


def _shard(text: str) -> tuple[int, int]:
    """"2/3" -> (2, 3): the second of three parts (1-based)."""
    import argparse

    index, _, count = text.partition("/")
    if not (index.isdigit() and count.isdigit() and 1 <= int(index) <= int(count)):
        raise argparse.ArgumentTypeError(f"应写成 第几份/共几份，如 1/3（从 1 数起）：{text}")
    return int(index), int(count)


def _today(text: str) -> date:
    from generator.cli import _today as parse

    return parse(text)


def _out(args) -> Path:
    return args.out or Path("site" if args.audience == "public" else "site-members")


def run_build(args) -> int:
    from generator.pipeline.community import run

    return run(args.data_dir, args.community, _out(args), args.today or date.today(), args.audience,
               jobs=args.jobs, shard=args.shard, work=args.work, source_date_epoch=source_date_epoch())


def run_portal(args) -> int:
    """The portal and the street feed from what is live in --out (after shard builds)."""
    from generator.load.dataset import community_dirs
    from generator.pipeline.community import write_failure
    from generator.publish import release, street

    out = args.out
    try:
        with release.locked(out):
            live = street.live_releases(out)
            if not live:
                print(f"{out} 里还没有已发布的社区：没有生成门户。")
                return 1
            street.assemble(out, args.today or date.today())
    except OSError as exc:
        print(write_failure(exc))
        print("门户和街道订阅保持原样。")
        return 1
    missing = [d.name for d in community_dirs(args.data_dir) if d.name not in live]
    if missing:
        print(f"这些社区还没有发布过网站，门户上没有它们：{'、'.join(missing)}")
    stale = [slug for slug in live if release.not_updated(out, slug)]
    if stale:
        print(f"这些社区的最新构建未通过，门户上显示为“未更新”：{'、'.join(stale)}")
    print(f"门户已生成：{out}/index.html（{len(live)} 个社区）和街道订阅 {out}/feed.xml")
    return 0


def run_serve(args) -> int:
    from generator.pipeline.serve import serve

    return serve(args.data_dir, args.community, args.out, args.today, args.port, work=args.work)


def run_rollback(args) -> int:
    from generator.pipeline.community import write_failure
    from generator.publish import release, street

    out = args.out
    slugs = args.community or (sorted(street.live_releases(out)) if out.is_dir() else [])
    if not slugs:
        print(f"{out} 里没有已发布的社区：没有可以恢复的版本。")
        return 1
    try:
        with release.locked(out):
            return _roll_back(out, slugs)
    except release.PublishError as exc:
        print(f"{exc}\n没有恢复任何版本，网站保持原样。")
        return 1
    except OSError as exc:
        print(write_failure(exc))
        print("没有恢复任何版本，网站保持原样。")
        return 1


def _roll_back(out: Path, slugs: list[str]) -> int:
    """Every named community back one release, then the portal and the street feed made again
    from what is live (prepared before any link moves, like a build)."""
    from generator.publish import release, street

    found = {slug: release.rollback_target(out, slug)[0] for slug in slugs}
    for slug in sorted(s for s, previous in found.items() if previous is None):
        print(f"{slug}：没有更早的版本可以恢复（只发布过一个版本，或之前的版本已被清理）。")
    targets = {s: previous for s, previous in found.items() if previous}
    if not targets:
        return 1
    prepared = street.prepare(out, date.today(), targets)
    try:
        for slug in targets:
            release.rollback(out, slug)
    except BaseException:
        street.discard(prepared)
        raise
    prepared.commit()
    for slug, previous in targets.items():
        print(f"{slug}：已恢复到之前的版本 {previous}，门户和街道订阅已随之更新")
    return 0 if len(targets) == len(slugs) else 1


def run_verify(args) -> int:
    from generator.publish.manifest import ManifestError, verify_release

    try:
        failures = verify_release(args.site_dir, args.manifest)
    except ManifestError as exc:
        print(f"{exc}\n核对未通过：这不是完整的 dangwu 发布的网站。")
        return 1
    for failure in failures:
        print(failure.as_text())
    if failures:
        print(f"核对未通过：发现 {len(failures)} 处问题，网站不是 dangwu 在这里发布的原样。")
        return 1
    print("核对通过：所有文件与发布时留存的清单一致")
    return 0
