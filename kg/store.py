"""The embedded SPARQL store (Oxigraph on disk) and the query runner.

Named graphs hold one article each; queries see their union as the default
graph. Values are bound through substitutions, never pasted into query text.

>>> s = GraphStore.memory()
>>> s.load_quads([])
>>> s.select("SELECT (1 AS ?one) WHERE {}").rows
[('1',)]
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from .errors import QueryError, StoreError
from .vocab import CAMEO, DATA, KG

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


class GraphStore:
    """An Oxigraph store holding the story's named graphs."""

    def __init__(self, store: ox.Store, path: Path | None = None) -> None:
        self._store = store
        self.path = path

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
        except (OSError, RuntimeError) as e:
            raise StoreError(f"{path}: cannot open the store ({e}); is another process writing it?") from None
        return cls(store, path)

    @property
    def raw(self) -> ox.Store:
        return self._store

    def load_quads(self, quads: Iterable[ox.Quad]) -> None:
        self._store.bulk_extend(quads) if hasattr(self._store, "bulk_extend") else self._store.extend(quads)

    def __len__(self) -> int:
        return len(self._store)

    def query(self, sparql: str, params: Mapping[str, object] | None = None) -> Any:
        subs: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(k): to_term(v) for k, v in (params or {}).items()
        }
        try:
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
        """Write the store to ``path`` atomically; ``union`` merges the named graphs (Turtle)."""
        quads = self._store.quads_for_pattern(None, None, None, None)
        if union:
            seen: set[ox.Triple] = set()
            items: list[Any] = []
            for q in quads:
                t = q.triple
                if t not in seen:
                    seen.add(t)
                    items.append(t)
        else:
            items = list(quads)
        atomic_write(path, ox.serialize(items, format=fmt, prefixes=PREFIXES) or b"")

    def flush(self) -> None:
        self._store.flush()


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, never half-written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
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
