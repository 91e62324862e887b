"""Entity mentions from a parsed article: spans repaired, noise dropped, typing cues kept.

The named-entity layer proposes spans; rules then strip articles and
possessives, split merged spans ("A's B", "NAME/AGENCY"), add proper nouns the
NER missed, drop caption credits, bylines and tickers, and record the context
cues ("X CEO", "told X", "its model X") that the resolver uses to decide each
entity's type from all of its mentions.

>>> zones = credit_zones("He spoke. Jane Doe/Getty Images\\nNext line.")
>>> [("He spoke. Jane Doe/Getty Images\\nNext line.")[a:b] for a, b in zones]
['Jane Doe/Getty Images']
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, cast

from ..model import Article, Mention
from . import lexicon as lx
from .money import valid_currency_code

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Verbs whose subject acts as a company or a person does, never as a place.
AGENT_VERBS = frozenset(
    [
        "sue",
        "file",
        "sell",
        "buy",
        "acquire",
        "purchase",
        "hire",
        "fire",
        "employ",
        "announce",
        "launch",
        "unveil",
        "release",
        "develop",
        "manufacture",
        "produce",
        "market",
        "ship",
        "say",
        "state",
        "claim",
        "tell",
        "explain",
        "add",
        "insist",
        "deny",
        "confirm",
        "admit",
        "plan",
        "intend",
        "agree",
        "sign",
        "offer",
        "own",
        "operate",
    ]
)
LAUNCH_VERBS = frozenset(["launch", "unveil", "release", "introduce", "debut", "ship"])
# What there are copies or versions of is a product: "copies of X", "a beta version of X".
COPY_NOUNS = frozenset(["copy", "version", "edition", "upgrade", "update"])
# "the X developed by Acme": what an organisation makes.
MAKE_VERBS = frozenset(
    ["make", "develop", "build", "design", "manufacture", "produce", "create", "market", "sell"]
)
MAKER_NOUNS = frozenset(["maker", "manufacturer", "developer", "creator", "inventor", "designer", "producer"])
_PLACE_PREFIXES = frozenset(
    ["New", "North", "South", "East", "West", "Upper", "Lower", "Greater", "Northern", "Southern"]
)
_LAW_PARTS = frozenset(
    ["section", "article", "clause", "paragraph", "chapter", "part", "schedule", "subsection"]
)
NER_TYPES = {
    "PERSON": "Person",
    "ORG": "Organisation",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "PRODUCT": "Product",
    "LAW": "Law",
    "NORP": "",
}
# Group nouns that turn a person's name into an organisation: "the X administration".
PERSON_ORG_NOUNS = frozenset(["administration", "government", "campaign", "cabinet", "regime", "presidency"])

_SENT_END = re.compile(r"[a-z0-9)\]”\"’%][.!?][\"”’)]?(?=\s)|[.!?][\"”’](?=\s)")
_TICKER = re.compile(r"<[A-Z][A-Z0-9.\-]{0,9}>")
_REPORTING = re.compile(r"\((?:Reporting|Writing|Editing|Additional reporting)[^)]*\)", re.I)
_CREDIT_LINE = re.compile(r"^\s*(?:photo|image|picture|credit|source)s?\s*:", re.I)
_BYLINE = re.compile(r"^\s*By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s*$")
_CONNECTORS = frozenset(["via", "and", "for", "of", "by", "/", "&", "the"])


def credit_zones(text: str) -> list[tuple[int, int]]:
    """Character ranges of caption credits, bylines, tickers and wire sign-offs."""
    zones: list[tuple[int, int]] = []
    offset = 0
    for line in text.split("\n"):
        start = offset
        offset += len(line) + 1
        stripped = line.strip()
        if not stripped:
            continue
        if _CREDIT_LINE.match(line) or _BYLINE.match(line):
            zones.append((start, start + len(line)))
            continue
        ends = list(_SENT_END.finditer(line))
        tail_at = ends[-1].end() if ends else 0
        tail = line[tail_at:]
        if tail.strip() and _is_credit(tail):
            lead = len(tail) - len(tail.lstrip())
            zones.append((start + tail_at + lead, start + len(line.rstrip())))
    for rx in (_TICKER, _REPORTING):
        zones.extend((m.start(), m.end()) for m in rx.finditer(text))
    return sorted(zones)


def _is_credit(tail: str) -> bool:
    words = tail.split()
    if not words or len(words) > 10 or tail.rstrip()[-1:] in '.!?:;,"”':
        return False
    lowered = [w.casefold() for w in re.split(r"[\s/]+", tail) if w]
    has_marker = "/" in tail or "via" in lowered or any(w in lx.CREDIT_WORDS for w in lowered)
    capitalised = all(w[:1].isupper() or w.casefold() in _CONNECTORS or not w[:1].isalpha() for w in words)
    return has_marker and capitalised


def _shouting(text: str) -> bool:
    """A sentence written in capitals, like a wire headline."""
    letters = [c for c in text if c.isalpha()]
    return (
        len(text.split()) >= 3
        and len(letters) >= 12
        and sum(c.isupper() for c in letters) > 0.7 * len(letters)
    )


def _in_zones(start: int, end: int, zones: Sequence[tuple[int, int]]) -> bool:
    return any(a <= start and end <= b + 1 for a, b in zones)


def _trim(tokens: list[Token]) -> list[Token]:
    """Drop leading articles/punctuation and trailing possessives/punctuation, and "ex-" ("Ex-Labour")."""
    while tokens and (
        (tokens[0].lower_ == "ex" and len(tokens) > 2 and tokens[1].text in {"-", "–"})
        or tokens[0].lower_ in {"the", "a", "an"}
        or tokens[0].is_punct
        or tokens[0].text in {"<", ">"}
        or tokens[0].tag_ == "POS"
        or (tokens[0].lower_ in lx.HONORIFICS and len(tokens) > 1)
        or (
            tokens[0].tag_ in {"RB", "RBR", "RBS", "JJR", "JJS", "IN", "CC", "DT", "WRB", "PRP"}
            and len(tokens) > 1
        )
    ):
        tokens = tokens[1:]
    while tokens and (
        tokens[-1].is_punct
        or tokens[-1].tag_ == "POS"
        or tokens[-1].lower_ in {"'s", "’s"}
        or tokens[-1].text in "<>"
        or (tokens[-1].is_lower and tokens[-1].tag_ in {"IN", "CC", "DT", "TO"})  # "Acme in 1976"
    ):
        tokens = tokens[:-1]
    return tokens


# Legal forms written after a comma: "Acme, Inc.".
_SUFFIX_WORDS = frozenset(["inc", "ltd", "llc", "llp", "lp", "plc", "corp", "co", "sa", "ag", "nv", "gmbh"])


def _split(tokens: list[Token]) -> list[list[Token]]:
    """Split merged spans at possessives and slashes: "A's B" -> A, B."""
    parts: list[list[Token]] = [[]]
    for n, t in enumerate(tokens):
        # A plural possessive inside a name stays: "Workers' Union", "Magistrates' Court".
        plural_name = t.text in {"'", "’"} and 0 < n < len(tokens) - 1 and tokens[n - 1].text.endswith("s")
        # So does a founder's or saint's name before an institution: "Guy's Hospital", "St John's College".
        plural_name = plural_name or (
            t.tag_ == "POS" and 0 < n < len(tokens) - 1 and tokens[n + 1].lower_ in lx.NAMED_INSTITUTIONS
        )
        if not plural_name and (
            t.tag_ == "POS"
            or t.text in {"/", "’s", "'s", "–", "—", "(", ")", "[", "]", "<", ">"}
            or (t.text == "-" and n > 0 and tokens[n - 1].whitespace_)
            # Two names run together: "X Medical School, University of Y" (not "Acme, Inc.").
            or (
                t.text == ","
                and n < len(tokens) - 1
                and tokens[n + 1].lower_.rstrip(".") not in _SUFFIX_WORDS
            )
            or (t.text.startswith(("’", "'")) and len(t.text) <= 2)
        ):
            parts.append([])
        else:
            parts[-1].append(t)
    out = []
    for p in parts:
        p = _after_portfolio(_trim(p))
        while len(p) >= 3 and p[0].ent_type_ == "PERSON" and p[0].lower_ in lx.TITLE_WORDS:
            p = p[1:]  # the NER ran a title into the name: "DJ Jane Doe"
        # Trailing common nouns inside a span ("Anthropic's AI"): keep the name part, unless
        # the article repeats the whole ("Acme TV" said three times names a product).
        while p and (p[-1].is_lower or p[-1].lower_ in lx.COMMON_ACRONYMS) and len(p) > 1:
            if not p[-1].is_lower and _repeated(p):
                break
            p = p[:-1]
        if p:
            out.append(p)
    return out


def _apposed_to_person(doc: Doc, title: Token) -> bool:
    """Whether the title phrase ending at ``title`` follows a person's name and a comma."""
    k = title.i - 1
    while k >= 0 and title.i - k <= 3 and (doc[k].lower_ in lx.TITLE_WORDS or doc[k].pos_ == "ADJ"):
        k -= 1
    return k >= 1 and doc[k].text == "," and doc[k - 1].ent_type_ == "PERSON"


def _titled_portfolio_ends(doc: Doc, i: int) -> bool:
    """Whether a title and "for" or "of" end at token ``i``: "Commissioner for", "Secretary of State for"."""
    return (
        i >= 1
        and doc[i].lower_ in {"for", "of"}
        and (doc[i - 1].lower_ in lx.TITLE_WORDS or doc[i - 1].lower_ == "state")
    )


def _portfolio_title_before(doc: Doc, lo: int) -> bool:
    """Whether a title with its portfolio stands right before token ``lo``: "Minister for Trade X"."""
    for size in (4, 3, 2, 1):
        k = lo - size
        # The cheap test first: most names have no "for" or "of" that near before them.
        if k < 2 or doc[k - 1].lower_ not in {"for", "of"}:
            continue
        if (
            _titled_portfolio_ends(doc, k - 1)
            and " ".join(doc[i].lower_ for i in range(k, lo)) in lx.PORTFOLIOS
        ):
            return True
    return False


def _after_portfolio(tokens: list[Token]) -> list[Token]:
    """A span "Competition Jane Roe" after "Commissioner for": the portfolio is the title's, the
    rest a name ("Secretary of State for Health Jane Roe" names Jane Roe)."""
    if not tokens:
        return tokens
    doc, i = tokens[0].doc, tokens[0].i
    if not _titled_portfolio_ends(doc, i - 1):
        return tokens
    for size in (4, 3, 2, 1):
        rest = tokens[size:]
        if (
            len(rest) >= 2
            and " ".join(t.lower_ for t in tokens[:size]) in lx.PORTFOLIOS
            and all(t.text[:1].isupper() for t in rest)
        ):
            return rest
    return tokens


_TEXT = "kg:text"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc: spaCy joins every token again on each access."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return cast(str, text)


def _repeated(tokens: Sequence[Token]) -> bool:
    """Whether the words of ``tokens`` stand together more than once in their article."""
    text = doc_text(tokens[0].doc)
    phrase = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    return len(re.findall(rf"(?<!\w){re.escape(phrase)}(?!\w)", text)) > 1


def _is_name_like(tokens: Sequence[Token]) -> bool:
    text = "".join(t.text_with_ws for t in tokens).strip()
    if len(text) < 2 or not any(c.isalpha() for c in text):
        return False
    if not (tokens[0].text[:1].isupper() or tokens[0].text[:1].isdigit() or _CAMEL.match(tokens[0].text)):
        return False
    if len(tokens) == 1:
        low = tokens[0].lower_
        if low in lx.COMMON_ACRONYMS or low in lx.MONTHS or low in lx.WEEKDAYS or low in lx.TITLE_WORDS:
            return False
        if low in lx.HONORIFICS or low in lx.NOT_NAMES_ALONE:
            return False
    return True


_CAMEL = re.compile(r"^[a-z]{1,2}[A-Z][A-Za-z0-9]+$")


def _capitalised_name(t: Token) -> bool:
    """A proper-noun token, or a capitalised word in mid-sentence that the tagger took for common.

    Brand names in camel case ("eBay", "iPhone") count as capitalised.
    """
    if _CAMEL.match(t.text):
        return True
    if not t.text[:1].isupper():
        return False
    if t.ent_type_ in {"DATE", "TIME"} and (t.lower_ in lx.MONTHS or t.lower_ in lx.WEEKDAYS):
        return False  # "on June 18": a date the NER found, not a name
    if t.tag_ in {"NNP", "NNPS"}:
        return True
    if (
        t.is_sent_start
        or not t.is_alpha
        or t.tag_ in {"PRP", "PRP$", "DT", "IN", "CC", "MD", "WDT", "WP", "EX"}
    ):
        return False
    prev = t.doc[t.i - 1]
    return (
        not (prev.is_punct and prev.text in {"“", '"', ":", "‘", "(", "—", "-"}) and t.lower_ not in lx.MONTHS
    )


def _near_person(doc: Doc, prep: Token) -> bool:
    """Whether a "from"/"near" phrase hangs on a person: "Jane Doe, 34, from X"."""
    head = prep.head
    return (
        head.ent_type_ == "PERSON"
        or head.lemma_.lower() in lx.TITLE_WORDS
        or (head.tag_ == "CD" and head.head.ent_type_ == "PERSON")
        or (head.tag_ == "NN" and head.head.ent_type_ == "PERSON")
    )


def _hints(doc: Doc, toks: Sequence[Token], lowered_words: frozenset[str]) -> set[str]:
    """Typing cues from the mention's own words and its syntactic context."""
    hints: set[str] = set()
    first, last = toks[0], toks[-1]
    lo, hi = first.i, last.i + 1
    words = [t.lower_ for t in toks]
    if words[-1].rstrip(".") in {w.rstrip(".") for w in lx.ORG_SUFFIXES} and len(words) > 1:
        hints.add("org:suffix")
    if words[-1] in lx.LAW_SUFFIXES and len(words) > 1:
        hints.add("law:suffix")
    if lx.is_place_name(" ".join(t.text for t in toks)):
        hints.add("place:gazetteer")
    elif lx.is_town_name(" ".join(t.text for t in toks)):
        hints.add("place:town")
    elif words[-1].endswith(lx.PLACE_ENDINGS) and len(words[-1]) > 7:
        hints.add("place:suffix")
    elif first.ent_type_ in {"GPE", "LOC"}:
        # A "place" no gazetteer knows that sues, sells or says things is an organisation.
        # The name's own head: "Acme sues", not "an Acme trader said".
        root = next((t for t in toks if not lo <= t.head.i < hi or t.head.i == t.i), toks[-1])
        if root.dep_ == "nsubj" and root.head.lemma_.lower() in AGENT_VERBS:
            hints.add("org:agent")
        hints.add("place:unknown")
    if lo >= 1 and doc[lo - 1].lower_ in {"from", "near"} and lo >= 2 and _near_person(doc, doc[lo - 1]):
        hints.add("place:from")
    if len(toks) == 1 and first.lower_ in lowered_words and not first.is_upper:
        hints.add("common")
    if len(toks) > 1 and last.lower_ in lx.PRODUCT_HEADS and last.text[:1].isupper():
        # No one's surname: "App Store", "Acme Phone".
        hints.add("product:head")
    if lo >= 1 and doc[lo - 1].lower_ == "the" and first.ent_type_ == "PERSON" and last.text.endswith("s"):
        # A person's name takes no article: "the Beatles", "the Waltons" are a band, a family.
        hints.add("org:the-plural")
    # Right context: "X CEO", "X software", "X-enabled".
    if hi < len(doc):
        nxt = doc[hi]
        if (
            nxt.lower_ in lx.POST_NOMINALS
            and nxt.text.isupper()
            and first.ent_type_ == "PERSON"
            and len(toks) >= 2
        ):
            hints.add("person:post-nominal")  # "Jane Doe MSP": her seat, not an organisation's title
        elif nxt.lower_ in lx.TITLE_WORDS and nxt.lower_ not in {"general", "major"}:
            # "X CEO Name" or "X spokesman": X is the organisation.
            hints.add("org:title-after")
        elif nxt.lemma_.lower() in lx.PRODUCT_NOUNS and nxt.pos_ == "NOUN":
            # "the X software", "its X computers" name a product; "X planes" names their maker.
            owned = any(t.tag_ == "PRP$" or t.tag_ == "POS" for t in doc[max(0, lo - 3) : lo])
            hints.add("product:noun-after" if nxt.tag_ != "NNS" or owned else "org:maker-of")
        elif nxt.lower_ in lx.ORG_NOUNS and nxt.pos_ == "NOUN" and nxt.lower_ not in {"partner"}:
            hints.add("org:noun-after")
        elif nxt.lower_ in PERSON_ORG_NOUNS:
            hints.add("org:group-after")
    # The head of the phrase X modifies: "an X portable music player".
    head = last.head if last.dep_ in {"compound", "amod", "nmod"} else last
    steps = 0
    while head.i >= hi and head.dep_ in {"compound", "amod", "nmod"} and steps < 3:
        head, steps = head.head, steps + 1
    if head.i >= hi and head.lemma_.lower() in lx.PRODUCT_NOUNS and head.pos_ == "NOUN" and head.i > hi:
        hints.add("product:noun-after")
    # What is launched, unveiled or released is a product.
    root_ = last
    while root_.dep_ in {"compound", "nmod", "amod"} and root_.head.i != root_.i:
        root_ = root_.head
    if root_.dep_ in {"dobj", "nsubjpass"} and root_.head.lemma_.lower() in LAUNCH_VERBS:
        hints.add("product:launched")
    elif any(
        c.dep_ == "relcl"
        and c.lemma_.lower() in LAUNCH_VERBS
        and any(g.dep_ == "nsubjpass" and g.lower_ in {"which", "that"} for g in c.children)
        for c in root_.children
    ):
        hints.add("product:launched")  # "the new X, which will be released in June"
    hints |= _maker_cues(doc, toks, root_)
    if _in_production(root_):
        hints.add("product:line")  # "cut the X, Y and Z from production"
    if brand_list_noun(root_) is not None:
        hints.add("product:brand")  # "its brands include X"
    # Left context: "CEO Jane Doe", "Mr Doe", "its model X", "the company X", "told X".
    j = lo - 1
    while j >= 0 and (doc[j].pos_ in {"ADJ", "DET", "PRON"} or doc[j].tag_ == "PRP$") and lo - j <= 3:
        j -= 1
    if j >= 0:
        prev = doc[j]
        pl = prev.lower_
        if len(toks) == 1 and pl in lx.TITLE_WORDS and prev.i == lo - 1 and _apposed_to_person(doc, prev):
            hints.add("org:apposed-title")  # "Jane Doe, vice president Acme": Acme is hers
        elif (
            pl in lx.HONORIFICS
            or (pl in lx.TITLE_WORDS and prev.i == lo - 1 and prev.pos_ in {"NOUN", "PROPN"})
            or _portfolio_title_before(doc, lo)
        ):
            hints.add("person:title-before")
        elif prev.pos_ == "NOUN" and pl in lx.WORK_NOUNS:
            # A one-word title must read as a name: "the film Closer", not "the album How ...".
            if len(toks) > 1 or first.tag_ in {"NNP", "NNPS"}:
                hints.add("product:work")
        elif pl in lx.PRODUCT_NOUNS and prev.pos_ == "NOUN":
            hints.add("product:noun-before")
        elif pl in lx.ORG_NOUNS and prev.pos_ == "NOUN":
            hints.add("org:noun-before")
    # "CEO of X", "adviser at X", "chairman of X".
    if lo >= 2 and doc[lo - 1].lower_ in {"of", "at", "for"}:
        k = lo - 2
        if doc[k].lower_ in lx.TITLE_WORDS:
            hints.add("org:title-of")
        elif doc[lo - 1].lower_ == "at" and doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in lx.STAFF_NOUNS:
            # "our colleagues at X", "engineers at X": where people work.
            hints.add("org:staff-at")
        elif doc[lo - 1].lower_ == "of" and doc[k].pos_ == "NOUN" and doc[k].lemma_.lower() in COPY_NOUNS:
            # "2 million copies of X", "a new version of X": X is a thing made.
            hints.add("product:copies-of")
    # "X's models", "X's shares": what an organisation has.
    if hi + 1 < len(doc) and doc[hi].tag_ == "POS":
        k = hi + 1
        while (
            k < len(doc)
            and k < hi + 4
            and doc[k].pos_ in {"ADJ", "PROPN"}
            and doc[k].lower_ not in lx.ORG_POSSESSIONS
        ):
            k += 1
        if k < len(doc) and doc[k].lemma_.lower() in lx.ORG_POSSESSIONS:
            hints.add("org:possession")
    root = last if last.head.i >= hi or last.head.i < lo else last.head
    # Object of "tell" ("told X") or subject of "report" ("X reported"): a news outlet.
    if root.dep_ in {"dobj", "dative"} and root.head.lemma_ == "tell":
        hints.add("outlet:told")
    if root.dep_ in {"nsubj"} and root.head.lemma_ == "report":
        hints.add("outlet:reported")
    if root.dep_ == "pobj" and root.head.lower_ == "to" and root.head.head.lemma_ in {"say", "tell", "speak"}:
        hints.add("outlet:told")
    if (root.dep_ == "pobj" and root.head.lower_ == "according") or (
        root.head.lower_ == "to" and root.head.head.lower_ == "according"
    ):
        hints.add("outlet:according")
    # "X, who is chairman of ...": a person.
    for child in root.children:
        if (
            child.dep_ == "relcl"
            and child.lemma_ in {"be", "become", "serve", "remain"}
            and any(c.dep_ == "attr" and c.lemma_.lower() in lx.TITLE_WORDS for c in child.children)
        ):
            hints.add("person:appos")
    # Appositions: "X, a startup", "X, the chief executive".
    for child in root.children:
        if child.dep_ == "appos":
            lemma = child.lemma_.lower()
            if lemma in lx.ORG_NOUNS:
                hints.add("org:appos")
            elif lemma in lx.PRODUCT_NOUNS:
                hints.add("product:appos")
            elif lemma in lx.TITLE_WORDS or (lemma in lx.KIN_NOUNS and lemma != "partner"):
                hints.add("person:appos")
    # "two models, the Aurora and the Zephyr": the second of joined names is apposed too.
    apposed = root
    while apposed.dep_ == "conj" and apposed.head.i != apposed.i:
        apposed = apposed.head
    if apposed.dep_ == "appos":
        lemma = apposed.head.lemma_.lower()
        if lemma in lx.PRODUCT_NOUNS:
            hints.add("product:appos")
        elif lemma in lx.ORG_NOUNS:
            hints.add("org:appos")
    # Person cues from the parse: subject of speech verbs with he/she later is weak; skip.
    return hints


def _with_number(toks: list[Token]) -> list[Token]:
    """A name's own number: "Channel 4", "Zephyr 4" (a numeral the parse hangs on the name).

    A quantity is not part of the name: in "Acme added 3 percent" the numeral counts "percent".
    """
    if not toks:
        return toks
    last = toks[-1]
    nxt = last.doc[last.i + 1] if last.i + 1 < len(last.doc) else None
    if (
        nxt is not None
        and nxt.tag_ == "CD"
        and nxt.dep_ == "nummod"
        and nxt.head.i == last.i
        and nxt.text.isdigit()
        # "Acme 787 Dreamliners": the numeral starts the name of what follows.
        and not (nxt.i + 1 < len(nxt.doc) and nxt.doc[nxt.i + 1].pos_ in {"PROPN", "NOUN", "NUM"})
        and len(nxt.text) <= 3
        and last.whitespace_
    ):
        return [*toks, nxt]
    return toks


# Words before a weekday that make it a date: "on Sunday", "last Monday".
_DAY_PREPS = frozenset(
    ["on", "last", "next", "this", "since", "until", "till", "every", "each", "from", "late", "early"]
)


def _entity_spans(doc: Doc, makers: dict[int, int] | None = None) -> list[tuple[list[Token], str]]:
    """The NER's spans, an organisation's name split off its last word repaired.

    The tagger sometimes reads the last word of a company's name as a first name:
    "sued by Lockheed Martin" -> ORG "Lockheed" + PERSON "Martin". A one-word PERSON
    right after an ORG, with nothing between, continues the organisation's name. A maker's
    name and a model designation become one product; ``makers`` records, by the span's first
    token, how many of its tokens name the maker.
    """
    makers = {} if makers is None else makers
    ents = list(doc.ents)
    out: list[tuple[list[Token], str]] = []
    # Names the NER gives as organisations and as products somewhere in the article.
    orgs = {e.text for e in ents if e.label_ == "ORG"}
    i = 0
    while i < len(ents):
        ent = ents[i]
        toks, label = list(ent), ent.label_
        if (
            label == "DATE"
            and len(ent) == 1
            and ent.text.lower() in lx.WEEKDAYS
            and ent.text[:1].isupper()
            and (ent.start == 0 or doc[ent.start - 1].lower_ not in _DAY_PREPS)
        ):
            # "Sunday Telegraph journalist": a newspaper named after a day, not a date.
            k = ent.end
            while (
                k < len(doc)
                and doc[k].tag_ == "NNP"
                and doc[k].ent_type_ in {"", "ORG"}
                and doc[k].lower_.rstrip(".") not in lx.HONORIFICS
                and doc[k].lower_ not in lx.HONORIFICS
                and doc[k].lower_ not in lx.TITLE_WORDS
            ):
                k += 1
            if k > ent.end:
                toks, label = list(doc[ent.start : k]), "ORG"
                while i + 1 < len(ents) and ents[i + 1].start < k:
                    i += 1
        maker = _maker_before(doc, ent, orgs) if label == "PRODUCT" else 0
        if maker:
            # "the Acme Roadster": an organisation's name the NER left out before a product.
            makers[ent.start - maker] = maker
            toks = [*doc[ent.start - maker : ent.start], *toks]
        elif label not in {"PERSON", "PRODUCT"} and len(ent) > 1:
            # "Acme Roadster" read as one organisation (or law) where "Acme" and "the Roadster" are named alone.
            named = [t for t in toks if t.i > ent.start or t.lower_ not in {"the", "a", "an"}]
            named = _with_number(named) if label == "ORG" else named  # "Acme Orion 300"
            prefix = _maker_prefix(doc, named, orgs) if len(named) > 1 else 0
            if prefix:
                makers[named[0].i] = prefix
                toks, label = named, "PRODUCT"
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        if (
            len(ent) <= 2
            and ent.start > 0
            and ent.end < len(doc)
            and doc[ent.start - 1].lower_ in lx.TITLE_WORDS
            and doc[ent.end].lower_ in lx.TITLE_WORDS
        ):
            # "Chief Operating Officer": a word inside a title is no name.
            i += 1
            continue
        if (
            label == "ORG"
            and nxt is not None
            and nxt.label_ == "PERSON"
            and nxt.start == ent.end
            and len(nxt) == 1
            and doc[ent.end - 1].whitespace_
            and (nxt.end >= len(doc) or not doc[nxt.end].text[:1].isupper())
        ):
            toks = [*toks, *nxt]
            i += 1
        if label == "ORG":
            tail = _institution_tail(doc, ent)
            if tail:
                # "Federal Service for the Financial Markets", "Group on Betting and Gaming".
                toks = [*toks, *tail]
                while i + 1 < len(ents) and ents[i + 1].start < toks[-1].i + 1:
                    i += 1
                nxt = ents[i + 1] if i + 1 < len(ents) else None
                ent = doc[toks[0].i : toks[-1].i + 1]
        if label in {"ORG", "PRODUCT"}:
            model = _model_after(doc, ent, nxt) if label == "ORG" else _model_after(doc, ent, None)
            if model:
                # "the Airbus A330", "a Motorola ROKR E1": a maker's name and a model designation.
                makers[toks[0].i] = len(toks)
                toks, label = [*toks, *model], "PRODUCT"
                if nxt is not None and nxt.start < toks[-1].i + 1:
                    i += 1
        if label == "PERSON" and toks[0].i > 0 and _CAMEL.match(doc[toks[0].i - 1].text):
            # "its xTunes Music Store" read as a person "Music Store": a brand in camel case
            # starts the name, and no person's name does, so the NER's type is dropped.
            toks, label = [doc[toks[0].i - 1], *toks], "PROPN"
        elif label == "PERSON" and len(toks) == 1 and toks[0].i > 0:
            # "Jane Roe" read as "Jane" (untagged) + PERSON "Roe": the first name belongs to it.
            prev = doc[toks[0].i - 1]
            if (
                prev.tag_ == "NNP"
                and prev.ent_type_ == ""
                and prev.is_alpha
                and prev.text[:1].isupper()
                and prev.whitespace_
                and prev.lower_ not in lx.TITLE_WORDS
                and prev.lower_ not in lx.HONORIFICS
                and not lx.is_place_name(prev.text)
            ):
                toks = [prev, *toks]
        out.append((toks, label))
        i += 1
    return out


def _lowercase_tail(doc: Doc, toks: list[Token]) -> list[Token]:
    """A name with a lower-case last word the article also writes capitalised: "the Zephyr mini"
    where "Zephyr Mini" is written too."""
    k = toks[-1].i + 1
    if k >= len(doc) or not toks[-1].whitespace_:
        return toks
    nxt = doc[k]
    if not (nxt.is_alpha and nxt.is_lower) or nxt.lower_ in lx.PRODUCT_NOUNS or nxt.lower_ in lx.ORG_NOUNS:
        return toks
    phrase = f"{doc[toks[0].i : k].text} {nxt.text.capitalize()}"
    text = doc_text(doc)
    # Whole words: "Apple In" inside "Apple Inc." is no capitalised "in".
    if phrase in text and re.search(rf"\b{re.escape(phrase)}\b", text):
        return [*toks, nxt]
    return toks


# Last words of the names of gatherings a company holds, not makes.
_GATHERINGS = frozenset(
    ["conference", "summit", "forum", "festival", "expo", "convention", "congress", "fair", "awards", "show"]
)


def _maker_prefix(doc: Doc, run: Sequence[Token], orgs: set[str]) -> int:
    """How many first words of a run of names name a maker whose model, the rest, is named alone too."""
    last = run[-1].lower_
    if last in lx.LAW_SUFFIXES or last in lx.ORG_SUFFIXES or last in lx.TITLE_WORDS or last in _GATHERINGS:
        return 0  # "Parliament Act", "Acme Holdings", "Acme Developers Conference": no product
    for k in range(1, len(run)):
        head = doc[run[0].i : run[0].i + k].text
        rest = doc[run[0].i + k : run[-1].i + 1].text
        if lx.is_place_name(rest) or lx.country_of(rest):
            continue  # "Acme Australia", "Acme Europe": the maker's branch there, not a model
        if head in orgs and doc_text(doc).count(rest) > doc_text(doc).count(f"{head} {rest}"):
            return k
        # "Acme Trent 900": a model number after a maker's name names a model even said once.
        if head in orgs and any(_model_number(t.text) for t in run[k:]):
            return k
    return 0


def _model_number(word: str) -> bool:
    """A model's designation ("900", "A380", "3GS"), not a year ("2005")."""
    if word.isdigit() and len(word) == 4 and word[:2] in {"19", "20"}:
        return False
    return bool(_DESIGNATION.match(word))


def _maker_before(doc: Doc, ent: Span, orgs: set[str]) -> int:
    """How many words before a product name name its maker (one the NER gives as an organisation elsewhere)."""
    for k in (2, 1):
        if ent.start - k < 0:
            continue
        before = doc[ent.start - k : ent.start]
        if (
            before.text in orgs
            and all(t.ent_type_ == "" and t.text[:1].isupper() and t.whitespace_ for t in before)
            and not _opening_word(before[0])
        ):
            return k
    return 0


_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$", re.I)
_DESIGNATION = re.compile(r"^(?=.*\d)(?=.*[A-Za-z])[A-Za-z0-9-]{2,}$|^\d{3,4}$")
_MODEL = re.compile(r"^(?=.*\d)[A-Z0-9][A-Za-z0-9-]*$|^[A-Z][A-Z0-9-]{2,}$")


# Heads of institutions' names that go on with "for", "on" or "of" and a field:
# "Commission for Racial Equality", "Office for National Statistics".
INSTITUTION_HEADS = frozenset(
    [
        "service",
        "commission",
        "council",
        "committee",
        "agency",
        "office",
        "institute",
        "institution",
        "centre",
        "center",
        "group",
        "bureau",
        "society",
        "federation",
        "association",
        "foundation",
        "department",
        "ministry",
        "authority",
        "board",
        "union",
        "league",
        "organisation",
        "organization",
        "coalition",
        "alliance",
        "panel",
        "tribunal",
        "fund",
        "trust",
    ]
)


def _opening_word(t: Token) -> bool:
    """A word capitalised only because it opens a sentence or a quotation: "Symbolically, ..."."""
    doc = t.doc
    opens = t.i == 0 or t.is_sent_start or doc[t.i - 1].text in {'"', "“", "(", "'", "‘"}
    # Tags only: names like "Kelly" end in "-ly" too.
    return bool(opens) and t.tag_ in {"RB", "RBR", "RBS", "IN"}


def _currency_code(toks: Sequence[Token]) -> bool:
    """ "USD" in "$249 USD": a currency's code beside an amount, not an organisation."""
    if len(toks) != 1 or len(toks[0].text) != 3 or not toks[0].text.isupper():
        return False
    t, doc = toks[0], toks[0].doc
    near = [doc[i] for i in (t.i - 1, t.i + 1) if 0 <= i < len(doc)]
    return any(n.like_num or n.ent_type_ == "MONEY" for n in near) and valid_currency_code(t.text)


def _joins_name(doc: Doc, k: int) -> bool:
    """Whether the word after "and" goes on with a name: capitalised, and no name of its own."""
    return k < len(doc) and doc[k].text[:1].isupper() and doc[k].ent_type_ not in {"ORG", "PERSON", "NORP"}


def _institution_tail(doc: Doc, ent: Span) -> list[Token]:
    """ "for the Financial Markets" after "Federal Service": the rest of an institution's name.

    The organisation's name ends in an institution's noun; then come "for", "on" or "of",
    perhaps "the", and capitalised words (joined by "and" or "&") up to the first other word.
    """
    last = doc[ent.end - 1]
    if ent.end + 1 >= len(doc):
        return []
    k = ent.end
    words: list[Token] = []
    inner = any(
        t.lower_ in INSTITUTION_HEADS and doc[t.i + 1].lower_ in {"for", "on", "of"} for t in ent[:-1]
    )
    if inner and doc[k].lower_ in {"and", "&"} and _joins_name(doc, k + 1):
        # The NER stopped at "and": "Group on Betting" + "and Gaming".
        words.append(doc[k])
        k += 1
    elif last.lower_ not in INSTITUTION_HEADS or doc[k].lower_ not in {"for", "on", "of"}:
        return []
    else:
        k += 1
        if k < len(doc) and doc[k].lower_ == "the":
            k += 1
    while k < len(doc):
        t = doc[k]
        if (t.text[:1].isupper() and t.is_alpha and t.ent_type_ not in {"DATE", "PERSON"}) or (
            t.lower_ in {"and", "&"} and words and _joins_name(doc, k + 1)
        ):
            words.append(t)
        else:
            break
        k += 1
    if not words or words[-1].lower_ in {"and", "&"}:
        return []
    return list(doc[ent.end : words[-1].i + 1])


def _has_sentences(doc: Doc) -> bool:
    return doc.has_annotation("DEP") or doc.has_annotation("SENT_START")


def _model_after(doc: Doc, ent: Span, nxt: Span | None) -> list[Token]:
    """The model designation right after a maker's name: "A330", "787 Dreamliner", "ROKR E1".

    Either the NER's PRODUCT span that follows with nothing between, or up to three tokens
    written like models (with a digit, or in capitals) that no entity covers.
    """
    last = doc[ent.end - 1]
    if (
        not last.whitespace_
        or last.tag_ == "POS"
        or last.text.endswith(("'", "’"))
        or (_has_sentences(doc) and _shouting(ent.sent.text))
    ):
        return []
    if nxt is not None and nxt.label_ == "PRODUCT" and nxt.start == ent.end:
        return list(nxt)
    out: list[Token] = []
    for t in doc[ent.end : ent.end + 3]:
        if (
            t.ent_type_
            or not _MODEL.match(t.text)
            or t.lower_ in lx.COMMON_ACRONYMS
            or _ORDINAL.match(t.text)
        ):
            break
        out.append(t)
    # A model has a designation with a digit ("A9", "747"); capitals alone ("Acme USA") are
    # more often part of the company's name.
    return out if any(_DESIGNATION.match(t.text) for t in out) else []


# Where makers put or take what they make: "into production", "from sale", "off the market".
_LINE_NOUNS = frozenset(["production", "sale", "market", "lineup", "line-up", "range", "showroom"])


def _in_production(item: Token) -> bool:
    """Whether ``item`` (or the list it is in) is put into or taken out of production or sale."""
    while item.dep_ == "conj" and item.head.i != item.i:
        item = item.head
    if item.dep_ not in {"dobj", "nsubjpass"}:
        return False
    # (The parse hangs "from production" on the verb, or on the list's last name.)
    holders = [item.head, item, *item.conjuncts]
    return any(
        prep.dep_ == "prep"
        and prep.lower_ in {"from", "into", "off", "out"}
        and any(p.dep_ == "pobj" and p.lemma_.lower() in _LINE_NOUNS for p in prep.subtree)
        for holder in holders
        for prep in holder.children
    )


# Nouns whose lists name products: "its brands include A, B and C", "beers such as A and B".
BRAND_NOUNS = frozenset(["brand", "beer", "lager", "ale", "drink", "spirit", "label", "cigarette"])


def brand_list_noun(item: Token) -> Token | None:
    """The brand noun whose list ``item`` (the head of a name) is in, if any.

    >>> from spacy.tokens import Doc
    >>> from spacy.vocab import Vocab
    >>> words = ["Its", "brands", "include", "Zubrova", "and", "Quist", "."]
    >>> doc = Doc(Vocab(), words=words, heads=[1, 2, 2, 2, 3, 3, 2],
    ...           deps=["poss", "nsubj", "ROOT", "dobj", "cc", "conj", "punct"],
    ...           lemmas=["its", "brand", "include", "Zubrova", "and", "Quist", "."])
    >>> brand_list_noun(doc[5]).text
    'brands'
    """
    while item.dep_ == "conj" and item.head.i != item.i:
        item = item.head
    head = item.head
    if item.dep_ in {"dobj", "attr"} and head.lemma_.lower() in {"include", "be"}:
        return next(
            (
                c
                for c in head.children
                if c.dep_ == "nsubj" and c.lemma_.lower() in BRAND_NOUNS and c.i < item.i
            ),
            None,
        )
    if item.dep_ == "pobj" and head.lower_ == "as" and any(c.lower_ == "such" for c in head.children):
        noun = head.head
        return noun if noun.lemma_.lower() in BRAND_NOUNS and noun.pos_ == "NOUN" else None
    return None


def _maker_cues(doc: Doc, toks: Sequence[Token], root: Token) -> set[str]:
    """Cues that a name is something an organisation makes.

    "the X developed by Acme", "the maker of the X" name a product; so does a name that
    an organisation owns: "Acme's X", "the company's X", "its X".
    """
    hints: set[str] = set()
    if any(t.ent_type_ == "PERSON" for t in toks):
        return hints
    for c in root.children:
        if (
            c.dep_ == "acl"
            and c.tag_ == "VBN"
            and c.lemma_.lower() in MAKE_VERBS
            and any(g.dep_ == "agent" for g in c.children)
        ):
            hints.add("product:made-by")
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in MAKER_NOUNS:
        hints.add("product:made-by")
    lo = toks[0].i
    if lo >= 1 and doc[lo - 1].lower_ == "its":
        hints.add("product:owned")
    elif lo >= 2 and doc[lo - 1].tag_ == "POS":
        owner = doc[lo - 2]
        if owner.ent_type_ == "ORG" or owner.lower_ in {"company", "firm", "maker", "manufacturer"}:
            hints.add("product:owned")
    return hints


# Nouns that make a country's name its government: "the UK government", "the US administration".
GOVERNMENT_NOUNS = frozenset(["government", "administration"])
# Words between a place and its government that make it a government of a part: "state", "city".
GOVERNMENT_TIERS = frozenset(
    ["state", "federal", "provincial", "regional", "local", "city", "county", "municipal"]
)
# Mentions with one ``SAME`` hint are one entity ("same:united kingdom government" on "UK
# government" and "British government"); an ``ALIAS`` hint names it another way too.
SAME = "same:"
ALIAS = "alias:"


# Nouns a model number names the kind of: "its 777 airliner", "the 500 series".
MODEL_NOUNS = frozenset(
    [
        "airliner",
        "aircraft",
        "jet",
        "jetliner",
        "plane",
        "freighter",
        "helicopter",
        "rocket",
        "engine",
        "model",
        "car",
        "sedan",
        "truck",
        "tank",
        "missile",
        "chip",
        "processor",
        "phone",
        "handset",
        "console",
        "series",
    ]
)
_MODEL_NUMBER = re.compile(r"\d{3,4}[A-Za-z]?s?|\d[A-Za-z]\d")
_NOT_MODEL_ENTS = frozenset(["MONEY", "PERCENT", "QUANTITY", "DATE", "TIME", "ORDINAL"])
# A name of its own after a number is what is counted: "500 Acme engineers".
_NAME_ENTS = frozenset(["ORG", "PERSON", "GPE", "NORP", "LOC", "FAC"])


def _model_numbers(doc: Doc) -> list[list[Token]]:
    """Model numbers used as names: "its 777 airliner", "the 777-200LR", "the first 787 Dreamliner".

    A bare number is a model only where the text uses it as a noun's name (before a
    vehicle noun or a capitalised name, or after "the"/a possessive with no noun after it)
    and names it more than once; years and quantities are never models.
    """
    counts: dict[str, int] = {}
    for t in doc:
        if _MODEL_NUMBER.fullmatch(t.text):
            counts[t.text.rstrip("s")] = counts.get(t.text.rstrip("s"), 0) + 1
    out: list[list[Token]] = []
    skip = -1
    for t in doc:
        if t.i <= skip or not _MODEL_NUMBER.fullmatch(t.text) or t.ent_type_ in _NOT_MODEL_ENTS:
            continue
        digits = t.text.rstrip("s")
        if digits.isdigit() and len(digits) == 4 and 1800 <= int(digits) <= 2099:
            continue  # a year
        if t.i > 0 and (doc[t.i - 1].is_currency or doc[t.i - 1].text[:1].isdigit()):
            continue  # "$249", "1 500": an amount
        nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
        after = doc[t.i + 2] if t.i + 2 < len(doc) else None
        if (
            nxt is not None
            and after is not None
            and nxt.text == "-"
            and not t.whitespace_
            and not nxt.whitespace_
        ):
            if re.fullmatch(r"\d{1,3}[A-Za-z]{0,3}", after.text):
                out.append([t, nxt, after])  # "777-200LR", "787-8": a version of the model
                skip = after.i
            continue
        if (
            digits.isdigit()
            and counts.get(digits, 0) < 2
            and not (nxt is not None and nxt.lower_ in MODEL_NOUNS)
        ):
            continue  # a bare number named once is most likely a count ("the 300 were freed")
        before = [x for x in doc[max(0, t.i - 3) : t.i] if x.sent == t.sent]
        owned = any(x.lower_ in {"the", "its", "their", "his", "her"} or x.tag_ == "POS" for x in before)
        if (
            nxt is not None
            and nxt.tag_ in {"NNP", "NN"}
            and nxt.text[:1].isupper()
            and nxt.lower_ not in MODEL_NOUNS
            and nxt.ent_type_ not in _NOT_MODEL_ENTS | _NAME_ENTS
            and not valid_currency_code(nxt.text)
        ):
            out.append([t, nxt])  # "the first 787 Dreamliner"
            skip = nxt.i
        elif (nxt is not None and nxt.lower_ in MODEL_NOUNS and nxt.tag_ == "NN") or (
            owned and (nxt is None or nxt.pos_ in {"PUNCT", "AUX", "ADP", "CCONJ"})
        ):
            out.append([t])
    return out


def _government_hints(toks: Sequence[Token]) -> set[str]:
    """The hints that make every name of one country's government one entity, named for the country.

    >>> import spacy
    >>> sorted(_government_hints(list(spacy.blank("en")("British government"))))[:3]
    ['alias:UK Government', 'alias:United Kingdom Government', 'gov:United Kingdom']
    """
    if len(toks) < 2 or toks[-1].lower_ not in GOVERNMENT_NOUNS:
        return set()
    country = lx.country_of(" ".join(t.text for t in toks[:-1] if t.lower_ != "the"))
    if country is None:
        return set()
    return government_hints(country, toks[-1].text)


def government_hints(country: str, noun: str) -> set[str]:
    """The hints of one country's government: one entity, named for the country as news names it.

    >>> sorted(government_hints("United Kingdom", "government"))
    ['alias:UK Government', 'alias:United Kingdom Government', 'gov:United Kingdom', 'same:united kingdom government']
    """
    name = f"{country} {noun.capitalize()}"
    hints = {f"{SAME}{lx.fold(name)}", f"{ALIAS}{name}", f"gov:{country}"}
    if country in lx.NEWS_SHORT_NAMES:
        hints.add(f"{ALIAS}{lx.NEWS_SHORT_NAMES[country]} {noun.capitalize()}")
    return hints


# The hint that carries the maker named before a model: "product:model-of:Airbus" on "Airbus A330".
MODEL_OF = "product:model-of:"
# The hint that carries a styled name: "person:styled:Lord Condon" (an alias of the person).
STYLED = "person:styled:"
# Styles that are part of how a person is named: "Lord Condon", "Baroness Smith of Leigh".
PEER_STYLES = frozenset(["lord", "lady", "baroness", "baron", "viscount", "earl", "sir", "dame"])


def peer_styles(doc: Doc) -> dict[int, tuple[str, tuple[int, int] | None]]:
    """Names written with a peer's or knight's style: first name token -> (styled name, "of" part).

    "Lord Faulkner of Worcester" gives Faulkner's token the name "Lord Faulkner of Worcester"
    and the span of "of Worcester", which names a title and not a place of the story.

    >>> from spacy.lang.en import English
    >>> peer_styles(English()("Lord Faulkner of Worcester said so."))[1][0]
    'Lord Faulkner of Worcester'
    """
    out: dict[int, tuple[str, tuple[int, int] | None]] = {}
    for t in doc[:-1]:
        if t.lower_ not in PEER_STYLES or not t.text[:1].isupper():
            continue
        end = t.i + 1
        while end < len(doc) and doc[end].text[:1].isupper() and doc[end].is_alpha:
            end += 1
        if end == t.i + 1:
            continue
        of: tuple[int, int] | None = None
        if end + 1 < len(doc) and doc[end].lower_ == "of" and doc[end + 1].text[:1].isupper():
            stop = end + 1
            while stop < len(doc) and doc[stop].text[:1].isupper() and doc[stop].is_alpha:
                stop += 1
            of = (doc[end].idx, doc[stop - 1].idx + len(doc[stop - 1].text))
            end = stop
        out[t.i + 1] = (doc[t.i : end].text, of)
    return out


# Words for a party's members that are no names of their own: "Labour MPs", "Tory MEPs".
_MEMBER_WORDS = frozenset(["mp", "mps", "mep", "meps", "msp", "msps"])


def _party_follower(doc: Doc, k: int) -> bool:
    """A title or a word for members from token ``k`` on, after lower-case words at most:
    "Liberal Democrat home affairs spokesman"."""
    for t in doc[k : k + 4]:
        if t.lower_ in lx.PARTY_FOLLOWERS or t.lower_ in lx.TITLE_WORDS:
            return True
        if not (t.is_lower and t.is_alpha):
            return False
    return False


def party_spans(doc: Doc) -> list[list[Token]]:
    """Political parties named by their members' name: "Tory leader", "Liberal Democrat MPs".

    A plural stands alone ("the Tories said"); a singular needs a title or a word for
    members after it, since "conservative" is also an adjective. A longer name the NER
    found ("Conservative Party") is left to it.

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> [" ".join(t.text for t in s) for s in party_spans(nlp("The Lib Dems and Tory MPs met."))]
    ['Lib Dems', 'Tory']
    """
    ent_of = {t.i: e for e in doc.ents for t in e}
    out: list[list[Token]] = []
    lower = [t.lower_ for t in doc]
    capital = [t.text[:1].isupper() for t in doc]
    i = 0
    while i < len(doc):
        found = 0
        for size in (2, 1):
            if i + size > len(doc) or not all(capital[i : i + size]):
                continue
            name = " ".join(lower[i : i + size])
            if name not in lx.PARTY_PLURALS and not (
                name in lx.PARTY_SINGULARS and _party_follower(doc, i + size)
            ):
                continue
            toks = doc[i : i + size]
            ents = {ent_of[t.i] for t in toks if t.i in ent_of}
            # The NER's span may add the members' word ("Labour MPs"), or run into the party
            # from a name before it ("told Acme News Labour MPs"), nothing else.
            members_next = i + size < len(doc) and doc[i + size].lower_ in _MEMBER_WORDS
            if any(
                e.label_ != "NORP"
                and (
                    (e.start < i and not (members_next and e.end == i + size))
                    or any(t.lower_ not in _MEMBER_WORDS for t in doc[i + size : e.end])
                )
                for e in ents
            ):
                continue
            found = size
            break
        if found:
            out.append(list(doc[i : i + found]))
            i += found
        else:
            i += 1
    return out


def extract_mentions(doc: Doc, article: Article) -> list[Mention]:
    """Every entity mention of ``article`` (whose parse is ``doc``), in text order."""
    text = article.text
    zones = credit_zones(text)
    styles = peer_styles(doc)
    zones += [of for _, of in styles.values() if of is not None]
    lowered_words = frozenset(t.text for t in doc if t.is_lower and t.is_alpha)
    spans: list[tuple[list[Token], str, str]] = []  # tokens, provisional type, ner label
    covered: set[int] = set()
    makers: dict[int, int] = {}
    orgs = {e.text for e in doc.ents if e.label_ == "ORG"}
    parties = party_spans(doc)
    # Words the text writes as names in mid-sentence: at a sentence's start too ("Acme chief
    # executive Jane Doe ..." where the tagger took "Acme" for a common noun or an adjective).
    named_words = {
        t.text for t in doc if t.tag_ in {"NNP", "NNPS"} and not t.is_sent_start and t.is_alpha
    } - {t.text.capitalize() for t in doc if t.is_lower and t.is_alpha}
    for toks in parties:
        spans.append((toks, "Organisation", "NORP"))
        covered.update(t.i for t in toks)
        after = toks[-1].i + 1
        if after < len(doc) and doc[after].lower_ in _MEMBER_WORDS:
            covered.add(after)
    party_starts = {toks[0].i for toks in parties}
    party_toks = {t.i for toks in parties for t in toks}
    models = _model_numbers(doc)
    for toks in models:
        spans.append((toks, "Product", "PRODUCT"))
        covered.update(t.i for t in toks)
    model_starts = {toks[0].i for toks in models}
    for toks, label_ in _entity_spans(doc, makers):
        if toks[0].i in covered and toks[0].i in model_starts:
            continue
        if label_ not in NER_TYPES and label_ != "PROPN":
            continue
        if any(t.i in party_toks for t in toks):
            # A party's name, taken above; a name the NER ran into it keeps its own words.
            first = min(t.i for t in toks if t.i in party_toks)
            toks = [t for t in toks if t.i < first]
            if not toks:
                continue
        if (
            " ".join(t.lower_ for t in toks if t.lower_ not in lx.TITLE_WORDS) in lx.PORTFOLIOS
            and toks[-1].i + 1 < len(doc)
            and doc[toks[-1].i + 1].lower_ in lx.QUALIFIED_TITLES
        ):
            covered.update(t.i for t in toks)
            continue  # "Home Affairs spokesman": the portfolio is part of the title
        if label_ in {"ORG", "PRODUCT"}:
            toks = _with_number(toks)
        ent = doc[toks[0].i : toks[-1].i + 1]
        covered.update(range(ent.start, ent.end))
        if label_ in {"GPE", "LOC"} and ent.start > 0 and doc[ent.start - 1].text in _PLACE_PREFIXES:
            # "New South Wales" tagged from "South": the place's name starts one word earlier.
            toks.insert(0, doc[ent.start - 1])
            covered.add(ent.start - 1)
        if label_ == "ORG":
            # "Acme Executive Vice President Jane Doe": the title is not part of the name.
            follows = doc[ent.end] if ent.end < len(doc) else None
            if len(toks) > 2 and (
                (toks[-1].lower_ in lx.TITLE_WORDS and {"of", "for"} & {t.lower_ for t in toks[-3:-1]})
                or (toks[-1].lower_ in {"of", "for", "the"} and {"of", "for"} & {t.lower_ for t in toks[-2:]})
            ):
                # "the Office of the Deputy" + "Prime Minister", "the Office of the" + ...: an
                # office named after a post runs through the whole title.
                while (
                    follows is not None and follows.text[:1].isupper() and follows.pos_ in {"PROPN", "NOUN"}
                ):
                    toks.append(follows)
                    covered.add(follows.i)
                    follows = doc[follows.i + 1] if follows.i + 1 < len(doc) else None
            while (
                follows is not None
                and follows.text[:1].isupper()
                and len(toks) > 1
                and toks[-1].lower_ in lx.TITLE_WORDS
                and toks[-1].lower_ not in lx.ORG_SUFFIXES
                and toks[-2].lower_ not in {"of", "for", "and", "&", "the"}
            ):
                covered.discard(toks[-1].i)
                toks = toks[:-1]
        if label_ == "LAW" and toks[0].lower_ in _LAW_PARTS:
            # "Section 5 of the Act" names a part of a law, not a law.
            continue
        kind = NER_TYPES.get(label_, "")
        tier = 1 if ent.end < len(doc) and doc[ent.end].lower_ in GOVERNMENT_TIERS else 0
        if (
            label_ in {"GPE", "NORP"}
            and ent.end + tier < len(doc)
            and doc[ent.end + tier].lower_ in GOVERNMENT_NOUNS
            and (tier or lx.country_of(ent.text) or label_ == "GPE")
        ):
            # "the UK government", "the German government", "the Victorian state government":
            # an organisation, one per country (see ``_government_hints``).
            spans.append(([*toks, *doc[ent.end : ent.end + tier + 1]], "Organisation", "ORG"))
            covered.update(range(ent.end, ent.end + tier + 1))
            continue
        # "the X administration": the person's name plus the group noun is an organisation.
        if label_ == "PERSON" and ent.end < len(doc) and doc[ent.end].lower_ in PERSON_ORG_NOUNS:
            group = _trim([*toks, doc[ent.end]])
            spans.append((group, "Organisation", "ORG"))
            covered.add(ent.end)
            continue
        if label_ == "NORP" and (
            not all(t.tag_ in {"NNP", "NNPS"} for t in toks) or lx.country_of_demonym(ent.text)
        ):
            if not (len(toks) == 1 and toks[0].text in named_words and not lx.country_of_demonym(ent.text)):
                continue
            kind, label_ = "", "PROPN"  # a name the NER took for a group's: typed by its other uses
        for part in _split(toks):
            spans.append((part, kind, label_))
    # Proper nouns the NER missed ("Anthropic knows ..."): typed later by cues and the story.
    run: list[Token] = []
    for t in [*doc, None]:
        if (
            t is not None
            and t.i not in covered
            and (_capitalised_name(t) or (t.is_sent_start and t.text in named_words and t.pos_ != "VERB"))
        ):
            run.append(t)
            continue
        if run:
            size = len(run)
            while run and (run[-1].lower_ in lx.TITLE_WORDS or run[-1].lower_ in lx.HONORIFICS):
                run = run[:-1]
            titled_after = len(run) < size
            while run and (run[0].lower_ in lx.TITLE_WORDS or run[0].lower_ in lx.HONORIFICS):
                run = run[1:]
            if (
                titled_after
                and run
                and run[0].i > 0
                and doc[run[0].i - 1].lower_ in lx.TITLE_WORDS
                and len(run) <= 2
            ):
                run = []  # "Chief Operating Officer": a word inside a title is no name
            if (
                titled_after
                and " ".join(t.lower_ for t in run) in lx.PORTFOLIOS
                and doc[run[-1].i + 1].lower_ in lx.QUALIFIED_TITLES
            ):
                run = []  # "Health Secretary": the portfolio is part of the title
            if len(run) == 1 and _opening_word(run[0]):
                run = []
            prefix = _maker_prefix(doc, run, orgs) if len(run) > 1 else 0
            if prefix:
                # "Acme Five Hundred" where "Acme" is an organisation and "the Five Hundred" is named alone.
                makers[run[0].i] = prefix
                spans.append((run, "Product", "PROPN"))
                run = []
            for part in _split(_with_number(run)):
                spans.append((part, "", "PROPN"))
            run = []
    shouting = {sent.start for sent in doc.sents if _shouting(sent.text)}
    mentions: list[Mention] = []
    seen: set[tuple[int, int]] = set()
    for toks, kind, label in spans:
        if not toks or not (_is_name_like(toks) or toks[0].i in model_starts) or _currency_code(toks):
            continue
        toks = _lowercase_tail(doc, toks)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if (start, end) in seen or _in_zones(start, end, zones):
            continue
        seen.add((start, end))
        sent = toks[0].sent
        if sent.start in shouting:
            # An all-capitals headline: the tagger cannot tell names from words there.
            continue
        hints = _hints(doc, toks, lowered_words)
        hints.add(f"ner:{label}")
        if toks[0].i in party_starts:
            hints.add("org:party")
        if toks[0].i in styles:
            hints.add(f"{STYLED}{styles[toks[0].i][0]}")
        hints |= _government_hints(toks)
        if toks[0].i in makers and makers[toks[0].i] < len(toks):
            maker = doc[toks[0].i : toks[0].i + makers[toks[0].i]]
            hints |= {"product:model", f"{MODEL_OF}{maker.text}"}
        mentions.append(
            Mention(
                text=text[start:end],
                label=kind,
                article_id=article.id,
                start=start,
                end=end,
                sent_start=sent.start_char,
                sent_end=sent.end_char,
                sentence=sent.text,
                hints=tuple(sorted(hints)),
            )
        )
    mentions += _home_government(doc, article, mentions)
    mentions.sort(key=lambda m: (m.start, m.end))
    return mentions


def home_country(doc: Doc, mentions: Sequence[Mention]) -> str | None:
    """The country an article is about: the one its names and words point at most, if one does.

    A country counts once per mention of it (its name, its government), and once per word of
    its politics ("Tories", "Whitehall"); a tie names none.
    """
    votes: Counter[str] = Counter()
    for m in mentions:
        gov = next((h[4:] for h in m.hints if h.startswith("gov:")), None)
        country = gov or (lx.country_of(m.text) if "place:gazetteer" in m.hints else None)
        if country:
            votes[country] += 1
    words = [t.lower_ for t in doc]
    pairs = {" ".join(words[i : i + 2]) for i in range(len(words) - 1)}
    triples = {" ".join(words[i : i + 3]) for i in range(len(words) - 2)}
    for country, politics in lx.COUNTRY_POLITICS.items():
        votes[country] += sum(w in politics for w in words) + len(politics & (pairs | triples))
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] == 0 or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _home_government(doc: Doc, article: Article, mentions: Sequence[Mention]) -> list[Mention]:
    """ "the government" with no country beside it: the government of the article's country.

    In a story of Tories and Whitehall, "MPs said the government should act" names the UK's
    government, one entity with "the UK government" of any article (see ``_government_hints``).
    """
    bare = [
        t
        for t in doc
        if t.lower_ in GOVERNMENT_NOUNS
        and t.pos_ == "NOUN"
        and t.tag_ == "NN"
        and any(c.dep_ == "det" and c.lower_ == "the" for c in t.children)
        and not any(c.dep_ in {"amod", "compound", "poss", "nmod"} for c in t.children)
        and not (t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of")
    ]
    if not bare:
        return []
    taken = [(m.start, m.end) for m in mentions]
    bare = [t for t in bare if not any(a <= t.idx < b for a, b in taken)]
    country = home_country(doc, mentions) if bare else None
    if country is None:
        return []
    out = []
    for t in bare:
        sent = t.sent
        hints = government_hints(country, t.text) | {"org:government"}
        out.append(
            Mention(
                text=t.text,
                label="Organisation",
                article_id=article.id,
                start=t.idx,
                end=t.idx + len(t.text),
                sent_start=sent.start_char,
                sent_end=sent.end_char,
                sentence=sent.text,
                hints=tuple(sorted(hints)),
            )
        )
    return out


def acronym_definitions(doc: Doc) -> list[tuple[str, str]]:
    """(short, long) pairs the text defines: "Defense Production Act (DPA)".

    >>> import spacy
    >>> nlp = spacy.blank("en")
    >>> acronym_definitions(nlp("the General Motors (GM) plant"))
    [('GM', 'General Motors')]
    """
    out: list[tuple[str, str]] = []
    for t in doc:
        if t.text != "(" or t.i + 2 >= len(doc) or doc[t.i + 2].text != ")":
            continue
        short = doc[t.i + 1].text
        if not (2 <= len(short) <= 8 and sum(c.isupper() for c in short) >= 2 and short.isalpha()):
            continue
        # Walk back over capitalised words and small connectors until the initials fit.
        words: list[str] = []
        k = t.i - 1
        while (
            k >= 0
            and len(words) < 8
            and (doc[k].text[:1].isupper() or doc[k].lower_ in {"of", "and", "for", "the", "&"})
        ):
            words.insert(0, doc[k].text)
            if initials_match(short, words):
                long = " ".join(words)
                out.append((short, long[4:] if long.startswith("the ") else long))
                break
            k -= 1
        else:
            # Initials in another order ("Acme Management Advisors (AAM)"): the same letters.
            caps = [w for w in words if w[:1].isupper() and w.lower() != "the"]
            for n in range(len(caps), 1, -1):
                if sorted(short.upper()) == sorted(w[0].upper() for w in caps[-n:]):
                    long = " ".join(words[words.index(caps[-n]) :])
                    out.append((short, long))
                    break
    return out


def initials_match(short: str, words: Iterable[str]) -> bool:
    """Whether ``short`` is the initials of ``words`` ("DoD" ~ "Department of Defense").

    >>> initials_match("DPA", ["Defense", "Production", "Act"]), initials_match("DoD", ["Department", "of", "Defense"])
    (True, True)
    >>> initials_match("GM", ["General", "Electric"])
    False
    """
    ws = [w for w in words if w]
    if not ws:
        return False
    caps = "".join(w[0] for w in ws if w[:1].isupper())
    every = "".join(w[0] for w in ws)
    # An all-capitals word counts whole: "UKIP" ~ "UK Independence Party".
    whole = "".join(
        w.replace(".", "") if w.isupper() and len(w) <= 3 else w[0] for w in ws if w[:1].isupper()
    )
    s = short.replace(".", "")
    return (
        (s.upper() == caps.upper() and len(caps) >= 2)
        or (s.casefold() == every.casefold() and len(s) >= 3)
        or (s.upper() == whole.upper() and len(s) >= 3)
    )


_ALIAS_GAP = re.compile(
    r"^\s*[,(]?\s*(?:formerly|previously|once|also|now|better)?\s*(?:known as|called|named|renamed|formerly)?\s*$"
)
_LEADING_ALIAS = re.compile(r"^\W*(?:formerly|previously|once)(?: known as| called)?\s*$", re.I)
_ALIAS_WORD = re.compile(r"formerly|previously|known as|called|renamed", re.I)


def equivalences(mentions: Sequence[Mention], text: str) -> list[tuple[str, str]]:
    """Names the text equates: "X, formerly Y", "X (also known as Y)".

    >>> from kg.model import Mention
    >>> t = "Acme Corp, formerly Widget Co, said."
    >>> ms = [Mention("Acme Corp", "", "a", 0, 9, 0, 30, t), Mention("Widget Co", "", "a", 20, 29, 0, 30, t)]
    >>> equivalences(ms, t)
    [('Acme Corp', 'Widget Co')]
    """
    out = []
    for a, b in itertools.pairwise(mentions):
        # "Formerly known as Y, X is ...": the old name leads the sentence.
        lead = text[a.sent_start : a.start]
        if (
            _LEADING_ALIAS.search(lead)
            and a.sent_start == b.sent_start
            and text[a.end : b.start].strip() == ","
        ):
            out.append((b.text, a.text))
            continue
        gap = text[a.end : b.start]
        if (
            a.sent_start == b.sent_start
            and len(gap) < 30
            and _ALIAS_WORD.search(gap)
            and _ALIAS_GAP.match(gap)
        ):
            out.append((a.text, b.text))
    return out
