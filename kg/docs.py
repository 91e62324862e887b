"""Human-readable HTML documentation of the ontology ``ontology/kg.ttl``.

pyLODE (its OntPub profile) renders the classes and properties; a table of the CAMEO root
families is added after them. If pyLODE is missing or fails, a small built-in generator
writes a plain page with the same content instead. ``kg docs`` calls :func:`docs`.
"""

from __future__ import annotations

import logging
from html import escape
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from kg.errors import OutputError
from kg.validate import ONTOLOGY_FILE, ontology_dir, shorten
from kg.vocab import CAMEO, KG, ONTOLOGY_IRI

__all__ = ["docs", "plain_html"]

log = logging.getLogger(__name__)

OUTPUT_NAME = "ontology.html"


def _ontology() -> Graph:
    return Graph().parse(ontology_dir() / ONTOLOGY_FILE, format="turtle")


def _text(graph: Graph, subject: Node, predicate: URIRef) -> str:
    value = graph.value(subject, predicate)
    return str(value) if value is not None else ""


def _names(graph: Graph, subject: Node, predicate: URIRef) -> str:
    """Comma-separated compact names of the objects (unions spelt out, sorted)."""
    names: list[str] = []
    for obj in graph.objects(subject, predicate):
        members = graph.value(obj, OWL.unionOf)
        if members is not None:
            items = graph.items(members)
            names.append(" or ".join(sorted(shorten(m) for m in items)))
        else:
            names.append(shorten(obj))
    return ", ".join(sorted(names))


def _cameo_table(graph: Graph) -> str:
    rows = []
    families = sorted(graph.subjects(RDF.type, KG.EventFamily), key=lambda c: _text(graph, c, SKOS.notation))
    for concept in families:
        rows.append(
            "<tr>"
            f"<td><code>{escape(shorten(concept))}</code></td>"
            f"<td>{escape(_text(graph, concept, SKOS.notation))}</td>"
            f"<td>{escape(_text(graph, concept, SKOS.prefLabel))}</td>"
            f"<td>{escape(_text(graph, concept, SKOS.definition))}</td>"
            "</tr>"
        )
    return (
        '<div id="cameo-families"><h2>CAMEO root families</h2>'
        f"<p>The concepts of <code>{escape(shorten(CAMEO.scheme))}</code>, the values of "
        "<code>kg:family</code>.</p>"
        "<table><tr><th>concept</th><th>notation</th><th>label</th><th>definition</th></tr>"
        + "".join(rows)
        + "</table></div>"
    )


def _term_table(graph: Graph, kinds: tuple[URIRef, ...], columns: tuple[tuple[str, URIRef], ...]) -> str:
    """A table of the kg terms of the given OWL kinds, one column per listed predicate."""
    terms = sorted(
        {
            t
            for kind in kinds
            for t in graph.subjects(RDF.type, kind)
            if isinstance(t, URIRef) and t.startswith(str(KG))
        },
        key=str,
    )
    head = "".join(f"<th>{escape(name)}</th>" for name, _ in columns)
    rows = []
    for term in terms:
        cells = "".join(f"<td>{escape(_names(graph, term, predicate))}</td>" for _, predicate in columns)
        rows.append(
            f'<tr id="{escape(term.fragment)}">'
            f"<td><code>{escape(shorten(term))}</code></td>"
            f"<td>{escape(_text(graph, term, RDFS.label))}</td>"
            f"<td>{escape(_text(graph, term, RDFS.comment))}</td>"
            f"{cells}</tr>"
        )
    return f"<table><tr><th>term</th><th>label</th><th>comment</th>{head}</tr>{''.join(rows)}</table>"


def plain_html(graph: Graph) -> str:
    """A self-contained HTML page listing the ontology's classes, properties and CAMEO families.

    >>> page = plain_html(_ontology())
    >>> "<td>person</td>" in page and "UseUnconventionalMassViolence" in page
    True
    """
    title = _text(graph, URIRef(ONTOLOGY_IRI), URIRef("http://purl.org/dc/terms/title")) or "kg ontology"
    description = _text(graph, URIRef(ONTOLOGY_IRI), URIRef("http://purl.org/dc/terms/description"))
    version = _text(graph, URIRef(ONTOLOGY_IRI), OWL.versionInfo)
    classes = _term_table(graph, (OWL.Class,), (("sub-class of", RDFS.subClassOf),))
    properties = _term_table(
        graph,
        (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty),
        (
            ("sub-property of", RDFS.subPropertyOf),
            ("inverse of", OWL.inverseOf),
            ("domain", RDFS.domain),
            ("range", RDFS.range),
        ),
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:4px;vertical-align:top;text-align:left}</style>"
        "</head><body>"
        f"<h1>{escape(title)}</h1>"
        f"<p><code>{escape(ONTOLOGY_IRI)}</code>, version {escape(version)}</p>"
        f"<p>{escape(description)}</p>"
        f'<h2 id="classes">Classes</h2>{classes}'
        f'<h2 id="properties">Properties</h2>{properties}'
        f"{_cameo_table(graph)}</body></html>\n"
    )


def _pylode_html(graph: Graph) -> str:
    """Render with pyLODE, which calls ``logging.basicConfig(DEBUG)`` on import: undo that."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    try:
        from pylode import OntPub  # type: ignore[import-untyped]
    finally:
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
        root.setLevel(level)
    # pyLODE takes every skos:ConceptScheme for the document's header: show only the ontology.
    ontology_only = Graph()
    for triple in graph:
        if triple[0] != CAMEO.scheme:
            ontology_only.add(triple)
    for prefix, namespace in graph.namespaces():
        ontology_only.bind(prefix, namespace)
    page = str(OntPub(ontology=ontology_only, sort_subjects=True).make_html())
    marker = '<div id="namespaces">'
    if marker in page:
        return page.replace(marker, _cameo_table(graph) + marker, 1)
    return page.replace("</body>", _cameo_table(graph) + "</body>", 1)


def docs(out_dir: Path) -> Path:
    """Write ``ontology.html`` documenting ``ontology/kg.ttl`` into ``out_dir``; return its path.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     page = docs(Path(tmp) / "site")
    ...     print(page.name, "person" in page.read_text(encoding="utf-8"))
    ontology.html True
    """
    graph = _ontology()
    try:
        page = _pylode_html(graph)
    except Exception as exc:  # pyLODE missing or broken: fall back to the plain page
        log.warning("pyLODE could not document the ontology (%s); writing a plain page instead", exc)
        page = plain_html(graph)
    destination = Path(out_dir) / OUTPUT_NAME
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        destination.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{destination}: cannot write the documentation: {exc}") from exc
    return destination
