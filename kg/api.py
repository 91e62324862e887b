"""The notebook API: a built story as query results, rdflib, networkx and an inline graph page.

>>> import kg
>>> story = kg.open("build")                                # doctest: +SKIP
>>> story.query("timeline", entity="Anthropic").head()      # doctest: +SKIP
>>> story.query("SELECT ?p WHERE { ?p a kg:Person }")       # doctest: +SKIP
>>> story.page(height="500px")                              # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OutputError
from .store import GraphStore

if TYPE_CHECKING:  # heavy modules load on first use only
    import networkx
    import pandas
    import rdflib

    from .pipeline import BuildResult

_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {
    f"{_XSD}{t}" for t in ("integer", "int", "long", "short", "nonNegativeInteger", "positiveInteger")
}
_FLOATS = {f"{_XSD}{t}" for t in ("decimal", "double", "float")}


def _python(term: Any) -> Any:
    """A result term as a plain Python value: numbers and booleans as such, the rest as text."""
    from .views import cell

    return _python_value(*cell(term))


def _python_value(value: str | None, kind: str | None) -> Any:
    """A value of the kind ``kg.views.cell`` gives (a datatype for literals) as a plain Python value.

    >>> _python_value("3", _XSD + "integer"), _python_value("http://e/a", "")
    (3, 'http://e/a')
    """
    if value is None:
        return None
    try:
        if kind in _INTEGERS:
            return int(value)
        if kind in _FLOATS:
            return float(value)
    except ValueError:  # an ill-typed literal stays text
        return value
    if kind == f"{_XSD}boolean":
        return value in {"true", "1"}
    return value


def _rdflib_term(term: Any) -> Any:
    import pyoxigraph as ox
    import rdflib

    if isinstance(term, ox.NamedNode):
        return rdflib.URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return rdflib.BNode(term.value)
    if term.language:
        return rdflib.Literal(term.value, lang=term.language)
    dt = term.datatype.value
    # rdflib spells a plain string without a datatype; xsd:string would make a different term.
    return rdflib.Literal(term.value, datatype=None if dt == f"{_XSD}string" else rdflib.URIRef(dt))


class Html:
    """HTML that Jupyter and VS Code display inline (``_repr_html_``) without importing IPython."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html


class Story:
    """A built story graph, opened from its build folder.

    >>> story = Story(GraphStore.memory())
    >>> story.query("SELECT (1 AS ?one) WHERE {}").to_dict("records")
    [{'one': 1}]
    """

    def __init__(
        self, store: GraphStore, path: Path | None = None, result: BuildResult | None = None
    ) -> None:
        self.store = store
        self.path = path
        self.result = result

    def __repr__(self) -> str:
        where = f" from {self.path}" if self.path else ""
        return f"<Story{where}: {len(self.store)} quads>"

    def __len__(self) -> int:
        return len(self.store)

    def query(self, sparql_or_name: str, **params: Any) -> pandas.DataFrame:
        """Run a library query by name (``kg query --list``) or SPARQL text; one column per variable.

        Keyword arguments bind query variables by substitution (strings that are http(s)
        addresses become IRIs, others literals). Numbers and booleans come back as such,
        dates and IRIs as text, unbound values as None. ASK gives one column ``ask``;
        CONSTRUCT and DESCRIBE give subject, predicate and object.

        >>> Story(GraphStore.memory()).query("entities").columns.tolist()[:3]
        ['label', 'type', 'mentions']
        """
        import pandas as pd
        import pyoxigraph as ox

        from . import queries

        text, bound = sparql_or_name, dict(params)
        if sparql_or_name in queries.library():
            named = queries.get(sparql_or_name)
            text, bound = named.text, named.bind(params)
            kept = self.store.answer(named, bound)
            if kept is not None:  # the build kept this listing's rows
                typed = [[_python_value(v, k) for v, k in row] for row in kept.typed()]
                return pd.DataFrame(typed, columns=list(kept.columns))
        elif sparql_or_name.replace("_", "").isalnum():
            queries.get(sparql_or_name)  # a single word is meant as a name: raise with the list hint
        result = self.store.query(text, bound)
        if isinstance(result, ox.QueryBoolean):
            return pd.DataFrame({"ask": [bool(result)]})
        if isinstance(result, ox.QuerySolutions):
            columns = [v.value for v in result.variables]
            rows = [[_python(sol[c]) for c in columns] for sol in result]
            return pd.DataFrame(rows, columns=columns)
        triples = [(str(t.subject.value), str(t.predicate.value), _python(t.object)) for t in result]
        return pd.DataFrame(triples, columns=["subject", "predicate", "object"])

    def entities(self, kind: str | None = None) -> pandas.DataFrame:
        """Every entity with its type, mention count and number of articles (the ``entities`` query)."""
        return self.query("entities", **({"kind": kind} if kind else {})).drop(columns=["kind"])

    def to_rdflib(self) -> rdflib.Dataset:
        """The store as an rdflib Dataset: one graph per article, plus the CAMEO scheme."""
        import pyoxigraph as ox
        import rdflib

        ds = rdflib.Dataset()
        graphs: dict[str, rdflib.Graph] = {}
        for q in self.store.raw.quads_for_pattern(None, None, None, None):
            if isinstance(q.graph_name, ox.DefaultGraph):
                target = ds.default_graph
            else:
                name = str(q.graph_name.value)
                target = graphs.get(name) or graphs.setdefault(name, ds.graph(_rdflib_term(q.graph_name)))
            target.add((_rdflib_term(q.subject), _rdflib_term(q.predicate), _rdflib_term(q.object)))
        return ds

    def to_networkx(self) -> networkx.MultiDiGraph:
        """Entities and events as nodes, relations as edges (see ``kg.export.to_networkx``)."""
        from .export import to_networkx

        return to_networkx(self.store)

    def page(self, height: str = "600px") -> Html:
        """The interactive graph page, to display inline in a notebook."""
        from .page import notebook_html

        try:
            return Html(notebook_html(self.to_networkx(), height=height))
        except ValueError as e:
            raise OutputError(f"page(height={height!r}): {e}") from None


def open_story(path: str | Path = "build") -> Story:
    """Open a build folder (or its ``store/`` folder) read-only."""
    path = Path(path)
    store_dir = path / "store" if (path / "store").is_dir() else path
    return Story(GraphStore.open(store_dir), path)


def build_story(paths: str | Path | Iterable[str | Path], out: str | Path = "build", **kw: Any) -> Story:
    """Build the articles under ``paths`` into ``out`` (see ``kg.pipeline.build``) and open the result."""
    from .pipeline import build

    if isinstance(paths, (str, Path)):
        paths = [paths]
    if isinstance(kw.get("default_date"), str):
        kw["default_date"] = date.fromisoformat(kw["default_date"])
    result = build(list(paths), Path(out), **kw)
    story = open_story(out)
    story.result = result
    return story


__all__ = ["Html", "Story", "build_story", "open_story"]
