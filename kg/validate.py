"""Check a built graph against the SHACL shapes of ``ontology/shapes.ttl``.

pySHACL runs with ``ontology/kg.ttl`` as its ontology graph and no inference: the
ontology's ``rdfs:subClassOf`` axioms and CAMEO concepts are mixed into (a copy of) the
data, so ``sh:class kg:Entity`` accepts a ``kg:Person``; RDFS inference is left off because
it would type every value by the properties' ranges and make the ``sh:class`` checks vacuous.
A dataset (one named graph per article) is validated as the union of its graphs.

>>> from rdflib import Graph
>>> validate(Graph()).conforms
True
>>> print(validate(Graph()).text())
conforms: 0 violations
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import BNode, Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import PROV, RDF, RDFS, SH, SKOS
from rdflib.term import Node

from kg.errors import InputError, ValidationError
from kg.vocab import CAMEO, DATA, KG, NIF, OA, ORG, PC, SCHEMA, SEM

__all__ = ["ValidationReport", "Violation", "ontology_dir", "shorten", "validate"]

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "id": str(DATA),
    "cameo": str(CAMEO),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "sem": str(SEM),
    "pc": str(PC),
    "nif": str(NIF),
    "oa": str(OA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(rns.XSD),
    "sh": str(SH),
}

_FORMATS: dict[str, str] = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".trig": "trig",
    ".nt": "nt",
    ".nq": "nquads",
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".rdf": "xml",
    ".xml": "xml",
    ".owl": "xml",
}
_MULTIGRAPH_FORMATS = {"trig", "nquads", "json-ld"}


def shorten(node: Node | None, max_len: int = 80) -> str:
    """Render an RDF term compactly, with the project's prefixes.

    >>> shorten(URIRef("https://w3id.org/kg-news/id/person/pete-hegseth"))
    'id:person/pete-hegseth'
    >>> shorten(KG.holder)
    'kg:holder'
    >>> shorten(Literal("dollars"))
    '"dollars"'
    >>> shorten(None)
    '-'
    """
    if node is None:
        return "-"
    if isinstance(node, URIRef):
        text = str(node)
        for prefix, ns in sorted(PREFIXES.items(), key=lambda item: -len(item[1])):
            if text.startswith(ns) and len(text) > len(ns):
                return f"{prefix}:{text[len(ns) :]}"
        return f"<{text}>"
    if isinstance(node, Literal):
        rendered = f'"{node}"'
        if node.language:
            rendered += f"@{node.language}"
        elif node.datatype is not None and node.datatype != rns.XSD.string:
            rendered += f"^^{shorten(node.datatype)}"
    elif isinstance(node, BNode):
        rendered = f"_:{node}"
    else:
        rendered = str(node)
    return rendered if len(rendered) <= max_len else rendered[: max_len - 1] + "…"


@dataclass(frozen=True)
class Violation:
    """One SHACL result: which node, which property, what is wrong.

    >>> v = Violation(URIRef("https://w3id.org/kg-news/id/role/1"), KG.evidence,
    ...               "a fact needs at least one kg:evidence", "Violation")
    >>> v.line()
    'Violation  id:role/1  kg:evidence  a fact needs at least one kg:evidence'
    """

    focus: Node
    path: Node | None
    message: str
    severity: str
    value: Node | None = None

    def line(self) -> str:
        """One readable line: severity, focus node, path, message (and the bad value)."""
        text = f"{self.severity}  {shorten(self.focus)}  {shorten(self.path)}  {self.message}"
        if self.value is not None and self.value != self.focus:
            text += f" (value: {shorten(self.value)})"
        return text


@dataclass(frozen=True)
class ValidationReport:
    """The outcome of :func:`validate`.

    >>> report = ValidationReport(True, ())
    >>> report.conforms, report.text()
    (True, 'conforms: 0 violations')
    """

    conforms: bool
    violations: tuple[Violation, ...]

    def text(self) -> str:
        """A readable report: a summary line, then one line per violation."""
        head = "conforms" if self.conforms else "does NOT conform"
        count = len(self.violations)
        lines = [f"{head}: {count} violation{'' if count == 1 else 's'}"]
        lines.extend(v.line() for v in self.violations)
        return "\n".join(lines)


def ontology_dir() -> Path:
    """The folder holding ``kg.ttl`` and ``shapes.ttl``: ``ontology/`` next to the package.

    Raises :class:`kg.errors.ValidationError` when the folder or a file is missing.

    >>> (ontology_dir() / "kg.ttl").is_file()
    True
    """
    folder = Path(__file__).resolve().parent.parent / "ontology"
    for name in (ONTOLOGY_FILE, SHAPES_FILE):
        if not (folder / name).is_file():
            raise ValidationError(
                f"{folder / name}: the ontology file is missing; run kg from a checkout of the "
                "repository, whose ontology/ folder holds kg.ttl and shapes.ttl"
            )
    return folder


@lru_cache(maxsize=4)
def _parse_turtle(path: Path) -> Graph:
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise ValidationError(f"{path}: cannot parse the Turtle file: {exc}") from exc
    return graph


def _union(quads: Iterable[tuple[Node, Node, Node, object]]) -> Graph:
    graph = Graph()
    for s, p, o, _ in quads:
        graph.add((s, p, o))
    return graph


def _load(data: Graph | str | Path) -> Graph:
    if isinstance(data, Graph):
        if data.context_aware:  # Dataset or ConjunctiveGraph: validate the union of all graphs
            return _union(data.quads((None, None, None, None)))  # type: ignore[attr-defined]
        return data
    path = Path(data)
    if not path.is_file():
        raise InputError(f"{path}: no such file; give the graph to validate (.ttl, .trig, .nq, …)")
    fmt = _FORMATS.get(path.suffix.lower(), "turtle")
    try:
        if fmt in _MULTIGRAPH_FORMATS:
            from rdflib import Dataset

            dataset = Dataset()
            dataset.parse(path, format=fmt)
            return _union(dataset.quads((None, None, None, None)))
        return Graph().parse(path, format=fmt)
    except Exception as exc:  # rdflib raises many kinds of parser errors
        raise InputError(f"{path}: cannot parse it as {fmt}: {exc}") from exc


def _violations(results: Graph) -> tuple[Violation, ...]:
    found: list[Violation] = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None:
            continue
        severity = results.value(result, SH.resultSeverity)
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        found.append(
            Violation(
                focus=focus,
                path=results.value(result, SH.resultPath),
                message="; ".join(messages) or "constraint not met",
                severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
                value=results.value(result, SH.value),
            )
        )
    found.sort(key=lambda v: (str(v.focus), str(v.path), v.message, str(v.value)))
    return tuple(dict.fromkeys(found))


def validate(data: Graph | str | Path) -> ValidationReport:
    """Validate a graph, a dataset or an RDF file against ``ontology/shapes.ttl``.

    A string or path names a file (Turtle, TriG, N-Quads, N-Triples, JSON-LD or RDF/XML,
    by suffix). The data is never modified. Raises :class:`kg.errors.InputError` for an
    unreadable file and :class:`kg.errors.ValidationError` if the ontology files are missing;
    a graph that breaks the shapes is reported, not raised.

    >>> from rdflib import Graph
    >>> g = Graph()
    >>> _ = g.add((URIRef("https://w3id.org/kg-news/id/person/x"), RDF.type, KG.Person))
    >>> report = validate(g)
    >>> report.conforms
    False
    >>> print(report.violations[0].line())
    Violation  id:person/x  rdfs:label  an entity needs exactly one rdfs:label string
    """
    from pyshacl import validate as shacl_validate  # heavy import, kept out of import time

    folder = ontology_dir()
    graph = _load(data)
    conforms, results, _ = shacl_validate(
        graph,
        shacl_graph=_parse_turtle(folder / SHAPES_FILE),
        ont_graph=_parse_turtle(folder / ONTOLOGY_FILE),
        inference="none",
        abort_on_first=False,
        allow_infos=True,
        allow_warnings=True,
        meta_shacl=False,
        advanced=False,
        do_owl_imports=False,
    )
    if not isinstance(results, Graph):
        raise ValidationError("pySHACL returned no results graph")
    return ValidationReport(conforms=bool(conforms), violations=_violations(results))
