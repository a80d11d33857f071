"""The guard's recall on the hostile corpus, per class of spelling, and its false positives.

Every personal number, home address and birth date in ``tests/hostile/personal_data.yml`` must
be found (recall 100 % in every class) and nothing in its ``not_found`` list may be (0 false
positives). Run with ``-s`` to see the figures per class.
"""
from __future__ import annotations

import pytest

from generator.privacy.detect import NUMBER_KINDS, find_in_file_name, find_personal_data, fold
from generator.privacy.guard import scan_text
from tests.hostile.corpus import NUMBERS, fill, load

CORPUS = load("personal_data.yml")
TEXT_CLASSES = ["found", "chinese_numerals", "groupings", "other_scripts", "bidi", "line_breaks",
                "home_addresses", "birth_dates"]


def expected(entry: str) -> tuple[str, str | None]:
    """``"mobile MOBILE"`` → ("mobile", digits); ``"home-address 3号楼…"`` → (kind, text); a bare kind → (kind, None)."""
    kind, _, rest = entry.partition(" ")
    if kind in NUMBER_KINDS:
        return kind, NUMBERS[rest].upper()
    return kind, rest or None


def reading(finding, wanted: tuple[str, str | None]) -> tuple[str, str | None]:
    """A finding in the shape of ``expected``: digits for numbers, the text it covers for words."""
    if finding.kind in NUMBER_KINDS:
        return finding.kind, finding.digits
    return finding.kind, (finding.text if wanted[1] is not None else None)


def outcome(findings, case) -> bool:
    wanted = [expected(e) for e in case["expect"]]
    got = [reading(f, w) for f, w in zip(findings, wanted, strict=False)]  # lengths compared below
    return len(findings) == len(wanted) and got == wanted


def in_text(case) -> bool:
    return outcome(find_personal_data(fill(case["text"])), case)


def in_html(case) -> bool:
    page = f"<html><body><p>前</p>{fill(case['text'])}<p>后</p></body></html>"
    return outcome(scan_text(page, ".html", frozenset()), case)


def in_file_name(case) -> bool:
    return outcome(find_in_file_name(fill(case["text"])), case)


CASES = ([(cls, case, in_text) for cls in TEXT_CLASSES for case in CORPUS[cls]]
         + [("html_found", case, in_html) for case in CORPUS["html_found"]]
         + [("file_names", case, in_file_name) for case in CORPUS["file_names"]])


def class_of(section: str, case) -> str:
    """The ``found`` section is split by kind; every other section is a class of its own."""
    return f"digits:{expected(case['expect'][0])[0]}" if section == "found" else section


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 100
    assert len(CORPUS["not_found"]) + len(CORPUS["allowed"]) >= 30
    assert {class_of(s, c) for s, c, _ in CASES} >= {
        "digits:id-number", "digits:mobile", "digits:bank-card", "chinese_numerals", "groupings",
        "other_scripts", "bidi", "line_breaks", "home_addresses", "birth_dates", "html_found", "file_names"}


def test_recall_is_complete_in_every_class(capsys):
    per_class: dict[str, list[bool]] = {}
    missed = []
    for section, case, probe in CASES:
        hit = probe(case)
        per_class.setdefault(class_of(section, case), []).append(hit)
        if not hit:
            missed.append((section, case["text"]))
    with capsys.disabled():
        print("\nguard recall per class (found / cases):")
        for name, hits in sorted(per_class.items()):
            print(f"  {name:20} {sum(hits):3} / {len(hits):3}  {100 * sum(hits) / len(hits):5.1f} %")
        total = [h for hits in per_class.values() for h in hits]
        print(f"  {'all':20} {sum(total):3} / {len(total):3}  {100 * sum(total) / len(total):5.1f} %")
    assert missed == []


def test_no_false_positive_on_the_negatives(capsys):
    flagged = {}
    for text in CORPUS["not_found"]:
        text = fill(text)
        found = find_personal_data(text) + scan_text(f"<p>{text}</p>", ".html", frozenset())
        if found:
            flagged[text] = [(f.kind, f.text) for f in found]
    with capsys.disabled():
        print(f"\nguard false positives: {len(flagged)} / {len(CORPUS['not_found'])} negatives")
    assert flagged == {}


@pytest.mark.parametrize("case", CORPUS["allowed"], ids=lambda c: c["text"])
def test_the_offices_own_phones_and_address_are_not_findings(case):
    phones = frozenset(fill(p) for p in case.get("phones", []))
    addresses = frozenset(case.get("addresses", []))
    assert find_personal_data(fill(case["text"]), phones, addresses) == []


@pytest.mark.parametrize("section", ["home_addresses", "birth_dates"])
def test_words_are_masked_in_messages(section):
    for case in CORPUS[section]:
        [finding] = find_personal_data(fill(case["text"]))
        assert "*" in finding.masked
        assert not any(c.isdigit() or c in "〇一二三四五六七八九" for c in fold(finding.masked)), finding.masked


def test_addresses_and_birth_dates_are_errors():
    text = "住3号楼2单元501室，1980年1月1日出生"
    assert [(f.kind, f.severity) for f in find_personal_data(text)] == [
        ("home-address", "error"), ("birth-date", "error")]


def test_the_office_address_is_allowed():
    office = "幸福小区3号楼1单元101室"
    text = f"地址：{office}"
    assert [f.kind for f in find_personal_data(text)] == ["home-address"]
    assert find_personal_data(text, allowed_addresses=frozenset({office})) == []
