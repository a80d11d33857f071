"""The live preview's problem banner: what `dangwu check` says, on top of every previewed page.

`dangwu serve --community` writes the current problems to build/<slug>/preview-problems.json
(outside docs/, so no build ever copies it) and adds this file to the preview's MkDocs hooks only;
when the JSON file changes the preview rebuilds every page, and live-reload refreshes the browser.
The pages below the banner are the last good ones; with no problems the banner is gone.
A published build never loads this hook, so the banner cannot reach a resident.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from markupsafe import escape

PROBLEMS_FILE = "preview-problems.json"
BANNER_ID = "dangwu-preview-problems"
BODY = re.compile(r"<body[^>]*>", re.I)
STYLE = ("position:relative;z-index:10;margin:0;padding:.8rem 1rem;background:#fdecea;color:#611a15;"
         "border-bottom:3px solid #b71c1c;font-size:.9rem;line-height:1.5")


def problems_path(build_dir: Path) -> Path:
    return build_dir / PROBLEMS_FILE


def write_problems(build_dir: Path, problems, kept_last_good: bool) -> bool:
    """Record what the banner shows; written only when it changed (then every page is rebuilt).
    Returns whether it changed."""
    shown = [{"where": f"{p.file}:{p.line}", "code": p.code, "warning": p.severity != "error",
              "message": p.message("zh")} for p in problems]
    text = json.dumps({"problems": shown, "kept_last_good": kept_last_good}, ensure_ascii=False, indent=1)
    path = problems_path(build_dir)
    if path.exists() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


def read_problems(build_dir: Path) -> dict:
    try:
        return json.loads(problems_path(build_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {"problems": []}


def banner_html(state: dict) -> str:
    problems = state.get("problems", [])
    errors = sum(not p["warning"] for p in problems)
    if errors:
        title = f"有 {errors} 个错误，网站不能生成"
        title += "：下面是上一次没有错误时的样子" if state.get("kept_last_good") else ""
    else:
        title = f"有 {len(problems)} 个警告"
    items = "".join(
        f'<li><code>{escape(p["where"])}</code> {escape(p["code"])} {"警告 " if p["warning"] else ""}'
        f'{escape(p["message"])}</li>' for p in problems)
    return (f'<div id="{BANNER_ID}" role="alert" style="{STYLE}"><strong>{escape(title)}</strong>'
            f'（改好并保存后，这里会自动更新；只在预览中显示，不会发布）<ul style="margin:.4rem 0 0 1.2rem">{items}</ul></div>')


def with_banner(html: str, state: dict) -> str:
    if not state.get("problems"):
        return html
    return BODY.sub(lambda m: m.group(0) + banner_html(state), html, count=1)


def on_post_page(output: str, page, config) -> str:
    """MkDocs hook (preview only): every page gets the banner while there are problems."""
    return with_banner(output, read_problems(Path(config.docs_dir).parent))
