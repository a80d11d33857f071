"""Personal data anywhere in a community's records, its own pages and its file names.

ID numbers, personal mobiles, bank cards, home addresses and birth dates. The build refuses
to publish them (``publish/guard.py``); this rule tells the clerk first, at the exact line,
without repeating the whole number on screen. The office's own phones and address, declared
in community.yml, are public by design and allowed. A photo's file name is published too
(in its URL), so it is read like a record; a photo named after an identity document
(张三身份证.jpg) most likely shows one.
"""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import PurePath

from generator.load.dataset import Community
from generator.load.yamlfile import HIDDEN_RE, Loaded, hidden_char
from generator.privacy.detect import ID_DOCUMENT, Finding, find_in_file_name, find_personal_data
from generator.problems import Problem, display_path, messages
from generator.records.errors import _dotted as dotted

CODES = {"id-number": "personal-id-number", "mobile": "personal-mobile", "bank-card": "personal-bank-card",
         "home-address": "personal-address", "birth-date": "personal-birth-date"}
KINDS_ZH = {"id-number": "身份证号", "mobile": "手机号", "bank-card": "银行卡号",
            "home-address": "家庭住址", "birth-date": "出生日期"}
KINDS_EN = {"id-number": "an ID number", "mobile": "a mobile number", "bank-card": "a bank card number",
            "home-address": "a home address", "birth-date": "a birth date"}
FILE_FOLDERS = ("photos", "content")  # published under their own names

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
    "personal-address": (
        "“{field}”里有具体到门牌的家庭住址 {masked}：个人住址不能公开，请删掉门牌号，只写小区或楼栋（如“5号楼前”）；"
        "组织的办公地址请写在 community.yml 的 office.address。",
        "'{field}' contains a home address down to the door ({masked}): delete the door number and name "
        "the estate or the building only.",
    ),
    "personal-birth-date": (
        "“{field}”里有出生日期 {masked}：出生日期不能公开，请删掉（需要时只写出生年份，如“1980年生”）。",
        "'{field}' contains a birth date ({masked}): birth dates are never published; delete it "
        "(give the year only if needed).",
    ),
    "personal-file-name": (
        "文件名“{name}”里有{what} {masked}：文件名会出现在网址里，一样会公开。"
        "请给文件改个名字（如 a2026-0110-1.jpg），并改正记录里 photos 的写法。",
        "the file name '{name}' contains {what_en} ({masked}): file names are published in URLs; "
        "rename the file (e.g. a2026-0110-1.jpg) and update photos in the record.",
    ),
    "hidden-char-file-name": (
        "文件名“{name}”里有看不见的{what}（{char}，上面显示为□）：它能让文件名显示得和实际不一样。"
        "请给文件重新起名，只用汉字、字母、数字和短横线，并改正记录里 photos 的写法。",
        "the file name '{name}' holds an invisible {what_en} ({char}, shown as □) that can make it "
        "look like another name: rename the file using letters, digits and dashes only.",
    ),
    "personal-document-photo": (
        "文件名“{name}”说明这是{what}的照片：证件和银行卡的照片不能公开。"
        "请把它移出社区文件夹（存到内部台账里），并删掉记录里 photos 对它的引用。",
        "the file name '{name}' says it shows a {what}: photos of identity documents and bank cards are "
        "never published; move it out of the community folder.",
    ),
})


def check(community: Community, today: date) -> list[Problem]:
    allowed, offices = office_phones(community), office_address(community)
    return [
        _problem(loaded, path, finding)
        for loaded in community.sources.values()
        for path, text in string_scalars(loaded.data)
        for finding in find_personal_data(text, allowed, offices)
    ] + _content_pages(community, allowed, offices) + _file_names(community, allowed)


def _content_pages(community: Community, allowed: frozenset[str], offices: frozenset[str]) -> list[Problem]:
    """The community's own hand-written pages (content/*.md) are published too."""
    found = []
    for path in sorted((community.root / "content").rglob("*.md")):
        text = path.read_text(encoding="utf-8", errors="replace")
        for number, text_line in enumerate(text.split("\n"), start=1):
            hidden = hidden_char(text_line, display_path(path), number)
            if hidden:  # a bidi control can show the reader other text than the file holds
                found.append(hidden)
        for finding in find_personal_data(text, allowed, offices):
            before = text[: finding.start]
            line, col = before.count("\n") + 1, finding.start - (before.rfind("\n") + 1) + 1
            found.append(Problem(CODES[finding.kind], display_path(path), line, col, path="正文",
                                 params=_params(finding), severity=finding.severity))
    return found


def _file_names(community: Community, allowed: frozenset[str]) -> list[Problem]:
    """Photos and pages are published under their own names: a name is read like a record.

    The problem names the folder and the name masked, so the number is not repeated on screen.
    """
    found = []
    for folder in FILE_FOLDERS:
        root = community.root / folder
        for path in sorted(p for p in root.rglob("*") if p.is_file()) if root.is_dir() else []:
            name = path.relative_to(root).as_posix()
            hidden = hidden_char(name, display_path(root), 0)
            if hidden:  # 图片\u202egpj.exe is shown as 图片exe.jpg
                found.append(Problem("hidden-char-file-name", hidden.file, 0, 0, path=name,
                                     params={**hidden.params, "name": HIDDEN_RE.sub("□", name)}))
            findings = find_in_file_name(name, allowed)
            shown = _masked_name(name, findings)
            for finding in findings:
                found.append(_file_problem(display_path(root), shown, finding))
    return found


def _file_problem(folder: str, name: str, finding: Finding) -> Problem:
    if finding.kind == ID_DOCUMENT:
        return Problem("personal-document-photo", folder, 0, 0, path=name,
                       params={"name": name, "what": finding.text}, severity=finding.severity)
    return Problem("personal-file-name", folder, 0, 0, path=name, severity=finding.severity,
                   params={"name": name, "what": KINDS_ZH[finding.kind], "what_en": KINDS_EN[finding.kind],
                           "masked": finding.masked})


def _masked_name(name: str, findings: list[Finding]) -> str:
    """The file name with each piece of personal data in it masked (documents' words kept)."""
    for finding in sorted(findings, key=lambda f: f.start, reverse=True):
        if finding.kind != ID_DOCUMENT:
            name = name[:finding.start] + finding.masked + name[finding.end:]
    return name


def _params(finding: Finding) -> dict:
    return {"masked": finding.masked, "last4": finding.digits[-4:]}


def _problem(loaded: Loaded, path: tuple, finding: Finding) -> Problem:
    line, col = loaded.mark(path)
    return Problem(CODES[finding.kind], loaded.file, line, col, path=dotted(path),
                   params=_params(finding), severity=finding.severity)


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


def office_address(community: Community) -> frozenset[str]:
    """The organisation's own address from community.yml: public by design."""
    data = _community_data(community)
    address = _get(data, "office", "address") if isinstance(data, dict) else None
    return frozenset([address]) if isinstance(address, str) and address else frozenset()


def _community_data(community: Community):
    """community.yml as loaded, valid or not: the allow-list must not depend on other mistakes."""
    for name, loaded in community.sources.items():
        path = PurePath(name)
        if path.name == "community.yml" and path.parent.name == community.slug:
            return loaded.data
    return None


def _get(data: dict, *keys: str) -> object:
    value: object = data
    for key in keys:
        value = value.get(key) if isinstance(value, dict) else None
    return value
