"""kg serve: the built store as a read-only SPARQL 1.1 Protocol endpoint (Oxigraph's server).

Every server here listens on a free loopback port and is stopped by the test.
"""

from __future__ import annotations

import contextlib
import csv
import gc
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from conftest import free_port, hand_graph
from SPARQLWrapper import JSON, POST, SPARQLWrapper

from kg import mapping, queries
from kg.errors import ServerError, StoreError
from kg.serve import Server, check_version, command, oxigraph_binary
from kg.store import GraphStore, replace_dir

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CURL = shutil.which("curl")


@pytest.fixture(scope="module")
def served(seeds_build: Path) -> Iterator[Server]:
    with Server(seeds_build / "store", port=free_port(), timeout=30) as server:
        yield server


def http(
    url: str,
    *,
    data: bytes | None = None,
    headers: dict[str, str] | None = None,
    method: str | None = None,
    timeout: float = 60,
) -> tuple[int, str, str]:
    """Status, content type and body of one request; HTTP errors are answers too."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as r:
            return r.status, r.headers.get("Content-Type", ""), r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers.get("Content-Type", ""), e.read().decode("utf-8", "replace")


def count(url: str) -> int:
    _, _, body = http(f"{url}?{urllib.parse.urlencode({'query': COUNT})}", headers={"Accept": "text/csv"})
    return int(body.split()[1])


def kg_serve(store: Path, port: int, *extra: str) -> subprocess.Popen[str]:
    """`kg serve` in a subprocess, once it answers."""
    kg = Path(sys.executable).with_name("kg")
    proc = subprocess.Popen(
        [str(kg), "serve", "--store", str(store), "--port", str(port), *extra],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        try:
            count(f"http://127.0.0.1:{port}/query")
            return proc
        except (OSError, IndexError, ValueError):
            time.sleep(0.1)
    proc.kill()
    raise AssertionError("kg serve did not answer within 60 s")


def stop(proc: subprocess.Popen[str]) -> str:
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    return err


def port_closed(port: int) -> bool:
    import socket

    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


# ------------------------------------------------------------------ the server program
def test_oxigraph_is_the_series_of_pyoxigraph() -> None:
    version = check_version(oxigraph_binary())
    assert version.split(".")[:2] == ox.__version__.split(".")[:2]


def test_command_is_read_only_on_loopback_by_default(tmp_path: Path) -> None:
    cmd = command(tmp_path, binary="oxigraph")
    assert cmd[1] == "serve-read-only" and "127.0.0.1:7878" in cmd
    assert cmd[cmd.index("--timeout-s") + 1] == "30" and "--union-default-graph" in cmd
    assert "--timeout-s" not in command(tmp_path, binary="oxigraph", timeout=0)


def test_missing_store_and_taken_port(tmp_path: Path, served: Server) -> None:
    with pytest.raises(StoreError, match="kg build"):
        Server(tmp_path / "nothing").start()
    with pytest.raises(ServerError, match="--port"):
        Server(served.store, port=served.port).start()


# ------------------------------------------------------------------ the protocol
def test_sparqlwrapper_select_matches_the_local_store(served: Server, seeds_store: GraphStore) -> None:
    text = queries.with_prefixes(queries.get("entities").text)
    for method in ("GET", POST):
        sw = SPARQLWrapper(served.query_url)
        sw.setQuery(text)
        sw.setReturnFormat(JSON)
        sw.setMethod(method)
        answer: Any = sw.query().convert()  # a dict for JSON
        bindings = answer["results"]["bindings"]
        remote = [(b["label"]["value"], b["type"]["value"], b["mentions"]["value"]) for b in bindings]
        local = [(r[0], r[1], r[2]) for r in seeds_store.select(queries.get("entities").text).rows]
        assert remote == local
        assert ("Pete Hegseth", "Person") in {(label, kind) for label, kind, _ in remote}


@pytest.mark.skipif(CURL is None, reason="curl is not installed")
@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize(
    "accept",
    [
        "application/sparql-results+json",
        "application/sparql-results+xml",
        "text/csv",
        "text/tab-separated-values",
    ],
)
def test_curl_every_result_format(method: str, accept: str, served: Server, seeds_store: GraphStore) -> None:
    args = [str(CURL), "-sS", "--fail", "-H", f"Accept: {accept}", "--data-urlencode", f"query={COUNT}"]
    args += ["-G"] if method == "GET" else ["-X", "POST"]
    body = subprocess.run(
        [*args, served.query_url], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    if accept.endswith("json"):
        n = json.loads(body)["results"]["bindings"][0]["n"]["value"]
    elif accept.endswith("xml"):
        ns = {"r": "http://www.w3.org/2005/sparql-results#"}
        literal = ET.fromstring(body).find(".//r:binding[@name='n']/r:literal", ns)
        assert literal is not None
        n = literal.text
    elif accept == "text/csv":
        n = list(csv.reader(io.StringIO(body)))[1][0]
    else:
        header, value = body.strip().splitlines()
        assert header == "?n"
        n = value.split("^^")[0].strip('"')
    assert int(n) == len(seeds_store)


def test_sparql_query_body_post(served: Server) -> None:
    status, ctype, body = http(
        served.query_url,
        data=COUNT.encode(),
        method="POST",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert status == 200 and ctype.startswith("text/csv") and body.startswith("n")


def test_updates_are_refused(served: Server, seeds_store: GraphStore) -> None:
    before = count(served.query_url)
    status, _, _ = http(
        f"{served.url}/update",
        data=b"DROP ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert status == 403
    status, _, _ = http(
        served.query_url,
        data=b"DROP ALL",
        method="POST",
        headers={"Content-Type": "application/sparql-update"},
    )
    assert status in {400, 415}  # an update is not a query
    status, _, _ = http(
        f"{served.store_url}?graph=http://example.org/g",
        data=b"<a:a> <a:b> <a:c> .",
        method="PUT",
        headers={"Content-Type": "application/n-triples"},
    )
    assert status == 403
    sw = SPARQLWrapper(served.query_url, updateEndpoint=f"{served.url}/update")
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        sw.query()
    assert refused.value.code == 403
    assert count(served.query_url) == before == len(seeds_store)


def test_a_runaway_query_is_cut_by_the_timeout(seeds_build: Path) -> None:
    # ~1.6e9 solutions: minutes of work without a limit.
    runaway = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    with Server(seeds_build / "store", port=free_port(), timeout=1) as server:
        started = time.monotonic()
        status, _, body = http(
            f"{server.query_url}?{urllib.parse.urlencode({'query': runaway})}",
            headers={"Accept": "text/csv"},
            timeout=120,
        )
        elapsed = time.monotonic() - started
        # Results stream, so the status (200) went out first; the body ends in the cancellation.
        assert status == 200 and elapsed < 30, elapsed
        assert "cancelled" in body and not any(line.isdigit() for line in body.splitlines())
        assert count(server.query_url) > 0  # and the server goes on serving


# ------------------------------------------------------------------ kg serve, the command
def test_kg_serve_survives_a_crashing_query_and_stops_cleanly(seeds_build: Path) -> None:
    port = free_port()
    proc = kg_serve(seeds_build, port, "--timeout", "60")
    url = f"http://127.0.0.1:{port}/query"
    try:
        # Oxigraph 0.5 panics (and exits) sorting a column that mixes numbers and number-like strings.
        crash = (
            "SELECT ?o ?o2 WHERE { ?s ?p ?o . ?s2 ?p2 ?o2 FILTER(isLiteral(?o) && isLiteral(?o2)) } "
            "ORDER BY ?o ?o2"
        )
        with contextlib.suppress(OSError):  # the connection dies with the server
            http(
                f"{url}?{urllib.parse.urlencode({'query': crash})}",
                headers={"Accept": "text/csv"},
                timeout=120,
            )
        deadline = time.monotonic() + 60
        while True:
            try:
                assert count(url) > 0
                break
            except (OSError, IndexError, ValueError):
                assert time.monotonic() < deadline, "the endpoint did not come back"
                time.sleep(0.2)
    finally:
        err = stop(proc)
    assert proc.returncode == 0, err
    assert "serving" in err and "stopped" in err
    assert port_closed(port)


def test_kg_serve_follows_a_rebuild(tmp_path: Path) -> None:
    def make(path: Path, extra: int) -> None:
        store = GraphStore(ox.Store(str(path)), path)
        store.load_quads(mapping.quads(hand_graph()))
        g = ox.NamedNode("https://w3id.org/kg-news/id/graph/extra")
        store.load_quads(
            ox.Quad(
                ox.NamedNode(f"http://example.org/{i}"),
                ox.NamedNode("http://example.org/p"),
                ox.Literal(str(i)),
                g,
            )
            for i in range(extra)
        )
        store.flush()
        del store
        gc.collect()  # the writer must be gone before a reader opens the folder

    build = tmp_path / "build"
    build.mkdir()
    make(build / "store", 0)
    port = free_port()
    proc = kg_serve(build, port)
    url = f"http://127.0.0.1:{port}/query"
    try:
        before = count(url)
        make(build / ".new-store", 10)
        replace_dir(build / ".new-store", build / "store")
        deadline = time.monotonic() + 60
        while True:
            try:
                if count(url) == before + 10:
                    break
            except (OSError, IndexError, ValueError):
                pass
            assert time.monotonic() < deadline, "the new store was not served"
            time.sleep(0.2)
    finally:
        err = stop(proc)
    assert "rebuilt" in err
    assert not os.path.exists(build / ".store.old")
