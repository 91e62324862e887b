"""Extraction: from one parsed article to its mentions and raw facts.

Each stage is a plain function of ``(doc, article)``; ``extract`` runs them in
order. Arguments of raw facts are ``Mention`` objects; the resolver turns
them into entity keys.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Article, ArticleExtraction

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(doc: Doc, article: Article) -> ArticleExtraction:
    """Everything one article says: entity mentions, acronyms, and facts."""
    from .entities import acronym_definitions, equivalences, extract_mentions
    from .facts import extract_facts

    mentions = extract_mentions(doc, article)
    facts = extract_facts(doc, article, mentions)
    return ArticleExtraction(
        article=article,
        mentions=tuple(mentions),
        facts=tuple(facts),
        acronyms=tuple(acronym_definitions(doc)),
        equivalences=tuple(equivalences(mentions, article.text)),
    )
