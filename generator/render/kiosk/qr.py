"""QR codes for the kiosk: where each slide continues on a phone, as inline SVG made at build time.

A phone needs an absolute URL. When ``community.yml`` sets ``base_url`` the code holds
``base_url`` + the page path; without it the code can only hold the path relative to the
community's site root (``notices/2026/#n2026-01``), which a phone cannot open — the kiosk then
says so under the code, and ``dangwu check``/the build should ask the clerk for a base_url.
"""
from __future__ import annotations

from urllib.parse import urljoin

import segno


def target_url(base_url: str | None, path: str) -> str:
    """The address a slide's QR code holds: absolute with a base URL, else the site-relative path."""
    if not base_url:
        return path
    base = base_url.strip()
    return urljoin(base if base.endswith("/") else base + "/", path)


def qr_svg(url: str) -> str:
    """The code as an inline <svg> sized by CSS (viewBox only), dark modules on a white quiet zone."""
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(omitsize=True, border=4, dark="#000", light="#fff",
                           svgclass="qr-code", lineclass=None)
