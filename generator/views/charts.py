"""Charts as static inline SVG: no script, no external font, readable on a phone and on paper.

Text uses ``currentColor`` (it follows the page's text colour, light or dark) and the page's own
font; the ``viewBox`` lets the chart take the full width of its column. Labels are LABEL user
units in a 400-unit-wide chart that the page never draws narrower than 14.4rem (dangwu.css), so a
label is never under 18 px; 关怀模式 sets the chart's font-size to 28 units. Every label is escaped:
category names come from clerks. Coordinates are Decimals rounded to 0.1, like everything else.
"""
from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from html import escape

from generator.views.format import money
from generator.views.ledger import FundLedger

WIDTH = 400
LABEL = 26  # font size of every label, in user units (see the module docstring)
BAR_COLOR = "#b71c1c"  # party red, 6.6:1 against white; prints as a dark grey in black and white
LINE_COLOR = "#0d47a1"
GRID_COLOR = "#9e9e9e"


def _n(value) -> str:
    """A coordinate as SVG text."""
    return str(Decimal(value).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _svg(height: int, label: str, body: list[str], desc: str = "") -> str:
    label = escape(label)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="100%" '
        f'role="img" aria-label="{label}" class="dangwu-chart" '
        f'style="max-width:40rem;height:auto" font-size="{LABEL}" fill="currentColor">',
        f"<title>{label}</title>",
    ]
    if desc:
        parts.append(f"<desc>{escape(desc)}</desc>")
    return "\n".join(parts + body + ["</svg>"])


def _text(x, y, words: str, anchor: str = "start", weight: str = "normal") -> str:
    # No font-size of its own: every label takes the chart's, which 关怀模式 raises (dangwu.css).
    return (f'<text x="{_n(x)}" y="{_n(y)}" text-anchor="{anchor}" '
            f'font-weight="{weight}">{escape(words)}</text>')


def _empty(label: str, words: str) -> str:
    return _svg(60, label, [_text(WIDTH / 2, 38, words, anchor="middle")])


def _year_words(ledger: FundLedger) -> str:
    return f"{ledger.year}年" if ledger.year else ""


# --- spending by category: one row per category, the name above its bar -------------------------

ROW = 70
BAR_MAX = Decimal(200)  # leaves room for ¥1,234,567.89 after the longest bar


def spending_by_category_svg(ledger: FundLedger) -> str:
    label = f"{_year_words(ledger)}{ledger.fund.name}支出（按类别）"
    rows = sorted(((cat, out) for cat, (_, out) in ledger.by_category.items() if out > 0),
                  key=lambda row: (-row[1], row[0]))
    if not rows:
        return _empty(label, "暂无支出")
    largest = rows[0][1]
    body = []
    for number, (category, spent) in enumerate(rows):
        top = number * ROW
        width = max(BAR_MAX * spent / largest, Decimal(2))
        body += [
            _text(0, top + 24, category),
            f'<rect x="0" y="{top + 34}" width="{_n(width)}" height="26" fill="{BAR_COLOR}"/>',
            _text(width + 8, top + 56, money(spent), weight="bold"),
        ]
    desc = "；".join(f"{category} {money(spent)}" for category, spent in rows)
    desc += f"。合计 {money(ledger.spending)}。"
    return _svg(len(rows) * ROW + 4, label, body, desc)


# --- balance over the year: a step line from the opening balance through every line -------------

TOP, BOTTOM, LEFT, RIGHT = Decimal(136), Decimal(260), Decimal(4), Decimal(WIDTH - 4)
HEIGHT = 300
QUARTER_MONTHS = (1, 4, 7, 10)


def _x(day: date, year: int) -> Decimal:
    first, last = date(year, 1, 1), date(year, 12, 31)
    share = Decimal((min(max(day, first), last) - first).days) / Decimal((last - first).days)
    return LEFT + (RIGHT - LEFT) * share  # a line filed in the wrong year stays on the chart's edge


def _scale(low: Decimal, high: Decimal):
    span = (high - low) or Decimal(1)
    return lambda amount: BOTTOM - (BOTTOM - TOP) * (amount - low) / span


def _step_points(ledger: FundLedger, year: int, y) -> list[str]:
    points = [(LEFT, y(ledger.opening))]
    for line in ledger.lines:
        x = _x(line.entry.date, year)
        points += [(x, points[-1][1]), (x, y(line.balance))]
    return [f"{_n(px)},{_n(py)}" for px, py in points]


def _axis(year: int) -> list[str]:
    body = [f'<line x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="{GRID_COLOR}"/>']
    for month in QUARTER_MONTHS:
        x = _x(date(year, month, 1), year)
        body.append(f'<line x1="{_n(x)}" y1="{TOP}" x2="{_n(x)}" y2="{BOTTOM}" '
                    f'stroke="{GRID_COLOR}" stroke-dasharray="2 4"/>')
        body.append(_text(x + 2, BOTTOM + 30, f"{month}月"))
    return body


def balance_svg(ledger: FundLedger) -> str:
    words = _year_words(ledger)
    label = f"{words}{ledger.fund.name}余额变化"
    year = ledger.year
    if year is None:
        return _empty(label, f"暂无收支记录，余额 {money(ledger.opening)}")
    balances = [ledger.opening] + [line.balance for line in ledger.lines]
    low, high = min(min(balances), Decimal(0)), max(max(balances), Decimal(0))
    y = _scale(low, high)
    body = [
        # One figure a line: two of them side by side do not fit at LABEL size.
        _text(0, 24, f"年初 {money(ledger.opening)}"),
        _text(0, 56, f"结余 {money(ledger.closing)}", weight="bold"),
        _text(0, 88, f"最高 {money(max(balances))}"),
        _text(0, 120, f"最低 {money(min(balances))}"),
        *_axis(year),
        f'<polyline points="{" ".join(_step_points(ledger, year, y))}" fill="none" '
        f'stroke="{LINE_COLOR}" stroke-width="3" stroke-linejoin="round"/>',
    ]
    if low < 0:
        body.append(f'<line x1="{LEFT}" y1="{_n(y(Decimal(0)))}" x2="{RIGHT}" y2="{_n(y(Decimal(0)))}" '
                    f'stroke="{BAR_COLOR}" stroke-dasharray="6 3"/>')
    desc = (f"年初余额 {money(ledger.opening)}，共 {len(ledger.lines)} 笔收支，"
            f"结余 {money(ledger.closing)}；最高 {money(max(balances))}，最低 {money(min(balances))}。")
    return _svg(HEIGHT, label, body, desc)
