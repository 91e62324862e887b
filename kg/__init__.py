"""kg: build a knowledge graph of a news story from a folder of dated articles.

Importing ``kg`` loads nothing heavy; the functions below import what they need.

>>> import kg
>>> story = kg.build("seeds/", out="build")                 # doctest: +SKIP
>>> story = kg.open("build")                                # doctest: +SKIP
>>> story.query("meetings")                                 # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .api import Story


def open(path: str | Path = "build") -> Story:  # kg.open: named like the builtin on purpose
    """Open a built story (a ``kg build`` output folder, or its ``store/``) for queries.

    >>> kg.open("build").query("entities")                  # doctest: +SKIP
    """
    from .api import open_story

    return open_story(path)


def build(paths: str | Path | Iterable[str | Path], out: str | Path = "build", **kw: Any) -> Story:
    """Build the articles under ``paths`` into ``out`` and open the result.

    Keyword arguments go to ``kg.pipeline.build`` (workers, strict, default_date, page, use_cache).

    >>> kg.build(["seeds/"], out="/tmp/story", page=False)  # doctest: +SKIP
    """
    from .api import build_story

    return build_story(paths, out, **kw)


__all__ = ["build", "open"]
