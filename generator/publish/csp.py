"""A Content-Security-Policy meta tag on every page, allowing exactly the inline scripts it has.

Scripts may come from this site or be an inline script whose SHA-256 was computed at build
time; no 'unsafe-inline' for scripts, so an injected <script> would not run even if one ever
slipped past the sanitiser. Styles keep 'unsafe-inline' (Material sets style attributes).
"""
from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
HEAD = re.compile(r"<head[^>]*>", re.I)
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
          "base-uri 'self'; form-action 'self'")


def _executable(attrs: str) -> bool:
    kind = re.search(r"""type=["']?([^"' >]+)""", attrs)
    return not kind or kind.group(1).lower() in {"text/javascript", "module", "application/javascript"}


def policy_for(html: str) -> str:
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for attrs, body in INLINE_SCRIPT.findall(html) if _executable(attrs)
    })
    return POLICY.format(hashes=" ".join(hashes)).replace("'self' ;", "'self';")


def add_csp(html: str) -> str:
    if 'http-equiv="Content-Security-Policy"' in html:
        return html
    match = HEAD.search(html)
    if not match:
        return html
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy_for(html)}">'
    return html[: match.end()] + meta + html[match.end():]


def apply(site_dir: Path) -> int:
    count = 0
    for path in sorted(site_dir.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        updated = add_csp(text)
        if updated != text:
            path.write_text(updated, encoding="utf-8")
            count += 1
    return count
