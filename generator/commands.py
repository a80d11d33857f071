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
    build.set_defaults(run=run_build)

    serve = sub.add_parser("serve", help="预览：修改 YAML 后页面自动更新")
    common(serve)
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--out", type=Path, default=Path("site"))
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

    from generator import printing  # dangwu print: the A4 公开栏 sheets
    printing.register(sub, common)


def _out(args) -> Path:
    return args.out or Path("site" if args.audience == "public" else "site-members")


def run_build(args) -> int:
    from generator.build import run

    return run(args.data_dir, args.community, _out(args), args.today or date.today(), args.audience)


def run_serve(args) -> int:
    from generator.serve import serve

    return serve(args.data_dir, args.community, args.out, args.today, args.port)


def run_rollback(args) -> int:
    from generator.build import write_failure
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

    targets = {slug: release.rollback_target(out, slug)[0] for slug in slugs}
    for slug in sorted(s for s, previous in targets.items() if previous is None):
        print(f"{slug}：没有更早的版本可以恢复（只发布过一个版本，或之前的版本已被清理）。")
    targets = {s: previous for s, previous in targets.items() if previous}
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
        print(failure)
    if failures:
        print(f"核对未通过：发现 {len(failures)} 处问题，网站不是 dangwu 在这里发布的原样。")
        return 1
    print("核对通过：所有文件与发布时留存的清单一致")
    return 0
