"""Strict loading: every value stays the text the clerk typed, or is refused with its place."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.checks import load_and_check
from generator.load.dataset import load_community
from generator.load.yamlfile import Plain, parse_text
from generator.records.errors import to_problems
from generator.records.kinds import BY_NAME
from tests.conftest import TODAY


def parsed(text: str):
    loaded, problems = parse_text(text, "f.yml")
    assert problems == []
    return loaded.data


def refused(text: str) -> list[tuple]:
    loaded, problems = parse_text(text, "f.yml")
    return [(p.code, p.line, p.col) for p in problems]


def validated(kind: str, text: str) -> list[tuple]:
    """(code, line, col, path) of every problem in ``text`` read as a file of ``kind``."""
    loaded, problems = parse_text(text, f"{kind}.yml")
    assert problems == []
    model = BY_NAME[kind].model
    try:
        model.model_validate(loaded.data)
    except Exception as exc:  # a ValidationError: turned into problems below
        return [(p.code, p.line, p.col, p.path) for p in to_problems(exc, loaded, model)]
    return []


# --- YAML 1.1 would have changed these; they stay exactly as typed -----------------------

@pytest.mark.parametrize("typed", [
    "no", "off", "on", "yes", "No", "OFF", "y", "1:30", "010020", "04711234567", "0x1F", "0o17",
    "1_000", "12.5", "1e3", ".inf", "NaN", "2026-03-05", "2026-03-05 10:00:00", "null", "=", "<<",
])
def test_plain_values_stay_the_text_typed(typed):
    value = parsed(f"a: {typed}\n")["a"]
    assert (type(value), value) == (Plain, typed)


@pytest.mark.parametrize("key", ["no", "off", "on", "yes", "1", "1:30", "010020"])
def test_keys_stay_the_text_typed(key):
    assert parsed(f"{key}: x\n") == {key: "x"}


def test_quoted_values_are_text_but_not_plain():
    data = parsed("a: \"12.50\"\nb: '010020'\n")
    assert data == {"a": "12.50", "b": "010020"}
    assert not isinstance(data["a"], Plain) and not isinstance(data["b"], Plain)


def test_empty_and_tilde_are_absent_values():
    assert parsed("a:\nb: ~\nc: ''\n") == {"a": None, "b": None, "c": ""}


def test_typed_text_survives_into_the_records(write_community):
    community_yml = (Path(__file__).parents[1] / "fixtures/tiny/communities/xiaoyuan/community.yml").read_text()
    text = community_yml.replace('phone: "010-62001234"', "phone: 04711234567").replace(
        'time: "8:30-17:30"', "time: 1:30")
    data = write_community({"community.yml": text})
    community, problems = load_community(data / "communities" / "xiaoyuan")
    assert problems == []
    record = community.info
    assert record.office.phone == "04711234567"
    assert record.hours[0].time == "1:30"


# --- duplicate keys, at any depth, naming both lines ------------------------------------

@pytest.mark.parametrize("text, second, first", [
    ("a: 1\nb: 2\na: 3\n", (3, 1), 1),
    ("a:\n  - x: 1\n    y: 2\n    x: 3\n", (4, 5), 2),
    ("a: {x: 1, x: 2}\n", (1, 11), 1),
    ("a: 1\n'a': 2\n", (2, 1), 1),  # quoting does not make it another key
])
def test_duplicate_keys_name_both_lines(text, second, first):
    loaded, problems = parse_text(text, "f.yml")
    assert [(p.code, p.line, p.col, p.params["first_line"]) for p in problems] == [
        ("duplicate-key", *second, first)]


# --- what a record never needs ------------------------------------------------------------

def test_every_anchor_and_alias_is_reported():
    assert refused("a: &x 1\nb: *x\nc: *x\n") == [
        ("yaml-anchor", 1, 4), ("yaml-alias", 2, 4), ("yaml-alias", 3, 4)]


def test_a_tag_is_shown_as_typed():
    loaded, [problem] = parse_text("amount: !!float 12.5\n", "f.yml")
    assert (problem.code, problem.params["tag"]) == ("yaml-tag", "!!float")


def test_a_second_document_is_refused_but_a_leading_marker_is_fine():
    assert refused("a: 1\n---\nb: 2\n") == [("yaml-documents", 2, 1)]
    assert parsed("---\na: 1\n") == {"a": "1"}


def test_a_tab_anywhere_is_refused_with_its_column():
    assert refused("a:\n  b: x\ty\n") == [("yaml-tab", 2, 7)]


@pytest.mark.parametrize("char", ["\x00", "\x07", "\x0c", "\x1b", "\x7f", "\x85", "\u2028", "\u2029", "\r"])
def test_invisible_characters_are_refused_not_a_traceback(char):
    # PyYAML raised a ReaderError (a traceback) for control characters, and counted
    # U+0085/U+2028/U+2029 and a lone CR as line breaks the editor does not show.
    assert refused(f"a: 1\nb: x{char}y\nc: 3\n") == [("yaml-control-char", 2, 5)]


def test_windows_line_ends_and_a_byte_order_mark_are_fine(write_community):
    text = "\ufeffactivities:\r\n  - id: a1\r\n    date: 2026-01-10\r\n    kind: 其他\r\n    unit: zb\r\n    title: 会\r\n"
    data = write_community({"activities/2026.yml": text.encode("utf-8")})
    community, problems = load_community(data / "communities" / "xiaoyuan")
    assert problems == []
    assert community.activities[2026].activities[0].src[1:] == (2, 5)


@pytest.mark.parametrize("text, place, words", [
    ("title: 通知: 开会\n", (1, 10), "请给整个值加引号"),
    ("a:\n  b: 1\n c: 2\n", (3, 2), "缩进没有对齐"),
    ("a: b\nc\n", (3, 1), "少了“: ”"),
    ("a: [1, 2\n", (2, 1), "方括号 [ ] 没有配对"),
    ("path: \"C:\\Users\"\n", (1, 12), "反斜杠"),  # "\\U" wants 8 hex digits and finds "s"
    ("a: @x\n", (1, 4), "加引号"),
])
def test_syntax_errors_are_explained_in_chinese(text, place, words):
    loaded, [problem] = parse_text(text, "f.yml")
    assert (problem.code, problem.line, problem.col) == ("yaml-syntax", *place)
    assert words in problem.message()
    assert not re.search(r"[a-z]{3}", problem.message())  # no PyYAML English left for the clerk


def test_an_unclosed_quote_is_named_on_its_own_line_not_at_the_end_of_the_file():
    loaded, [problem] = parse_text("a: \"zb\nb: c\n", "f.yml")
    assert (problem.code, problem.line, problem.col) == ("yaml-unclosed-quote", 1, 4)
    assert problem.message() == "“a”的值以引号 \" 开头，但这一行里没有配对的 \"：请在值的末尾补上 \"，或去掉开头的 \"。"


def test_an_unclosed_quote_is_found_even_when_the_next_field_is_quoted():
    loaded, [problem] = parse_text('title: "通知\nlocation: "二楼"\n', "f.yml")
    assert (problem.code, problem.line, problem.col) == ("yaml-unclosed-quote", 1, 8)


def test_every_slip_is_named_and_the_parser_too_when_no_slip_explains_where_it_stopped():
    # The unclosed bracket on line 1 stops the parser on line 2; the open quote on line 3 and the
    # full-width colon on line 4 are named as well, so the clerk fixes all three in one pass.
    loaded, problems = parse_text("a: [1, 2\nb: c\nd: \"e\nf：g\n", "f.yml")
    assert sorted((p.line, p.col, p.code) for p in problems) == [
        (2, 2, "yaml-syntax"), (3, 4, "yaml-unclosed-quote"), (4, 2, "yaml-fullwidth-colon")]


def test_text_of_a_block_scalar_or_a_value_quoted_over_lines_is_never_taken_for_a_slip():
    text = "a: |\n  note:x 和 \"引号\n  time：10 点\nb: \"第一行\n  第二行\"\nc: [1\n"
    loaded, [problem] = parse_text(text, "f.yml")
    assert (problem.code, problem.line) == ("yaml-syntax", 7)


def test_an_unusual_syntax_error_still_shows_pyyaml_words():
    loaded, [problem] = parse_text("a: !<tag:x\n", "f.yml")
    assert problem.code == "yaml-syntax" and "常见原因" in problem.message()


# --- dates --------------------------------------------------------------------------------

ACTIVITY = "activities:\n  - id: a1\n    date: {}\n    kind: 其他\n    unit: zb\n    title: 会\n"


@pytest.mark.parametrize("typed, code", [
    ("2026-13-40", "no-such-date"), ("2026-02-30", "no-such-date"), ("2026-2-30", "no-such-date"),
    ("2026/03/05", "date-write-as"), ("2026年3月5日", "date-write-as"), ("２０２６-03-05", "date-write-as"),
    ("2026-03-05T10:00", "bad-date"), ("三月五日", "bad-date"),
])
def test_impossible_or_misformatted_dates_are_refused_with_the_line(typed, code):
    assert validated("activities", ACTIVITY.format(typed)) == [(code, 3, 11, "activities[1].date")]


def test_full_width_digits_are_not_read_as_a_year():
    # "\d" took "１９９８" for 1998: the record would have shown a date the clerk never typed.
    text = "members:\n  - id: m1\n    name: 张三\n    unit: zb\n    joined: '１９９８'\n"
    assert validated("members", text) == [("bad-year", 5, 13, "members[1].joined")]


# --- amounts and ids written as block text --------------------------------------------------

def test_an_amount_with_a_line_break_is_refused():
    # "$" matched before a final newline: `amount: |` + "12.50" was taken as 12.50.
    text = ("funds: [{id: s, name: 经费}]\nentries:\n  - date: 2026-03-05\n    fund: s\n    amount: |\n"
            "      12.50\n    category: c\n    summary: s\n    voucher: v\n    handler: h\n    approver: a\n")
    assert validated("finances", text) == [("bad-money", 5, 13, "entries[1].amount")]


def test_an_id_with_a_line_break_is_refused():
    text = "members:\n  - id: |\n      m1\n    name: 张三\n    unit: zb\n"
    assert validated("members", text) == [("bad-id", 2, 9, "members[1].id")]


# --- unknown and missing fields ----------------------------------------------------------------

ENTRY = ("funds: [{id: s, name: 经费}]\nentries:\n  - date: 2026-03-05\n    fund: s\n"
         "    amount: \"-35.00\"\n    category: c\n    {key}: 慰问物资\n    voucher: v\n    handler: h\n    approver: a\n")


@pytest.mark.parametrize("key, meant", [("summery", "summary"), ("Summary", "summary"), ("摘要", "summary")])
def test_an_unknown_field_suggests_the_closest_known_name(key, meant):
    loaded, _ = parse_text(ENTRY.replace("{key}", key), "f.yml")
    model = BY_NAME["finances"].model
    with pytest.raises(Exception) as caught:
        model.model_validate(loaded.data)
    problems = [p for p in to_problems(caught.value, loaded, model) if p.code == "unknown-field"]
    assert [(p.line, p.col, p.params["suggestion"]) for p in problems] == [(7, 5, meant)]
    assert f"是不是要写“{meant}”" in problems[0].message()
    assert f"did you mean '{meant}'?" in problems[0].message("en")


def test_a_chinese_label_close_to_a_field_label_is_suggested():
    # An activity's summary is labelled 内容摘要; a clerk writing 摘要 meant it.
    text = ACTIVITY.format("2026-01-10") + "    摘要: 清理楼道\n"
    loaded, _ = parse_text(text, "f.yml")
    model = BY_NAME["activities"].model
    with pytest.raises(Exception) as caught:
        model.model_validate(loaded.data)
    [problem] = to_problems(caught.value, loaded, model)
    assert (problem.code, problem.params["suggestion"]) == ("unknown-field", "summary")


def test_a_missing_field_is_labelled_for_its_own_record():
    # "name" is 姓名 for a committee member but 名称/岗位名称 elsewhere in the same file.
    text = "units:\n  - id: zb\n    name: 支部\n    kind: 党支部\n    committee:\n      - role: 书记\n"
    loaded, _ = parse_text(text, "f.yml")
    model = BY_NAME["organization"].model
    with pytest.raises(Exception) as caught:
        model.model_validate(loaded.data)
    [problem] = to_problems(caught.value, loaded, model)
    assert (problem.code, problem.line, problem.col) == ("missing-field", 6, 9)
    assert problem.message() == "缺少必填字段“name”（姓名）：请补上。"


# --- whole files ------------------------------------------------------------------------------

def test_a_list_where_a_mapping_is_expected_inside_a_file():
    text = open(Path(__file__).parents[1] / "fixtures/tiny/communities/xiaoyuan/community.yml", encoding="utf-8").read()
    text = text.replace("office:\n  address: 小园路8号党群服务中心\n  phone: \"010-62001234\"\n", "office: 小园路8号\n")
    problems = validated("community", text)
    assert [p[:1] + p[3:] for p in problems] == [("bad-type", "office")]


def test_every_problem_of_every_file_is_collected_in_one_pass(write_community):
    data = write_community({
        "members.yml": "members:\n\t- id: m1\n",
        "partners.yml": b"\xff\xfe",
        "notices/2026.yml": "",
        "activities/2026.yml": ACTIVITY.format("2026-13-40") + "    summery: x\n",
    })
    _, problems = load_and_check(data, None, TODAY)
    found = {(Path(p.file).name, p.code) for p in problems}
    assert {("members.yml", "yaml-tab"), ("partners.yml", "file-encoding"), ("2026.yml", "file-empty"),
            ("2026.yml", "no-such-date"), ("2026.yml", "unknown-field")} <= found


def test_hidden_files_in_a_year_folder_are_not_records(write_community):
    data = write_community({"finances/.DS_Store": b"\x00\x01", "activities/.2026.yml.swp": b"\x00"})
    _, problems = load_community(data / "communities" / "xiaoyuan")
    assert problems == []


def test_a_year_file_named_with_full_width_digits_is_refused(write_community):
    data = write_community({"notices/２０２５.yml": "notices: []\n"})
    _, problems = load_community(data / "communities" / "xiaoyuan")
    assert [(p.code, Path(p.file).name) for p in problems] == [("bad-year-file", "２０２５.yml")]


def test_records_know_where_each_field_is_written(write_community):
    community, _ = load_community(write_community() / "communities" / "xiaoyuan")
    entry = community.finances[2026].entries[1]
    file = entry.src[0]
    assert file.endswith(str(Path("xiaoyuan", "finances", "2026.yml")))
    assert entry.src == (file, 18, 5)
    assert entry.src_of("amount") == (file, 20, 13)
    assert entry.src_of("project") == entry.src  # left out: the record's own place
