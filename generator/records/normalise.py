"""The other ways clerks write a value, and the one way a record keeps it.

``dangwu import`` reads a sheet's 2026.3.5, 主题党日活动 or 第一党支部 and writes 2026-03-05,
主题党日 and zb1. ``dangwu check`` refuses those forms in YAML (a record has one spelling, so
every page, count and search agrees) but names the exact value to type, found by the same
functions: the two commands cannot drift apart.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime


class Unreadable(Exception):
    """A value that cannot be read exactly: ``code`` and ``params`` make the Problem."""

    def __init__(self, code: str, **params):
        super().__init__(code)
        self.code, self.params = code, {k: str(v) for k, v in params.items()}


# --- dates ------------------------------------------------------------------------------------

DATE_RES = [
    re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(\s+\d{1,2}:\d{2}(:\d{2})?)?"),
    re.compile(r"(\d{4})(\d{2})(\d{2})"),
]
MONTH_DAY_RE = re.compile(r"(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")


def _written(value) -> str:
    """A value as text, half-width, without invisible characters (pasted from Word or Excel)."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(c for c in text if unicodedata.category(c) not in ("Cc", "Cf")).strip()


def day(value, year: int | None = None) -> date:
    """2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305, an Excel date; 3月5日 with a known year."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    written = _written(value)
    for pattern in DATE_RES:
        match = pattern.fullmatch(written)
        if match:
            return _date(int(match.group(1)), int(match.group(2)), int(match.group(3)), written)
    match = MONTH_DAY_RE.fullmatch(written)
    if match and year:
        return _date(year, int(match.group(1)), int(match.group(2)), written)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise Unreadable("import-date-number", value=written)
    raise Unreadable("import-bad-date", value=written)


def _date(year: int, month: int, dd: int, written: str) -> date:
    try:
        return date(year, month, dd)
    except ValueError:
        raise Unreadable("no-such-date", value=written) from None


# --- words for a fixed choice -----------------------------------------------------------------

ACTIVITY_KINDS = {"主题党日活动": "主题党日", "党员大会": "支部党员大会", "支部大会": "支部党员大会",
                  "支部委员会": "支委会", "支委会议": "支委会", "党小组": "党小组会", "党小组会议": "党小组会",
                  "志愿活动": "志愿服务", "志愿者服务": "志愿服务", "共建": "共建活动"}
MEMBER_CATEGORIES = {"在职党员": "在职报到", "双报到": "在职报到", "流动党员": "流动", "正式党员": "在册",
                     "预备党员": "在册"}
AUDIENCES = {"党内": "members", "仅党内": "members", "仅党内公开": "members", "党内公开": "members",
             "公开": "public", "向党外公开": "public", "党外": "public"}

# (record model, field) → the other words for its choices; None: any record.
CHOICES = {("Activity", "kind"): ACTIVITY_KINDS, ("Member", "category"): MEMBER_CATEGORIES,
           (None, "audience"): AUDIENCES}


def choice(model: str, field: str, written: str) -> str | None:
    """The choice ``written`` stands for (主题党日活动 → 主题党日), or None."""
    words = CHOICES.get((model, field)) or CHOICES.get((None, field)) or {}
    return words.get(written.strip())


# --- ids written as names ---------------------------------------------------------------------

def resolve(known: dict[str, str], written: str) -> str | None:
    """An id from an id or a name as written: 第一党支部 → zb1 (``known``: id → name)."""
    if written in known:
        return written
    by_name = [i for i, name in known.items() if name == written]
    if len(by_name) == 1:
        return by_name[0]
    partly = [i for i, name in known.items() if written and written in name]
    return partly[0] if len(partly) == 1 else None
