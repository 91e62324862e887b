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


def posts(g: Graph) -> set[tuple[str, str, str | None, bool]]:
    """Every role as (person, title as written, organisation or None, former)."""
    n = names(g)
    return {
        (n[f.person], f.title, n.get(f.organisation or ""), f.former) for f in g.facts if isinstance(f, Role)
    }


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


def events(g: Graph) -> set[tuple[str, str | None, frozenset[str]]]:
    n = names(g)
    return {
        (f.family, f.date.value if f.date else None, frozenset(n[p] for p in f.participants))
        for f in g.facts
        if isinstance(f, Event)
    }


def test_undated_past_event_falls_in_the_article_month_but_background_does_not() -> None:
    g = build(
        "Halvorsen Group criticised Orvane Corp over its prices. Orvane Corp had threatened Kestrel Partners."
    )
    evs = events(g)
    assert ("11", "2025-05", frozenset({"Halvorsen Group", "Orvane Corp"})) in evs
    assert ("13", None, frozenset({"Orvane Corp", "Kestrel Partners"})) in evs


def test_a_date_in_a_governed_clause_is_not_the_event_date() -> None:
    g = build(
        "Halvorsen Group insisted that Orvane Corp agree to wage cuts by next year. "
        "Orvane Corp refused the terms."
    )
    evs = events(g)
    assert ("10", "2025-05", frozenset({"Halvorsen Group", "Orvane Corp"})) in evs
    # The refusal goes on from the demand, not from the plan dated next year.
    assert ("12", "2025-05", frozenset({"Orvane Corp"})) in evs


def test_reports_of_one_event_in_one_article_are_one_node_with_the_finer_date() -> None:
    g = build(
        "Mayor Marta Kowalski met Governor Ian Ross. Kowalski met Ross again to discuss the budget on Friday."
    )
    meets = [f for f in g.facts if isinstance(f, Event) and f.family == "04"]
    assert len(meets) == 1 and meets[0].date is not None and meets[0].date.value == "2025-05-09"


def test_participants_across_misattached_against_infinitives_and_participles() -> None:
    g = build(
        "The regulator Orvane Authority filed charges in a federal court against Jane Doe. "
        "The board challenged Ian Ross to stand down. "
        "Halvorsen Group cut prices, prompting Kestrel Partners to file suit in 2019. "
        "Police questioned Lee Ward, arrested in Lagos in March."
    )
    evs = events(g)
    assert any(f == "11" and {"Orvane Authority", "Jane Doe"} <= ps for f, _, ps in evs)
    assert any(f == "10" and "Ian Ross" in ps for f, _, ps in evs)
    assert ("11", "2019", frozenset({"Kestrel Partners"})) in evs
    assert any(f == "17" and "Lee Ward" in ps and d == "2025-03" for f, d, ps in evs)


def test_an_organisation_after_in_takes_part() -> None:
    g = build("The plan was rejected in the Northwind Assembly on Tuesday.")
    assert ("12", "2025-05-06", frozenset({"Northwind Assembly"})) in events(g)


def test_phrasal_and_guarded_triggers() -> None:
    g = build(
        "Ann Lee is stepping down as chief executive of Halvorsen Group. "
        "Orvane Corp is looking into it with Kestrel Partners. "
        "Union leaders want Governor Ian Ross to withdraw the rules. "
        "Quillon Systems asked Tidewater Holdings to delay the vote. "
        "Harrow Capital agreed to pay Marston Bank in March. "
        "Dan Pike is on trial for fraud. "
        "Vexa Corp reached a settlement with Marston Bank. "
        "Analysts agree that Harrow Capital is strong. "
        "Dan Pike wore a suit."
    )
    evs = events(g)
    fams = {(f, ps) for f, _, ps in evs}
    assert ("08", frozenset({"Ann Lee", "Halvorsen Group"})) in fams or ("08", frozenset({"Ann Lee"})) in fams
    assert ("09", frozenset({"Orvane Corp", "Kestrel Partners"})) in fams
    assert ("10", frozenset({"Ian Ross"})) in fams
    assert ("02", frozenset({"Quillon Systems", "Tidewater Holdings"})) in fams
    assert ("05", frozenset({"Harrow Capital", "Marston Bank"})) in fams
    assert ("11", frozenset({"Dan Pike"})) in fams
    assert ("08", frozenset({"Vexa Corp", "Marston Bank"})) in fams
    # An opinion is no agreement, and clothes are no lawsuit.
    assert all(not (f == "05" and ps == frozenset({"Harrow Capital"})) for f, ps in fams)
    assert sum(1 for f, ps in fams if f == "11") == 1


def test_a_warning_of_walkouts_is_a_threat() -> None:
    g = build("Union leader Ann Lee warned that there could be further walkouts.")
    assert any(f == "13" and "Ann Lee" in ps for f, _, ps in events(g))


def test_pronouns_we_and_it_and_counted_plurals() -> None:
    g = build(
        'Halvorsen Group spokeswoman Ada Lin said: "We are investigating the trades."',
        "Orvane Corp opened a plant in France. It was later sued by Kestrel Partners.",
        "Regulators charged Jane Doe and Omar Haddad. Tidewater Holdings sued the pair in May.",
        "Harrow Capital met Marston Bank lawyers. On Friday the parties agreed to settle.",
    )
    evs = events(g)
    assert any(f == "09" and "Halvorsen Group" in ps for f, _, ps in evs)
    assert any(f == "11" and ps == frozenset({"Orvane Corp", "Kestrel Partners"}) for f, _, ps in evs)
    assert any(f == "11" and {"Jane Doe", "Omar Haddad", "Tidewater Holdings"} <= ps for f, _, ps in evs)
    assert any(f == "05" and {"Harrow Capital", "Marston Bank"} <= ps for f, _, ps in evs)


def test_a_title_with_an_owner_stands_for_its_holder() -> None:
    g = build(
        "Dan Pike, the chief executive of Tidewater Holdings, resigned. "
        "Regulators are investigating Tidewater Holdings's former chief executive."
    )
    assert any(f == "09" and "Dan Pike" in ps for f, _, ps in events(g))


def test_speakers_through_spokesmen_statements_titles_and_according_to() -> None:
    g = build(
        "A spokesman for Halvorsen Group said the plant would close. "
        "A statement from Orvane Corp stated that prices would rise. "
        "Tidewater Holdings confirmed that Dan Pike had left. "
        "According to Kestrel Partners, the deal collapsed. "
        'Chief investment officer at Harrow Capital Group Lena Ortiz said: "Rates will rise." '
        "When asked whether the deal was a step towards peace between France and Spain, "
        'Quillon Systems Executive Vice President Tom Reyes replied, "It is a business relationship."'
    )
    n = names(g)
    speakers = {n[f.speaker] for f in g.facts if isinstance(f, Statement)}
    assert {
        "Halvorsen Group",
        "Orvane Corp",
        "Tidewater Holdings",
        "Kestrel Partners",
        "Lena Ortiz",
        "Tom Reyes",
    } <= speakers


def test_roles_through_qualifier_names_formerly_owners_from_and_seats() -> None:
    g = build(
        "Senate Minority leader Ann Cole said the vote failed. "
        "Lena Ortiz, formerly a Harrow Capital executive, joined Marston Bank. "
        "Lee Ward, Quillon Systems' senior vice president for Vexa Mobile engineering, left. "
        "Omar Haddad, along with senator Mia Ford from Virginia, called on Congress to act.",
        "The United States Senate rejected the bill. Republican Senator Bob Kerr was unhappy.",
    )
    roles = posts(g)
    assert ("Ann Cole", "Minority leader", "United States Senate", False) in roles
    assert ("Lena Ortiz", "executive", "Harrow Capital", True) in roles
    assert ("Lee Ward", "vice president", "Quillon Systems", False) in roles
    assert ("Mia Ford", "senator", "Virginia", False) in roles
    assert ("Bob Kerr", "Senator", "United States Senate", False) in roles


def test_deals_with_a_personal_looking_name_unpriced_purchases_and_agreements_with() -> None:
    g = build(
        "Australian building products group James Tolland has agreed to pay $1.1bn to victims of asbestos. "
        "Tolland was once the biggest supplier of asbestos. "
        "The deal still needs the approval of Tolland's shareholders.",
        "Orvane Airlines has negotiated the purchase of 22 new Quillon Systems jets.",
        "Halvorsen Group has entered into an agreement with Kestrel Partners for worldwide marketing.",
    )
    n = names(g)
    deals = {
        (frozenset(n[p] for p in f.parties), f.value, f.date.value if f.date else None)
        for f in g.facts
        if isinstance(f, Contract)
    }
    assert (frozenset({"James Tolland"}), 1_100_000_000, "2025-05") in deals
    assert (frozenset({"Orvane Airlines", "Quillon Systems"}), None, "2025-05") in deals
    pairs = [{n[f.a], n[f.b]} for f in g.facts if isinstance(f, Partnership)]
    assert {"Halvorsen Group", "Kestrel Partners"} in pairs


def test_an_agreement_naming_one_side_joins_the_company_of_the_article() -> None:
    g = build(
        "Tidewater Motors filed for bankruptcy on Thursday. Tidewater Motors will keep its plants. "
        "Tidewater Motors said a deal with Italian carmaker Fenzi Motors went through."
    )
    n = names(g)
    assert [{n[f.a], n[f.b]} for f in g.facts if isinstance(f, Partnership)] == [
        {"Tidewater Motors", "Fenzi Motors"}
    ]


def test_maker_of_a_second_verb_and_kin_appositions_make_people() -> None:
    g = build(
        "Vexa Corp was founded in 1990 and launched the Zorbo tablet in 2003. "
        "Those charged included Ossian Brell, the 22-year-old son of singer Bryn Brell."
    )
    n = names(g)
    assert ("Zorbo", "Vexa Corp") in {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}
    assert ("Ossian Brell", 22) in {(n[f.person], f.age) for f in g.facts if isinstance(f, Age)}


def test_ex_prefix_makes_a_former_role_at_the_bare_organisation() -> None:
    g = build("Ex-Labour MP Ann Cole has appealed for calm. Labour said nothing.")
    n = names(g)
    assert "Ex-Labour" not in n.values()
    roles = posts(g)
    assert ("Ann Cole", "MP", "Labour", True) in roles


def test_the_parties_are_actors_not_the_products_named_between() -> None:
    g = build(
        "Dray Corp filed a suit against Vanta Inc. Critics blamed Vanta Inc's Zumo developed by Vanta Inc. "
        "On Monday the parties agreed to settle."
    )
    agreed = [frozenset(x.rstrip(".") for x in p) for fam, _, p in events(g) if fam == "05"]
    assert agreed == [frozenset({"Dray Corp", "Vanta Inc"})]


def roles(g: Graph) -> set[tuple[str, str, str | None, bool]]:
    n = names(g)
    return {
        (n[r.person], r.title, n.get(r.organisation) if isinstance(r.organisation, str) else None, r.former)
        for r in g.facts
        if isinstance(r, Role) and isinstance(r.person, str)
    }


def test_a_title_in_the_lead_is_held_by_the_name_of_the_next_sentence() -> None:
    g = build(
        "An ex-chief financial officer at Dravon Aerospace has received a jail sentence. "
        "Mila Brandt admitted her guilt."
    )
    assert ("Mila Brandt", "chief financial officer", "Dravon Aerospace", True) in roles(g)
    # A name with its own title in the next sentence is someone else.
    g = build("A spokesman for Vantel Corp said talks went on. Nobody wants a strike, said analyst Jon Ruud.")
    assert not any(r[0] == "Jon Ruud" and r[1] == "spokesman" for r in roles(g))


def test_announcing_and_saying_are_statement_events_of_the_speaker() -> None:
    evs = events(build("Dray Corp announced a new plant in Ohio on Monday. Vantel Corp said it was calm."))
    assert ("01", "2025-05-12", frozenset({"Dray Corp"})) in evs
    # GDELT codes "said" as 010: the saying is an event of its speaker, dated the day of the report.
    assert ("01", "2025-05-12", frozenset({"Vantel Corp"})) in evs


def test_a_speech_verb_that_is_a_trigger_makes_one_event_of_its_own_family() -> None:
    evs = events(build("Vantel Corp denied the report on Tuesday."))
    assert [(code, date) for code, date, _ in evs] == [("12", "2025-05-06")]


def test_a_run_of_pronouns_keeps_pointing_at_the_person_named_before_it() -> None:
    g = build(
        "Halvard Mossberg founded Tessel Mining in 1990. He sold it in 1999. He then moved to Bergen. "
        "On Friday he was arrested."
    )
    assert ("17", "2025-05-09", frozenset({"Halvard Mossberg"})) in events(g)


def test_a_pronoun_skips_a_name_whose_honorific_says_the_other_gender() -> None:
    g = build("Mr Pell Ostrander praised Mrs Alva Renne. On Friday he was arrested.")
    assert ("17", "2025-05-09", frozenset({"Pell Ostrander"})) in events(g)


def test_a_lead_that_describes_a_person_stands_for_the_name_in_the_next_sentence() -> None:
    g = build(
        "Shipping tycoon detained. One of Norway's richest shipowners was arrested on Thursday. "
        "Halvard Mossberg was once the largest owner of tankers in Europe."
    )
    assert ("17", "2025-05-08", frozenset({"Halvard Mossberg"})) in events(g)
    # A describing phrase with "the" points back, not forward: nobody is introduced.
    g = build("The businessman was arrested on Thursday. Halvard Mossberg was once the largest owner.")
    assert not [e for e in events(g) if e[0] == "17"]


def test_a_peer_is_known_by_the_styled_name_and_the_title_is_no_place() -> None:
    g = build(
        "Lord Harwell of Dunmere, who chaired the inquiry, said the rules were weak. Harwell spoke later."
    )
    harwell = next(e for e in g.entities if e.name.endswith("Harwell") or "Harwell" in e.aliases)
    assert "Lord Harwell of Dunmere" in (harwell.name, *harwell.aliases)
    assert not any(e.name == "Dunmere" for e in g.entities)


def test_a_lead_that_describes_an_organisation_stands_for_the_one_named_next() -> None:
    g = build(
        "A group of farmers has called for lower fuel duties. "
        "The Westmoor Growers Association held a meeting in March."
    )
    assert ("02", "2025-05", frozenset({"Westmoor Growers Association"})) in events(g)


def test_unveiling_announces_but_launching_an_inquiry_is_the_inquiry() -> None:
    evs = events(
        build("Velta Corp unveiled a new tablet on Tuesday. Borrow Bank launched an inquiry on Tuesday.")
    )
    assert ("01", "2025-05-06", frozenset({"Velta Corp"})) in evs
    assert ("09", "2025-05-06", frozenset({"Borrow Bank"})) in evs
    assert ("01", "2025-05-06", frozenset({"Borrow Bank"})) not in evs


def test_a_makers_name_before_a_model_designation_names_a_product_of_that_maker() -> None:
    g = build(
        "The Vantor VX-700 jetliner was grounded on Monday. Vantor Aerospace said the VX-700s would fly again. "
        "Brightsky Air flies two Vantor VX-700 planes."
    )
    n = names(g)
    products = [e for e in g.entities if e.type.value == "Product"]
    assert [p.name for p in products] == ["Vantor VX-700"]
    makers = {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}
    assert ("Vantor VX-700", "Vantor Aerospace") in makers or ("Vantor VX-700", "Vantor") in makers
    # A date or an ordinal after a name is no model.
    g = build("Halvorsen Group reported results for DEC 31. Orvane Corp 2ND quarter profit rose.")
    assert not [e for e in g.entities if e.type.value == "Product"]


def titles(g: Graph) -> set[tuple[str, str, str | None]]:
    n = names(g)
    return {
        (n[f.person], f.title.lower(), n.get(f.organisation) if f.organisation else None)
        for f in g.facts
        if isinstance(f, Role)
    }


def test_a_corporate_title_without_an_organisation_belongs_to_the_company_just_named() -> None:
    g = build("Kestrel Dynamics recalled its drones on Monday. Chief executive Mara Lindqvist said sorry.")
    assert ("Mara Lindqvist", "chief executive", "Kestrel Dynamics") in titles(g)
    # A president may lead a country: no organisation is guessed for that title.
    g = build("Kestrel Dynamics recalled its drones on Monday. President Mara Lindqvist said sorry.")
    assert all(org is None for _, title, org in titles(g) if title == "president")


def test_two_titles_joined_by_and_share_the_organisation_given_once() -> None:
    g = build("The vice president and general counsel of Orvane Corp, Ilse Brandt, spoke on Monday.")
    assert {
        ("Ilse Brandt", "vice president", "Orvane Corp"),
        ("Ilse Brandt", "general counsel", "Orvane Corp"),
    } <= titles(g)


def test_the_organisation_of_a_role_is_typed_an_organisation_whatever_the_ner_said() -> None:
    g = build(
        '"It is a fit," said Rolf Aas, vice president of business development for Quellion. '
        "Quellion makes software. Quellion sold it."
    )
    assert {e.name: e.type.value for e in g.entities}.get("Quellion") == "Organisation"


def test_a_plural_subject_stands_for_the_people_a_nearby_sentence_lists() -> None:
    g = build(
        "Six activists were arrested on Friday after a sit-in. "
        "Those arrested included Ilse Brandt, a teacher, and Rolf Aas."
    )
    assert ("17", "2025-05-09", frozenset({"Ilse Brandt", "Rolf Aas"})) in events(g)
    # With no list nearby the plural stands for nobody, and no event is made.
    g = build("Six activists were arrested on Friday after a sit-in. The police gave no names.")
    assert not [e for e in events(g) if e[0] == "17"]


def test_a_title_with_a_name_beside_it_speaks_as_that_person() -> None:
    g = build("The general counsel of Orvane Corp, Ilse Brandt, said the claim was false.")
    n = names(g)
    assert {n[f.speaker] for f in g.facts if isinstance(f, Statement)} == {"Ilse Brandt"}


def test_people_from_an_organisation_make_it_take_part() -> None:
    evs = events(build("Last year, twelve managers from Orvane Corp were charged with fraud."))
    assert ("11", "2024", frozenset({"Orvane Corp"})) in evs


def test_an_appeal_for_the_release_of_someone_is_about_them() -> None:
    evs = events(build("Rolf Aas appealed on Monday for the release of Ilse Brandt."))
    assert ("02", "2025-05-12", frozenset({"Rolf Aas", "Ilse Brandt"})) in evs


def test_sacking_revoking_and_banning_are_events() -> None:
    evs = events(
        build(
            "Orvane Corp sacked Ilse Brandt on Monday. Quellion Bank revoked Orvane Corp's licence on Tuesday. "
            "The regulator banned Halvorsen Group from the market on Monday."
        )
    )
    assert ("16", "2025-05-12", frozenset({"Orvane Corp", "Ilse Brandt"})) in evs
    assert ("16", "2025-05-06", frozenset({"Quellion Bank", "Orvane Corp"})) in evs
    assert any(code == "17" and "Halvorsen Group" in ps for code, _, ps in evs)


def test_opinions_and_predictions_are_statements_of_their_speaker() -> None:
    g = build(
        "Rolf Aas believes the merger will fail. Mara Lindqvist predicted that prices would rise. "
        "Ilse Brandt estimated that over eight million phones will have been sold by June."
    )
    n = names(g)
    assert {n[f.speaker] for f in g.facts if isinstance(f, Statement)} == {
        "Rolf Aas",
        "Mara Lindqvist",
        "Ilse Brandt",
    }


def test_verbs_that_tell_a_post_give_roles() -> None:
    g = build(
        "Rolf Aas, who heads Orvane Corp's sales arm, spoke on Monday. "
        "Directed by Mara Lindqvist, the film opened in May. Ilse Brandt owns a house and led the talks."
    )
    got = titles(g)
    assert ("Rolf Aas", "head", "Orvane Corp") in got
    assert ("Mara Lindqvist", "director", None) in got
    # Owning a house or leading talks is no post.
    assert not [t for t in got if t[0] == "Ilse Brandt"]


def test_attacking_a_plan_is_criticism_and_attacking_a_base_is_force() -> None:
    evs = events(
        build(
            "Rolf Aas attacked Orvane Corp's plans and over-complicated taxes on Monday. "
            "Rebels attacked the base near Tarvik on Monday."
        )
    )
    assert ("11", "2025-05-12", frozenset({"Rolf Aas", "Orvane Corp"})) in evs
    assert any(code == "18" for code, _, _ in evs)


def test_he_after_a_title_subject_is_the_titles_holder() -> None:
    g = build(
        "Orvane Corp spokesman Rolf Aas said sales fell. Mara Lindqvist disagreed on Monday. "
        "But the Orvane Corp spokesman questioned the figures. He urged shareholders to vote on Monday."
    )
    n = names(g)
    urged = [f for f in g.facts if isinstance(f, Event) and f.family == "02"]
    assert urged and {n[p] for p in urged[0].participants} == {"Rolf Aas"}


def test_a_person_apposed_to_a_subject_noun_speaks_and_holds_the_post() -> None:
    g = build(
        "Orvane Corp was fined by the Quellion Authority on Monday. "
        "The watchdog's chief accountant Ilse Brandt said that the accounts were wrong."
    )
    n = names(g)
    assert {n[f.speaker] for f in g.facts if isinstance(f, Statement)} == {"Ilse Brandt"}
    assert ("Ilse Brandt", "chief accountant", "Quellion Authority") in titles(g)


def test_the_second_of_two_joined_verbs_shares_the_speaker() -> None:
    g = build(
        "The Quellion Authority turned to the accounts of Orvane Corp and in March said that they were wrong."
    )
    n = names(g)
    sts = [f for f in g.facts if isinstance(f, Statement)]
    assert [n[f.speaker] for f in sts] == ["Quellion Authority"]


def test_posts_taken_up_or_left_as_a_title() -> None:
    g = build(
        "Mara Lindqvist, founder of Orvane Corp, has chosen to step down from her post as CEO of the company. "
        "Rolf Aas will be succeeding Lindqvist as CEO. Ilse Brandt resigned as chairman of Quellion Bank on Monday."
    )
    roles = posts(g)
    assert ("Mara Lindqvist", "CEO", "Orvane Corp", True) in roles
    assert ("Rolf Aas", "CEO", "Orvane Corp", False) in roles
    assert ("Ilse Brandt", "chairman", "Quellion Bank", True) in roles


def test_ex_titles_and_title_subjects_beside_a_name() -> None:
    g = build(
        "Mara Lindqvist, Orvane Corp's ex-head of internal accounting, alerted directors. "
        "The former Chief Operating Officer, Rolf Aas will be succeeding Lindqvist."
    )
    roles = posts(g)
    assert ("Mara Lindqvist", "head", "Orvane Corp", True) in roles
    assert ("Rolf Aas", "Chief Operating Officer", "Orvane Corp", True) in roles
    # A word inside a title is no name.
    assert "Operating" not in names(g).values()


def test_meeting_a_target_is_no_meeting_and_a_buyout_by_someone_includes_them() -> None:
    evs = events(
        build(
            "Orvane Corp failed to meet its targets on Monday. "
            "Last week, Quellion Bank agreed to a buyout by Halvorsen Group."
        )
    )
    assert not [e for e in evs if e[0] == "04"]
    assert ("05", "2025-05", frozenset({"Quellion Bank", "Halvorsen Group"})) in evs


def test_a_makers_name_before_a_model_named_alone_makes_a_product() -> None:
    g = build(
        "Nissan will rename the Nissan Five Hundred to the Tarvik next year, Nissan said. The Five Hundred sold badly."
    )
    n = names(g)
    types = {e.name: e.type.value for e in g.entities}
    assert types.get("Nissan Five Hundred") == "Product"
    assert ("Nissan Five Hundred", "Nissan") in {
        (n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)
    }


def test_models_in_a_list_and_their_builder() -> None:
    g = build(
        "Two models would be discontinued, the Sky and Astra. "
        "Orvane Corp would continue building the Aura sedan, the Vue and the Outlook."
    )
    n = names(g)
    types = {e.name: e.type.value for e in g.entities}
    assert {types.get(x) for x in ("Sky", "Astra", "Aura", "Vue", "Outlook")} == {"Product"}
    made = {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}
    assert {("Aura", "Orvane Corp"), ("Vue", "Orvane Corp"), ("Outlook", "Orvane Corp")} <= made


def test_forcing_welcoming_and_citing_a_source() -> None:
    evs = events(
        build(
            "The Quellion Authority has forced Orvane Corp to lower its prices. "
            "Halvorsen Group welcomed the decision on Monday. "
            "According to Rolf Aas, prices will fall."
        )
    )
    assert any(code == "17" and {"Quellion Authority", "Orvane Corp"} <= ps for code, _, ps in evs)
    assert any(code == "05" and "Halvorsen Group" in ps for code, _, ps in evs)
    # "according to" cites a source: a statement, never an agreement.
    assert not [e for e in evs if e[0] == "05" and "Rolf Aas" in e[2]]


def test_announced_this_morning_is_the_articles_day() -> None:
    evs = events(build("The plant will close, Orvane Corp announced this morning."))
    assert ("01", "2025-05-12", frozenset({"Orvane Corp"})) in evs


def test_the_producer_of_a_product_is_its_maker() -> None:
    g = build("Orvane Corp is the producer of the best-selling music player, the Zephyr.")
    n = names(g)
    assert ("Zephyr", "Orvane Corp") in {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}


def test_a_date_in_a_relative_clause_about_someone_else_is_not_the_events() -> None:
    evs = events(
        build(
            "The panel picked out the case of Ilse Brandt, who died in March 2002, "
            "and urged Rolf Aas to hold an inquiry."
        )
    )
    urged = [d for code, d, ps in evs if code == "02"]
    assert urged and urged[0] != "2002-03"


def test_a_product_family_shares_its_maker_and_brands_are_products() -> None:
    g = build(
        "Orvane Corp today unveiled its latest addition to the zPlayer line, the zPlayer nano. "
        "The zPlayer Nano comes in two colours. The zPlayer nano replaces the similar zPlayer Mini."
    )
    n = names(g)
    types = {e.name: e.type.value for e in g.entities}
    made = {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}
    # "nano", written capitalised once, belongs to the name.
    assert ("zPlayer nano", "Orvane Corp") in made or ("zPlayer Nano", "Orvane Corp") in made
    assert {("zPlayer", "Orvane Corp"), ("zPlayer Mini", "Orvane Corp")} <= made
    assert types.get("zPlayer") == "Product"


def test_organisations_working_together_are_partners_in_a_cooperation() -> None:
    g = build(
        "Orvane Corp and Halvorsen Group are developing technology to give people access to music. "
        "Quellion Bank teamed up with Tarvik Mining on Monday."
    )
    n = names(g)
    pairs = {frozenset((n[f.a], n[f.b])) for f in g.facts if isinstance(f, Partnership)}
    assert frozenset({"Orvane Corp", "Halvorsen Group"}) in pairs
    assert frozenset({"Quellion Bank", "Tarvik Mining"}) in pairs
    coop = [f for f in g.facts if isinstance(f, Event) and f.family == "06"]
    assert coop


def test_the_firms_product_is_made_by_the_firm_just_named() -> None:
    g = build("Several car makers are working with Orvane Corp to control the firm's Zephyr music player.")
    n = names(g)
    assert ("Zephyr", "Orvane Corp") in {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}


def test_posts_told_of_a_pronoun_or_given_with_as() -> None:
    g = build(
        "Mara Lindqvist joined Orvane Corp in 1990. She is now the chief executive of Orvane Corp, the firm said. "
        "Mr Rolf Aas spoke next. He was named chairman of Quellion Bank on Monday. "
        "The company also announced Ilse Brandt as its new president."
    )
    got = titles(g)
    assert ("Mara Lindqvist", "chief executive", "Orvane Corp") in got
    assert ("Rolf Aas", "chairman", "Quellion Bank") in got
    assert ("Ilse Brandt", "president", "Quellion Bank") in got


def test_who_was_appointed_as_a_title_and_is_replaced_held_it_before() -> None:
    g = build(
        "Orvane Corp named Mara Lindqvist its chief executive on Monday. "
        "She replaces Rolf Aas, who was appointed by the board as chairman in 2009."
    )
    n = names(g)
    roles = {(n[f.person], f.title, f.former) for f in g.facts if isinstance(f, Role)}
    assert ("Rolf Aas", "chairman", True) in roles


def test_makers_in_the_products_own_phrase_and_each_of_several() -> None:
    g = build(
        "Orvane Corp had hoped to pitch its Zephyr drug against rival medicine Tarvix. "
        "The drug Tarvix, made by Halvorsen Group, Quellion Bank and Kestrel Partners, works well."
    )
    n = names(g)
    made = {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}
    assert ("Zephyr", "Orvane Corp") in made
    assert ("Tarvix", "Orvane Corp") not in made
    assert {("Tarvix", "Halvorsen Group"), ("Tarvix", "Quellion Bank")} <= made


def test_in_charge_of_is_no_charge_and_a_corporate_title_belongs_to_the_story_company() -> None:
    g = build(
        "Orvane Corp appointed a new director on Monday. Shares rose. Analysts were pleased. "
        "Rolf Aas will be in charge of drug development. Orvane Corp said sales rose. "
        'The plan was welcomed. Investors agreed. "We will grow," said chief executive Mara Lindqvist.'
    )
    assert not [f for f in g.facts if isinstance(f, Event) and f.family == "11"]
    assert ("Mara Lindqvist", "chief executive", "Orvane Corp") in titles(g)


def test_party_before_a_title_is_the_organisation_and_its_names_are_one() -> None:
    g = build(
        "Liberal Democrat home affairs spokesman Jo Brandt said the bill was flawed. "
        "Conservative co-chairman Ivo Marsh likened the ministers to schoolboys. "
        "The Lib Dems and the Tories will vote against it, and Conservative Party officials agreed. "
        "Republican Senator Ada Pell backed it in the Senate."
    )
    roles = posts(g)
    assert ("Jo Brandt", "home affairs spokesman", "Liberal Democrat", False) in {
        (p, t, o.replace("Lib Dems", "Liberal Democrat") if o else o, f) for p, t, o, f in roles
    }
    assert any(p == "Ivo Marsh" and "chairman" in t and o and "Conservative" in o for p, t, o, _ in roles)
    # A senator's seat is the Senate, whatever the party.
    assert ("Ada Pell", "Senator", "Senate", False) in roles
    orgs = [e.name for e in g.entities if e.type.value == "Organisation"]
    assert sum("Conservative" in o or "Tories" in o for o in orgs) == 1, orgs
    assert sum("Lib" in o for o in orgs) == 1, orgs
    # An adjective at the start of a sentence is no party.
    g = build("Conservative estimates put the cost at $5 million.")
    assert not g.entities


def test_portfolio_is_part_of_the_title() -> None:
    g = build("Health Secretary Rhian Powys warned doctors. Home Affairs spokesman Tal Ober agreed.")
    assert posts(g) == {
        ("Rhian Powys", "Health Secretary", None, False),
        ("Tal Ober", "Home Affairs spokesman", None, False),
    }
    assert {e.name for e in g.entities} == {"Rhian Powys", "Tal Ober"}


def test_country_of_a_title_from_demonym_or_of() -> None:
    g = build(
        "Ukraine and Russia traded blame. Russian President Ivan Dorok said no. "
        "Ukrainian Foreign Minister Olena Marchuk replied. "
        "Ambassador Sven Aalto of Finland chaired the talks."
    )
    roles = posts(g)
    assert ("Ivan Dorok", "President", "Russia", False) in roles
    assert ("Olena Marchuk", "Foreign Minister", "Ukraine", False) in roles
    assert ("Sven Aalto", "Ambassador", "Finland", False) in roles


def said(g: Graph) -> set[tuple[str, str | None]]:
    """Every statement as (speaker, outlet or None)."""
    n = names(g)
    return {(n[f.speaker], n.get(f.outlet or "")) for f in g.facts if isinstance(f, Statement)}


def test_outlet_of_an_interview_or_a_programme() -> None:
    g = build(
        "In a separate Meridian Radio interview, Ilse Varga said she would not be distracted. "
        "Tomas Brek said in an interview with the Harbour Gazette that the plan was dead. "
        "Speaking to Northwind News, Ada Kerr said the talks had failed."
    )
    assert said(g) >= {
        ("Ilse Varga", "Meridian Radio"),
        ("Tomas Brek", "Harbour Gazette"),
        ("Ada Kerr", "Northwind News"),
    }


def test_he_opening_a_sentence_is_the_previous_subject() -> None:
    g = build(
        "Former party leader Ivo Marsh said Mr Dale and Mr Pike could only end the row together. "
        "He told Meridian Radio that Mr Pike would never plot a coup."
    )
    assert ("Ivo Marsh", "Meridian Radio") in said(g)
    assert not any(o == "Meridian Radio" and s != "Ivo Marsh" for s, o in said(g))


def test_the_group_is_not_a_possessive_nor_a_persons_surname() -> None:
    g = build(
        "Days after Vetra Labs declined to rate Orvane Corp's new phone, the row grew. "
        "The group said that the move was a good first step."
    )
    assert {s for s, _ in said(g)} == {"Vetra Labs"}
    g = build(
        "Kestrel Partners hired Omar Haddad in May. Haddad spoke about the deal. "
        "Art Lund, chairman of Halvorsen Group and a member of the board, agreed."
    )
    assert ("Art Lund", "chairman", "Halvorsen Group", False) in posts(g)
    assert not any(o == "Haddad" for _, _, o, _ in posts(g))


def test_abbreviated_company_suffix_keeps_its_dot() -> None:
    g = build("Vetra Labs Inc. announced on Friday that it will give owners a free case.")
    assert "Vetra Labs Inc." in names(g).values()


def test_deadlines_and_gerund_clauses_do_not_date_the_event() -> None:
    g = build(
        "Ivo Marsh accused Tal Ober of missing his target of treating 3 million people by 2030. "
        "Ada Kerr pledged on Tuesday to cut costs by 2029."
    )
    ev = events(g)
    assert ("11", "2025-05", frozenset({"Ivo Marsh", "Tal Ober"})) in ev
    assert ("03", "2025-05-06", frozenset({"Ada Kerr"})) in ev


def test_today_opening_a_sentence_and_releases() -> None:
    g = build(
        "Today Vetra Labs also released its Orbly device. The Northern Front released the hostages on Friday."
    )
    ev = events(g)
    assert ("01", MONDAY.isoformat(), frozenset({"Vetra Labs", "Orbly"})) in ev
    assert ("08", "2025-05-09", frozenset({"Northern Front"})) in ev
    assert ("01", MONDAY.isoformat(), frozenset({"Pell", "Vetra Labs"})) in events(
        build("Vetra Labs today introduced the Pell phone.")
    )


def test_meetings_with_someone_and_due_to_meet() -> None:
    g = build(
        "Peter Marsh says he discussed the election campaign with Tal Ober on Saturday. "
        "Ada Kerr spoke on Monday. She is due to meet President Olena Marchuk next week."
    )
    ev = events(g)
    assert ("04", "2025-05-10", frozenset({"Peter Marsh", "Tal Ober"})) in ev
    assert any(f == "04" and p == {"Ada Kerr", "Olena Marchuk"} for f, _, p in ev)


def test_verbs_that_are_events_in_one_sense() -> None:
    g = build(
        "The Harbour Medical Association backed the bill on Monday. "
        "Vetra Labs declined to give Orvane Corp's phone a rating on Tuesday. "
        "Sales declined on Wednesday at Vetra Labs. "
        "Kestrel Partners plans to open a plant in Ohio. "
        "Norway lifted the ban on Halvorsen Group on Thursday."
    )
    ev = events(g)
    assert ("05", "2025-05-12", frozenset({"Harbour Medical Association"})) in ev
    assert any(f == "12" and p >= {"Vetra Labs", "Orvane Corp"} for f, _, p in ev)
    assert not any(d == "2025-05-07" for _, d, _ in ev)  # sales falling is no event
    assert any(f == "03" and "Kestrel Partners" in p for f, _, p in ev)
    assert any(f == "08" and "Norway" in p for f, _, p in ev)


def test_said_someone_must_act_is_a_demand_on_them() -> None:
    ev = events(build("Peter Marsh said Norway needed to take more action. Jane Doe said she must leave."))
    assert ("10", "2025-05", frozenset({"Peter Marsh", "Norway"})) in ev
    assert not any(f == "10" and "Jane Doe" in p for f, _, p in ev)


def test_repeated_product_name_keeps_its_last_word() -> None:
    g = build("Today Vetra also released its device - Vetra TV. Vetra TV connects to a computer.")
    assert "Vetra TV" in {e.name for e in g.entities if e.type.value == "Product"}
    n = names(g)
    assert {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)} == {("Vetra TV", "Vetra")}


def test_joined_titles_each_give_a_role() -> None:
    g = build(
        "Tom Reyes, president and CEO of Halvorsen Group said the day was wonderful. "
        "Vetra Labs chairman and chief executive Jane Doe resigned."
    )
    roles = posts(g)
    assert {
        ("Tom Reyes", "president", "Halvorsen Group", False),
        ("Tom Reyes", "CEO", "Halvorsen Group", False),
        ("Jane Doe", "chairman", "Vetra Labs", False),
        ("Jane Doe", "chief executive", "Vetra Labs", False),
    } <= roles


def test_a_report_speaks_for_its_owner() -> None:
    g = build(
        "Vetra Labs's annual report said profits rose. A study from Halvorsen Group said prices would fall."
    )
    assert {s for s, _ in said(g)} == {"Vetra Labs", "Halvorsen Group"}


def test_actors_the_trigger_governs_take_part_and_names_are_no_triggers() -> None:
    g = build(
        "Ivo Marsh accused Jane Doe on Monday of missing Halvorsen Group's targets. "
        "Band Aid founder Peter Marsh spoke on Tuesday."
    )
    ev = events(g)
    assert any(f == "11" and p >= {"Jane Doe", "Halvorsen Group"} for f, _, p in ev)
    assert not any(f == "07" for f, _, _ in ev)


def test_ties_appointments_reports_licences_and_bids() -> None:
    ev = events(
        build(
            "Norway and Sweden strengthened defence and economic ties on Monday. "
            "Halvorsen Group named Jane Doe its new chief executive on Tuesday. "
            "The Harbour Gazette reported the glitch on Friday. "
            "Vetra Labs licensed its software to Orvane Corp on Thursday. "
            "Peter Marsh launched a takeover bid for Halvorsen Group on Wednesday."
        )
    )
    assert ("05", "2025-05-12", frozenset({"Norway", "Sweden"})) in ev
    assert ("01", "2025-05-06", frozenset({"Halvorsen Group", "Jane Doe"})) in ev
    assert ("01", "2025-05-09", frozenset({"Harbour Gazette"})) in ev
    assert ("06", "2025-05-08", frozenset({"Vetra Labs", "Orvane Corp"})) in ev
    assert ("03", "2025-05-07", frozenset({"Peter Marsh", "Halvorsen Group"})) in ev


def test_demonym_stands_for_a_country_the_story_names() -> None:
    g = build(
        "Iran wants foreign investment. Halvorsen Group signed a deal for a new Iranian network "
        "on Monday. Vetra Labs criticised the Iranian plan on Tuesday. Vetra Labs also rejected the "
        "Peruvian offer on Wednesday."
    )
    ev = events(g)
    assert ("05", "2025-05-12", frozenset({"Halvorsen Group", "Iran"})) in ev
    assert ("11", "2025-05-06", frozenset({"Vetra Labs", "Iran"})) in ev
    # Peru is not named in the story: no entity for it.
    assert ("12", "2025-05-07", frozenset({"Vetra Labs"})) in ev


def test_told_the_first_name_of_a_run() -> None:
    g = build("Mr Lund told Meridian News Labour MPs would not get a free vote.")
    assert ("Lund", "Meridian News") in said(g)


def test_newspaper_named_after_a_day_and_media_titles() -> None:
    g = build(
        "A new book by Sunday Herald journalist Ada Kerr says the pact failed. "
        "On Sunday Mr Lund said no. Election supremo Tom Reyes agreed."
    )
    assert ("Ada Kerr", "journalist", "Sunday Herald", False) in posts(g)
    assert any(p == "Tom Reyes" and "supremo" in t for p, t, _, _ in posts(g))
    assert not any(e.name.startswith("Sunday M") for e in g.entities)


def test_model_number_after_a_makers_name_is_its_product() -> None:
    g = build("Rolls-Royce said tests went well. The Rolls-Royce Pearl 700 engines failed a test on Monday.")
    n = names(g)
    assert {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)} == {
        ("Rolls-Royce Pearl 700", "Rolls-Royce")
    }


def test_the_company_before_a_title_and_companies_by_their_last_word() -> None:
    g = build(
        "Vetra Labs kicked off the battle with adverts in papers like the Harbour Gazette, using a "
        "letter from company president Lee Dunn. Drugs group Eli Vance defended its product Zeltrex. "
        "In the adverts, an open letter from chief executive Sam Orr, the company says Zeltrex is safe. "
        "Vance documents were leaked."
    )
    roles = posts(g)
    assert ("Lee Dunn", "president", "Vetra Labs", False) in roles
    assert ("Sam Orr", "chief executive", "Eli Vance", False) in roles
    assert "Vance" not in {e.name for e in g.entities}


def test_makers_and_owners_take_part() -> None:
    ev = events(
        build(
            "Vetra Labs makes the Orion phone. The Orion was unveiled at a ceremony on Monday. "
            "Halvorsen Group offered $2bn, which was rejected by Vetra Labs on Tuesday."
        )
    )
    assert any(f == "01" and p >= {"Orion", "Vetra Labs"} for f, _, p in ev)
    assert any(f == "12" and p >= {"Halvorsen Group", "Vetra Labs"} for f, _, p in ev)


def test_founders_of_organisations_and_hyphenated_names() -> None:
    g = build(
        "Two members defected to Michael Hale Jones's Solace Party. "
        "Solace was formed by Mr Hale-Jones earlier this month. Jane Doe set up Vetra Holdings in 1999. "
        "Ann Lee formed a view on Monday."
    )
    roles = posts(g)
    assert ("Michael Hale Jones", "founder", "Solace Party", False) in roles
    assert ("Jane Doe", "founder", "Vetra Holdings", False) in roles
    assert not any(p == "Ann Lee" for p, _, _, _ in roles)
    assert any(f == "01" and p >= {"Michael Hale Jones", "Solace Party"} for f, _, p in events(g))
    assert sum(e.type.value == "Person" and "Jones" in e.name for e in g.entities) == 1


def test_shadow_posts_and_titles_of_an_institution_before_the_name() -> None:
    g = build(
        "Shadow leader of the Senate Tom Reyes said the plan would fail. "
        "Shadow Home Affairs Secretary Ada Kerr accused the government."
    )
    roles = posts(g)
    assert ("Tom Reyes", "Shadow leader", "Senate", False) in roles
    assert ("Ada Kerr", "Shadow Home Affairs Secretary", None, False) in roles
    assert {e.name for e in g.entities} == {"Tom Reyes", "Ada Kerr", "Senate"}


def test_relative_speakers_and_the_exchange() -> None:
    g = build(
        "The Solace Party could sue the defectors. But the claim was denied by a Solace Party spokesman, "
        'who said: "The accusations are empty." '
        "Vetra Exchange met Halvorsen Group on Monday. The German exchange said it had held talks."
    )
    assert {s for s, _ in said(g)} >= {"Solace Party", "Vetra Exchange"}


def test_loans_and_packages_are_priced_deals_and_dates_are_no_names() -> None:
    g = build(
        "Halvorsen Group will provide Vetra Labs with a $50 million loan. "
        "The Harbour Regulator on June 18 called for a re-run of the $2 billion contract."
    )
    n = names(g)
    parties = [({n[p] for p in f.parties}, f.value) for f in g.facts if isinstance(f, Contract)]
    assert ({"Halvorsen Group", "Vetra Labs"}, 50_000_000) in parties
    assert not any("June" in e.name for e in g.entities)


def test_aid_given_and_contractors_selected() -> None:
    ev = events(
        build(
            "Norway will provide additional assistance to Vetra Labs, officials said on Monday. "
            "The Harbour Navy selected Halvorsen Group to build the ships on Tuesday. "
            "Ada Kerr gave a speech on Wednesday."
        )
    )
    assert any(f == "07" and "Norway" in p for f, _, p in ev)
    assert ("06", "2025-05-06", frozenset({"Harbour Navy", "Halvorsen Group"})) in ev
    assert not any(f == "07" and "Ada Kerr" in p for f, _, p in ev)


def test_sales_and_the_unit_sold() -> None:
    g = build(
        "Regulators put Vetra Oil Corp up for sale last year. "
        "The unit was however sold for $9.4bn to state oil firm Orvane Corp.",
        "Kestrel Partners agreed on Friday to sell its stake to Northwind Trading Co.",
        "Dray Capital Group was selected on Tuesday to purchase Zephyr Motors Inc.",
    )
    n = names(g)
    deals = {frozenset(n[p].rstrip(".") for p in f.parties) for f in g.facts if isinstance(f, Contract)}
    assert any(d >= {"Vetra Oil Corp", "Orvane Corp"} for d in deals), deals
    assert frozenset({"Kestrel Partners", "Northwind Trading Co"}) in deals
    assert frozenset({"Dray Capital Group", "Zephyr Motors Inc"}) in deals


def test_person_of_an_organisation_is_its_member_not_of_a_town() -> None:
    g = build(
        "The grip is no big issue, said Tom Reyes of Consumer Watch. Jane Doe of Leeds agreed. "
        "Ada Kerr of the Harbour Medical Fellowship said the bill was wrong. "
        "The Harbour Medical Fellowship's Andrew Hill said so. Norway's Jane Doe won. "
        "Ilse Brandt, with Kappa Capital Ltd, estimated that sales would rise."
    )
    assert {(p, t, o) for p, t, o, _ in posts(g)} == {
        ("Tom Reyes", "member", "Consumer Watch"),
        ("Ada Kerr", "member", "Harbour Medical Fellowship"),
        ("Andrew Hill", "member", "Harbour Medical Fellowship"),
        ("Ilse Brandt", "member", "Kappa Capital Ltd"),
    }
    # The evidence spans name and organisation in text order, whichever comes first.
    assert all(v.start < v.end for f in g.facts if isinstance(f, Role) for v in f.evidence)


def test_he_after_a_run_of_quotes_and_owned_plans() -> None:
    g = build(
        'Commission chairman Tom Reyes said: "There is no doubt that parties matter." '
        '"Our research has shown that people want more." "The public are reluctant." '
        "He called for a wider public debate on party funding on Monday. "
        "Vetra Labs outlined the group's plans to create 10,000 jobs. The plan to build a bridge was dropped."
    )
    ev = events(g)
    assert ("02", "2025-05-12", frozenset({"Tom Reyes"})) in ev
    assert sum(f == "03" for f, _, _ in ev) == 1 and any(f == "03" and "Vetra Labs" in p for f, _, p in ev)


def test_whose_thing_a_noun_event_is_about() -> None:
    ev = events(
        build("Mr Dorok's clampdown on the ambitions of former Vetra Labs boss Jane Doe began on Monday.")
    )
    assert any(f == "17" and p >= {"Dorok", "Jane Doe"} for f, _, p in ev)


def test_a_countrys_government_is_one_organisation_and_the_country_takes_part() -> None:
    g = build(
        "The UK government welcomed the decision by Zorbex Corp on Monday. "
        "The British government said the United Kingdom would gain. "
        "Additional assistance will also be provided by the Victorian state government."
    )
    n = names(g)
    govs = [e for e in g.entities if e.type.value == "Organisation" and "government" in e.name.lower()]
    assert sorted(e.name for e in govs) == ["UK government", "Victorian state government"]
    uk = next(e for e in govs if e.name == "UK government")
    assert {"British government", "United Kingdom Government"} <= set(uk.aliases)
    assert ("05", "2025-05-12", frozenset({"UK government", "United Kingdom", "Zorbex Corp"})) in events(g)
    assert any(f == "07" and p == {"Victorian state government"} for f, _, p in events(g))
    assert ("UK government", None) in said(g) and n


def test_appeals_for_aid_demands_and_voiced_disapproval() -> None:
    ev = events(
        build(
            "Zorbex Corp and Quandle Group have been forced to seek federal aid from the Canadian government. "
            "The Senate required Zorbex Corp to produce viability plans. "
            "The deal requires approval from Quandle Group. "
            "Politicians in Germany expressed disappointment at Zorbex Corp's cancellation of the deal."
        )
    )
    assert any(f == "02" and p >= {"Zorbex Corp", "Quandle Group", "Canadian government"} for f, _, p in ev)
    assert any(f == "10" and p == {"Senate", "Zorbex Corp"} for f, _, p in ev)
    assert not any(f == "10" and "Quandle Group" in p for f, _, p in ev)
    assert any(f == "11" and p >= {"Germany", "Zorbex Corp"} for f, _, p in ev)


def test_senior_titles_speakers_after_quotes_and_spokespeople() -> None:
    g = build(
        "Zorbex Corp senior vice president Mark Tully said the firm would grow. "
        '"No one has ever built so many aircraft before," claims writer Jane Doe. '
        '"We are rolling out the first one," enthused Jim Hobbs of Quandle Inc. '
        '"We prefer a sensible solution," said Rolf Dress, a spokesman for Kappa Investment.'
    )
    assert ("Mark Tully", "senior vice president", "Zorbex Corp", False) in posts(g)
    who = said(g)
    assert {("Mark Tully", None), ("Jane Doe", None), ("Jim Hobbs", None)} <= who
    assert ("Zorbex Corp", None) not in who
    assert {("Rolf Dress", None), ("Kappa Investment", None)} <= who
    spoken = [e for e in events(g) if "Rolf Dress" in e[2]]
    assert [p for _, _, p in spoken] == [frozenset({"Rolf Dress", "Kappa Investment"})]


def test_organisations_running_a_thing_together_are_all_partners() -> None:
    g = build("The Kestrel Society, the Vanta Commission and the Quandle Trust are running the programme.")
    n = names(g)
    pairs = {frozenset({n[f.a], n[f.b]}) for f in g.facts if isinstance(f, Partnership)}
    assert pairs == {
        frozenset({"Kestrel Society", "Vanta Commission"}),
        frozenset({"Kestrel Society", "Quandle Trust"}),
        frozenset({"Vanta Commission", "Quandle Trust"}),
    }


def test_an_outlet_quoting_someone_as_saying() -> None:
    g = build(
        "A weekend report in the Daily Courier had quoted an unnamed executive at Zorbex Corp as saying "
        "the group would make a cash bid. The Evening Ledger reported a third shareholder as opposed to "
        "the deal. It quoted a spokesman for hedge fund Kappa Capital complaining that the takeover was "
        "motivated by empire-building. Analysts quoted a price of $5 a share."
    )
    assert said(g) == {("Zorbex Corp", "Daily Courier"), ("Kappa Capital", "Evening Ledger")}


def test_a_name_opening_a_sentence_that_the_tagger_misread() -> None:
    g = build(
        "Zorbex chief executive Mark Tully held talks with Quandle. Rival Zorbex has approached Quandle."
    )
    assert ("Mark Tully", "chief executive", "Zorbex", False) in posts(g)


def test_the_firm_is_no_government_and_the_manufacturers_are_the_names_last_joined() -> None:
    g = build(
        "Zorbex Corp said it would cut jobs. The UK government, however, welcomed the firm's decision. "
        "Kappa Motors and Quandle Group have both begun to offer packages. The automobile manufacturers "
        "have been hard hit in the downturn and have been forced to seek federal aid from the U.S. government."
    )
    ev = events(g)
    assert any(f == "05" and p >= {"UK government", "Zorbex Corp"} for f, _, p in ev)
    assert any(f == "02" and p >= {"Kappa Motors", "Quandle Group", "U.S. government"} for f, _, p in ev)


def test_co_titles_keep_their_organisation() -> None:
    g = build(
        "Kappa Group published a report. Zorbex Foundation co-founder Jane Doe likened the men to schoolboys."
    )
    assert ("Jane Doe", "founder", "Zorbex Foundation", False) in posts(g)


def makers(g: Graph) -> set[tuple[str, str]]:
    n = names(g)
    return {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}


def test_model_numbers_are_products_of_their_maker() -> None:
    g = build(
        "Zorbex Aerospace Corp has unveiled a new long-range version of its 818 airliner. "
        "The 818-200LR can fly for 9,420 miles. Kappa Air ordered the 818-200LR for $249 USD each. "
        "The 300 were freed in 2005 and the 250 required were not found.",
        "Quandle Aviation Corp unveiled plans for the QX900, a twin-deck aircraft.",
        "Quandle Aviation Corp's new design, the 8e8, is slower.",
    )
    made = makers(g)
    assert {
        ("818", "Zorbex Aerospace Corp"),
        ("818-200LR", "Zorbex Aerospace Corp"),
        ("QX900", "Quandle Aviation Corp"),
        ("8e8", "Quandle Aviation Corp"),
    } <= made
    products = {e.name for e in g.entities if e.type.value == "Product"}
    assert not products & {"300", "250", "249 USD", "2005"}


def test_orders_deliveries_and_customers_are_contracts_with_the_maker() -> None:
    g = build(
        "Zorbex Aerospace Corp rolls out the first 818 Skyliner; the 818 flies in May. Launch customer Kappa Airlines have ordered 55. "
        "The first of the new airliner will be delivered to Quandle Airways in January 2026. "
        "Vanta Airlines is the other launch customer. "
        "British airline Mira Atlantic has purchased six of these aeroplanes."
    )
    n = names(g)
    deals = {frozenset(n[p] for p in f.parties) for f in g.facts if isinstance(f, Contract)}
    maker = "Zorbex Aerospace Corp"
    assert {
        frozenset({maker, "Kappa Airlines"}),
        frozenset({maker, "Quandle Airways"}),
        frozenset({maker, "Vanta Airlines"}),
        frozenset({maker, "Mira Atlantic"}),
    } <= deals
    assert sum(d == frozenset({maker, "Kappa Airlines"}) for d in deals) == 1
    assert ("06", "2026-01", frozenset({maker, "Quandle Airways"})) in events(g)
    assert n and next(e for e in g.entities if e.name == "Mira Atlantic").type.value == "Organisation"


def test_members_of_an_alliance_or_a_consortium_are_partners() -> None:
    g = build(
        "The Making Choices Alliance, which includes the Kappa Society, Mira Trust and the National "
        "Zorbex Society, said the bill was flawed. "
        "Quandle Tanker Ltd, a consortium of Thalos Systems and VX Group, won the deal. "
        "The package includes Vanta Corp jets and Kappa Ltd engines."
    )
    n = names(g)
    pairs = {frozenset({n[f.a], n[f.b]}) for f in g.facts if isinstance(f, Partnership)}
    assert {
        frozenset({"Making Choices Alliance", "Kappa Society"}),
        frozenset({"Making Choices Alliance", "National Zorbex Society"}),
        frozenset({"Quandle Tanker Ltd", "Thalos Systems"}),
        frozenset({"Thalos Systems", "VX Group"}),
    } <= pairs
    assert frozenset({"Vanta Corp", "Kappa Ltd"}) not in pairs


def test_brand_styled_products_of_the_articles_main_maker() -> None:
    g = build(
        "Zorbex Corp launched the zPod in May. Zorbex Corp also unveiled the zPod Mini and the Zephyr. "
        "Songs are sold through zTunes and the zTunes Music Store, and the zTunes Store is busy."
    )
    made = makers(g)
    assert ("zTunes", "Zorbex Corp") in made
    products = [e for e in g.entities if e.type.value == "Product" and "Store" in e.name]
    assert len(products) == 1


def test_a_keynote_day_dates_what_the_speaker_went_on_to_announce() -> None:
    g = build(
        "Zorbex Corp chief executive Jane Doe gave the opening keynote to the conference on Monday. "
        "Doe announced that the zPhone would ship in June. "
        "Kappa Group said it would leave on June 30."
    )
    ev = events(g)
    # The keynote and what was announced in it are one statement event of that day.
    assert any(f == "01" and d == "2025-05-12" and "Jane Doe" in p for f, d, p in ev)


def test_founding_firing_and_buying_companies_years_later() -> None:
    g = build(
        "Jane Doe started Zorbex Corp in 1976, and in 1984 the first Zorbex computer was released. "
        "One year later she was fired from the company and she founded Kappa Labs. "
        "In 1986 she bought Quandle which was acquired by the Vanta Media Company in 2005. "
        "In 1996, following Zorbex Corp's purchase of Kappa Labs, Doe returned to Zorbex Corp."
    )
    ev = events(g)
    assert ("01", "1976", frozenset({"Jane Doe", "Zorbex Corp"})) in ev
    assert ("16", "1985", frozenset({"Jane Doe", "Zorbex Corp"})) in ev
    assert ("01", "1985", frozenset({"Jane Doe", "Kappa Labs"})) in ev
    n = names(g)
    deals = {
        (frozenset(n[p] for p in f.parties), f.date.value if f.date else None)
        for f in g.facts
        if isinstance(f, Contract)
    }
    assert {
        (frozenset({"Jane Doe", "Quandle"}), "1986"),
        (frozenset({"Vanta Media Company", "Quandle"}), "2005"),
        (frozenset({"Zorbex Corp", "Kappa Labs"}), "1996"),
    } <= deals
    assert ("Jane Doe", "founder", "Zorbex Corp", False) in posts(g)


def test_deals_signed_with_several_and_orders_won_together() -> None:
    g = build(
        "Zorbex Aerospace Corp has also inked recent deals with the Kappa Air Force, the Vanta Air Force and the Mira Navy. "
        "Quandle Tanker Ltd., a Zorbex-led consortium, have signed a 27-year contract with the Defense Ministry. "
        "Last month, Thalos Systems and Zorbex Aerospace Corp won a massive order for 179 tankers from the Quandle Air Force."
    )
    n = names(g)
    deals = {frozenset(n[p] for p in f.parties) for f in g.facts if isinstance(f, Contract)}
    assert {
        frozenset({"Zorbex Aerospace Corp", "Kappa Air Force"}),
        frozenset({"Zorbex Aerospace Corp", "Mira Navy"}),
        frozenset({"Quandle Tanker Ltd.", "Defense Ministry"}),
        frozenset({"Thalos Systems", "Zorbex Aerospace Corp", "Quandle Air Force"}),
    } <= deals
    pairs = {frozenset({n[f.a], n[f.b]}) for f in g.facts if isinstance(f, Partnership)}
    assert (
        frozenset({"Quandle Tanker Ltd.", "Zorbex"}) in pairs
        or frozenset({"Quandle Tanker Ltd.", "Zorbex Aerospace Corp"}) in pairs
    )


def test_a_statement_event_includes_whom_the_words_are_for() -> None:
    g = build(
        "On August 24, Jane Doe resigned from her post as chief executive of Zorbex Corp. "
        "Former Kappa Ltd chief executive John Roe responded to Jane Doe's departure with a statement on his blog: "
        '"She changed the industry."'
    )
    assert any(f == "01" and d == "2025-05" and p >= {"John Roe", "Jane Doe"} for f, d, p in events(g))


def test_heads_joined_speakers_announcements_and_denials_are_statements() -> None:
    g = build(
        "Zorbex Corp chief executive Jane Doe stated that she expected sales to exceed 250. "
        "The Kappa Relief Trust and the Mira Aid Foundation said the bill was flawed. "
        "Vanta Motor Company has announced sweeping cuts of 21% in its production. "
        "John Roe was forced to deny the cabinet was split."
    )
    who = {s for s, _ in said(g)}
    assert {
        "Jane Doe",
        "Zorbex Corp",
        "Kappa Relief Trust",
        "Mira Aid Foundation",
        "Vanta Motor Company",
        "John Roe",
    } <= who


def test_counted_names_and_gatherings_are_no_products() -> None:
    g = build(
        "Zorbex said on Monday that the new phone would ship in May. It was shown at the Zorbex Developers "
        "Conference. There are 500 Zorbex engineers at the Developers Conference, and 500 more at home."
    )
    products = {e.name for e in g.entities if e.type.value == "Product"}
    assert not any("500" in p or "Conference" in p for p in products)


def test_the_company_is_the_subject_before_not_its_unit_named_last() -> None:
    g = build(
        "Zorbex Motors said that it would axe 10,000 jobs at its European division, Kappa. "
        "According to the company's vice president John Roe, the firm wanted to reduce costs at Kappa by 30%."
    )
    assert ("John Roe", "vice president", "Zorbex Motors", False) in posts(g)


def test_a_plural_title_before_a_list_of_names_is_each_ones() -> None:
    g = build(
        "Among those with reservations were senior shadow cabinet members Jane Doe, John Roe and Mary Major. "
        "Kappa Corp board members Ann Lee and Tom Reyes resigned."
    )
    roles = posts(g)
    for person in ("Jane Doe", "John Roe", "Mary Major"):
        assert (person, "senior shadow cabinet member", None, False) in roles
    assert {
        ("Ann Lee", "board member", "Kappa Corp", False),
        ("Tom Reyes", "board member", "Kappa Corp", False),
    } <= roles
    assert not any(title == "members" for _, title, _, _ in roles)


def test_them_bids_and_ended_partnerships() -> None:
    ev = events(
        build(
            "Zorbex Corp and Kappa Group have received loans, but Congress required them to produce plans. "
            "Rival exchange operator Quandle Holdings has also said it may bid for the Vanta Exchange. "
            "Mira Systems has cut ties with Zorbex Corp this week."
        )
    )
    assert any(f == "10" and p == {"Congress", "Zorbex Corp", "Kappa Group"} for f, _, p in ev)
    assert any(f == "03" and p == {"Quandle Holdings", "Vanta Exchange"} for f, _, p in ev)
    assert any(f == "16" and p >= {"Mira Systems", "Zorbex Corp"} for f, _, p in ev)


def test_a_statement_made_to_an_exchange_names_its_outlet() -> None:
    g = build(
        "Zorbex Corp said in a statement to the Kappa Stock Exchange that Vanta will pay 481m yuan. "
        "Quandle Group said in a statement that it was calm."
    )
    assert said(g) == {("Zorbex Corp", "Kappa Stock Exchange"), ("Quandle Group", None)}


def test_two_peoples_words_to_one_newspaper_are_two_statement_events() -> None:
    g = build(
        'Jane Doe told the Harbour Gazette: "The plan is dead." '
        "Later, John Roe told the Harbour Gazette that the plan would survive."
    )
    speeches = [p for f, _, p in events(g) if f == "01"]
    assert any(p >= {"Jane Doe"} and "John Roe" not in p for p in speeches)
    assert any(p >= {"John Roe"} and "Jane Doe" not in p for p in speeches)


def test_a_statement_event_includes_who_acts_in_the_words_reported() -> None:
    g = build(
        "Minister Jane Doe said Kappa Ltd would close its plant. "
        'John Roe said: "We are working closely with our colleagues at Quorvane on the plan."'
    )
    speeches = [p for f, _, p in events(g) if f == "01"]
    assert any(p >= {"Jane Doe", "Kappa Ltd"} for p in speeches)
    assert any(p >= {"John Roe", "Quorvane"} for p in speeches)
    assert {e.name: e.type.value for e in g.entities}.get("Quorvane") == "Organisation"


def test_two_peoples_statements_about_one_company_stay_two_events() -> None:
    g = build("Jane Doe said Kappa Corp would cut jobs.", "John Roe said Kappa Corp would grow.")
    speeches = [p for f, _, p in events(g) if f == "01"]
    assert any(p >= {"Jane Doe", "Kappa Corp"} for p in speeches)
    assert any(p >= {"John Roe", "Kappa Corp"} for p in speeches)
    assert not any(p >= {"Jane Doe", "John Roe"} for p in speeches)


def test_a_title_no_role_names_stands_for_the_person_just_named() -> None:
    g = build(
        "Jane Doe will set out the targets on Monday. "
        "The chancellor is due to outline the plans. "
        "She also wants more aid. The chancellor is travelling to Wexmoria next week."
    )
    assert any(f == "04" and p >= {"Jane Doe", "Wexmoria"} for f, _, p in events(g))
    # A title an article's role names stays that role's holder.
    g = build(
        "Chancellor John Roe spoke on Monday. Jane Doe will set out the targets. "
        "The chancellor is travelling to Wexmoria next week."
    )
    assert any(f == "04" and p >= {"John Roe", "Wexmoria"} for f, _, p in events(g))


def test_a_newspaper_reporting_that_something_happened_speaks() -> None:
    g = build("The Harbour Gazette reported on Monday that Kappa Corp would close its plant.")
    assert ("Harbour Gazette", None) in said(g)


def test_what_a_named_actor_wants_is_demanded() -> None:
    ev = events(
        build(
            "The Conservative Party wants a sunset clause in the bill. "
            "Kappa Corp wants $20bn in damages. Consumers want cheaper phones."
        )
    )
    assert any(f == "10" and "Conservative Party" in p for f, _, p in ev)
    assert any(f == "10" and "Kappa Corp" in p for f, _, p in ev)
    assert sum(f == "10" for f, _, _ in ev) == 2


def test_the_government_of_a_story_is_its_countrys_government() -> None:
    g = build(
        "Tory MPs said the government should act. The government has given way over the bill.",
        "The UK government welcomed the plan on Monday.",
        "Jane Doe said the government had failed.",
    )
    govs = [e for e in g.entities if e.type.value == "Organisation" and "overnment" in e.name]
    assert len(govs) == 1 and govs[0].name == "UK government"
    # Named for its country; the bare noun names every country's government, so it is no alias.
    assert "United Kingdom Government" in govs[0].aliases and "government" not in govs[0].aliases
    assert any(f == "08" and p >= {"UK government"} for f, _, p in events(g))
    # With no country in the story, "the government" is nobody's in particular.
    assert govs[0].articles == ("f0", "f1")


def test_a_government_is_no_companys_chief_executive_post() -> None:
    g = build(
        "Kappa Motors Corp named Jane Doe its chief executive. She replaces John Roe, "
        "who was appointed by the government as both chief executive and chairman in 2009 during "
        "the company's bankruptcy, Tory MPs said."
    )
    assert ("John Roe", "chief executive", "Kappa Motors Corp", True) in posts(g)


def test_a_member_of_the_consortium_just_named_is_its_partner() -> None:
    g = build(
        "Kappa Air Ltd, a Quandle-led consortium, signed a contract on Monday. "
        "Zorbex Engines Corp, part of the consortium, will supply engines."
    )
    pairs = {frozenset((names(g)[f.a], names(g)[f.b])) for f in g.facts if isinstance(f, Partnership)}
    assert frozenset({"Kappa Air Ltd", "Zorbex Engines Corp"}) in pairs


def test_an_unowned_report_speaks_for_the_organisation_that_spoke_last() -> None:
    g = build(
        "Housing plans were flawed, the Wexmoor Audit Committee said on Monday. "
        "Jane Doe said she was working with colleagues at Quorvane Ltd. "
        "The report said there was too little attention paid to water. "
        "Building rules are too lax, it said."
    )
    quotes = {(names(g)[f.speaker], f.quote[:8]) for f in g.facts if isinstance(f, Statement)}
    assert ("Wexmoor Audit Committee", "there wa") in quotes
    assert ("Wexmoor Audit Committee", "Building") in quotes
    assert not any(who == "Quorvane Ltd" for who, _ in quotes)


def test_words_given_as_a_thing_are_statements() -> None:
    ev = events(
        build(
            "Kappa Corp chief executive Jane Doe gave the opening keynote on Monday. "
            "The Zorland government issued a statement on Tuesday. "
            "Mayor John Roe held a press conference. "
            "Omega Ltd held a conference on batteries. Omega Ltd gave $5m to charity."
        )
    )
    assert any(f == "01" and d == "2025-05-12" and "Jane Doe" in p for f, d, p in ev)
    assert any(f == "01" and "Zorland government" in p for f, _, p in ev)
    assert any(f == "01" and "John Roe" in p for f, _, p in ev)
    assert not any(f == "01" and "Omega Ltd" in p for f, _, p in ev)


def test_fears_dislikes_and_anger_at_someone_are_disapproval() -> None:
    ev = events(
        build(
            "Kappa shareholders fear Omega Corp's control of the exchange would hurt them. "
            "German politicians were angry at Zeta Bank's promise to move. "
            "An angry crowd gathered. Officials fear the worst."
        )
    )
    assert any(f == "11" and {"Kappa", "Omega Corp"} <= p for f, _, p in ev)
    assert any(f == "11" and "Zeta Bank" in p for f, _, p in ev)
    assert sum(f == "11" for f, _, _ in ev) == 2


def test_a_title_runs_through_its_portfolio_and_a_commissioner_sits_in_the_commission() -> None:
    g = build(
        "Kappa Corp met the European Commission. "
        "Its Commissioner for Competition Jane Roe said it was fine. "
        "Secretary of State for Health Alan Poe agreed. But European Commissioner John Doe did not."
    )
    p = posts(g)
    assert ("Jane Roe", "Commissioner for Competition", "European Commission", False) in p
    assert ("Alan Poe", "Secretary of State for Health", None, False) in p
    assert ("John Doe", "European Commissioner", "European Commission", False) in p


def test_who_acts_saying_something_speaks() -> None:
    g = build(
        "The Kappa Medical Association backs the bill, saying it gives people the same rights. "
        "The Zorbex Trust opposed it, arguing that the safeguards were weak."
    )
    assert said(g) >= {("Kappa Medical Association", None), ("Zorbex Trust", None)}


def test_a_person_who_bids_is_a_party_and_one_who_talks_of_the_deal_is_not() -> None:
    g = build(
        "Jane Roe, chairman of Kappa United, has launched a £1.5m bid for the club. "
        "Zorbex Corp agreed a $40m deal to buy Quandle Ltd, said John Doe, an analyst at Mira Bank."
    )
    n = names(g)
    deals = {frozenset(n[p] for p in f.parties) for f in g.facts if isinstance(f, Contract)}
    assert any("Jane Roe" in d for d in deals)
    assert any({"Zorbex Corp", "Quandle Ltd"} <= d for d in deals)
    assert not any("John Doe" in d for d in deals)


def test_a_bare_dollar_is_the_home_countrys_when_the_article_names_us_dollars() -> None:
    local = build(
        "The Australian government announces a $50 million package for Kappa Motors. "
        "Canberra said the loan, worth US$38 million, would keep the Geelong plant open. "
        "Prime Minister Jane Roe of Australia said Australia would gain."
    )
    british = build(
        "Australian builder Kappa Group has agreed to pay $1.1bn (£568m) in a settlement with victims. "
        "Australia's Jane Roe welcomed the deal for Australia."
    )
    assert ("AUD", 50_000_000) in {(f.currency, f.value) for f in local.facts if isinstance(f, Contract)}
    assert ("USD", 1_100_000_000) in {(f.currency, f.value) for f in british.facts if isinstance(f, Contract)}


def test_a_minister_of_no_named_country_serves_the_storys_country() -> None:
    g = build(
        "Australia's government will lend Kappa Motors $50m. Prime Minister Jane Roe and "
        "federal industry minister John Doe said Australia's car industry would grow. "
        "Shadow minister Alan Poe disagreed."
    )
    p = posts(g)
    assert ("John Doe", "industry minister", "Australia", False) in p
    assert ("Alan Poe", "Shadow minister", None, False) in p


def test_pressing_someone_to_act_is_an_appeal_and_england_is_in_the_uk() -> None:
    ev = events(
        build(
            "Kappa Union has been pressing the Zorland Government to create stronger powers. "
            "Zeta Corp pushed Omega Ltd to sell."
        )
    )
    assert any(f == "02" and {"Kappa Union", "Zorland Government"} <= p for f, _, p in ev)
    assert any(f == "02" and {"Zeta Corp", "Omega Ltd"} <= p for f, _, p in ev)
    uk = build("Rural MPs in eastern England have been pressing the government to create new powers.")
    assert any(f == "02" and "UK Government" in p for f, _, p in events(uk))


def test_recommending_someone_endorses_them() -> None:
    ev = events(
        build(
            "Kappa Corp chief Jane Roe personally recommended John Doe to take over as chief executive. "
            "Analysts recommend the shares."
        )
    )
    assert any(f == "05" and {"Jane Roe", "John Doe"} <= p for f, _, p in ev)
    assert sum(f == "05" for f, _, _ in ev) == 1


def test_a_gendered_title_stands_for_no_one_of_the_other_gender() -> None:
    queen = events(
        build("Prince Philip opened the new hall in Leeds. The Queen will meet Kappa Corp at the palace.")
    )
    assert any("Kappa Corp" in p for _, _, p in queen)
    assert not any("Philip" in p or "Prince Philip" in p for _, _, p in queen)
    chair = events(
        build("Jane Roe visited the new hall in Leeds. The chairman will meet Kappa Corp at the palace.")
    )
    assert any({"Kappa Corp", "Jane Roe"} <= p for _, _, p in chair)


def test_who_quit_or_defected_from_an_organisation_was_its_member() -> None:
    g = build(
        "Mr Jim Roe, who recently quit the Kappa Party, said he would stand. "
        "John Poe defected from the Zeta Party to the Omega Party in May. Jane Roe left London for Paris."
    )
    p = posts(g)
    assert ("Jim Roe", "member", "Kappa Party", True) in p
    assert ("John Poe", "member", "Zeta Party", True) in p
    assert not any(person == "Jane Roe" for person, *_ in p)


def test_words_published_on_an_organisations_website_are_its_statement() -> None:
    g = build(
        'A statement on Zorbex Corp\'s website states: "We have lost a visionary."',
        'The Vexa tablet is claimed to be "a magical device" as stated on the Zorbex Corp website.',
        'The rumour spread on the website of a fan club, "a magical device" it said.',
    )
    assert ("Zorbex Corp", None) in said(g)
    zorbex = [s for s in g.facts if isinstance(s, Statement) and names(g).get(s.speaker) == "Zorbex Corp"]
    assert {s.evidence[0].article_id for s in zorbex} == {"f0", "f1"}


def test_an_organisation_apposed_to_the_speaking_noun_speaks() -> None:
    g = build(
        "A third US carmaker, Zorbex Motors Corp, has said that it can make it through this year without aid.",
        "The largest lender, Kestrel Bank, said on Monday that rates would rise.",
    )
    assert {("Zorbex Motors Corp", None), ("Kestrel Bank", None)} <= said(g)


def test_calling_something_a_quotation_emails_and_estimates_are_statements() -> None:
    g = build(
        'The watchdog group Zorvex Oversight has called the deal "a textbook case of favoritism".',
        'An email from Kestrel Partners to Jane Roe advises the minister to release the figures: "Do it now."',
        "Kestrel Partners called for talks with the union. Zorvex Oversight advised on the sale.",
        "Zorbex Corp has estimated a 30% fuel saving over its older jets.",
    )
    quotes = {
        (names(g)[s.speaker], s.quote, s.evidence[0].article_id) for s in g.facts if isinstance(s, Statement)
    }
    assert ("Zorvex Oversight", "a textbook case of favoritism", "f0") in quotes
    assert ("Kestrel Partners", "Do it now.", "f1") in quotes
    assert ("Zorbex Corp", "a 30% fuel saving over its older jets", "f3") in quotes
    assert not [q for q in quotes if q[2] == "f2"]  # no quotation: calling for talks says nothing


def test_a_day_without_a_year_told_after_a_dated_one_is_in_that_year() -> None:
    g = build(
        "Jane Roe had warned John Doe in a memo on 7 January 2003 that the plan was illegal. "
        "On 13 January, Roe met Zed Kay and Ann Lee in London.",
        "Jane Roe had warned John Doe in a memo on 7 January 2003 that the plan was illegal. "
        "The book says on 13 January Roe met Zed Kay and Ann Lee in London.",
        # a recent day stays recent (the build's articles are of 2025-05-12)
        "Jane Roe had warned John Doe on 7 March 2003 that the plan was illegal. She met Zed Kay on 10 May.",
        # far from the dated month: a day of its own year
        "Jane Roe had warned John Doe on 7 January 2003 that the plan was illegal. She met Zed Kay on 10 August.",
    )
    meets = [f for f in g.facts if isinstance(f, Event) and f.family == "04"]
    by_article = {ev.article_id: (f.date.value if f.date else None) for f in meets for ev in f.evidence}
    assert by_article == {"f0": "2003-01-13", "f1": "2003-01-13", "f2": "2025-05-10", "f3": "2024-08-10"}


def test_a_companys_brand_list_names_its_products() -> None:
    g = build(
        "Zentra Holdings said profits rose. Its top brands include Velmora Pale Ale, Fosters, Strongbow and Kronenbourg.",
        "Kelso Group sells beers such as Zubrova and Quist.",
        "Zentra Holdings owns brands such as Velmora, Quist and Ardent.",
        "Kelso Group hired analysts such as Jane Roe and John Doe.",
    )
    made = makers(g)
    assert {
        ("Velmora Pale Ale", "Zentra Holdings"),
        ("Fosters", "Zentra Holdings"),
        ("Kronenbourg", "Zentra Holdings"),
        ("Zubrova", "Kelso Group"),
        ("Quist", "Kelso Group"),
        ("Ardent", "Zentra Holdings"),
    } <= made
    types = {e.name: e.type.value for e in g.entities}
    assert types["Velmora Pale Ale"] == "Product" and types["Jane Roe"] == "Person"


def test_an_amount_glossed_in_us_dollars_is_priced_by_its_gloss() -> None:
    g = build(
        "Zorbex Motors, the car maker, will pay $57 million (US$78 million) for a 72 percent stake in Kelso Auto.",
        "Zorbex Motors will pay $1.1bn (£568m) for a stake in Kelso Auto.",
        "Zorbex Motors will pay US$57 million (US$78 million Canadian) for a stake in Kelso Auto.",
    )
    priced = {
        (c.evidence[0].article_id, c.value, c.currency)
        for c in g.facts
        if isinstance(c, Contract) and c.value
    }
    assert priced == {
        ("f0", 78_000_000.0, "USD"),
        ("f1", 1_100_000_000.0, "USD"),
        ("f2", 57_000_000.0, "USD"),
    }


def test_an_amount_the_ner_reads_as_a_number_and_a_word_prices_the_deal() -> None:
    g = build(
        "The biggest brewer, Zentra Holdings, is to buy 37.5% of Kelso Breweries in a deal worth "
        "4.66bn rupees ($106m:£54.6m).",
        "In addition Zentra Holdings is to invest 2.47bn rupees in Kelso Breweries through preference shares.",
    )
    priced = {(c.value, c.currency) for c in g.facts if isinstance(c, Contract) and c.value}
    assert priced == {(4_660_000_000.0, "INR"), (2_470_000_000.0, "INR")}


def test_a_deal_for_a_product_is_a_deal_with_its_maker() -> None:
    g = build(
        "Airbus Industrie Corp has unveiled its new A390 airliner. "
        "The Kelso Airlines order is worth US$6.8 billion for 50 A390s."
    )
    deals = {(frozenset(names(g)[p] for p in c.parties), c.value) for c in g.facts if isinstance(c, Contract)}
    assert (frozenset({"Airbus Industrie Corp", "Kelso Airlines"}), 6_800_000_000.0) in deals


def test_what_a_maker_puts_into_or_takes_out_of_production_or_sale_is_its_product() -> None:
    g = build(
        "In addition, Zentra Motors will cut the Zentra Aspen, PT Roamer, and Kelso from production.",
        "Zentra Motors pulled the Vexa tablet from sale after a fire. Zentra Motors cut jobs from its plant.",
    )
    assert {
        ("Zentra Aspen", "Zentra Motors"),
        ("PT Roamer", "Zentra Motors"),
        ("Kelso", "Zentra Motors"),
        ("Vexa", "Zentra Motors"),
    } <= makers(g)
    assert {e.name: e.type.value for e in g.entities}["PT Roamer"] == "Product"


def test_who_an_organisation_hires_or_appoints_holds_the_post_there() -> None:
    g = build(
        "Zentra Corp hired Ann Lee as finance director in 2004.",
        "Kelso Bank appointed Tom Hale chief executive on Monday.",
        "Jane Roe hired Ann Lee as her assistant.",
    )
    held = posts(g)
    assert ("Ann Lee", "finance director", "Zentra Corp", False) in held
    assert ("Tom Hale", "chief executive", "Kelso Bank", False) in held
    assert ("Ann Lee", "assistant", "Jane Roe", False) not in held


def test_who_runs_an_organisation_heads_it() -> None:
    g = build(
        "Ann Lee, who runs Zentra Corp, said sales rose.",
        "Tom Hale ran the Kelso Bank campaign. Tom Hale runs a marathon every year.",
    )
    held = posts(g)
    assert ("Ann Lee", "head", "Zentra Corp", False) in held
    assert not [r for r in held if r[0] == "Tom Hale"]


def test_who_was_appointed_to_a_post_holds_it() -> None:
    g = build("Ann Lee, who was appointed chief executive of Zentra Corp last year, said sales rose.")
    assert ("Ann Lee", "chief executive", "Zentra Corp", False) in posts(g)


def test_an_event_noun_a_light_verb_carries_has_the_verbs_subject() -> None:
    g = build(
        "Workers at Zentra Corp staged a strike on Monday.",
        "Unions at Kelso Bank called a strike over pay.",
        "Staff at Vantor Ltd went on strike on Friday.",
    )
    ev = {(f, frozenset(p)) for f, _, p in events(g)}
    assert {
        ("14", frozenset({"Zentra Corp"})),
        ("14", frozenset({"Kelso Bank"})),
        ("14", frozenset({"Vantor Ltd"})),
    } <= ev


def test_a_verb_the_lemmatiser_cuts_short_still_names_its_event() -> None:
    g = build(
        "Zentra Corp was fined $5m by the Kelso Authority.",
        "Workers at Vantor Ltd staged a strike on Monday.",
    )
    families = {(f, frozenset(p)) for f, _, p in events(g)}
    assert ("11", frozenset({"Kelso Authority", "Zentra Corp"})) in families
    assert {e.trigger for e in g.facts if isinstance(e, Event)} >= {"fine", "strike"}
    assert ("14", frozenset({"Vantor Ltd"})) in families


def test_plain_said_is_dated_the_day_of_the_report_and_has_said_its_month() -> None:
    g = build("Ivo Marsh said the levy would fall. Tal Ober has said the levy is fair.")
    evs = events(g)
    assert ("01", "2025-05-12", frozenset({"Ivo Marsh"})) in evs
    assert ("01", "2025-05", frozenset({"Tal Ober"})) in evs


def test_announcing_a_product_makes_the_subject_its_maker_unless_a_person() -> None:
    g = build(
        "Quillon Systems announced the Zephyr X5, a new phone, on Monday. "
        "Ida Brenner runs the business. Brenner also announced the Orbix 7 tablet."
    )
    n = names(g)
    made = {(n[f.product], n[f.maker]) for f in g.facts if isinstance(f, Maker)}
    assert ("Zephyr X5", "Quillon Systems") in made
    assert not any(maker == "Ida Brenner" for _, maker in made)


def test_a_title_holder_is_not_placed_in_a_brand_named_before() -> None:
    g = build("Quillon Systems sells the iZap to students. CEO Ida Brenner said the iZap would be cheaper.")
    assert ("Ida Brenner", "CEO", "Quillon Systems", False) in posts(g)


def test_letters_after_a_name_are_a_seat_and_the_title_before_them_holds() -> None:
    roles = posts(build('The Tory housing spokesman, Peter Marsh MSP, said: "It is a disguise."'))
    assert ("Peter Marsh", "MSP", None, False) in roles
    assert any(p == "Peter Marsh" and "spokesman" in t and o == "Tory" for p, t, o, _ in roles)


def test_a_second_pre_name_title_joined_by_and_shares_the_organisation() -> None:
    roles = posts(build("The UAW President Ron Talbert and Vice President Gil Banto called the plan poor."))
    assert ("Gil Banto", "Vice President", "UAW", False) in roles


def test_an_organisation_right_after_an_apposed_title_is_its_organisation() -> None:
    roles = posts(build('"Demand will grow," said Peter Marsh, senior vice president Zentrix.'))
    assert any(p == "Peter Marsh" and o == "Zentrix" for p, _, o, _ in roles)


def test_a_title_the_ner_ran_into_a_name_is_left_out_of_it() -> None:
    from spacy.tokens import Doc, Span

    from kg.extract.entities import _split

    doc = Doc(nlp.load().vocab, words=["Harbour", "Radio", "DJ", "Mina", "Okafor", "spoke", "."])
    doc.ents = [Span(doc, 2, 5, "PERSON")]
    assert [[t.text for t in part] for part in _split(list(doc[2:5]))] == [["Mina", "Okafor"]]


def test_a_title_before_an_honorific_and_a_doctor_at_a_university() -> None:
    roles = posts(build("Critics questioned the Attorney General Lord Tarrant's advice."))
    assert any(p in {"Tarrant", "Lord Tarrant"} and t == "Attorney General" for p, t, _, _ in roles)
    roles = posts(build("Peter Marsh, a doctor at Harwell University, said it was common."))
    assert ("Peter Marsh", "doctor", "Harwell University", False) in roles
