"""Tests of ``kg.extract.time`` on hand-made sentences and random text."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.extract.time import compatible, resolve, tense_of
from kg.model import TimeValue

MON = date(2026, 2, 23)  # a Monday
THU = date(2026, 2, 26)  # a Thursday


def valid(tv: TimeValue) -> bool:
    """Whether ``tv`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` naming a real period."""
    v = tv.value
    if re.fullmatch(r"\d{4}", v):
        return 1 <= int(v) <= 9999
    if re.fullmatch(r"\d{4}-\d{2}", v):
        return date.fromisoformat(v + "-01").isoformat()[:7] == v
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return date.fromisoformat(v).isoformat() == v
    return False


# (sentence, the DATE span in it, anchor, tense, expected value or None)
CASES: list[tuple[str, str, date, str, str | None]] = [
    # a month of a year named relative to the article's
    ("The board met in September this year.", "September this year", MON, "past", "2026-09"),
    ("The board met in March of last year.", "March of last year", MON, "past", "2025-03"),
    ("The board will meet in May next year.", "May next year", MON, "future", "2027-05"),
    # bare weekdays
    ("The minister will speak on Tuesday.", "on Tuesday", MON, "future", "2026-02-24"),
    ("The minister spoke on Tuesday.", "on Tuesday", MON, "past", "2026-02-17"),
    ("The minister spoke on Tuesday.", "on Tuesday", THU, "past", "2026-02-24"),
    ("The minister speaks on Tuesday.", "on Tuesday", MON, "present", "2026-02-17"),
    ("The minister speaks on Monday.", "on Monday", MON, "present", "2026-02-23"),
    # Monday's paper: "spoke on Monday" is that day, "last Monday" the week before.
    ("The minister spoke on Monday.", "on Monday", MON, "past", "2026-02-23"),
    ("The minister spoke last Monday.", "last Monday", MON, "past", "2026-02-16"),
    ("The minister will speak on Monday.", "on Monday", MON, "future", "2026-03-02"),
    ("Talks resumed Tuesday.", "Tuesday", MON, "past", "2026-02-17"),
    ("Talks resumed Tuesday morning.", "Tuesday morning", MON, "past", "2026-02-17"),
    ("Talks resumed late Tuesday night.", "late Tuesday night", THU, "past", "2026-02-24"),
    ("Talks resumed on Tuesday's session.", "Tuesday's", THU, "past", "2026-02-24"),
    ("The vote was held last Friday.", "last Friday", MON, "past", "2026-02-20"),
    ("The vote will be held last Friday.", "last Friday", MON, "future", "2026-02-20"),
    ("The vote is set for next Friday.", "next Friday", MON, "past", "2026-02-27"),
    ("The vote was held this past Sunday.", "this past Sunday", MON, "future", "2026-02-22"),
    ("The vote is this coming Sunday.", "this coming Sunday", MON, "past", "2026-03-01"),
    ("Shops closed Sat.", "Sat.", MON, "past", "2026-02-21"),
    # weekday with a date: the weekday picks the year
    ("The fair opens Tuesday, Feb. 24.", "Tuesday, Feb. 24", MON, "past", "2026-02-24"),
    ("The fair opened Monday, Feb. 24.", "Monday, Feb. 24", MON, "past", "2025-02-24"),
    # months relative to the anchor
    ("Prices rose earlier this month.", "earlier this month", MON, "past", "2026-02"),
    ("Prices rise this month.", "this month", MON, "present", "2026-02"),
    ("Prices rose earlier in the month.", "earlier in the month", MON, "past", "2026-02"),
    ("Prices rose last month.", "last month", MON, "past", "2026-01"),
    ("Prices rose last month.", "last month", date(2026, 1, 10), "past", "2025-12"),
    ("Prices will rise next month.", "next month", MON, "future", "2026-03"),
    ("Prices will rise next month.", "next month", date(2025, 12, 31), "future", "2026-01"),
    ("Prices will rise later this month.", "later this month", MON, "future", "2026-02"),
    ("Prices rose late last month.", "late last month", MON, "past", "2026-01"),
    # bare months
    ("The plant opened in July.", "in July", MON, "past", "2025-07"),
    ("The plant opened in July.", "in July", date(2026, 9, 1), "past", "2026-07"),
    ("The plant opened in July.", "in July", date(2026, 7, 30), "past", "2026-07"),
    ("The plant opens in July.", "July", MON, "future", "2026-07"),
    ("The plant opens in July.", "July", date(2026, 9, 1), "future", "2027-07"),
    ("The plant opens in July.", "July", date(2026, 7, 3), "future", "2026-07"),
    ("The plant opened in February.", "February", MON, "past", "2026-02"),
    ("The plant opened earlier in January.", "earlier in January", MON, "past", "2026-01"),
    ("The plant will open earlier in January.", "earlier in January", MON, "future", "2026-01"),
    ("The plant opened in early March.", "early March", MON, "past", "2025-03"),
    ("The plant opens in mid-March.", "mid-March", MON, "future", "2026-03"),
    ("The plant opened at the end of May.", "the end of May", MON, "past", "2025-05"),
    ("The plant opened last July.", "last July", date(2026, 7, 15), "past", "2025-07"),
    ("The plant opens next July.", "next July", date(2026, 7, 15), "future", "2027-07"),
    ("The plant opens this July.", "this July", MON, "past", "2026-07"),
    ("The plant opened in Sept.", "Sept.", MON, "past", "2025-09"),
    # years
    ("Sales fell last year.", "last year", MON, "past", "2025"),
    ("Sales fall this year.", "this year", MON, "present", "2026"),
    ("Sales fell earlier this year.", "earlier this year", MON, "past", "2026"),
    ("Sales will rise next year.", "next year", MON, "future", "2027"),
    ("Sales fell late last year.", "late last year", MON, "past", "2025"),
    ("Sales fell at the end of last year.", "the end of last year", MON, "past", "2025"),
    ("The firm was founded in 2019.", "2019", MON, "past", "2019"),
    ("The firm was founded in 2019.", "in 2019", MON, "past", "2019"),
    ("The firm was founded in 1987.", "1987", MON, "past", "1987"),
    ("Sales fell at the end of 2023.", "the end of 2023", MON, "past", "2023"),
    ("Sales fell in mid-2024.", "mid-2024", MON, "past", "2024"),
    ("Sales fell in early 2024.", "early 2024", MON, "past", "2024"),
    ("Sales fell in late 2024.", "late 2024", MON, "past", "2024"),
    ("Sales fell in the first half of 2024.", "the first half of 2024", MON, "past", "2024"),
    ("Sales fell in the third quarter of 2024.", "the third quarter of 2024", MON, "past", "2024"),
    ("Sales fell in Q3 2024.", "Q3 2024", MON, "past", "2024"),
    ("Sales fell in the summer of 2024.", "the summer of 2024", MON, "past", "2024"),
    ("Sales fell in summer 2024.", "summer 2024", MON, "past", "2024"),
    ("Sales fell in the 1990s.", "the 1990s", MON, "past", None),
    ("Sales fell in the 2020s.", "2020s", MON, "past", None),
    # weeks: the month of the week's Thursday (ISO 8601 places straddling weeks so)
    ("The talks ended last week.", "last week", MON, "past", "2026-02"),
    ("The talks continue this week.", "this week", MON, "present", "2026-02"),
    ("The talks resume next week.", "next week", MON, "future", "2026-03"),
    ("The talks resume next week.", "next week", date(2026, 3, 25), "future", "2026-04"),
    ("The talks ended earlier this week.", "earlier this week", date(2026, 3, 12), "past", "2026-03"),
    # days relative to the anchor
    ("The storm hit yesterday.", "yesterday", MON, "past", "2026-02-22"),
    ("The storm hit yesterday.", "yesterday", date(2026, 3, 1), "past", "2026-02-28"),
    ("The storm hit yesterday afternoon.", "yesterday afternoon", MON, "past", "2026-02-22"),
    ("The storm hit last night.", "last night", MON, "past", "2026-02-22"),
    ("The storm hits today.", "today", MON, "present", "2026-02-23"),
    ("The storm hits tonight.", "tonight", MON, "present", "2026-02-23"),
    ("The storm hit this morning.", "this morning", MON, "past", "2026-02-23"),
    ("The storm hit earlier today.", "earlier today", MON, "past", "2026-02-23"),
    ("The storm hits tomorrow.", "tomorrow", MON, "future", "2026-02-24"),
    ("The storm hits tomorrow.", "tomorrow", date(2025, 12, 31), "future", "2026-01-01"),
    ("The storm hit the day before yesterday.", "the day before yesterday", MON, "past", "2026-02-21"),
    ("The storm hits the day after tomorrow.", "the day after tomorrow", MON, "future", "2026-02-25"),
    # explicit dates
    ("The deal closed on January 15.", "January 15", MON, "past", "2026-01-15"),
    ("The deal closes on January 15.", "January 15", MON, "future", "2027-01-15"),
    ("The deal closed on 15 January.", "15 January", MON, "past", "2026-01-15"),
    ("The deal closed on the 15th of January.", "the 15th of January", MON, "past", "2026-01-15"),
    ("The deal closed on 15th of January.", "15th of January", MON, "past", "2026-01-15"),
    ("The deal closed on Feb 26.", "Feb 26", MON, "past", "2025-02-26"),
    ("The deal closes on Feb 26.", "Feb 26", MON, "future", "2026-02-26"),
    ("The deal closed on Feb 23.", "Feb 23", MON, "past", "2026-02-23"),
    ("The deal closed on March 3rd.", "March 3rd", MON, "past", "2025-03-03"),
    ("The deal closed on Jan. 15, 2025.", "Jan. 15, 2025", MON, "past", "2025-01-15"),
    ("The deal closed on January 15, 2025.", "January 15, 2025", MON, "future", "2025-01-15"),
    ("The deal closed on 15 January 2025.", "15 January 2025", MON, "past", "2025-01-15"),
    ("The deal closed on 2025-01-15.", "2025-01-15", MON, "past", "2025-01-15"),
    ("The deal closed in 2025-01.", "2025-01", MON, "past", "2025-01"),
    ("The deal closed in March 2024.", "March 2024", MON, "past", "2024-03"),
    ("The deal closed in March of 2024.", "March of 2024", MON, "past", "2024-03"),
    ("The deal closed in late March 2024.", "late March 2024", MON, "past", "2024-03"),
    ("The fair ran January 15-17.", "January 15-17", MON, "past", "2026-01"),
    ("The fair ran 15-17 January 2024.", "15-17 January 2024", MON, "past", "2024-01"),
    ("The rule dates from February 29.", "February 29", MON, "past", "2024-02-29"),
    ("The rule starts on February 29.", "February 29", MON, "future", "2028-02-29"),
    ("The rule dates from February 30.", "February 30", MON, "past", None),
    ("The rule dates from 2025-02-29.", "2025-02-29", MON, "past", None),
    ("The rule dates from 2025-13.", "2025-13", MON, "past", None),
    ("The rule dates from January 32.", "January 32", MON, "past", None),
    # "N units ago"
    ("The law passed two weeks ago.", "two weeks ago", MON, "past", "2026-02-09"),
    ("The law passed 3 days ago.", "3 days ago", MON, "past", "2026-02-20"),
    ("The law passed a day ago.", "a day ago", MON, "past", "2026-02-22"),
    ("The law passed three years ago.", "three years ago", MON, "past", "2023"),
    ("The law passed a year ago.", "a year ago", MON, "past", "2025"),
    ("The law passed an hour ago.", "an hour ago", MON, "past", None),
    ("The law passed six months ago.", "six months ago", MON, "past", "2025-08"),
    ("The law passed twelve months ago.", "twelve months ago", MON, "past", "2025-02"),
    ("The law passed 14 months ago.", "14 months ago", MON, "past", "2024-12"),
    ("The law passes two weeks from now.", "two weeks from now", MON, "future", "2026-03-09"),
    ("The law passed a few years ago.", "a few years ago", MON, "past", None),
    ("The law passed several years ago.", "several years ago", MON, "past", None),
    ("The law passed decades ago.", "decades ago", MON, "past", None),
    # durations and other non-dates
    ("The strike lasted 43 days.", "43", MON, "past", None),
    ("The strike lasted two years.", "two years", MON, "past", None),
    ("The dispute has run for decades.", "decades", MON, "past", None),
    ("Prices rose over the past few years.", "the past few years", MON, "past", None),
    ("Prices rose over the past year.", "the past year", MON, "past", None),
    ("A 43-year-old man was hurt.", "43-year-old", MON, "past", None),
    ("The annual meeting was held.", "annual", MON, "past", None),
    ("The quarterly report was out.", "quarterly", MON, "past", None),
    ("The market was quiet over the weekend.", "weekend", MON, "past", None),
    ("The market was quiet last weekend.", "last weekend", MON, "past", None),
    ("The market was quiet in recent days.", "recent days", MON, "past", None),
    ("Prices rose at the end of the year.", "the end of the year", MON, "past", "2026"),
    ("The talks began the previous month.", "the previous month", MON, "past", None),
    ("The talks began in the spring.", "the spring", MON, "past", None),
    ("The talks began at 3 p.m.", "3 p.m.", MON, "past", None),
    ("The talks began in the morning.", "morning", MON, "past", None),
    ("The talks began at noon.", "noon", MON, "past", None),
    ("The talks began at midnight.", "midnight", MON, "past", None),
    ("He said nothing.", "nothing", MON, "past", None),
    ("Valid from 2019 to 2021.", "2019 to 2021", MON, "past", None),
    ("A count of 9999 was made.", "9999", MON, "past", None),
    ("A count of 0042 was made.", "0042", MON, "past", None),
]


@pytest.mark.parametrize(("sentence", "expr", "anchor", "tense", "expected"), CASES)
def test_resolve_cases(sentence: str, expr: str, anchor: date, tense: str, expected: str | None) -> None:
    assert expr in sentence
    got = resolve(expr, anchor, tense)
    assert (got.value if got else None) == expected


def test_default_tense_is_past() -> None:
    assert resolve("Tuesday", MON) == TimeValue("2026-02-17")


@pytest.mark.parametrize("tense", ["past", "future", "present"])
@pytest.mark.parametrize(
    "expr", ["", " ", "\n", "...", "garbage", "the", "on", "earlier", "mid", "ago", "'s"]
)
def test_resolve_bad_input_gives_none(expr: str, tense: str) -> None:
    assert resolve(expr, MON, tense) is None


@pytest.mark.parametrize(
    ("expr", "anchor"),
    [
        ("yesterday", date.min),
        ("tomorrow", date.max),
        ("last year", date(1, 6, 1)),
        ("next year", date(9999, 6, 1)),
        ("next month", date(9999, 12, 1)),
        ("last month", date(1, 1, 5)),
        ("9999 years ago", MON),
        ("9999 days ago", date(1, 1, 5)),
        ("9999 months ago", MON),
        ("next week", date.max),
        ("Tuesday", date.min),
        ("January 15", date(1, 1, 1)),
    ],
)
def test_resolve_at_the_edges_of_the_calendar(expr: str, anchor: date) -> None:
    got = resolve(expr, anchor)
    assert got is None or valid(got)


def test_resolve_rejects_unknown_tense() -> None:
    with pytest.raises(ValueError, match="tense"):
        resolve("Tuesday", MON, "pluperfect")


@pytest.mark.parametrize(
    ("tag", "aux", "expected"),
    [
        ("VBD", [], "past"),
        ("VBN", ["have"], "past"),
        ("VBN", ["be"], "past"),
        ("VB", ["will"], "future"),
        ("VB", ["shall"], "future"),
        ("VB", ["'ll"], "future"),
        ("VB", ["wo", "not"], "future"),
        ("VBN", ["will", "be"], "future"),
        ("VB", ["be", "going", "to"], "future"),
        ("VB", ["be", "go", "to"], "future"),
        ("VB", ["be", "going"], "future"),
        ("VB", ["be", "set", "to"], "future"),
        ("VB", ["set to"], "future"),
        ("VB", ["be", "due", "to"], "future"),
        ("VB", ["did"], "past"),
        ("VB", ["do"], "present"),
        ("VB", [], "present"),
        ("VBZ", [], "present"),
        ("VBP", [], "present"),
        ("VBG", ["be"], "present"),
        ("vbd", [], "past"),
        ("NN", [], "past"),
        ("", [], "past"),
    ],
)
def test_tense_of(tag: str, aux: list[str], expected: str) -> None:
    assert tense_of(tag, aux) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("2026", "2026-02", True),
        ("2026-02", "2026-02-24", True),
        ("2026", "2026-02-24", True),
        ("2026-02-24", "2026-02-24", True),
        ("2026-02-24", "2026", True),
        ("2025", "2026", False),
        ("2026-02", "2026-03", False),
        ("2026-02-24", "2026-02-25", False),
        ("2026-01", "2026-01-15", True),
        ("2026-01", "2026-10", False),
        ("2026-10", "2026-01", False),
    ],
)
def test_compatible(a: str, b: str, expected: bool) -> None:
    assert compatible(TimeValue(a), TimeValue(b)) is expected
    assert compatible(TimeValue(b), TimeValue(a)) is expected


def test_compatible_with_unknown() -> None:
    assert compatible(None, TimeValue("2026"))
    assert compatible(TimeValue("2026"), None)
    assert compatible(None, None)


WORDS = [
    "on", "in", "the", "last", "next", "this", "earlier", "later", "early", "late", "mid-", "end", "of",
    "ago", "from", "now", "a", "two", "12", "15", "29", "31", "2019", "1990s", "week", "weeks", "month",
    "months", "year", "years", "day", "days", "Tuesday", "Sun.", "January", "Feb.", "May", "morning",
    "night", "yesterday", "today", "tomorrow", ",", "-", "'s", "past", "coming", "Q2", "summer",
]  # fmt: skip
tenses = st.sampled_from(["past", "future", "present"])


@given(st.text(), st.dates(), tenses)
def test_resolve_never_raises_on_random_text(expr: str, anchor: date, tense: str) -> None:
    got = resolve(expr, anchor, tense)
    assert got is None or valid(got)


@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map(" ".join), st.dates(), tenses)
def test_resolve_gives_valid_values_on_date_like_text(expr: str, anchor: date, tense: str) -> None:
    got = resolve(expr, anchor, tense)
    assert got is None or valid(got)


@given(st.dates(min_value=date(2, 1, 1), max_value=date(9998, 12, 31)), tenses)
def test_relative_days_are_consistent(anchor: date, tense: str) -> None:
    assert resolve("today", anchor, tense) == TimeValue(anchor.isoformat())
    assert compatible(resolve("this month", anchor, tense), resolve("today", anchor, tense))
    assert compatible(resolve("this year", anchor, tense), resolve("this month", anchor, tense))
    # A bare weekday lies within a week of the anchor, on the side the tense says.
    past, future = resolve("Friday", anchor, "past"), resolve("Friday", anchor, "future")
    assert past is not None and future is not None
    # The anchor's own weekday is the anchor in the past ("said on Friday" in Friday's paper).
    assert 0 <= (anchor - date.fromisoformat(past.value)).days <= 6
    assert ((anchor - date.fromisoformat(past.value)).days == 0) == (anchor.weekday() == 4)
    assert 1 <= (date.fromisoformat(future.value) - anchor).days <= 7


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(2999, 12, 31)), st.integers(1, 12))
def test_bare_month_direction(anchor: date, month: int) -> None:
    name = date(2000, month, 1).strftime("%B")
    past, future = resolve(name, anchor, "past"), resolve(name, anchor, "future")
    assert past is not None and future is not None
    assert past.value <= anchor.isoformat()[:7] <= future.value
    assert (past == future) == (month == anchor.month)
