"""Personal data in text: find ID numbers, mobiles, bank cards, home addresses and birth dates.

The board must never show a resident's 身份证号, personal mobile, bank card, home address or
birth date (PIPL Art. 28). Clerks paste them from Excel in every spelling: full-width or
Arabic-Indic digits, Chinese numerals (一三八〇…), zero-width characters copied from a web page,
bidi controls that make the browser show a number the file holds backwards, spaces, dots,
dashes or a line break inside, a +86 in front. So the text is read in each way a screen may
show it (a *view*: normalised, numerals read as digits, right-to-left runs turned round), with
a map back to the original offsets, and the numbers are then looked for as whole digit groups:
digits inside a longer run that fails the checks (a voucher, an amount, a hash) are not a finding.
"""
from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from generator.privacy import words as privacy_words

ID_NUMBER, MOBILE, BANK_CARD = "id-number", "mobile", "bank-card"
HOME_ADDRESS, BIRTH_DATE, ID_DOCUMENT = "home-address", "birth-date", "id-document"
NUMBER_KINDS = (ID_NUMBER, MOBILE, BANK_CARD)
SEVERITY = {ID_NUMBER: "error", MOBILE: "error", BANK_CARD: "warning",
            HOME_ADDRESS: "error", BIRTH_DATE: "error", ID_DOCUMENT: "error"}


@dataclass(frozen=True)
class Finding:
    kind: str  # "id-number" | "mobile" | "bank-card" | "home-address" | "birth-date" | "id-document"
    text: str  # as written in the original text
    start: int  # offsets into the ORIGINAL text
    end: int
    severity: str  # "error", except "warning" for a bank card
    number: str = ""  # the digits as a reader sees them, when the text holds them otherwise
    #                   (一三八…, or stored backwards behind a bidi control)

    @property
    def digits(self) -> str:
        """The number itself: digits only (and a final X of an ID), without +86/0086."""
        return self.number or canonical_number(self.text)

    @property
    def masked(self) -> str:
        """As a message may show it: 110101********1234, 138****8000, *号楼*单元***室."""
        if self.kind in NUMBER_KINDS:
            return mask_number(self.kind, self.digits)
        return mask_words(self.text)


# --- normalising -------------------------------------------------------------------------

# Shown as blank but not spaces to Unicode: Hangul fillers, the braille blank.
_BLANKS = {0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800}


class _FoldTable(dict):
    """str.translate table, filled lazily: NFKC of each character; format characters (Cf) and
    combining marks dropped (a keycap or an underline on a digit leaves the digit); every
    script's decimal digits read as 0–9."""

    def __missing__(self, code: int):
        char = chr(code)
        if code in _BLANKS:
            folded = " "
        elif unicodedata.category(char) in ("Cf", "Mn", "Me"):
            folded = ""
        else:
            folded = "".join(_ascii_digit(c) for c in unicodedata.normalize("NFKC", char))
        self[code] = code if folded == char else folded
        return self[code]


def _ascii_digit(char: str) -> str:
    """١ (Arabic-Indic), १ (Devanagari), 𝟏 (mathematical) … → "1"; anything else unchanged."""
    if char > "\x7f" and unicodedata.category(char) == "Nd":
        return str(unicodedata.digit(char))
    return char


_FOLD = _FoldTable()


def fold(text: str) -> str:
    """NFKC per character, digits of every script as 0–9, invisible characters dropped."""
    return text.translate(_FOLD)


def origins(text: str) -> list[int]:
    """For each character of ``fold(text)``, the index of the original character it came from."""
    origin: list[int] = []
    for index, char in enumerate(text):
        folded = _FOLD[ord(char)]
        origin.extend([index] * (1 if isinstance(folded, int) else len(folded)))
    return origin


def normalise(text: str) -> tuple[str, list[int]]:
    """The folded text and, for each of its characters, where it stands in ``text``."""
    return fold(text), origins(text)


def phone_digits(text: str) -> str:
    """The ASCII digits of a phone number as written (full-width digits folded)."""
    return "".join(c for c in fold(text) if "0" <= c <= "9")


def canonical_number(text: str) -> str:
    """Digits (and an ID's final X, upper-cased) without a +86/0086 country prefix."""
    digits = "".join(c for c in fold(text).upper() if "0" <= c <= "9" or c == "X")
    for prefix in ("0086", "86"):
        if digits.startswith(prefix) and _is_mobile(digits[len(prefix):]):
            return digits[len(prefix):]
    return digits


def mask_words(text: str) -> str:
    """An address or a date with every digit and numeral starred: *号楼*单元*室, ****年*月*日."""
    return re.sub(r"[0-9〇零一二三四五六七八九十两幺]+", "*", fold(text))


# --- views: the text as a screen may show it ------------------------------------------------

class View:
    """A folded reading of the text and, worked out only when a finding needs it, for each of
    its characters the index of the original character it came from."""

    def __init__(self, text: str, origin: Callable[[], list[int]] | list[int]):
        self.text = text
        self._origin = origin

    @property
    def origin(self) -> list[int]:
        if callable(self._origin):
            self._origin = self._origin()
        return self._origin


# Chinese numerals read out digit by digit (幺 is how 1 is said in a phone number).
NUMERALS = str.maketrans("〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖", "001234567891123456789")
# A run long enough to be a number once its numerals are digits: 11 or more, maybe in groups.
_NUMERAL_RUN = re.compile(
    r"[0-9〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖](?:[ \-.]?[0-9〇零一二三四五六七八九幺壹贰叁肆伍陆柒捌玖Xx]){10,}")
# Bidi controls that show what follows right to left, and what ends their reach.
RTL_OPENERS = "\u202b\u202e\u2067\u200f\u061c"  # RLE, RLO, RLI, RLM, ALM
RTL_CLOSERS = "\u202c\u2069\n\u2029"  # PDF, PDI, a line or block end


def views(text: str) -> list[View]:
    """The text normalised, then (only when it could matter) with numerals read as digits and
    with each right-to-left run turned round: by character (an override shows 00083100831 as
    13800138000) and by digit group (an embedding shows 8000 0013 138 as 138 0013 8000)."""
    base = View(fold(text), lambda: origins(text))
    found = [base]
    numerals = _numerals_as_digits(base.text)
    if numerals != base.text:
        found.append(View(numerals, lambda: base.origin))
    if any(c in text for c in RTL_OPENERS):
        found += [_reordered(text, base, by_groups) for by_groups in (False, True)]
    return found


def _numerals_as_digits(folded: str) -> str:
    return _NUMERAL_RUN.sub(lambda m: m.group().translate(NUMERALS), folded)


def _reordered(text: str, base: View, by_groups: bool) -> View:
    """``base`` with every right-to-left run shown in the order a browser would show it."""
    run_of = _rtl_runs(text)
    out: list[tuple[str, int]] = []
    run: list[tuple[str, int]] = []
    current = -1
    for pair in zip(base.text, base.origin, strict=True):
        here = run_of[pair[1]]
        if here != current and run:
            out += _turned(run, by_groups) if current >= 0 else run
            run = []
        current = here
        run.append(pair)
    out += _turned(run, by_groups) if current >= 0 else run
    return View("".join(c for c, _ in out), [o for _, o in out])


def _rtl_runs(text: str) -> list[int]:
    """For each character, the index of the RTL control whose run it is in (-1: none)."""
    runs, current = [], -1
    for index, char in enumerate(text):
        if char in RTL_OPENERS:
            current = index
        elif char in RTL_CLOSERS:
            current = -1
        runs.append(current)
    return runs


def _turned(run: list[tuple[str, int]], by_groups: bool) -> list[tuple[str, int]]:
    if not by_groups:
        return run[::-1]
    tokens: list[list[tuple[str, int]]] = []
    current: list[tuple[str, int]] = []
    digit = None
    for pair in run:
        is_digit = "0" <= pair[0] <= "9"
        if current and is_digit != digit:
            tokens.append(current)
            current = []
        current.append(pair)
        digit = is_digit
    tokens.append(current)
    return [pair for token in reversed(tokens) for pair in token]


# --- the three number checks ---------------------------------------------------------------

_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
_ID_CHECK = "10X98765432"
EARLIEST_BIRTH_YEAR = 1880  # older than any living resident


def id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number."""
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11]


def _plausible_birth(year: int, month: int, day: int) -> bool:
    if not EARLIEST_BIRTH_YEAR <= year <= 2099:
        return False
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def is_id_number(number: str) -> bool:
    """18 characters with a valid check character and birth date, or the 15-digit legacy form.

    The region code is deliberately not checked: a made-up region still identifies a person
    once the rest is right, and test numbers use 999999.
    """
    number = number.upper()
    if len(number) == 18 and number[:17].isdigit() and number[17] in "0123456789X":
        birth = number[6:14]
        return (id_check_digit(number[:17]) == number[17]
                and _plausible_birth(int(birth[:4]), int(birth[4:6]), int(birth[6:])))
    if len(number) == 15 and number.isdigit():
        birth = number[6:12]  # YYMMDD, all born in the 1900s
        return _plausible_birth(1900 + int(birth[:2]), int(birth[2:4]), int(birth[4:]))
    return False


def _is_mobile(number: str) -> bool:
    return len(number) == 11 and number[0] == "1" and number[1] in "3456789" and number.isdigit()


def luhn_ok(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def is_bank_card(number: str) -> bool:
    return 16 <= len(number) <= 19 and number.isdigit() and luhn_ok(number)


def classify(number: str) -> str | None:
    """The kind of personal number ``number`` (digits, maybe a final X) is, if any."""
    if is_id_number(number):
        return ID_NUMBER
    if _is_mobile(canonical_number(number)) and len(number) in (11, 13, 15):
        return MOBILE
    if is_bank_card(number):
        return BANK_CARD
    return None


def mask_number(kind: str, digits: str) -> str:
    if kind == ID_NUMBER:
        return digits[:6] + "*" * (len(digits) - 10) + digits[-4:]
    if kind == MOBILE:
        return digits[:3] + "****" + digits[-4:]
    return digits[:4] + "****" + digits[-4:]


# --- finding numbers in a view ---------------------------------------------------------------

# A digit group; an 18-character ID may end in X. A group glued to a decimal point with
# digits on the other side is part of an amount (0.30000000000000004), not a number to check.
_GROUP = re.compile(r"(?<![0-9])(?<![0-9]\.)[0-9]+(?:[Xx](?![0-9A-Za-z]))?(?!\.?[0-9])")
# What may stand between the groups of one number: spaces, at most one dash, or one line
# break (a browser shows a line break inside a paragraph as a space).
_SEPARATOR = re.compile(r"[ \t]*(?:[-‐‑‒–—−]|\r?\n)?[ \t]*")
# Groups joined by dots, two dots or more (138.0013.8000): an amount has one.
_DOTTED = re.compile(r"(?<![0-9.])[0-9]+(?:[.·•・。][0-9]+){2,}(?![0-9]|[.·•・。][0-9])")
# A country code before a mobile written in groups: +86, 0086, (+86).
_COUNTRY = re.compile(r"(?:\(\s*)?(?:\+|00)\s*86\s*\)?[ \t]*[-‐‑‒–—−]?[ \t]*$")
MIN_GROUP = 3  # "1 2 3 4 5 6" is a list of numbers, not a phone; real groups are 3+ digits
MAX_GROUPS = 5
SHORTEST = 11  # a mobile; nothing shorter is a personal number


@dataclass(frozen=True)
class _Group:
    start: int  # in the view
    end: int
    value: str


def _undotted(folded: str) -> str:
    """Dots between the groups of a dotted number read as spaces (same length, same offsets)."""
    return _DOTTED.sub(lambda m: re.sub(r"[^0-9]", " ", m.group()), folded)


def _groups(folded: str) -> list[_Group]:
    return [_Group(m.start(), m.end(), m.group().upper()) for m in _GROUP.finditer(folded)]


def _chains(folded: str, groups: list[_Group]) -> list[list[_Group]]:
    """Runs of groups joined only by a separator (138 0013 8000, 110101-19900307-1234)."""
    chains: list[list[_Group]] = []
    for group in groups:
        previous = chains[-1][-1] if chains else None
        joined = (previous is not None and len(group.value) >= MIN_GROUP
                  and len(previous.value) >= MIN_GROUP and not previous.value.endswith("X")
                  and _SEPARATOR.fullmatch(folded, previous.end, group.start) is not None
                  and previous.end < group.start)
        if joined:
            chains[-1].append(group)
        else:
            chains.append([group])
    return chains


def _shape_ok(kind: str, lengths: tuple[int, ...]) -> bool:
    """How people write a number in groups; a run of groups of another shape (coordinates in
    an SVG path, a list of counts) is not read as one number. A mobile is written in any
    grouping (3-4-4, 4-4-3, 3-3-5, 7-4 …), each group 3 digits or more."""
    if kind == MOBILE:
        return len(lengths) <= 4
    if kind == ID_NUMBER:
        return lengths[0] == 6 or lengths[:2] == (3, 3)  # the region code first: 110101 19900307 1234
    return lengths[0] == 6 or (set(lengths[:-1]) == {4} and lengths[-1] in (3, 4))


def _candidates(chain: list[_Group]) -> list[tuple[str, int, int]]:
    """Every (kind, first, last) run of groups that reads as a personal number."""
    found = []
    for first in range(len(chain)):
        for last in range(first, min(len(chain), first + MAX_GROUPS)):
            groups = chain[first:last + 1]
            if any(g.value.endswith("X") for g in groups[:-1]):
                break  # an X ends an ID: nothing follows it inside the same number
            kind = classify("".join(g.value for g in groups))
            if kind and (first == last or _shape_ok(kind, tuple(len(g.value) for g in groups))):
                found.append((kind, first, last))
    return found


def _match_chain(chain: list[_Group]) -> list[tuple[str, int, int]]:
    """The runs to report: errors before warnings, whole groups before joined ones, no overlap."""
    ranked = sorted(_candidates(chain),
                    key=lambda m: (SEVERITY[m[0]] != "error", m[2] - m[1], m[1]))
    chosen: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for kind, first, last in ranked:
        span = set(range(first, last + 1))
        if not span & taken:
            chosen.append((kind, first, last))
            taken |= span
    return sorted(chosen, key=lambda m: m[1])


def _country_prefix(folded: str, start: int) -> int:
    """Where a +86/0086 written before a mobile begins (``start`` when there is none)."""
    if folded[start - 1:start] == "+":  # +8613800138000: the 86 is inside the group
        return start - 1
    match = _COUNTRY.search(folded, max(0, start - 12), start)
    return match.start() if match else start


# What a number's groups and what stands between them are made of: digits, an ID's final X,
# separators (_SEPARATOR) and the dots _undotted reads as spaces. A chain of groups never
# crosses any other character, so every personal number lies inside one run of these holding
# SHORTEST digits or more. Only such runs are read: a page is long, and most of its digits
# (dates, amounts, counts) stand in short runs.
_NOT_DIGIT = "Xx \t\r\n.·•・。\\-‐‑‒–—−"
_RUN_CHARS = frozenset("0123456789Xx \t\r\n.·•・。-‐‑‒–—−")
_LONG_RUN = re.compile(rf"[0-9](?:[{_NOT_DIGIT}]*[0-9]){{{SHORTEST - 1}}}")  # starts at a digit: fast to seek
_RUN_REST = re.compile(rf"[0-9{_NOT_DIGIT}]*")


def _long_runs(folded: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each whole run of number characters holding SHORTEST digits or more."""
    end = 0
    while (hit := _LONG_RUN.search(folded, end)) is not None:
        start = hit.start()
        while start > end and folded[start - 1] in _RUN_CHARS:
            start -= 1
        rest = _RUN_REST.match(folded, hit.end())  # matches, if only the empty string
        end = rest.end() if rest else hit.end()
        yield start, end


def _numbers(folded: str) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every personal number in a view.

    Each long run is read with one character either side of it (never a number character):
    the patterns' look-arounds see there exactly what they see in the whole text."""
    found = []
    whole = None  # the whole view undotted: only a mobile's +86 is looked for outside its run
    for run_start, run_end in _long_runs(folded):
        offset = max(0, run_start - 1)
        piece = _undotted(folded[offset:run_end + 1])
        for chain in _chains(piece, _groups(piece)):
            if sum(len(g.value) for g in chain) < SHORTEST:
                continue
            for kind, first, last in _match_chain(chain):
                start, end = chain[first].start + offset, chain[last].end + offset
                if kind == MOBILE:
                    whole = _undotted(folded) if whole is None else whole
                    start = _country_prefix(whole, start)
                found.append((kind, start, end))
    return found


# --- finding everything --------------------------------------------------------------------

def find_personal_data(text: str, allowed_phones: frozenset[str] = frozenset(),
                       allowed_addresses: frozenset[str] = frozenset()) -> list[Finding]:
    """Every ID number, personal mobile, bank card number, home address and birth date in
    ``text``, in order, each once however many views show it.

    ``allowed_phones`` are the office's own numbers (compared by digits only);
    ``allowed_addresses`` the office's own address (an address inside one is not reported).
    """
    allowed = _allowed_numbers(frozenset(allowed_phones))  # frozenset(a frozenset) is itself: no copy
    offices = _folded_all(frozenset(allowed_addresses))
    candidates: list[Finding] = []
    for view in views(text):
        for kind, start, end in _numbers(view.text) + privacy_words.find(view.text):
            finding = _finding(text, view, kind, start, end)
            if kind == MOBILE and finding.digits in allowed:
                continue
            if kind == HOME_ADDRESS and any(fold(finding.text) in office for office in offices):
                continue
            candidates.append(finding)
    # Where views disagree (digits stored backwards may pass as a bank card), an error wins
    # over a warning, then the earlier view; sorted() is stable.
    findings: list[Finding] = []
    for finding in sorted(candidates, key=lambda f: f.severity != "error"):
        if not any(_overlap(finding, f) for f in findings):
            findings.append(finding)
    return sorted(findings, key=lambda f: (f.start, f.end))


@lru_cache(maxsize=64)
def _allowed_numbers(phones: frozenset[str]) -> frozenset[str]:
    """The office's phones by digits: worked out once, not for each of a site's thousands of texts."""
    return frozenset(canonical_number(p) for p in phones)


@lru_cache(maxsize=64)
def _folded_all(texts: frozenset[str]) -> tuple[str, ...]:
    return tuple(fold(t) for t in texts)


def _overlap(one: Finding, other: Finding) -> bool:
    return one.start < other.end and other.start < one.end


def _finding(text: str, view: View, kind: str, start: int, end: int) -> Finding:
    places = view.origin[start:end]
    first, last = min(places), max(places) + 1
    finding = Finding(kind, text[first:last], first, last, SEVERITY[kind])
    if kind in NUMBER_KINDS:
        number = canonical_number(view.text[start:end])
        if number != finding.digits:
            return Finding(kind, finding.text, first, last, finding.severity, number)
    return finding


def find_in_file_name(name: str, allowed_phones: frozenset[str] = frozenset()) -> list[Finding]:
    """Personal data in a file's name (it is shown in every URL), and the names of identity
    documents: a photo called 张三身份证正面.jpg is most likely the card itself."""
    found = find_personal_data(name, allowed_phones)
    for start, end in privacy_words.documents(fold(name)):
        origin = origins(name)
        first, last = origin[start], origin[end - 1] + 1
        found.append(Finding(ID_DOCUMENT, name[first:last], first, last, SEVERITY[ID_DOCUMENT]))
    return sorted(found, key=lambda f: (f.start, f.end))


# --- names -------------------------------------------------------------------------------

COMPOUND_SURNAMES = frozenset(
    "欧阳 司马 诸葛 上官 东方 皇甫 尉迟 公孙 慕容 长孙 宇文 司徒 夏侯 轩辕 令狐 端木".split()
)
MASK_MODES = ("full", "middle", "surname")


def surname_length(name: str) -> int:
    return 2 if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else 1


def mask_name(name: str, mode: str) -> str:
    """``full``: 张建国; ``middle``: 张*国 (张*, 欧阳*华); ``surname``: 张*.

    One star whatever the length, so the mask does not tell how long the name is.
    """
    if mode not in MASK_MODES:
        raise ValueError(f"unknown masking mode {mode!r}; use one of {', '.join(MASK_MODES)}")
    name = name.strip()
    if mode == "full" or len(name) <= 1:
        return name
    surname = name[:surname_length(name)]
    given = name[len(surname):]
    if mode == "surname" or len(given) <= 1:
        return surname + "*"
    return surname + "*" + given[-1]


# Characters Python-Markdown (with tables) un-escapes after a backslash, and the two that
# need an entity instead: "\<" is not an escape there, and "&" would start an entity.
_BACKSLASHED = set("\\`*_{}[]>#|")
_ENTITIES = {"<": "&lt;", "&": "&amp;"}


# A line that starts like a list item ("1. ", "2) ", "- ", "+ ") or a rule ("---").
_LIST_START = re.compile(r"^([ \t]*)(\d+(?=[.)])|[-+](?=[ \t]|-|$))", re.MULTILINE)


def literal_markdown(text: str) -> str:
    """``text`` escaped so Markdown shows it as typed: 张*明 stays 张*明, not emphasis."""
    out = []
    for char in text:
        if char in _BACKSLASHED:
            out.append("\\" + char)
        else:
            out.append(_ENTITIES.get(char, char))
    return _LIST_START.sub(_escape_list_start, "".join(out))


def _escape_list_start(match: re.Match) -> str:
    indent, marker = match.groups()
    if marker.isdigit():
        return f"{indent}{marker}\\"  # 1\. : the backslash goes before the dot or bracket
    return f"{indent}\\{marker}"
