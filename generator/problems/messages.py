"""The words of every problem, in Chinese (default) and English, keyed by its stable code.

Each message says what was found and what to write instead. Templates take the problem's
params; ``{field}`` is the place in the file: in Chinese 第 3 笔收支的“金额”
(``generator.records.places``), in English the dotted path ``entries[3].amount``.
"""
from __future__ import annotations

import os
import string

SHAPES_ZH = {"mapping": "“键: 值”的结构", "list": "列表（每项一行，以“- ”开头）", "text": "一段文字"}
KINDS_ZH = {
    "unit": "组织", "post": "岗位", "member": "党员", "partner": "共建单位", "fund": "经费",
    "project": "项目", "owner": "组织或党员", "commitment": "承诺", "activity": "活动", "notice": "公示",
}

MESSAGES: dict[str, tuple[str, str]] = {
    "file-encoding": (
        "文件不是 UTF-8 编码：请在编辑器里用“UTF-8”另存（不要用 GBK/ANSI）。",
        "the file is not UTF-8: save it again as UTF-8 (not GBK/ANSI).",
    ),
    "file-empty": ("文件是空的：请按模板填写内容，或删除这个文件。", "the file is empty: fill it in or delete it."),
    "file-not-mapping": (
        "文件的最外层应是“字段: 值”的结构，而不是列表或一段文字。",
        "the top level must be a mapping of fields, not a list or text.",
    ),
    "yaml-tab": ("这一行有制表符（Tab）：YAML 只能用空格缩进，请把 Tab 换成空格。",
                 "a tab character: YAML indents with spaces only; replace the tab with spaces."),
    "yaml-control-char": ("这一行有看不见的控制字符（{char}），多半是从 Word、网页或微信复制来的：请删除它，重新输入这几个字。",
                          "an invisible control character ({char}), usually pasted from Word or a web page: delete it."),
    "yaml-documents": ("一个文件里只能有一份记录：请删除 “---” 分隔线，或把后一部分移到另一个文件。",
                       "only one document per file: remove the '---' separator or move the rest to another file."),
    "yaml-alias": ("不能使用引用 *{name}：请把内容直接写出来。", "aliases (*{name}) are not allowed: write the value out."),
    "yaml-anchor": ("不能使用锚点 &{name}：请删除它，把内容直接写出来。", "anchors (&{name}) are not allowed: remove it."),
    "yaml-tag": ("不能使用标签 {tag}：请删除它；所有值都按原样当作文字读取。", "tags ({tag}) are not allowed: remove it."),
    "yaml-complex-key": ("字段名只能是一段文字。", "a key must be plain text."),
    "yaml-syntax": (
        "YAML 格式错误：{detail_zh}。",
        "YAML syntax error ({detail}): check indentation, the space after ':', and matching quotes.",
    ),
    "yaml-fullwidth-colon": ("“{key}”后面是中文冒号“：”：请改成英文冒号加一个空格，写成“{key}: ”。",
                             "'{key}' is followed by a full-width colon '：': type an ASCII colon and a space, '{key}: '."),
    "yaml-colon-space": ("“{key}:”后面少了一个空格：请在英文冒号后加一个空格，写成“{key}: {value}”。",
                         "a space is missing after '{key}:': write '{key}: {value}'."),
    "yaml-fullwidth-space": ("{place_zh}有全角空格（中文输入法打出的空格“　”）：请删掉它，改用英文空格。",
                             "a full-width space (U+3000) {place_en}: replace it with ordinary spaces."),
    "yaml-unclosed-quote": ("{where_zh}以引号 {quote} 开头，但这一行里没有配对的 {quote}：请在值的末尾补上 {quote}，"
                            "或去掉开头的 {quote}。",
                            "the value opens a quote {quote} that this line does not close: add {quote} at its end, "
                            "or remove the first one."),
    "yaml-too-deep": ("这里的列表或字段套了 {depth} 层以上，记录不会有这么多层：多半是方括号、花括号没有配对，"
                      "或粘贴时重复了很多次，请删掉多余的部分。",
                      "lists or fields nest more than {depth} levels deep, which no record does: "
                      "remove the unmatched or repeated brackets."),
    "duplicate-key": ("字段“{key}”写了两次（第一次在第 {first_line} 行）：请删掉其中一个。",
                      "'{key}' appears twice (first on line {first_line}): keep one."),
    "unknown-field": ("没有“{key}”这个字段{hint_zh}（这里可写：{known}）。", "unknown field '{key}'{hint_en} (known here: {known})."),
    "missing-field": ("缺少必填字段“{key}”{label_zh}：请补上。", "missing required field '{key}'."),
    "empty-value": ("{field}不能为空：请填写内容。", "'{field}' must not be empty."),
    "bad-choice": ("{field}的值“{value}”不在可选范围内：只能写 {expected}。",
                   "'{field}' is '{value}': it must be one of {expected}."),
    "bad-type": ("{field}应写成{expected_zh}。", "'{field}' must be a {expected}."),
    "bad-value": ("{field}的值不对：{detail}。", "'{field}' is not valid: {detail}."),
    "bad-id": ("编号“{value}”不合格式：只能用英文字母、数字、短横线和下划线，如 zb1、a2026-0110{known_zh}。",
               "id '{value}' is not valid: use letters, digits, '-' and '_' (e.g. zb1){known_en}."),
    "bad-date": ("日期“{value}”格式不对：请写成 2026-03-05 这样的“年-月-日”（月、日都用两位）。",
                 "date '{value}' is not valid: write it as 2026-03-05 (YYYY-MM-DD)."),
    "no-such-date": ("日期“{value}”不存在：请核对月份（01–12）和这个月的天数。",
                     "date '{value}' does not exist: check the month and the day."),
    "date-write-as": ("日期“{value}”请写成 {canonical}：记录里的日期一律写成“年-月-日”，月、日都用两位。",
                      "write the date '{value}' as {canonical} (YYYY-MM-DD)."),
    "choice-write-as": ("{field}写的是“{value}”：请写成 {canonical}。", "{field} is '{value}': write {canonical}."),
    "id-write-as": ("{field}写的是名称“{value}”：这里要写它的编号，请写成 {canonical}。",
                    "{field} gives the name '{value}': write its id, {canonical}."),
    "money-unquoted": ("金额 {value} 没有加引号：请写成带两位小数、加引号的金额，如 \"1280.50\" 或 \"-35.00\"。",
                       "amount {value} is not quoted: write it quoted with two decimals, e.g. \"1280.50\"."),
    "bad-money": ("金额“{value}”格式不对：只写数字和两位小数，不加 ¥、逗号或空格，支出前加负号，如 \"1280.50\"、\"-35.00\"。",
                  "amount '{value}' is not valid: digits and exactly two decimals, no ¥ or commas, e.g. \"-35.00\"."),
    "bad-number": ("{field}应是整数，如 28，而不是“{value}”。", "'{field}' must be a whole number, not '{value}'."),
    "bad-percent": ("进度 {value} 超出范围：请写 0 到 100 之间的整数。", "progress {value} must be 0–100."),
    "bad-year": ("年份“{value}”不对：请写四位年份，如 \"1998\"。", "year '{value}' is not valid: write e.g. \"1998\"."),
    "workplace-missing": ("在职报到党员必须写工作单位（workplace）。", "a 在职报到 member needs a workplace."),
    "attendance-over": ("实到人数 {present} 多于应到人数 {expected}：请核对。",
                        "present ({present}) is more than expected ({expected})."),
    "end-before-start": ("结束日期 {end} 早于开始日期 {start}：请核对。", "end {end} is before start {start}."),
    "bad-slug": ("社区文件夹名“{slug}”只能用小写英文字母、数字和短横线（它会出现在网址里），如 hepingli。",
                 "community folder '{slug}' must use a-z, 0-9 and '-' only (it is part of the URL)."),
    "missing-file": ("缺少文件 {kind}.yml：每个社区都必须有它；可用 dangwu new community 生成模板。",
                     "missing {kind}.yml: every community needs one."),
    "bad-year-file": ("{kind}/ 里的文件应按年份命名，如 2026.yml。", "files in {kind}/ must be named by year, e.g. 2026.yml."),
    "unknown-file": ("不认识的文件或文件夹：不会被发布；如是笔误请改名。", "unknown file or folder: it will not be published."),
    "duplicate-id": ("{kind_zh}编号“{id}”重复（第一次在 {first}）：请换一个未用过的编号。",
                     "{kind} id '{id}' is used twice (first at {first}): choose an unused id."),
    "unknown-reference": ("“{key}”写的是“{value}”，但找不到这个{kind_zh}：请核对编号是否写错，或先添加它。",
                          "'{key}' refers to '{value}', but no such {kind} exists."),
    "unit-cycle": ("组织“{id}”的上级关系绕成了圈：请检查 parent。", "unit '{id}' is its own ancestor: check parent."),
    "missing-photo": ("照片“{value}”不在社区的 photos/ 文件夹里：请放入照片，或改正文件名。",
                      "photo '{value}' is not in the community's photos/ folder."),
    "year-mismatch": ("日期 {date} 不在 {year} 年：这条记录应放在对应年份的文件里。",
                      "date {date} is not in {year}: move the record to that year's file."),
    "future-date": ("日期 {date} 晚于今天（{today}）：请核对是否写错。", "date {date} is after today ({today})."),
    "unknown-community": ("没有名为“{slug}”的社区文件夹。", "no community folder named '{slug}'."),
    "no-communities": ("这里没有社区：请在 communities/ 下为每个社区建一个文件夹。",
                       "no communities here: create one folder per community under communities/."),
}


def _enrich(params: dict) -> dict:
    """Derived words a template may use (Chinese names of kinds and shapes, hints)."""
    out = dict(params)
    out.setdefault("kind_zh", KINDS_ZH.get(params.get("kind", ""), params.get("kind", "")))
    out["expected_zh"] = SHAPES_ZH.get(params.get("expected", ""), params.get("expected", ""))
    suggestion = params.get("suggestion")
    out["hint_zh"] = f"，是不是要写“{suggestion}”？" if suggestion else "：请删除它或改成正确的字段名"
    out["hint_en"] = f" (did you mean '{suggestion}'?)" if suggestion else ""
    known = params.get("known")
    out["known_zh"] = f"；这里可写 {known}" if known else ""
    out["known_en"] = f"; here: {known}" if known else ""
    label = params.get("label")
    out["label_zh"] = f"（{label}）" if label else ""
    return out


class MissingParam(KeyError):
    """A template names a param its problem did not give (a bug in the rule, not the data)."""


class _Params(dict):
    """The values a template is filled from; a missing one fails loudly under pytest (so a
    test catches the rule that forgot it) and is left blank for a clerk, who could do nothing
    with a raw “{date}” and sees “？” instead."""

    def __init__(self, code: str, values: dict):
        super().__init__(values)
        self.code = code

    def __missing__(self, name: str) -> str:
        if "PYTEST_CURRENT_TEST" in os.environ:
            raise MissingParam(f"message {self.code} needs the param {name!r}")
        return "？"


def render(code: str, lang: str, params: dict) -> str:
    zh, en = MESSAGES.get(code, ("{code}", "{code}"))
    # The Chinese field is spoken with its own quotes (第 3 条活动的“标题”), so a template
    # that quotes it shows it once.
    template = en if lang == "en" else zh.replace("“{field}”", "{field}")
    return string.Formatter().vformat(template, (), _Params(code, _enrich({"code": code, **params})))


def add(messages: dict[str, tuple[str, str]]) -> None:
    """A rule module registers the words of its own codes; a code is never reused."""
    for code in messages:
        if code in MESSAGES:
            raise ValueError(f"problem code {code} defined twice")
    MESSAGES.update(messages)
