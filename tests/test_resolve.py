"""Resolution and typing rules, on hand-made sentences (none from the seed articles)."""

from __future__ import annotations

from datetime import date

import pytest

from kg import nlp
from kg.extract import extract
from kg.model import Article, Entity, Mention
from kg.pipeline import assemble
from kg.resolve import resolve


def story(*texts: str) -> list[Entity]:
    model = nlp.load()
    arts = [Article(f"t{i}", date(2025, 5, 12), t) for i, t in enumerate(texts)]
    exs = [extract(doc, a) for a, doc in zip(arts, model.pipe([a.text for a in arts]), strict=True)]
    return list(assemble(exs).entities)


def by_name(ents: list[Entity]) -> dict[str, Entity]:
    return {e.name: e for e in ents}


def test_surname_joins_full_name_across_articles() -> None:
    ents = story(
        "Marta Kowalski, the new mayor, opened the bridge.", "Kowalski said the bridge cost too much."
    )
    people = [e for e in ents if e.type.value == "Person"]
    assert [p.name for p in people] == ["Marta Kowalski"]
    assert "Kowalski" in people[0].aliases
    assert {m.article_id for m in people[0].mentions} == {"t0", "t1"}


def test_accent_variants_are_one_person() -> None:
    ents = story("President José Ramírez visited the port.", "Jose Ramirez later left the city.")
    assert len([e for e in ents if e.type.value == "Person"]) == 1


def test_defined_acronym_joins_its_expansion() -> None:
    ents = story("Congress passed the Clean Harbors Act (CHA) in May. Critics said the CHA was weak.")
    law = by_name(ents)["Clean Harbors Act"]
    assert law.type.value == "Law" and "CHA" in law.aliases


def test_initials_join_a_named_organisation() -> None:
    ents = story("Shares of Northwind Trading Company rose. Analysts said NTC would grow.")
    names = {e.name for e in ents}
    assert "NTC" not in names


def test_reordered_department_names_are_one() -> None:
    ents = story(
        "The Department of Agriculture issued a report.", "The Agriculture Department said prices rose."
    )
    orgs = [e for e in ents if e.type.value == "Organisation"]
    assert len(orgs) == 1


@pytest.mark.parametrize(
    ("text", "name", "kind"),
    [
        ("Bravura CEO Ann Lee spoke on Monday. Bravura shares fell.", "Bravura", "Organisation"),
        ("The minister told Zentrix that the plan was final.", "Zentrix", "Organisation"),
        ("The firm sells its chatbot Orbly to banks. Orbly answers questions.", "Orbly", "Product"),
        ("Lawmakers debated the Fair Wages Act on Tuesday.", "Fair Wages Act", "Law"),
    ],
)
def test_type_comes_from_context(text: str, name: str, kind: str) -> None:
    ents = by_name(story(text))
    assert name in ents, sorted(ents)
    assert ents[name].type.value == kind


def test_possessive_and_merged_spans_are_split() -> None:
    ents = by_name(
        story("Investors cheered. Tom Greer's Halvorsen Group bought a mill.", "Halvorsen Group grew.")
    )
    assert "Tom Greer" in ents and "Halvorsen Group" in ents
    assert not any("'s" in n or "’s" in n for n in ents)


def test_caption_credits_and_common_acronyms_are_not_entities() -> None:
    ents = by_name(
        story(
            "The factory reopened on Monday, officials said. Lena Brandt/Reuters\n"
            "Workers welcomed the AI tools. Photo: Sam Oduya via Getty Images\n"
            "The Northwind plant employs 300 people."
        )
    )
    assert not {"Lena Brandt", "Reuters", "Getty Images", "AI", "Sam Oduya"} & set(ents)


def test_honorific_is_stripped_and_surname_joins() -> None:
    ents = story("Chief executive Paula Marsh resigned on Friday. Mrs Marsh said she was proud.")
    people = [e for e in ents if e.type.value == "Person"]
    assert [p.name for p in people] == ["Paula Marsh"]


def test_formerly_known_as_joins_old_and_new_names() -> None:
    ents = by_name(
        story(
            "Formerly known as Redline Freight, Corvex Logistics Inc is a haulage firm. Corvex Logistics Inc grew."
        )
    )
    assert "Redline Freight" not in ents
    assert "Redline Freight" in ents["Corvex Logistics Inc"].aliases


def test_shortened_organisation_name_joins_the_full_one() -> None:
    ents = story(
        "Harbor Capital Asset Management Group paid a fine. Later Harbor Asset Management Group appealed."
    )
    assert len([e for e in ents if e.type.value == "Organisation"]) == 1


def test_town_after_a_person_is_a_place() -> None:
    ents = by_name(story("Among them was Tom Abery, 34, from Wickerbrook, a village near Oxford."))
    assert ents["Wickerbrook"].type.value == "Place"


def test_acronym_defined_in_another_order() -> None:
    ents = by_name(
        story("Regulators fined Pellham Advisors Management (PAM) heavily. PAM said it would pay.")
    )
    assert "PAM" in ents["Pellham Advisors Management"].aliases


def test_part_of_a_law_is_not_a_law() -> None:
    ents = by_name(story("They were charged under Section 12 of the Harbour Safety Act last week."))
    assert "Section 12" not in ents


def organisations(*texts: str) -> list[str]:
    return sorted(e.name for e in story(*texts) if e.type.value == "Organisation")


def test_country_code_and_corporate_suffix_variants_join() -> None:
    orgs = organisations(
        "The U.S. Senate voted on Monday. Later the Senate adjourned.",
        "Vantor Group SpA agreed a deal. Vantor said it was pleased.",
    )
    assert len(orgs) == 2, orgs


def test_a_suffix_does_not_make_a_subsidiary_its_parent() -> None:
    orgs = organisations(
        "General Widgets Corp said profit rose. General Widgets Acceptance Corp, its finance arm, lent more.",
        "General Widgets shares rose.",
    )
    assert len(orgs) == 2, orgs


def mention(text: str, hints: list[str], start: int = 0, label: str = "") -> Mention:
    return Mention(text, label, "a1", start, start + len(text), 0, 200, "s", tuple(hints))


def test_a_town_gazetteer_entry_does_not_outvote_an_organisation_label() -> None:
    ents, _ = resolve([mention("Lowell", ["ner:ORG", "place:town"])])
    assert [e.type.value for e in ents] == ["Organisation"]


def test_a_camel_case_brand_is_a_product_when_the_text_says_it_is_made() -> None:
    ents, _ = resolve(
        [mention("xCast", ["ner:ORG", "product:owned"]), mention("xCast", ["ner:ORG"], start=50)]
    )
    assert [e.type.value for e in ents] == ["Product"]


def test_made_owned_and_maker_of_names_are_products() -> None:
    ents = by_name(
        story(
            "Dray Corp is the manufacturer of the Zumo. The Zumo developed by Dray Corp lets users call "
            "friends. Dray Corp's Lumen sold well."
        )
    )
    assert ents["Zumo"].type.value == "Product" and ents["Lumen"].type.value == "Product"
    assert ents["Dray Corp"].type.value == "Organisation"


def test_a_plural_of_a_name_is_the_same_entity() -> None:
    ents = story("Rivals fear the new Zephyrs. The Zephyr is a phone.")
    assert len([e for e in ents if "Zephyr" in e.name]) == 1


def test_a_surname_shared_by_two_people_means_the_one_named_last() -> None:
    ents = by_name(
        story(
            "Those held included Ana Veld, the daughter of the singer Karl Veld. "
            'Ana Veld, a student, said: "I regret nothing." Veld was released on bail.'
        )
    )
    assert "Veld" not in ents and "Veld" in ents["Ana Veld"].aliases


def spans_of(words: list[str], ents: list[tuple[int, int, str]]) -> list[tuple[str, str]]:
    from spacy.tokens import Doc, Span

    from kg.extract.entities import _entity_spans

    model = nlp.load()
    doc = Doc(model.vocab, words=words)
    for t in doc:
        t.tag_ = "NNP" if t.text[:1].isupper() else "NN"
    doc.ents = [Span(doc, a, b, label=lab) for a, b, lab in ents]
    return [(" ".join(t.text for t in toks), lab) for toks, lab in _entity_spans(doc)]


def test_entity_spans_repair_split_names() -> None:
    # An organisation's last word read as a person's name.
    assert spans_of(["sued", "by", "Dorvan", "Martin", "today"], [(2, 3, "ORG"), (3, 4, "PERSON")]) == [
        ("Dorvan Martin", "ORG")
    ]
    # A first name left out of the person's span.
    assert spans_of(["said", "Ana", "Veld", "today"], [(2, 3, "PERSON")]) == [("Ana Veld", "PERSON")]
    # A camel-case brand before a span read as a person: a name of no NER type.
    assert spans_of(["its", "zPlay", "Music", "Store"], [(2, 4, "PERSON")]) == [
        ("zPlay Music Store", "PROPN")
    ]


def test_a_name_keeps_its_own_number_but_not_a_quantity() -> None:
    names = {e.name for e in story('He told Radio Vega 24: "We will win." Acme added 3 percent.')}
    assert "Radio Vega 24" in names


def _gpe(text: str, start: int, *cues: str) -> Mention:
    return Mention(
        text, "Place", "a", start, start + len(text), 0, 99, "x", ("ner:GPE", "place:unknown", *cues)
    )


def test_an_unknown_place_that_acts_like_a_company_is_an_organisation() -> None:
    # Three misread "places" that sue and state things outvote four plain ones.
    ms = [_gpe("Quorvex", i * 10, "org:agent") for i in range(3)] + [
        _gpe("Quorvex", 50 + i * 10) for i in range(4)
    ]
    ents, _ = resolve(ms)
    assert [(e.name, e.type.value) for e in ents] == [("Quorvex", "Organisation")]
    # Without an agent's cue an unknown place stays a place.
    ents, _ = resolve([_gpe("Brixholm", i * 10) for i in range(3)])
    assert [(e.name, e.type.value) for e in ents] == [("Brixholm", "Place")]


def test_an_institutions_name_goes_on_after_for_on_and_of() -> None:
    names = {e.name for e in story("The Federal Service for the Financial Markets halted trading on Monday.")}
    assert "Federal Service for the Financial Markets" in names
    # "and" followed by another organisation's name ends the first one.
    names = {e.name for e in story("The Council of Europe and Orvane Corp signed a pact.")}
    assert "Orvane Corp" in names and not any("and" in n for n in names)


def test_a_currency_code_beside_an_amount_is_no_organisation() -> None:
    names = {e.name for e in story("The two sizes will cost $199 and $249 USD respectively.")}
    names |= {e.name for e in story("It sells for 40 EUR, Quellion said.")}
    assert not names & {"USD", "EUR"}


def test_a_work_named_after_its_noun_is_a_product() -> None:
    ents = by_name(story("Quellion Pictures released the film Iron Harvest in May. Iron Harvest earned $5m."))
    # The NER reads this title as a person's name; the noun before it says otherwise.
    assert ents["Iron Harvest"].type.value == "Product"


def test_the_slots_of_a_product_fact_are_cues_but_not_for_known_places() -> None:
    from kg.extract import with_fact_cues
    from kg.model import Maker

    product = Mention("Zelo", "Organisation", "a", 0, 4, 0, 20, "x", ("ner:ORG",))
    maker = Mention("Quellion", "Person", "a", 10, 18, 0, 20, "x", ("ner:PERSON",))
    town = Mention("Boston", "Place", "a", 30, 36, 0, 40, "x", ("ner:GPE", "place:town"))
    ms, facts = with_fact_cues([product, maker, town], [Maker(product, maker, ()), Maker(town, maker, ())])
    assert isinstance(facts[0], Maker) and facts[0].product is ms[0]  # facts point at the new mentions
    assert "product:of-maker" in ms[0].hints and "org:maker" in ms[1].hints
    assert ms[2] is town  # a town named as a "product" keeps its own cues
    ents, _ = resolve(ms)
    assert {e.name: e.type.value for e in ents}["Zelo"] == "Product"


def test_company_first_word_alone_is_the_company() -> None:
    ents, _ = resolve(
        [
            mention("Halvor Motor Company", ["ner:ORG", "org:suffix"], 0),
            mention("Halvor", ["ner:ORG"], 40),
            mention("Singapore Airlines", ["ner:ORG"], 80),
            mention("Singapore", ["ner:GPE"], 120),
        ]
    )
    names = sorted((e.name, e.aliases) for e in ents)
    assert names == [("Halvor Motor Company", ("Halvor",)), ("Singapore", ()), ("Singapore Airlines", ())]


def test_party_suffix_and_last_word_join_organisations_only() -> None:
    ents, _ = resolve(
        [
            mention("Veritas Party", ["ner:ORG"], 0),
            mention("Veritas", ["ner:ORG", "org:title-after"], 30),
            mention("Jane Marsh Party", ["ner:ORG"], 60),
            mention("Jane Marsh", ["ner:PERSON", "person:title-before"], 90),
        ]
    )
    assert sorted(e.name for e in ents) == ["Jane Marsh", "Jane Marsh Party", "Veritas Party"]


def test_two_triggers_of_one_sentence_stay_two_events() -> None:
    from kg.model import Event, Evidence, TimeValue
    from kg.resolve import merge_events

    def report(trigger: str, sent: int, start: int, *parties: str) -> Event:
        ev = Evidence("a", sent, sent + 60, "s", start, start + 5)
        return Event("01", trigger, ("acme", *parties), None, TimeValue("2025-05-12"), (ev,))

    merged = merge_events(
        [report("release", 0, 10, "x"), report("unveil", 0, 30, "y"), report("unveil", 100, 120, "y")]
    )
    assert sorted(len(e.evidence) for e in merged) == [1, 2]
    # "met Y to discuss the budget": the second trigger adds no other party, one event.
    assert len(merge_events([report("meet", 0, 10, "y"), report("discuss", 0, 30)])) == 1


def test_a_makers_name_reference_prefers_the_organisation_of_that_very_name() -> None:
    from kg.model import EntityType
    from kg.resolve import _References

    def org(key: str, name: str) -> Entity:
        return Entity(key, name, EntityType.ORGANISATION, (), ())

    refs = _References([org("o/a", "Zorbex"), org("o/b", "Zorbex Developers Conference")])
    assert refs.lookup("name~zorbex") == "o/a"
    refs = _References([org("o/b", "Zorbex Developers Conference")])
    assert refs.lookup("name~zorbex") == "o/b"
    refs = _References([org("o/b", "Zorbex Developers Conference"), org("o/c", "Zorbex Labs")])
    assert refs.lookup("name~zorbex") is None


def test_a_full_stop_after_a_company_suffix_is_no_part_of_its_name() -> None:
    ents = by_name(story("Mira Systems has cut ties with Zorbex Corp. Zorbex Corp said it was calm."))
    assert "Zorbex Corp" in ents and "Zorbex Corp." not in ents
    assert "Acme Inc." in by_name(story("Shares of Acme Inc. rose on Monday."))


def test_institutions_named_after_people_offices_named_after_posts_and_comma_joined_names() -> None:
    ents = by_name(
        story(
            "Jane Doe trained at Alder's Hospital Medical School, University of Wexmoor. "
            "The Office of the Deputy Prime Minister said the plan was sound. "
            "Quorvane, Inc. opened a plant in Wexmoor."
        )
    )
    orgs = {n for n, e in ents.items() if e.type.value == "Organisation"}
    assert {"Alder's Hospital Medical School", "University of Wexmoor"} <= orgs
    assert "Office of the Deputy Prime Minister" in orgs and "Office" not in ents
    assert "Quorvane, Inc." in orgs or "Quorvane" in orgs
    assert not any(e.type.value == "Product" for e in ents.values())


def test_a_countrys_names_are_one_place() -> None:
    ents = story(
        "Quorvane Ltd will build a plant in Britain. The UK economy grew.",
        "Jane Doe moved to America in May. The US market fell.",
    )
    places = [e for e in ents if e.type.value == "Place"]
    uk = [e for e in places if {"Britain", "UK"} & {e.name, *e.aliases}]
    us = [e for e in places if {"America", "US"} & {e.name, *e.aliases}]
    assert len(uk) == 1 and {"Britain", "UK"} <= {uk[0].name, *uk[0].aliases}
    assert len(us) == 1 and {"America", "US"} <= {us[0].name, *us[0].aliases}


def test_a_name_with_the_is_no_person_and_a_possessive_conference_is_one_name() -> None:
    ents = by_name(
        story(
            "The Waltons' record label Kappa Corps sued Quorvane Ltd on Monday. "
            "Quorvane Ltd showed the phone at the 2010 Worldwide Developer's Conference."
        )
    )
    assert ents["Waltons"].type.value == "Organisation"
    assert "Worldwide Developer's Conference" in ents and "Worldwide Developer" not in ents


def test_a_name_ending_in_a_products_noun_is_no_person() -> None:
    ents = by_name(story("Users bought apps from Kappa Corp's App Store. The App Store has 200 apps."))
    assert ents["App Store"].type.value == "Product"


def test_what_there_are_copies_or_versions_of_is_a_product() -> None:
    ents = by_name(
        story("Kappa said 2 million copies of Zentrix had been sold. A new version of Quorbit is due.")
    )
    assert ents["Zentrix"].type.value == "Product"
    assert ents["Quorbit"].type.value == "Product"


def test_a_makers_branch_in_a_country_is_no_model_and_what_will_be_released_is_a_product() -> None:
    text = (
        "Ford said Ford Australia would build cars in Australia. Ford is big. "
        "Australia gave Ford Australia a grant. "
        "It faces the new Zentor Quill, which will be released in June."
    )
    ex = extract(nlp.load()(text), Article("t0", date(2025, 5, 12), text))
    hints = {m.text: set(m.hints) for m in ex.mentions}
    assert "product:model" not in hints["Ford Australia"]
    assert "product:launched" in hints["Zentor Quill"]


def test_each_articles_government_stays_its_own_countrys() -> None:
    ents = story(
        "Japan's trade ministry said exports rose in Tokyo. The government said Japan would cut tariffs on rice.",
        "Brazil's central bank raised rates in Brasilia. The government said Brazil would sell more bonds.",
    )
    govs = {e.name: e for e in ents if e.name.endswith("Government")}
    assert set(govs) == {"Japan Government", "Brazil Government"}
    assert {m.article_id for m in govs["Japan Government"].mentions} == {"t0"}
    # "government" names every country's: it is no alias of one
    assert all("government" not in (a.lower() for a in e.aliases) for e in govs.values())


def test_a_bare_company_suffix_or_bank_is_no_entity() -> None:
    ents = story(
        "Zentra Holdings Inc said it would buy Orvo Bank. The Bank said the deal was fair. Inc shares rose.",
        "Corp said profits fell. Kestrel Federal Bank raised rates, Banks said.",
    )
    assert sorted(e.name for e in ents) == ["Kestrel Federal Bank", "Orvo Bank", "Zentra Holdings Inc"]


def test_a_name_without_its_country_or_trade_is_the_longer_name() -> None:
    ents = story(
        "The United States Air Force chose Zorbex Corp. The Air Force said the deal was fair.",
        "The Romanian State Property Agency sold the plant. The State Property Agency said it was glad.",
        "Norddeutsche Bank challenged Zorvex in a Houston court. Norddeutsche argued that the sale was illegal.",
    )
    names = by_name(ents)
    assert names["Norddeutsche Bank"].aliases == ("Norddeutsche",)
    assert "Air Force" in names["United States Air Force"].aliases and "Air Force" not in names
    assert "State Property Agency" in names["Romanian State Property Agency"].aliases
    assert "State Property Agency" not in names


def test_a_name_without_a_country_stays_apart_when_two_countries_have_one() -> None:
    ents = story(
        "The Russian Foreign Ministry protested. The Chinese Foreign Ministry agreed. "
        "The Foreign Ministry said nothing more."
    )
    assert "Foreign Ministry" in by_name(ents)


def test_a_countrys_administration_is_no_shortened_agency_and_initials_skip_the_country() -> None:
    ents = story(
        "The U.S. Food and Drug Administration approved the drug. The FDA said it was safe.",
        "The U.S. administration said it would act. Zentra Corp agreed.",
    )
    names = by_name(ents)
    assert names["U.S. Food and Drug Administration"].aliases == ("FDA",)
    assert {m.article_id for m in names["U.S. administration"].mentions} == {"t1"}


def test_an_acronym_in_capitals_is_no_plural() -> None:
    ents = story("Kelso Industries (KIS) said profits rose. Analysts at KISS said they doubted it.")
    assert not [e for e in ents if {"KIS", "KISS"} <= {e.name, *e.aliases}]


def test_a_company_named_with_its_suffix_keeps_its_bare_name_from_its_trade_arm() -> None:
    ents = story(
        "Zentra Corp said sales rose. Zentra Financial Corp raised rates. The union at Zentra said it would strike."
    )
    names = by_name(ents)
    assert names["Zentra Corp"].aliases == ("Zentra",) and "Zentra Financial Corp" in names


def test_a_bare_trade_word_is_no_entity() -> None:
    ents = story("Zentra Corp raised rates. Financial said it would act. Pharma rose.")
    assert sorted(e.name for e in ents) == ["Zentra Corp"]


def test_an_investment_firms_first_word_alone_is_the_firm() -> None:
    ents = story(
        "Kestrel Investors bought the stadium firm. A spokesman for Kestrel said the offer was fair."
    )
    assert [(e.name, e.aliases) for e in ents] == [("Kestrel Investors", ("Kestrel",))]


def test_the_short_names_news_gives_countries_are_places() -> None:
    ents = story(
        "A third US carmaker, Zorbex Motors Corp, has said that it needs no aid.",
        "The UK has signed the treaty, and the U.S. will too.",
    )
    types = {e.name: e.type.value for e in ents}
    assert types["US"] == "Place" and types["UK"] == "Place", types


def test_peoples_and_faiths_in_the_plural_are_no_entities() -> None:
    ents = story(
        "The bill would let Roman Catholics marry into the royal family. Sri Lankans protested. "
        "Liberal Democrats and Social Democrats agreed. Jane Evans said so."
    )
    assert sorted(e.name for e in ents) == ["Jane Evans", "Liberal Democrats", "Social Democrats"]


def test_a_product_by_the_last_word_of_its_name_is_that_product() -> None:
    ents = story(
        "Zentrix released its software Zentrix OS Falcon in May. "
        "The company will ship Falcon to schools in July."
    )
    products = [e for e in ents if e.type.value == "Product"]
    assert [p.name for p in products] == ["Zentrix OS Falcon"]
    assert "Falcon" in products[0].aliases
