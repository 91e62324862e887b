"""Tests of ``kg.extract.money`` on hand-made sentences and random text."""

from __future__ import annotations

import math
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.money import parse_money

# (sentence, the money span in it, expected (value, code) or None)
CASES: list[tuple[str, str, tuple[float, str] | None]] = [
    # dollars, modern and wire styles
    ("The firm paid $200 million for the plant.", "$200 million", (200e6, "USD")),
    ("The firm paid 255 mln dlrs for the plant.", "255 mln dlrs", (255e6, "USD")),
    ("The firm paid US$7.2 bn for the plant.", "US$7.2 bn", (7.2e9, "USD")),
    ("The firm paid US $3 billion for the plant.", "US $3 billion", (3e9, "USD")),
    ("The firm paid U.S.$3 bln for the plant.", "U.S.$3 bln", (3e9, "USD")),
    ("The firm paid $1.2bn for the plant.", "$1.2bn", (1.2e9, "USD")),
    ("The firm paid $500k for the plant.", "$500k", (500e3, "USD")),
    ("The firm paid $5 for the pen.", "$5", (5.0, "USD")),
    ("The firm paid $0.50 for the pen.", "$0.50", (0.5, "USD")),
    ("The firm paid $.5 million for the plant.", "$.5 million", (0.5e6, "USD")),
    ("The firm paid $1,234,567.89 for the plant.", "$1,234,567.89", (1234567.89, "USD")),
    ("The firm paid about $40 million for the plant.", "about $40 million", (40e6, "USD")),
    ("The firm paid nearly $3 trillion over a decade.", "nearly $3 trillion", (3e12, "USD")),
    ("The firm paid $2 tn over a decade.", "$2 tn", (2e12, "USD")),
    ("The firm paid $4.5mn for the plant.", "$4.5mn", (4.5e6, "USD")),
    ("The firm paid 4 thousand dollars for the car.", "4 thousand dollars", (4e3, "USD")),
    ("The firm paid 7 mln U.S. dlrs for the plant.", "7 mln U.S. dlrs", (7e6, "USD")),
    ("The firm paid 7 million US dollars for the plant.", "7 million US dollars", (7e6, "USD")),
    ("The firm paid a billion dollars for the plant.", "a billion dollars", (1e9, "USD")),
    ("The firm paid two million dollars for the plant.", "two million dollars", (2e6, "USD")),
    ("The firm paid half a billion dollars for it.", "half a billion dollars", (0.5e9, "USD")),
    ("The firm paid twenty-five million dollars.", "twenty-five million dollars", (25e6, "USD")),
    ("The firm paid two hundred million pounds.", "two hundred million pounds", (200e6, "GBP")),
    ("The firm paid USD 5 million for the plant.", "USD 5 million", (5e6, "USD")),
    ("The shares rose 50 cts.", "50 cts", (0.5, "USD")),
    ("The shares rose 12 cents.", "12 cents", (0.12, "USD")),
    # other dollars
    ("The firm paid Can$3 mln for the plant.", "Can$3 mln", (3e6, "CAD")),
    ("The firm paid C$3 million for the plant.", "C$3 million", (3e6, "CAD")),
    ("The firm paid 3 mln Canadian dlrs for the plant.", "3 mln Canadian dlrs", (3e6, "CAD")),
    ("The firm paid $5 million Canadian dollars.", "$5 million Canadian dollars", (5e6, "CAD")),
    ("The firm paid A$5 mln for the plant.", "A$5 mln", (5e6, "AUD")),
    ("The firm paid HK$2 billion for the plant.", "HK$2 billion", (2e9, "HKD")),
    ("The firm paid NZ$1.1 bln for the plant.", "NZ$1.1 bln", (1.1e9, "NZD")),
    # pounds, euros, yen and the rest
    ("The firm paid £13 billion for the plant.", "£13 billion", (13e9, "GBP")),
    ("The firm paid £30m for the plant.", "£30m", (30e6, "GBP")),
    ("The firm paid 200,000 pounds for the house.", "200,000 pounds", (200e3, "GBP")),
    ("The firm paid 25 mln stg for the plant.", "25 mln stg", (25e6, "GBP")),
    ("The firm paid 3 million pounds sterling.", "3 million pounds sterling", (3e6, "GBP")),
    ("The stamp cost 20 pence.", "20 pence", (0.2, "GBP")),
    ("The firm paid €5m for the plant.", "€5m", (5e6, "EUR")),
    ("The firm paid 5 million euros for the plant.", "5 million euros", (5e6, "EUR")),
    ("The firm paid 5 million EUR for the plant.", "5 million EUR", (5e6, "EUR")),
    ("The firm paid 1.5 billion yen for the plant.", "1.5 billion yen", (1.5e9, "JPY")),
    ("The firm paid ¥900 million for the plant.", "¥900 million", (900e6, "JPY")),
    ("The firm paid 4 mln Swiss francs for it.", "4 mln Swiss francs", (4e6, "CHF")),
    ("The firm paid SFr 40 mln for the plant.", "SFr 40 mln", (40e6, "CHF")),
    ("The firm paid CHF 40 million for the plant.", "CHF 40 million", (40e6, "CHF")),
    ("The firm paid 10 billion rupees for the plant.", "10 billion rupees", (10e9, "INR")),
    ("The firm paid Rs 500 crore for the plant.", "Rs 500 crore", (5e9, "INR")),
    ("The firm paid 3 bln yuan for the plant.", "3 bln yuan", (3e9, "CNY")),
    ("The firm paid 2 bln renminbi for the plant.", "2 bln renminbi", (2e9, "CNY")),
    ("The firm paid 50 mln marks for the plant.", "50 mln marks", (50e6, "DEM")),
    ("The firm paid DM 50 mln for the plant.", "DM 50 mln", (50e6, "DEM")),
    ("The firm paid DM50 million for the plant.", "DM50 million", (50e6, "DEM")),
    ("The firm paid 30 mln D-marks for the plant.", "30 mln D-marks", (30e6, "DEM")),
    ("The firm paid 30 mln Deutsche marks for it.", "30 mln Deutsche marks", (30e6, "DEM")),
    ("The firm paid 12 mln French francs for it.", "12 mln French francs", (12e6, "FRF")),
    ("The firm paid 800 billion lire for the plant.", "800 billion lire", (800e9, "ITL")),
    ("The firm paid 5 mln guilders for the plant.", "5 mln guilders", (5e6, "NLG")),
    ("The firm paid 300 billion won for the plant.", "300 billion won", (300e9, "KRW")),
    # ranges borrow the magnitude of their upper end
    ("The plant is worth $5 to $10 million.", "$5 to $10 million", (5e6, "USD")),
    ("The plant is worth $5-10 million.", "$5-10 million", (5e6, "USD")),
    ("The plant is worth $5 million to $10 million.", "$5 million to $10 million", (5e6, "USD")),
    # no currency, or no single one
    ("Prices rose 12.5 pct.", "12.5 pct", None),
    ("The firm sold 200 million shares.", "200 million", None),
    ("The firm paid 5 mln francs for the plant.", "5 mln francs", None),
    ("The firm sold ABC 5 million units.", "ABC 5 million", None),
    ("The currency, the won, fell.", "the won", None),
    ("The bag weighed a pound.", "a pound", None),
    ("The firm paid several million dollars.", "several million dollars", None),
    ("The firm paid millions of dollars.", "millions of dollars", None),
    ("The CEO got 5 million dollars.", "CEO got 5 million dollars", (5e6, "USD")),
]


@pytest.mark.parametrize(("sentence", "span", "expected"), CASES)
def test_parse_money_cases(sentence: str, span: str, expected: tuple[float, str] | None) -> None:
    assert span in sentence
    got = parse_money(span)
    if expected is None:
        assert got is None
    else:
        assert got is not None
        assert got[1] == expected[1]
        assert got[0] == pytest.approx(expected[0], rel=1e-12)


@pytest.mark.parametrize(("sentence", "span", "expected"), [c for c in CASES if c[2] is not None])
def test_parse_money_in_the_whole_sentence(
    sentence: str, span: str, expected: tuple[float, str] | None
) -> None:
    # A "nearby span" may be the whole sentence: the first amount still wins.
    assert parse_money(sentence) == parse_money(span)


def test_exact_values() -> None:
    # Decimal arithmetic: no 7.2 * 1e9 rounding noise.
    assert parse_money("US$7.2 bn") == (7200000000.0, "USD")
    assert parse_money("$0.3 billion") == (300000000.0, "USD")
    assert parse_money("33 cts") == (0.33, "USD")


@pytest.mark.parametrize(
    "text",
    [
        "",
        " ",
        "\n",
        "$",
        "£",
        "million",
        "dollars",
        "$ million",
        "garbage",
        "pct",
        "1987",
        "12.5",
        "a",
        "US$",
    ],
)
def test_parse_money_bad_input_gives_none(text: str) -> None:
    assert parse_money(text) is None


@pytest.mark.parametrize(
    "text",
    ["$" + "9" * 29 + " trillion", "$" + "9" * 400, "£" + "1" * 25 + ".5 bn", "$1" + ",000" * 20],
)
def test_parse_money_huge_numbers(text: str) -> None:
    got = parse_money(text)
    assert got is None or (math.isfinite(got[0]) and got[0] >= 0)


def test_parse_money_first_amount_wins() -> None:
    assert parse_money("It paid $3 million in cash and £2 million in stock.") == (3e6, "USD")


MONEY_WORDS = [
    "$", "US$", "£", "€", "C$", "HK$", "DM", "about", "a", "half", "two", "hundred", "5", "1.5", "0",
    "200,000", "99999999999999", "million", "mln", "m", "bn", "b", "k", "trillion", "dollars", "dlrs",
    "euros", "yen", "stg", "cts", "pence", "Swiss", "francs", "-", "to", "pct", "USD", "ABC", ".",
]  # fmt: skip


def check(got: tuple[float, str] | None) -> None:
    if got is not None:
        value, code = got
        assert math.isfinite(value) and value >= 0
        assert len(code) == 3 and code.isupper()


@given(st.text())
def test_parse_money_never_raises_on_random_text(text: str) -> None:
    check(parse_money(text))


@given(st.lists(st.sampled_from(MONEY_WORDS), min_size=1, max_size=6).map(" ".join))
def test_parse_money_on_money_like_text(text: str) -> None:
    check(parse_money(text))


@given(
    st.sampled_from(MONEY_WORDS).map(lambda w: w.replace(" ", "")),
    st.decimals(min_value=0, max_value=10**12, places=2, allow_nan=False),
)
def test_parse_money_reads_plain_amounts(prefix: str, amount: Decimal) -> None:
    text = format(amount, "f")
    got = parse_money(f"${text} million")
    assert got is not None and got[1] == "USD"
    assert got[0] == pytest.approx(float(amount) * 1e6)
    check(parse_money(f"{prefix}{text}"))
