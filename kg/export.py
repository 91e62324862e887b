"""Exports of a built graph: RDF formats, GraphML/GEXF for Gephi, CSV, networkx.

>>> from kg.store import GraphStore
>>> g = to_networkx(GraphStore.memory())
>>> g.number_of_nodes()
0
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path
from typing import IO, Any

import networkx as nx
import pyoxigraph as ox

from .errors import OutputError
from .queries import internal
from .store import PREFIXES, GraphStore, atomic_write
from .vocab import KG

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nq": ox.RdfFormat.N_QUADS,
    "nt": ox.RdfFormat.N_TRIPLES,
    "jsonld": ox.RdfFormat.JSON_LD,
}
FORMATS = (*RDF_FORMATS, "graphml", "gexf", "csv")
MAX_EVIDENCE = 5


class GraphFiles:
    """Writes quads to a TriG file and their union to a Turtle file, a chunk at a time.

    The build writes its graph files from the quads it loads into the store: serialising
    quads already in memory is many times faster than dumping the store afterwards, which must
    look up every term on disk. Each chunk is sorted by graph and subject so the files group
    what belongs together; a triple repeated across article graphs within one unit (see
    ``mapping.units``) is written to the Turtle file once.

    >>> import tempfile
    >>> d = Path(tempfile.mkdtemp())
    >>> s, p, g = ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.NamedNode("http://e/g")
    >>> with GraphFiles(d / "g.trig", d / "g.ttl") as files:
    ...     _ = files.write([[ox.Quad(s, p, ox.Literal("x"), g), ox.Quad(s, p, ox.Literal("x"), s)]])
    >>> len(list(ox.parse(path=d / "g.ttl"))), len(list(ox.parse(path=d / "g.trig")))
    (1, 2)
    """

    def __init__(self, trig: Path, turtle: Path) -> None:
        self._files = [trig.open("wb"), turtle.open("wb")]
        self._headed = False

    def __enter__(self) -> GraphFiles:
        return self

    def __exit__(self, *exc: object) -> None:
        for fh in self._files:
            fh.close()

    def write(self, units: list[list[ox.Quad]]) -> bytes:
        """Append the chunk ``units`` to both files; returns the chunk's union as Turtle."""
        # Grouped, not sorted: a unit is one subject's, so grouping by graph then subject in order
        # of appearance gives the files the same shape at a fraction of a sort's cost.
        by_graph: dict[Any, dict[Any, list[ox.Quad]]] = {}
        for u in units:
            for q in u:
                by_graph.setdefault(q.graph_name, {}).setdefault(q.subject, []).append(q)
        quads = [q for subjects in by_graph.values() for qs in subjects.values() for q in qs]
        by_subject: dict[Any, list[ox.Triple]] = {}
        for u in units:
            for t in dict.fromkeys(q.triple for q in u):
                by_subject.setdefault(t.subject, []).append(t)
        triples = [t for ts in by_subject.values() for t in ts]
        trig = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES) or b""
        turtle = ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES) or b""
        self._add(self._files[0], trig)
        self._add(self._files[1], turtle)
        self._headed = True
        return turtle

    def _add(self, fh: IO[bytes], data: bytes) -> None:
        fh.write(_without_prefixes(data) if self._headed else data)


def _without_prefixes(data: bytes) -> bytes:
    """A chunk's body: the prefixes were declared once at the top of the file."""
    at = 0
    while data.startswith(b"@prefix ", at):
        at = data.index(b"\n", at) + 1
    return data[at:]


def to_networkx(store: GraphStore, *, evidence: bool = True) -> nx.MultiDiGraph:
    """Entities and events as nodes, relations as edges, each with its evidence.

    Node attributes: label, kind, mentions, evidence, date, family; edge
    attributes: label, evidence (lists of {sentence, article, date}), fact. Without
    ``evidence`` the lists stay empty, to be filled for the nodes that need them with
    ``add_evidence``: on a corpus of thousands of articles a page draws a small part.
    """
    g = nx.MultiDiGraph()
    for node, label, kind, mentions, first in store.select(internal("entities")).rows:
        assert node is not None
        g.add_node(
            node,
            label=label or "",
            kind=kind or "",
            mentions=int(mentions or 1),
            evidence=[],
            date=first,
            family=None,
        )
    for node, label, family, date in store.select(internal("events")).rows:
        assert node is not None
        g.add_node(node, label=label or "", kind="Event", mentions=1, evidence=[], date=date, family=family)
    for source, target, label, fact in store.select(internal("edges")).rows:
        if source in g and target in g:
            g.add_edge(source, target, label=label or "", evidence=[], fact=fact)
    if evidence:
        add_evidence(store, g, g.nodes)
    return g


def add_evidence(store: GraphStore, graph: nx.MultiDiGraph, nodes: Iterable[Any]) -> None:
    """Fill the evidence of ``nodes`` and of the edges between them, up to ``MAX_EVIDENCE`` each.

    Read straight from the store's indexes, node by node, stopping at the limit: a corpus-wide
    query for every sentence of every entity would fetch millions of rows to keep a few. An
    event's ``mentions`` becomes the number of its sentences shown.
    """
    find = _Evidence(store)
    chosen = set(nodes)
    for node in chosen:
        attrs = graph.nodes[node]
        if attrs.get("kind") == "Event":
            attrs["evidence"] = find.of(node, KG.evidence)
            attrs["mentions"] = max(1, len(attrs["evidence"]))
        else:
            attrs["evidence"] = find.of(node, KG.hasMention)
    for u, v, data in graph.edges(data=True):
        if u in chosen and v in chosen and data.get("fact"):
            data["evidence"] = find.of(data["fact"], KG.evidence)


class _Evidence:
    """The sentences that support a node, through its mentions or evidence nodes."""

    def __init__(self, store: GraphStore) -> None:
        self.objects = store.objects
        self.articles: dict[str, tuple[str, str]] = {}
        self.cache: dict[tuple[str, str], list[dict[str, str]]] = {}

    def of(self, node: str, link: str) -> list[dict[str, str]]:
        if (node, link) in self.cache:
            return self.cache[node, link]
        out: list[dict[str, str]] = []
        seen: set[tuple[str, str]] = set()
        for anchor in self.objects(node, link):
            sentence = next(iter(self.objects(anchor, KG.sentence)), "")
            article = next(iter(self.objects(anchor, KG.inArticle)), "")
            if (article, sentence) in seen:
                continue
            seen.add((article, sentence))
            aid, date = self._article(article)
            out.append({"sentence": sentence, "article": aid, "date": date})
            if len(out) >= MAX_EVIDENCE:
                break
        self.cache[node, link] = out
        return out

    def _article(self, iri: str) -> tuple[str, str]:
        if iri not in self.articles:
            aid = next(iter(self.objects(iri, KG.articleId)), "")
            date = next(iter(self.objects(iri, KG.published)), "")
            self.articles[iri] = (aid, date)
        return self.articles[iri]


def export(store: GraphStore, fmt: str, path: Path) -> Path:
    """Write the graph in ``fmt`` (one of ``FORMATS``) to ``path`` atomically."""
    if fmt == "jsonld":
        atomic_write(path, to_jsonld(store))
        return path
    if fmt in RDF_FORMATS:
        union = fmt in {"ttl", "nt"}
        store.dump(path, RDF_FORMATS[fmt], union=union)
        return path
    g = to_networkx(store)
    flat = _flatten(g)
    if fmt == "graphml":
        buf = io.BytesIO()
        nx.write_graphml(flat, buf)
        atomic_write(path, buf.getvalue())
    elif fmt == "gexf":
        buf = io.BytesIO()
        nx.write_gexf(flat, buf)
        atomic_write(path, buf.getvalue())
    elif fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        atomic_write(
            path / "nodes.csv",
            _csv(
                ["id", "label", "kind", "mentions", "date", "family"],
                (
                    [n, d["label"], d["kind"], d["mentions"], d.get("date") or "", d.get("family") or ""]
                    for n, d in g.nodes(data=True)
                ),
            ),
        )
        atomic_write(
            path / "edges.csv",
            _csv(
                ["source", "target", "label", "fact"],
                ([u, v, d["label"], d.get("fact") or ""] for u, v, d in g.edges(data=True)),
            ),
        )
    else:
        raise OutputError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return path


def subgraph(store: GraphStore, construct: str) -> GraphStore:
    """An in-memory store of what a CONSTRUCT query returns, to draw or export.

    The graph page reads entities, events and evidence, so the query should keep
    their ``rdf:type``, labels and the ``kg:`` links it wants drawn.
    """
    from .errors import QueryError

    result = store.query(construct)
    if not isinstance(result, ox.QueryTriples):
        raise QueryError("--construct needs a CONSTRUCT (or DESCRIBE) query; this one returns rows")
    out = GraphStore.memory()
    out.load_quads(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in result)
    return out


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context of an export: the store's prefixes, so IRIs read as ``kg:Person``."""
    return dict(PREFIXES)


def to_jsonld(store: GraphStore) -> bytes:
    """The dataset as JSON-LD compacted with ``jsonld_context()``, one named graph per article."""
    import rdflib

    nq = store.raw.dump(format=ox.RdfFormat.N_QUADS) or b""
    ds = rdflib.Dataset()
    ds.parse(data=nq.decode("utf-8"), format="nquads")
    text = ds.serialize(format="json-ld", context=jsonld_context(), auto_compact=True)
    return text.encode("utf-8")


def _flatten(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """Attributes GraphML/GEXF can hold: strings and numbers only."""
    flat = nx.MultiDiGraph()
    for n, d in g.nodes(data=True):
        flat.add_node(
            n,
            label=d["label"],
            kind=d["kind"],
            mentions=int(d["mentions"]),
            date=d.get("date") or "",
            family=d.get("family") or "",
            evidence=json.dumps(d.get("evidence", []), ensure_ascii=False),
        )
    for u, v, k, d in g.edges(keys=True, data=True):
        flat.add_edge(
            u,
            v,
            key=k,
            label=d["label"],
            fact=d.get("fact") or "",
            evidence=json.dumps(d.get("evidence", []), ensure_ascii=False),
        )
    return flat


def _csv(header: list[str], rows: Any) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue().encode("utf-8")


__all__ = ["FORMATS", "PREFIXES", "GraphFiles", "add_evidence", "export", "to_networkx"]
