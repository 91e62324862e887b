"""Extraction: from one parsed article to its mentions and raw facts.

Each stage is a plain function of ``(doc, article)``; ``extract`` runs them in
order. Arguments of raw facts are ``Mention`` objects; the resolver turns
them into entity keys.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..model import Age, Article, ArticleExtraction, Fact, Maker, Mention, Role

if TYPE_CHECKING:
    from spacy.tokens import Doc


def extract(doc: Doc, article: Article) -> ArticleExtraction:
    """Everything one article says: entity mentions, acronyms, and facts."""
    from .entities import acronym_definitions, equivalences, extract_mentions
    from .facts import extract_facts

    mentions = extract_mentions(doc, article)
    facts = extract_facts(doc, article, mentions)
    mentions, facts = with_fact_cues(mentions, facts)
    return ArticleExtraction(
        article=article,
        mentions=tuple(mentions),
        facts=tuple(facts),
        acronyms=tuple(acronym_definitions(doc)),
        equivalences=tuple(equivalences(mentions, article.text)),
    )


def _cues(fact: Fact) -> list[tuple[object, str]]:
    """(argument, cue) pairs that a fact's slots say about the kind of their arguments."""
    match fact:
        case Role():
            return [(fact.person, "person:role"), (fact.organisation, "org:role-of")]
        case Age():
            return [(fact.person, "person:age")]
        case Maker():
            return [(fact.maker, "org:maker"), (fact.product, "product:of-maker")]
    return []


def with_fact_cues(mentions: Sequence[Mention], facts: Sequence[Fact]) -> tuple[list[Mention], list[Fact]]:
    """Mentions with the typing cues of the facts they take part in, and the facts pointing at them.

    The organisation of a role or the maker of a product is an organisation, whatever the NER
    said of its name ("vice president for Acme"): the slot becomes a cue of the mention,
    weighed with the others when entities are typed.

    >>> from datetime import date
    >>> from kg.model import Evidence
    >>> m = Mention("Acme", "Person", "a", 0, 4, 0, 9, "Acme hit.", ("ner:PERSON",))
    >>> r = Role(Mention("Jo Roe", "Person", "a", 5, 11, 0, 9, "x"), "CEO", m, False, ())
    >>> ms, fs = with_fact_cues([m], [r])
    >>> ms[0].hints, fs[0].organisation is ms[0]
    (('ner:PERSON', 'org:role-of'), True)
    """
    extra: dict[Mention, set[str]] = {}
    for f in facts:
        for arg, cue in _cues(f):
            # A senator's state or a president's country holds the seat: still a place.
            if isinstance(arg, Mention) and not (
                cue.startswith(("org:", "product:")) and {"place:gazetteer", "place:town"} & set(arg.hints)
            ):
                extra.setdefault(arg, set()).add(cue)
    if not extra:
        return list(mentions), list(facts)
    new = {m: dataclasses.replace(m, hints=tuple(sorted({*m.hints, *cues}))) for m, cues in extra.items()}

    def swap(value: object) -> object:
        if isinstance(value, Mention):
            return new.get(value, value)
        if isinstance(value, tuple):
            return tuple(swap(v) for v in value)
        return value

    out: list[Fact] = []
    for f in facts:
        changes: dict[str, Any] = {
            fd.name: swap(getattr(f, fd.name)) for fd in dataclasses.fields(f) if fd.name != "evidence"
        }
        out.append(dataclasses.replace(f, **changes))
    return [new.get(m, m) for m in mentions], out
