"""kg export on the seeds build: every format reads back to what the store holds."""

from __future__ import annotations

import csv
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib.compare import isomorphic, to_canonical_graph

from kg.cli import main
from kg.export import to_networkx
from kg.store import GraphStore

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
# rdflib's own parsers use its deprecated ConjunctiveGraph API internally; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")


def _term(t: object) -> rdflib.term.Node:
    """An Oxigraph term as rdflib's, written here independently of kg's own conversion."""
    if isinstance(t, ox.NamedNode):
        return rdflib.URIRef(t.value)
    if isinstance(t, ox.BlankNode):
        return rdflib.BNode(t.value)
    assert isinstance(t, ox.Literal)
    if t.language:
        return rdflib.Literal(t.value, lang=t.language)
    return rdflib.Literal(
        t.value, datatype=None if t.datatype.value == XSD_STRING else rdflib.URIRef(t.datatype.value)
    )


def store_graphs(store: GraphStore) -> dict[str, rdflib.Graph]:
    """The store's named graphs as rdflib graphs, by graph IRI."""
    out: dict[str, rdflib.Graph] = {}
    for q in store.raw.quads_for_pattern(None, None, None, None):
        name = str(q.graph_name.value) if isinstance(q.graph_name, ox.NamedNode) else ""
        out.setdefault(name, rdflib.Graph()).add((_term(q.subject), _term(q.predicate), _term(q.object)))
    return out


def union(graphs: dict[str, rdflib.Graph]) -> rdflib.Graph:
    g = rdflib.Graph()
    for part in graphs.values():
        for t in part:
            g.add(t)
    return g


def export(seeds_build: Path, fmt: str, target: Path) -> Path:
    result = CliRunner().invoke(
        main, ["export", "--format", fmt, "--store", str(seeds_build), "--out", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert str(target) in result.output
    return target


@pytest.fixture(scope="module")
def expected(seeds_store: GraphStore) -> dict[str, rdflib.Graph]:
    graphs = store_graphs(seeds_store)
    assert len(graphs) >= 3  # two articles and the CAMEO scheme
    return graphs


def test_turtle_is_the_union(seeds_build: Path, expected: dict[str, rdflib.Graph], tmp_path: Path) -> None:
    path = export(seeds_build, "ttl", tmp_path / "g.ttl")
    parsed = rdflib.Graph().parse(path, format="turtle")
    assert len(parsed) == len(union(expected))
    assert isomorphic(to_canonical_graph(parsed), to_canonical_graph(union(expected)))


@pytest.mark.parametrize(("fmt", "syntax"), [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_dataset_formats_keep_every_graph(
    fmt: str, syntax: str, seeds_build: Path, expected: dict[str, rdflib.Graph], tmp_path: Path
) -> None:
    path = export(seeds_build, fmt, tmp_path / f"g.{fmt}")
    ds = rdflib.Dataset()
    ds.parse(path, format=syntax)
    parsed = {str(g.identifier): g for g in ds.graphs() if len(g)}
    assert set(parsed) == set(expected)
    for name, graph in expected.items():
        assert isomorphic(parsed[name], graph), name


def test_graphml_and_gexf_keep_labels_and_kinds(
    seeds_build: Path, seeds_store: GraphStore, tmp_path: Path
) -> None:
    ours = to_networkx(seeds_store)
    assert ours.number_of_nodes() > 0
    want = {str(n): (d["label"], d["kind"]) for n, d in ours.nodes(data=True)}
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        back = read(export(seeds_build, fmt, tmp_path / f"g.{fmt}"))
        got = {str(n): (d["label"], d["kind"]) for n, d in back.nodes(data=True)}
        assert got == want, fmt
        assert back.number_of_edges() == ours.number_of_edges(), fmt
        assert {"Pete Hegseth", "Anthropic"} <= {label for label, _ in got.values()}


def test_csv_has_nodes_and_edges(seeds_build: Path, seeds_store: GraphStore, tmp_path: Path) -> None:
    folder = export(seeds_build, "csv", tmp_path / "csv")
    ours = to_networkx(seeds_store)
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as fh:
        nodes = list(csv.DictReader(fh))
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as fh:
        edges = list(csv.DictReader(fh))
    assert {"id", "label", "kind", "mentions"} <= set(nodes[0])
    assert {"source", "target", "label"} <= set(edges[0]) if edges else True
    assert len(nodes) == ours.number_of_nodes() and len(edges) == ours.number_of_edges()
    assert ("Pete Hegseth", "Person") in {(n["label"], n["kind"]) for n in nodes}
    ids = {n["id"] for n in nodes}
    assert all(e["source"] in ids and e["target"] in ids for e in edges)


def test_jsonld_carries_a_context(seeds_build: Path, tmp_path: Path) -> None:
    import json

    doc = json.loads(export(seeds_build, "jsonld", tmp_path / "g.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"]["kg"] == "https://w3id.org/kg-news/ontology#"
    assert "kg:Person" in json.dumps(doc)
