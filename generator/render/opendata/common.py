"""How values are written in the downloads: amounts "1280.50", dates "2026-03-05", links, bytes.

Downloads are for programs and spreadsheets, so figures are written plainly (no ¥, no thousands
separator) and exactly; a resident reads the same figures, formatted, on the pages.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from urllib.parse import urljoin

from generator.views.format import to_fen

# A cell starting with one of these is read as a formula by Excel and WPS (CSV injection):
# text cells get a leading apostrophe, which the spreadsheet shows as plain text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def amount(value: Decimal) -> str:
    """An exact amount with two decimals: "1280.50", "-35.00" (never "-0.00")."""
    fen = to_fen(value)
    return str(fen if fen != 0 else abs(fen))


def iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def community_ref(ctx) -> dict:
    return {"slug": ctx.community.slug, "name": ctx.info.name}


def base_url(ctx) -> str:
    """The site's public address; none for the members' site, which is served somewhere else."""
    return (ctx.info.base_url or "").strip() if ctx.audience == "public" else ""


def site_link(ctx, path: str) -> str:
    """A page of this site as a download links it: absolute with a base URL, else relative to data/."""
    base = base_url(ctx)
    if not base:
        return "../" + path
    return urljoin(base if base.endswith("/") else base + "/", path)


def json_bytes(document: dict) -> bytes:
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def text_cell(value) -> str:
    text = "" if value is None else str(value).strip()
    return "'" + text if text.startswith(FORMULA_START) else text


def csv_bytes(header: list[str], rows: list[list[str]]) -> bytes:
    """UTF-8 with a BOM (Excel then reads Chinese correctly), CRLF line ends, every cell as given."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")
