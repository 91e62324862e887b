"""Load on the SPARQL endpoint: concurrent clients running the named queries, on loopback only.

Builds a folder of articles (seeds/ by default), starts `kg serve` on a free
127.0.0.1 port, sends a fixed number of requests from N client threads, and
prints the error count and latency percentiles. A benchmark, not a test: the
figures depend on the machine.

    .venv/bin/python bench/load_bench.py --clients 50 --requests 2000
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import tempfile
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from kg import queries
from kg.pipeline import build
from kg.serve import Server

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def one(url: str, text: str) -> tuple[float, bool]:
    body = urllib.parse.urlencode({"query": text}).encode()
    req = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json"})
    t0 = time.perf_counter()
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            r.read()
            ok = r.status == 200
    except OSError:
        ok = False
    return time.perf_counter() - t0, ok


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("articles", nargs="?", default=str(ROOT / "seeds"))
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=2000, help="total requests (bounded)")
    args = ap.parse_args()

    # Only the queries that need no parameter: over HTTP nothing binds them.
    texts = {
        n: queries.with_prefixes(queries.get(n).text) for n in queries.names() if not queries.get(n).required
    }
    with tempfile.TemporaryDirectory() as tmp:
        build([Path(args.articles)], Path(tmp), page=False)
        with Server(Path(tmp) / "store", port=free_port()) as srv:
            jobs = [texts[n] for n in sorted(texts)] * (args.requests // len(texts) + 1)
            jobs = jobs[: args.requests]
            t0 = time.perf_counter()
            with ThreadPoolExecutor(max_workers=args.clients) as pool:
                results = list(pool.map(lambda t: one(srv.query_url, t), jobs))
            wall = time.perf_counter() - t0
    lat = sorted(r[0] for r in results)
    errors = sum(not r[1] for r in results)
    p99 = lat[min(len(lat) - 1, int(0.99 * len(lat)))]
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}")
    print(f"{len(results)} requests, {args.clients} concurrent clients, {len(texts)} named queries")
    print(f"errors: {errors}")
    print(f"latency median {statistics.median(lat) * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms")
    print(f"throughput {len(results) / wall:.0f} requests/s")


if __name__ == "__main__":
    main()
