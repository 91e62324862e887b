"""The embedded SPARQL store (Oxigraph on disk) and the query runner.

Named graphs hold one article each; queries see their union as the default
graph. Values are bound through substitutions, never pasted into query text.

The union is kept as a second store (``union/`` inside the store folder) that
holds every distinct triple once. Oxigraph 0.5 answers queries over its own
union default graph with one row per graph holding a triple (oxigraph#1919),
so an entity named in n articles multiplies a join by n per pattern; over the
kept union a query sees each triple once, as SPARQL's RDF merge says. Queries
that name graphs (``GRAPH``, ``FROM``) still run on the quads.

>>> s = GraphStore.memory()
>>> s.load_quads([])
>>> s.select("SELECT (1 AS ?one) WHERE {}").rows
[('1',)]
"""

from __future__ import annotations

import contextlib
import itertools
import os
import re
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .vocab import CAMEO, DATA, KG

if TYPE_CHECKING:
    from .queries import NamedQuery
    from .views import Answer, Views

PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "id": str(DATA),
    "cameo": str(CAMEO),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "prov": "http://www.w3.org/ns/prov#",
    "schema": "https://schema.org/",
    "owl": "http://www.w3.org/2002/07/owl#",
}


@dataclass(frozen=True)
class Rows:
    """A SELECT result: variable names and rows of plain strings (None when unbound)."""

    columns: tuple[str, ...]
    rows: list[tuple[str | None, ...]]

    def table(self) -> str:
        """A plain-text table for the terminal."""
        cells = [list(self.columns)] + [[c if c is not None else "" for c in r] for r in self.rows]
        widths = [min(60, max(len(row[i]) for row in cells)) for i in range(len(self.columns))]
        out = []
        for n, row in enumerate(cells):
            out.append("  ".join(_cut(c, w).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
            if n == 0:
                out.append("  ".join("-" * w for w in widths))
        out.append(f"({len(self.rows)} rows)")
        return "\n".join(out)


def _cut(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def term_value(term: Any) -> str | None:
    """The lexical value of an Oxigraph term (IRI, literal or blank node)."""
    if term is None:
        return None
    return str(term.value)


def to_term(value: object) -> ox.NamedNode | ox.Literal:
    """A Python value as an RDF term for binding: IRIs stay IRIs, the rest are literals.

    >>> to_term(3).datatype.value
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    if isinstance(value, (ox.NamedNode, ox.Literal)):
        return value
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=ox.NamedNode(PREFIXES["xsd"] + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(PREFIXES["xsd"] + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(PREFIXES["xsd"] + "decimal"))
    text = str(value)
    if text.startswith(("http://", "https://")) and " " not in text:
        return ox.NamedNode(text)
    return ox.Literal(text)


# The folder, inside a store's folder, of the store holding the union of its graphs.
UNION_DIR = "union"
# IRIs, strings and comments, blanked before looking for the keywords that name graphs.
_NOT_KEYWORDS = re.compile(
    r"<[^<>\s]*>"  # IRIs
    r'|"""[\s\S]*?"""'  # long strings
    r"|'''[\s\S]*?'''"
    r'|"(?:[^"\\\n]|\\.)*"'  # strings
    r"|'(?:[^'\\\n]|\\.)*'"
    r"|#[^\n]*"  # comments
)
_GRAPH_KEYWORDS = re.compile(r"(?<![\w:?$])(?:GRAPH|FROM)(?![\w:])", re.IGNORECASE)


def names_graphs(sparql: str) -> bool:
    """Whether a query reads named graphs (``GRAPH``, ``FROM``), so the kept union cannot answer it.

    >>> names_graphs("SELECT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    True
    >>> names_graphs('# the graph page\\nSELECT ?graph WHERE { ?graph kg:from "GRAPH" }')
    False
    """
    return bool(_GRAPH_KEYWORDS.search(_NOT_KEYWORDS.sub(" ", sparql)))


class GraphStore:
    """An Oxigraph store holding the story's named graphs, and the store of their union.

    ``union`` is None for a store written without it (an older build, or quads added before
    ``load_quads``): queries then fall back to Oxigraph's union default graph.
    """

    def __init__(self, store: ox.Store, path: Path | None = None, union: ox.Store | None = None) -> None:
        self._store = store
        self.path = path
        self._union = union
        self._views: Views | None = None
        self._views_read = False

    def views(self) -> Views | None:
        """The listings' answers the build kept beside the store (kg.views), if any."""
        if not self._views_read:
            from .views import VIEWS_FILE, Views

            self._views = Views.open(self.path / VIEWS_FILE) if self.path is not None else None
            self._views_read = True
        return self._views

    def answer(self, named: NamedQuery, params: Mapping[str, object] | None = None) -> Answer | None:
        """A library query's answer from the kept views; None when they cannot give it."""
        views = self.views()
        return views.answer(named, params or {}, self) if views is not None else None

    def run(self, named: NamedQuery, params: Mapping[str, object] | None = None) -> Rows:
        """A library query's rows: from the kept views when they can give them, else from the store.

        >>> from kg import queries
        >>> GraphStore.memory().run(queries.get("ages")).rows
        []
        """
        kept = self.answer(named, params)
        if kept is not None:
            return Rows(kept.columns, kept.rows())
        return self.select(named.text, params)

    @classmethod
    def memory(cls) -> GraphStore:
        return cls(ox.Store())

    @classmethod
    def open(cls, path: Path, read_only: bool = True) -> GraphStore:
        """Open the store in ``path`` (a folder made by ``kg build``)."""
        previous = _previous(path)
        if not path.is_dir() and read_only and previous.is_dir():
            # A build was killed between the two renames of replace_dir: the previous store is whole.
            path = previous
        if not path.is_dir():
            raise StoreError(
                f"{path}: no graph store here; run 'kg build ARTICLES --out {path.parent}' first"
            )
        try:
            store = ox.Store.read_only(str(path)) if read_only else ox.Store(str(path))
            u = path / UNION_DIR
            union = (ox.Store.read_only(str(u)) if read_only else ox.Store(str(u))) if u.is_dir() else None
        except (OSError, RuntimeError) as e:
            raise StoreError(f"{path}: cannot open the store ({e}); is another process writing it?") from None
        return cls(store, path, union)

    @property
    def raw(self) -> ox.Store:
        return self._store

    def load_quads(self, quads: Iterable[ox.Quad], chunk: int = 200_000) -> None:
        """Add ``quads`` (streamed, ``chunk`` at a time) and their triples to the union store."""
        with self.loader() as load:
            stream = iter(quads)
            while batch := list(itertools.islice(stream, chunk)):
                load(batch, None)

    @contextlib.contextmanager
    def loader(self) -> Iterator[Callable[[list[ox.Quad], bytes | None], None]]:
        """A function that adds a chunk of quads, and their triples to the union store.

        Oxigraph loads without holding the GIL, so a chunk goes into the two stores on two
        threads while the caller makes the next one; the block waits for the last. Given the
        chunk's union as Turtle (``GraphFiles.write`` returns it), the union store parses that
        instead of Python making a default-graph copy of every quad. The union store is
        started only on an empty store, so it never misses earlier quads.
        """
        if (
            self._union is None
            and next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None
        ):
            self._union = ox.Store(str(self.path / UNION_DIR)) if self.path is not None else ox.Store()
        from concurrent.futures import Future, ThreadPoolExecutor

        pending: list[Future[None]] = []
        union = self._union

        def load(quads: list[ox.Quad], union_turtle: bytes | None = None) -> None:
            nonlocal pending
            copy = None
            if union is not None and union_turtle is None:
                default = ox.DefaultGraph()
                # The store is a set: a triple of many article graphs is kept once.
                copy = [ox.Quad(q.subject, q.predicate, q.object, default) for q in quads]
            for f in pending:
                f.result()
            pending = [loaders.submit(self._store.bulk_extend, quads)]
            if union is not None and union_turtle is not None:
                pending.append(loaders.submit(union.bulk_load, union_turtle, ox.RdfFormat.TURTLE))
            elif union is not None and copy is not None:
                pending.append(loaders.submit(union.bulk_extend, copy))

        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-load") as loaders:
            yield load
            for f in pending:
                f.result()

    def __len__(self) -> int:
        return len(self._store)

    def objects(self, subject: str, predicate: str) -> Iterator[str]:
        """The values of ``predicate`` on the IRI ``subject``, each once, read lazily from the index.

        >>> s = GraphStore.memory()
        >>> s.load_quads([ox.Quad(ox.NamedNode("http://e/a"), ox.NamedNode("http://e/p"), ox.Literal("x"))])
        >>> list(s.objects("http://e/a", "http://e/p"))
        ['x']
        """
        source = self._union if self._union is not None else self._store
        seen: set[str] = set()
        for q in source.quads_for_pattern(ox.NamedNode(subject), ox.NamedNode(predicate), None, None):
            value = str(term_value(q.object))
            if value not in seen:
                seen.add(value)
                yield value

    def query(self, sparql: str, params: Mapping[str, object] | None = None) -> Any:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_term(v) for k, v in (params or {}).items()
        }
        on_union = self._union is not None and not names_graphs(sparql)
        try:
            if on_union:
                assert self._union is not None
                return self._union.query(sparql, prefixes=PREFIXES, substitutions=subs)
            return self._store.query(
                sparql, prefixes=PREFIXES, use_default_graph_as_union=True, substitutions=subs
            )
        except SyntaxError as e:
            raise QueryError(
                f"the query does not parse: {e}; fix the SPARQL at that line and column"
            ) from None
        except OSError as e:
            raise QueryError(f"the query failed: {e}") from None
        except RuntimeError as e:
            # Oxigraph refuses to bind a variable the SELECT clause does not project.
            missing = next((k for k in subs if f"?{k.value} " in f"{e} "), None)
            if missing is not None:
                raise QueryError(
                    f"cannot bind ?{missing.value}: the query does not SELECT it; add ?{missing.value} to the "
                    f"SELECT clause or drop the parameter {missing.value!r}"
                ) from None
            raise QueryError(f"the query failed: {e}") from None

    def select(self, sparql: str, params: Mapping[str, object] | None = None) -> Rows:
        result = self.query(sparql, params)
        if isinstance(result, (bool, ox.QueryBoolean)):  # pyoxigraph 0.5 answers ASK with a QueryBoolean
            return Rows(("ask",), [("true" if result else "false",)])
        if isinstance(result, ox.QuerySolutions):
            cols = tuple(v.value for v in result.variables)
            rows = [tuple(term_value(sol[c]) for c in cols) for sol in result]
            return Rows(cols, rows)
        # CONSTRUCT / DESCRIBE: triples as rows.
        return Rows(
            ("subject", "predicate", "object"),
            [(str(t.subject.value), str(t.predicate.value), str(t.object.value)) for t in result],
        )

    def serialize_results(self, sparql: str, fmt: str, params: Mapping[str, object] | None = None) -> bytes:
        """The result in a standard format: csv, tsv, json, xml (SELECT/ASK) or ttl/nt (CONSTRUCT)."""
        result = self.query(sparql, params)
        if isinstance(result, ox.QueryTriples):
            rdf = {"ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}.get(fmt, ox.RdfFormat.N_TRIPLES)
            return ox.serialize(result, format=rdf, prefixes=PREFIXES) or b""
        formats = {
            "csv": ox.QueryResultsFormat.CSV,
            "tsv": ox.QueryResultsFormat.TSV,
            "json": ox.QueryResultsFormat.JSON,
            "xml": ox.QueryResultsFormat.XML,
        }
        if fmt not in formats:
            raise QueryError(f"unknown result format {fmt!r}; use one of {', '.join(formats)}")
        return bytes(result.serialize(format=formats[fmt]))

    def dump(self, path: Path, fmt: ox.RdfFormat, union: bool = False) -> None:
        """Write the store to ``path`` atomically; ``union`` merges the named graphs (Turtle).

        Oxigraph writes the file itself, without the GIL: nothing of the size of the graph is
        held in Python, and two dumps (or a dump and other work) run in parallel threads.
        """
        with atomic_path(path) as tmp:
            if union and self._union is not None:
                self._union.dump(str(tmp), fmt, from_graph=ox.DefaultGraph(), prefixes=PREFIXES)
            elif union:
                seen: set[ox.Triple] = set()
                items: list[Any] = []
                for q in self._store.quads_for_pattern(None, None, None, None):
                    t = q.triple
                    if t not in seen:
                        seen.add(t)
                        items.append(t)
                ox.serialize(items, str(tmp), format=fmt, prefixes=PREFIXES)
            else:
                self._store.dump(str(tmp), fmt, prefixes=PREFIXES)

    def flush(self) -> None:
        self._store.flush()
        if self._union is not None:
            self._union.flush()


def to_csv(columns: Sequence[str], rows: Iterable[Sequence[str | None]]) -> bytes:
    r"""Rows as SPARQL 1.1 CSV results: a header of the variables, values only, CRLF line ends.

    >>> to_csv(["a", "b"], [("x, y", None)])
    b'a,b\r\n"x, y",\r\n'
    """
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows(["" if v is None else v for v in row] for row in rows)
    return buf.getvalue().encode("utf-8")


def atomic_write(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, never half-written.

    ``sync=False`` skips the fsync: for files that may be lost in a power cut but never torn
    by a killed process (a cache).
    """
    with atomic_path(path, sync=sync) as tmp:
        tmp.write_bytes(data)


@contextlib.contextmanager
def atomic_writer(path: Path) -> Iterator[IO[bytes]]:
    """A binary file that replaces ``path`` when the block ends without an error, never half-written.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_writer(target) as fh:
    ...     _ = fh.write(b"whole")
    >>> target.read_bytes()
    b'whole'
    """
    with atomic_path(path) as tmp, tmp.open("wb") as fh:
        yield fh


@contextlib.contextmanager
def atomic_path(path: Path, *, sync: bool = True) -> Iterator[Path]:
    """A temporary file beside ``path`` to write by name; it replaces ``path`` (synced) when the
    block ends without an error, and is removed when it does not.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with atomic_path(target) as tmp:
    ...     _ = tmp.write_text("whole")
    >>> target.read_text()
    'whole'
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # Not mkstemp: its files are private (0600); an output gets the usual mode the umask allows.
    while True:
        tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}")
        try:
            os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
            break
        except FileExistsError:
            continue
    try:
        yield tmp
        if sync:
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _previous(target: Path) -> Path:
    return target.with_name(f".{target.name}.old")


def is_locked(store_dir: Path) -> bool:
    """Whether another process holds the store's write lock (RocksDB locks its LOCK file)."""
    import fcntl

    lock = store_dir / "LOCK"
    if not lock.exists():
        return False
    try:
        with lock.open("a") as fh:
            fcntl.lockf(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
            fcntl.lockf(fh, fcntl.LOCK_UN)
    except OSError:
        return True
    return False


def replace_dir(new: Path, target: Path) -> None:
    """Swap folder ``new`` into place at ``target``; the old one is removed after.

    Two renames, so a kill between them leaves no ``target``, only its previous version
    (``.NAME.old``): readers fall back to that, and the next swap keeps it until ``new`` is in.
    """
    if is_locked(target):
        raise StoreError(
            f"{target}: the store is open for writing in another process; stop that process "
            "(or build with another --out) and build again"
        )
    old = _previous(target)
    if old.exists():
        if target.exists():
            shutil.rmtree(old)
        else:
            os.replace(old, target)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    if old.exists():
        shutil.rmtree(old, ignore_errors=True)
