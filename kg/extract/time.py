"""Resolve temporal expressions against an article's date, at the precision the text gives.

The input is the text of a spaCy ``DATE`` entity ("on Tuesday", "last month",
"Jan. 15, 2025"); the output is a ``TimeValue`` of ``YYYY``, ``YYYY-MM`` or
``YYYY-MM-DD``, or ``None`` when the text is not a point in time (durations,
decades, frequencies, times of day) or is too vague to place.

Bare weekdays and months have no year, so the caller passes the tense of the
governing verb (see ``tense_of``) to choose the direction:

* ``past`` and ``present``: the latest such weekday on or before the anchor (news
  tells "on Tuesday" what happened that day; "last Tuesday" is strictly before); the
  latest such month or day on or before it (the anchor's own month counts);
* ``future``: the earliest strictly after for weekdays, on or after otherwise.

>>> from datetime import date
>>> resolve("on Tuesday", date(2026, 2, 23), "future")
TimeValue(value='2026-02-24')
>>> resolve("in July", date(2026, 2, 23))
TimeValue(value='2025-07')
>>> resolve("two years", date(2026, 2, 23)) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, timedelta

from kg.model import TimeValue

__all__ = ["compatible", "resolve", "tense_of"]

_TENSES = ("past", "future", "present")

_MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_WEEKDAYS: dict[str, int] = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5, "sat": 5,
    "sunday": 6, "sun": 6,
}  # fmt: skip
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

# Longest names first so "sept" is not read as "sep" + "t".
_MONTH = "(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + ")"
_WEEKDAY = "(?P<weekday>" + "|".join(sorted(_WEEKDAYS, key=len, reverse=True)) + ")"
_NUMBER = "(?P<n>\\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"
_DAY = r"(?P<day>\d{1,2})"
_YEAR = r"(?P<year>\d{4})"

_ISO = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")
_LEADING_PREPOSITION = re.compile(r"^(?:on|in|at|during)\s+")
# Qualifiers that narrow a period without leaving it: "mid-2024" is still 2024.
_NARROWING = re.compile(
    r"^(?:(?:the\s+)?(?:very\s+)?(?:end|start|beginning|middle|close|turn)\s+of"
    r"|(?:the\s+)?(?:first|second|third|fourth|last|final)\s+(?:week|weeks|days|half|quarter)\s+of"
    r"|(?:the\s+)?(?:spring|summer|autumn|fall|winter)(?:\s+of)?(?=\s+\S)"
    r"|q[1-4](?=\s+\S)|early|late|mid|later)\s+"
)
_EARLIER = re.compile(r"^earlier\s+")
_THIS_PAST = re.compile(r"^this\s+past\s+")
_THIS_COMING = re.compile(r"^this\s+coming\s+")
_TIME_OF_DAY = re.compile(r"\s+(?:morning|afternoon|evening|night|overnight)$")

_TODAY = re.compile(r"(?:today|tonight|this\s+(?:morning|afternoon|evening))")
_AGO = re.compile(_NUMBER + r"\s+(?P<unit>day|week|month|year)s?\s+(?P<dir>ago|from\s+now)")
_RELATIVE_UNIT = re.compile(r"(?P<rel>this|last|next)\s+(?P<unit>week|month|year)")
_WEEKDAY_ONLY = re.compile(r"(?:(?P<rel>last|next|this)\s+)?" + _WEEKDAY)
_LEADING_WEEKDAY = re.compile(_WEEKDAY + r"\s+(?=\S)")
_MONTH_ONLY = re.compile(r"(?:(?P<rel>last|next|this)\s+)?" + _MONTH)
_MONTH_DAY_YEAR = re.compile(_MONTH + r"\s+" + _DAY + r"(?:\s+" + _YEAR + ")?")
_DAY_MONTH_YEAR = re.compile(r"(?:the\s+)?" + _DAY + r"\s+(?:of\s+)?" + _MONTH + r"(?:\s+" + _YEAR + ")?")
_MONTH_YEAR = re.compile(_MONTH + r"\s+(?:of\s+)?" + _YEAR)
# "September this year", "March of last year", "May next year".
_MONTH_REL_YEAR = re.compile(_MONTH + r",?\s+(?:of\s+)?(?P<rel>this|last|next)\s+year")
# A span of days in one month ("January 15-17") is that month.
_DAY_RANGE = re.compile(
    r"(?:" + _MONTH + r"\s+\d{1,2}\s*(?:-|–|to)\s*\d{1,2}"
    r"|\d{1,2}\s*(?:-|–|to)\s*\d{1,2}\s+(?P<month2>" + _MONTH[len("(?P<month>") :] + r")"
    r"(?:\s+" + _YEAR + ")?"
)
_YEAR_ONLY = re.compile(_YEAR)


def resolve(expr: str, anchor: date, tense: str = "past") -> TimeValue | None:
    """Resolve ``expr`` against the article date ``anchor``; ``None`` if it is no point in time.

    ``tense`` ("past", "future" or "present") picks the direction for weekdays
    and months without a year; "earlier", "last", "next", "this past" and
    "this coming" in the text override it.

    >>> from datetime import date
    >>> monday = date(2026, 2, 23)
    >>> [resolve(e, monday).value for e in ("Tuesday", "last month", "Jan. 15, 2025", "mid-2024")]
    ['2026-02-17', '2026-01', '2025-01-15', '2024']
    >>> resolve("three years ago", monday)
    TimeValue(value='2023')
    """
    if tense not in _TENSES:
        raise ValueError(f"tense must be one of {_TENSES}, not {tense!r}")
    try:
        return _resolve(expr, anchor, tense)
    except (ValueError, OverflowError):
        # Impossible dates ("February 30") and arithmetic beyond year 1..9999.
        return None


def _resolve(expr: str, anchor: date, tense: str) -> TimeValue | None:
    raw = expr.strip()
    iso = _ISO.fullmatch(raw)
    if iso:
        y, mo, d = int(iso[1]), int(iso[2]), iso[3]
        return _day(date(y, mo, int(d))) if d else _month(*_checked_month(y, mo))

    s = _normalise(raw)
    # "earlier"/"last"-like words fix the direction whatever the verb says.
    direction = tense
    while True:
        before = s
        s = _LEADING_PREPOSITION.sub("", s)
        if _EARLIER.match(s) or _THIS_PAST.match(s):
            direction = "past"
            s = _EARLIER.sub("", _THIS_PAST.sub("", s))
        if _THIS_COMING.match(s):
            direction = "future"
            s = _THIS_COMING.sub("", s)
        s = _NARROWING.sub("", s)
        if s == before:
            break

    # "earlier in the month", "by the end of the year": the anchor's own period.
    if s in ("the week", "the month", "the year"):
        s = "this " + s[4:]
    if _TODAY.fullmatch(s):
        return _day(anchor)
    if s in ("last night", "the night before"):
        s = "yesterday"
    s = _TIME_OF_DAY.sub("", s)
    if s == "yesterday":
        return _day(anchor - timedelta(days=1))
    if s == "tomorrow":
        return _day(anchor + timedelta(days=1))
    if s == "the day before yesterday":
        return _day(anchor - timedelta(days=2))
    if s == "the day after tomorrow":
        return _day(anchor + timedelta(days=2))

    if m := _AGO.fullmatch(s):
        return _ago(m, anchor)
    if m := _RELATIVE_UNIT.fullmatch(s):
        return _relative_unit(m["rel"], m["unit"], anchor)
    if m := _WEEKDAY_ONLY.fullmatch(s):
        return _weekday(_WEEKDAYS[m["weekday"]], m["rel"], anchor, direction)

    # "Tuesday, Feb. 24": the date says it all, and the weekday can pick its year.
    weekday: int | None = None
    if m := _LEADING_WEEKDAY.match(s):
        weekday, s = _WEEKDAYS[m["weekday"]], s[m.end() :]

    if m := _MONTH_DAY_YEAR.fullmatch(s) or _DAY_MONTH_YEAR.fullmatch(s):
        month, day = _MONTHS[m["month"]], int(m["day"])
        if m["year"]:
            return _day(date(int(m["year"]), month, day))
        if weekday is not None and (d := _nearest_with_weekday(month, day, weekday, anchor)):
            return _day(d)
        return _month_day(month, day, anchor, direction)
    if m := _MONTH_YEAR.fullmatch(s):
        return _month(*_checked_month(int(m["year"]), _MONTHS[m["month"]]))
    if m := _MONTH_REL_YEAR.fullmatch(s):
        shift = {"this": 0, "last": -1, "next": 1}[m["rel"]]
        return _month(anchor.year + shift, _MONTHS[m["month"]])
    if m := _DAY_RANGE.fullmatch(s):
        month = _MONTHS[m["month"] or m["month2"]]
        if m["year"]:
            return _month(*_checked_month(int(m["year"]), month))
        return _month(*_bare_month(month, None, anchor, direction))
    if m := _MONTH_ONLY.fullmatch(s):
        return _month(*_bare_month(_MONTHS[m["month"]], m["rel"], anchor, direction))
    if m := _YEAR_ONLY.fullmatch(s):
        year = int(m["year"])
        # Four digits outside this range are more likely counts than years.
        return TimeValue(f"{year:04d}") if 1000 <= year <= 2999 else None
    return None


def _normalise(text: str) -> str:
    s = text.lower().replace("’", "'")
    s = re.sub(r"'s\b", "", s)  # "Tuesday's meeting" keeps only the date
    s = re.sub(r"(?<=[a-z])\.", "", s)  # "Jan." -> "jan"
    s = re.sub(r"(?<=\d)(?:st|nd|rd|th)\b", "", s)  # "15th" -> "15"
    s = re.sub(r"(?<=[a-z])-|-(?=[a-z])", " ", s)  # "mid-2024" -> "mid 2024"
    s = s.replace(",", " ")
    s = re.sub(r"\s+", " ", s)
    return s.strip(" .;:!?\"'()")


def _day(d: date) -> TimeValue:
    return TimeValue(d.isoformat())


def _month(year: int, month: int) -> TimeValue:
    return TimeValue(f"{year:04d}-{month:02d}")


def _checked_month(year: int, month: int) -> tuple[int, int]:
    if not (1 <= year <= 9999 and 1 <= month <= 12):
        raise ValueError(f"no such month: {year}-{month}")
    return year, month


def _add_months(year: int, month: int, k: int) -> tuple[int, int]:
    y, m0 = divmod(year * 12 + (month - 1) + k, 12)
    return _checked_month(y, m0 + 1)


def _ago(m: re.Match[str], anchor: date) -> TimeValue | None:
    n = _NUMBER_WORDS.get(m["n"]) or int(m["n"])
    sign = -1 if m["dir"] == "ago" else 1
    unit = m["unit"]
    if unit == "day":
        return _day(anchor + timedelta(days=sign * n))
    if unit == "week":
        return _day(anchor + timedelta(days=sign * 7 * n))
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, sign * n))
    year = anchor.year + sign * n
    return TimeValue(f"{year:04d}") if 1 <= year <= 9999 else None


def _relative_unit(rel: str, unit: str, anchor: date) -> TimeValue | None:
    k = {"this": 0, "last": -1, "next": 1}[rel]
    if unit == "year":
        year = anchor.year + k
        return TimeValue(f"{year:04d}") if 1 <= year <= 9999 else None
    if unit == "month":
        return _month(*_add_months(anchor.year, anchor.month, k))
    # A week has no ISO precision here: give the month of its Thursday, the day ISO 8601
    # uses to place a week that straddles two months.
    thursday = anchor - timedelta(days=anchor.weekday()) + timedelta(weeks=k, days=3)
    return _month(thursday.year, thursday.month)


def _weekday(wd: int, rel: str | None, anchor: date, direction: str) -> TimeValue:
    if rel == "last":
        direction = "past"
    elif rel == "next":
        direction = "future"
    if direction == "future":
        return _day(anchor + timedelta(days=(wd - anchor.weekday() - 1) % 7 + 1))
    if direction in {"present", "past"} and rel is None and wd == anchor.weekday():
        # "said on Tuesday" in Tuesday's paper is that day; "last Tuesday" is a week before.
        return _day(anchor)
    return _day(anchor - timedelta(days=(anchor.weekday() - wd - 1) % 7 + 1))


def _bare_month(month: int, rel: str | None, anchor: date, direction: str) -> tuple[int, int]:
    if rel == "this":
        return anchor.year, month
    if rel == "last":  # strictly before the anchor's month
        return (anchor.year if month < anchor.month else anchor.year - 1), month
    if rel == "next":
        return (anchor.year if month > anchor.month else anchor.year + 1), month
    if direction == "future":
        return (anchor.year if month >= anchor.month else anchor.year + 1), month
    return (anchor.year if month <= anchor.month else anchor.year - 1), month


def _month_day(month: int, day: int, anchor: date, direction: str) -> TimeValue:
    if not 1 <= day <= 31:
        raise ValueError(f"no such day: {day}")
    step = 1 if direction == "future" else -1
    # Walk years from the anchor's; 8 steps always reach a leap year for "February 29".
    for k in range(9):
        try:
            d = date(anchor.year + step * k, month, day)
        except ValueError:
            continue
        if (step == 1 and d >= anchor) or (step == -1 and d <= anchor):
            return _day(d)
    raise ValueError(f"no such day: {month}-{day}")


def _nearest_with_weekday(month: int, day: int, weekday: int, anchor: date) -> date | None:
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if d.weekday() == weekday:
            candidates.append(d)
    return min(candidates, key=lambda d: abs((d - anchor).days), default=None)


_FUTURE_AUX = frozenset({"will", "shall", "'ll", "ll", "wo"})
_PAST_AUX_FORMS = frozenset({"did", "had", "was", "were"})
_FUTURE_PHRASE = re.compile(r"\b(?:go|going|gon|set|due|about)\s+(?:na\s+)?to\b|\bgon\s+na\b")


def tense_of(verb_tag: str, aux_lemmas: Sequence[str]) -> str:
    """The tense ("past", "future" or "present") of a verb from its Penn tag and auxiliaries.

    ``aux_lemmas`` are the lemmas (or forms) of the verb's auxiliaries in order;
    "will", "shall", "going to" and "set to" make it future. Unknown tags give
    "past", the usual tense of news.

    >>> [tense_of(tag, aux) for tag, aux in [("VBD", []), ("VB", ["will"]), ("VB", ["be", "set", "to"])]]
    ['past', 'future', 'future']
    >>> tense_of("VBZ", [])
    'present'
    """
    aux = [a.lower().strip() for a in aux_lemmas]
    tag = verb_tag.upper().strip()
    if _FUTURE_AUX.intersection(aux) or _FUTURE_PHRASE.search(" ".join(aux)):
        return "future"
    if tag == "VB" and ("go" in aux or "going" in aux):  # "is going to sign", "to" not passed
        return "future"
    if tag in ("VBD", "VBN") or _PAST_AUX_FORMS.intersection(aux):
        return "past"
    if tag in ("VB", "VBZ", "VBP", "VBG", "MD"):
        return "present"
    return "past"


def compatible(a: TimeValue | None, b: TimeValue | None) -> bool:
    """Whether two times may be the same: one period contains the other, or either is unknown.

    >>> compatible(TimeValue("2026-02"), TimeValue("2026-02-24"))
    True
    >>> compatible(TimeValue("2025"), TimeValue("2026"))
    False
    """
    if a is None or b is None:
        return True
    # Fixed-width ISO prefixes: a prefix is exactly a containing period.
    return a.value.startswith(b.value) or b.value.startswith(a.value)
