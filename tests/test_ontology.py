"""The ontology (ontology/kg.ttl), the SHACL shapes (ontology/shapes.ttl), kg.validate and kg.docs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib import namespace as rns
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg import docs as docs_module
from kg.cameo import DESCRIPTIONS, FAMILIES
from kg.errors import InputError
from kg.validate import ValidationReport, ontology_dir, validate
from kg.vocab import CAMEO, DATA, KG, ONTOLOGY_IRI

ONTOLOGY = ontology_dir() / "kg.ttl"
SHAPES = ontology_dir() / "shapes.ttl"

# A small graph written by hand after docs/rdf-model.md: one article, its entities and one
# fact of every kind, each with evidence. Instances are relative IRIs against the id: base
# (Turtle's prefixed names cannot hold a '/').
SAMPLE = """
@prefix kg:     <https://w3id.org/kg-news/ontology#> .
@base           <https://w3id.org/kg-news/id/> .
@prefix cameo:  <https://w3id.org/kg-news/cameo/> .
@prefix rdfs:   <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos:   <http://www.w3.org/2004/02/skos/core#> .
@prefix prov:   <http://www.w3.org/ns/prov#> .
@prefix xsd:    <http://www.w3.org/2001/XMLSchema#> .

<article/a1> a kg:NewsArticle ;
    kg:articleId "000_87bb" ; kg:published "2026-02-23"^^xsd:date ;
    kg:wordCount 298 ; kg:sourceFile "seeds/000_87bb.txt" .

<person/pete-hegseth> a kg:Person ;
    rdfs:label "Pete Hegseth" ; skos:altLabel "Hegseth", "the defense secretary" ;
    kg:nameKey "pete hegseth", "hegseth", "the defense secretary" ;
    kg:mentionCount 2 ; kg:mentionedIn <article/a1> ;
    kg:hasMention <mention/a1/12-19> ; kg:holdsRole <role/r1> .
<person/dario-amodei> a kg:Person ;
    rdfs:label "Dario Amodei" ; kg:nameKey "dario amodei" ; kg:mentionCount 1 ; kg:mentionedIn <article/a1> .
<organisation/anthropic> a kg:Organisation ;
    rdfs:label "Anthropic" ; kg:nameKey "anthropic" ; kg:mentionCount 3 ; kg:mentionedIn <article/a1> ;
    kg:partnerOf <organisation/pentagon> .
<organisation/pentagon> a kg:Organisation ;
    rdfs:label "Pentagon" ; kg:nameKey "pentagon" ; kg:mentionCount 1 ; kg:mentionedIn <article/a1> ;
    kg:partnerOf <organisation/anthropic> .
<organisation/reuters> a kg:Organisation ;
    rdfs:label "Reuters" ; kg:nameKey "reuters" ; kg:mentionCount 1 ; kg:mentionedIn <article/a1> .
<place/united-states> a kg:Place ;
    rdfs:label "United States" ; kg:nameKey "united states" ; kg:mentionCount 1 ; kg:mentionedIn <article/a1> .
<product/claude> a kg:Product ;
    rdfs:label "Claude" ; kg:nameKey "claude" ; kg:mentionCount 1 ; kg:mentionedIn <article/a1> ;
    kg:madeBy <organisation/anthropic> .

<mention/a1/12-19> a kg:Mention ;
    kg:anchorOf "Hegseth" ; kg:inArticle <article/a1> ;
    kg:beginIndex 12 ; kg:endIndex 19 ;
    kg:sentence "Defense Secretary Hegseth met Dario Amodei on Tuesday." ;
    kg:sentenceBegin 0 ; kg:sentenceEnd 120 .
<evidence/e1> a kg:Evidence ; kg:inArticle <article/a1> ;
    kg:sentence "Defense Secretary Hegseth met Dario Amodei on Tuesday." ;
    kg:sentenceBegin 0 ; kg:sentenceEnd 120 ; kg:beginIndex 20 ; kg:endIndex 23 .

<role/r1> a kg:Role ;
    kg:holder <person/pete-hegseth> ; kg:title "defense secretary" ;
    kg:organisation <place/united-states> ; kg:former false ;
    kg:evidence <evidence/e1> ; prov:wasDerivedFrom <article/a1> .
<age/g1> a kg:Age ;
    kg:person <person/pete-hegseth> ; kg:age 45 ; kg:asOf "2026-02-23"^^xsd:date ;
    kg:evidence <evidence/e1> ; prov:wasDerivedFrom <article/a1> .
<production/p1> a kg:Production ;
    kg:product <product/claude> ; kg:maker <organisation/anthropic> ;
    kg:evidence <evidence/e1> ; prov:wasDerivedFrom <article/a1> .
<partnership/s1> a kg:Partnership ;
    kg:partner <organisation/anthropic>, <organisation/pentagon> ;
    kg:evidence <evidence/e1> ; prov:wasDerivedFrom <article/a1> .
<contract/c1> a kg:Contract ;
    kg:party <organisation/anthropic>, <organisation/pentagon> ;
    kg:amount <amount/m1> ; kg:date "2025-07"^^xsd:gYearMonth ;
    kg:evidence <evidence/e1> ; prov:wasDerivedFrom <article/a1> .
<amount/m1> a kg:MonetaryAmount ; kg:value 200000000.0 ; kg:currency "USD" .
<event/v1> a kg:Event ;
    kg:family cameo:04 ; kg:trigger "met" ; rdfs:label "met: Pete Hegseth, Dario Amodei" ;
    kg:nameKey "met: pete hegseth, dario amodei" ;
    kg:participant <person/pete-hegseth>, <person/dario-amodei> ;
    kg:place <place/united-states> ; kg:date "2026-02-24"^^xsd:date ;
    kg:evidence <evidence/e1> ; prov:wasDerivedFrom <article/a1> .
<statement/t1> a kg:Statement ;
    kg:speaker <person/dario-amodei> ; kg:outlet <organisation/reuters> ;
    kg:quote "We are proud to serve." ;
    kg:evidence <evidence/e1> ; prov:wasDerivedFrom <article/a1> .
"""


def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _sample() -> Graph:
    return Graph().parse(data=SAMPLE, format="turtle")


def _id(path: str) -> URIRef:
    return DATA[path]


# --- the ontology ----------------------------------------------------------------------------


def test_ontology_parses_and_has_its_metadata() -> None:
    g = _ontology()
    ont = URIRef(ONTOLOGY_IRI)
    assert (ont, RDF.type, OWL.Ontology) in g
    assert g.value(ont, OWL.versionInfo) == Literal("0.1.0")
    for prop in ("title", "description", "license"):
        assert g.value(ont, URIRef(f"http://purl.org/dc/terms/{prop}")) is not None, prop


def test_ontology_defines_exactly_the_vocab_terms() -> None:
    g = _ontology()
    ns = str(KG)
    defined = {str(s)[len(ns) :] for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ns)}
    assert defined == set(KG.__annotations__)


@pytest.mark.parametrize("name", sorted(KG.__annotations__))
def test_every_term_is_typed_labelled_and_commented(name: str) -> None:
    g = _ontology()
    term = URIRef(str(KG) + name)
    kinds = set(g.objects(term, RDF.type))
    assert kinds & {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty}, name
    assert Literal(g.value(term, RDFS.label)).language == "en"
    assert g.value(term, RDFS.comment) is not None
    if OWL.ObjectProperty in kinds or OWL.DatatypeProperty in kinds:
        assert g.value(term, RDFS.range) is not None, f"{name} has no range"


def test_entity_and_fact_hierarchies() -> None:
    g = _ontology()
    for name in ("Person", "Organisation", "Place", "Product", "Law"):
        assert (URIRef(str(KG) + name), RDFS.subClassOf, KG.Entity) in g
    for name in ("Role", "Age", "Production", "Partnership", "Contract", "Event", "Statement"):
        assert (URIRef(str(KG) + name), RDFS.subClassOf, KG.Fact) in g
    assert (KG.Mention, RDFS.subClassOf, KG.Evidence) in g


def test_cameo_scheme_matches_kg_cameo() -> None:
    g = _ontology()
    scheme = CAMEO.scheme
    assert (scheme, RDF.type, SKOS.ConceptScheme) in g
    concepts = set(g.subjects(SKOS.inScheme, scheme))
    assert len(concepts) == 20
    assert sorted(str(g.value(c, SKOS.notation)) for c in concepts) == [f"{i:02d}" for i in range(1, 21)]
    for code, name in FAMILIES.items():
        concept = CAMEO[code]
        assert (concept, RDF.type, SKOS.Concept) in g
        assert (concept, RDF.type, KG.EventFamily) in g
        assert g.value(concept, SKOS.prefLabel) == Literal(name, lang="en")
        assert g.value(concept, SKOS.definition) == Literal(DESCRIPTIONS[code], lang="en")


def test_date_range_is_the_union_of_three_datatypes() -> None:
    g = _ontology()
    datatype = g.value(KG.date, RDFS.range)
    assert datatype is not None
    union = g.value(datatype, OWL.unionOf)
    assert union is not None
    members = set(g.items(union))
    assert members == {rns.XSD.date, rns.XSD.gYearMonth, rns.XSD.gYear}


# --- the shapes ------------------------------------------------------------------------------


def test_shapes_parse_and_are_valid_shacl() -> None:
    from pyshacl import validate as shacl_validate

    shapes = Graph().parse(SHAPES, format="turtle")
    assert len(shapes) > 100
    # meta_shacl checks the shapes graph against the SHACL-SHACL shapes first
    conforms, _, text = shacl_validate(_sample(), shacl_graph=shapes, ont_graph=_ontology(), meta_shacl=True)
    assert conforms, text


def test_sample_conforms() -> None:
    report = validate(_sample())
    assert isinstance(report, ValidationReport)
    assert report.conforms, report.text()
    assert report.violations == ()
    assert report.text() == "conforms: 0 violations"


def test_dataset_and_file_inputs(tmp_path: Path) -> None:
    ds = Dataset()
    graph = ds.graph(DATA["graph/a1"])
    for triple in _sample():
        graph.add(triple)
    assert validate(ds).conforms
    path = tmp_path / "graph.trig"
    ds.serialize(path, format="trig")
    assert validate(path).conforms
    assert validate(str(path)).conforms
    ttl = tmp_path / "graph.ttl"
    _sample().serialize(ttl, format="turtle")
    assert validate(ttl).conforms


def test_missing_or_broken_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        validate(tmp_path / "nope.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(InputError, match="cannot parse"):
        validate(broken)


def _drop(s: str, p: URIRef) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        g.remove((_id(s), p, None))

    return edit


def _set(s: str, p: URIRef, o: Literal | URIRef) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        g.set((_id(s), p, o))

    return edit


def _add(s: str, p: URIRef, o: Literal | URIRef) -> Callable[[Graph], None]:
    def edit(g: Graph) -> None:
        g.add((_id(s), p, o))

    return edit


BROKEN: dict[str, tuple[Callable[[Graph], None], str, str]] = {
    # name: (edit, focus node as the report prints it, path as printed)
    "role without evidence": (_drop("role/r1", KG.evidence), "id:role/r1", "kg:evidence"),
    "currency 'dollars'": (_set("amount/m1", KG.currency, Literal("dollars")), "id:amount/m1", "kg:currency"),
    "event with two families": (_add("event/v1", KG.family, CAMEO["13"]), "id:event/v1", "kg:family"),
    "entity without label": (
        _drop("organisation/anthropic", RDFS.label),
        "id:organisation/anthropic",
        "rdfs:label",
    ),
    "fact not derived from an article": (
        _drop("statement/t1", URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")),
        "id:statement/t1",
        "prov:wasDerivedFrom",
    ),
    "family outside the scheme": (_set("event/v1", KG.family, CAMEO["99"]), "id:event/v1", "kg:family"),
    "date as a plain string": (_set("event/v1", KG.date, Literal("Tuesday")), "id:event/v1", "kg:date"),
    "partnership with one partner": (
        _drop("partnership/s1", KG.partner),
        "id:partnership/s1",
        "kg:partner",
    ),
    "age of 200": (_set("age/g1", KG.age, Literal(200)), "id:age/g1", "kg:age"),
    "role in a person": (
        _set("role/r1", KG.organisation, _id("person/dario-amodei")),
        "id:role/r1",
        "kg:organisation",
    ),
    "participant that is no entity": (
        _add("event/v1", KG.participant, _id("article/a1")),
        "id:event/v1",
        "kg:participant",
    ),
    "mention without offsets": (
        _drop("mention/a1/12-19", KG.beginIndex),
        "id:mention/a1/12-19",
        "kg:beginIndex",
    ),
    "evidence without article": (_drop("evidence/e1", KG.inArticle), "id:evidence/e1", "kg:inArticle"),
    "integer amount": (_set("amount/m1", KG.value, Literal(5)), "id:amount/m1", "kg:value"),
    "alias without its name key": (
        _drop("person/pete-hegseth", KG.nameKey),
        "id:person/pete-hegseth",
        "skos:altLabel",
    ),
    "name key of no name": (
        _add("organisation/anthropic", KG.nameKey, Literal("anthropic inc")),
        "id:organisation/anthropic",
        "kg:nameKey",
    ),
    "article without date": (_drop("article/a1", KG.published), "id:article/a1", "kg:published"),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_variants_do_not_conform(name: str) -> None:
    edit, focus, path = BROKEN[name]
    g = _sample()
    edit(g)
    report = validate(g)
    assert not report.conforms
    text = report.text()
    assert text.startswith("does NOT conform")
    assert any(focus in line and path in line for line in text.splitlines()[1:]), text
    assert all(v.severity == "Violation" for v in report.violations)


def test_validate_does_not_modify_the_data() -> None:
    g = _sample()
    before = len(g)
    validate(g)
    assert len(g) == before


# --- the documentation -----------------------------------------------------------------------


def test_docs_writes_html_with_the_terms(tmp_path: Path) -> None:
    page = docs_module.docs(tmp_path / "out")
    assert page == tmp_path / "out" / "ontology.html"
    html = page.read_text(encoding="utf-8")
    label = str(_ontology().value(KG.Person, RDFS.label))
    assert label in html
    assert str(KG.Person) in html
    assert "UseUnconventionalMassViolence" in html


def test_docs_falls_back_to_the_plain_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(_: Graph) -> str:
        raise RuntimeError("pyLODE is broken")

    monkeypatch.setattr(docs_module, "_pylode_html", broken)
    html = docs_module.docs(tmp_path).read_text(encoding="utf-8")
    assert "<td>person</td>" in html
    assert "<code>kg:Person</code>" in html
    assert "<script" not in html
