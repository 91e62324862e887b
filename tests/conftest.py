"""Shared fixtures: one build of seeds/ per session, and a small hand-made story graph.

The hand-made graph is written through the model and the mapping, so fact queries can be
checked against exact rows while extraction keeps improving.
"""

from __future__ import annotations

import socket
from datetime import date
from pathlib import Path

import pytest

from kg.model import (
    Age,
    Article,
    Contract,
    Entity,
    EntityType,
    Event,
    Evidence,
    Graph,
    Maker,
    Mention,
    Partnership,
    Role,
    Statement,
    TimeValue,
)
from kg.store import GraphStore

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"

# Two made-up articles about made-up people and companies.
HAND_TEXTS = {
    "h1": (
        date(2026, 3, 1),
        "Mara Quill, 51, runs Lumen Robotics. "
        "Quill met Tobias Vane in Port Ellery on March 2. "
        "The Ministry of Ports signed a $12 million contract with Lumen Robotics. "
        "Lumen Robotics makes the Heron drone. "
        "Lumen Robotics and Corvid Labs are partners.",
    ),
    "h2": (
        date(2026, 3, 3),
        "Tobias Vane, a former CEO of Corvid Labs, told the Harbour Times that the port will be built. "
        "Vane met Mara Quill in Port Ellery on March 2. "
        "The Ministry of Ports also has a contract with Corvid Labs.",
    ),
}


def _sentence_of(text: str, start: int) -> tuple[int, int]:
    begin = text.rfind(". ", 0, start)
    begin = 0 if begin < 0 else begin + 2
    end = text.find(". ", start)
    return begin, (len(text) if end < 0 else end + 1)


def _mentions(aid: str, surface: str, label: str) -> list[Mention]:
    text = HAND_TEXTS[aid][1]
    out, at = [], text.find(surface)
    while at >= 0:
        sb, se = _sentence_of(text, at)
        out.append(Mention(surface, label, aid, at, at + len(surface), sb, se, text[sb:se]))
        at = text.find(surface, at + 1)
    return out


def _ev(aid: str, surface: str) -> Evidence:
    text = HAND_TEXTS[aid][1]
    at = text.index(surface)
    sb, se = _sentence_of(text, at)
    return Evidence(aid, sb, se, text[sb:se], at, at + len(surface))


def hand_graph() -> Graph:
    """A small resolved story with one fact of every kind (two meetings reports, one event)."""
    articles = tuple(Article(aid, d, text, f"{aid}.txt") for aid, (d, text) in HAND_TEXTS.items())
    spec = {
        "person/mara-quill": ("Mara Quill", EntityType.PERSON, ("Quill",), ["Mara Quill", "Quill"]),
        "person/tobias-vane": ("Tobias Vane", EntityType.PERSON, ("Vane",), ["Tobias Vane", "Vane"]),
        "organisation/lumen-robotics": ("Lumen Robotics", EntityType.ORGANISATION, (), ["Lumen Robotics"]),
        "organisation/corvid-labs": ("Corvid Labs", EntityType.ORGANISATION, (), ["Corvid Labs"]),
        "organisation/ministry-of-ports": (
            "Ministry of Ports",
            EntityType.ORGANISATION,
            (),
            ["Ministry of Ports"],
        ),
        "organisation/harbour-times": ("Harbour Times", EntityType.ORGANISATION, (), ["Harbour Times"]),
        "place/port-ellery": ("Port Ellery", EntityType.PLACE, (), ["Port Ellery"]),
        "product/heron": ("Heron", EntityType.PRODUCT, ("Heron drone",), ["Heron"]),
    }
    entities = []
    for key, (name, kind, aliases, surfaces) in spec.items():
        ms: list[Mention] = []
        for aid in HAND_TEXTS:
            for s in surfaces:
                ms += [
                    m
                    for m in _mentions(aid, s, kind.value)
                    if not any(o.start <= m.start < o.end for o in ms)
                ]
        entities.append(
            Entity(key, name, kind, aliases, tuple(sorted(ms, key=lambda m: (m.article_id, m.start))))
        )
    mara, tobias = "person/mara-quill", "person/tobias-vane"
    lumen, corvid = "organisation/lumen-robotics", "organisation/corvid-labs"
    ministry, times = "organisation/ministry-of-ports", "organisation/harbour-times"
    facts = (
        Role(mara, "CEO", lumen, False, (_ev("h1", "runs"),)),
        Role(tobias, "CEO", corvid, True, (_ev("h2", "former CEO"),)),
        Age(mara, 51, date(2026, 3, 1), (_ev("h1", "51"),)),
        Maker("product/heron", lumen, (_ev("h1", "makes"),)),
        Partnership(lumen, corvid, (_ev("h1", "partners"),)),
        Contract((ministry, lumen), 12_000_000.0, "USD", TimeValue("2026-03"), (_ev("h1", "signed"),)),
        Contract((ministry, corvid), None, None, None, (_ev("h2", "also has a contract"),)),
        Event(
            "04",
            "met",
            (mara, tobias),
            "place/port-ellery",
            TimeValue("2026-03-02"),
            (_ev("h1", "met"), _ev("h2", "met")),
        ),
        Event("01", "told", (tobias,), None, None, (_ev("h2", "told"),)),
        Statement(tobias, times, "the port will be built", (_ev("h2", "told"),)),
    )
    return Graph(articles=articles, entities=tuple(entities), facts=facts)


@pytest.fixture(scope="session")
def hand_store() -> GraphStore:
    """The hand-made story in an in-memory store."""
    from kg import mapping

    store = GraphStore.memory()
    store.load_quads(mapping.quads(hand_graph()))
    return store


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """seeds/ built once per session (without the HTML pages); the build folder."""
    from kg.pipeline import build

    out = tmp_path_factory.mktemp("seeds-build")
    build([SEEDS], out, page=False, use_cache=False)
    return out


@pytest.fixture(scope="session")
def seeds_store(seeds_build: Path) -> GraphStore:
    """The seeds build's store, opened read-only."""
    return GraphStore.open(seeds_build / "store")


def free_port() -> int:
    """A TCP port free on the loopback interface right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])
