"""Personal data written in words: home addresses, birth dates, identity documents in a file name.

Works on text already folded by ``privacy.fold`` (full-width digits and punctuation are ASCII
there) and returns ``(kind, start, end)`` spans in it; ``privacy`` turns them into findings.

A home address is a residential unit down to the door: 3号楼2单元501室, 3栋2单元501,
5号楼501室, 12弄3号602室, 幸福里3-2-501. A building or a place in front of it (3号楼前广场,
5号楼) is where an activity happens, not where someone lives, and an office's own room
(党群服务中心3楼301室) is public by design: neither is reported.

A birth date is a date with words that make it one: 出生日期：1980-01-01, 生于1980.1.1,
1980年1月1日出生. A year alone (1980年生) is an age band and is left alone, as are the
dates of activities, which no such word accompanies.
"""
from __future__ import annotations

import re

HOME_ADDRESS, BIRTH_DATE = "home-address", "birth-date"

_CN = "〇零一二三四五六七八九十两"
_NUM = rf"(?:[0-9]{{1,4}}|[{_CN}]{{1,4}})"
# 号楼/栋/幢 name a building; a bare 楼 is a floor (3楼301室 is an office's room), so it is not one.
_BUILDING = rf"{_NUM}\s*(?:号楼|栋|幢|号院\s*{_NUM}\s*号楼)"
_UNIT = rf"{_NUM}\s*单元"
_DOOR = rf"(?:(?:[0-9]{{1,5}}|[{_CN}]{{1,5}})\s*室|[0-9]{{3,5}}\s*号(?![楼院]))"
# A door without 室: three or four digits after a unit, not followed by what counts things.
_BARE_DOOR = r"[0-9]{3,4}(?![0-9])(?!\s*(?:名|人|位|元|米|平|个|次|年|月|日|岁|户|期|号|栋|幢|单元|弄|天|件|份|场|%))"
_ADDRESS = re.compile("|".join([
    rf"{_BUILDING}\s*-?\s*{_UNIT}\s*-?\s*(?:{_DOOR}|{_BARE_DOOR})",  # 3号楼2单元501室, 3栋2单元501
    rf"{_UNIT}\s*-?\s*{_DOOR}",  # 2单元501室
    rf"{_BUILDING}\s*-?\s*{_DOOR}",  # 5号楼501室
    rf"{_BUILDING}\s*[0-9]{{1,2}}\s*-\s*[0-9]{{3,4}}(?![0-9])",  # 3号楼2-501
    rf"{_NUM}\s*弄\s*{_NUM}\s*(?:号|支弄)\s*-?\s*(?:{_DOOR}|{_BARE_DOOR})",  # 12弄3号602室
    r"(?<![0-9-])[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4}\s*(?:室|号)",  # 3-2-501室
    r"(?:(?<=小区|花园|家园|公寓|新村|新苑)|(?<=[苑园里院]))[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4}(?![0-9-])",  # 幸福里3-2-501
]))
# A room of an office or a public place, not a home: looked for in the same clause.
_PUBLIC_PLACE = re.compile(
    "党群|服务中心|服务站|居委会|村委会|委员会|办公|活动室|会议室|阅览室|图书室|警务室|卫生室|医务室|调解室|"
    "工作室|书屋|驿站|物业|学校|幼儿园|医院|卫生院|公司|银行|超市|商场|大厦|写字楼|派出所|街道")
_CLAUSE_END = re.compile(r"[,;。；，\n\u2029!?！？]")

_YEAR = rf"(?:1[89][0-9]{{2}}|20[0-9]{{2}}|[一二][{_CN}]{{3}})"
_MONTH = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?:3[01]|[12][0-9]|0?[1-9]|三十一?|[二]?十[一二三四五六七八九]?|[一二三四五六七八九])"
_DATE = (rf"(?:{_YEAR}\s*年\s*{_MONTH}\s*月(?:\s*{_DAY}\s*[日号])?"
         rf"|{_YEAR}\s*[-/.]\s*{_MONTH}(?:\s*[-/.]\s*{_DAY})?(?![0-9])"
         rf"|{_YEAR}(?:1[0-2]|0[1-9])(?:3[01]|[12][0-9]|0[1-9])(?![0-9]))")
# 生于 after these is another word: 发生于, 产生于, 诞生于 (a founding), 学生于 ….
_BORN_IN = r"(?<![发产诞学师考新招研派衍滋寄再重共民催医卫先])生于"
_BIRTH = re.compile(
    rf"(?:出生日期|出生年月日?|出生时间|出生于|出生在|(?<![发产诞学过])生日(?=\s*[:是为])|{_BORN_IN}|出生)"
    rf"\s*(?:是|为)?\s*[:：]?\s*({_DATE})"
    rf"|({_DATE})\s*(?:出生|生人|生(?=$|[\s,.;:)、。，；：）]))")

_DOCUMENT = re.compile(
    r"身份证|身份證|户口本|户口簿|户口页|银行卡|存折|护照|驾驶证|驾照|社保卡|医保卡|结婚证|离婚证|"
    r"病历|诊断书|残疾证|出生证|idcard|id[-_ ]card|shenfenzheng", re.IGNORECASE)


# Every address holds one of these, every birth date a 生: the patterns are tried only near
# one (a page of the built site is long, and most of it is neither).
_ADDRESS_ANCHOR = re.compile(r"单元|号楼|栋|幢|弄|[0-9]\s*-\s*[0-9]{1,2}\s*-\s*[0-9]")
_BIRTH_ANCHOR = re.compile("生")
WINDOW = 40  # characters either side of an anchor; longer than any address or dated phrase


def find(folded: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every home address and birth date in a folded text."""
    found = [(HOME_ADDRESS, m.start(), m.end()) for m in _near(_ADDRESS, _ADDRESS_ANCHOR, folded)
             if not _public_place(folded, m.start(), m.end())]
    for match in _near(_BIRTH, _BIRTH_ANCHOR, folded):
        group = 1 if match.group(1) else 2
        found.append((BIRTH_DATE, match.start(group), match.end(group)))
    return found


def _near(pattern: re.Pattern, anchor: re.Pattern, folded: str) -> list[re.Match]:
    """The matches ``pattern.finditer`` would give, looked for only around each anchor."""
    found: list[re.Match] = []
    done = 0  # everything before this has been searched or matched
    for hit in anchor.finditer(folded):
        start = max(done, hit.start() - WINDOW)
        for near in pattern.finditer(folded, start, hit.end() + WINDOW):
            whole = pattern.match(folded, near.start())  # without the window's end as a limit
            if whole and whole.start() >= done and whole.end() > whole.start():
                found.append(whole)
                done = whole.end()
        done = max(done, hit.start() - WINDOW)
    return found


def _public_place(folded: str, start: int, end: int) -> bool:
    """Whether the clause holding the address names an office or a public place."""
    before = max((m.end() for m in _CLAUSE_END.finditer(folded, max(0, start - 40), start)),
                 default=max(0, start - 40))
    after = _CLAUSE_END.search(folded, end, end + 40)
    clause = folded[before:after.start() if after else min(len(folded), end + 40)]
    return _PUBLIC_PLACE.search(clause) is not None


def documents(folded: str) -> list[tuple[int, int]]:
    """Where a file name names an identity document or a bank card."""
    return [(m.start(), m.end()) for m in _DOCUMENT.finditer(folded)]
