"""The data that flows between the stages, as frozen dataclasses.

ingest -> ``Article``; extraction -> ``Mention`` and raw facts per article
(``ArticleExtraction``); resolution -> ``Entity`` and facts whose arguments
are entity keys; mapping turns those into RDF.

>>> from datetime import date
>>> a = Article(id="a1", date=date(2026, 2, 23), text="Hi.", source="a1.txt")
>>> a.words
1
"""

from __future__ import annotations

import enum
import hashlib
from dataclasses import dataclass, field
from datetime import date


class EntityType(enum.StrEnum):
    """The five kinds of entity of a story (names as in the gold format)."""

    PERSON = "Person"
    ORGANISATION = "Organisation"
    PLACE = "Place"
    PRODUCT = "Product"
    LAW = "Law"


@dataclass(frozen=True)
class Article:
    """One dated news article; ``text`` excludes the ``date`` line prefix."""

    id: str
    date: date
    text: str
    source: str = ""

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def sha256(self) -> str:
        h = hashlib.sha256()
        h.update(self.date.isoformat().encode())
        h.update(b"\0")
        h.update(self.text.encode("utf-8", "surrogatepass"))
        return h.hexdigest()


@dataclass(frozen=True)
class Evidence:
    """Where a fact is said: the article, the sentence and the span in it.

    Offsets are character offsets into ``Article.text``.
    """

    article_id: str
    sent_start: int
    sent_end: int
    sentence: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class Mention:
    """One span of an article that names an entity (or a title standing for one)."""

    text: str
    label: str  # the provisional type, an EntityType value
    article_id: str
    start: int
    end: int
    sent_start: int
    sent_end: int
    sentence: str
    # Hints collected from the context for typing and resolution, e.g.
    # ("ner:ORG", "ctx:org") ; kept as sorted tuple for hashing.
    hints: tuple[str, ...] = ()

    @property
    def evidence(self) -> Evidence:
        return Evidence(self.article_id, self.sent_start, self.sent_end, self.sentence, self.start, self.end)


@dataclass(frozen=True)
class Entity:
    """One resolved real-world thing with every mention of it."""

    key: str
    name: str
    type: EntityType
    aliases: tuple[str, ...]
    mentions: tuple[Mention, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(sorted({m.article_id for m in self.mentions}))


# ---------------------------------------------------------------- facts
# In raw facts (per article, before resolution) an argument is a Mention;
# after resolution it is an entity key (str).
Arg = Mention | str


@dataclass(frozen=True)
class Role:
    person: Arg
    title: str
    organisation: Arg | None
    former: bool
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Age:
    person: Arg
    age: int
    as_of: date
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Maker:
    product: Arg
    maker: Arg
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Partnership:
    a: Arg
    b: Arg
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class TimeValue:
    """A date at the precision the text gives: ``2026``, ``2026-02`` or ``2026-02-24``."""

    value: str

    @property
    def precision(self) -> str:
        return {4: "year", 7: "month", 10: "day"}[len(self.value)]


@dataclass(frozen=True)
class Contract:
    parties: tuple[Arg, ...]
    value: float | None
    currency: str | None
    date: TimeValue | None
    evidence: tuple[Evidence, ...]
    # The parties seen making the deal ("Jane Doe launched a bid"): of the people a priced deal's
    # sentence names, only these are parties; the others talk about it. Empty once resolved.
    acting: tuple[Arg, ...] = ()


@dataclass(frozen=True)
class Event:
    family: str  # CAMEO root code "01".."20"
    trigger: str
    participants: tuple[Arg, ...]
    place: Arg | None
    date: TimeValue | None
    evidence: tuple[Evidence, ...]


@dataclass(frozen=True)
class Statement:
    speaker: Arg
    outlet: Arg | None
    quote: str
    evidence: tuple[Evidence, ...]


Fact = Role | Age | Maker | Partnership | Contract | Event | Statement


@dataclass(frozen=True)
class ArticleExtraction:
    """Everything extraction found in one article, before resolution."""

    article: Article
    mentions: tuple[Mention, ...]
    facts: tuple[Fact, ...] = ()
    # (short form, long form) pairs the text defines, e.g. ("DPA", "Defense Production Act")
    acronyms: tuple[tuple[str, str], ...] = ()
    # pairs of surface names the text equates (apposition, "also known as")
    equivalences: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Graph:
    """The resolved story: entities and facts whose arguments are entity keys."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...]
    facts: tuple[Fact, ...] = field(default=())
