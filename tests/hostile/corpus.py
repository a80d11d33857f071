"""Load the hostile corpora and fill in their personal numbers.

No real-looking number is typed into the corpus: every one is computed here (the ID check
character by ISO 7064 MOD 11-2, the card's last digit by Luhn), from the obviously fake
region code 999999 and the test mobile 13800138000.
"""
from __future__ import annotations

import string
from pathlib import Path

import yaml

HERE = Path(__file__).parent
ZWSP, ZWJ, WORD_JOINER, SOFT_HYPHEN, BOM = "\u200b", "\u200d", "\u2060", "\u00ad", "\ufeff"
# Bidi controls: right-to-left override / embedding / isolate / mark, Arabic letter mark, the
# left-to-right ones, and what closes them (pop directional formatting / isolate).
RLO, RLE, RLI, RLM, ALM = "\u202e", "\u202b", "\u2067", "\u200f", "\u061c"
LRO, LRE, LRI, LRM, PDF, PDI = "\u202d", "\u202a", "\u2066", "\u200e", "\u202c", "\u2069"
HANGUL_FILLER = "\u3164"


def id_check(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def make_id(birth: str = "19800101", sequence: str = "123", region: str = "999999") -> str:
    first17 = region + birth + sequence
    return first17 + id_check(first17)


def id_ending_in_x(birth: str = "19800101") -> str:
    return next(n for n in (make_id(birth, f"{s:03d}") for s in range(1000)) if n.endswith("X"))


def luhn_complete(partial: str) -> str:
    """``partial`` plus the digit that makes it pass the Luhn check."""
    return next(partial + d for d in "0123456789" if _luhn(partial + d))


def _luhn(number: str) -> bool:
    total = 0
    for position, char in enumerate(reversed(number)):
        value = int(char) * (2 if position % 2 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


NUMBERS = {
    "ID": make_id(),
    "IDX": id_ending_in_x(),
    "ID15": "999999" + "800101" + "123",  # legacy: YYMMDD birth, no check character
    "MOBILE": "13800138000",
    "MOBILE2": "19912345678",
    "CARD": luhn_complete("622200001234567"),  # 16 digits
    "CARD19": luhn_complete("622200001234567890"),  # 19 digits
}
GROUPS = {11: (3, 4, 4), 18: (6, 8, 4), 15: (6, 6, 3), 16: (4, 4, 4, 4), 19: (4, 4, 4, 4, 3)}


def _grouped(number: str, separator: str, sizes: tuple[int, ...] | None = None) -> str:
    return separator.join(_groups(number, sizes))


def _groups(number: str, sizes: tuple[int, ...] | None = None) -> list[str]:
    parts, start = [], 0
    for size in sizes or GROUPS[len(number)]:
        parts.append(number[start:start + size])
        start += size
    return parts


# Chinese numerals as a number is read out digit by digit; 幺 is 1 said on the phone.
CN_DIGITS = "〇一二三四五六七八九"


def _numerals(number: str, zero: str = "〇", one: str = "一") -> str:
    table = {**dict(zip("0123456789", CN_DIGITS, strict=True)), "0": zero, "1": one}
    return "".join(table.get(c, c) for c in number)


def _mixed(number: str) -> str:
    """Every other digit a numeral: 1三8〇0一3八0〇0."""
    return "".join(_numerals(c) if i % 2 else c for i, c in enumerate(number))


def _script(zero: int):
    """Digits of another script, whose zero is ``zero`` (Arabic-Indic U+0660, Devanagari U+0966 …)."""
    return lambda n: "".join(chr(zero + int(c)) if c.isdigit() else c for c in n)


def _rtl_groups(opener: str, closer: str = ""):
    """The groups stored last first behind a right-to-left control; the browser shows them first first."""
    return lambda n: opener + " ".join(reversed(_groups(n))) + closer


def _fullwidth(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


SPELLINGS = {
    "": lambda n: n,
    "fullwidth": _fullwidth,
    "zwsp": ZWSP.join,
    "zwj": ZWJ.join,
    "wj": WORD_JOINER.join,
    "soft": SOFT_HYPHEN.join,
    "bom": lambda n: n[:3] + BOM + n[3:],
    "spaced": lambda n: _grouped(n, " "),
    "dashed": lambda n: _grouped(n, "-"),
    "fullwidth-spaced": lambda n: _fullwidth(_grouped(n, "\u3000")),
    "fullwidth-dashed": lambda n: _fullwidth(_grouped(n, "-")),
    "lower": str.lower,
    "plus86": lambda n: "+86 " + _grouped(n, " "),
    "plus86-glued": lambda n: "+86" + n,
    "0086": lambda n: "0086-" + _grouped(n, "-"),
    "bracket86": lambda n: "(+86)" + n,
    "entity": lambda n: "".join(f"&#x{ord(c):x};" for c in n),  # for HTML only
    "decimal-entity": lambda n: "".join(f"&#{ord(c)};" for c in n),
    "strong": lambda n: f"{n[:3]}<strong>{n[3:7]}</strong>{n[7:]}",  # for HTML only
    # Chinese numerals
    "cn": _numerals,
    "cn-ling": lambda n: _numerals(n, zero="零"),
    "cn-yao": lambda n: _numerals(n, one="幺"),
    "cn-yao-ling": lambda n: _numerals(n, zero="零", one="幺"),
    "cn-mixed": _mixed,
    "cn-spaced": lambda n: _numerals(_grouped(n, " ")),
    "cn-capital": lambda n: n.translate(str.maketrans("0123456789", "零壹贰叁肆伍陆柒捌玖")),
    # groupings
    "dotted": lambda n: _grouped(n, "."),
    "fullwidth-dotted": lambda n: _fullwidth(_grouped(n, ".")),
    "middle-dot": lambda n: _grouped(n, "·"),
    "g443": lambda n: _grouped(n, " ", (4, 4, 3)),
    "g335": lambda n: _grouped(n, " ", (3, 3, 5)),
    "g344-dash-space": lambda n: _grouped(n, " - "),
    "g74": lambda n: _grouped(n, " ", (7, 4)),
    "g38": lambda n: _grouped(n, "-", (3, 8)),
    "g56": lambda n: _grouped(n, " ", (5, 6)),
    "g434": lambda n: _grouped(n, "-", (4, 3, 4)),
    "g6444": lambda n: _grouped(n, " ", (6, 4, 4, 4)),
    "g33444": lambda n: _grouped(n, " ", (3, 3, 4, 4, 4)),
    "g666": lambda n: _grouped(n, "-", (6, 6, 6)),
    # digits of other scripts
    "arabic-indic": _script(0x0660),
    "persian": _script(0x06F0),
    "devanagari": _script(0x0966),
    "bengali": _script(0x09E6),
    "thai": _script(0x0E50),
    "math-bold": _script(0x1D7CE),
    "double-struck": _script(0x1D7D8),
    "monospace": _script(0x1D7F6),
    "fullwidth-arabic-mix": lambda n: _fullwidth(n[:5]) + _script(0x0660)(n[5:]),
    "keycap": lambda n: "".join(c + "\ufe0f\u20e3" for c in n),
    "underlined": lambda n: "".join(c + "\u0332" for c in n),
    # bidi controls: stored backwards, shown forwards
    "rlo": lambda n: RLO + n[::-1] + PDF,
    "rlo-open": lambda n: RLO + n[::-1],
    "rlo-in-text": lambda n: "电话" + RLO + n[::-1] + PDF + "（张）",
    "rle-groups": _rtl_groups(RLE, PDF),
    "rli-groups": _rtl_groups(RLI, PDI),
    "rlm-groups": _rtl_groups(RLM),
    "alm-groups": _rtl_groups(ALM),
    # bidi controls in logical order: invisible, they only split the digits
    "lrm": LRM.join,
    "lre": lambda n: LRE + n[:5] + PDF + n[5:],
    "lro-split": lambda n: n[:4] + LRO + n[4:] + PDF,
    "rlm-split": lambda n: n[:3] + RLM + n[3:],
    "pdi-split": lambda n: PDI.join(_groups(n)),
    "filler": lambda n: _grouped(n, HANGUL_FILLER),
    # a line break inside the number
    "newline": lambda n: _grouped(n, "\n"),
    "crlf": lambda n: _grouped(n, "\r\n"),
    "newline-indent": lambda n: _grouped(n, "\n      "),
    "newline-74": lambda n: _grouped(n, "\n", (7, 4)),
    "br": lambda n: _grouped(n, "<br>"),  # for HTML only
    "bdo": lambda n: f'<bdo dir="rtl">{n[::-1]}</bdo>',  # for HTML only
    "rtl-span": lambda n: f'<span dir="rtl">{" ".join(reversed(_groups(n)))}</span>',  # for HTML only
    "entity-rlo": lambda n: "&#x202e;" + n[::-1] + "&#x202c;",  # for HTML only
    "css-rtl": lambda n: f'<span style="direction: rtl; unicode-bidi: bidi-override">{n[::-1]}</span>',  # HTML
}


class _Filler(string.Formatter):
    def format_field(self, value, spec):
        return SPELLINGS[spec](value)


def fill(template: str) -> str:
    """``"电话{MOBILE:spaced}"`` with the computed number in that spelling."""
    return _Filler().format(template, **NUMBERS)


def expected_digits(kind_and_name: str) -> tuple[str, str]:
    """``"mobile MOBILE"`` → ("mobile", "13800138000")."""
    kind, name = kind_and_name.split()
    return kind, NUMBERS[name].upper()


def load(name: str):
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
