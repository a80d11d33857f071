"""Builds the site that the browser tests and tests/test_offline.py look at.

The real site comes from `dangwu build tests/fixtures/tiny --out <dir> --today 2026-11-23`
(a portal at <dir>/index.html, the community at <dir>/xiaoyuan/). Until that subcommand
exists, a scratch site is built instead: the hand-written pages under tests/browser/scratch/
(the same people and units as the tiny fixture) plus content/, with a child mkdocs.yml shaped
like the pipeline's, and the portal rendered from theme/portal.html.

DANGWU_TEST_SITE=scratch or =dangwu forces one or the other.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import jinja2

REPO = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
FIXTURE = REPO / "tests" / "fixtures" / "tiny"
SCRATCH = Path(__file__).resolve().parent / "scratch"
TODAY = "2026-11-23"
SLUG = "xiaoyuan"

# Names the search must find: a person and a branch of the tiny fixture community.
PERSON = "周玉兰"
BRANCH = "小园社区党支部"
# The tiny community's phones (community.yml), shown in every footer and on 反映意见.
OFFICE_PHONE = "010-62001234"
SUPERVISION_PHONE = "010-62001235"

COMMUNITY = {
    "slug": SLUG,
    "name": "小园社区",
    "short_name": "小园",
    "street": "清河街道",
    "office_phone": OFFICE_PHONE,
    "supervision_phone": SUPERVISION_PHONE,
    "mailbox": "党群服务中心一楼大厅",
    "reception": "每月第一个周三上午",
    "office_address": "小园路8号党群服务中心",
    "hours": ["周一至周五 8:30-17:30", "周六 9:00-12:00（错时服务）"],
    "updated": "2026年11月23日",
}

NAV = [
    {"首页": "index.md"},
    {"组织": "organization/index.md"},
    {"承诺": "commitments/index.md"},
    {"财务": "finances/index.md"},
    {"活动": "activities/index.md"},
    {"公示": "notices/index.md"},
    {"共建": "partners/index.md"},
    {"公开目录": "catalog/index.md"},
    {"如何看公开栏": "guide/reading.md"},
    {"反映意见": "guide/feedback.md"},
]

USER_WORDS = ["周玉兰", "陈志远", "李秀英", "王海涛", "周小明", "小园社区", "小园社区党支部",
              "示例区人民医院", "示例区人民医院党委", "清河街道", "党群服务中心"]

_built: dict[str, Path] = {}


def site_kind() -> str:
    """'dangwu' when `dangwu build` exists (or is forced), else 'scratch'."""
    forced = os.environ.get("DANGWU_TEST_SITE")
    if forced in ("dangwu", "scratch"):
        return forced
    probe = subprocess.run([str(BIN / "dangwu"), "build", "--help"], capture_output=True)
    return "dangwu" if probe.returncode == 0 else "scratch"


def built_site(workdir: Path) -> Path:
    """The site root (portal index.html, <slug>/…), built once per test session."""
    if "root" not in _built:
        out = workdir / "site"
        if site_kind() == "dangwu":
            run([str(BIN / "dangwu"), "build", str(FIXTURE), "--out", str(out), "--today", TODAY])
        else:
            build_scratch_site(workdir, out)
        _built["root"] = out
    return _built["root"]


def run(command: list[str]) -> None:
    done = subprocess.run(command, capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout}\n{done.stderr}"


def build_scratch_site(workdir: Path, out: Path) -> None:
    build = workdir / "build" / SLUG
    docs = build / "docs"
    shutil.copytree(SCRATCH / "docs", docs)
    shutil.copytree(REPO / "content", docs, dirs_exist_ok=True)
    userdict = build / "userdict.txt"
    userdict.write_text("".join(f"{word} 100 nz\n" for word in USER_WORDS), encoding="utf-8")
    config = build / "mkdocs.yml"
    config.write_text(child_config(docs, out / SLUG, userdict), encoding="utf-8")
    run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(config)])
    write_portal(out)


def child_config(docs: Path, site_dir: Path, userdict: Path) -> str:
    """A child mkdocs.yml shaped like the one the pipeline writes (JSON is valid YAML)."""
    import json

    config = {
        "INHERIT": str(REPO / "mkdocs.yml"),
        "site_name": "小园社区党务公开",
        "docs_dir": str(docs),
        "site_dir": str(site_dir),
        "theme": {"custom_dir": str(REPO / "theme")},
        "plugins": [{"search": {"jieba_dict_user": str(userdict)}}],
        "nav": NAV,
        "extra": {"community": COMMUNITY, "portal": True},
    }
    return json.dumps(config, ensure_ascii=False, indent=2)


def write_portal(out: Path) -> None:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(REPO / "theme"), autoescape=True)
    html = env.get_template("portal.html").render(
        street="清河街道",
        built="2026年11月23日",
        communities=[
            {**COMMUNITY, "organization": "中共清河街道小园社区支部委员会", "open_notices": 1,
             "commitments_done": "1/3", "overdue_items": 1, "money_in": "¥10,360.00",
             "money_out": "¥350.50", "balance": "¥14,649.50"},
            {**COMMUNITY, "slug": "heping", "name": "和平里社区", "short_name": "和平里",
             "organization": "中共清河街道和平里社区委员会", "open_notices": 0,
             "commitments_done": "12/40", "overdue_items": 0, "money_in": "¥120,000.00",
             "money_out": "¥86,412.30", "balance": "¥33,587.70"},
        ],
    )
    (out / "index.html").write_text(html, encoding="utf-8")
    assets = out / "assets"
    assets.mkdir(parents=True, exist_ok=True)
    for name in ("dangwu.css", "dangwu.js"):
        shutil.copyfile(REPO / "theme" / "assets" / name, assets / name)


def published_files(root: Path, suffixes: tuple[str, ...] = (".html",)) -> list[str]:
    """Paths (relative to ``root``) of the files as the server publishes them: through the
    <slug> links into releases, never into hidden folders (.releases/) directly."""
    found = []
    for folder, dirs, files in os.walk(root, followlinks=True):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        rel_folder = Path(folder).relative_to(root)
        found += [(rel_folder / name).as_posix() for name in files if name.endswith(suffixes)]
    return sorted(found)


def url_of(rel: str) -> str:
    return "/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
