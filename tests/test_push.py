"""kg push: every article graph PUT to a real (writable) Oxigraph Graph Store endpoint."""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import free_port

from kg.cli import main
from kg.errors import PushError
from kg.mapping import graph_iri
from kg.push import push
from kg.serve import Server
from kg.store import GraphStore


@pytest.fixture()
def target(tmp_path: Path) -> Iterator[Server]:
    """A writable Oxigraph server on an empty temporary location."""
    with Server(tmp_path / "remote", port=free_port(), writable=True) as server:
        yield server


def select(server: Server, query: str) -> list[dict[str, str]]:
    url = f"{server.query_url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=60) as r:
        bindings = json.load(r)["results"]["bindings"]
    return [{k: v["value"] for k, v in b.items()} for b in bindings]


def remote_quads(server: Server) -> int:
    return int(select(server, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")[0]["n"])


def remote_graphs(server: Server) -> set[str]:
    return {b["g"] for b in select(server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}


def test_push_sends_one_graph_per_article(target: Server, seeds_store: GraphStore) -> None:
    seen: list[tuple[str, int]] = []
    result = push(seeds_store, target.store_url, progress=lambda g, n: seen.append((g, n)))
    ours = {str(g.value) for g in seeds_store.raw.named_graphs()}
    assert result.quads == len(seeds_store) == remote_quads(target)
    assert result.graphs == len(ours) == len(seen)
    assert remote_graphs(target) == ours
    articles = [r[0] for r in seeds_store.select("SELECT DISTINCT ?id WHERE { ?a kg:articleId ?id }").rows]
    assert len(articles) == 2
    for article in articles:
        assert article is not None and str(graph_iri(article).value) in ours
    # Each graph's content arrives whole, e.g. an article's own description.
    assert select(
        target,
        "SELECT ?g WHERE { GRAPH ?g { ?a <https://w3id.org/kg-news/ontology#articleId> "
        '"000_87bbaab0cf9e5806" } }',
    ) == [{"g": str(graph_iri("000_87bbaab0cf9e5806").value)}]


def test_pushing_again_replaces_the_graphs(target: Server, seeds_store: GraphStore) -> None:
    push(seeds_store, target.store_url)
    push(seeds_store, target.store_url)
    assert remote_quads(target) == len(seeds_store)


def test_cli_push(target: Server, seeds_build: Path, seeds_store: GraphStore) -> None:
    out = CliRunner().invoke(
        main, ["push", target.store_url, "--store", str(seeds_build), "--header", "X-Test: yes"]
    )
    assert out.exit_code == 0, out.output
    assert f"({len(seeds_store)} quads)" in out.output
    assert remote_quads(target) == len(seeds_store)
    bad = CliRunner().invoke(
        main, ["push", target.store_url, "--store", str(seeds_build), "--header", "nocolon"]
    )
    assert bad.exit_code == 2 and "NAME: VALUE" in bad.output


def test_push_errors_name_the_address(seeds_build: Path, seeds_store: GraphStore) -> None:
    with pytest.raises(PushError, match="not an http"):
        push(seeds_store, "localhost:7878/store")
    closed = f"http://127.0.0.1:{free_port()}/store"
    with pytest.raises(PushError, match="is the server running"):
        push(seeds_store, closed, timeout=5)
    with (
        Server(seeds_build / "store", port=free_port()) as read_only,
        pytest.raises(PushError, match="HTTP 403"),
    ):
        push(seeds_store, read_only.store_url)
