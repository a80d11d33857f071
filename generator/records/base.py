"""What every record shares: the model settings and the field types clerks write.

Each field type refuses what it cannot take exactly and names the error with a stable code
(the pydantic error type), which ``generator.records.errors`` turns into a Problem.
"""
from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Annotated, Literal, Optional

from pydantic import BaseModel, BeforeValidator, ConfigDict, PrivateAttr
from pydantic_core import PydanticCustomError

from generator.load.yamlfile import Plain

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")
DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
MONEY_RE = re.compile(r"^-?(0|[1-9][0-9]*)\.[0-9]{2}$")
COUNT_RE = re.compile(r"^(0|[1-9][0-9]*)$")


class Record(BaseModel):
    """A record as a clerk wrote it: unknown fields refused, nothing changed after loading."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, use_attribute_docstrings=True, hide_input_in_errors=True
    )
    # Where the record stands in its file, set by the loader: (file, line, col).
    _src: tuple = PrivateAttr(default=("", 0, 0))

    @property
    def src(self) -> tuple:
        return self._src


def _text(value):
    if isinstance(value, (dict, list)):
        raise PydanticCustomError("bad-type", "text expected", {"expected": "text"})
    if value is None or not str(value).strip():
        raise PydanticCustomError("empty-value", "empty")
    return str(value)


def _identifier(value):
    value = _text(value)
    if not ID_RE.match(value):
        raise PydanticCustomError("bad-id", "bad id", {"value": value})
    return value


def _date(value):
    value = _text(value).strip()
    match = DATE_RE.match(value)
    if not match:
        raise PydanticCustomError("bad-date", "bad date", {"value": value})
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        raise PydanticCustomError("no-such-date", "no such date", {"value": value}) from None


def parse_money(value) -> Decimal:
    """An amount is a string with exactly two decimals: "1280.50", "-35.00"."""
    value = _text(value)
    if not MONEY_RE.match(value):
        raise PydanticCustomError("bad-money", "bad money", {"value": value})
    return Decimal(value)


def _money(value):
    if isinstance(value, Plain):
        raise PydanticCustomError("money-unquoted", "unquoted", {"value": str(value)})
    return parse_money(value)


def _count(value):
    value = _text(value).strip()
    if not COUNT_RE.match(value):
        raise PydanticCustomError("bad-number", "bad number", {"value": value})
    return int(value)


def _percent(value):
    number = _count(value)
    if number > 100:
        raise PydanticCustomError("bad-percent", "bad percent", {"value": str(number)})
    return number


def _year(value):
    value = _text(value).strip()
    if not re.match(r"^(19|20)\d{2}$", value):
        raise PydanticCustomError("bad-year", "bad year", {"value": value})
    return int(value)


def _list(value):
    if value is None:
        return []
    if not isinstance(value, list):
        raise PydanticCustomError("bad-type", "list expected", {"expected": "list"})
    return value


Text = Annotated[str, BeforeValidator(_text)]
Markdown = Annotated[str, BeforeValidator(_text)]
Id = Annotated[str, BeforeValidator(_identifier)]
Date = Annotated[date, BeforeValidator(_date)]
Money = Annotated[Decimal, BeforeValidator(_money)]
Count = Annotated[int, BeforeValidator(_count)]
Percent = Annotated[int, BeforeValidator(_percent)]
Year = Annotated[int, BeforeValidator(_year)]
Audience = Literal["public", "members"]
OptText = Optional[Text]


def ids(item_type=Id):
    """A list written as a YAML list (``[a, b]`` or one ``- a`` per line)."""
    return Annotated[list[item_type], BeforeValidator(_list)]


def records(item_type):
    return Annotated[list[item_type], BeforeValidator(_list)]
