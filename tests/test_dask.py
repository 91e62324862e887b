"""Extraction on a Dask cluster: a LocalCluster of two worker processes gives the graph of a local build.

The articles are short made-up news texts.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from kg.model import Article
from kg.pipeline import ClusterError, build, extract_all, extract_dask

distributed = pytest.importorskip("dask.distributed")

ARTICLES = {
    "ferry.txt": "date 2026-06-01\n"
    "Corrin Ferries, a shipping company based in Port Alder, said on Monday that its chief executive "
    "Maren Holt, 49, would meet Transport Minister Ilse Brandt in Kessel on June 3.\n",
    "talks.txt": "date 2026-06-03\n"
    "Ilse Brandt met Maren Holt in Kessel on Wednesday. The Ministry of Transport signed a "
    "$12 million contract with Corrin Ferries for new ramps.\n",
    "software.txt": "date 2026-06-04\n"
    "Tesk Labs announced a partnership with Corrin Ferries on Thursday. Tesk Labs makes the Harbourline "
    "booking system. Its founder, Odile Marsh, is a former engineer at Wexford Marine.\n",
    "critic.txt": "date 2026-06-05\n"
    "Paul Imre, a former harbour master of Port Alder, criticized the contract on Friday. Imre told "
    "the Kessel Courier that the Ministry of Transport had ignored smaller ferry firms.\n",
}


def _model_loaded() -> int:
    """On a worker: how many spaCy pipelines this process has loaded (0 or 1)."""
    from kg import nlp

    return int(nlp.load.cache_info().currsize)


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    with distributed.LocalCluster(
        n_workers=2,
        processes=True,
        threads_per_worker=1,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    ) as c:
        yield c


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    src = tmp_path / "articles"
    src.mkdir()
    for name, text in ARTICLES.items():
        (src / name).write_text(text, encoding="utf-8")
    return src


def test_dask_build_equals_the_local_build(cluster: object, corpus: Path, tmp_path: Path) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    local = build([corpus], tmp_path / "local", page=False, use_cache=False)
    remote = build([corpus], tmp_path / "dask", page=False, use_cache=False, dask_scheduler=address)
    assert (remote.articles, remote.parsed) == (4, 4)
    assert (remote.entities, remote.facts, remote.quads) == (local.entities, local.facts, local.quads)
    assert local.entities > 5 and local.facts > 2

    def quads(folder: Path) -> set[str]:
        with (folder / "graph.trig").open("rb") as fh:
            return {str(q) for q in ox.parse(fh, format=ox.RdfFormat.TRIG)}

    assert quads(tmp_path / "dask") == quads(tmp_path / "local")
    a = rdflib.Graph().parse(tmp_path / "local" / "graph.ttl", format="turtle")
    b = rdflib.Graph().parse(tmp_path / "dask" / "graph.ttl", format="turtle")
    assert isomorphic(a, b)


def test_batches_spread_over_both_workers_and_come_back_in_order(cluster: object) -> None:
    address = cluster.scheduler_address  # type: ignore[attr-defined]
    articles = [
        Article(f"a{i}", date(2026, 6, 1 + i), f"Maren Holt{i} met Ilse Brandt in Kessel on June {1 + i}.")
        for i in range(8)
    ]
    remote = [ex for ex, parsed in extract_dask(articles, address, batch_size=1) if parsed]
    assert [ex.article.id for ex in remote] == [a.id for a in articles]
    assert remote == [ex for ex, _ in extract_all(articles)]
    with distributed.Client(address, set_as_default=False) as client:
        assert sorted(client.run(_model_loaded).values()) == [1, 1]


def test_an_unreachable_scheduler_names_the_address_and_the_fix() -> None:
    articles = [Article("a1", date(2026, 6, 1), "Maren Holt spoke.")]
    with pytest.raises(ClusterError, match=r"tcp://127\.0\.0\.1:9.*dask scheduler"):
        list(extract_dask(articles, "tcp://127.0.0.1:9", timeout=2))
