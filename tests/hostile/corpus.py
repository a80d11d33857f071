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


def id_check(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights)) % 11]


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


def _grouped(number: str, separator: str) -> str:
    parts, start = [], 0
    for size in GROUPS[len(number)]:
        parts.append(number[start:start + size])
        start += size
    return separator.join(parts)


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
