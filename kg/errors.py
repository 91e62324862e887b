"""The library's exceptions: one small tree under ``KgError``.

Every message names the bad input and says how to fix it.

>>> try:
...     raise ArticleFormatError("a.txt", "the first line must start with 'date YYYY-MM-DD'")
... except KgError as e:
...     print(e)
a.txt: the first line must start with 'date YYYY-MM-DD'
"""

from __future__ import annotations


class KgError(Exception):
    """Base of every error ``kg`` raises on purpose."""


class InputError(KgError):
    """An input file or folder cannot be used."""


class ArticleFormatError(InputError):
    """An article file breaks the ``date YYYY-MM-DD`` format."""

    def __init__(self, path: str, problem: str) -> None:
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class ModelError(KgError):
    """The spaCy model cannot be loaded."""


class StoreError(KgError):
    """The graph store is missing, locked or unwritable."""


class QueryError(KgError):
    """A SPARQL query is malformed, unknown or given bad parameters."""


class OutputError(KgError):
    """An output cannot be written."""


class ValidationError(KgError):
    """The graph does not conform to the SHACL shapes."""


class ServerError(KgError):
    """The SPARQL server cannot be found, started or reached."""


class PushError(KgError):
    """A graph store endpoint refused the graph or cannot be reached."""
