"""Turn a money expression into a value and an ISO 4217 currency code.

The input is the text of a spaCy ``MONEY`` entity or a span near one, in the
styles of modern and older wire copy: "$200 million", "255 mln dlrs",
"£13 billion", "US$7.2 bn", "€5m", "5 million euros", "50 cts". The first
amount with a currency in the text wins; a number without a currency
("12.5 pct") gives ``None``, and so does a currency word that names several
currencies ("francs", "pesos") unless the text qualifies it.

Codes of currencies since replaced by the euro (DEM, FRF, ITL, NLG, ...) are
kept as the text gives them: a 1987 amount in marks is not an amount in euros.

>>> parse_money("$200 million")
(200000000.0, 'USD')
>>> parse_money("255 mln dlrs")
(255000000.0, 'USD')
>>> parse_money("12.5 pct") is None
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

import pycountry

__all__ = ["parse_money"]

# Symbols and abbreviations written before the number, longest first in the regex.
_PREFIXES: dict[str, str] = {
    "us$": "USD", "u.s.$": "USD", "us $": "USD", "$": "USD", "can$": "CAD", "c$": "CAD",
    "a$": "AUD", "aus$": "AUD", "au$": "AUD", "hk$": "HKD", "nz$": "NZD", "s$": "SGD",
    "nt$": "TWD", "r$": "BRL", "£": "GBP", "stg": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR",
    "rs.": "INR", "rs": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY", "₪": "ILS", "sfr": "CHF",
    "sfr.": "CHF", "chf": "CHF", "dm": "DEM", "ffr": "FRF", "ffr.": "FRF",
}  # fmt: skip
# Words written after the number, longest first in the regex so "swiss francs" beats "francs".
_SUFFIXES: dict[str, str] = {
    "dollars": "USD", "dollar": "USD", "dlrs": "USD", "dlr": "USD", "u.s. dollars": "USD",
    "us dollars": "USD", "u.s. dlrs": "USD", "us dlrs": "USD", "american dollars": "USD",
    "canadian dollars": "CAD", "canadian dlrs": "CAD", "australian dollars": "AUD",
    "australian dlrs": "AUD", "new zealand dollars": "NZD", "new zealand dlrs": "NZD",
    "hong kong dollars": "HKD", "hong kong dlrs": "HKD", "singapore dollars": "SGD",
    "singapore dlrs": "SGD", "taiwan dollars": "TWD", "taiwan dlrs": "TWD",
    "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP", "pounds": "GBP", "pound": "GBP",
    "sterling": "GBP", "stg": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupees": "INR", "rupee": "INR", "indian rupees": "INR", "pakistani rupees": "PKR",
    "swiss francs": "CHF", "swiss franc": "CHF", "sfr": "CHF", "french francs": "FRF",
    "french franc": "FRF", "belgian francs": "BEF", "belgian franc": "BEF", "marks": "DEM",
    "mark": "DEM", "deutsche marks": "DEM", "deutschmarks": "DEM", "d-marks": "DEM",
    "dm": "DEM", "lire": "ITL", "italian lire": "ITL", "turkish lira": "TRY", "guilders": "NLG",
    "guilder": "NLG", "pesetas": "ESP", "schillings": "ATS", "roubles": "RUB", "rubles": "RUB",
    "won": "KRW", "rand": "ZAR", "riyals": "SAR", "ringgit": "MYR", "baht": "THB",
    "rupiah": "IDR", "shekels": "ILS", "zlotys": "PLN", "zloty": "PLN", "naira": "NGN",
    "swedish crowns": "SEK", "swedish kronor": "SEK", "kronor": "SEK",
    "norwegian crowns": "NOK", "norwegian kroner": "NOK", "danish crowns": "DKK",
    "danish kroner": "DKK", "mexican pesos": "MXN",
}  # fmt: skip
# Hundredths of a currency: "50 cts" is half a dollar.
# Countries with a dollar of their own: a bare "$" in a story about one of them is theirs.
LOCAL_DOLLARS: dict[str, str] = {
    "Australia": "AUD", "Canada": "CAD", "New Zealand": "NZD", "Singapore": "SGD", "Hong Kong": "HKD",
    "Taiwan": "TWD", "Jamaica": "JMD", "Namibia": "NAD", "Fiji": "FJD", "Brunei": "BND",
    "Bahamas": "BSD", "Barbados": "BBD", "Belize": "BZD", "Guyana": "GYD", "Liberia": "LRD",
    "Trinidad and Tobago": "TTD",
}  # fmt: skip
_SUBUNITS: dict[str, str] = {"cts": "USD", "cents": "USD", "cent": "USD", "pence": "GBP", "pennies": "GBP"}
# Codes ISO has withdrawn (pycountry knows current ones only) that old copy still uses.
_HISTORIC_CODES = frozenset({"DEM", "FRF", "ITL", "NLG", "BEF", "ESP", "ATS", "FIM", "IEP", "PTE", "GRD"})

_MAGNITUDES: dict[str, Decimal] = {
    "thousand": Decimal(10) ** 3, "k": Decimal(10) ** 3, "lakh": Decimal(10) ** 5,
    "million": Decimal(10) ** 6, "millions": Decimal(10) ** 6, "mln": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6, "mil": Decimal(10) ** 6, "m": Decimal(10) ** 6,
    "crore": Decimal(10) ** 7, "billion": Decimal(10) ** 9, "billions": Decimal(10) ** 9,
    "bln": Decimal(10) ** 9, "bn": Decimal(10) ** 9, "b": Decimal(10) ** 9,
    "trillion": Decimal(10) ** 12, "trln": Decimal(10) ** 12, "tn": Decimal(10) ** 12,
}  # fmt: skip
_NUMBER_WORDS: dict[str, int] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}  # fmt: skip


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_CODE = r"(?-i:[A-Z]{3})"  # "EUR 5 million"; case matters so "won" or "the" are never codes
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_WORDS = (
    r"half\s+an?|(?:" + _alternation(_NUMBER_WORDS) + r")(?:[\s-]+(?:" + _alternation(_NUMBER_WORDS) + "))*"
)
_MAGNITUDE = r"(?P<mag>" + _alternation(_MAGNITUDES) + r")\b"
_MONEY = re.compile(
    r"(?:(?<![\w$£€¥])(?P<pre>" + _alternation(_PREFIXES) + "|" + _CODE + r")\s*)?"
    r"(?:(?P<digits>" + _DIGITS + r")|\b(?P<words>" + _WORDS + r")\b)"
    r"(?:[\s-]*" + _MAGNITUDE + r")?"
    r"(?:\s*\b(?P<post>" + _alternation(_SUFFIXES) + "|" + _alternation(_SUBUNITS) + "|" + _CODE + r")\b)?",
    re.IGNORECASE,
)
# "$5 to $10 million": the first amount borrows the magnitude of the second.
_RANGE_TAIL = re.compile(
    r"\s*(?:-|–|to)\s*(?:" + _alternation(_PREFIXES) + r")?\s*(?:" + _DIGITS + r")[\s-]*" + _MAGNITUDE,
    re.IGNORECASE,
)
_MAX_DIGITS = 30  # longer runs are ids or noise, not amounts


def parse_money(text: str) -> tuple[float, str] | None:
    """The first amount with a currency in ``text`` as ``(value, ISO 4217 code)``, else ``None``.

    >>> parse_money("about $40 million")
    (40000000.0, 'USD')
    >>> parse_money("£30m"), parse_money("1.5 billion yen"), parse_money("50 cts")
    ((30000000.0, 'GBP'), (1500000000.0, 'JPY'), (0.5, 'USD'))
    """
    for m in _MONEY.finditer(text):
        found = _amount(m, text)
        if found is not None:
            return found
    return None


def _amount(m: re.Match[str], text: str) -> tuple[float, str] | None:
    pre, post, mag = m["pre"], m["post"], m["mag"]
    if pre is None and post is None:
        return None
    currency = _currency(pre, post)
    if currency is None:
        return None
    number = _number(m["digits"], m["words"])
    # A bare number word with no magnitude ("a pound", "one dollar") is too often not money.
    if number is None or (m["words"] and mag is None):
        return None
    if mag is None:
        tail = _RANGE_TAIL.match(text, m.end("digits") if m["digits"] else m.end())
        if tail:
            mag = tail["mag"]
    value = number * (_MAGNITUDES[mag.lower()] if mag else 1)
    if post and post.lower() in _SUBUNITS:
        value /= 100
    result = float(value)
    if not math.isfinite(result):
        return None
    return result, currency


def _currency(pre: str | None, post: str | None) -> str | None:
    codes = []
    for word, table in ((pre, _PREFIXES), (post, _SUFFIXES)):
        if word is None:
            continue
        key = re.sub(r"\s+", " ", word.lower())
        if key in table:
            codes.append(table[key])
        elif key in _SUBUNITS:
            codes.append(_SUBUNITS[key])
        elif valid_currency_code(word):
            codes.append(word)
        # else an upper-case word that is no currency ("CEO 5 million dollars"): ignore it
    # "$5 million Canadian dollars" says CAD; a prefix "$" is only a default.
    specific = [c for c in codes if c != "USD"]
    return specific[0] if specific else (codes[0] if codes else None)


def valid_currency_code(word: str) -> bool:
    """Whether ``word`` is an ISO 4217 code, current or withdrawn: "USD", "DEM"."""
    return word in _HISTORIC_CODES or pycountry.currencies.get(alpha_3=word) is not None


def _number(digits: str | None, words: str | None) -> Decimal | None:
    if digits is not None:
        plain = digits.replace(",", "")
        if len(plain) > _MAX_DIGITS:
            return None
        try:
            return Decimal(plain)
        except InvalidOperation:
            return None
    if words is None:
        return None
    tokens = re.split(r"[\s-]+", words.lower())
    if tokens[0] == "half":
        return Decimal("0.5")
    total = 0
    for token in tokens:
        n = _NUMBER_WORDS[token]
        if n == 100:
            total = max(total, 1) * 100
        elif n == 1 and token in ("a", "an") and total:
            return None  # "two a" is not a number
        else:
            total += n
    return Decimal(total)
