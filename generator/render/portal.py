"""The street portal (out/index.html): every published community with its key figures."""
from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

import jinja2

from generator import resources
from generator.publish.csp import add_csp
from generator.views.format import cn_date

THEME = resources.THEME


# A summary written by an older dangwu has no split of 逾期: show nothing rather than a wrong
# "没有逾期" (the next build of that community writes the figures).
_UNKNOWN_BEFORE_REBUILD = {"commitment_year": None, "overdue_commitments": 0, "catalog_due": None}


def published(out: Path) -> list[dict]:
    """The summaries of the communities currently published under ``out``."""
    found = []
    for link in sorted(out.iterdir()):
        summary = link / "summary.json"
        if link.is_symlink() and summary.is_file():
            found.append(_UNKNOWN_BEFORE_REBUILD | json.loads(summary.read_text(encoding="utf-8")))
    return found


def not_updated_card(card: dict, note: dict) -> dict:
    """A community whose last build failed still shows its live site's figures, and says so
    where the card says when it was updated: since when, and why (for the street office)."""
    since = note.get("since")
    shown = f"网站仍是{cn_date(date.fromisoformat(since))}生成的版本" if since else "网站仍是上一次发布的版本"
    return card | {"updated": f"未更新（{shown}；原因：{note.get('reason', '构建未通过')}）", "not_updated": note}


def write_portal(out: Path, today: date, notes: dict[str, dict] | None = None) -> Path:
    """``notes``: slug -> why its latest build was not published (see build.not_updated_note)."""
    notes = notes or {}
    communities = [not_updated_card(c, notes[c["slug"]]) if c.get("slug") in notes else c
                   for c in published(out)]
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(THEME), autoescape=True,
                             undefined=jinja2.StrictUndefined)
    streets = sorted({c.get("street", "") for c in communities} - {""})
    html = env.get_template("portal.html").render(
        street="、".join(streets) or "街道", communities=communities, built=cn_date(today))
    html = add_csp(html)  # the same policy as the community pages: no inline script runs
    assets = out / "assets"
    assets.mkdir(exist_ok=True)
    for name in ("dangwu.css", "dangwu.js"):
        shutil.copyfile(THEME / "assets" / name, assets / name)
    target = out / "index.html"
    tmp = out / f".index.html.{os.getpid()}"
    tmp.write_text(html, encoding="utf-8")
    os.replace(tmp, target)
    return target
