"""Amounts: only a quoted string with exactly two decimals is money; everything else is refused
with a money code and a message that shows what to write."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from generator.load.yamlfile import Plain, parse_text
from generator.problems.messages import render
from generator.records.base import Money, parse_money

MONEY = TypeAdapter(Money)
FULL_WIDTH = str.maketrans("0123456789.-", "０１２３４５６７８９．－")

amounts = st.decimals(min_value=-10**12, max_value=10**12, places=2, allow_nan=False, allow_infinity=False)


def refusal(value) -> str:
    """The problem code an amount is refused with (the test fails if it is accepted)."""
    with pytest.raises(ValidationError) as caught:
        MONEY.validate_python(value)
    [error] = caught.value.errors()
    return error["type"]


@given(amounts)
def test_every_two_place_amount_written_as_text_reads_back_exactly(amount):
    text = f"{amount:.2f}"
    assert parse_money(text) == amount
    assert str(MONEY.validate_python(text)) == text  # the very digits typed, not a float's


@given(amounts)
def test_a_quoted_amount_in_a_file_is_the_same_decimal(amount):
    loaded, problems = parse_text(f'amount: "{amount:.2f}"\n', "f.yml")
    assert problems == []
    assert MONEY.validate_python(loaded.data["amount"]) == amount


@given(st.text(min_size=1))
def test_anything_unquoted_is_refused(text):
    # Even "12.50": unquoted, YAML tools and spreadsheets read it as a float.
    assert refusal(Plain(text)) == "money-unquoted"


@given(st.floats())
def test_float_looking_text_without_exactly_two_decimals_is_refused(number):
    for text in (repr(number), f"{number:e}", f"{number:g}"):
        exact = Decimal(text) if number == number else None
        if exact is not None and exact.is_finite() and exact.as_tuple().exponent == -2 and "e" not in text:
            continue  # e.g. "12.25": a float's repr that happens to be a proper amount
        assert refusal(text) == "bad-money", text


@given(amounts)
def test_full_width_digits_are_refused(amount):
    assert refusal(f"{amount:.2f}".translate(FULL_WIDTH)) == "bad-money"


@given(amounts.filter(lambda a: abs(a) >= 1000))
def test_thousands_separators_are_refused(amount):
    assert refusal(f"{amount:,.2f}") == "bad-money"


@given(amounts, st.sampled_from(["¥", "￥", "$", "RMB", "元", " "]), st.booleans())
def test_currency_signs_and_spaces_are_refused(amount, sign, before):
    text = f"{amount:.2f}"
    assert refusal(sign + text if before else text + sign) == "bad-money"


@given(amounts, st.sampled_from([0, 1, 3, 4]))
def test_any_other_number_of_decimals_is_refused(amount, places):
    assert refusal(f"{amount:.{places}f}") == "bad-money"


@pytest.mark.parametrize("typed", ["12.5", "1e3", "NaN", "1280.50", "-35.00"])
def test_the_issues_unquoted_examples(typed):
    assert refusal(Plain(typed)) == "money-unquoted"


@pytest.mark.parametrize("typed", ["１２.５", "¥12", "1,000", "12.345", "12.5", "+1.00", "01.00", "", " "])
def test_the_issues_quoted_examples(typed):
    assert refusal(typed) in {"bad-money", "empty-value"}
    assert refusal(typed) == ("empty-value" if not typed.strip() else "bad-money")


@pytest.mark.parametrize("code", ["money-unquoted", "bad-money"])
def test_the_message_shows_what_to_write(code):
    for lang in ("zh", "en"):
        message = render(code, lang, {"value": "1,000"})
        assert "1,000" in message and re.search(r'"-?[0-9]+\.[0-9]{2}"', message), message
