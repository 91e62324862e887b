"""`kg eval`: the scoring rules on a hand-made graph, and the seed targets as a guard."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from kg.cli import main
from kg.evaluate import Gold, score
from kg.store import GraphStore

SEED_GOLD = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "seeds-gold.yaml"


def gold(tmp_path: Path, data: dict[str, object]) -> Gold:
    path = tmp_path / "g.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return Gold.load([path])


BASE = {"documents": [{"id": "h1", "date": "2026-03-01"}, {"id": "h2", "date": "2026-03-03"}]}


def test_entities_match_by_folded_names_and_type(hand_store: GraphStore, tmp_path: Path) -> None:
    g = gold(
        tmp_path,
        {
            **BASE,
            "entities": [
                {"name": "MARA  QUILL", "type": "Person"},
                {"name": "the Lumen Robotics", "type": "Organisation"},
                {
                    "name": "Port Ellery",
                    "type": "Organisation",
                },  # wrong type: a miss, and the place a false positive
                {"name": "Nobody Here", "type": "Person", "optional": True},
            ],
        },
    )
    s = score(hand_store, g)
    assert s.tp["Person"] == 1 and s.tp["Organisation"] == 1
    assert s.fn["Organisation"] == 1
    assert "Port Ellery (Place)" in s.false_positives


def test_forbidden_strings_and_duplicates_are_false_positives(hand_store: GraphStore, tmp_path: Path) -> None:
    g = gold(
        tmp_path,
        {
            **BASE,
            "entities": [{"name": "Corvid Labs", "type": "Organisation", "aliases": ["Lumen Robotics"]}],
            "forbidden": ["Harbour Times"],
        },
    )
    s = score(hand_store, g)
    assert s.tp["Organisation"] == 1
    assert any("duplicate of Corvid Labs" in f for f in s.false_positives)
    assert "Harbour Times (Organisation, forbidden)" in s.false_positives


def test_facts_need_type_date_participants_and_every_source(hand_store: GraphStore, tmp_path: Path) -> None:
    facts = [
        {
            "kind": "event",
            "type": "Consult",
            "date": "2026-03",
            "participants": ["Mara Quill", "Tobias Vane"],
            "sources": ["h1", "h2"],
        },
        {
            "kind": "event",
            "type": "Consult",
            "date": "2026-03-03",
            "participants": ["Mara Quill"],
        },  # wrong day
        {"kind": "event", "type": "Threaten", "accept": ["Consult"], "participants": ["Quill"]},
        {
            "kind": "role",
            "person": "Tobias Vane",
            "role": "CEO",
            "organisation": "Corvid Labs",
            "former": True,
        },
        {"kind": "role", "person": "Mara Quill", "role": "CEO", "organisation": "Corvid Labs"},  # wrong org
        {
            "kind": "contract",
            "parties": ["Ministry of Ports", "Lumen Robotics"],
            "value": 12000000,
            "currency": "USD",
            "date": "2026-03",
        },
        {"kind": "contract", "parties": ["Lumen Robotics"], "value": 12000000, "currency": "EUR"},  # currency
        {"kind": "statement", "speaker": "Tobias Vane", "outlet": "Harbour Times", "sources": ["h2"]},
        {"kind": "age", "person": "Mara Quill", "age": 51, "as_of": "2026-03-01"},
        {"kind": "product", "product": "Heron", "maker": "Lumen Robotics"},
        {"kind": "partner", "a": "Corvid Labs", "b": "Lumen Robotics"},
    ]
    names = [
        "Mara Quill",
        "Tobias Vane",
        "Corvid Labs",
        "Lumen Robotics",
        "Ministry of Ports",
        "Harbour Times",
        "Heron",
    ]
    ents = [
        {
            "name": n,
            "type": "Person"
            if " " in n and n.split()[0] in {"Mara", "Tobias"}
            else ("Product" if n == "Heron" else "Organisation"),
            "aliases": ["Quill"] if n == "Mara Quill" else [],
        }
        for n in names
    ]
    s = score(hand_store, gold(tmp_path, {**BASE, "entities": ents, "facts": facts}))
    assert s.facts_found == {
        "role": 1,
        "age": 1,
        "product": 1,
        "partner": 1,
        "contract": 1,
        "event": 2,
        "statement": 1,
    }
    assert len(s.missed_facts) == 3


@pytest.mark.skipif(not SEED_GOLD.exists(), reason="../shared/eval is not beside the project")
def test_seed_targets_and_the_last_line(tmp_path: Path) -> None:
    out = CliRunner().invoke(
        main, ["eval", str(SEED_GOLD), "--corpus", "seeds", "--json", str(tmp_path / "g.json")]
    )
    assert out.exit_code == 0, out.output
    last = out.output.strip().splitlines()[-1]
    m = re.fullmatch(r"entity F1 (\d\.\d{3}) P \d\.\d{3} R \d\.\d{3} \| facts recall (\d\.\d{3})", last)
    assert m, last
    assert float(m[1]) >= 0.95 and float(m[2]) >= 0.90, last
    data = __import__("json").loads((tmp_path / "g.json").read_text(encoding="utf-8"))
    assert {"label", "aliases", "type", "documents"} <= set(data["entities"][0])
    assert {f["kind"] for f in data["facts"]} >= {"role", "age", "contract", "event", "statement"}
