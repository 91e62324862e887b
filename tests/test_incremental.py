"""Incremental builds: the extraction cache gives the graph of a build from scratch, and a killed
build leaves the previous output usable.

The articles are short made-up news texts.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic, to_canonical_graph

from kg.pipeline import build
from kg.store import GraphStore

# rdflib's own TriG parser uses its deprecated ConjunctiveGraph API internally; not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore:.*deprecated.*:DeprecationWarning:rdflib")

ARTICLES = {
    "harbour.txt": "date 2026-05-04\n"
    "Harlow Shipping, a freight company based in Port Wren, said on Monday that its chief executive "
    "Idris Calloway, 58, would meet Transport Minister Selma Okafor in Brantfield on May 6. "
    "Calloway told the Wren Gazette that the company plans to buy twelve electric tugboats.\n",
    "meeting.txt": "date 2026-05-06\n"
    "Selma Okafor met Idris Calloway in Brantfield on Wednesday. The Ministry of Transport signed a "
    "$40 million contract with Harlow Shipping for harbour upgrades. Okafor said the deal would create "
    "300 jobs in Port Wren.\n",
    "software.txt": "date 2026-05-07\n"
    "Nettle Systems, a software maker, announced a partnership with Harlow Shipping on Thursday. "
    "Nettle Systems makes the Tidewatch tracking platform. Its founder, Priya Lindqvist, is a former "
    "engineer at Orbital Freight.\n",
}
ADDED = (
    "critic.txt",
    "date 2026-05-08\n"
    "Tomas Reyes, a former harbour master of Port Wren, criticized the contract on Friday. Reyes told "
    "the Brantfield Courier that the Ministry of Transport had ignored smaller shipping firms.\n",
)
CHANGED = (
    "meeting.txt",
    "date 2026-05-06\n"
    "Selma Okafor met Idris Calloway and Priya Lindqvist in Brantfield on Wednesday. The Ministry of "
    "Transport signed a $45 million contract with Harlow Shipping for harbour upgrades.\n",
)
REMOVED = "software.txt"


def write(folder: Path, files: dict[str, str]) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.txt"):
        if old.name not in files:
            old.unlink()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")


def union(store_dir: Path) -> rdflib.Graph:
    """The union of the store's graphs as canonical rdflib triples."""
    store = GraphStore.open(store_dir)
    data = (
        ox.serialize(
            (q.triple for q in store.raw.quads_for_pattern(None, None, None, None)),
            format=ox.RdfFormat.N_TRIPLES,
        )
        or b""
    )
    return to_canonical_graph(rdflib.Graph().parse(data=data.decode("utf-8"), format="nt"))


def graphs(store_dir: Path) -> dict[str, int]:
    """Quads per named graph."""
    out: dict[str, int] = {}
    for q in GraphStore.open(store_dir).raw.quads_for_pattern(None, None, None, None):
        out[str(q.graph_name)] = out.get(str(q.graph_name), 0) + 1
    return out


def test_rebuild_after_add_change_remove_equals_a_build_from_scratch(tmp_path: Path) -> None:
    src, out, scratch = tmp_path / "articles", tmp_path / "out", tmp_path / "scratch"
    write(src, ARTICLES)
    first = build([src], out, page=False)
    assert (first.articles, first.parsed) == (3, 3)
    again = build([src], out, page=False)
    assert again.parsed == 0 and again.quads == first.quads

    files = {k: v for k, v in ARTICLES.items() if k != REMOVED}
    files[ADDED[0]] = ADDED[1]
    files[CHANGED[0]] = CHANGED[1]
    write(src, files)
    incremental = build([src], out, page=False)
    assert (incremental.articles, incremental.parsed) == (3, 2)  # the new and the changed article
    fresh = build([src], scratch, page=False, use_cache=False)
    assert fresh.parsed == 3

    assert incremental.quads == fresh.quads
    assert graphs(out / "store") == graphs(scratch / "store")
    assert isomorphic(union(out / "store"), union(scratch / "store"))
    ttl = rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    assert isomorphic(to_canonical_graph(ttl), union(scratch / "store"))
    assert not any("software" in g for g in graphs(out / "store"))


@pytest.mark.slow
def test_a_killed_build_leaves_the_previous_output_usable(tmp_path: Path) -> None:
    src, out = tmp_path / "articles", tmp_path / "out"
    write(src, ARTICLES)
    kg = [str(Path(sys.executable).with_name("kg")), "build", str(src), "--out", str(out), "--no-page"]
    subprocess.run(kg, check=True, capture_output=True, timeout=300)
    previous = len(GraphStore.open(out / "store"))

    files = dict(ARTICLES)
    files[ADDED[0]] = ADDED[1]
    write(src, files)
    complete = build([src], tmp_path / "reference", page=False, use_cache=False).quads  # same source paths
    seed = random.randrange(1 << 30)
    rnd = random.Random(seed)
    for attempt in range(6):
        delay = rnd.uniform(0.1, 4.0)
        proc = subprocess.Popen([*kg, "--no-cache"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        where = f"seed {seed}, attempt {attempt}, killed after {delay:.2f} s"
        n = len(GraphStore.open(out / "store"))  # the previous store, or the new one if the swap was done
        assert n > 0, where
        assert n in {previous, complete}, where
        rdflib.Graph().parse(out / "graph.ttl", format="turtle")  # whole, never half-written
        rdflib.Dataset().parse(out / "graph.trig", format="trig")

    done = subprocess.run(kg, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert len(GraphStore.open(out / "store")) == complete


KILLER = r"""
import os, signal, sys
from pathlib import Path
import kg.store
from kg.pipeline import build

src, out, point = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
rename = os.replace

def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)

if point == "before-swap":  # the new store and graph.ttl are written, the store not yet swapped in
    kg.store.replace_dir = lambda new, target: die()
else:  # between the two renames: the old store moved aside, the new one not yet in place
    def replace(a, b):
        rename(a, b)
        if Path(b).name == ".store.old":
            die()
    kg.store.os.replace = replace
build([src], out, page=False, use_cache=False)
"""


@pytest.mark.parametrize("point", ["before-swap", "mid-swap"])
def test_a_build_killed_at_the_worst_moment(point: str, tmp_path: Path) -> None:
    src, out = tmp_path / "articles", tmp_path / "out"
    write(src, ARTICLES)
    first = build([src], out, page=False)
    write(src, {**ARTICLES, ADDED[0]: ADDED[1]})
    killed = subprocess.run(
        [sys.executable, "-c", KILLER, str(src), str(out), point], capture_output=True, timeout=300
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr

    assert len(GraphStore.open(out / "store")) == first.quads  # mid-swap: read from .store.old
    rdflib.Graph().parse(out / "graph.ttl", format="turtle")
    again = build([src], out, page=False)
    assert again.articles == 4 and len(GraphStore.open(out / "store")) == again.quads
    assert not (out / ".store.old").exists()
