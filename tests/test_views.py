"""The listings' answers kept by the build (kg.views) give exactly what the queries give live."""

from __future__ import annotations

import csv
import dataclasses
import io
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import queries
from kg.api import Story
from kg.cli import main
from kg.errors import QueryError, StoreError
from kg.store import GraphStore
from kg.views import VIEWS_FILE, Views, listings, materialize

# Bound values that every filter kind must treat as the query's own FILTER does.
CASES = [
    ("cooccurrence", {"entity": "Anthropic"}),
    ("cooccurrence", {"entity": "ANTHROPIC"}),
    ("cooccurrence", {"entity": "no such actor"}),
    ("contracts", {"min_value": "1000000"}),
    ("contracts", {"min_value": "1e6"}),
    ("contracts", {"min_value": "not a number"}),
    ("contracts", {"min_value": "1_000"}),
    ("contracts", {"min_value": 5}),
    ("entities", {"kind": "person"}),
    ("entities", {"kind": "PLACE"}),
    ("entities", {"kind": "Planet"}),
]


@pytest.fixture(scope="module")
def hand_views(hand_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Views:
    path = tmp_path_factory.mktemp("views") / VIEWS_FILE
    materialize(hand_store, path)
    views = Views.open(path)
    assert views is not None
    return views


def test_the_build_keeps_a_view_of_every_listing(seeds_build: Path) -> None:
    views = Views.open(seeds_build / "store" / VIEWS_FILE)
    assert views is not None
    names = {q.name for q in listings()}
    assert {"entities", "events", "statements", "cooccurrence", "roles", "contracts"} <= names
    assert "timeline" not in names  # it needs an entity


@pytest.mark.parametrize("name", [q.name for q in listings()])
def test_every_listing_from_its_view_is_the_live_answer(name: str, seeds_store: GraphStore) -> None:
    named = queries.get(name)
    kept = seeds_store.answer(named)
    live = seeds_store.select(named.text)
    assert kept is not None
    assert (kept.columns, kept.rows()) == (live.columns, live.rows)
    assert seeds_store.run(named).rows == live.rows


@pytest.mark.parametrize(("name", "params"), CASES)
def test_bound_filters_give_the_live_answer(
    name: str, params: dict[str, object], seeds_store: GraphStore
) -> None:
    named = queries.get(name)
    kept = seeds_store.answer(named, params)
    assert kept is not None
    assert kept.rows() == seeds_store.select(named.text, params).rows


@pytest.mark.parametrize(("name", "params"), CASES)
def test_filters_on_the_hand_story(
    name: str, params: dict[str, object], hand_store: GraphStore, hand_views: Views
) -> None:
    named = queries.get(name)
    kept = hand_views.answer(named, params, hand_store)
    assert kept is not None
    assert kept.rows() == hand_store.select(named.text, params).rows


def test_a_filter_narrows_to_the_named_actor(hand_store: GraphStore, hand_views: Views) -> None:
    kept = hand_views.answer(queries.get("cooccurrence"), {"entity": "quill"}, hand_store)
    assert kept is not None and kept.rows()
    a, b = kept.columns.index("actor_a"), kept.columns.index("actor_b")
    assert all("Mara Quill" in (row[a], row[b]) for row in kept.rows())
    assert {row[kept.columns.index("entity")] for row in kept.rows()} == {"quill"}


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    value=st.one_of(
        st.text(max_size=8),
        st.integers(min_value=-(10**9), max_value=10**9).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(
            [
                "INF",
                "-INF",
                "NaN",
                " 12 ",
                "+.5",
                "1.",
                "1e",
                "0x10",
                "١٢",
                "-nan",
                "+Infinity",
                "1.e5",
                ".e1",
                "e5",
                "1e+",
            ]
        ),
    )
)
def test_any_minimum_filters_as_the_query_does(value: str, hand_store: GraphStore, hand_views: Views) -> None:
    named = queries.get("contracts")
    kept = hand_views.answer(named, {"min_value": value}, hand_store)
    assert kept is not None
    assert kept.rows() == hand_store.select(named.text, {"min_value": value}).rows


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(kind=st.one_of(st.text(max_size=12), st.sampled_from(["person", "Organisation", "LAW", "product "])))
def test_any_kind_filters_as_the_query_does(kind: str, hand_store: GraphStore, hand_views: Views) -> None:
    named = queries.get("entities")
    kept = hand_views.answer(named, {"kind": kind}, hand_store)
    assert kept is not None
    assert kept.rows() == hand_store.select(named.text, {"kind": kind}).rows


def test_a_changed_query_or_an_unfiltered_parameter_runs_live(
    hand_store: GraphStore, hand_views: Views
) -> None:
    events = queries.get("events")
    assert hand_views.answer(events, {}, hand_store) is not None
    assert hand_views.answer(dataclasses.replace(events, text=events.text + "\n"), {}, hand_store) is None
    # statements has a speaker parameter but no view-filter for it
    assert hand_views.answer(queries.get("statements"), {"speaker": "Vane"}, hand_store) is None


def test_typed_answers_from_views_match_the_store(seeds_build: Path) -> None:
    story = Story(GraphStore.open(seeds_build / "store"))
    for name in ("entities", "contracts", "cooccurrence"):
        kept = story.query(name)
        live_store = GraphStore(story.store.raw)  # no path: no views, every query live
        live = Story(live_store).query(name)
        assert kept.equals(live), name
        assert kept.dtypes.tolist() == live.dtypes.tolist()


def test_cli_csv_from_the_view_parses_as_the_live_csv(seeds_build: Path, seeds_store: GraphStore) -> None:
    out = CliRunner().invoke(main, ["query", "entities", "--store", str(seeds_build), "--format", "csv"])
    assert out.exit_code == 0, out.output
    live = seeds_store.serialize_results(queries.get("entities").text, "csv").decode()
    assert list(csv.reader(io.StringIO(out.output))) == list(csv.reader(io.StringIO(live)))


def test_an_unreadable_views_file_names_itself_and_the_fix(tmp_path: Path) -> None:
    bad = tmp_path / VIEWS_FILE
    bad.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StoreError, match=r"views\.sqlite.*delete the file"):
        Views.open(bad)


def test_a_bad_view_filter_line_is_refused(tmp_path: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text(
        "# A query.\n# param x (optional): a value\n# view-filter x: sorta v\nSELECT ?v ?x WHERE {}\n"
    )
    with pytest.raises(QueryError, match="view-filter 'x' must be one of names, at-least, equals"):
        queries._parse(rq)


def test_views_kept_without_whole_listings_answer_from_their_tables(
    hand_store: GraphStore, tmp_path: Path
) -> None:
    import sqlite3

    path = tmp_path / VIEWS_FILE
    materialize(hand_store, path)
    both = Views.open(path)
    assert both is not None
    wholes = {named.name: both.answer(named, {}, hand_store) for named in listings()}
    both.close()
    db = sqlite3.connect(path)
    db.execute("DROP TABLE whole")
    db.commit()
    db.close()
    tables = Views.open(path)
    assert tables is not None
    for named in listings():
        whole, table = wholes[named.name], tables.answer(named, {}, hand_store)
        assert whole is not None and table is not None
        assert whole.cells == table.cells
        assert whole.rows() == hand_store.select(named.text).rows
