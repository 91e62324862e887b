"""The SPARQL query library: one ``.rq`` file per question, with a header comment.

A query's header lines start with ``#``: the first says what it answers; a
line ``# param NAME: meaning`` declares a parameter, bound as ``?NAME``, and
``# param NAME (optional): meaning`` one that may be left out (indented
``#`` lines continue the meaning). A line ``# view-filter NAME: HOW COLUMN...``
says how a bound parameter narrows the rows of the query run without it, so
the answer kept by the build (kg.views) can serve it (``VIEW_FILTERS``).

Parameters are bound by substitution (SEP-0007), never pasted into the text;
with Oxigraph a substituted variable must appear in the SELECT clause, and
``BOUND(?NAME)`` does not see the substitution, so an optional parameter is
tested as ``FILTER(COALESCE(test using ?NAME, true))``: unbound, the test is
an error and COALESCE makes it true. A sub-select sees the bound value when it
selects ``?NAME`` too, which lets it start from the parameter
(docs/queries.md has the patterns that keep the library queries fast).

>>> "timeline" in names()
True
>>> get("contracts").bind({"min_value": 1000})
{'min_value': 1000}
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import QueryError

HERE = Path(__file__).parent
# How a ``# view-filter PARAM: HOW COLUMN...`` line says a bound parameter narrows a listing's rows:
# names (an IRI column holds an entity the value names: name key or IRI), at-least (a number
# column is at least the value), equals (a text column equals the value, ignoring case).
VIEW_FILTERS = ("names", "at-least", "equals")


@dataclass(frozen=True)
class NamedQuery:
    """A library query: its text, one-line summary and parameters (name -> meaning)."""

    name: str
    text: str
    summary: str
    params: dict[str, str]
    optional: frozenset[str] = field(default=frozenset())
    # param -> (how, columns): how a bound parameter narrows the query's kept view (kg.views).
    view_filters: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)

    @property
    def required(self) -> list[str]:
        return [p for p in self.params if p not in self.optional]

    def bind(self, values: Mapping[str, object]) -> dict[str, object]:
        """Check ``values`` against the declared parameters; unknown or missing ones raise QueryError.

        Unknown names are refused because any variable of the query could be bound by mistake.
        """
        for name in values:
            if name not in self.params:
                known = ", ".join(self.params) or "none"
                raise QueryError(f"query {self.name!r} has no parameter {name!r}; its parameters: {known}")
        for name in self.required:
            if name not in values:
                raise QueryError(
                    f"query {self.name!r} needs the parameter {name} ({self.params[name]}); "
                    f"e.g. --param {name}=VALUE"
                )
        return dict(values)

    def usage(self) -> str:
        """The parameters as command-line options, optional ones in brackets."""
        return " ".join(f"[--param {p}=…]" if p in self.optional else f"--param {p}=…" for p in self.params)


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    summary, params, optional, last = "", {}, set(), ""
    filters: dict[str, tuple[str, tuple[str, ...]]] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("view-filter "):
            name, _, spec = body[12:].partition(":")
            how, *columns = spec.split()
            if how not in VIEW_FILTERS or not columns:
                raise QueryError(
                    f"{path}: view-filter {name.strip()!r} must be one of {', '.join(VIEW_FILTERS)} "
                    "followed by the columns it tests"
                )
            filters[name.strip()] = (how, tuple(columns))
            last = ""
        elif body.startswith("param "):
            name, _, meaning = body[6:].partition(":")
            name = name.strip()
            if name.endswith("(optional)"):
                name = name.removesuffix("(optional)").strip()
                optional.add(name)
            params[name] = meaning.strip()
            last = name
        elif last and line.startswith("#   ") and body:
            params[last] = f"{params[last]} {body}"
        else:
            last = ""
            if body and not summary:
                summary = body
    return NamedQuery(path.stem, text, summary, params, frozenset(optional), filters)


@functools.cache
def library() -> dict[str, NamedQuery]:
    """The analyst queries shipped with kg, by name."""
    return {p.stem: _parse(p) for p in sorted(HERE.glob("*.rq"))}


def names() -> list[str]:
    return sorted(library())


def get(name: str) -> NamedQuery:
    try:
        return library()[name]
    except KeyError:
        raise QueryError(
            f"no query named {name!r}; 'kg query --list' shows the {len(library())} named queries"
        ) from None


def with_prefixes(text: str) -> str:
    """``text`` with PREFIX declarations for kg's prefixes, to run it on any SPARQL endpoint.

    >>> with_prefixes("SELECT * WHERE { ?s a kg:Person }").splitlines()[0]
    'PREFIX kg: <https://w3id.org/kg-news/ontology#>'
    """
    from ..store import PREFIXES

    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items()) + text


@functools.cache
def internal(name: str) -> str:
    """A query the library itself runs (graph page, evaluation)."""
    return (HERE / "internal" / f"{name}.rq").read_text(encoding="utf-8")
