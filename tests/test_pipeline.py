"""The build at scale: leftovers of killed builds go, graph files are never newer than the store,
parsed documents do not pile up, and the union store answers with each triple once.

The articles are short made-up news texts.
"""

from __future__ import annotations

import gc
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from spacy.tokens import Doc

import kg.extract
import kg.pipeline
import kg.store
from kg.model import Article
from kg.pipeline import build, extract_all
from kg.store import GraphStore

ARTICLES = {
    "a.txt": "date 2026-07-01\nMira Solberg, chief executive of Fenwick Rail, met Olaf Trent in Lund on Monday.\n",
    "b.txt": "date 2026-07-02\nFenwick Rail signed a $30 million contract with the City of Lund on Tuesday.\n",
}
EXTRA = ("c.txt", "date 2026-07-03\nOlaf Trent criticized the contract on Wednesday, the Lund Post said.\n")


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_build_removes_what_killed_builds_left(tmp_path: Path) -> None:
    src, out = write(tmp_path / "src", ARTICLES), tmp_path / "out"
    out.mkdir()
    (out / ".store-abc123").mkdir()
    (out / ".store-abc123" / "000001.sst").write_bytes(b"x" * 1000)
    (out / ".graph.ttl.k2j3").write_bytes(b"half a graph")
    build([src], out, page=False)
    assert sorted(p.name for p in out.iterdir() if p.name.startswith(".")) == []
    assert (out / "store").is_dir()


def test_graph_files_are_not_written_before_the_store_is_swapped_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    src, out = write(tmp_path / "src", ARTICLES), tmp_path / "out"
    build([src], out, page=False)
    ttl, trig = (out / "graph.ttl").read_bytes(), (out / "graph.trig").read_bytes()
    n = len(GraphStore.open(out / "store"))

    write(src, dict([EXTRA]))

    def killed(new: Path, target: Path) -> None:
        raise KeyboardInterrupt  # the build dies just before the swap

    monkeypatch.setattr(kg.store, "replace_dir", killed)
    with pytest.raises(KeyboardInterrupt):
        build([src], out, page=False)
    # The old store, and graph files that still describe it.
    assert len(GraphStore.open(out / "store")) == n
    assert (out / "graph.ttl").read_bytes() == ttl and (out / "graph.trig").read_bytes() == trig
    assert any(out.glob(".store-*"))

    monkeypatch.undo()
    again = build([src], out, page=False)
    assert again.articles == 3 and not any(out.glob(".store-*"))
    with (out / "graph.trig").open("rb") as fh:
        assert (
            sum(1 for _ in ox.parse(fh, format=ox.RdfFormat.TRIG))
            == again.quads
            == len(GraphStore.open(out / "store"))
        )


def test_parsed_documents_do_not_pile_up(monkeypatch: pytest.MonkeyPatch) -> None:
    original = kg.extract.extract
    alive: list[int] = []

    def counting(doc: Doc, article: Article) -> object:
        gc.collect()
        alive.append(sum(1 for o in gc.get_objects() if isinstance(o, Doc)))
        return original(doc, article)

    monkeypatch.setattr(kg.extract, "extract", counting)
    articles = [
        Article(f"a{i}", date(2026, 7, 1), f"Mira Solberg{i} met Olaf Trent in Lund. Trent spoke.")
        for i in range(40)
    ]
    results = list(extract_all(articles, batch_size=4))
    assert len(results) == 40 and len(alive) == 40
    assert max(alive) <= 8  # one batch of 4, whatever the number of articles


def test_the_union_store_sees_a_triple_of_many_graphs_once() -> None:
    store = GraphStore.memory()
    s, p = ox.NamedNode("http://example.org/s"), ox.NamedNode("http://example.org/p")
    store.load_quads(
        ox.Quad(s, p, ox.Literal("v"), ox.NamedNode(f"http://example.org/g{i}")) for i in range(3)
    )
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows == [("1",)]
    # Queries that name graphs still see every graph.
    assert store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }").rows == [("3",)]
    assert len(store) == 3


def test_graph_files_written_in_many_chunks_say_what_the_store_holds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(kg.pipeline, "QUADS_PER_CHUNK", 40)  # several chunks even for three articles
    src, out = write(tmp_path / "src", {**ARTICLES, EXTRA[0]: EXTRA[1]}), tmp_path / "out"
    result = build([src], out, page=False)
    store = GraphStore.open(out / "store")
    assert result.quads > 3 * 40

    held = set(store.raw.quads_for_pattern(None, None, None, None))
    with (out / "graph.trig").open("rb") as fh:
        assert set(ox.parse(fh, format=ox.RdfFormat.TRIG)) == held
    union = {q.triple for q in held}
    with (out / "graph.ttl").open("rb") as fh:
        assert {q.triple for q in ox.parse(fh, format=ox.RdfFormat.TURTLE)} == union
    # The prefixes are declared once, at the top of each file.
    for name in ("graph.ttl", "graph.trig"):
        lines = (out / name).read_text(encoding="utf-8").splitlines()
        prefixes = [i for i, line in enumerate(lines) if line.startswith("@prefix")]
        assert prefixes == list(range(len(prefixes))) and prefixes
