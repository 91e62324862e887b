"""The notebook API: kg.open / kg.build and Story."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
import rdflib

import kg
from kg.api import Html, Story
from kg.errors import OutputError, QueryError, StoreError
from kg.store import GraphStore


@pytest.fixture(scope="module")
def hand(hand_store: GraphStore) -> Story:
    return Story(hand_store)


def test_import_is_light() -> None:
    code = (
        "import sys, kg; heavy = {'pandas', 'pyoxigraph', 'rdflib', 'networkx', 'spacy', 'click'}; "
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_open_a_build_folder_or_its_store(seeds_build: Path) -> None:
    for where in (seeds_build, seeds_build / "store", str(seeds_build)):
        story = kg.open(where)
        assert isinstance(story, Story) and len(story) > 0
    assert "quads" in repr(kg.open(seeds_build))


def test_open_a_missing_build_names_the_fix(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        kg.open(tmp_path / "nothing")


def test_query_by_name_gives_typed_columns(hand: Story) -> None:
    df = hand.query("ages")
    assert isinstance(df, pd.DataFrame)
    assert df[["person", "age", "as_of"]].to_dict("records") == [
        {"person": "Mara Quill", "age": 51, "as_of": "2026-03-01"}
    ]
    roles = hand.query("roles")
    assert roles["former"].tolist() == [False, True]
    contracts = hand.query("contracts", min_value=1_000_000)
    assert contracts["value"].tolist() == [12_000_000.0]


def test_query_parameters_and_text(hand: Story) -> None:
    df = hand.query("timeline", entity="tobias vane")
    assert df["what"].tolist()[0] == "mentioned" and len(df) == 6
    text = hand.query("SELECT DISTINCT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name")
    assert text["name"].tolist() == ["Mara Quill", "Tobias Vane"]
    bound = hand.query("SELECT DISTINCT ?p ?name WHERE { ?p rdfs:label ?name }", name="Mara Quill")
    assert bound["p"].tolist() == ["https://w3id.org/kg-news/id/person/mara-quill"]
    assert hand.query("ASK { ?p a kg:Person }").to_dict("records") == [{"ask": True}]
    triples = hand.query(
        "CONSTRUCT { ?p a kg:Person } WHERE { GRAPH <https://w3id.org/kg-news/id/graph/h1> { ?p a kg:Person } }"
    )
    assert list(triples.columns) == ["subject", "predicate", "object"] and len(triples) == 2


def test_query_errors(hand: Story) -> None:
    with pytest.raises(QueryError, match="no query named 'timelines'"):
        hand.query("timelines")
    with pytest.raises(QueryError, match="needs the parameter entity"):
        hand.query("timeline")
    with pytest.raises(QueryError, match="has no parameter 'who'"):
        hand.query("meetings", who="x")
    with pytest.raises(QueryError, match="does not parse"):
        hand.query("SELECT WHERE {")


def test_entities(seeds_build: Path) -> None:
    df = kg.open(seeds_build).entities()
    assert list(df.columns) == ["label", "type", "mentions", "articles", "entity"]
    row = df[df["label"] == "Pete Hegseth"].iloc[0]
    assert row["type"] == "Person" and row["mentions"] >= 2 and row["articles"] == 2
    people = kg.open(seeds_build).entities(kind="Person")
    assert set(people["type"]) == {"Person"}


def test_to_rdflib_and_networkx(hand: Story, hand_store: GraphStore) -> None:
    ds = hand.to_rdflib()
    assert isinstance(ds, rdflib.Dataset)
    names = {str(g.identifier) for g in ds.graphs() if len(g)}
    assert names == {
        "https://w3id.org/kg-news/id/graph/h1",
        "https://w3id.org/kg-news/id/graph/h2",
        "https://w3id.org/kg-news/id/graph/cameo",
    }
    assert sum(len(g) for g in ds.graphs()) == len(hand_store)
    g = hand.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    labels = {d["label"] for _, d in g.nodes(data=True)}
    assert {"Mara Quill", "Lumen Robotics", "Heron"} <= labels


def test_page_is_displayable(hand: Story) -> None:
    page = hand.page(height="320px")
    assert isinstance(page, Html)
    assert page._repr_html_().startswith("<iframe") and "height:320px" in str(page)
    with pytest.raises(OutputError, match="height"):
        hand.page(height="320px;background:red")


def test_build_then_query(tmp_path: Path) -> None:
    src = tmp_path / "articles"
    src.mkdir()
    (src / "a.txt").write_text(
        "date 2026-04-02\nOrla Finch, the chief executive of Tern Mobility, "
        "met Ravi Oduya in Kesswick on Tuesday.\n",
        encoding="utf-8",
    )
    story = kg.build(src, out=tmp_path / "out", page=False)
    assert story.result is not None and story.result.articles == 1
    assert "Orla Finch" in story.entities()["label"].tolist()
    assert len(kg.open(tmp_path / "out")) == len(story)
