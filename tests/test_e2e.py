"""End to end: `kg build seeds/` through the CLI, then SPARQL, isomorphism and the page."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import rdflib
from rdflib.compare import graph_diff, isomorphic, to_isomorphic

from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
KG = [sys.executable, "-m", "kg.cli"]


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*KG, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("e2e")
    r = run("build", "seeds/", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert "graph.ttl" in r.stdout
    return out


def test_turtle_parses_and_names_the_story(built: Path) -> None:
    g = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    assert len(g) > 500
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert {"Pete Hegseth", "Anthropic", "Dario Amodei"} <= labels


def test_sparql_types_person_and_organisation(built: Path) -> None:
    store = GraphStore.open(built / "store")
    rows = store.select(
        "SELECT ?name ?kind WHERE { ?e rdfs:label ?name ; a ?kind }", {"name": "Pete Hegseth"}
    ).rows
    assert ("Pete Hegseth", "https://w3id.org/kg-news/ontology#Person") in rows
    rows = store.select(
        "SELECT ?name ?kind WHERE { ?e rdfs:label ?name ; a ?kind }", {"name": "Anthropic"}
    ).rows
    assert ("Anthropic", "https://w3id.org/kg-news/ontology#Organisation") in rows


def test_cli_query_formats(built: Path) -> None:
    q = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    table = run("query", q, "--store", str(built))
    assert table.returncode == 0 and "Pete Hegseth" in table.stdout
    csv = run("query", q, "--store", str(built), "--format", "csv")
    assert csv.stdout.splitlines()[0].strip() == "name"
    bad = run("query", "SELECT ?x WHERE { ?x ", "--store", str(built))
    assert bad.returncode == 2 and "line" in bad.stderr.lower() and "Traceback" not in bad.stderr


def test_two_builds_are_isomorphic(built: Path, tmp_path: Path) -> None:
    r = run("build", "seeds/", "--out", str(tmp_path), "--no-cache", "--no-page")
    assert r.returncode == 0, r.stderr
    a = rdflib.Graph().parse(built / "graph.ttl", format="turtle")
    b = rdflib.Graph().parse(tmp_path / "graph.ttl", format="turtle")
    if not isomorphic(a, b):
        _, only_a, only_b = graph_diff(to_isomorphic(a), to_isomorphic(b))
        pytest.fail(
            f"builds differ:\n-{only_a.serialize(format='nt')[:2000]}\n+{only_b.serialize(format='nt')[:2000]}"
        )


def test_page_is_offline(built: Path) -> None:
    html = (built / "graph.html").read_text(encoding="utf-8")
    external = re.findall(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert external == []
    assert "Pete Hegseth" in html


def test_malformed_article_is_skipped_and_reported(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("date 2026-03-02 Jane Roe, chief executive of Quillon Systems, spoke.\n")
    (src / "bad.txt").write_text("no date line here\nJust text.\n")
    r = run("build", str(src), "--out", str(tmp_path / "out"), "--no-page")
    assert r.returncode == 1
    assert "bad.txt" in r.stderr and "date YYYY-MM-DD" in r.stderr
    assert "built 1 articles" in r.stdout


def test_viz_draws_a_construct_result(built: Path, tmp_path: Path) -> None:
    from kg.export import subgraph, to_networkx

    q = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o . { ?s a kg:Person } UNION { ?s a kg:Mention } UNION { ?s a kg:NewsArticle } }"
    g = to_networkx(subgraph(GraphStore.open(built / "store"), q))
    assert g.number_of_nodes() >= 5 and {d["kind"] for _, d in g.nodes(data=True)} == {"Person"}
    page = run("viz", "--store", str(built), "--out", str(tmp_path / "p.html"), "--construct", q)
    assert page.returncode == 0 and (tmp_path / "p.html").exists()
    rows = run(
        "viz",
        "--store",
        str(built),
        "--out",
        str(tmp_path / "q.html"),
        "--construct",
        "SELECT * { ?s ?p ?o }",
    )
    assert rows.returncode == 2 and "CONSTRUCT" in rows.stderr
