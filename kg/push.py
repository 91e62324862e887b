"""Send the built graph to a SPARQL 1.1 Graph Store Protocol endpoint, one named graph per article.

Each named graph of the store (one per article, plus the CAMEO scheme) is sent
with ``PUT URL?graph=G`` as N-Triples, so pushing again replaces those graphs
and leaves the server's other graphs alone. A graph removed from the story is
not deleted on the server. Only the standard library is used (urllib).

>>> graph_url("http://localhost:7878/store", "https://w3id.org/kg-news/id/graph/a1")
'http://localhost:7878/store?graph=https%3A%2F%2Fw3id.org%2Fkg-news%2Fid%2Fgraph%2Fa1'
"""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urlencode, urlsplit

import pyoxigraph as ox

from .errors import PushError
from .store import GraphStore

N_TRIPLES = "application/n-triples"


@dataclass(frozen=True)
class PushResult:
    """What was sent: the number of graphs and of quads."""

    graphs: int
    quads: int


def graph_url(url: str, graph: str | None) -> str:
    """The Graph Store Protocol address of ``graph`` (None: the default graph) at endpoint ``url``."""
    query = urlencode({"graph": graph}) if graph is not None else "default"
    return f"{url}{'&' if urlsplit(url).query else '?'}{query}"


def push(
    store: GraphStore,
    url: str,
    *,
    timeout: float = 120.0,
    headers: Mapping[str, str] | None = None,
    progress: Callable[[str, int], None] | None = None,
) -> PushResult:
    """PUT every graph of ``store`` to the Graph Store endpoint ``url`` (e.g. Oxigraph's ``http://host:7878/store``).

    ``headers`` are added to every request (e.g. ``{"Authorization": "Bearer …"}``);
    ``progress(graph, quads)`` is called after each graph.

    >>> push(GraphStore.memory(), "ftp://example.org/store")
    Traceback (most recent call last):
    ...
    kg.errors.PushError: ftp://example.org/store: not an http(s) address; give the endpoint's URL, e.g. http://localhost:7878/store
    """
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc:
        raise PushError(
            f"{url}: not an http(s) address; give the endpoint's URL, e.g. http://localhost:7878/store"
        )
    raw = store.raw
    graphs: list[ox.NamedNode | ox.BlankNode | None] = sorted(raw.named_graphs(), key=str)
    if next(iter(raw.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None:
        graphs.append(None)
    sent = 0
    for g in graphs:
        if isinstance(g, ox.BlankNode):
            continue  # a blank graph name has no address outside this store; kg never makes one
        name = None if g is None else str(g.value)
        triples = [
            q.triple
            for q in raw.quads_for_pattern(None, None, None, g if g is not None else ox.DefaultGraph())
        ]
        body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
        _put(url, name, body, timeout, headers or {})
        sent += len(triples)
        if progress is not None:
            progress(name or "default graph", len(triples))
    return PushResult(graphs=len(graphs), quads=sent)


def _put(url: str, name: str | None, body: bytes, timeout: float, headers: Mapping[str, str]) -> None:
    target = graph_url(url, name)
    request = urllib.request.Request(
        target, data=body, method="PUT", headers={"Content-Type": N_TRIPLES, **headers}
    )
    what = f"graph <{name}>" if name else "the default graph"
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as e:
        detail = e.read(300).decode("utf-8", "replace").strip()
        raise PushError(
            f"{url}: the server refused {what} with HTTP {e.code} {e.reason}"
            f"{': ' + detail if detail else ''}; check that the URL is a writable Graph Store "
            "endpoint (Oxigraph: http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data)"
        ) from None
    except (urllib.error.URLError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise PushError(
            f"{url}: cannot send {what} ({reason}); is the server running at that address?"
        ) from None


__all__ = ["PushResult", "graph_url", "push"]
