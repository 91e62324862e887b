"""How fast ``kg build`` is next to spaCy alone, how it scales, and how fast its graph answers queries.

On a corpus of dated articles (default: Reuters-21578 in ../shared/corpora/reuters21578/, its first
``--slice`` files, or all with ``--full``) it prints:

- words per second of the whole ``kg build`` (ingest to the written store, graph files, page and
  timeline; a fresh output folder each time) with 1 and 2 worker processes, next to spaCy's own
  ``nlp.pipe`` over the same texts with the same model and pipes (the full en_core_web_sm pipeline,
  run naively with ``n_process`` equal to the workers), measured in the same run, and their ratio;
- each build's stage times (``kg build --timings``), peak RSS of its largest process
  (``getrusage(RUSAGE_CHILDREN)`` in a wrapper process) and of its whole process tree (``/proc``);
- the median latency of every named query (``kg/queries/*.rq``) on the built store, each in its own
  process (pyoxigraph 0.5 can abort a process on some ORDER BY), next to the same query through
  rdflib's in-memory engine over the same quads (``rdflib.Dataset(default_union=True)``), capped at
  ``--rdflib-timeout`` seconds and shown as "> T s" past it;
- the time to make the graph page: ``kg.export.to_networkx`` and ``kg.page.write_page``.

The machine (cores, RAM) and ``os.getloadavg()`` at the start and the end are printed with the
figures: other processes running at the same time slow every figure down.

    .venv/bin/python bench/bench.py                    # the first 1,000 articles
    .venv/bin/python bench/bench.py --full             # all 19,043 (about 20 minutes on 2 cores)
    .venv/bin/python bench/bench.py --slice 200 --workers 1 --repeat 3
    .venv/bin/python bench/bench.py --store build/store --no-rdflib   # queries of a build only
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_CORPUS = ROOT.parent / "shared" / "corpora" / "reuters21578"
PY = sys.executable
# Parameters of the named queries: the required ones, plus a second run with the optional entity
# parameters; ENTITY stands for the most mentioned person or organisation of the built graph.
PARAMS: dict[str, list[dict[str, object]]] = {
    "timeline": [{"entity": "ENTITY"}],
    "evidence": [{"node": "ENTITY"}],
    "cooccurrence": [{}, {"entity": "ENTITY"}],
    "statements": [{}, {"speaker": "ENTITY"}],
    "contracts": [{}, {"min_value": 1000000}],
}


# ------------------------------------------------------------ child modes
def measure(cmd: Sequence[str]) -> dict[str, Any]:
    """Run ``cmd``; its wall time, output, and peak RSS (largest process, and the whole tree)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    tree_peak = 0
    out_parts: list[str] = []
    err_parts: list[str] = []
    import threading

    def drain(stream: Any, into: list[str]) -> None:
        into.append(stream.read())

    readers = [
        threading.Thread(target=drain, args=(proc.stdout, out_parts)),
        threading.Thread(target=drain, args=(proc.stderr, err_parts)),
    ]
    for r in readers:
        r.start()
    while proc.poll() is None:
        tree_peak = max(tree_peak, tree_rss_kb(proc.pid))
        time.sleep(0.2)
    for r in readers:
        r.join()
    wall = time.perf_counter() - start
    return {
        "wall": wall,
        "returncode": proc.returncode,
        "stdout": "".join(out_parts),
        "stderr": "".join(err_parts)[-2000:],
        # ru_maxrss of the children: the largest peak of any one descendant (KB on Linux).
        "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "cpu": cpu_seconds(resource.RUSAGE_CHILDREN),
        "tree_peak_kb": tree_peak,
    }


def cpu_seconds(*who: int) -> float:
    """User plus system CPU seconds of ``who`` (``resource.RUSAGE_SELF``/``RUSAGE_CHILDREN``)."""
    return sum(resource.getrusage(w).ru_utime + resource.getrusage(w).ru_stime for w in who)


def tree_rss_kb(pid: int) -> int:
    """The summed RSS of ``pid`` and its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
            rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total


def spacy_naive(corpus: str, n_process: int) -> dict[str, Any]:
    """spaCy's full pipeline over the corpus texts (as kg reads them), naively through nlp.pipe."""
    import spacy

    from kg.ingest import IngestReport, read_articles
    from kg.nlp import MODEL

    texts = [a.text for a in read_articles([Path(corpus)], IngestReport())]
    t = time.perf_counter()
    nlp = spacy.load(MODEL)
    loaded = time.perf_counter() - t
    t, c = time.perf_counter(), cpu_seconds(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=n_process))
    return {
        "load": loaded,
        "pipe": time.perf_counter() - t,
        # The pipe's processes are joined by now, so their CPU counts among the children.
        "cpu": cpu_seconds(resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN) - c,
        "tokens": tokens,
        "pipes": nlp.pipe_names,
    }


def oxigraph_query(
    store: str, name: str, params: dict[str, object], repeat: int, cap: float
) -> dict[str, Any]:
    """One named query through kg's store, timed two ways, each a warm-up run then up to ``repeat``
    timed runs that fit in ``cap`` seconds (the warm-up alone counts when none fits): as users run
    it (``GraphStore.run``: from the build's kept views when they can answer), and its SPARQL on
    Oxigraph (``GraphStore.select``), the figure to set beside rdflib's."""
    from kg import queries
    from kg.store import GraphStore

    s = GraphStore.open(Path(store))
    q = queries.get(name)

    def timed(run: Any) -> list[float]:
        t = time.perf_counter()
        run()
        times = [time.perf_counter() - t]
        while len(times) <= repeat and sum(times[1:]) + times[-1] < cap:
            t = time.perf_counter()
            run()
            times.append(time.perf_counter() - t)
        return times[1:] or times

    rows = len(s.run(q, params).rows)
    return {
        "rows": rows,
        "from": "view" if s.answer(q, params) is not None else "store",
        "times": timed(lambda: s.run(q, params)),
        "sparql_times": timed(lambda: s.select(q.text, params)),
    }


def rdflib_queries(
    nquads: str, todo: list[tuple[str, str, dict[str, object]]], repeat: int, cap: float
) -> None:
    """Load the quads into rdflib once; run each query in a forked child, killed after ``cap`` s."""
    import rdflib

    from kg import queries

    t = time.perf_counter()
    ds = rdflib.Dataset(default_union=True)
    ds.parse(nquads, format="nquads")
    print(json.dumps({"load": time.perf_counter() - t, "quads": len(ds)}), flush=True)
    for label, name, params in todo:
        text = queries.with_prefixes(queries.get(name).text)
        bindings = {k: _rdflib_term(v) for k, v in params.items()}
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: as many runs as fit in the cap, then report and leave at once
            os.close(read)
            times: list[float] = []
            rows = 0
            while len(times) < repeat and (not times or sum(times) + times[-1] < cap):
                t = time.perf_counter()
                rows = len(list(ds.query(text, initBindings=bindings)))
                times.append(time.perf_counter() - t)
            os.write(write, json.dumps({"rows": rows, "times": times}).encode())
            os._exit(0)
        os.close(write)
        deadline = time.monotonic() + cap * 1.5
        result: dict[str, Any] = {"timeout": cap}
        while time.monotonic() < deadline:
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                with os.fdopen(read, "rb") as fh:
                    result = json.loads(fh.read() or b'{"error": "no result"}')
                break
            time.sleep(0.05)
        else:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
            os.close(read)
        print(json.dumps({"label": label, **result}), flush=True)


def _rdflib_term(value: object) -> Any:
    import rdflib

    if isinstance(value, (int, float)):
        return rdflib.Literal(value)
    text = str(value)
    if text.startswith(("http://", "https://")) and " " not in text:
        return rdflib.URIRef(text)
    return rdflib.Literal(text)


# ------------------------------------------------------------------ main
def child(mode: str, *args: str, timeout: float | None = None) -> Any:
    """Run this script in ``mode`` in a fresh process; its last stdout line as JSON.

    Past ``timeout`` seconds the process is killed and ``{"timeout": timeout}`` returned.
    """
    try:
        r = subprocess.run(
            [PY, __file__, mode, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if r.returncode != 0:
        raise RuntimeError(f"{mode} failed ({r.returncode}): {r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def machine() -> str:
    mem = next(line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal"))
    gb = int(mem.split()[1]) / 2**20
    cpu = next(
        (
            ln.split(":", 1)[1].strip()
            for ln in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in ln
        ),
        platform.processor(),
    )
    return f"{os.cpu_count()} cores ({cpu}), {gb:.1f} GB RAM, Python {platform.python_version()}"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f}"


def slice_of(corpus: Path, n: int, into: Path) -> Path:
    """A folder of links to the first ``n`` article files of ``corpus`` (in name order)."""
    files = sorted(p for p in corpus.iterdir() if p.suffix == ".txt")[:n]
    into.mkdir(parents=True, exist_ok=True)
    for p in files:
        (into / p.name).symlink_to(p.resolve())
    return into


def pick_entity(store: Path) -> str:
    """The most mentioned person or organisation of the graph: a name every query can take."""
    from kg import queries
    from kg.store import GraphStore

    rows = GraphStore.open(store).select(queries.get("entities").text).rows
    best = max(
        (r for r in rows if r[1] in {"Person", "Organisation"}), key=lambda r: int(r[2] or 0), default=None
    )
    return str(best[0]) if best else "Reuters"


def fmt_s(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1].startswith("--_"):
        mode, rest = sys.argv[1], sys.argv[2:]
        if mode == "--_measure":
            print(json.dumps(measure(rest)))
        elif mode == "--_spacy":
            print(json.dumps(spacy_naive(rest[0], int(rest[1]))))
        elif mode == "--_oxigraph":
            print(
                json.dumps(
                    oxigraph_query(rest[0], rest[1], json.loads(rest[2]), int(rest[3]), float(rest[4]))
                )
            )
        elif mode == "--_rdflib":
            rdflib_queries(rest[0], json.loads(rest[1]), int(rest[2]), float(rest[3]))
        return

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--slice", type=int, default=1000, help="the first N articles (default 1000)")
    parser.add_argument("--full", action="store_true", help="the whole corpus")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per query (median shown)")
    parser.add_argument("--query-timeout", type=float, default=60.0, help="seconds per kg query")
    parser.add_argument("--rdflib-timeout", type=float, default=60.0, help="seconds per rdflib query")
    parser.add_argument("--no-rdflib", action="store_true", help="skip the rdflib comparison")
    parser.add_argument("--keep", type=Path, help="build into this folder and keep it")
    parser.add_argument(
        "--store", type=Path, help="no builds: time the named queries and the page on this built store"
    )
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    if args.store:
        print(f"# kg query benchmark, {datetime.now().isoformat(timespec='seconds')}")
        print(f"machine: {machine()}")
        print(f"command: {' '.join([Path(PY).name, 'bench/bench.py', *sys.argv[1:]])}")
        print(f"load average at start: {load()}")
        print()
        query_report(args.store, f"build in {args.store.parent}", args, work)
        return
    corpus = args.corpus if args.full else slice_of(args.corpus, args.slice, work / "corpus")
    from kg.ingest import IngestReport, read_articles

    arts = list(read_articles([corpus], IngestReport()))
    words = sum(a.words for a in arts)
    del arts
    print(f"# kg build benchmark, {datetime.now().isoformat(timespec='seconds')}")
    print(f"machine: {machine()}")
    print(f"command: {' '.join([Path(PY).name, 'bench/bench.py', *sys.argv[1:]])}")
    print(f"corpus: {args.corpus} ({'all' if args.full else f'first {args.slice} files'}): ", end="")
    print(f"{len(os.listdir(corpus))} files, {words:,} words after ingest")
    print(f"load average at start: {load()}")
    print()

    builds: dict[int, dict[str, Any]] = {}
    naive: dict[int, dict[str, Any]] = {}
    for w in args.workers:
        naive[w] = child("--_spacy", str(corpus), str(w))
        out = (args.keep or work) / f"build-w{w}"
        cmd = [PY, "-m", "kg.cli", "build", str(corpus), "--out", str(out), "--workers", str(w), "--timings"]
        m = child("--_measure", *cmd)
        if m["returncode"] not in (0, 1):  # 1: some files skipped, the build is whole
            raise RuntimeError(f"kg build failed: {m['stderr']}")
        m["out"] = out
        m["summary"] = next((ln for ln in m["stdout"].splitlines() if ln.startswith("built ")), "")
        m["timings"] = next((ln[9:] for ln in m["stdout"].splitlines() if ln.startswith("timings: ")), "")
        builds[w] = m

    print("## Build throughput (words per second; fresh output folder, cache written)")
    print()
    print(
        "| workers | kg build | wall | spaCy nlp.pipe (n_process) | spaCy wall | kg / spaCy "
        "| CPU s (kg, spaCy) | kg / spaCy by CPU | peak RSS (largest / tree) |"
    )
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for w in args.workers:
        b, s = builds[w], naive[w]
        kw, sw = words / b["wall"], words / s["pipe"]
        print(
            f"| {w} | {kw:,.0f} | {b['wall']:.1f} s | {sw:,.0f} | {s['pipe']:.1f} s (+{s['load']:.1f} s load) "
            f"| {kw / sw:.2f}× | {b['cpu']:.0f}, {s['cpu']:.0f} | {s['cpu'] / b['cpu']:.2f}× "
            f"| {b['maxrss_kb'] / 2**20:.2f} / {b['tree_peak_kb'] / 2**20:.2f} GB |"
        )
    print()
    print(
        "CPU s: user + system seconds of the whole build and of spaCy's pipe; 'by CPU' is spaCy's "
        "seconds over kg's, the words/s ratio as it would be on an idle machine, steadier than wall "
        "time when other processes share the cores."
    )
    print()
    if len(args.workers) > 1:
        lo, hi = min(args.workers), max(args.workers)
        print(
            f"scaling {lo} -> {hi} workers: kg build {builds[lo]['wall'] / builds[hi]['wall']:.2f}×, "
            f"spaCy n_process {naive[lo]['pipe'] / naive[hi]['pipe']:.2f}×"
        )
    print(f"spaCy pipes: {', '.join(naive[args.workers[0]]['pipes'])}")
    for w in args.workers:
        print(f"workers {w}: {builds[w]['summary']}")
        print(
            f"  stages: {builds[w]['timings']} (kg build --timings; the rest is start-up and model loading)"
        )
    print()

    query_report(builds[max(args.workers)]["out"] / "store", f"{max(args.workers)}-worker build", args, work)


def query_report(store: Path, what: str, args: argparse.Namespace, work: Path) -> None:
    """The named queries' latencies on ``store`` (kg, Oxigraph SPARQL, rdflib) and the page's time."""
    entity = pick_entity(store)
    from kg import queries

    todo: list[tuple[str, str, dict[str, object]]] = []
    for name in queries.names():
        for variant in PARAMS.get(name, [{}]):
            params = {k: (entity if v == "ENTITY" else v) for k, v in variant.items()}
            label = name + (" (" + ", ".join(f"{k}={v}" for k, v in params.items()) + ")" if params else "")
            todo.append((label, name, params))
    ox_results: dict[str, dict[str, Any]] = {}
    for label, name, params in todo:
        try:
            ox_results[label] = child(
                "--_oxigraph",
                *(str(store), name, json.dumps(params), str(args.repeat), str(args.query_timeout)),
                timeout=args.query_timeout * 3 + 10,
            )
        except RuntimeError as e:
            ox_results[label] = {"error": str(e).splitlines()[0]}
    rd_results: dict[str, dict[str, Any]] = {}
    rd_load = ""
    if not args.no_rdflib:
        from kg.store import GraphStore

        nq = work / "graph.nq"
        gs = GraphStore.open(store)
        gs.raw.dump(str(nq), __import__("pyoxigraph").RdfFormat.N_QUADS)
        del gs
        r = subprocess.run(
            [
                PY,
                __file__,
                "--_rdflib",
                str(nq),
                json.dumps(todo),
                str(args.repeat),
                str(args.rdflib_timeout),
            ],
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        lines = [json.loads(ln) for ln in r.stdout.splitlines() if ln.startswith("{")]
        if lines:
            rd_load = f"rdflib loaded {lines[0]['quads']:,} quads in {lines[0]['load']:.1f} s"
        rd_results = {d["label"]: d for d in lines[1:]}

    print(f"## Named queries on the graph of the {what}")
    print()
    print(
        f"median of {args.repeat} runs after a warm-up (rdflib: as many as fit in {args.rdflib_timeout:.0f} s); "
        f"{entity!r} is the graph's most mentioned person or organisation"
    )
    if rd_load:
        print(rd_load)
    print()
    print(
        "kg: as `kg query` runs it (`GraphStore.run`: from the listings' answers the build keeps in "
        "store/views.sqlite when they can give it); Oxigraph SPARQL: the query's SPARQL run on the "
        "store (`GraphStore.select`), set beside rdflib's"
    )
    print()
    print(
        "| query | rows | kg | from | Oxigraph SPARQL | rdflib rows | rdflib | rdflib / kg | rdflib / Oxigraph |"
    )
    print("|---|---:|---:|---|---:|---:|---:|---:|---:|")
    for label, _, _ in todo:
        o, r2 = ox_results[label], rd_results.get(label)
        if "error" in o:
            print(f"| {label} | | failed: {o['error'][:80]} | | | | | | |")
            continue
        run_med = statistics.median(o["times"])
        run_cell = fmt_s(run_med)
        med = statistics.median(o["sparql_times"])
        kg_cell = fmt_s(med)
        rmed = None if r2 is None or "times" not in r2 else statistics.median(r2["times"])
        if r2 is None:
            rd, rows2 = "not run", ""
        elif "timeout" in r2:
            rd, rows2 = f"> {r2['timeout']:.0f} s", ""
        elif rmed is None:
            rd, rows2 = "failed", ""
        else:
            rd, rows2 = fmt_s(rmed), str(r2["rows"])
        ratios = []
        for base in (run_med, med):
            if rmed is not None:
                ratios.append(f"{rmed / max(base, 1e-4):,.0f}×")
            elif r2 is not None and "timeout" in r2:
                ratios.append(f"> {r2['timeout'] / max(base, 1e-4):,.0f}×")
            else:
                ratios.append("")
        print(
            f"| {label} | {o.get('rows', '')} | {run_cell} | {o['from']} | {kg_cell} | {rows2} | {rd} "
            f"| {ratios[0]} | {ratios[1]} |"
        )
    print()

    from kg.export import to_networkx
    from kg.page import write_page, write_timeline
    from kg.store import GraphStore

    gs = GraphStore.open(store)
    t = time.perf_counter()
    nxg = to_networkx(gs)
    t_nx = time.perf_counter() - t
    t = time.perf_counter()
    write_page(nxg, work / "graph.html", title="Bench", subtitle="bench")
    t_page = time.perf_counter() - t
    t = time.perf_counter()
    write_timeline(nxg, work / "timeline.html", title="Bench")
    t_tl = time.perf_counter() - t
    print("## Graph page")
    print()
    print(
        f"to_networkx {fmt_s(t_nx)} ({nxg.number_of_nodes():,} nodes, {nxg.number_of_edges():,} edges), "
        f"write_page {fmt_s(t_page)} ({(work / 'graph.html').stat().st_size / 1e6:.1f} MB), "
        f"write_timeline {fmt_s(t_tl)}"
    )
    print()
    print(f"load average at the end: {load()}")


if __name__ == "__main__":
    main()
