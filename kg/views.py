"""Answers of the library's listing queries, computed once per build and kept beside the store.

A listing (every event, every pair of actors named together) reads tens of thousands of rows
back from Oxigraph and sorts them: seconds on a corpus the size of Reuters-21578. The build runs
each library query that needs no parameter once and keeps its rows, in order, in SQLite
(``views.sqlite`` in the store's folder). A later run of that query, or of one whose parameters
only narrow those rows (its ``# view-filter`` lines), reads them from there.

Each listing is kept twice: as a table, which an entity's rows are looked up in through an
index, and whole, as one ``marshal`` blob with every repeated string stored once. Reading the
blob gives all rows about five times sooner than SQLite hands them over one by one (175,000
pairs of co-occurring actors: 40 ms against 215 ms), since most cells repeat a name, an IRI or a
small count. The blob is only ever read from a file this library wrote for the same store.

Each view records a digest of its query's text: after the library changes, a stale view is
ignored and the query runs on the store. Each cell keeps its value and its kind (IRI, blank
node, datatype or language), so typed answers (``Story.query``) come back as from the store.

>>> import tempfile
>>> from kg.store import GraphStore
>>> path = Path(tempfile.mkdtemp()) / VIEWS_FILE
>>> _ = materialize(GraphStore.memory(), path)
>>> views = Views.open(path)
>>> views is not None and views.answer(queries.get("ages"), {}, GraphStore.memory()).rows()
[]
"""

from __future__ import annotations

import hashlib
import json
import marshal
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from . import queries
from .errors import StoreError

if TYPE_CHECKING:
    from .store import GraphStore

# The file, inside a store's folder, holding the views of its listings.
VIEWS_FILE = "views.sqlite"
_IRI, _BNODE = "", "_"
# The text Oxigraph's xsd:double() cast takes (Rust's float syntax: "1.", "-inf", "NaN" in any
# case); Python's float() takes more ("1_000", " 12 ", other scripts' digits).
_XSD_DOUBLE = re.compile(
    r"[+-]?(?:[0-9]+\.?[0-9]*(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)",
    re.IGNORECASE,
)


def digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Answer:
    """A query's answer read from a view: its columns, its rows of values, and their kinds.

    A kind is "" for an IRI, "_" for a blank node, "@lang" for a language-tagged string and
    the datatype IRI for any other literal. A column whose cells are all of one kind has it in
    ``kinds``; the others have None there, and each row then ends with its kinds for them, in
    column order, after the values.
    """

    columns: tuple[str, ...]
    kinds: tuple[str | None, ...]
    cells: list[tuple[str | None, ...]]

    def rows(self) -> list[tuple[str | None, ...]]:
        """The values alone, as ``GraphStore.select`` gives them."""
        n = len(self.columns)
        if all(k is not None for k in self.kinds):
            return self.cells
        return [row[:n] for row in self.cells]

    def typed(self) -> Iterator[list[tuple[str | None, str | None]]]:
        """Each row as (value, kind) pairs; the kind is None where the value is unbound."""
        n, mixed = len(self.columns), [i for i, k in enumerate(self.kinds) if k is None]
        for row in self.cells:
            kinds = list(self.kinds)
            for j, i in enumerate(mixed):
                kinds[i] = row[n + j]
            yield [(v, k if v is not None else None) for v, k in zip(row[:n], kinds, strict=True)]


def cell(term: Any) -> tuple[str | None, str | None]:
    """An Oxigraph term as a view's (value, kind) pair.

    >>> import pyoxigraph as ox
    >>> cell(ox.Literal("3", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))
    ('3', 'http://www.w3.org/2001/XMLSchema#integer')
    >>> cell(ox.NamedNode("http://e/a")), cell(None)
    (('http://e/a', ''), (None, None))
    """
    import pyoxigraph as ox

    if term is None:
        return None, None
    if isinstance(term, ox.NamedNode):
        return term.value, _IRI
    if isinstance(term, ox.BlankNode):
        return term.value, _BNODE
    if isinstance(term, ox.Literal):
        return term.value, f"@{term.language}" if term.language else term.datatype.value
    return str(term), _IRI  # a quoted triple: kept as its text


def listings() -> list[queries.NamedQuery]:
    """The library queries that run without parameters: the ones a view can hold."""
    return [q for q in queries.library().values() if not q.required]


def materialize(store: GraphStore, path: Path) -> dict[str, float]:
    """Run every listing on ``store`` and write their rows to ``path``; seconds taken per query.

    Written through a temporary file: a reader sees the old views or the new, never half.
    """
    from .store import atomic_path

    seconds: dict[str, float] = {}
    with atomic_path(path, sync=False) as tmp:
        db = sqlite3.connect(tmp)
        try:
            db.execute("CREATE TABLE view (name TEXT PRIMARY KEY, digest TEXT, columns TEXT, kinds TEXT)")
            db.execute("CREATE TABLE whole (name TEXT PRIMARY KEY, cells BLOB)")
            for named in listings():
                start = time.perf_counter()
                _keep(db, named, store)
                seconds[named.name] = time.perf_counter() - start
            db.commit()
        finally:
            db.close()
    return seconds


def _keep(db: sqlite3.Connection, named: queries.NamedQuery, store: GraphStore) -> None:
    """Run ``named`` on ``store`` and keep its rows, in order, as a table of ``db``."""
    result = store.query(named.text)
    columns = tuple(v.value for v in result.variables)
    n, table = len(columns), _table(named.name)
    every = ", ".join([f"v{i}" for i in range(n)] + [f"k{i}" for i in range(n)])
    db.execute(f"CREATE TEMP TABLE answer ({every})")
    db.executemany(
        f"INSERT INTO answer VALUES ({', '.join('?' * (2 * n))})",
        (_flat([cell(sol[c]) for c in columns]) for sol in result),
    )
    # A column of one kind keeps it once: reading half the cells back halves the time it takes.
    kinds: list[str | None] = []
    for i in range(n):
        seen = db.execute(f"SELECT DISTINCT k{i} FROM answer WHERE k{i} IS NOT NULL LIMIT 2").fetchall()
        kinds.append(seen[0][0] if len(seen) == 1 else "" if not seen else None)
    kept = [f"v{i}" for i in range(n)] + [f"k{i}" for i in range(n) if kinds[i] is None]
    db.execute(f"CREATE TABLE {table} AS SELECT {', '.join(kept)} FROM answer ORDER BY rowid")
    db.execute("DROP TABLE answer")
    db.execute(
        "INSERT INTO whole VALUES (?, ?)",
        (named.name, _packed(db.execute(f"SELECT * FROM {table} ORDER BY rowid"))),
    )
    # The columns that narrow a view to an entity's rows are looked up, not scanned.
    for how, tested in named.view_filters.values():
        if how == "names":
            for col in tested:
                i = columns.index(col)
                db.execute(f"CREATE INDEX {table}_{i} ON {table} (v{i})")
    db.execute(
        "INSERT INTO view VALUES (?, ?, ?, ?)",
        (named.name, digest(named.text), json.dumps(columns), json.dumps(kinds)),
    )


def _packed(rows: Iterator[tuple[Any, ...]]) -> bytes:
    """The rows as one marshal blob, each distinct string written once and then referred to.

    >>> rows = [("a", "x", None), ("a", "y", None)]
    >>> marshal.loads(_packed(iter(rows))) == rows
    True
    """
    pool: dict[str, str] = {}
    # marshal writes an object it has seen before as a reference to it: one object per string.
    return marshal.dumps([tuple(v if v is None else pool.setdefault(v, v) for v in row) for row in rows])


def _flat(pairs: list[tuple[str | None, str | None]]) -> tuple[str | None, ...]:
    """Values first, then kinds: the layout of the table a query's rows are put in."""
    return tuple(v for v, _ in pairs) + tuple(k for _, k in pairs)


def _table(name: str) -> str:
    return f"rows_{name}"


class Views:
    """The views kept beside a store, opened read-only.

    >>> Views.open(Path("/nonexistent")) is None
    True
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        # (Views written before the whole listings were kept have their tables alone.)
        self._whole = db.execute("SELECT 1 FROM sqlite_master WHERE name = 'whole'").fetchone() is not None
        self._known: dict[str, tuple[str, tuple[str, ...], tuple[str | None, ...]]] = {
            name: (dig, tuple(json.loads(cols)), tuple(json.loads(kinds)))
            for name, dig, cols, kinds in db.execute("SELECT name, digest, columns, kinds FROM view")
        }

    @classmethod
    def open(cls, path: Path) -> Views | None:
        """The views in ``path``, or None when there are none (a store built without them)."""
        if not path.is_file():
            return None
        try:
            db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
            return cls(db)
        except sqlite3.Error as e:
            raise StoreError(
                f"{path}: the kept answers of the listings cannot be read ({e}); delete the file "
                "(queries then run on the store) or build again"
            ) from None

    def answer(
        self, named: queries.NamedQuery, params: Mapping[str, object], store: GraphStore
    ) -> Answer | None:
        """``named``'s answer with ``params`` bound, from its view; None when no view can give it.

        A view gives it when it was made from this text of the query and every bound
        parameter has a ``# view-filter``; ``store`` looks up the entities a name stands for.
        """
        known = self._known.get(named.name)
        if known is None or known[0] != digest(named.text):
            return None
        if any(p not in named.view_filters for p in params):
            return None
        _, columns, kinds = known
        table, where, args = _table(named.name), [], []
        checks: list[tuple[int, str, object]] = []
        for param, value in params.items():
            op, cols = named.view_filters[param]
            if op == "names":
                iris = sorted(_entities(store, value))
                if not iris:
                    return Answer(columns, kinds, [])
                marks = ", ".join("?" * len(iris))
                where.append(" OR ".join(f"v{columns.index(c)} IN ({marks})" for c in cols))
                args.extend(iris * len(cols))
            else:
                checks.append((columns.index(cols[0]), op, value))
        cells = self._whole_listing(named.name) if not where else None
        if cells is None:
            sql = f"SELECT * FROM {table}"
            if where:
                sql += " WHERE " + " AND ".join(f"({w})" for w in where)
            cells = self._db.execute(sql + " ORDER BY rowid", args).fetchall()
        for i, op, value in checks:
            keep = _check(op, value)
            cells = [row for row in cells if keep(row[i])]
        answer = Answer(columns, kinds, cells)
        return _echo(answer, params) if params else answer

    def _whole_listing(self, name: str) -> list[tuple[str | None, ...]] | None:
        if not self._whole:
            return None
        found = self._db.execute("SELECT cells FROM whole WHERE name = ?", (name,)).fetchone()
        return None if found is None else cast(list[tuple[str | None, ...]], marshal.loads(found[0]))

    def close(self) -> None:
        self._db.close()


def _entities(store: GraphStore, value: object) -> set[str]:
    """The entities a parameter stands for: those with it as a name key, or itself as an IRI."""
    rows = store.select(queries.internal("name_lookup"), {"name": value}).rows
    return {r[0] for r in rows if r[0] is not None}


def _check(op: str, value: object) -> Any:
    """A test of a cell's value, as the query's own FILTER makes it for ``op``."""
    if op == "at-least":
        if str(value) == "":
            return lambda v: True  # the query takes an empty minimum for none
        text = str(value)  # untrimmed: Oxigraph's cast takes no spaces
        if not _XSD_DOUBLE.fullmatch(text):
            return lambda v: False  # not a number: the query's cast fails, and its test on every row
        bound = float(text)
        return lambda v: v is not None and float(v) >= bound
    if op == "equals":
        key = str(value).lower()
        return lambda v: v is not None and v.lower() == key
    raise ValueError(f"unknown view filter {op!r}")


def _echo(answer: Answer, params: Mapping[str, object]) -> Answer:
    """The answer with each bound parameter's column holding its value, as the query echoes it."""
    from .store import to_term

    echoed = {answer.columns.index(p): cell(to_term(v)) for p, v in params.items() if p in answer.columns}
    if not echoed:
        return answer
    n, mixed = len(answer.columns), [i for i, k in enumerate(answer.kinds) if k is None]
    out = []
    for row in answer.cells:
        new = list(row)
        for i, (value, kind) in echoed.items():
            new[i] = value
            if i in mixed:
                new[n + mixed.index(i)] = kind
        out.append(tuple(new))
    # An echoed column of one kind (unbound in the view, so kept as IRI) now has the value's kind.
    kinds = tuple(echoed[i][1] if i in echoed and k is not None else k for i, k in enumerate(answer.kinds))
    return Answer(answer.columns, kinds, out)
