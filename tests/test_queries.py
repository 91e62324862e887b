"""The named query library: exact rows on a hand-made story, stable rows on the seeds build.

Parameters are bound by substitution, so hostile names stay names.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import hand_graph

from kg import queries
from kg.cli import main
from kg.errors import QueryError
from kg.mapping import entity_iri, fact_iri
from kg.model import Contract, Event, Role
from kg.store import GraphStore

EXPECTED = {
    "ages",
    "contracts",
    "cooccurrence",
    "entities",
    "events",
    "evidence",
    "meetings",
    "partners",
    "products",
    "roles",
    "statements",
    "timeline",
}
HOSTILE = 'Anthropic" } ; DROP ALL ; #'


def rows(store: GraphStore, name: str, *columns: str, **params: object) -> list[tuple[str | None, ...]]:
    """The named query's rows, cut to ``columns`` (all when none given)."""
    named = queries.get(name)
    result = store.select(named.text, named.bind(params))
    keep = [result.columns.index(c) for c in columns] if columns else range(len(result.columns))
    return [tuple(r[i] for i in keep) for r in result.rows]


def _fact(kind: type, test: Callable[[Any], object] | None = None) -> str:
    return str(
        next(
            fact_iri(f) for f in hand_graph().facts if isinstance(f, kind) and (test is None or test(f))
        ).value
    )


# ------------------------------------------------------------------ the library itself
def test_library_has_every_analyst_query_with_a_header() -> None:
    assert set(queries.names()) >= EXPECTED
    for name in EXPECTED:
        q = queries.get(name)
        assert q.summary and not q.summary.startswith("param"), name
        assert all(meaning for meaning in q.params.values()), name


def test_declared_parameters() -> None:
    assert queries.get("timeline").required == ["entity"]
    assert queries.get("evidence").required == ["node"]
    assert queries.get("statements").optional == {"speaker"}
    assert queries.get("contracts").optional == {"min_value"}
    assert "without it" in queries.get("contracts").params["min_value"]  # continuation line joined


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_query_runs_with_and_without_its_parameters(name: str, hand_store: GraphStore) -> None:
    q = queries.get(name)
    required = {p: "nobody" for p in q.required}
    assert hand_store.select(q.text, required).columns  # optional ones left out
    if q.params:  # a name no entity has matches nothing
        assert hand_store.select(q.text, {p: "nobody" for p in q.params}).rows == []
    assert GraphStore.memory().select(q.text, required).rows == []


def test_bind_refuses_unknown_and_missing_parameters() -> None:
    with pytest.raises(QueryError, match=r"has no parameter 'speaker'.*entity"):
        queries.get("timeline").bind({"entity": "x", "speaker": "y"})
    with pytest.raises(QueryError, match="needs the parameter entity"):
        queries.get("timeline").bind({})


def test_raw_query_with_an_unprojected_parameter_is_a_query_error(hand_store: GraphStore) -> None:
    with pytest.raises(QueryError, match=r"cannot bind \?who: the query does not SELECT it"):
        hand_store.select("SELECT ?s WHERE { ?s rdfs:label ?who }", {"who": "Mara Quill"})


def test_with_prefixes_makes_a_query_self_contained() -> None:
    text = queries.with_prefixes(queries.get("meetings").text)
    assert "PREFIX cameo: <https://w3id.org/kg-news/cameo/>" in text
    store = GraphStore.memory()
    assert store.raw.query(text, use_default_graph_as_union=True) is not None  # parses without kg's prefixes


# ------------------------------------------------------------------ exact rows on the hand-made story
def test_entities(hand_store: GraphStore) -> None:
    assert rows(hand_store, "entities", "label", "type", "mentions", "articles") == [
        ("Lumen Robotics", "Organisation", "4", "1"),
        ("Corvid Labs", "Organisation", "3", "2"),
        ("Ministry of Ports", "Organisation", "2", "2"),
        ("Harbour Times", "Organisation", "1", "1"),
        ("Mara Quill", "Person", "3", "2"),
        ("Tobias Vane", "Person", "3", "2"),
        ("Port Ellery", "Place", "2", "2"),
        ("Heron", "Product", "1", "1"),
    ]
    assert rows(hand_store, "entities", "label", kind="person") == [("Mara Quill",), ("Tobias Vane",)]


def test_events(hand_store: GraphStore) -> None:
    assert rows(
        hand_store, "events", "date", "family", "code", "trigger", "participants", "place", "articles"
    ) == [
        ("2026-03-02", "Consult", "04", "met", "Mara Quill, Tobias Vane", "Port Ellery", "h1, h2"),
        ("2026-03-03", "MakeStatement", "01", "told", "Tobias Vane", None, "h2"),
    ]


def test_meetings_are_consult_events_with_two_participants(hand_store: GraphStore) -> None:
    meeting = _fact(Event, lambda f: f.family == "04")
    assert rows(hand_store, "meetings") == [
        ("2026-03-02", "Mara Quill, Tobias Vane", "Port Ellery", "met", "h1, h2", meeting),
    ]


def test_roles_include_former_ones(hand_store: GraphStore) -> None:
    assert rows(hand_store, "roles", "person", "title", "organisation", "former", "articles") == [
        ("Mara Quill", "CEO", "Lumen Robotics", "false", "h1"),
        ("Tobias Vane", "CEO", "Corvid Labs", "true", "h2"),
    ]


def test_ages_products_partners(hand_store: GraphStore) -> None:
    assert rows(hand_store, "ages", "person", "age", "as_of", "articles") == [
        ("Mara Quill", "51", "2026-03-01", "h1")
    ]
    assert rows(hand_store, "products", "product", "maker", "articles") == [("Heron", "Lumen Robotics", "h1")]
    assert rows(hand_store, "partners", "partner_a", "partner_b", "articles") == [
        ("Corvid Labs", "Lumen Robotics", "h1")
    ]


def test_contracts_with_and_without_a_minimum(hand_store: GraphStore) -> None:
    cols = ("parties", "value", "currency", "date", "articles")
    big = ("Lumen Robotics, Ministry of Ports", "12000000", "USD", "2026-03", "h1")
    assert rows(hand_store, "contracts", *cols) == [
        big,
        ("Corvid Labs, Ministry of Ports", None, None, "2026-03-03", "h2"),
    ]
    assert rows(hand_store, "contracts", *cols, min_value="1000000") == [
        big
    ]  # text, as from the command line
    assert rows(hand_store, "contracts", *cols, min_value=12_000_000) == [big]
    assert rows(hand_store, "contracts", *cols, min_value=0) == [big]  # an unknown amount is not >= 0
    assert rows(hand_store, "contracts", *cols, min_value=2.5e7) == []
    assert rows(hand_store, "contracts", *cols, min_value="a lot") == []
    assert rows(hand_store, "contracts", "contract", min_value=1)[0][0] == _fact(Contract, lambda f: f.value)


def test_statements_by_speaker(hand_store: GraphStore) -> None:
    said = ("2026-03-03", "Tobias Vane", "Harbour Times", "the port will be built", "h2")
    cols = ("date", "name", "outlet", "quote", "articles")
    assert rows(hand_store, "statements", *cols) == [said]
    assert rows(hand_store, "statements", *cols, speaker="VANE") == [said]  # alias, any case
    assert rows(hand_store, "statements", *cols, speaker=str(entity_iri("person/tobias-vane").value)) == [
        said
    ]
    assert rows(hand_store, "statements", *cols, speaker="Mara Quill") == []


def test_evidence_of_a_fact_and_of_an_entity(hand_store: GraphStore) -> None:
    meeting = _fact(Event, lambda f: f.family == "04")
    assert rows(hand_store, "evidence", "date", "article", "sentence", "anchor", "kind", node=meeting) == [
        ("2026-03-01", "h1", "Quill met Tobias Vane in Port Ellery on March 2.", "met", "evidence"),
        ("2026-03-03", "h2", "Vane met Mara Quill in Port Ellery on March 2.", "met", "evidence"),
    ]
    role = _fact(Role, lambda f: f.former)
    assert rows(hand_store, "evidence", "anchor", node=role) == [("former CEO",)]
    assert rows(hand_store, "evidence", "article", "begin", "anchor", "kind", node="quill") == [
        ("h1", "0", "Mara Quill", "mention"),
        ("h1", "37", "Quill", "mention"),
        ("h2", "94", "Mara Quill", "mention"),
    ]


def test_names_are_found_through_their_lower_case_keys(hand_store: GraphStore) -> None:
    """Every label and alias has its lower-case kg:nameKey; a fact's label finds it like a name."""
    missing = hand_store.select(
        "SELECT ?n ?name WHERE { ?n a ?class ; rdfs:label|skos:altLabel ?name "
        "FILTER(?class IN (kg:Person, kg:Organisation, kg:Place, kg:Product, kg:Law, kg:Role, kg:Event)) "
        "FILTER NOT EXISTS { ?n kg:nameKey ?key FILTER(?key = LCASE(?name)) } }"
    )
    assert missing.rows == []
    meeting = _fact(Event, lambda f: f.family == "04")
    assert rows(hand_store, "evidence", "target", node="MET: Mara Quill, Tobias Vane") == [
        (meeting,),
        (meeting,),
    ]
    quill = rows(hand_store, "timeline", "what", entity="quill")
    assert quill and rows(hand_store, "timeline", "what", entity="QUILL") == quill


def test_cooccurrence_counts_sentences_and_articles(hand_store: GraphStore) -> None:
    assert rows(
        hand_store, "cooccurrence", "actor_a", "actor_b", "sentences", "articles", entity="Quill"
    ) == [
        ("Mara Quill", "Tobias Vane", "2", "2"),
        ("Lumen Robotics", "Mara Quill", "1", "1"),
        ("Corvid Labs", "Mara Quill", "0", "2"),
        ("Mara Quill", "Ministry of Ports", "0", "2"),
        ("Harbour Times", "Mara Quill", "0", "1"),
    ]
    pairs = rows(hand_store, "cooccurrence", "actor_a", "actor_b", "a", "b")
    assert len(pairs) == 14  # 6 actors: 15 pairs, Harbour Times and Lumen Robotics never share an article
    for a, b, iri_a, iri_b in pairs:
        assert a is not None and b is not None and a < b
        assert iri_a is not None and iri_b is not None
        assert hand_store.select("ASK { ?a rdfs:label ?l }", {"a": iri_a, "l": a}).rows == [("true",)]


def test_timeline_of_an_entity(hand_store: GraphStore) -> None:
    expected = [
        ("2026-03-01", "mentioned", "as Tobias Vane", "h1"),
        ("2026-03-02", "event", "Consult (met): Mara Quill, Tobias Vane", "h1, h2"),
        ("2026-03-03", "event", "MakeStatement (told): Tobias Vane", "h2"),
        ("2026-03-03", "mentioned", "as Tobias Vane, Vane", "h2"),
        ("2026-03-03", "role", "Tobias Vane, former CEO of Corvid Labs", "h2"),
        ("2026-03-03", "statement", "Tobias Vane told Harbour Times: the port will be built", "h2"),
    ]
    cols = ("date", "what", "detail", "articles")
    assert rows(hand_store, "timeline", *cols, entity="tobias VANE") == expected
    assert rows(hand_store, "timeline", *cols, entity="Vane") == expected  # an alias
    assert rows(hand_store, "timeline", *cols, entity=str(entity_iri("person/tobias-vane").value)) == expected
    lumen = rows(hand_store, "timeline", "date", "what", "detail", entity="Lumen Robotics")
    assert lumen == [
        ("2026-03", "contract", "contract: Lumen Robotics, Ministry of Ports, 12000000 USD"),
        ("2026-03-01", "mentioned", "as Lumen Robotics"),
        ("2026-03-01", "partnership", "Lumen Robotics partners with Corvid Labs"),
        ("2026-03-01", "product", "Heron made by Lumen Robotics"),
        ("2026-03-01", "role", "Mara Quill, CEO of Lumen Robotics"),
    ]
    assert ("2026-03-01", "age", "Mara Quill is 51") in rows(
        hand_store, "timeline", "date", "what", "detail", entity="Mara Quill"
    )


# ------------------------------------------------------------------ hostile values are values
@pytest.mark.parametrize(
    ("name", "param"),
    [
        ("timeline", "entity"),
        ("statements", "speaker"),
        ("evidence", "node"),
        ("cooccurrence", "entity"),
        ("entities", "kind"),
        ("contracts", "min_value"),
    ],
)
def test_a_hostile_name_is_just_a_name(name: str, param: str, hand_store: GraphStore) -> None:
    before = len(hand_store)
    assert rows(hand_store, name, **{param: HOSTILE}) == []
    assert rows(hand_store, name, **{param: "x' . } DELETE WHERE { ?s ?p ?o } #"}) == []
    assert len(hand_store) == before


def test_updates_cannot_run_as_queries(hand_store: GraphStore) -> None:
    before = len(hand_store)
    with pytest.raises(QueryError, match="does not parse"):
        hand_store.select("DELETE WHERE { ?s ?p ?o }")
    assert len(hand_store) == before


# ------------------------------------------------------------------ the seeds build, through the command line
def test_cli_named_queries_on_seeds(seeds_build: Path) -> None:
    runner = CliRunner()
    listed = runner.invoke(main, ["query", "--list"])
    assert listed.exit_code == 0
    for name in EXPECTED:
        assert name in listed.output
    assert "--param entity=…" in listed.output and "[--param speaker=…]" in listed.output

    out = runner.invoke(main, ["query", "entities", "--store", str(seeds_build), "--format", "csv"])
    assert out.exit_code == 0, out.output
    assert "Pete Hegseth,Person," in out.output

    out = runner.invoke(
        main, ["query", "timeline", "--store", str(seeds_build), "--param", "entity=Anthropic"]
    )
    assert out.exit_code == 0, out.output
    assert "mentioned" in out.output and "(0 rows)" not in out.output


def test_cli_hostile_name_leaves_the_seeds_store_intact(seeds_build: Path) -> None:
    before = len(GraphStore.open(seeds_build / "store"))
    out = CliRunner().invoke(
        main, ["query", "timeline", "--store", str(seeds_build), "--param", f"entity={HOSTILE}"]
    )
    assert out.exit_code == 0, out.output
    assert "(0 rows)" in out.output
    assert len(GraphStore.open(seeds_build / "store")) == before


def test_cli_parameter_errors_are_one_line(seeds_build: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["query", "timeline", "--store", str(seeds_build)])
    assert out.exit_code == 2 and "needs the parameter entity" in out.output
    out = runner.invoke(
        main, ["query", "timeline", "--store", str(seeds_build), "--param", "entity=x", "--param", "node=y"]
    )
    assert out.exit_code == 2 and "has no parameter 'node'" in out.output


def test_seeds_rows(seeds_store: GraphStore) -> None:
    assert ("Pete Hegseth", "Person") in rows(seeds_store, "entities", "label", "type")
    assert ("Anthropic", "Organisation") in rows(seeds_store, "entities", "label", "type")
    timeline = rows(seeds_store, "timeline", "what", "articles", entity="anthropic")
    assert len(timeline) >= 1
    assert ("mentioned", "000_87bbaab0cf9e5806") in timeline
    hegseth = str(entity_iri("person/pete-hegseth").value)
    evidence = rows(seeds_store, "evidence", "article", "kind", node=hegseth)
    assert {a for a, _ in evidence} == {"000_87bbaab0cf9e5806", "004_f4c633c08c7ad9a6"}
    pairs = {(a, b) for a, b in rows(seeds_store, "cooccurrence", "actor_a", "actor_b", entity="Hegseth")}
    assert ("Dario Amodei", "Pete Hegseth") in pairs
    for name in EXPECTED - {"timeline", "evidence"}:
        rows(seeds_store, name)  # every query runs on the real graph
