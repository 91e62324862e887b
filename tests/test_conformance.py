"""Built graphs conform to the SHACL shapes, and every fact leads back to its sentence."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kg.pipeline import build
from kg.store import GraphStore
from kg.validate import validate

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"

UNTRACED = """
SELECT DISTINCT ?fact WHERE {
  ?fact a ?kind .
  VALUES ?kind { kg:Role kg:Age kg:Production kg:Partnership kg:Contract kg:Event kg:Statement }
  FILTER NOT EXISTS {
    ?fact kg:evidence ?ev ; prov:wasDerivedFrom ?article .
    ?ev kg:sentence ?s ; kg:sentenceBegin ?b ; kg:sentenceEnd ?e ; kg:inArticle ?article .
    ?article kg:articleId ?id .
  }
}
"""


def test_seeds_graph_conforms(seeds_build: Path) -> None:
    report = validate(seeds_build / "graph.ttl")
    assert report.conforms, report.text()


def test_every_fact_of_the_seeds_traces_to_its_sentence(seeds_store: GraphStore) -> None:
    facts = seeds_store.select("SELECT (COUNT(DISTINCT ?f) AS ?n) WHERE { ?f kg:evidence ?ev }").rows[0][0]
    assert facts is not None and int(facts) > 10
    assert seeds_store.select(UNTRACED).rows == []


def test_sentence_offsets_point_into_the_article(seeds_store: GraphStore) -> None:
    from kg.ingest import IngestReport, read_articles

    texts = {a.id: a.text for a in read_articles([Path("seeds")], IngestReport())}
    rows = seeds_store.select(
        "SELECT DISTINCT ?id ?s ?b ?e WHERE { ?ev kg:sentence ?s ; kg:sentenceBegin ?b ; kg:sentenceEnd ?e ;"
        " kg:inArticle/kg:articleId ?id }"
    ).rows
    assert rows
    for aid, sentence, b, e in rows:
        assert aid is not None and b is not None and e is not None
        assert texts[aid][int(b) : int(e)] == sentence


@pytest.mark.skipif(not CORPORA.is_dir(), reason="../shared/corpora is not beside the project")
@pytest.mark.parametrize(
    ("corpus", "pattern", "count"),
    [("reuters21578", "reut-*.txt", 30), ("wikinews_timeline", "wikinews-*.txt", 10)],
)
def test_corpus_articles_conform(tmp_path: Path, corpus: str, pattern: str, count: int) -> None:
    src = tmp_path / "in"
    src.mkdir()
    for p in sorted((CORPORA / corpus).glob(pattern))[:count]:
        shutil.copy(p, src / p.name)
    build([src], tmp_path / "out", page=False, use_cache=False)
    report = validate(tmp_path / "out" / "graph.ttl")
    assert report.conforms, report.text()
