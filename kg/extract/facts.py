"""Facts of one article: roles, ages, products, partnerships, contracts, events, statements."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Article, Fact, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract_facts(doc: Doc, article: Article, mentions: list[Mention]) -> list[Fact]:
    """Every raw fact of the article; arguments are the article's mentions."""
    return []
