"""Fact rules on hand-made sentences (none from the seed articles)."""

from __future__ import annotations

from datetime import date

from kg import nlp
from kg.extract import extract
from kg.model import Age, Contract, Event, Graph, Maker, Partnership, Role, Statement
from kg.pipeline import assemble

MONDAY = date(2025, 5, 12)


def build(*texts: str, when: date = MONDAY) -> Graph:
    from kg.model import Article

    model = nlp.load()
    arts = [Article(f"f{i}", when, t) for i, t in enumerate(texts)]
    exs = [extract(doc, a) for a, doc in zip(arts, model.pipe([a.text for a in arts]), strict=True)]
    return assemble(exs)


def names(g: Graph) -> dict[str, str]:
    return {e.key: e.name for e in g.entities}


def test_pre_name_title_gives_role() -> None:
    g = build("Bravura CEO Ann Lee said the plant would reopen.")
    n = names(g)
    roles = [(n[f.person], f.title, n.get(f.organisation or "")) for f in g.facts if isinstance(f, Role)]
    assert ("Ann Lee", "CEO", "Bravura") in roles


def test_apposition_gives_former_role() -> None:
    g = build("Omar Haddad, a former adviser at Kestrel Partners, criticised the plan.")
    n = names(g)
    roles = [
        (n[f.person], f.title, n.get(f.organisation or ""), f.former) for f in g.facts if isinstance(f, Role)
    ]
    assert ("Omar Haddad", "adviser", "Kestrel Partners", True) in roles


def test_age_as_of_article_date() -> None:
    g = build("Ann Lee, 52, runs the company.")
    ages = [(f.age, f.as_of) for f in g.facts if isinstance(f, Age)]
    assert ages == [(52, MONDAY)]


def test_contract_value_currency_and_date() -> None:
    g = build("Halvorsen Group signed a $45 million contract with Northwind Trading Co in March.")
    cs = [f for f in g.facts if isinstance(f, Contract)]
    assert cs and cs[0].value == 45_000_000 and cs[0].currency == "USD"
    assert cs[0].date is not None and cs[0].date.value == "2025-03"
    assert {names(g)[p] for p in cs[0].parties} >= {"Halvorsen Group", "Northwind Trading Co"}


def test_product_and_maker() -> None:
    g = build("Zentrix Labs released its chatbot Orbly on Friday. Zentrix Labs's chatbot Orbly is popular.")
    n = names(g)
    assert [(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)] == [
        ("Orbly", "Zentrix Labs")
    ]


def test_partnership() -> None:
    g = build("Kestrel Partners expanded its work with its partner Halvorsen Group.")
    n = names(g)
    pairs = [{n[f.a], n[f.b]} for f in g.facts if isinstance(f, Partnership)]
    assert {"Kestrel Partners", "Halvorsen Group"} in pairs


def test_event_family_participants_and_relative_date() -> None:
    # 2025-05-12 is a Monday: "on Wednesday" in the future is 2025-05-14, in the past 2025-05-07.
    g = build(
        "Mayor Marta Kowalski will meet Governor Ian Ross on Wednesday.",
        "Police arrested Viktor Lang on Wednesday.",
    )
    n = names(g)
    evs = {
        (f.family, f.date.value if f.date else None, frozenset(n[p] for p in f.participants))
        for f in g.facts
        if isinstance(f, Event)
    }
    assert ("04", "2025-05-14", frozenset({"Marta Kowalski", "Ian Ross"})) in evs
    assert any(fam == "17" and d == "2025-05-07" and "Viktor Lang" in ps for fam, d, ps in evs)


def test_same_event_in_two_articles_is_one_node() -> None:
    g = build(
        "Governor Ian Ross threatened Kestrel Partners with fines on Friday.",
        "Ian Ross's threat to Kestrel Partners on Friday surprised investors.",
    )
    threats = [f for f in g.facts if isinstance(f, Event) and f.family == "13"]
    assert len(threats) == 1
    assert {v.article_id for v in threats[0].evidence} == {"f0", "f1"}


def test_statement_speaker_and_outlet() -> None:
    g = build("“We will appeal,” Ann Lee told Zentrix News on Monday.")
    n = names(g)
    st = [(n[f.speaker], n.get(f.outlet or ""), f.quote) for f in g.facts if isinstance(f, Statement)]
    assert ("Ann Lee", "Zentrix News", "We will appeal,") in st


def test_predicate_and_relative_clause_titles() -> None:
    for text, expected in [
        (
            "Marcus Bell, who is chairman of Tidewater Holdings, declined to comment.",
            ("Marcus Bell", "chairman", "Tidewater Holdings", False),
        ),
        (
            "Sara Voss became chief executive of Tidewater Holdings in 2019.",
            ("Sara Voss", "chief executive", "Tidewater Holdings", False),
        ),
        (
            "Former Tidewater Holdings finance chief Dan Pike pleaded guilty.",
            ("Dan Pike", "finance chief", "Tidewater Holdings", True),
        ),
        (
            "Tidewater Holdings chief financial officer Dan Pike said profits rose.",
            ("Dan Pike", "chief financial officer", "Tidewater Holdings", False),
        ),
    ]:
        g = build(text)
        n = names(g)
        roles = [
            (n[f.person], f.title, n.get(f.organisation or ""), f.former)
            for f in g.facts
            if isinstance(f, Role)
        ]
        assert expected in roles, (text, roles)


def test_age_after_the_name_and_at_sentence_end() -> None:
    g = build("The jury heard from Ian Marsh, the 35-year-old driver, and from chef Lee Ward, 41.")
    n = names(g)
    assert sorted((n[f.person], f.age) for f in g.facts if isinstance(f, Age)) == [
        ("Ian Marsh", 35),
        ("Lee Ward", 41),
    ]


def test_one_amount_in_headline_and_body_is_one_deal() -> None:
    g = build(
        "Kestrel Partners in $30m Orvane settlement.\nKestrel Partners agreed to pay $30m to settle claims by Orvane Corp."
    )
    deals = [f for f in g.facts if isinstance(f, Contract)]
    assert len(deals) == 1 and deals[0].value == 30_000_000


def test_wire_style_amounts_and_no_cent_deals() -> None:
    g = build(
        "Halvorsen Group said it agreed to acquire Orvane Corp for 28.3 mln dlrs. "
        "Shares of Kestrel Partners rose 25 cents after the bid."
    )
    deals = [(f.value, f.currency) for f in g.facts if isinstance(f, Contract)]
    assert deals == [(28_300_000, "USD")]


def test_capital_headline_gives_no_entities() -> None:
    g = build(
        "ORVANE TO BUY HALVORSEN UNIT FOR CASH.\nOrvane Corp said it would buy a unit of Halvorsen Group."
    )
    assert all(m.start >= 39 for e in g.entities for m in e.mentions)
    assert {e.name for e in g.entities} == {"Orvane Corp", "Halvorsen Group"}


def test_title_at_organisation_before_a_name_and_demonym_countries() -> None:
    g = build(
        "Chief investment officer at Harrow Capital Group Lena Ortiz said rates would rise. "
        "The French president Jean Morel met the board."
    )
    n = names(g)
    roles = {
        (n[f.person], f.title.lower(), n.get(f.organisation or "")) for f in g.facts if isinstance(f, Role)
    }
    assert ("Lena Ortiz", "chief investment officer", "Harrow Capital Group") in roles


def test_organisation_span_gives_up_a_following_title() -> None:
    g = build("Harrow Capital Executive Vice President Lena Ortiz resigned on Monday.")
    n = names(g)
    assert "Harrow Capital" in n.values()
    roles = {(n[f.person], f.title, n.get(f.organisation or "")) for f in g.facts if isinstance(f, Role)}
    assert ("Lena Ortiz", "Executive Vice President", "Harrow Capital") in roles


def test_appeals_demands_bankruptcy_and_colon_quotes() -> None:
    g = build(
        "Senator Ian Ross called on Congress to investigate the trades. "
        "Orvane Corp filed for bankruptcy on Thursday. "
        "Orvane Corp spokeswoman Ada Lin said: “We will keep paying our suppliers."
    )
    n = names(g)
    evs = {(f.family, frozenset(n[p] for p in f.participants)) for f in g.facts if isinstance(f, Event)}
    assert ("02", frozenset({"Ian Ross", "Congress"})) in evs
    assert ("08", frozenset({"Orvane Corp"})) in evs
    assert any(n[f.speaker] == "Ada Lin" for f in g.facts if isinstance(f, Statement))


def test_products_from_their_phrase_and_launches() -> None:
    g = build(
        "The judge owns a Zorbo portable music player, which is made by Quillon Systems. "
        "Halvorsen Group launched the Vexa tablet on Monday."
    )
    n = names(g)
    kinds = {e.name: e.type.value for e in g.entities}
    assert kinds.get("Zorbo") == "Product" and kinds.get("Vexa") == "Product"
    makers = {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}
    assert ("Zorbo", "Quillon Systems") in makers
    assert ("Vexa", "Halvorsen Group") in makers


def test_role_with_and_without_organisation_is_one_and_parties_are_organisations() -> None:
    g = build(
        "President Ana Lopes spoke. The Portuguese President Ana Lopes left Portugal on Monday.",
        "A critic said Lopes risks a $5 million contract between Halvorsen Group and Orvane Corp.",
    )
    n = names(g)
    roles = [(n[f.person], f.title, n.get(f.organisation or "")) for f in g.facts if isinstance(f, Role)]
    assert roles == [("Ana Lopes", "President", "Portugal")]
    for c in (f for f in g.facts if isinstance(f, Contract)):
        assert all(p.startswith("organisation/") for p in c.parties)
