"""How fast the graph page is written and drawn, on made-up graphs of 100, 1000 and 5000 nodes.

For each size: the time ``kg.page.write_page`` takes, the page's size, and the time from
navigation start until vis-network has drawn the graph in headless Chromium (the page records
``performance.now()`` at vis-network's first ``afterDrawing``). Medians over ``--repeat`` runs.
The target is under 2 s to drawn at 5000 nodes.

    .venv/bin/python bench/page_bench.py [--sizes 100 1000 5000] [--repeat 3]

Needs Debian's chromium at /usr/bin/chromium (Playwright's own download is not used).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kg.page import write_page

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
KINDS = ["Person", "Organisation", "Place", "Product", "Law"]
FIRST = ["Ada", "Bram", "Cleo", "Dov", "Esme", "Finn", "Gale", "Hugo", "Ines", "Jory"]
WORDS = ["Fennel", "Brill", "Harbour", "Kettle", "Quill", "Marsh", "Tallow", "Wren", "Oaken", "Pike"]
RELATIONS = ["partner", "CEO", "contract", "owns", "supplies"]
FAMILIES = ["Consult", "Cooperate", "Protest", "Threaten", "Appeal"]


def make_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """About 60% entities and 40% events; each event has 2-3 participants picked with a
    Zipf-like preference (news stories have a few central actors); entity-entity relations
    fill up to about 2 edges per node. Labels are made up."""
    rnd = random.Random(seed)
    g = nx.MultiDiGraph()
    entities = int(n * 0.6)
    for i in range(entities):
        kind = KINDS[i % len(KINDS)]
        label = f"{rnd.choice(FIRST)} {rnd.choice(WORDS)}" if kind == "Person" else f"{rnd.choice(WORDS)} {i}"
        g.add_node(
            f"urn:kg:bench/e{i}",
            label=label,
            kind=kind,
            mentions=rnd.randint(1, 40),
            date=f"2024-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
            family=None,
            evidence=[
                {
                    "sentence": f"{label} was mentioned in report {k}.",
                    "article": f"a{k}.txt",
                    "date": "2024-05-01",
                }
                for k in range(rnd.randint(1, 3))
            ],
        )
    weights = [1 / (i + 1) ** 0.8 for i in range(entities)]
    for j in range(entities, n):
        day = rnd.choice(["2024", f"2024-{rnd.randint(1, 12):02d}", f"2024-{rnd.randint(1, 12):02d}-15"])
        event = f"urn:kg:bench/v{j}"
        g.add_node(event, label=f"Meeting {j}", kind="Event", mentions=1, date=day,
                   family=rnd.choice(FAMILIES), evidence=[])  # fmt: skip
        for p in sorted(set(rnd.choices(range(entities), weights=weights, k=rnd.choice((2, 2, 3))))):
            g.add_edge(event, f"urn:kg:bench/e{p}", label="participant", evidence=[])
    while g.number_of_edges() < 2 * n:
        a, b = rnd.randrange(entities), rnd.randrange(entities)
        if a != b:
            g.add_edge(f"urn:kg:bench/e{a}", f"urn:kg:bench/e{b}", label=rnd.choice(RELATIONS), evidence=[])
    return g


def time_to_drawn(browser: object, path: Path) -> float:
    """Seconds from navigation start until vis-network's first drawing, in a fresh context."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})  # type: ignore[attr-defined]
    try:
        page = context.new_page()
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.kgDrawn === true", timeout=120_000)
        return float(page.evaluate("window.kgDrawnAt")) / 1000
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    # (nodes in the graph, max_nodes): every node drawn, plus the default cap at the largest size
    cases = [(n, max(n, 1500)) for n in args.sizes] + [(max(args.sizes), 1500)]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        browser = None
        playwright = None
        if CHROMIUM.exists():
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            for n, cap in cases:
                graph = make_graph(n)
                path = Path(tmp) / f"graph-{n}-{cap}.html"
                writes = []
                for _ in range(args.repeat):
                    start = time.perf_counter()
                    write_page(graph, path, title="Bench", subtitle=f"{n} made-up nodes", max_nodes=cap)
                    writes.append(time.perf_counter() - start)
                drawn = [time_to_drawn(browser, path) for _ in range(args.repeat)] if browser else []
                rows.append((n, min(n, cap), graph.number_of_edges(), path.stat().st_size, writes, drawn))
        finally:
            if browser is not None:
                browser.close()
            if playwright is not None:
                playwright.stop()

    print(f"{'nodes':>6} {'drawn':>6} {'edges':>6} {'page MB':>8} {'write s':>8} {'to drawn s':>11}")
    for n, shown, m, size, writes, drawn in rows:
        to_drawn = f"{statistics.median(drawn):11.2f}" if drawn else f"{'(no chromium)':>11}"
        print(f"{n:>6} {shown:>6} {m:>6} {size / 1e6:>8.2f} {statistics.median(writes):>8.2f} {to_drawn}")


if __name__ == "__main__":
    main()
