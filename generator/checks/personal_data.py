"""ID numbers, personal mobiles and bank cards anywhere in a community's records.

The build refuses to publish them (``publish/guard.py``); this rule tells the clerk first,
at the exact line, without repeating the whole number on screen. The office's own phones,
declared in community.yml, are public by design and allowed.
"""
from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import Iterator

from generator import messages
from generator.dataset import Community
from generator.load.yamlfile import Loaded
from generator.privacy import Finding, find_personal_data
from generator.problems import Problem
from generator.records.errors import _dotted as dotted

CODES = {"id-number": "personal-id-number", "mobile": "personal-mobile", "bank-card": "personal-bank-card"}

messages.add({
    "personal-id-number": (
        "“{field}”里有身份证号 {masked}：身份证号不能公开，请把它删掉（需要核对身份时记在内部台账里，不要写进记录）。",
        "'{field}' contains an ID number ({masked}): ID numbers are never published; delete it.",
    ),
    "personal-mobile": (
        "“{field}”里有个人手机号 {masked}：个人手机号不能公开，请删掉或改写组织的办公电话；"
        "如果这是组织对外公开的号码，请把它写进 community.yml 的 phones。",
        "'{field}' contains a personal mobile number ({masked}): write the office phone instead, "
        "or declare the number under phones in community.yml if it is the organisation's.",
    ),
    "personal-bank-card": (
        "“{field}”里像是银行卡号 {masked}：银行卡号不能公开，请删掉，或只写后四位，如“尾号{last4}”。",
        "'{field}' looks like a bank card number ({masked}): delete it or give the last four digits only.",
    ),
})


def check(community: Community, today: date) -> list[Problem]:
    allowed = office_phones(community)
    return [
        _problem(loaded, path, finding)
        for loaded in community.sources.values()
        for path, text in string_scalars(loaded.data)
        for finding in find_personal_data(text, allowed)
    ] + _content_pages(community, allowed)


def _content_pages(community: Community, allowed: frozenset[str]) -> list[Problem]:
    """The community's own hand-written pages (content/*.md) are published too."""
    from generator.problems import display_path

    found = []
    for path in sorted((community.root / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for finding in find_personal_data(text, allowed):
            before = text[: finding.start]
            line, col = before.count("\n") + 1, finding.start - (before.rfind("\n") + 1) + 1
            found.append(Problem(CODES[finding.kind], display_path(path), line, col, path="正文",
                                 params={"masked": finding.masked, "last4": finding.digits[-4:]},
                                 severity=finding.severity))
    return found


def _problem(loaded: Loaded, path: tuple, finding: Finding) -> Problem:
    line, col = loaded.mark(path)
    return Problem(CODES[finding.kind], loaded.file, line, col, path=dotted(path),
                   params={"masked": finding.masked, "last4": finding.digits[-4:]},
                   severity=finding.severity)


def string_scalars(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every string in a loaded file, with its key path (as ``Loaded.values`` keys it)."""
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from string_scalars(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from string_scalars(value, path + (index,))


def office_phones(community: Community) -> frozenset[str]:
    """The organisation's public numbers from community.yml: office, supervision, phones[]."""
    data = _community_data(community)
    if not isinstance(data, dict):
        return frozenset()
    found = [_get(data, "office", "phone"), _get(data, "supervision", "phone")]
    phones = data.get("phones")
    if isinstance(phones, list):
        found += phones
    return frozenset(p for p in found if isinstance(p, str) and p)


def _community_data(community: Community):
    """community.yml as loaded, valid or not: the allow-list must not depend on other mistakes."""
    for name, loaded in community.sources.items():
        path = PurePath(name)
        if path.name == "community.yml" and path.parent.name == community.slug:
            return loaded.data
    return None


def _get(data: dict, *keys: str):
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data
