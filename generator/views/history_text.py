"""How a change reads on the 更新记录 page, in plain Chinese, by today's public rules.

新增活动 2026年3月6日“三月主题党日” / 修改财务 2026年第2笔“慰问”：金额 ¥120.00 → ¥210.00

No internal id is shown: records are named by kind, date and title, references (a unit, a
partner, a fund) by the name today's site gives them. Every value, old or new, passes the same
rules as today's pages: people's names through today's namer, and a value holding personal
data is not shown at all (an old version may hold the very number it was corrected to remove).
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from generator.privacy.detect import find_personal_data
from generator.views.format import cn_date, money
from generator.views.history import VERBS, Change, FieldChange

HIDDEN_VALUE = "（含个人信息，已隐去）"
EMPTY = "（空）"
NAMELESS = "（姓名不再公开）"
LONGEST = 40  # characters of a text value shown; a longer one is cut with "…"
MONEY_FIELDS = {"amount", "balance", "budget"}
DATE_FIELDS = {"date", "start", "end", "made", "due", "decided", "signed", "until", "since"}
PERSON_FIELDS = {"handler", "approver"}
REF_FIELDS = {"unit": "units", "parent": "units", "paired_unit": "units", "partners": "partners",
              "posts": "posts", "owner": "owners", "fund": "funds", "project": "projects"}
MONEY_RE = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]{2}")
DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


@dataclass
class Wording:
    """Tells changes as one site may show them today."""
    name: Callable[[str], str] = lambda n: n  # today's namer: full, or masked by the community's rule
    refs: dict = field(default_factory=dict)  # "units" → {id: name} the site shows; an unknown id is not told
    allowed: frozenset = frozenset()  # the office's own phone numbers
    addresses: frozenset = frozenset()  # and its own address
    people: frozenset = frozenset()  # everyone named in any version: masked in free text by ``name``

    def line(self, change: Change) -> str:
        head = VERBS[change.action] + change.what
        if change.ref:
            head += " " + self.ref(change.ref)
        title = self.title(change)
        if title:
            head += f"“{title}”"
        elif change.person:
            head += NAMELESS
        if change.fields:
            head += "：" + self.fields(change)
        return self.scrub(head + change.note)

    def ref(self, ref: str) -> str:
        return cn_date(date.fromisoformat(ref)) if _is_date(ref) else self.clean(ref)

    def title(self, change: Change) -> str:
        if not change.title:
            return ""
        if change.person:
            return self.clean(self.name(change.title))
        return self.text(change.title, change.people)

    def fields(self, change: Change) -> str:
        shown, named = [], []
        for f in change.fields:
            old, new = (None, None) if change.bare else (self.value(f, f.old, change), self.value(f, f.new, change))
            if change.bare or old is False or new is False:
                named.append(f.label)
            elif f.old is None and change.action != "changed":
                shown.append(f"{f.label} {new}".strip())  # an added or removed line: its date, its amount
            else:
                shown.append(f"{f.label} {old} → {new}".strip())
        return "；".join(shown + (["、".join(named)] if named else []))

    def value(self, f: FieldChange, value, change: Change):
        """The value as shown; False when it cannot be shown (a nested record, an id the site
        does not name)."""
        if value is None or value == "" or value == []:
            return EMPTY
        name = f.field
        if isinstance(value, str):
            if name in MONEY_FIELDS and MONEY_RE.fullmatch(value):
                return money(Decimal(value))
            if name in DATE_FIELDS and _is_date(value):
                return cn_date(date.fromisoformat(value))
            if name == "progress":
                return self.clean(f"{value}%")
            if name in PERSON_FIELDS or (name == "name" and change.person):
                return self.clean(self.name(value))
            if name in REF_FIELDS:
                return self._ref(name, [value])
            return self.text(value, change.people)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            if name == "photos":
                return f"{len(value)} 张"
            if name == "people":
                return "、".join(self.clean(self.name(v)) for v in value)
            if name in REF_FIELDS:
                return self._ref(name, value)
            return "、".join(self.text(v, change.people) for v in value)
        if name == "attendance" and isinstance(value, dict):
            present, expected = value.get("present"), value.get("expected")
            if all(isinstance(n, str) and n.isdigit() for n in (present, expected)):
                return f"{present}/{expected} 人"
        return False

    def _ref(self, name: str, ids: list[str]):
        known = self.refs.get(REF_FIELDS[name], {})
        names = [known.get(i) for i in ids]
        return "、".join(names) if all(names) else False

    def text(self, value: str, people=()) -> str:
        """Free text: checked whole for personal data, the people it names masked, one line, cut short."""
        checked = self.clean(value)
        if checked == HIDDEN_VALUE:
            return checked
        for person in sorted({*people, *self.people}, key=len, reverse=True):
            checked = checked.replace(person, self.name(person))
        flat = " ".join(checked.split())
        return flat if len(flat) <= LONGEST else flat[:LONGEST] + "…"

    def clean(self, value: str) -> str:
        return HIDDEN_VALUE if find_personal_data(value, self.allowed, self.addresses) else value

    def scrub(self, text: str) -> str:
        """Whatever the parts, the line as a whole must pass the guard too."""
        for finding in sorted(find_personal_data(text, self.allowed, self.addresses), key=lambda f: f.start, reverse=True):
            text = text[:finding.start] + HIDDEN_VALUE + text[finding.end:]
        return text


def _is_date(text: str) -> bool:
    if not DATE_RE.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
