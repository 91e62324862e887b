"""RDF mapping: the resolved story -> quads under the kg ontology.

Each article's triples go into its own named graph, so an article can be
removed cleanly and TriG/N-Quads keep where every triple came from. IRIs are
minted from stable keys (names, offsets, content hashes), so the same input
gives the same IRIs on every run.

>>> from datetime import date
>>> from kg.model import Article, Graph
>>> g = Graph(articles=(Article("a1", date(2026, 2, 23), "Text."),), entities=())
>>> sorted({q.predicate.value.rsplit("#", 1)[-1] for q in quads(g) if q.subject.value.endswith("/a1")})
['articleId', 'published', 'sourceFile', 'type', 'wordCount']
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator, Mapping
from urllib.parse import quote

import pyoxigraph as ox
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from .cameo import DESCRIPTIONS, FAMILIES
from .model import (
    Age,
    Article,
    Contract,
    Entity,
    Event,
    Evidence,
    Fact,
    Graph,
    Maker,
    Mention,
    Partnership,
    Role,
    Statement,
    TimeValue,
)
from .vocab import CAMEO, DATA, KG

_TYPE = ox.NamedNode(str(RDF.type))
_LABEL = ox.NamedNode(str(RDFS.label))
_ALT = ox.NamedNode(str(SKOS.altLabel))
_KEY = ox.NamedNode(str(KG.nameKey))
_DERIVED = ox.NamedNode(str(PROV.wasDerivedFrom))
_XSD_DATE = ox.NamedNode(str(XSD.date))
_XSD_YM = ox.NamedNode(str(XSD.gYearMonth))
_XSD_Y = ox.NamedNode(str(XSD.gYear))
_XSD_INT = ox.NamedNode(str(XSD.integer))
_XSD_DEC = ox.NamedNode(str(XSD.decimal))
_XSD_BOOL = ox.NamedNode(str(XSD.boolean))
CAMEO_GRAPH = ox.NamedNode(str(DATA["graph/cameo"]))


@functools.lru_cache(maxsize=4096)
def _n(term: str) -> ox.NamedNode:
    # Cached: the ontology's few terms are used for every quad.
    return ox.NamedNode(str(term))


def _id(path: str) -> ox.NamedNode:
    return ox.NamedNode(str(DATA) + path)


@functools.lru_cache(maxsize=65536)
def _seg(text: str) -> str:
    """One IRI path segment from any string: percent-encoded, never empty."""
    return quote(text, safe="-._~") or "_"


def article_iri(article_id: str) -> ox.NamedNode:
    return _id(f"article/{_seg(article_id)}")


def graph_iri(article_id: str) -> ox.NamedNode:
    return _id(f"graph/{_seg(article_id)}")


def entity_iri(key: str) -> ox.NamedNode:
    kind, _, name = key.partition("/")
    return _id(f"{_seg(kind)}/{_seg(name)}")


def _lit(value: str) -> ox.Literal:
    # Strings from articles may hold lone surrogates or NULs; RDF literals must be valid Unicode.
    return ox.Literal(value.encode("utf-8", "replace").decode("utf-8"))


def _int(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INT)


def time_literal(t: TimeValue) -> ox.Literal:
    """``2026-02-24`` -> xsd:date, ``2026-02`` -> xsd:gYearMonth, ``2026`` -> xsd:gYear."""
    dt = {"day": _XSD_DATE, "month": _XSD_YM, "year": _XSD_Y}[t.precision]
    return ox.Literal(t.value, datatype=dt)


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8", "replace")).hexdigest()[:16]


class _Emitter:
    def __init__(self) -> None:
        self.out: list[ox.Quad] = []
        # Evidence nodes already described: facts told by the same words share one node, and
        # the graph files (written unit by unit, not deduplicated) must say it once.
        self.described: set[ox.NamedNode] = set()

    def add(self, s: ox.NamedNode, p: ox.NamedNode, o: ox.NamedNode | ox.Literal, g: ox.NamedNode) -> None:
        self.out.append(ox.Quad(s, p, o, g))

    def drain(self) -> list[ox.Quad]:
        out, self.out = self.out, []
        return out


def quads(graph: Graph) -> Iterator[ox.Quad]:
    """Every quad of the story: articles, entities with mentions, facts with evidence, CAMEO.

    Made as they are consumed, one article, entity or fact at a time: loading a large story
    into the store never holds all of its quads at once.
    """
    for unit in units(graph):
        yield from unit


def units(graph: Graph) -> Iterator[list[ox.Quad]]:
    """The quads of ``quads`` one article, entity or fact at a time.

    A triple said in several article graphs (an entity's label, a merged event's family) is
    said within one unit, so a unit's distinct triples are its part of the union graph.
    """
    e = _Emitter()
    for a in graph.articles:
        _article(e, a)
        yield e.drain()
    for ent in graph.entities:
        _entity(e, ent)
        yield e.drain()
    names = {ent.key: ent.name for ent in graph.entities}
    for fact in graph.facts:
        _fact(e, fact, names)
        yield e.drain()
    _cameo(e)
    yield e.drain()


def _article(e: _Emitter, a: Article) -> None:
    s, g = article_iri(a.id), graph_iri(a.id)
    e.add(s, _TYPE, _n(KG.NewsArticle), g)
    e.add(s, _n(KG.articleId), _lit(a.id), g)
    e.add(s, _n(KG.published), ox.Literal(a.date.isoformat(), datatype=_XSD_DATE), g)
    e.add(s, _n(KG.wordCount), _int(a.words), g)
    e.add(s, _n(KG.sourceFile), _lit(a.source), g)


def _entity(e: _Emitter, ent: Entity) -> None:
    s = entity_iri(ent.key)
    cls = _n(KG[ent.type.value])
    by_article: dict[str, list[Mention]] = {}
    for m in ent.mentions:
        by_article.setdefault(m.article_id, []).append(m)
    for aid, ms in sorted(by_article.items()):
        g = graph_iri(aid)
        e.add(s, _TYPE, cls, g)
        _names(e, s, g, ent.name, ent.aliases)
        e.add(s, _n(KG.mentionCount), _int(len(ent.mentions)), g)
        e.add(s, _n(KG.mentionedIn), article_iri(aid), g)
        for m in ms:
            mi = _id(f"mention/{_seg(aid)}/{m.start}-{m.end}")
            e.add(s, _n(KG.hasMention), mi, g)
            e.add(mi, _TYPE, _n(KG.Mention), g)
            e.add(mi, _n(KG.anchorOf), _lit(m.text), g)
            _anchor(e, mi, m.evidence, g)


def _names(e: _Emitter, s: ox.NamedNode, g: ox.NamedNode, label: str, aliases: Iterable[str] = ()) -> None:
    """The node's rdfs:label and skos:altLabels, and each of them in lower case as a kg:nameKey:
    queries look a name up in any case through the key, without reading every label."""
    name = _lit(label)
    e.add(s, _LABEL, name, g)
    keys = {name.value.lower()}
    for alias in aliases:
        alt = _lit(alias)
        e.add(s, _ALT, alt, g)
        keys.add(alt.value.lower())
    for key in sorted(keys):
        e.add(s, _KEY, ox.Literal(key), g)


def _anchor(e: _Emitter, node: ox.NamedNode, ev: Evidence, g: ox.NamedNode) -> None:
    e.add(node, _n(KG.inArticle), article_iri(ev.article_id), g)
    e.add(node, _n(KG.sentence), _lit(ev.sentence), g)
    e.add(node, _n(KG.sentenceBegin), _int(ev.sent_start), g)
    e.add(node, _n(KG.sentenceEnd), _int(ev.sent_end), g)
    if ev.start >= 0:
        e.add(node, _n(KG.beginIndex), _int(ev.start), g)
        e.add(node, _n(KG.endIndex), _int(ev.end), g)


def _key(arg: object) -> str:
    if isinstance(arg, str):
        return arg
    raise TypeError(f"facts must be resolved to entity keys before mapping, got {arg!r}")


def fact_iri(fact: Fact) -> ox.NamedNode:
    """A stable IRI from what the fact says (not where): one node per fact."""
    match fact:
        case Role():
            return _id(
                f"role/{_digest(_key(fact.person), fact.title.lower(), fact.organisation, fact.former)}"
            )
        case Age():
            return _id(f"age/{_digest(_key(fact.person), fact.age, fact.as_of)}")
        case Maker():
            return _id(f"production/{_digest(_key(fact.product), _key(fact.maker))}")
        case Partnership():
            return _id(f"partnership/{_digest(*sorted((_key(fact.a), _key(fact.b))))}")
        case Contract():
            return _id(
                f"contract/{_digest(*sorted(map(_key, fact.parties)), fact.value, fact.currency, fact.date)}"
            )
        case Event():
            first = min(fact.evidence, key=lambda v: (v.article_id, v.sent_start))
            return _id(
                f"event/{_digest(fact.family, *sorted(map(_key, fact.participants)), first.article_id, first.sent_start, fact.trigger)}"
            )
        case Statement():
            first = min(fact.evidence, key=lambda v: (v.article_id, v.sent_start))
            return _id(
                f"statement/{_digest(_key(fact.speaker), first.article_id, first.sent_start, fact.quote)}"
            )
    raise TypeError(f"unknown fact {fact!r}")


def _fact(e: _Emitter, fact: Fact, names: Mapping[str, str]) -> None:
    s = fact_iri(fact)
    articles = sorted({v.article_id for v in fact.evidence})
    for aid in articles:
        g = graph_iri(aid)
        e.add(s, _DERIVED, article_iri(aid), g)
        for ev in fact.evidence:
            if ev.article_id == aid:
                vi = _id(f"evidence/{_seg(aid)}/{_digest(ev.sent_start, ev.sent_end, ev.start, ev.end)}")
                e.add(s, _n(KG.evidence), vi, g)
                if vi not in e.described:
                    e.described.add(vi)
                    e.add(vi, _TYPE, _n(KG.Evidence), g)
                    _anchor(e, vi, ev, g)
        _body(e, s, fact, g, names)


def _body(e: _Emitter, s: ox.NamedNode, fact: Fact, g: ox.NamedNode, names: Mapping[str, str]) -> None:
    match fact:
        case Role():
            e.add(s, _TYPE, _n(KG.Role), g)
            person = entity_iri(_key(fact.person))
            e.add(s, _n(KG.holder), person, g)
            e.add(person, _n(KG.holdsRole), s, g)
            e.add(s, _n(KG.title), _lit(fact.title), g)
            if fact.organisation is not None:
                e.add(s, _n(KG.organisation), entity_iri(_key(fact.organisation)), g)
            e.add(s, _n(KG.former), ox.Literal("true" if fact.former else "false", datatype=_XSD_BOOL), g)
            org = (
                f" ({names.get(fact.organisation, fact.organisation)})"
                if isinstance(fact.organisation, str)
                else ""
            )
            _names(e, s, g, f"{'former ' if fact.former else ''}{fact.title}{org}")
        case Age():
            e.add(s, _TYPE, _n(KG.Age), g)
            e.add(s, _n(KG.person), entity_iri(_key(fact.person)), g)
            e.add(s, _n(KG.age), _int(fact.age), g)
            e.add(s, _n(KG.asOf), ox.Literal(fact.as_of.isoformat(), datatype=_XSD_DATE), g)
        case Maker():
            e.add(s, _TYPE, _n(KG.Production), g)
            product, maker = entity_iri(_key(fact.product)), entity_iri(_key(fact.maker))
            e.add(s, _n(KG.product), product, g)
            e.add(s, _n(KG.maker), maker, g)
            e.add(product, _n(KG.madeBy), maker, g)
        case Partnership():
            e.add(s, _TYPE, _n(KG.Partnership), g)
            a, b = entity_iri(_key(fact.a)), entity_iri(_key(fact.b))
            e.add(s, _n(KG.partner), a, g)
            e.add(s, _n(KG.partner), b, g)
            e.add(a, _n(KG.partnerOf), b, g)
            e.add(b, _n(KG.partnerOf), a, g)
        case Contract():
            e.add(s, _TYPE, _n(KG.Contract), g)
            for p in fact.parties:
                e.add(s, _n(KG.party), entity_iri(_key(p)), g)
            if fact.value is not None and fact.currency:
                amount = _id(f"amount/{_digest(fact.value, fact.currency)}")
                e.add(s, _n(KG.amount), amount, g)
                e.add(amount, _TYPE, _n(KG.MonetaryAmount), g)
                e.add(amount, _n(KG.value), ox.Literal(_decimal(fact.value), datatype=_XSD_DEC), g)
                e.add(amount, _n(KG.currency), _lit(fact.currency), g)
            if fact.date is not None:
                e.add(s, _n(KG.date), time_literal(fact.date), g)
        case Event():
            e.add(s, _TYPE, _n(KG.Event), g)
            e.add(s, _n(KG.family), _n(CAMEO[fact.family]), g)
            e.add(s, _n(KG.trigger), _lit(fact.trigger), g)
            who = ", ".join(names.get(p, p) for p in map(_key, fact.participants))
            _names(e, s, g, f"{fact.trigger}: {who}" if who else fact.trigger)
            for p in fact.participants:
                e.add(s, _n(KG.participant), entity_iri(_key(p)), g)
            if fact.place is not None:
                e.add(s, _n(KG.place), entity_iri(_key(fact.place)), g)
            if fact.date is not None:
                e.add(s, _n(KG.date), time_literal(fact.date), g)
        case Statement():
            e.add(s, _TYPE, _n(KG.Statement), g)
            e.add(s, _n(KG.speaker), entity_iri(_key(fact.speaker)), g)
            if fact.outlet is not None:
                e.add(s, _n(KG.outlet), entity_iri(_key(fact.outlet)), g)
            if fact.quote:
                e.add(s, _n(KG.quote), _lit(fact.quote), g)


def _decimal(value: float) -> str:
    """The canonical form (XSD 1.1) the store keeps: what the graph files say is what it holds.

    >>> _decimal(200000000.0), _decimal(7.25)
    ('200000000', '7.25')
    """
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _cameo(e: _Emitter) -> None:
    scheme = _n(CAMEO["scheme"])
    g = CAMEO_GRAPH
    e.add(scheme, _TYPE, _n(SKOS.ConceptScheme), g)
    e.add(scheme, _LABEL, _lit("CAMEO event root families"), g)
    for code, name in FAMILIES.items():
        c = _n(CAMEO[code])
        e.add(c, _TYPE, _n(SKOS.Concept), g)
        e.add(c, _TYPE, _n(KG.EventFamily), g)
        e.add(c, _n(SKOS.inScheme), scheme, g)
        e.add(c, _n(SKOS.notation), _lit(code), g)
        e.add(c, _n(SKOS.prefLabel), ox.Literal(name, language="en"), g)
        e.add(c, _n(SKOS.definition), ox.Literal(DESCRIPTIONS[code], language="en"), g)


def article_ids(qs: Iterable[ox.Quad]) -> set[str]:
    """The article ids whose graphs appear in ``qs``."""
    prefix = str(DATA) + "graph/"
    return {str(q.graph_name.value)[len(prefix) :] for q in qs if isinstance(q.graph_name, ox.NamedNode)}
