"""What every record shares: the model settings and the field types clerks write.

Each field type refuses what it cannot take exactly and names the error with a stable code
(the pydantic error type), which ``generator.records.errors`` turns into a Problem.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, BeforeValidator, ConfigDict, PrivateAttr, WithJsonSchema
from pydantic_core import PydanticCustomError

from generator.load.yamlfile import Plain
from generator.problems import messages

# Matched with fullmatch and ASCII digits only: "$" would let "12.50\n" through, and "\d"
# would read full-width "２０２６" as 2026, changing what the clerk typed without a word.
ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*")
DATE_RE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
MONEY_RE = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]{2}")
COUNT_RE = re.compile(r"0|[1-9][0-9]*")
YEAR_RE = re.compile(r"(19|20)[0-9]{2}")
# A web address residents' browsers and phones open: http(s) only (no javascript:, data:,
# file:, //host), a host, and nothing a page or a QR code would have to quote or could hide.
URL_RE = re.compile(r"https?://[^\s\x00-\x1f\x7f<>\"'`\\{}|^]+", re.IGNORECASE)

messages.add({
    "bad-url": (
        "“{field}”写的“{value}”不能用作网址：只能写以 http:// 或 https:// 开头的完整网址，"
        "如 https://dangwu.example.cn/hepingli/；不能用 javascript:、data:、file: 这类地址，"
        "也不能含空格、引号、尖括号或“用户名@”。",
        "'{field}' is not a usable web address ('{value}'): write a full http:// or https:// "
        "address such as https://dangwu.example.cn/hepingli/ (no javascript:, data: or file:, "
        "no spaces, quotes, angle brackets or user@).",
    ),
})


Place = tuple[str, int, int]  # (file, line, col) of a record or a field in the community's files


class Record(BaseModel):
    """A record as a clerk wrote it: unknown fields refused, nothing changed after loading."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, hide_input_in_errors=True
    )
    # Where the record stands in its file, set by the loader: (file, line, col). None, not a
    # tuple, until then: pydantic deep-copies a private default into every record it makes.
    _src: Place | None = PrivateAttr(default=None)
    # Where each field's value stands, set by the loader: {field: (file, line, col)}.
    _field_src: dict[str, Place] = PrivateAttr(default_factory=dict)

    @property
    def src(self) -> Place:
        return self._src or ("", 0, 0)

    def src_of(self, field: str) -> Place:
        """Where ``field`` is written: (file, line, col); the record's place if it was left out."""
        return self._field_src.get(field, self.src)


def _text(value):
    if isinstance(value, (dict, list)):
        raise PydanticCustomError("bad-type", "text expected", {"expected": "text"})
    if value is None or not str(value).strip():
        raise PydanticCustomError("empty-value", "empty")
    return str(value)


def _identifier(value):
    value = _text(value)
    if not ID_RE.fullmatch(value):
        raise PydanticCustomError("bad-id", "bad id", {"value": value})
    return value


def _date(value):
    value = _text(value).strip()
    match = DATE_RE.fullmatch(value)
    if not match:
        raise PydanticCustomError("bad-date", "bad date", {"value": value})
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise PydanticCustomError("no-such-date", "no such date", {"value": value}) from None


def parse_money(value) -> Decimal:
    """An amount is a string with exactly two decimals: "1280.50", "-35.00"."""
    value = _text(value)
    if not MONEY_RE.fullmatch(value):
        raise PydanticCustomError("bad-money", "bad money", {"value": value})
    return Decimal(value)


def _money(value):
    if isinstance(value, Plain):
        raise PydanticCustomError("money-unquoted", "unquoted", {"value": str(value)})
    return parse_money(value)


def _count(value):
    value = _text(value).strip()
    if not COUNT_RE.fullmatch(value):
        raise PydanticCustomError("bad-number", "bad number", {"value": value})
    return int(value)


def _percent(value):
    number = _count(value)
    if number > 100:
        raise PydanticCustomError("bad-percent", "bad percent", {"value": str(number)})
    return number


def _year(value):
    value = _text(value).strip()
    if not YEAR_RE.fullmatch(value):
        raise PydanticCustomError("bad-year", "bad year", {"value": value})
    return int(value)


def _url(value):
    value = _text(value).strip()
    invisible = any(unicodedata.category(char) == "Cf" for char in value)  # U+202E and friends
    parts = urlsplit(value) if URL_RE.fullmatch(value) and not invisible else None
    try:
        port_ok = parts is not None and (parts.port or 0) >= 0
    except ValueError:  # "https://host:99999/"
        port_ok = False
    if parts is None or not port_ok or not parts.hostname or "@" in parts.netloc:
        raise PydanticCustomError("bad-url", "bad url", {"value": value})
    return value


def _list(value):
    if value is None:
        return []
    if not isinstance(value, list):
        raise PydanticCustomError("bad-type", "list expected", {"expected": "list"})
    return value


def _schema(**schema) -> WithJsonSchema:
    """What an editor (YAML 1.2) should accept for a field type: the same as the loader does.

    The loader reads every value as text, so an unquoted 010020 or 28 is fine where text or a
    count is asked for; an amount alone must be a quoted string.
    """
    return WithJsonSchema(schema)


_TEXT_SCHEMA = _schema(type=["string", "number", "boolean"], minLength=1)
_ID_SCHEMA = _schema(type=["string", "integer"], pattern=f"^{ID_RE.pattern}$")
_DATE_SCHEMA = _schema(type="string", format="date", pattern=f"^{DATE_RE.pattern}$",
                       examples=["2026-03-05"])
_MONEY_SCHEMA = _schema(
    type="string", pattern=f"^{MONEY_RE.pattern}$", examples=["1280.50", "-35.00"],
    patternErrorMessage="金额要加引号、带两位小数，不加 ¥ 和逗号，如 \"1280.50\"、\"-35.00\"",
)
_COUNT_SCHEMA = _schema(type=["integer", "string"], minimum=0, pattern=f"^({COUNT_RE.pattern})$")
_PERCENT_SCHEMA = _schema(type=["integer", "string"], minimum=0, maximum=100,
                          pattern=f"^({COUNT_RE.pattern})$")
_URL_SCHEMA = _schema(type="string", format="uri", pattern="^[Hh][Tt][Tt][Pp][Ss]?://",
                      examples=["https://dangwu.example.cn/hepingli/"])
_YEAR_SCHEMA = _schema(type=["integer", "string"], minimum=1900, maximum=2099,
                       pattern=f"^{YEAR_RE.pattern}$", examples=["1998"])

Text = Annotated[str, BeforeValidator(_text), _TEXT_SCHEMA]
Markdown = Annotated[str, BeforeValidator(_text), _TEXT_SCHEMA]
Id = Annotated[str, BeforeValidator(_identifier), _ID_SCHEMA]
Date = Annotated[date, BeforeValidator(_date), _DATE_SCHEMA]
Money = Annotated[Decimal, BeforeValidator(_money), _MONEY_SCHEMA]
Count = Annotated[int, BeforeValidator(_count), _COUNT_SCHEMA]
Percent = Annotated[int, BeforeValidator(_percent), _PERCENT_SCHEMA]
Year = Annotated[int, BeforeValidator(_year), _YEAR_SCHEMA]
Audience = Literal["public", "members"]
OptText = Text | None
Url = Annotated[str, BeforeValidator(_url), _URL_SCHEMA]
"""An absolute http(s) address; every field holding a web address uses this type."""


Item = TypeVar("Item")
ListOf = Annotated[list[Item], BeforeValidator(_list)]
"""A list written as a YAML list (``[a, b]`` or one ``- a`` per line): ``ListOf[Member]``.
A generic alias rather than a function returning a type, so type checkers read it too."""
Ids = ListOf[Id]
