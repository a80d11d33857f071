"""A Content-Security-Policy meta tag on every page, allowing only the inline scripts we ship.

Scripts may come from this site or be an inline script whose SHA-256 is on the fixed list in
``csp_scripts.txt`` (Material's own scripts; see ``csp_allowlist``). An inline script found in
the output is never trusted because it is there: one that is not on the list means something
got past escaping or the sanitiser, so the build fails with ``unknown-inline-script`` rather
than allowing it. No 'unsafe-inline' for scripts, so event handlers and ``javascript:`` URLs
cannot run either. Styles keep 'unsafe-inline' (Material sets style attributes).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from generator.problems import Problem, messages
from generator.publish.csp_allowlist import digest, listed

# An inline script: a <script> without a src attribute ("data-src=" is not one).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*(?<![\w-])src\s*=)([^>]*)>(.*?)</script\s*>", re.S | re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)
OWN_POLICY = re.compile(r"<meta\s+http-equiv=[\"']?Content-Security-Policy", re.I)
# Data blocks the browser never runs (Material's __config); every other type counts as code.
DATA_TYPES = {"application/json", "application/ld+json"}
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")

messages.add({
    "unknown-inline-script": (
        "输出页面里有一段不是本项目自带的内联脚本（{hash}，开头是“{excerpt}”）：网站没有发布。"
        "多半是记录或 content/ 页面里的文字被当成了网页代码，请检查最近改动的名称、标题和正文里有没有"
        "<script> 之类的内容；如果是升级 Material 或修改 theme/ 带来的新脚本，请核对后运行 "
        "python -m generator.publish.csp_allowlist 更新允许清单。",
        "an inline script this project does not ship ({hash}, starting '{excerpt}'): nothing was "
        "published. Look for <script> or similar in recently changed names, titles and texts; if it "
        "comes from a Material upgrade or theme/, review it and run python -m generator.publish.csp_allowlist.",
    ),
})


@lru_cache(maxsize=1)
def allowed() -> frozenset[str]:
    return frozenset(listed())


def _executable(attrs: str) -> bool:
    kind = re.search(r"""\btype\s*=\s*["']?([^"' >]+)""", attrs, re.I)
    return not kind or kind.group(1).strip().lower() not in DATA_TYPES


def inline_scripts(html: str) -> list[tuple[int, str]]:
    """Every inline script the browser would run: (line, exact text)."""
    return [(html.count("\n", 0, m.start()) + 1, m.group(2))
            for m in INLINE_SCRIPT.finditer(html) if _executable(m.group(1))]


def policy_for(html: str) -> str:
    hashes = sorted({digest(body) for _, body in inline_scripts(html)} & allowed())
    return POLICY.format(hashes=" ".join(hashes)).replace("'self' ;", "'self';")


def unknown_scripts(html: str, file: str) -> list[Problem]:
    problems = []
    for line, body in inline_scripts(html):
        if digest(body) not in allowed():
            excerpt = " ".join(body.split())[:40]
            problems.append(Problem("unknown-inline-script", file, line, 1,
                                    params={"hash": digest(body), "excerpt": excerpt}))
    return problems


def _has_own_policy(html: str) -> bool:
    """A page that sets its policy in its head before the title (the kiosk) keeps it; a policy
    further down could be text that slipped in, so it never stops ours being added."""
    title = html.find("<title")
    return bool(OWN_POLICY.search(html, 0, title if title >= 0 else 0))


def add_csp(html: str) -> str:
    if _has_own_policy(html):
        return html
    match = HEAD.search(html)
    if not match:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + meta + html[match.end():]


def apply(site_dir: Path, within: str = "") -> list[Problem]:
    """Add the policy to every page (those in the folder ``within``, when given); the inline
    scripts that are not ours, as problems at the page's place in the site."""
    problems = []
    for path in sorted((site_dir / within).rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        problems += unknown_scripts(text, path.relative_to(site_dir).as_posix())
        updated = add_csp(text)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
    return problems
