"""The SPARQL query library: one ``.rq`` file per question, with a header comment.

A query's header lines start with ``#``: the first says what it answers; a
line ``# param NAME: meaning`` declares a parameter, bound as ``?NAME``.

>>> "timeline" in names()
True
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError

HERE = Path(__file__).parent


@dataclass(frozen=True)
class NamedQuery:
    name: str
    text: str
    summary: str
    params: dict[str, str]


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    summary, params = "", {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        body = line.lstrip("#").strip()
        if body.startswith("param "):
            name, _, meaning = body[6:].partition(":")
            params[name.strip()] = meaning.strip()
        elif body and not summary:
            summary = body
    return NamedQuery(path.stem, text, summary, params)


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
        raise QueryError(f"no query named {name!r}; 'kg query --list' shows the {len(library())} named queries") from None


@functools.cache
def internal(name: str) -> str:
    """A query the library itself runs (graph page, evaluation)."""
    return (HERE / "internal" / f"{name}.rq").read_text(encoding="utf-8")
