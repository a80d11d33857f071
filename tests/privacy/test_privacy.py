"""Personal numbers found in every spelling (and look-alikes left alone); names masked; masks literal."""
from __future__ import annotations

import html
import re
from datetime import date

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.privacy.detect import find_personal_data, literal_markdown, mask_name, phone_digits
from tests.hostile.corpus import NUMBERS, SPELLINGS, expected_digits, fill, load, make_id

CORPUS = load("personal_data.yml")


def kinds_and_digits(text: str, allowed=frozenset()) -> list[tuple[str, str]]:
    return [(f.kind, f.digits) for f in find_personal_data(text, allowed)]


@pytest.mark.parametrize("case", CORPUS["found"], ids=lambda c: c["text"])
def test_every_spelling_is_found(case):
    text = fill(case["text"])
    assert kinds_and_digits(text) == [expected_digits(e) for e in case["expect"]]


@pytest.mark.parametrize("case", CORPUS["found"], ids=lambda c: c["text"])
def test_findings_point_into_the_original_text(case):
    text = fill(case["text"])
    for finding in find_personal_data(text):
        assert text[finding.start:finding.end] == finding.text
        # the span holds the whole number and no neighbouring Chinese text
        assert not any("\u4e00" <= c <= "\u9fff" for c in finding.text)


@pytest.mark.parametrize("text", CORPUS["not_found"])
def test_look_alikes_are_not_findings(text):
    assert find_personal_data(fill(text)) == []


def test_severity_is_error_for_ids_and_mobiles_and_warning_for_cards():
    text = fill("{ID} {MOBILE:dashed} 卡 {CARD}")
    assert [(f.kind, f.severity) for f in find_personal_data(text)] == [
        ("id-number", "error"), ("mobile", "error"), ("bank-card", "warning")]


def test_the_region_code_is_not_checked():
    # 999999 is no region; a number that is otherwise right still identifies someone
    assert kinds_and_digits(NUMBERS["ID"]) == [("id-number", NUMBERS["ID"])]


def test_a_wrong_check_character_is_not_an_id_number():
    number = NUMBERS["ID"]
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert "id-number" not in [kind for kind, _ in kinds_and_digits(wrong)]


def test_an_implausible_birth_date_is_not_an_id_number():
    assert kinds_and_digits(make_id(birth="18000101")) == []  # nobody alive was born in 1800
    assert kinds_and_digits(make_id(birth="19800230")) == []  # no 30 February


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2026, 11, 23)), st.integers(0, 999),
       st.sampled_from(["", "zwsp", "fullwidth", "spaced", "dashed", "lower"]))
def test_any_valid_id_number_is_found(birth, sequence, spelling):
    number = make_id(birth.strftime("%Y%m%d"), f"{sequence:03d}")
    text = "身份证" + SPELLINGS[spelling](number) + "。"
    assert kinds_and_digits(text) == [("id-number", number)]


@given(st.sampled_from("3456789"), st.text("0123456789", min_size=9, max_size=9))
def test_any_mainland_mobile_is_found(second, rest):
    number = "1" + second + rest
    assert kinds_and_digits(f"手机：{number}") == [("mobile", number)]


@given(st.text("0123456789", min_size=1, max_size=12), st.text("0123456789", min_size=1, max_size=12),
       st.sampled_from(["MOBILE", "ID", "CARD"]))
def test_a_number_inside_a_longer_digit_run_is_not_a_finding(before, after, name):
    run = before + NUMBERS[name] + after
    found = find_personal_data(run)
    # the run as a whole may happen to pass a check; the planted number alone never does
    assert all(f.start == 0 and f.end == len(run) for f in found)


def test_the_office_phones_are_allowed_by_digits_only():
    text = fill("办公室手机 {MOBILE:spaced}，书记 {MOBILE2}")
    allowed = frozenset({"138-0013-8000"})
    assert kinds_and_digits(text, allowed) == [("mobile", NUMBERS["MOBILE2"])]
    assert kinds_and_digits(fill("{MOBILE:plus86}"), frozenset({"13800138000"})) == []


def test_phone_digits_keeps_only_digits():
    assert phone_digits("010-6200 1234") == "01062001234"
    assert phone_digits("（０１０）６２００１２３４") == "01062001234"


def test_masks_never_show_the_whole_number():
    text = fill("{ID} {MOBILE:zwsp} {CARD:spaced}")
    assert [f.masked for f in find_personal_data(text)] == [
        NUMBERS["ID"][:6] + "********" + NUMBERS["ID"][-4:],
        "138****8000",
        NUMBERS["CARD"][:4] + "****" + NUMBERS["CARD"][-4:],
    ]


@pytest.mark.parametrize("name, full, middle, surname", [
    ("张建国", "张建国", "张*国", "张*"),
    ("李华", "李华", "李*", "李*"),
    ("王", "王", "王", "王"),
    ("欧阳建华", "欧阳建华", "欧阳*华", "欧阳*"),
    ("司马光", "司马光", "司马*", "司马*"),
    ("诸葛孔明", "诸葛孔明", "诸葛*明", "诸葛*"),
    ("令狐冲", "令狐冲", "令狐*", "令狐*"),
    ("张建国华", "张建国华", "张*华", "张*"),  # one star: the mask does not tell the length
    (" 周玉兰 ", "周玉兰", "周*兰", "周*"),
])
def test_mask_name(name, full, middle, surname):
    assert [mask_name(name, m) for m in ("full", "middle", "surname")] == [full, middle, surname]


def test_mask_name_refuses_an_unknown_mode():
    with pytest.raises(ValueError):
        mask_name("张建国", "initials")


def rendered_text(source: str) -> str:
    """What a reader sees: the HTML of ``source`` without tags, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", "", markdown.markdown(source, extensions=["tables"])))


@pytest.mark.parametrize("text", [
    "张*明", "张*明、李*华", "*张*", "王_小_明", "`代码`", "[链接](x)", "<b>粗</b>", "# 标题",
    "a|b", "反\\斜杠", "{: onclick=x }", "A&amp;B", "> 引用", "1. 列表", "2) 列表", "- 列表", "+ 列表",
    "---", "第一行\n# 第二行",
])
def test_literal_markdown_renders_as_typed(text):
    assert rendered_text(literal_markdown(text)).strip() == text


def test_literal_markdown_masks_are_not_emphasis_in_a_table():
    row = " | ".join(literal_markdown(mask_name(n, "middle")) for n in ["张建国", "李秀英"])
    table = markdown.markdown(f"| 甲 | 乙 |\n|---|---|\n| {row} |", extensions=["tables"])
    assert "<td>张*国</td>" in table and "<td>李*英</td>" in table and "<em>" not in table
