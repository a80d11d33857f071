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

    verify = sub.add_parser("verify", help="核对已发布的网站与 manifest.json 是否一致")
    verify.add_argument("site_dir", type=Path)
    verify.set_defaults(run=run_verify)


def _out(args) -> Path:
    return args.out or Path("site" if args.audience == "public" else "site-members")


def run_build(args) -> int:
    from generator.build import run

    return run(args.data_dir, args.community, _out(args), args.today or date.today(), args.audience)


def run_serve(args) -> int:
    from generator.serve import serve

    return serve(args.data_dir, args.community, args.out, args.today, args.port)


def run_rollback(args) -> int:
    from generator.publish.release import rollback

    slugs = args.community or sorted(p.name for p in args.out.iterdir() if p.is_symlink())
    status = 0
    for slug in slugs:
        previous = rollback(args.out, slug)
        if previous:
            print(f"{slug}：已恢复到之前的版本 {previous}")
        else:
            print(f"{slug}：没有更早的版本可以恢复")
            status = 1
    return status


def run_verify(args) -> int:
    from generator.publish.manifest import verify

    if not (args.site_dir / "manifest.json").is_file():
        print(f"{args.site_dir} 里没有 manifest.json：这不是 dangwu 发布的网站")
        return 2
    differences = verify(args.site_dir)
    words = {"changed": "被修改", "added": "多出", "removed": "缺少"}
    for d in differences:
        print(f"{words.get(d.status, d.status)}：{d.path}")
    print("核对通过：所有文件与发布时一致" if not differences else f"发现 {len(differences)} 处不一致")
    return 1 if differences else 0
