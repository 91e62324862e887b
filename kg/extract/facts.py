"""Facts of one article: roles, ages, products, partnerships, contracts, events, statements.

All rules read the dependency parse and general word lists (titles, trigger
verbs per CAMEO family, currency words); none names an entity. Arguments are
``Mention`` objects of the article, or references resolved over the whole
story later: ``"name:<folded name>"`` (a country named by its demonym, a
department named by a title's qualifier) and ``"title:<folded title>"`` ("the
defense secretary" stands for whoever holds that role).
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as _date
from typing import TYPE_CHECKING

from ..model import (
    Age,
    Arg,
    Article,
    Contract,
    Event,
    Evidence,
    Fact,
    Maker,
    Mention,
    Partnership,
    Role,
    Statement,
    TimeValue,
)
from . import lexicon as lx
from .entities import (
    GOVERNMENT_NOUNS,
    LAUNCH_VERBS,
    MAKE_VERBS,
    MAKER_NOUNS,
    MODEL_OF,
    brand_list_noun,
    doc_text,
    home_country,
)
from .money import LOCAL_DOLLARS, parse_money
from .time import resolve as resolve_time
from .time import tense_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# Trigger lemmas per CAMEO root family (general English, verbs and nouns). Of statements (01)
# only announcements are events: "said" reports every quote and is kept as a Statement.
TRIGGERS: dict[str, str] = {}
for _code, _words in {
    "01": "announce announcement unveil launch introduce",
    "02": "appeal urge plead implore",
    "03": "pledge promise vow offer",
    "04": "meet meeting host visit talk talks summit negotiate negotiation consult consultation discuss discussion conversation mediate mediation",
    "05": "sign agreement accord treaty endorse praise welcome recognize recognise apologize apologise apology forgive",
    "06": "cooperate cooperation",
    "07": "aid donate donation bailout rescue compensate compensation",
    "08": "resign resignation concede yield surrender withdraw comply capitulate admit release free bankruptcy settle settlement",
    "09": "investigate investigation probe inquiry audit",
    "10": "demand challenge insist",
    "11": "criticize criticise criticism condemn accuse accusation blame denounce sue lawsuit charge allege decry fine indict indictment implicate trial prosecute prosecution convict conviction",
    "12": "reject rejection deny denial refuse refusal rebuff veto resist dismiss",
    "13": "threaten threat warn warning ultimatum",
    "14": "protest demonstrate demonstration rally boycott strike walkout",
    "15": "mobilize mobilise deploy deployment",
    "16": "sever suspend expel sanction embargo quit revoke sack",
    "17": "arrest detain detention capture seize seizure jail imprison deport raid sentence confiscate ban prohibit force compel",
    "18": "attack assault kill bomb bombing shoot stab kidnap abduct assassinate torture",
    "19": "invade invasion fight battle clash airstrike occupy occupation",
    "20": "massacre genocide",
}.items():
    for _w in _words.split():
        TRIGGERS[_w] = _code

# Verbs that name an event only in one sense, told by their object or complement (see
# ``_sensed_family``): lemma -> (family, what must govern).
SENSED_VERBS: dict[str, tuple[str, str]] = {
    "back": ("05", "actor-or-plan"),  # "backed the bill", not "came back"
    "support": ("05", "actor-or-plan"),
    "defend": ("05", "actor"),  # "defended Jane Doe"
    "approve": ("05", "object"),
    "ratify": ("05", "object"),
    "thank": ("05", "actor"),
    "recommend": ("05", "actor"),  # "recommended Jane Doe to take over": endorsing her
    "congratulate": ("05", "actor"),
    "commend": ("05", "actor"),
    "applaud": ("05", "object"),
    "hail": ("05", "object"),
    "plan": ("03", "to"),  # "plans to open", not "the plan"
    "intend": ("03", "to"),
    "decline": ("12", "to-or-object"),  # "declined to comment", not "sales declined"
    "block": ("12", "object"),
    "spurn": ("12", "object"),
    "snub": ("12", "object"),
    "oppose": ("11", "object"),
    "slam": ("11", "object"),
    "rebuke": ("11", "object"),
    "complain": ("11", "any"),
    "fear": ("11", "clause-or-object"),  # "unions fear jobs would move"; "the feared virus" is none
    "dislike": ("11", "object"),
    "request": ("02", "object"),
    "petition": ("02", "object"),
    "lobby": ("02", "object"),
    "inspect": ("09", "object"),
    "examine": ("09", "object"),
    "order": ("10", "to"),  # "ordered X to leave"
    "encourage": ("02", "to"),  # "encouraged companies to sell shares"
    "bid": ("03", "any"),  # "said it may bid for Acme"
    "end": ("16", "ties"),  # "ending the partnership with Acme"
    "supply": ("06", "object"),  # "will supply the engines"
    "invest": ("06", "any"),  # "invested in the industry"
    "require": ("10", "to"),  # "required X to produce plans"; "the deal requires approval" is none
    "cancel": ("16", "object"),
    "halt": ("16", "object"),
    "terminate": ("16", "object"),
    "freeze": ("16", "object"),
    "recall": ("16", "envoy"),
    "bar": ("17", "object"),
    "evict": ("17", "object"),
    "extradite": ("17", "object"),
    "nationalise": ("17", "object"),
    "nationalize": ("17", "object"),
    "censor": ("17", "object"),
    "abandon": ("08", "plan"),
    "scrap": ("08", "plan"),
    "drop": ("08", "plan"),
    "lift": ("08", "ban"),
    "ease": ("08", "ban"),
    "wound": ("18", "object"),
    "injure": ("18", "object"),
    "hijack": ("18", "object"),
    "travel": ("04", "to-place"),
    "fly": ("04", "to-place"),
    "tour": ("04", "object"),
    "fund": ("07", "object"),
    "lend": ("07", "object"),
    "guarantee": ("07", "object"),
    "strengthen": ("05", "ties"),  # "strengthened ties with X"
    "deepen": ("05", "ties"),
    "improve": ("05", "ties"),
    "restore": ("05", "ties"),
    "forge": ("05", "ties"),
    "cut": ("16", "ties"),
    "break": ("16", "ties"),
    "downgrade": ("16", "ties"),
    "report": ("01", "object"),  # "Acme reported a loss"
    "license": ("06", "object"),
    "licence": ("06", "object"),
    "brand": ("11", "object"),  # "branded the plan a leap in the dark"
    "provide": ("07", "aid"),  # "provided assistance", "gave aid"
    "give": ("07", "aid"),
    "extend": ("07", "aid"),
    "select": ("06", "org"),  # "selected Acme to build the tankers": a contract awarded
    "choose": ("06", "org"),
    "form": ("01", "org"),  # "formed the Acme Party"
    "found": ("01", "org"),  # "founded Acme", not "found a way"
    "start": ("01", "org"),  # "started Acme in 1976", not "started to fall"
    "fire": ("16", "dismissed"),  # "was fired from the company", not "fired shots"
    "oust": ("16", "dismissed"),
    "establish": ("01", "org"),
    "name": ("01", "person"),  # appointments: "Acme named Jane Doe its chief executive"
    "appoint": ("01", "person"),
    "hire": ("01", "person"),
    "promote": ("01", "person"),
    "nominate": ("01", "person"),
}
# What ties are: "strengthened ties", "cut diplomatic relations".
TIES_NOUNS = frozenset(
    [
        "tie",
        "ties",
        "relation",
        "relations",
        "relationship",
        "link",
        "links",
        "cooperation",
        "partnership",
        "alliance",
    ]
)
# Nouns that name an event in every use.
TRIGGERS.update(
    {
        "crackdown": "17",
        "deliberation": "04",
        "deliberations": "04",
        "clampdown": "17",
        "inspection": "09",
        "collaboration": "06",
        "complaint": "11",
        "allegation": "11",
    }
)
# What is backed, dropped or scrapped when a plan is: "backed the bill", "scrapped the deal".
PLAN_NOUNS = frozenset(
    _w
    for _w in [
        "plan",
        "bill",
        "law",
        "proposal",
        "scheme",
        "deal",
        "bid",
        "offer",
        "project",
        "policy",
        "measure",
        "reform",
        "charge",
        "case",
        "lawsuit",
        "suit",
        "claim",
        "idea",
        "motion",
        "resolution",
        "amendment",
        "candidacy",
        "campaign",
        "talks",
        "merger",
        "takeover",
        "strategy",
        "programme",
        "program",
        "target",
    ]
)
# What is lifted or eased: "lifted the ban", "eased sanctions".
BAN_NOUNS = frozenset(["ban", "sanction", "sanctions", "embargo", "restriction", "curfew", "blockade"])
ENVOY_NOUNS = frozenset(["ambassador", "envoy", "diplomat"])
# Feelings voiced against someone or something: "expressed disappointment at X".
DISAPPROVAL_NOUNS = frozenset(
    [
        "disappointment",
        "anger",
        "dismay",
        "outrage",
        "displeasure",
        "frustration",
        "opposition",
        "disapproval",
        "discontent",
        "unease",
    ]
)
# Adjectives of feeling against someone: "politicians angry at Acme's promise".
DISAPPROVAL_ADJECTIVES = frozenset(["angry", "furious", "unhappy", "incensed", "outraged", "upset"])
VOICE_VERBS = frozenset(["express", "voice", "register", "vent", "signal"])
# Verbs that make aid their object an appeal for it: "sought aid from X".
APPEAL_VERBS = frozenset(["seek", "request", "ask", "appeal", "apply", "beg", "petition"])
# What is given as aid: "provided assistance", "gave $5m in aid".
AID_NOUNS = frozenset(
    ["aid", "assistance", "help", "relief", "funding", "loan", "grant", "package", "subsidy"]
)
# Words given as a thing: "gave a keynote", "delivered a speech", "issued a statement", "held a
# press conference" (a conference only with "press" or "news": "held a conference on AI" is none).
SPEECH_NOUNS = frozenset(
    ["speech", "keynote", "address", "lecture", "statement", "testimony", "briefing", "sermon", "remarks"]
)
SPEECH_GIVING_VERBS = frozenset(["give", "deliver", "make", "issue", "hold", "read", "release"])

# What one warns of when the warning is a threat: "warned of further strikes".
THREAT_OBJECTS = frozenset(
    [
        "strike",
        "strikes",
        "walkout",
        "walkouts",
        "action",
        "protest",
        "protests",
        "retaliation",
        "consequences",
        "sanctions",
        "reprisal",
        "reprisals",
        "boycott",
        "legal",
        "lawsuit",
        "war",
        "force",
    ]
)
# Verbs whose object noun names the event: "gave an ultimatum", "faces charges".
LIGHT_VERBS = frozenset(
    [
        "set",
        "reach",
        "seek",
        "give",
        "issue",
        "make",
        "deliver",
        "hold",
        "host",
        "have",
        "attend",
        "launch",
        "file",
        "level",
        "impose",
        "face",
        "bring",
        "press",
        "stand",
        "receive",
        "serve",
    ]
)
SPEECH_VERBS = frozenset(
    [
        "speak",
        "say",
        "tell",
        "add",
        "note",
        "claim",
        "argue",
        "insist",
        "explain",
        "state",
        "comment",
        "write",
        "announce",
        "warn",
        "confirm",
        "reply",
        "respond",
        "acknowledge",
        "stress",
        "reveal",
        "suggest",
        "admit",
        "deny",
        "concede",
        "describe",
        "declare",
        "maintain",
        "contend",
        "assert",
        "complain",
        "emphasise",
        "emphasize",
        "predict",
        "report",
        "estimate",
        "forecast",
        "reckon",
        "believe",
        "think",
        "recall",
        "testify",
        "tweet",
        "indicate",
        "enthuse",
        "exclaim",
        "quip",
        "boast",
        "remark",
        "observe",
        "retort",
    ]
)
EVENT_NOUNS = frozenset(
    ["mission", "operation", "attack", "raid", "invasion", "strike", "meeting", "deal", "move", "offensive"]
)
# Deals an organisation agrees to, makes or accepts; who is "by"/"with"/"from" takes part.
DEAL_NOUNS = frozenset(
    [
        "buyout",
        "takeover",
        "merger",
        "acquisition",
        "purchase",
        "deal",
        "bid",
        "offer",
        "investment",
        "bailout",
    ]
)
PARTNER_WORDS = frozenset(["partner", "partnership", "partnered", "alliance", "ally"])
CONTRACT_WORDS = frozenset(
    [
        "settle",
        "settlement",
        "payout",
        "contract",
        "contracts",
        "deal",
        "agreement",
        "order",
        "acquisition",
        "takeover",
        "merger",
        "buy",
        "acquire",
        "purchase",
        "award",
        "awarded",
        "sell",
        "sale",
        "bid",
        "offer",
        "stake",
        "invest",
        "investment",
        "agree",
        "package",  # "an assistance package of $50m for Acme"
        "loan",
        "grant",
        "licence",
        "license",
    ]
)
NOT_EVENT_SENSES = {
    "charge": {"fee", "fees", "battery", "per", "cents", "customers", "consumers", "price", "prices"}
}
AGE_RX = re.compile(r"^\s*,\s*(\d{1,3})\s*(?:,|\)|$|\.(?:\s|$)|;)")
AGE_AFTER_RX = re.compile(r"^\s*,\s*(?:a|an|the)\s+(\d{1,3})-year-old\b")
YEAR_OLD_RX = re.compile(r"(\d{1,3})-year-old")


@dataclass
class _Ctx:
    doc: Doc
    article: Article
    mentions: list[Mention]
    by_token: dict[int, Mention]
    roles: list[Role]
    # Pronoun token -> the person it was resolved to (pronoun chains are followed through it).
    pronouns: dict[int, Arg | None] = field(default_factory=dict)
    # Subject token of a lead -> the person the next sentence names (see ``_introductions``).
    introduced: dict[int, Mention] = field(default_factory=dict)
    # The sentences, and the index of each one's first token (for bisection).
    sents: list[Span] = field(default_factory=list)
    sent_starts: list[int] = field(default_factory=list)
    # Last words of the full names of people ("Jobs" of "Steve Jobs"), which the NER may call organisations.
    surnames: frozenset[str] = frozenset()
    # Names the article gives a product's cue somewhere ("its drug Zeltrex"): no organisation.
    products: frozenset[str] = frozenset()
    # Product name (folded) -> its maker, from the article's product facts.
    made: dict[str, Arg] = field(default_factory=dict)
    # Events dated to the day so far, with their actors' names (see ``_anchor_for``).
    anchors: list[tuple[TimeValue, frozenset[str]]] = field(default_factory=list)
    # The country the article is about ("" for none), found when first needed.
    home: str | None = None


def extract_facts(doc: Doc, article: Article, mentions: list[Mention]) -> list[Fact]:
    """Every raw fact of the article; arguments are the article's mentions or references."""
    by_token: dict[int, Mention] = {}
    for m in mentions:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is not None:
            for t in span:
                by_token.setdefault(t.i, m)
    ctx = _Ctx(doc, article, mentions, by_token, [])
    ctx.sents = list(doc.sents)
    ctx.sent_starts = [sent.start for sent in ctx.sents]
    ctx.surnames = frozenset(
        lx.fold(m.text).split()[-1]
        for m in mentions
        # A company named after a person ("group Jane Doe has agreed") keeps its name.
        if _full_person(m) and " " in m.text and not any(h.startswith("org:") for h in m.hints)
    )
    ctx.products = frozenset(
        lx.fold(m.text) for m in mentions if any(h.startswith("product:") for h in m.hints)
    )
    facts: list[Fact] = []
    ctx.introduced = _introductions(ctx)
    ctx.roles = _fullest_titles(
        [*_roles(ctx), *_introduced_titles(ctx), *_verb_roles(ctx), *_pronoun_roles(ctx), *_departures(ctx)]
    )
    ctx.roles += _memberships(ctx, ctx.roles)
    ctx.introduced.update(_unnamed_title_holders(ctx))
    facts += ctx.roles
    facts += _ages(ctx)
    made = _product_families(ctx, list(_products(ctx)))
    ctx.made = {lx.fold(f.product.text): f.maker for f in made if isinstance(f.product, Mention)}
    facts += made
    facts += _partners(ctx)
    facts += _groupings(ctx)
    facts += _named_members(ctx)
    facts += _joint_work(ctx)
    facts += _contracts(ctx)
    facts += _once(_unpriced_deals(ctx))
    events = list(_events(ctx))
    statements = [*_statements(ctx), *_according_to(ctx)]
    statements += _quote_attributions(ctx, {e.sent_start for st in statements for e in st.evidence})
    statements += _quoted_by(ctx)
    statements += _spoken_for(ctx, statements)
    facts += events
    facts += _statement_events(ctx, statements, events)
    facts += statements
    return facts


# ----------------------------------------------------------------- helpers
def _evidence(ctx: _Ctx, sent: Span, start: int = -1, end: int = -1) -> tuple[Evidence, ...]:
    return (Evidence(ctx.article.id, sent.start_char, sent.end_char, sent.text, start, end),)


def _is_person(m: Mention) -> bool:
    return "ner:PERSON" in m.hints or any(h.startswith("person:") for h in m.hints)


def _mention_at(ctx: _Ctx, tok: Token) -> Arg | None:
    """The entity a token stands for: its mention, a pronoun's antecedent, or a title's holder."""
    m = ctx.by_token.get(tok.i) or ctx.introduced.get(tok.i)
    if m is not None:
        return m
    low = tok.lower_
    if tok.pos_ == "PRON" or tok.tag_ in {"PRP", "PRP$", "WP"}:
        if low in {"he", "him", "his", "she", "her"}:
            return _antecedent(ctx, tok, person=True)
        if low in {"it", "its"}:
            return _antecedent(ctx, tok, person=False)
        if low in {"we", "us", "our"} and _quoted(tok):
            # "we" in a quotation speaks for the speaker's organisation, named just before.
            return _org_antecedent(ctx, tok)
        if low in {"who", "which", "that"} and tok.head.dep_ == "relcl":
            return _mention_at(ctx, tok.head.head)
        return None
    if (
        tok.pos_ == "NOUN"
        and tok.lemma_.lower() in _ORG_HEADS
        and any(c.lower_ in {"the", "this"} for c in tok.lefts)
    ):
        # "the party", "the company": the organisation just named, preferring one whose name has the noun.
        return _org_antecedent(ctx, tok)
    if tok.lower_ in lx.TITLE_WORDS or tok.lower_ in lx.QUALIFIED_TITLES:
        title = _title_phrase(tok)
        # "the chief executive", "Acme's former chief executive", "its chairman": whoever holds it.
        if title and any(
            w.lower_ in {"the", "this", "its"} or (w.dep_ == "poss" and w.i in ctx.by_token)
            for w in tok.lefts
        ):
            return f"title:{lx.fold(title)}"
    return None


def _quoted(tok: Token) -> bool:
    """Whether ``tok`` stands inside a quotation: an odd number of quote marks before it in its paragraph."""
    text = doc_text(tok.doc)
    start = text.rfind("\n", 0, tok.idx) + 1
    before = text[start : tok.idx]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")


# Plural phrases that point back at a set number of entities: "the pair", "the two companies".
_NUMBERS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
_GROUP_NOUNS = {"pair": 2, "couple": 2, "duo": 2, "trio": 3}
_PERSON_PLURALS = frozenset(
    ["men", "women", "people", "executives", "managers", "brothers", "sisters", "suspects", "defendants"]
)
_ORG_PLURALS = frozenset(
    [
        "companies",
        "firms",
        "banks",
        "groups",
        "airlines",
        "carmakers",
        "automakers",
        "makers",
        "manufacturers",
        "producers",
        "businesses",
        "lenders",
        "insurers",
        "retailers",
        "operators",
        "exchanges",
        "broadcasters",
        "networks",
        "carriers",
    ]
)
_ANY_PLURALS = frozenset(["parties", "sides", "rivals"])


def _group_at(ctx: _Ctx, tok: Token) -> list[Arg]:
    """The entities a definite plural phrase points back to: "the pair" -> the last two people named.

    Only a phrase that says how many ("the two firms", "both sides", "the pair") is
    resolved, to the nearest that many distinct names of the right kind within
    two sentences before it; fewer names than that resolve to nothing.
    """
    low = tok.lower_
    if low in {"they", "them"} and tok.pos_ == "PRON":
        # "Acme and Beta ... Congress required them to ...": the names last joined.
        return _last_joined(ctx, tok, person=False) or _last_joined(ctx, tok, person=True)
    dets = {c.lower_ for c in tok.children if c.dep_ in {"det", "predet", "nummod"}}
    if not dets & {"the", "both", "these", "those"}:
        return []
    n = _GROUP_NOUNS.get(low) or next((_NUMBERS[d] for d in dets if d in _NUMBERS), 0)
    if not n and low in _ANY_PLURALS:
        n = 2  # "the parties" to a dispute or a deal are most often two
    if not n and "the" in dets and (low in _ORG_PLURALS or low in _PERSON_PLURALS):
        # "Acme and Beta have begun ... The manufacturers have been hit": the names last joined.
        return _last_joined(ctx, tok, person=low in _PERSON_PLURALS)
    if not n:
        return []
    if low in _GROUP_NOUNS or low in _PERSON_PLURALS:
        fits = _is_person
    elif low in _ORG_PLURALS:

        def fits(m: Mention) -> bool:
            return not _full_person(m) and _is_actor(m) and "common" not in m.hints and not _made(m)
    elif low in _ANY_PLURALS:

        def fits(m: Mention) -> bool:
            return _is_actor(m) and "common" not in m.hints and not _made(m)
    else:
        return []
    floor = _floor_of(ctx, tok)
    found: list[Mention] = []
    for m in reversed(ctx.mentions):
        if m.start >= tok.idx or m.start < floor or not fits(m):
            continue
        words = set(lx.fold(m.text).split())
        # "Apple" after "Apple Computer" is the same company, not a second one.
        if any(words <= set(lx.fold(f.text).split()) or set(lx.fold(f.text).split()) <= words for f in found):
            continue
        found.append(m)
        if len(found) == n:
            return list(found)
    return []


def _subjects(verb: Token) -> list[Token]:
    """A verb's subjects, also where the parse hung one on its auxiliary ("The firms have been
    hit": "firms" under "been")."""
    return [
        c
        for v in (verb, *(a for a in verb.children if a.dep_ in {"aux", "auxpass"}))
        for c in v.children
        if c.dep_ in {"nsubj", "nsubjpass"}
    ]


def _last_joined(ctx: _Ctx, tok: Token, person: bool) -> list[Arg]:
    """The names of the last "A and B" (people, or organisations) within two sentences before ``tok``."""
    floor = _floor_of(ctx, tok)
    for m in reversed(ctx.mentions):
        if m.start >= tok.idx:
            continue
        if m.start < floor:
            break
        if _is_person(m) != person or not _is_actor(m) or _made(m):
            continue
        span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        head = span.root
        while head.dep_ == "conj":
            head = head.head
        joined = [ctx.by_token[x.i] for x in (head, *head.conjuncts) if x.i in ctx.by_token]
        if len(joined) >= 2 and all(_is_person(j) == person and _is_actor(j) for j in joined):
            return list(dict.fromkeys(joined))
    return []


def _made(m: Mention) -> bool:
    """A name the text marks as something made ("its X", "the X developed by ..."): not a party."""
    return bool({"product:owned", "product:made-by", "ner:PRODUCT"} & set(m.hints)) and not any(
        h.startswith(("org:", "outlet:")) for h in m.hints
    )


def _not_person(m: Mention) -> bool:
    """Surely not a person: an organisation's suffix, a gazetteer place, a law.

    Role and age rules try every other mention; resolution keeps the facts whose
    holder ends up a person, so one wrong NER label does not lose them.
    """
    if any(h.startswith("person:") for h in m.hints):
        return False
    return bool({"org:suffix", "place:gazetteer", "law:suffix", "ner:GPE", "ner:LAW"} & set(m.hints))


def _full_person(m: Mention) -> bool:
    """Surely a person: a title or honorific before it, or a full name the NER calls a person."""
    if "org:suffix" in m.hints or "org:noun-before" in m.hints:
        return False  # "Acme Corp", "the airline Virgin Mars"
    return any(h.startswith("person:") for h in m.hints) or (
        "ner:PERSON" in m.hints and " " in m.text.strip()
    )


def _antecedent(ctx: _Ctx, tok: Token, person: bool) -> Arg | None:
    """The nearest mention before ``tok`` (within two sentences) of the right kind.

    For "its" the subject of the clause wins: "Acme raised concerns with its partner".
    """
    if not person:
        verb = tok
        while verb.head.i != verb.i and verb.pos_ not in {"VERB", "AUX"}:
            verb = verb.head
        for c in verb.children:
            if c.dep_ in {"nsubj", "nsubjpass"} and c.i < tok.i:
                # A name, or "the company" standing for the one just named.
                subject = ctx.by_token.get(c.i) or (_mention_at(ctx, c) if c.pos_ == "NOUN" else None)
                if isinstance(subject, Mention) and not _full_person(subject):
                    return subject
        # "Russia said it would ...": the subject of the sentence before the pronoun.
        root = tok.sent.root
        for c in root.children:
            if c.dep_ == "nsubj" and c.i < tok.i and c.i in ctx.by_token:
                cand = ctx.by_token[c.i]
                if not _full_person(cand) and "common" not in cand.hints:
                    return cand
    if person:
        return _person_antecedent(ctx, tok)
    floor = _floor_of(ctx, tok)
    best = None
    actor = None
    for m in ctx.mentions:
        if m.start >= tok.idx:
            break
        if m.start < floor:
            continue
        if not _full_person(m) and "common" not in m.hints:
            best = m
            if _is_actor(m):
                actor = m
    # "it" is more often the company of the story than a country named in passing.
    return actor or best


_HE = frozenset(["he", "him", "his", "himself"])
_SHE = frozenset(["she", "her", "hers", "herself"])
_HONORIFIC_GENDER = {
    "mr": _HE,
    "sir": _HE,
    "lord": _HE,
    "mrs": _SHE,
    "ms": _SHE,
    "miss": _SHE,
    "lady": _SHE,
    "dame": _SHE,
    "prince": _HE,
    "king": _HE,
    "duke": _HE,
    "princess": _SHE,
    "queen": _SHE,
    "duchess": _SHE,
}
# Titles that say their holder's gender: "the Queen" is no "Prince Philip".
_TITLE_GENDER = {
    w: g
    for w, g in _HONORIFIC_GENDER.items()
    if w in {"prince", "king", "duke", "princess", "queen", "duchess"}
} | {"chairwoman": _SHE, "spokeswoman": _SHE, "businesswoman": _SHE, "congresswoman": _SHE}


def _gender_clash(ctx: _Ctx, m: Mention, pronoun: str) -> bool:
    """ "Mrs Doe" is not "he": an honorific before the name (or opening it) that says the other gender."""
    before = doc_text(ctx.doc)[max(0, m.start - 9) : m.start].split()
    words = [before[-1] if before else "", m.text.split()[0] if m.text.split() else ""]
    for word in words:
        gender = _HONORIFIC_GENDER.get(word.lower().rstrip("."))
        if gender is not None:
            return pronoun not in gender
    return False


def _person_antecedent(ctx: _Ctx, tok: Token) -> Arg | None:
    """The person a "he" or "she" stands for: the nearest fitting name within two sentences.

    A title that is the subject of a clause nearer than any name ("the party's spokesman
    questioned ... He urged") stands for whoever holds it.

    With no name that near, the nearest earlier pronoun of the same gender in that window
    passes on its own antecedent, so "He ... He ... He" keeps pointing at the person named
    before the run. A one-word name the gazetteer knows as a place is a weak candidate, used
    only when nothing else fits.
    """
    if tok.i in ctx.pronouns:
        return ctx.pronouns[tok.i]
    ctx.pronouns[tok.i] = None  # guards against cycles while resolving
    floor = _floor_of(ctx, tok)
    low = tok.lower_
    best: Mention | None = None
    weak: Mention | None = None
    for m in ctx.mentions:
        if m.start >= tok.idx:
            break
        if m.start < floor or not _is_person(m) or "common" in m.hints or _gender_clash(ctx, m, low):
            continue
        # A name right before a title is the title's organisation ("Acme spokesman"), not a person;
        # nor is a name with a company's ending ("Kappa Labs").
        if ("org:title-after" in m.hints or "org:suffix" in m.hints) and not _full_person(m):
            continue
        if "place:gazetteer" in m.hints and " " not in m.text.strip() and not _full_person(m):
            weak = m
        else:
            best = m
    found: Arg | None = best
    subject = _previous_subject(ctx, tok, low)
    if subject is not None:
        best = found = subject
    title = _title_subject(ctx, floor, tok, after=best.end if best else floor)
    if title is not None:
        ctx.pronouns[tok.i] = title
        return title
    if found is None:
        same = _HE if low in _HE else _SHE
        start = ctx.sents[max(0, _sent_index(ctx, tok) - 2)].start
        earlier = [t for t in ctx.doc[start : tok.i] if t.lower_ in same and t.pos_ == "PRON"]
        if earlier:
            found = _person_antecedent(ctx, earlier[-1])
    found = found or weak or _speaker_before_quotes(ctx, tok, low)
    ctx.pronouns[tok.i] = found
    return found


def _speaker_before_quotes(ctx: _Ctx, tok: Token, low: str) -> Mention | None:
    """ "Jane Doe said: "…" "…" "…" She called for …": past a run of quoted sentences, the
    person named in the sentence that opened them."""
    k = _sent_index(ctx, tok) - 1
    quoted = 0
    while k >= 0 and ctx.sents[k].text.lstrip()[:1] in {'"', "“", "‘"} and quoted < 6:
        k -= 1
        quoted += 1
    if quoted < 2 or k < 0:
        return None  # the usual two-sentence window already covered it
    sent = ctx.sents[k]
    people = [
        m
        for m in ctx.mentions
        if sent.start_char <= m.start < sent.end_char
        and _is_person(m)
        and "common" not in m.hints
        and not _gender_clash(ctx, m, low)
    ]
    return people[-1] if people else None


def _previous_subject(ctx: _Ctx, tok: Token, low: str) -> Mention | None:
    """For a "he"/"she" that opens its sentence as subject: the person who was the subject of
    the sentence before ("Jane Doe said X and Y were wrong. She told ..." is Jane Doe), the
    reading readers prefer over the nearest name."""
    k = _sent_index(ctx, tok)
    if k == 0 or tok.dep_ not in {"nsubj", "nsubjpass"}:
        return None
    sent = ctx.sents[k]
    if any(i in ctx.by_token for i in range(sent.start, tok.i)):
        return None  # a name earlier in its own sentence is nearer
    root = ctx.sents[k - 1].root
    for c in root.children:
        if c.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        m = ctx.by_token.get(c.i)
        if m is None:
            # "Former leader Jane Doe": the name may be a compound inside the subject.
            m = next((ctx.by_token[t.i] for t in c.subtree if t.i in ctx.by_token and t.dep_ != "poss"), None)
        if m is not None and _is_person(m) and "common" not in m.hints and not _gender_clash(ctx, m, low):
            return m
    return None


def _title_subject(ctx: _Ctx, floor: int, tok: Token, after: int) -> Mention | None:
    """The last title standing as a clause's subject between ``after`` and ``tok`` ("the chairman said")."""
    start = ctx.sents[_sent_index(ctx, tok)].start
    k = _sent_index(ctx, tok)
    while k > 0 and ctx.sents[k - 1].start_char >= floor:
        k -= 1
        start = ctx.sents[k].start
    for t in reversed(ctx.doc[start : tok.i]):
        if t.idx < after:
            break
        if (
            t.dep_ in {"nsubj", "nsubjpass"}
            and t.i not in ctx.by_token
            and (t.lower_ in lx.TITLE_WORDS or t.lower_ in lx.QUALIFIED_TITLES)
        ):
            found = _mention_at(ctx, t)
            if isinstance(found, str):
                # Only a title someone in the article is said to hold: that person.
                title = found.removeprefix("title:")
                return next(
                    (
                        r.person
                        for r in reversed(ctx.roles)
                        if isinstance(r.person, Mention) and lx.fold(r.title) == title
                    ),
                    None,
                )
    return None


def _floor_of(ctx: _Ctx, tok: Token) -> int:
    """The start of the sentence two before ``tok``'s (the window antecedents are looked for in)."""
    k = _sent_index(ctx, tok)
    return ctx.sents[max(0, k - 2)].start_char


def _sent_index(ctx: _Ctx, tok: Token) -> int:
    """The index of ``tok``'s sentence in ``ctx.sents``."""
    return bisect.bisect_right(ctx.sent_starts, tok.i) - 1


# Nouns that, after "the", point back at an organisation. Suffixes that are also common nouns
# ("the post", "the oil", "the press", "the records") are left out.
_ORG_HEADS = (lx.ORG_NOUNS | lx.ORG_SUFFIXES) - {
    "partner",
    "team",
    "unit",
    "brand",
    "chain",
    "network",
    "post",
    "press",
    "times",
    "news",
    "energy",
    "oil",
    "capital",
    "records",
    "reserve",
    "force",
    "forces",
    "office",
    "service",
    "services",
    "securities",
    "systems",
    "technologies",
    "technology",
    "television",
    "radio",
    "media",
    "insurance",
    "investments",
    "petroleum",
    "stores",
    "center",
    "centre",
}


def _story_org(ctx: _Ctx) -> Mention | None:
    """The organisation the article names most often (first named on a tie): "the company" of the story."""
    counts: dict[str, list[Mention]] = defaultdict(list)
    for m in ctx.mentions:
        if ("ner:ORG" in m.hints or "org:suffix" in m.hints) and not _brand_or_product(m):
            counts[lx.fold(m.text)].append(m)
    if not counts:
        return None
    best = max(counts.values(), key=len)
    return best[0] if len(best) >= 2 else None


def _org_antecedent(ctx: _Ctx, tok: Token) -> Mention | None:
    """The organisation within two sentences before ``tok`` that "the company" stands for.

    One whose name has the noun wins, then the nearest not only a possessive ("after Acme
    declined to rate Beta's phone. The group said ..." is Acme).
    """
    floor = _floor_of(ctx, tok)
    noun = tok.lemma_.lower()
    named, plain, any_org, subject, earlier = None, None, None, None, None
    for m in ctx.mentions:
        if m.start >= tok.idx:
            break
        if (
            m.start < floor
            or _full_person(m)
            or "place:gazetteer" in m.hints
            or lx.fold(m.text) in ctx.surnames
            or lx.fold(m.text) in ctx.products
            or lx.is_brand(m.text)
        ):
            continue
        if (noun in _ORG_HEADS or tok.lower_ in CORPORATE_TITLES) and (
            (m.text.lower().rsplit(" ", 1)[-1] in GOVERNMENT_NOUNS and noun not in GOVERNMENT_NOUNS)
            or ("org:party" in m.hints and noun != "party")
        ):
            continue  # "the UK government welcomed the firm's decision": a government is no firm
        if "ner:ORG" in m.hints or any(h.startswith(("org:", "outlet:")) for h in m.hints):
            any_org = m
            if noun in lx.fold(m.text).split():
                named = m
            span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None or span.root.dep_ != "poss":
                plain = m
            if (
                span is not None
                and span.root.dep_ == "nsubj"
                and span.sent.start == tok.sent.start
                and not _own_subject(span.root, tok)
            ):
                subject = m  # "Acme began ... with a letter from company president Jane Doe"
            if (
                span is not None
                and noun in _COMPANY_NOUNS
                and span.root.dep_ in {"nsubj", "nsubjpass"}
                and span.sent.start < tok.sent.start
            ):
                earlier = m  # "Acme said it would cut jobs at its unit, Beta. The company's ...": Acme
    return named or subject or earlier or plain or any_org


# Nouns that stand for the company a story is about ("the company's vice president").
_COMPANY_NOUNS = frozenset(
    ["company", "firm", "group", "carmaker", "automaker", "business", "airline", "maker", "manufacturer"]
)


def _own_subject(subj: Token, tok: Token) -> bool:
    """Whether ``subj`` is the subject of the verb ``tok`` is an object of ("Acme barred the
    company": not Acme), directly or through a joined verb."""
    verb = next((a for a in tok.ancestors if a.pos_ in {"VERB", "AUX"}), None)
    if verb is None:
        return False
    return subj.head.i == verb.i or (verb.dep_ == "conj" and verb.head.i == subj.head.i)


_NAME_TYPES = frozenset(["PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"])


def _title_phrase(tok: Token) -> str:
    """The title words around a title noun: "defense secretary", "chief executive"."""
    words = [
        t
        for t in tok.lefts
        if t.dep_ in {"compound", "amod"}
        and t.lower_ not in {"former", "then", "ex", "new"}
        # A name before the title is its organisation or country ("the Acme spokesman"), not the title.
        and t.ent_type_ not in _NAME_TYPES
    ]
    words = [t for t in words if t.i not in range(tok.i - 6, tok.i) or t.pos_ in {"NOUN", "PROPN", "ADJ"}]
    return " ".join([*(t.text for t in words), tok.text])


def _demonym_ref(t: Token) -> str | None:
    """ "Iranian" -> a reference to Iran, kept only if the story names Iran (see ``kg.resolve``)."""
    if t.text[:1].isupper() and t.tag_ in {"JJ", "NNP", "NNPS"} and t.dep_ in {"amod", "compound"}:
        country = lx.country_of_demonym(t.text)
        if country:
            return f"name:{lx.fold(country)}"
    return None


def _span_args(ctx: _Ctx, tok: Token) -> list[Arg]:
    """Entities in a noun phrase: its mention, plus names inside it ("Anthropic CEO Dario Amodei"),
    and the country of a demonym in it ("the Iranian network")."""
    out: list[Arg] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        # "the firm's planned takeover": the organisation the noun stands for owns the thing.
        direct = t.i == tok.i or t.i in ctx.by_token or (t.dep_ == "poss" and t.lemma_.lower() in _ORG_HEADS)
        arg = _mention_at(ctx, t) if direct else _demonym_ref(t)
        if arg is not None and arg not in out:
            out.append(arg)
        if isinstance(arg, Mention):
            # "the German government welcomed it": Germany takes part too, if the story names it.
            country = next((h[4:] for h in arg.hints if h.startswith("gov:")), None)
            if country and f"name:{lx.fold(country)}" not in out:
                out.append(f"name:{lx.fold(country)}")
        stack.extend(c for c in t.children if c.dep_ in {"compound", "poss", "nmod", "amod", "flat"})
    return out


# ------------------------------------------------------------------- roles
def _roles(ctx: _Ctx) -> Iterator[Role]:
    doc = ctx.doc
    seen: set[tuple[int, str]] = set()
    # The organisation of each pre-name title found so far, by the last token of its holder.
    titled_org: dict[int, Arg] = {}
    for m in ctx.mentions:
        if _not_person(m):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        if "person:post-nominal" in m.hints and span.end < sent.end:
            # "Jane Doe MSP": the letters after the name are a seat she holds.
            seat = doc[span.end]
            seen.add((m.start, seat.lower_))
            yield Role(m, seat.text, None, False, _evidence(ctx, sent, m.start, seat.idx + len(seat.text)))
            if span.root.head == seat and seat.dep_ == "appos" and seat.head.i < span.start:
                # "The party's finance spokesman, Jane Doe MSP, said": the parse hangs the title
                # on the letters.
                role = _appos_role(ctx, m, seat.head, sent)
                if role is not None and (m.start, role.title.lower()) not in seen:
                    seen.add((m.start, role.title.lower()))
                    yield role
        # Pre-name title: "Anthropic CEO Dario Amodei", "former Defense Secretary Jane Doe".
        k = span.start - 1
        title_toks: list[Token] = []
        org: Arg | None = None
        former = False
        portfolio = _portfolio_before(doc, k, sent)
        if portfolio and k - portfolio - 1 >= sent.start and doc[k - portfolio].lower_ in {"for", "of"}:
            holder = doc[k - portfolio - 1]
            if (
                holder.lower_ == "state"
                and k - portfolio - 3 >= sent.start
                and doc[k - portfolio - 2].lower_ == "of"
            ):
                holder = doc[k - portfolio - 3]  # "Secretary of State for Health"
            if holder.lower_ in lx.TITLE_WORDS:
                # "Commissioner for Competition Jane Doe": the title runs through its portfolio.
                title_toks = list(doc[holder.i : k + 1])
                k = holder.i - 1
        while k >= sent.start:
            t = doc[k]
            portfolio = _portfolio_before(doc, k, sent) if title_toks else 0
            if portfolio and title_toks[-1].lower_ in lx.QUALIFIED_TITLES:
                # "Home Affairs spokesman": the portfolio belongs to the title.
                title_toks[:0] = doc[k - portfolio + 1 : k + 1]
                k -= portfolio
                continue
            if (
                t.lower_ in lx.TITLE_WORDS
                or (title_toks and t.lower_ in {"vice", "deputy", "chief", "assistant", "senior"})
                or (not title_toks and t.tag_ == "NNS" and t.lemma_.lower() in lx.TITLE_WORDS)
            ):
                # (A plural before a list of names is each one's title: "cabinet members A, B and C".)
                title_toks.insert(0, t)
            elif title_toks and t.lower_ in {"top", "new", "longtime", "current", "incoming"}:
                pass  # "Acme's new chief executive Jane Doe": the organisation may stand before
            elif not title_toks and k == span.start - 1 and t.lower_ in lx.HONORIFICS:
                pass  # "the Attorney General Lord Doe": the title stands before the honorific
            elif title_toks and t.text == "-" and k - 1 >= sent.start and doc[k - 1].lower_ == "co":
                k -= 1  # "Acme co-chairman Jane Doe"
            elif title_toks and t.lower_ == "and" and k - 1 in titled_org:
                # "Acme President Jane Doe and Vice President John Roe": the same organisation's.
                org = titled_org[k - 1]
                break
            elif (
                title_toks
                and k in ctx.by_token
                and ctx.by_token[k] is not m
                and "common" not in ctx.by_token[k].hints
                and not _qualifier_name(ctx, ctx.by_token[k], sent)
                and not (
                    ("ner:NORP" in ctx.by_token[k].hints or lx.country_of_demonym(ctx.by_token[k].text))
                    and any(x.lower_ in SEAT_OF_TITLE for x in title_toks)
                )
            ):
                # A senator's seat is the organisation, not the party: "Republican Senator Jane Doe".
                if not ("org:party" in ctx.by_token[k].hints and title_toks[-1].lower_ in SEAT_OF_TITLE):
                    org = ctx.by_token[k]
                break
            elif (
                title_toks
                and t.tag_ in {"NNP", "NNPS", "NN", "JJ"}
                and t.text[:1].isupper()
                and (not t.is_sent_start or lx.country_of_demonym(t.text))
            ):
                # A qualifier ("Defense Secretary"), or a demonym ("Venezuelan President").
                # A seat's demonym is part of the title: "European Commissioner", "US Senator".
                country = lx.country_of_demonym(t.text)
                if country and not any(x.lower_ in SEAT_OF_TITLE for x in title_toks):
                    org = f"name:{lx.fold(country)}"
                    break
                title_toks.insert(0, t)
            elif title_toks and t.is_lower and t.lower_ in {"company", "firm", "group", "bank", "party"}:
                # "company president Jane Doe": of the company the story just named.
                org = _org_antecedent(ctx, t)
                break
            elif (
                title_toks
                and t.tag_ in {"NN", "NNS", "JJ"}
                and t.is_lower
                and t.dep_ in {"compound", "amod"}
                and t.head.i in {x.i for x in title_toks}
                and t.lower_
                not in {
                    "former",
                    "then",
                    "new",
                    "top",
                    "senior",
                    "longtime",
                    "acting",
                    "interim",
                    "current",
                    "incoming",
                }
            ):
                # A lower-case qualifier: "labour affairs correspondent", "board member".
                title_toks.insert(0, t)
            elif title_toks and t.tag_ == "POS" and k - 1 in ctx.by_token:
                org = ctx.by_token[k - 1]
                break
            elif (
                title_toks
                and t.tag_ == "POS"
                and k >= 2
                and doc[k - 1].lemma_.lower() in _ORG_HEADS
                and doc[k - 2].lower_ in {"the", "this"}
            ):
                # "The watchdog's chief accountant Jane Doe": the organisation the story just named.
                org = _org_antecedent(ctx, doc[k - 1])
                break
            else:
                break
            k -= 1
        if not title_toks and org is None and span.start - 1 in ctx.by_token:
            # "chief investment officer at Acme Capital Jane Doe": title, "at"/"of", organisation, name.
            cand = ctx.by_token[span.start - 1]
            cand_span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
            # "leader of the Commons Jane Doe": a "the" may stand before the organisation.
            j = cand_span.start - 1 if cand_span is not None else -1
            if j >= 1 and doc[j].lower_ == "the":
                j -= 1
            if cand_span is not None and j >= 1 and doc[j].lower_ in {"at", "of"}:
                t = doc[j - 1]
                if t.lower_ in lx.TITLE_WORDS:
                    title_toks = [
                        x for x in t.lefts if x.dep_ in {"amod", "compound"} and x.i >= sent.start
                    ] + [t]
                    org = cand
                    k = title_toks[0].i - 1
        comma = title_toks[0].i - 1 if title_toks else -1
        if (
            comma - 1 >= sent.start
            and doc[comma].text == ","
            and " " not in m.text.strip()
            and comma - 1 in ctx.by_token
            and _full_person(ctx.by_token[comma - 1])
        ):
            title_toks = []  # "Jane Doe, vice president Acme": Acme is hers, no one titled
        if title_toks:
            # "former Acme chief executive Jane Doe": look before the organisation's name too.
            j = k
            if isinstance(org, Mention):
                org_span = doc.char_span(org.start, org.end, alignment_mode="expand")
                j = org_span.start - 1 if org_span is not None else k
            if any(
                j - d >= sent.start and doc[j - d].lower_ in {"former", "ex", "ex-", "then"} for d in (0, 1)
            ):
                former = True
            title = " ".join(t.text for t in title_toks)
            if org is None and any(t.ent_type_ == "NORP" for t in title_toks):
                org = _seat_org(title_toks)  # "European Commissioner": the Commission, not Europe
            if org is None:
                org = _qualifier_org(title_toks)
            if org is None:
                org = _from_org(ctx, span) or _seat_org(title_toks)
            if org is None and title_toks[-1].lower_ in CORPORATE_TITLES:
                # "Chief executive Jane Doe said ..." in a story about a company: the company
                # named just before.
                org = _org_antecedent(ctx, title_toks[0]) or _story_org(ctx)
            if (
                org is None
                and title_toks[-1].lower_ in MINISTER_TITLES
                and not any(t.lower_ == "shadow" for t in title_toks)
                and (home := _home(ctx))
            ):
                # "federal industry minister Jane Doe" in a story about Australia: Australia's.
                org = f"name:{lx.fold(home)}"
            if org is not None:
                titled_org[span.end - 1] = org
            key = (m.start, title.lower())
            if key not in seen:
                seen.add(key)
                if title_toks[-1].tag_ == "NNS":
                    title = " ".join([*(t.text for t in title_toks[:-1]), title_toks[-1].lemma_])
                    for listed in _listed_after(ctx, span):
                        seen.add((listed.start, title.lower()))
                        yield Role(
                            listed, title, org, former, _evidence(ctx, sent, title_toks[0].idx, listed.end)
                        )
                yield Role(m, title, org, former, _evidence(ctx, sent, title_toks[0].idx, m.end))
            # "Acme president and CEO Jane Doe": the title joined before holds too.
            j = title_toks[0].i - 1
            if j - 1 >= sent.start and doc[j].lower_ == "and" and doc[j - 1].lower_ in lx.TITLE_WORDS:
                other = doc[j - 1]
                if (m.start, other.lower_) not in seen:
                    seen.add((m.start, other.lower_))
                    if org is None and j - 2 >= sent.start and j - 2 in ctx.by_token:
                        org = ctx.by_token[j - 2]  # "Acme president and CEO": the name before both
                    yield Role(m, other.text, org, former, _evidence(ctx, sent, other.idx, m.end))
        # "Jane Doe, who is chairman of Acme"; "Jane Doe became chief executive of Acme";
        # "Acme named Jane Doe chief executive".
        # "The former chief operating officer, Jane Doe, will ...": a title subject beside the name.
        subject = span.root
        if subject.dep_ == "nsubj":
            for noun in subject.head.children:
                if (
                    noun.dep_ == "nsubj"
                    and noun.i < span.start - 1
                    and doc[span.start - 1].text == ","
                    and noun.i == span.start - 2
                    and noun.lower_ in lx.TITLE_WORDS
                ):
                    role = _appos_role(ctx, m, noun, sent)
                    if role is not None and (m.start, role.title.lower()) not in seen:
                        seen.add((m.start, role.title.lower()))
                        yield role
        appointed = span.root.head
        if (
            span.root.dep_ in {"nmod", "compound"}
            and appointed.lower_ in lx.TITLE_WORDS
            and appointed.dep_ in {"dobj", "oprd"}
            and appointed.head.lemma_.lower() in APPOINT_VERBS
        ):
            # "Acme appointed Jane Doe chief executive", parsed as one phrase with the name inside.
            titles = [appointed]
        else:
            titles = _predicate_titles(span.root)
        for noun in titles:
            role = _appos_role(ctx, m, noun, sent)
            replaced = span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in SUCCEED_VERBS
            if role is not None and not role.former and (_left_post(noun) or replaced):
                role = Role(role.person, role.title, role.organisation, True, role.evidence)
            if role is not None and (m.start, role.title.lower()) not in seen:
                # "Acme hired Jane Doe as finance director": the verb above "as" has the organisation.
                verb = noun.head.head if noun.head.dep_ == "prep" and noun.head.lower_ == "as" else noun.head
                if role.organisation is None and verb.pos_ == "VERB":
                    subj = [
                        c
                        for c in verb.children
                        if c.dep_ == "nsubj" and c.i not in range(span.start, span.end)
                    ]
                    if subj and subj[0].i in ctx.by_token:
                        role = Role(m, role.title, ctx.by_token[subj[0].i], role.former, role.evidence)
                seen.add((m.start, role.title.lower()))
                yield role
        # Apposition: "Jane Doe, a former adviser at Acme", "Jane Doe, chairman of Acme",
        # and the reverse, "Acme chairwoman, Jane Doe".
        head = span.root
        titled = head.head
        if (
            head.dep_ == "appos"
            and titled.dep_ == "pobj"
            and titled.head.head.lemma_.lower() in lx.TITLE_WORDS
        ):
            # "the general counsel of Acme, Jane Doe": the parse often hangs the name on Acme.
            titled = titled.head.head
        if head.dep_ == "appos" and (
            titled.lower_ in lx.TITLE_WORDS or titled.lemma_.lower() in lx.TITLE_WORDS
        ):
            first = _appos_role(ctx, m, titled, sent)
            conj = [c for c in titled.children if c.dep_ == "conj"]
            for role in [first, *(_conj_role(ctx, m, c, sent, first) for c in conj)]:
                if role is not None and first is not None and role.organisation is None:
                    role = Role(m, role.title, first.organisation, role.former, role.evidence)
                if role is not None and (m.start, role.title.lower()) not in seen:
                    seen.add((m.start, role.title.lower()))
                    yield role
        for ap in [c for c in head.children if c.dep_ == "appos"]:
            first = _appos_role(ctx, m, ap, sent)
            owner = ctx.by_token.get(ap.i)
            inner = [c for c in ap.lefts if c.dep_ == "compound" and c.lower_ in lx.TITLE_WORDS]
            if first is None and inner and owner is not None and owner is not m:
                # "Jane Doe, senior vice president Acme", parsed as a name with the title inside.
                first = _appos_role(ctx, m, inner[-1], sent)
                if first is not None and first.organisation is None:
                    first = Role(m, first.title, owner, first.former, first.evidence)
            for role in [
                first,
                *(_conj_role(ctx, m, c, sent, first) for c in ap.children if c.dep_ == "conj"),
            ]:
                if role is not None and (m.start, role.title.lower()) not in seen:
                    seen.add((m.start, role.title.lower()))
                    yield role


# Verbs that say someone holds a post, and the post: "Jane Doe, who heads Acme's sales".
ROLE_VERBS = {
    "head": "head",
    "chair": "chairman",
    "lead": "leader",
    "found": "founder",
    "co-found": "co-founder",
    "direct": "director",
    "edit": "editor",
    "coach": "coach",
    "manage": "manager",
    "own": "owner",
    "form": "founder",  # "formed the Acme Party"
    "establish": "founder",
    "set up": "founder",
    "start": "founder",  # "started Acme in 1976"
    "run": "head",  # "Jane Doe, who runs Acme"
}
# Verbs whose object must be an organisation or a country for the post to be one:
# "led the talks" or "owns a house" give nobody a title.
_ROLE_VERBS_NEED_ORG = frozenset(
    ["lead", "own", "manage", "head", "form", "establish", "set up", "start", "run"]
)


def _fullest_titles(roles: list[Role]) -> list[Role]:
    """Drop a role whose title is part of a fuller one of the same mention in the same sentence
    ("members" beside "board member" for "board members Jane Doe and ...")."""

    def words(title: str) -> frozenset[str]:
        return frozenset(w.rstrip("s") for w in title.lower().split())

    def where(r: Role) -> tuple[object, int]:
        p = r.person
        return ((p.article_id, p.start) if isinstance(p, Mention) else p), r.evidence[0].sent_start

    by_place: dict[tuple[object, int], list[Role]] = defaultdict(list)
    for r in roles:
        by_place[where(r)].append(r)
    return [
        r
        for r in roles
        if not any(
            o is not r and o.former == r.former and words(r.title) < words(o.title)
            for o in by_place[where(r)]
        )
    ]


def _listed_after(ctx: _Ctx, span: Span) -> list[Mention]:
    """The people named in a list right after ``span``: ", B and C" of "members A, B and C"."""
    out: list[Mention] = []
    k = span.end
    doc = ctx.doc
    while k + 1 < span.sent.end and doc[k].text in {",", "and"}:
        k += 1
        if doc[k].text == "and":
            k += 1
        m = ctx.by_token.get(k)
        if m is None or not _is_person(m):
            break
        out.append(m)
        nxt = doc.char_span(m.start, m.end, alignment_mode="expand")
        if nxt is None:
            break
        k = nxt.end
    return out


def _verb_roles(ctx: _Ctx) -> Iterator[Role]:
    """Posts told by a verb: "X heads Acme's sales", "Directed by X", "X is set to direct".

    The holder is the verb's subject (or a pronoun's, "who"'s antecedent) or the agent of
    its passive; the organisation is the organisation in its object, if any. Verbs like
    "lead" and "own" need that organisation ("led the talks" is no post).
    """
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        if any(c.dep_ == "prt" and c.lower_ == "up" for c in tok.children):
            lemma = f"{lemma} up"  # "set up Acme"
        title = ROLE_VERBS.get(lemma)
        if title is None or tok.pos_ != "VERB":
            continue
        holders = [c for c in tok.children if c.dep_ == "nsubj"]
        holders += [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
        if not holders and tok.dep_ == "xcomp":
            # "X is set to direct", "X hopes to lead Acme".
            holders = [c for c in tok.head.children if c.dep_ == "nsubj"]
        org: Arg | None = None
        for c in tok.children:
            # The object, or the subject of a passive: "Acme was formed by Jane Doe".
            if c.dep_ == "dobj" or (c.dep_ == "nsubjpass" and holders):
                org = _prefer_org(
                    [a for a in _span_args(ctx, c) if not (isinstance(a, Mention) and _full_person(a))]
                )
        if isinstance(org, Mention) and (_made(org) or any(h.startswith("product:") for h in org.hints)):
            org = None  # "owns an iPod player": a thing owned, not an organisation
        if org is None and lemma in _ROLE_VERBS_NEED_ORG:
            continue
        if lemma == "run" and not any(
            c.dep_ == "dobj" and ctx.by_token.get(c.i) is org for c in tok.children
        ):
            continue  # "ran the Acme campaign": what is run is the campaign
        if lemma in {"form", "establish", "set up"} and not (
            isinstance(org, Mention) and not _is_person(org)
        ):
            continue  # "formed a view", "set up a fund": no organisation founded
        for h in holders:
            person = _mention_at(ctx, h)
            if not isinstance(person, Mention) or not _is_person(person) or person is org:
                continue
            yield Role(person, title, org, False, _evidence(ctx, tok.sent, tok.idx, tok.idx + len(tok.text)))


# Verbs of leaving an organisation one belonged to: "quit the party", "defected from Acme".
QUIT_VERBS = frozenset(["quit", "leave", "defect", "resign"])


def _departures(ctx: _Ctx) -> Iterator[Role]:
    """ "Jane Doe, who recently quit the Kappa Party": she was a member of it (a former post).

    The organisation is the verb's object or follows "from"; a place left ("left London") is
    no organisation, and only a person leaves this way.
    """
    for tok in ctx.doc:
        if tok.pos_ != "VERB" or tok.lemma_.lower() not in QUIT_VERBS:
            continue
        objs = [c for c in tok.children if c.dep_ == "dobj"]
        objs += [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "from" for p in c.children]
        orgs = [
            a
            for o in objs
            if o.i in ctx.by_token
            for a in [ctx.by_token[o.i]]
            if _is_actor(a) and not _full_person(a) and not any(h.startswith("product:") for h in a.hints)
        ]
        if not orgs:
            continue
        subj = _subjects(tok)
        if not subj and tok.dep_ == "relcl":
            subj = [tok.head]  # "Jane Doe, who quit the party": the name the clause is about
        for s in subj:
            person = _mention_at(ctx, s)
            if isinstance(person, Mention) and _is_person(person):
                yield Role(
                    person,
                    "member",
                    orgs[0],
                    True,
                    _evidence(ctx, tok.sent, tok.idx, tok.idx + len(tok.text)),
                )


# Titles of a country's government: a minister of no named country serves the story's.
MINISTER_TITLES = frozenset(["minister", "premier"])
# Titles that only a company or an institution gives: with no organisation named, the one the
# story has just named is meant. ("President" and "director" are left out: countries, films.)
CORPORATE_TITLES = frozenset(
    ["executive", "ceo", "cfo", "coo", "cto", "chairman", "chairwoman", "chairperson", "counsel", "treasurer"]
)


# "shipowner", "chairwoman", "spokesperson": compounds that name a person.
_PERSON_ENDINGS = ("man", "woman", "person", "owner")


def _unnamed_title_holders(ctx: _Ctx) -> dict[int, Mention]:
    """ "Gordon Roe will say ... The chancellor is due to ...": a title no role of the article
    names, as the subject of a sentence, stands for the one person the sentence before has as
    a subject; the same title further on stands for the same person.

    A title some role of the article names is left to that role (see ``kg.resolve``). Maps the
    title token to the person's mention.
    """
    named = {lx.fold(r.title) for r in ctx.roles}
    named |= {t.split()[-1] for t in named if t}
    bound: dict[str, Mention] = {}
    found: dict[int, Mention] = {}
    for k in range(1, len(ctx.sents)):
        for t in ctx.sents[k]:
            if not (
                t.dep_ in {"nsubj", "nsubjpass"}
                and t.lower_ in lx.TITLE_WORDS
                and t.i not in ctx.by_token
                and any(c.lower_ == "the" for c in t.children if c.dep_ == "det")
            ):
                continue
            title = lx.fold(_title_phrase(t))
            if not title or title in named or title.split()[-1] in named:
                continue
            if title not in bound:
                before = {
                    ctx.by_token[x.i]
                    for x in ctx.sents[k - 1]
                    if x.dep_ in {"nsubj", "nsubjpass"} and x.i in ctx.by_token
                }
                people = [m for m in before if _full_person(m)]
                if len(people) != 1 or len(before) != 1:
                    continue
                gender = _TITLE_GENDER.get(t.lower_)
                if gender is not None and _gender_clash(ctx, people[0], next(iter(gender))):
                    continue  # "Prince Philip ... The Queen will": someone else
                bound[title] = people[0]
            found[t.i] = bound[title]
    return found


def _introductions(ctx: _Ctx) -> dict[int, Mention]:
    """Leads that describe a person or an organisation and name it in the next sentence.

    "One of Japan's best-known businessmen was arrested. Jane Doe was once ...", "A former
    finance chief at Acme was jailed. Jane Doe admitted ...": the subject describes a person
    ("a"/"an" + a title or a noun for a person, or "one of" + such a plural), names nobody,
    and the next sentence's subject is a full personal name the article has not used
    before. "A group of MPs has called for ..." works alike with an organisation named next.
    A headline's bare subject ("Tycoon arrested") hands on to the lead it sums up. Maps the
    describing subject's token to the one named.
    """
    found: dict[int, Mention] = {}
    sents = ctx.sents
    for k in range(len(sents) - 2, -1, -1):
        sent, nxt = sents[k], sents[k + 1]
        subj = next((c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subj is None or any(t.i in ctx.by_token and _is_person(ctx.by_token[t.i]) for t in subj.subtree):
            continue
        head = subj
        if subj.lower_ == "one":
            head = next(
                (p for c in subj.children if c.lower_ == "of" for p in c.children if p.dep_ == "pobj"), subj
            )
        lemma = head.lemma_.lower()
        is_person = lemma in lx.TITLE_WORDS or lemma in lx.PERSON_NOUNS or lemma.endswith(_PERSON_ENDINGS)
        if not is_person and lemma not in _ORG_HEADS:
            continue
        dets = {c.lower_ for c in subj.children if c.dep_ == "det"}
        # "the former finance chief" introduces; "the man" points back at someone already named.
        article_ok = {"a", "an", "the"} if lemma in lx.TITLE_WORDS else {"a", "an"}
        if not (dets & article_ok or (head is not subj and head.tag_ == "NNS")):
            if k == 0 and not dets and head.tag_ == "NN":
                # A headline: "Tycoon arrested for fraud." stands for whoever its lead introduces.
                lead = next((c for c in nxt.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
                if lead is not None and lead.i in found:
                    found[subj.i] = found[lead.i]
            continue
        named = next((c for c in nxt.root.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        who = ctx.by_token.get(named.i) if named is not None else None
        if who is None or named is None or named.i > nxt.root.i:
            continue
        if is_person:
            # A name with its own title ("said correspondent Jane Doe") is someone else.
            if not _full_person(who) or {"person:title-before", "person:appos"} & set(who.hints):
                continue
            word = lx.fold(who.text).split()[-1]
        else:
            # "A group of MPs has called for ... The Parliamentary Group on Gaming held ...".
            if _full_person(who) or not _is_actor(who) or "common" in who.hints or _made(who):
                continue
            word = lx.fold(who.text)
        if any(m.start < who.start and word in lx.fold(m.text).split() for m in ctx.mentions if m is not who):
            continue
        if not is_person and any(m.start < who.start and lx.fold(m.text) == word for m in ctx.mentions):
            continue
        found[subj.i] = who
    return found


def _introduced_titles(ctx: _Ctx) -> Iterator[Role]:
    """The title of a lead's describing subject, held by the person the next sentence names.

    "A former finance chief at Acme was jailed. Jane Doe admitted ..." gives Jane Doe the title.
    """
    for i, person in ctx.introduced.items():
        subj = ctx.doc[i]
        if subj.lemma_.lower() not in lx.TITLE_WORDS:
            continue
        if not any(c.dep_ == "det" and c.lower_ in {"a", "an", "the"} for c in subj.children):
            continue
        role = _appos_role(ctx, person, subj, subj.sent)
        if role is not None:
            yield role


def _org_like(m: Mention) -> bool:
    """A mention with any cue of an organisation or a place, which a title can belong to.

    Standing before a title ("Majority leader") is no such cue: it is what is asked.
    """
    hints = set(m.hints) - {"org:title-after"}
    return any(h.startswith(("org:", "outlet:", "place:")) for h in hints) or bool(
        {"ner:ORG", "ner:GPE", "ner:LOC", "ner:NORP", "ner:FAC"} & set(m.hints)
    )


def _qualifier_name(ctx: _Ctx, m: Mention, sent: Span) -> bool:
    """A name inside a title between an organisation and the title word: "Senate Majority leader"."""
    if _org_like(m):
        return False
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    j = span.start - 1 if span is not None else -1
    return j >= sent.start and j in ctx.by_token and ctx.by_token[j] is not m and _org_like(ctx.by_token[j])


def _portfolio_before(doc: Doc, k: int, sent: Span) -> int:
    """How many capitalised words ending at ``k`` name a minister's portfolio ("Home Affairs"), or 0."""
    for size in (5, 4, 3, 2, 1):
        lo = k - size + 1
        if lo < sent.start or not doc[lo].text[:1].isupper():
            continue
        if " ".join(t.lower_ for t in doc[lo : k + 1]) in lx.PORTFOLIOS:
            return size
    return 0


def _memberships(ctx: _Ctx, roles: Sequence[Role]) -> list[Role]:
    """ "said Jane Doe of Acme", "Acme's Jane Doe": a person named with an organisation and no title is its member.

    Only an organisation, not a place ("Jane Doe of Leeds" says where she lives), and only
    for a person the sentence gives no other post.
    """
    titled = {(r.person.start, r.evidence[0].sent_start) for r in roles if isinstance(r.person, Mention)}
    out: list[Role] = []
    doc = ctx.doc
    for m in ctx.mentions:
        if not _full_person(m) or (m.start, m.sent_start) in titled:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            continue
        if span.start >= 2 and doc[span.start - 1].tag_ == "POS":
            org = ctx.by_token.get(span.start - 2)  # "Acme's Jane Doe said"
        elif span.end + 1 < len(doc) and (
            doc[span.end].lower_ == "of"
            or (doc[span.end].text == "," and doc[span.end + 1].lower_ in {"of", "with", "at", "from"})
        ):
            # "Jane Doe of Acme", "Jane Doe, with Acme, estimated ...".
            k = span.end + 1 if doc[span.end].lower_ == "of" else span.end + 2
            if k < len(doc) and doc[k].lower_ == "the" and k + 1 < len(doc):
                k += 1
            org = ctx.by_token.get(k)
        else:
            continue
        if org is None or org is m or _full_person(org) or not _org_like(org):
            continue
        if {"place:gazetteer", "ner:GPE", "ner:LOC"} & set(org.hints) or "ner:ORG" not in org.hints:
            continue
        sent = span.sent
        start, end = min(m.start, org.start), max(m.end, org.end)  # the organisation may come first
        out.append(Role(m, "member", org, False, _evidence(ctx, sent, start, end)))
    return out


def _from_org(ctx: _Ctx, span: Span) -> Arg | None:
    """ "Senator Jane Doe from Virginia", "Ambassador Jane Doe of Ruritania": where a titled person is from."""
    if (
        span.end + 1 < len(ctx.doc)
        and ctx.doc[span.end].lower_ in {"from", "of"}
        and span.end + 1 in ctx.by_token
    ):
        cand = ctx.by_token[span.end + 1]
        if _org_like(cand) and not _full_person(cand):
            return cand
    return None


APPOINT_VERBS = frozenset(["name", "appoint", "elect", "promote", "hire", "make", "install"])
# Verbs that give a post only with "as": "announced X as its new president".
NAMING_VERBS = frozenset(["announce", "nominate", "choose", "select", "confirm", "pick", "tap"])


# Verbs that take up, hold or leave a post "as" a title; the last group leaves it.
AS_VERBS = frozenset(
    [
        "be",
        "become",
        "remain",
        "serve",
        "stay",
        "continue",
        "act",
        "succeed",
        "replace",
        "take",
        "join",
        "return",
        "start",
        "begin",
        "work",
        "step",
        "resign",
        "quit",
        "retire",
        "leave",
        "depart",
        "stand",
    ]
)
SUCCEED_VERBS = frozenset(["succeed", "replace"])
LEAVE_VERBS = frozenset(["step", "resign", "quit", "retire", "leave", "depart", "stand"])
POST_NOUNS = frozenset(["post", "position", "job", "role", "seat", "office"])


def _pronoun_roles(ctx: _Ctx) -> Iterator[Role]:
    """Posts told of "he" or "she": "She is the chief executive of Acme", "He was named chairman"."""
    for tok in ctx.doc:
        if tok.lower_ not in {"he", "she"} or tok.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        titles = _predicate_titles(tok)
        if not titles:
            continue
        person = _person_antecedent(ctx, tok)
        if not isinstance(person, Mention):
            continue
        for noun in titles:
            role = _appos_role(ctx, person, noun, tok.sent)
            if role is not None:
                yield role


def _left_post(noun: Token) -> bool:
    """Whether the title is one its holder leaves: "resigned as CEO", "stepped down from his post as CEO"."""
    t = noun
    for _ in range(5):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.pos_ in {"VERB", "AUX"}:
            return t.lemma_.lower() in LEAVE_VERBS
    return False


def _predicate_titles(root: Token) -> list[Token]:
    """Title nouns predicated of a person: "who is chairman", "became CEO", "named X CEO"."""
    out: list[Token] = []

    def titles(tok: Token) -> list[Token]:
        return [
            t
            for t in (tok, *tok.conjuncts)
            if t.lemma_.lower() in lx.TITLE_WORDS or t.lower_ in lx.TITLE_WORDS
        ]

    for rel in (c for c in root.children if c.dep_ == "relcl"):
        if rel.lemma_ in {"be", "become", "remain", "serve"} or rel.lemma_ in APPOINT_VERBS:
            for c in rel.children:
                # (oprd: "who was appointed chief executive of Acme")
                if c.dep_ in {"attr", "acomp"} or (c.dep_ == "oprd" and rel.lemma_ in APPOINT_VERBS):
                    out += titles(c)
                if c.dep_ == "prep" and c.lower_ == "as":
                    out += [t for p in c.children for t in titles(p)]
    head = root.head
    if root.dep_ == "nsubj" and head.lemma_ in {"be", "become", "remain", "serve"}:
        for c in head.children:
            if c.dep_ in {"attr", "acomp"}:
                out += titles(c)
    if root.dep_ == "nsubj":
        # "X will succeed Y as CEO", "X chose to step down from his post as CEO", "X serves as chair".
        verbs = [head, *(c for c in head.children if c.dep_ == "xcomp")]
        verbs += [g for v in verbs[1:] for g in v.children if g.dep_ == "xcomp"]
        for verb in (v for v in verbs if v.lemma_.lower() in AS_VERBS):
            # "X succeeded Y as CEO": the parse often hangs "as" on Y.
            objects = [c for c in verb.children if c.dep_ == "dobj" and verb.lemma_.lower() in SUCCEED_VERBS]
            for c in [*verb.children, *(g for o in objects for g in o.children)]:
                if c.dep_ != "prep":
                    continue
                if c.lower_ == "as":
                    out += [t for p in c.children for t in titles(p)]
                for post in (p for p in c.children if p.lemma_.lower() in POST_NOUNS):
                    out += [
                        t for a in post.children if a.lower_ == "as" for p in a.children for t in titles(p)
                    ]
    if root.dep_ in {"dobj", "nsubjpass", "oprd"} and (
        head.lemma_ in APPOINT_VERBS or head.lemma_ in NAMING_VERBS
    ):
        for c in head.children:
            if c.dep_ in {"oprd", "attr", "xcomp", "ccomp"}:
                out += titles(c)
            if c.dep_ == "prep" and c.lower_ == "as":
                out += [t for p in c.children for t in titles(p)]
    return out


# Titles that name the body their holder sits in: a senator sits in the Senate of the story.
SEAT_OF_TITLE = {
    "senator": "senate",
    "sen": "senate",
    "sen.": "senate",
    "congressman": "congress",
    "congresswoman": "congress",
    "mep": "european parliament",
    "commissioner": "commission",
}


def _qualifier_org(title_toks: Sequence[Token]) -> Arg | None:
    """ "Defense Secretary" -> the organisation whose name has "Defense" (resolved story-wide)."""
    quals = [t for t in title_toks[:-1] if t.text[:1].isupper() and t.lower_ not in lx.TITLE_WORDS]
    if quals and title_toks[-1].lower_ in lx.QUALIFIED_TITLES:
        return f"name~{lx.fold(' '.join(t.text for t in quals))}"
    return None


def _seat_org(title_toks: Sequence[Token]) -> Arg | None:
    """ "Senator" -> the one organisation of the story whose name has "senate", if there is one."""
    seat = next((SEAT_OF_TITLE[t.lower_] for t in title_toks if t.lower_ in SEAT_OF_TITLE), None)
    return f"name~{seat}" if seat else None


def _conj_role(ctx: _Ctx, person: Mention, noun: Token, sent: Span, first: Role | None) -> Role | None:
    """The second of two joined titles ("president and CEO of Acme"), sharing the first's organisation."""
    role = _appos_role(ctx, person, noun, sent)
    if role is None and first is not None and noun.lower_ in lx.TITLE_WORDS:
        role = Role(
            person,
            noun.text,
            first.organisation,
            first.former,
            _evidence(ctx, sent, noun.idx, noun.idx + len(noun.text)),
        )
    return role


def _appos_role(ctx: _Ctx, person: Mention, noun: Token, sent: Span) -> Role | None:
    if noun.lemma_.lower() not in lx.TITLE_WORDS and noun.lower_ not in lx.TITLE_WORDS:
        return None
    # "Jane Doe, formerly an Acme executive" held the title before; "formerly" may hang on the name.
    former = any(t.lower_ in {"former", "ex", "then", "formerly"} for t in noun.lefts) or (
        noun.dep_ == "appos" and any(c.lower_ == "formerly" for c in noun.head.children)
    )
    org: Arg | None = None
    title_words = []
    for t in noun.lefts:
        if t.dep_ == "poss" and t.i not in ctx.by_token:
            org = _mention_at(ctx, t) or org
        elif t.i in ctx.by_token and ctx.by_token[t.i] is not person:
            org = ctx.by_token[t.i]
        elif any(c.i in ctx.by_token for c in t.subtree) and t.dep_ == "compound":
            org = next(ctx.by_token[c.i] for c in t.subtree if c.i in ctx.by_token)
        elif (
            (t.dep_ in {"compound", "amod"} or (t.dep_ == "nmod" and t.lower_ in lx.TITLE_WORDS))
            and not t.is_punct
            and t.lower_
            not in {
                "former",
                "then",
                "ex",
                "new",
                "longtime",
                "top",
                "senior",
            }
        ):
            title_words.append(t.text)
    # "vice president and general counsel of Acme": the organisation may hang on the last title.
    titled = [noun, *(c for c in noun.children if c.dep_ == "conj" and c.lemma_.lower() in lx.TITLE_WORDS)]
    for prep in (
        c
        for n in titled
        for c in n.children
        if c.dep_ == "prep" and c.lower_ in {"of", "at", "in", "for", "with"}
    ):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            direct = _mention_at(ctx, pobj)
            if (
                direct is None
                and pobj.lemma_.lower() in _ORG_HEADS
                and pobj.i not in ctx.by_token
                and any(c.lower_ in {"the", "this"} for c in pobj.children)
            ):
                direct = _org_antecedent(ctx, pobj)  # "chair of the firm": the one just named
            # A name deep in the phrase ("vice president for Acme engineering") is weaker than
            # an owner before the title ("Apple's vice president for ...").
            inner = next((ctx.by_token[c.i] for c in pobj.subtree if c.i in ctx.by_token), None)
            if direct is not None:
                org = direct
            elif inner is not None and org is None:
                org = inner
    if org is None:
        # "Jane Doe, senior vice president Acme": the organisation set right after the title.
        after = [c for c in noun.rights if c.dep_ in {"appos", "npadvmod"} and c.i in ctx.by_token]
        cand = ctx.by_token[after[0].i] if after else None
        # (One word there is a name the title is of, whatever the NER guessed; two a person's.)
        if cand is not None and cand is not person and not ("ner:PERSON" in cand.hints and " " in cand.text):
            org = cand
    # The parser often breaks "Acme's ex-head" into loose pieces: read the words before the title.
    k = noun.i - 1
    while k > sent.start and k > noun.i - 6 and noun.doc[k].text not in {",", "(", ";"}:
        low = noun.doc[k].lower_
        if low in {"ex", "former", "formerly"}:
            former = True
        elif low == "'s" and org is None and k - 1 in ctx.by_token and ctx.by_token[k - 1] is not person:
            org = ctx.by_token[k - 1]
        k -= 1
    corporate = noun.lower_ in CORPORATE_TITLES or (
        noun.lower_ == "officer" and any(w.lower() == "chief" for w in title_words)
    )
    if org is None and corporate and noun.dep_ != "appos":
        # "X will succeed Y as CEO": of the company the story just named.
        org = _org_antecedent(ctx, noun)
    if org is None and not title_words:
        return None
    title = " ".join([*title_words, noun.text])
    return Role(person, title, org, former, _evidence(ctx, sent, noun.idx, noun.idx + len(noun.text)))


# -------------------------------------------------------------------- ages
def _ages(ctx: _Ctx) -> Iterator[Age]:
    text = ctx.article.text
    for m in ctx.mentions:
        if _not_person(m):
            continue
        match = AGE_RX.match(text[m.end : m.end + 8])
        if match and 10 <= int(match.group(1)) <= 110:
            yield Age(m, int(match.group(1)), ctx.article.date, (m.evidence,))
            continue
        after = AGE_AFTER_RX.match(text[m.end : m.end + 24])
        if after and 1 <= int(after.group(1)) <= 110:
            yield Age(m, int(after.group(1)), ctx.article.date, (m.evidence,))
            continue
        before = text[max(0, m.start - 16) : m.start]
        y = YEAR_OLD_RX.search(before)
        if y and 1 <= int(y.group(1)) <= 110:
            yield Age(m, int(y.group(1)), ctx.article.date, (m.evidence,))


# ------------------------------------------------- products, partnerships
# Verbs whose subject makes, launches, sells or withdraws the product that is their object.
# What is made of a product: "plans for the P", "production of the P".
WORK_NOUNS = frozenset(["plan", "design", "version", "production", "development", "prototype", "delivery"])
MAKER_VERBS = (
    LAUNCH_VERBS
    | MAKE_VERBS
    | frozenset(
        [
            "discontinue",
            "revive",
            "recall",
            "rename",
            "unveil",
            "roll",
            "deliver",
        ]  # "rolled out", "delivered"
    )
)
# Said of a product, these present what the subject makes ("Acme announced the P"), unless the
# product's name names another maker ("Acme announced the Beta P9").
PRESENT_VERBS = frozenset(["announce", "demonstrate", "reveal", "showcase", "preview"])


def _products(ctx: _Ctx) -> Iterator[Maker]:
    doc = ctx.doc
    # A name the article shows to be a product once is one wherever it stands ("X announces P"
    # in a headline, "P, the new version of" later).
    # (Owning says too little: "the sale of its unit Acme".)
    cued = {
        lx.fold(m.text)
        for m in ctx.mentions
        if _brand_or_product(m) and {h for h in m.hints if h.startswith("product:")} != {"product:owned"}
    }
    for p in ctx.mentions:
        if not (_brand_or_product(p) or lx.fold(p.text) in cued) or "place:gazetteer" in p.hints:
            continue  # "its United Kingdom store": a known place is no product
        span = doc.char_span(p.start, p.end, alignment_mode="expand")
        if span is None:
            continue
        sent = span.sent
        maker: Arg | None = None
        others: list[Mention] = []
        # "X's model P", "its model P": a possessive in the product's own phrase.
        phrase = span.root
        # Up through modifiers and appositions: "X's AI technology, specifically the model P".
        while phrase.dep_ in {"compound", "nmod", "amod", "appos"} and phrase.head.i != phrase.i:
            phrase = phrase.head
        # (Or the three words before it, where the parse lost the phrase: "its chatbot P".)
        for t in doc[max(sent.start, min(phrase.left_edge.i, span.start - 3)) : span.start]:
            if t.tag_ == "POS" and t.i - 1 in ctx.by_token:
                cand = ctx.by_token[t.i - 1]
                if not _full_person(cand) and not _brand_or_product(cand):
                    maker = cand
            elif (
                t.tag_ == "POS"
                and t.i >= 2
                and doc[t.i - 1].lemma_.lower() in _ORG_HEADS
                and doc[t.i - 2].lower_ in {"the", "this"}
            ):
                # "the firm's P player": the company the story just named.
                maker = _org_antecedent(ctx, doc[t.i - 1]) or maker
            elif t.lower_ == "its":
                cand2 = _antecedent(ctx, t, person=False)
                if cand2 is not None and not (isinstance(cand2, Mention) and _brand_or_product(cand2)):
                    maker = cand2
        # "X launched P", "X launched the P tablet".
        root = span.root
        # "built the P sedan, the Q and R": through modifiers, lists and appositions to the object.
        while root.dep_ in {"compound", "nmod", "amod", "conj", "appos"} and root.head.i != root.i:
            root = root.head
        if (
            root.dep_ == "pobj"
            and root.head.lower_ in {"for", "of"}
            and root.head.head.lemma_.lower() in WORK_NOUNS
        ):
            root = root.head.head  # "unveiled plans for the P", "began production of the P"
        named = next((h[len(MODEL_OF) :] for h in p.hints if h.startswith(MODEL_OF)), None)
        verbs = MAKER_VERBS if named else MAKER_VERBS | PRESENT_VERBS
        if root.dep_ == "dobj" and root.head.lemma_.lower() in verbs:
            launch = root.head
            # "X was founded in 1976 and launched P": the second verb shares the first one's subject;
            # "X would continue building P": so does a verb's complement.
            while launch.dep_ in {"conj", "xcomp"} and not any(c.dep_ == "nsubj" for c in launch.children):
                launch = launch.head
            for c in launch.children:
                if c.dep_ in {"nsubj", "nsubjpass"} and (c.dep_ == "nsubj" or launch is not root.head):
                    # ("We are rolling out the P" in a quotation: whose "we" is, is not known here.)
                    cand3 = _mention_at(ctx, c) if c.lower_ not in {"we", "us"} else None
                    if isinstance(cand3, Mention) and not _full_person(cand3):
                        if launch.lemma_.lower() in PRESENT_VERBS and lx.fold(cand3.text) in ctx.surnames:
                            continue  # "Doe also announced the P": a speaker, no maker
                        maker = cand3
        # "X is the maker of the P", "X, the producer of P": the maker noun's subject or name.
        up = span.root
        while up.dep_ in {"compound", "nmod", "amod", "conj", "appos"} and up.head.i != up.i:
            up = up.head
        if maker is None and up.dep_ == "pobj" and up.head.lower_ == "of":
            noun = up.head.head
            if noun.lemma_.lower() in MAKER_NOUNS:
                if noun.dep_ == "attr":
                    subj = [c for c in noun.head.children if c.dep_ == "nsubj"]
                    cand4 = _mention_at(ctx, subj[0]) if subj else None
                else:
                    cand4 = _mention_at(ctx, noun.head) if noun.dep_ == "appos" else None
                if isinstance(cand4, Mention) and not _full_person(cand4):
                    maker = cand4
        # "P, made/developed by X", also when P modifies the phrase's head ("a P music player, made by X").
        head = span.root
        while head.dep_ in {"compound", "nmod", "amod"} and head.head.i != head.i:
            head = head.head
        for t in head.subtree:
            if t.dep_ == "agent":
                for c in t.children:
                    if c.i in ctx.by_token:
                        maker = ctx.by_token[c.i]
                        # "made by A, B and C": each of them.
                        others.extend(ctx.by_token[x.i] for x in c.conjuncts if x.i in ctx.by_token)
        if maker is None and "product:line" in p.hints:
            maker = _line_owner(ctx, up)  # "Acme will cut the P from production"
        if maker is None and (brands := brand_list_noun(up)) is not None:
            maker = _brand_owner(ctx, brands)  # "its brands include P", "Acme sells beers such as P"
        # "the Airbus A330": the maker's name before the model; the organisation of the story
        # whose name has those words ("Airbus", "Airbus Industrie").
        if maker is None and named and not lx.is_brand(named) and _brand_or_product(p):
            # (A brand written "xName" before a name is a product line, not its maker.)
            maker = f"name~{lx.fold(named)}"
        if maker is not None and maker is not p:
            yield Maker(p, maker, _evidence(ctx, sent, p.start, p.end))
            for other in others:
                yield Maker(p, other, _evidence(ctx, sent, p.start, p.end))


def _line_owner(ctx: _Ctx, item: Token) -> Arg | None:
    """Who puts a product into, or takes it out of, production: the subject of the verb."""
    while item.dep_ == "conj" and item.head.i != item.i:
        item = item.head
    for c in item.head.children:
        if c.dep_ == "nsubj":
            owner = _mention_at(ctx, c)
            return owner if isinstance(owner, Mention) and not _full_person(owner) else None
    return None


def _brand_owner(ctx: _Ctx, brands: Token) -> Arg | None:
    """Whose brands a brand noun names: its possessor ("Acme's brands", "its brands"), else the
    subject of the verb it is the object of ("Acme sells beers such as ...")."""
    for c in brands.children:
        if c.dep_ == "poss":
            owner = _antecedent(ctx, c, person=False) if c.lower_ in {"its", "their"} else _mention_at(ctx, c)
            return owner if isinstance(owner, Mention) and not _full_person(owner) else None
    if brands.dep_ == "dobj":
        for c in brands.head.children:
            if c.dep_ == "nsubj":
                owner = _mention_at(ctx, c) or (
                    _org_antecedent(ctx, c) if c.lemma_.lower() in _ORG_HEADS else None
                )
                return owner if isinstance(owner, Mention) and not _full_person(owner) else None
    return None


def _product_families(ctx: _Ctx, made: list[Maker]) -> list[Maker]:
    """Models of one family share its maker: "the Zephyr mini" is made by whoever makes "the Zephyr nano".

    A product with no maker of its own in the article takes the maker of a product whose name
    starts with the same word (or is that word), when only one maker makes that family.
    """
    # Family word -> its makers, one per name ("Acme" named twice is one maker).
    family: dict[str, dict[str, Arg]] = defaultdict(dict)
    for f in made:
        if isinstance(f.product, Mention):
            name = lx.fold(f.maker.text) if isinstance(f.maker, Mention) else f.maker
            family[_family_word(f.product.text)][name] = f.maker
    have = {lx.fold(f.product.text) for f in made if isinstance(f.product, Mention)}
    out = list(made)
    for p in ctx.mentions:
        key = lx.fold(p.text)
        if key in have or not key or not _brand_or_product(p):
            continue
        makers = family.get(_family_word(p.text), {})
        if len(makers) == 1:
            have.add(key)
            out.append(Maker(p, next(iter(makers.values())), (p.evidence,)))
    # A brand-styled name ("xTunes") with no maker of its own, in an article where one
    # organisation makes most of the products named: that organisation's.
    counts: Counter[str] = Counter()
    by_name: dict[str, Arg] = {}
    for f in out:
        name = lx.fold(f.maker.text) if isinstance(f.maker, Mention) else f.maker
        counts[name] += 1
        by_name[name] = f.maker
    ranked = counts.most_common(2)
    if ranked and ranked[0][1] >= 2 and (len(ranked) == 1 or ranked[0][1] > 2 * ranked[1][1]):
        main = by_name[ranked[0][0]]
        for p in ctx.mentions:
            key = lx.fold(p.text)
            if key and key not in have and lx.is_brand(p.text) and p is not main:
                have.add(key)
                out.append(Maker(p, main, (p.evidence,)))
    return out


def _family_word(name: str) -> str:
    """The word naming a product's family: its first, less a version after a hyphen or a plural
    ("777-200LR" and "777s" are of the 777)."""
    word = lx.fold(name).split()[0]
    head = word.split("-")[0]
    if head[:1].isdigit() and len(head) >= 3:
        return head.rstrip("s")
    return word


def _brand_or_product(m: Mention) -> bool:
    """A mention with a product cue, or a name written like a brand ("xPad")."""
    return any(h.startswith("product:") or h == "ner:PRODUCT" for h in m.hints) or lx.is_brand(m.text)


def _partners(ctx: _Ctx) -> Iterator[Fact]:
    doc = ctx.doc
    for tok in doc:
        if tok.lemma_.lower() not in PARTNER_WORDS:
            continue
        sent = tok.sent
        a: Arg | None = None
        b: Arg | None = None
        # "its partner X" / "X's partner Y".
        for c in tok.children:
            if c.dep_ == "poss":
                a = _mention_at(ctx, c)
        if tok.head.i in ctx.by_token and tok.dep_ in {"compound"}:
            b = ctx.by_token[tok.head.i]
        for c in tok.children:
            if c.dep_ in {"appos"} and c.i in ctx.by_token:
                b = ctx.by_token[c.i]
        nxt = tok.i + 1
        if b is None and nxt < len(doc) and nxt in ctx.by_token:
            b = ctx.by_token[nxt]
        # "X partnered with Y", "a partnership between X and Y".
        if tok.pos_ == "VERB":
            subj = [c for c in tok.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj:
                a = _mention_at(ctx, subj[0])
        for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in {"with", "between"}):
            objs = [o for p in prep.children if p.dep_ == "pobj" for o in [p, *p.conjuncts]]
            args = [x for x in (_mention_at(ctx, o) for o in objs) if x is not None]
            if prep.lower_ == "between" and len(args) >= 2:
                a, b = args[0], args[1]
            elif args:
                b = args[0]
        if a is not None and b is not None and a is not b:
            yield Partnership(a, b, _evidence(ctx, sent, tok.idx, tok.idx + len(tok.text)))
    yield from _agreements_with(ctx)


# Verbs of making or working that two organisations do together ("X and Y are developing ...",
# "X teamed up with Y").
JOINT_VERBS = frozenset(
    [
        "develop",
        "build",
        "design",
        "research",
        "produce",
        "create",
        "co-develop",
        # Running something together: "Acme, Beta and Gamma are running the programme".
        "run",
        "organise",
        "organize",
        "operate",
        "manage",
        "sponsor",
        "fund",
        "host",
        "co-host",
        "stage",
    ]
)
WITH_VERBS = frozenset(
    ["collaborate", "cooperate", "co-operate", "team", "partner", "work", "join", "ally", "link", "tie"]
)


# Words of a grouping of organisations: "the Acme Alliance, which includes ...", "a consortium of".
GROUPING_WORDS = frozenset(
    ["alliance", "consortium", "coalition", "partnership", "venture", "federation", "association", "network"]
)


def _groupings(ctx: _Ctx) -> Iterator[Partnership]:
    """Members of a consortium or an alliance are its partners and each other's: "the Acme
    Alliance, which includes Beta, Gamma and Delta", "AirCo, a consortium of Beta and Gamma"."""
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in {"include", "comprise"}:
            subj = _subjects(tok)
            group = tok.head if tok.dep_ == "relcl" else (subj[0] if subj else None)
            members = [c for c in tok.children if c.dep_ == "dobj"]
        elif tok.pos_ == "NOUN" and lemma in GROUPING_WORDS:
            group = tok.head if tok.dep_ == "appos" else tok
            members = [
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ in {"of", "between", "including"}
                for p in c.children
                if p.dep_ == "pobj"
            ]
            # "an Acme-led consortium": who leads it is a member too.
            members += [
                g
                for c in tok.children
                if c.lower_ in {"led", "backed"}
                for g in c.children
                if g.i in ctx.by_token
            ]
        else:
            continue
        if group is None or not members:
            continue
        name = ctx.by_token.get(group.i)
        if not (
            tok.pos_ == "NOUN"
            or group.lemma_.lower() in GROUPING_WORDS
            or (name is not None and set(lx.fold(name.text).split()) & GROUPING_WORDS)
        ):
            continue  # "the package includes Acme's jets": no grouping
        orgs = [
            ctx.by_token[x.i]
            for m in members
            for x in (m, *m.conjuncts)
            if x.i in ctx.by_token and _is_actor(ctx.by_token[x.i]) and not _is_person(ctx.by_token[x.i])
        ]
        orgs = list(dict.fromkeys(o for o in orgs if o is not name))[:8]
        if not orgs or (name is None and len(orgs) < 2):
            continue
        evidence = _evidence(ctx, tok.sent, tok.idx, tok.idx + len(tok.text))
        if name is not None and _is_actor(name) and not _is_person(name):
            for o in orgs:
                yield Partnership(name, o, evidence)
        yield from _pairwise(orgs, evidence)


def _called(ctx: _Ctx, m: Mention, word: str) -> bool:
    """Whether the text sets ``word`` beside the mention's name: "AirCo, a ... consortium"."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    return span is not None and any(
        c.dep_ == "appos" and c.lemma_.lower() == word for c in span.root.children
    )


def _named_members(ctx: _Ctx) -> Iterator[Partnership]:
    """ "Acme, part of the consortium, will supply engines": a member of the grouping just named."""
    for tok in ctx.doc:
        if not (tok.pos_ == "NOUN" and tok.lower_ in {"part", "member"} and tok.dep_ in {"appos", "attr"}):
            continue
        member = tok.head if tok.dep_ == "appos" else next(iter(_subjects(tok.head)), None)
        group = next(
            (
                p
                for c in tok.children
                if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children
                if p.dep_ == "pobj" and p.lemma_.lower() in GROUPING_WORDS and p.i not in ctx.by_token
            ),
            None,
        )
        if member is None or group is None or member.i not in ctx.by_token:
            continue
        org = ctx.by_token[member.i]
        # The grouping the story named last as such: "AirCo, a consortium of ...", "the AirCo consortium".
        word, floor = group.lemma_.lower(), _floor_of(ctx, tok)
        named = [
            m
            for m in ctx.mentions
            if floor <= m.start < org.start
            and m is not org
            and _is_actor(m)
            and not _is_person(m)
            and word in m.sentence.lower()
        ]
        named = [m for m in named if _called(ctx, m, word)] or [
            m for m in named if word in lx.fold(m.text).split() or "ner:ORG" in m.hints
        ]
        name = named[-1] if named else None
        if name is None or not _is_actor(org) or _is_person(org):
            continue
        yield Partnership(name, org, _evidence(ctx, tok.sent, tok.idx, tok.idx + len(tok.text)))


def _pairwise(orgs: Sequence[Arg], evidence: tuple[Evidence, ...]) -> Iterator[Partnership]:
    """Each two of ``orgs`` are partners."""
    for i, a in enumerate(orgs):
        for b in orgs[i + 1 :]:
            yield Partnership(a, b, evidence)


def _joint_work(ctx: _Ctx) -> Iterator[Fact]:
    """Organisations that make something together or work with each other: partners, and a CAMEO 06 event.

    >>> # "Acme and Globex are developing a voice control" -> Partnership(Acme, Globex), Event 06.
    """
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or (lemma not in JOINT_VERBS and lemma not in WITH_VERBS):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None:
            continue
        sides = [_mention_at(ctx, x) for x in (subj, *subj.conjuncts)]
        if lemma in WITH_VERBS and not (lemma == "join" and any(c.lower_ == "forces" for c in tok.children)):
            sides += [
                _mention_at(ctx, o)
                for prep in tok.children
                if prep.dep_ == "prep" and prep.lower_ == "with"
                for p in prep.children
                if p.dep_ == "pobj"
                for o in (p, *p.conjuncts)
            ]
        elif lemma == "join":
            sides += [
                _mention_at(ctx, o)
                for prep in tok.children
                if prep.dep_ == "prep" and prep.lower_ == "with"
                for p in prep.children
                for o in (p, *p.conjuncts)
            ]
        orgs: list[Mention] = []
        for x in sides:
            if isinstance(x, Mention) and not _is_person(x) and _is_actor(x) and x not in orgs:
                orgs.append(x)
        if len(orgs) < 2 or len({lx.fold(o.text) for o in orgs}) < 2:
            continue
        sent = tok.sent
        evidence = _evidence(ctx, sent, tok.idx, tok.idx + len(tok.text))
        yield from _pairwise(orgs, evidence)
        date = _date_for(ctx, tok, sent) or _recent(ctx, tok)
        yield Event("06", lemma, tuple(orgs), None, date, evidence)


# An agreement with another organisation that names no price is a partnership: "entered into an
# agreement with X for marketing", "reached a deal with Y for co-operation".
AGREEMENT_NOUNS = frozenset(["agreement", "deal", "pact", "accord", "alliance", "venture", "tie-up"])


def _agreements_with(ctx: _Ctx) -> Iterator[Fact]:
    """ "signed an agreement with X", "inked deals with X, Y and Z": partners, and for a deal or a
    contract signed, a contract with no amount."""
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        if (lemma not in AGREEMENT_NOUNS and lemma != "contract") or tok.pos_ != "NOUN":
            continue
        sent = tok.sent
        if _priced(sent):
            continue
        others = [
            a
            for prep in tok.children
            if prep.dep_ == "prep" and prep.lower_ == "with"
            for p in prep.children
            if p.dep_ == "pobj"
            for q in (p, *p.conjuncts)
            for a in [_prefer_org(_span_args(ctx, q))]
            if a is not None and _is_actor(a) and not (isinstance(a, Mention) and _full_person(a))
        ]
        if not others:
            continue
        verb = (
            tok.head if tok.dep_ in {"dobj", "nsubjpass"} else tok.head.head if tok.dep_ == "pobj" else None
        )
        own: Arg | None = None
        while verb is not None:
            subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i]
            if subj:
                own = _prefer_org(_span_args(ctx, subj[0]))
                break
            verb = verb.head if verb.dep_ in {"conj", "xcomp"} else None
        if own is None:
            # "a deal with Fiat went through": the other side is the company the article is about.
            own = _salient_org(ctx)
        if own is None or (isinstance(own, Mention) and _full_person(own)):
            continue
        signed = (
            verb is not None
            and verb.lemma_.lower() in SIGN_VERBS
            and lemma in {"deal", "contract", "agreement"}
        )
        evidence = _evidence(ctx, sent, tok.idx, tok.idx + len(tok.text))
        for other in others:
            if own is not other and not (
                isinstance(own, Mention)
                and isinstance(other, Mention)
                and lx.fold(own.text) == lx.fold(other.text)
            ):
                if lemma != "contract":
                    yield Partnership(own, other, evidence)
                if signed:
                    yield Contract(
                        (own, other), None, None, _date_for(ctx, tok, sent) or _recent(ctx, tok), evidence
                    )


# Verbs that conclude a deal: "signed a contract with X", "inked deals with X".
SIGN_VERBS = frozenset(["sign", "ink", "strike", "seal", "clinch", "conclude", "win", "reach", "agree"])


def _salient_org(ctx: _Ctx) -> Mention | None:
    """The organisation an article is about: named at least three times, and more often than any other."""
    counts: dict[str, list[Mention]] = {}
    for m in ctx.mentions:
        if _full_person(m) or not _is_actor(m) or not _org_like(m) or "common" in m.hints:
            continue
        counts.setdefault(lx.fold(m.text), []).append(m)
    ranked = sorted(counts.values(), key=len, reverse=True)
    if not ranked or len(ranked[0]) < 3 or (len(ranked) > 1 and len(ranked[1]) >= len(ranked[0])):
        return None
    return ranked[0][0]


def _priced(sent: Span) -> bool:
    """Whether a sentence names an amount of money large enough for a deal."""
    for e in sent.ents:
        if e.label_ == "MONEY":
            value = _money(e)
            if value is not None and value[0] >= 1000:
                return True
    return bool(_WIRE_MONEY.search(sent.text))


# --------------------------------------------------------------- contracts
_NAMED_DOLLAR = re.compile(r"\b(?:us|u\.s\.)\s?\$|\b(?:us|u\.s\.|american) (?:dollars?|dlrs)", re.I)


def _bare_dollar(text: str, start: int, end: int, after: int = 25) -> bool:
    """Whether the amount at ``start``..``end`` is in dollars of no named country ("$5m", not "US$5m"),
    nor glossed as such within ``after`` characters ("$5m US")."""
    window = text[max(0, start - 5) : end + after]
    return "$" in text[max(0, start - 2) : end] and not _NAMED_DOLLAR.search(window)


def _home_dollar(ctx: _Ctx) -> str | None:
    """The dollar of the country the article is about, if it has one of its own (Australia: AUD)
    and the article writes US dollars as such ("US$40m") elsewhere: then its bare "$" is not
    theirs. (A British paper's "$1bn (£520m)" about an Australian firm is in US dollars.)"""
    if not _NAMED_DOLLAR.search(doc_text(ctx.doc)):
        return None
    return LOCAL_DOLLARS.get(_home(ctx) or "")


def _home(ctx: _Ctx) -> str | None:
    """The country the article is about (see ``home_country``), found once."""
    if ctx.home is None:
        ctx.home = home_country(ctx.doc, ctx.mentions) or ""
    return ctx.home or None


# An amount's gloss in US dollars right after it: " (US$78 million)".
_US_GLOSS = re.compile(r"\s*\(\s*(?:US|U\.S\.)\s?\$")


def _contracts(ctx: _Ctx) -> Iterator[Contract]:
    for sent in ctx.doc.sents:
        if not any(t.lemma_.lower() in CONTRACT_WORDS for t in sent):
            continue
        amounts = [(e.start_char, e.end_char, _money(e)) for e in sent.ents if e.label_ == "MONEY"]
        # Wire style the NER misses: "28.3 mln dlrs", "15 mln stg".
        # (Also "4.66bn rupees", which the NER reads as a number and a word.)
        for wire in _WIRE_MONEY.finditer(sent.text):
            a, b = sent.start_char + wire.start(), sent.start_char + wire.end()
            if not any(x < b and a < y for x, y, _ in amounts):
                amounts.append((a, b, parse_money(wire.group(0))))
        amounts.sort(key=lambda x: x[0])  # the first amount the sentence gives
        # Deals are not priced in cents: "down 25 cents" is a share price.
        found = [(a, b, v) for a, b, v in amounts if v is not None and v[0] >= 1000]
        if not found:
            continue
        start, end, parsed = found[0]
        text = doc_text(ctx.doc)
        us = _US_GLOSS.match(text, end)
        gloss = next((f for f in found[1:] if us and end <= f[0] <= us.end()), None)
        if (
            gloss is not None
            and parsed is not None
            and parsed[1] == "USD"
            and _bare_dollar(text, start, end, 0)
        ):
            # "$57 million (US$78 million)": the bare "$" is another dollar (or a lost "€"); the
            # amount glossed in US dollars is the one the text gives for sure.
            start, end, parsed = gloss
        elif parsed is not None and parsed[1] == "USD" and _bare_dollar(text, start, end):
            # "$52.5m" in a story about Australia is in Australian dollars.
            parsed = (parsed[0], _home_dollar(ctx) or "USD")
        parties: list[Arg] = []
        for m in ctx.mentions:
            if sent.start_char <= m.start < sent.end_char and not _outlet(m):
                if "place:gazetteer" in m.hints:
                    continue
                if m not in parties and lx.fold(m.text) not in {
                    lx.fold(p.text) for p in parties if isinstance(p, Mention)
                }:
                    parties.append(m)
        # "The unit was sold for $9bn to Acme": the organisation "the unit" stands for is a party.
        for t in sent:
            if (
                t.pos_ == "NOUN"
                and (t.lemma_.lower() in _ORG_HEADS or t.lemma_.lower() in _PART_NOUNS)
                and any(c.lower_ in {"the", "this"} for c in t.children if c.dep_ == "det")
                and t.i not in ctx.by_token
            ):
                antecedent = _org_antecedent(ctx, t)
                if antecedent is not None and antecedent not in parties:
                    parties.append(antecedent)
        # A company's name can look like a person's ("James Hardie"): names that look personal go
        # last rather than out.
        parties.sort(key=lambda p: isinstance(p, Mention) and _full_person(p))
        if not parties:
            continue
        date = None
        for e in sent.ents:
            if e.label_ == "DATE":
                date = resolve_time(e.text, ctx.article.date, "past")
                if date is not None:
                    break
        if date is None:
            word = next(t for t in sent if t.lemma_.lower() in CONTRACT_WORDS)
            date = _recent(ctx, word)
        yield Contract(
            tuple(parties[:6]),
            parsed[0] if parsed else None,
            parsed[1] if parsed else None,
            date,
            _evidence(ctx, sent, start, end),
            tuple(p for p in parties[:6] if isinstance(p, Mention) and _deal_actor(ctx, p)),
        )


# Verbs of making a deal, whose subject or object is a party: "Jane Doe launched a bid".
DEAL_VERBS = frozenset(
    [
        "buy", "acquire", "purchase", "sell", "pay", "bid", "launch", "offer", "sign", "agree",
        "win", "award", "invest", "order", "seal", "strike", "negotiate", "accept", "complete",
        "finalise", "finalize", "receive", "hire", "lease",
    ]
)  # fmt: skip


def _deal_actor(ctx: _Ctx, m: Mention) -> bool:
    """Whether ``m`` makes the deal: the subject or object of a deal verb, the agent of one in
    the passive, or the owner of the deal ("Jane Doe's bid")."""
    span = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    head = root.head
    if root.dep_ in {"nsubj", "nsubjpass", "dobj", "dative"}:
        return head.lemma_.lower() in DEAL_VERBS
    if root.dep_ == "pobj" and head.dep_ == "agent":
        return head.head.lemma_.lower() in DEAL_VERBS
    return root.dep_ == "poss" and (head.lemma_.lower() in CONTRACT_WORDS or head.lemma_.lower() in BUY_NOUNS)


# Parts of a company that are sold or bought: "the unit was sold to Acme".
_PART_NOUNS = frozenset(["unit", "subsidiary", "division", "arm", "business"])
# Buying words whose buyer is the subject and whose seller is named in the object.
BUY_VERBS = frozenset(["buy", "acquire", "purchase"])
# Selling words whose seller is the subject and whose buyer follows "to".
SELL_VERBS = frozenset(["sell", "transfer"])
BUY_NOUNS = frozenset(["purchase", "acquisition", "takeover", "order"])


def _unpriced_deals(ctx: _Ctx) -> Iterator[Fact]:
    """A purchase whose price the text does not give: "Aeroflot has negotiated the purchase of 22 Boeing jets".

    The buyer is the subject of the verb, the seller an organisation named in
    what is bought; sentences with an amount are left to the priced rule.
    """
    for tok in ctx.doc:
        lemma = tok.lemma_.lower()
        if tok.pos_ == "VERB" and lemma in SELL_VERBS and not _priced(tok.sent):
            deal = _sale(ctx, tok)
            if deal is not None:
                yield deal
            continue
        if tok.pos_ == "VERB" and lemma == "deliver":
            yield from _delivery(ctx, tok)
            continue
        if tok.pos_ == "NOUN" and lemma == "customer":
            deal = _customer(ctx, tok)
            if deal is not None:
                yield deal
            continue
        ordered = lemma in ORDER_VERBS and not any(
            c.dep_ in {"xcomp", "ccomp"} for c in tok.children
        )  # "ordered 55 jets", not "ordered X to leave"
        subj: list[Token] = []
        if tok.pos_ == "VERB" and (lemma in BUY_VERBS or ordered):
            verb, goods = tok, [c for c in tok.children if c.dep_ == "dobj"]
            agent = [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if agent and not goods:
                # "Beta, which was acquired by Acme in 2005": the agent buys what the clause is about.
                subj = agent
                goods = [
                    tok.head if c.lower_ in {"which", "that"} and tok.dep_ == "relcl" else c
                    for c in tok.children
                    if c.dep_ == "nsubjpass"
                ]
        elif tok.pos_ == "NOUN" and lemma in BUY_NOUNS and tok.dep_ == "dobj":
            verb, goods = tok.head, [tok]
        elif tok.pos_ == "NOUN" and lemma in BUY_NOUNS and any(c.dep_ == "poss" for c in tok.children):
            # "following Acme's purchase of Beta": the owner buys what is "of".
            verb, subj = tok, [c for c in tok.children if c.dep_ == "poss"]
            goods = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        else:
            continue
        if _priced(tok.sent) or not goods:
            continue
        subj = subj or [c for c in verb.children if c.dep_ == "nsubj"]
        cur = verb
        while not subj and _infinitive_of(cur):
            cur = cur.head  # "was selected to purchase", "agreed to buy"
            subj = [c for c in cur.children if c.dep_ in {"nsubj", "nsubjpass"}]
        buyer = _prefer_org(_span_args(ctx, subj[0])) if subj else None
        # A company bought outright ("bought Beta"): its buyer may be a person.
        bought = [
            m
            for g in goods
            if (m := ctx.by_token.get(g.i)) is not None
            and g.pos_ == "PROPN"
            and _is_actor(m)
            and (_org_like(m) or len(m.text.split()) == 1)
        ]
        if (
            buyer is None
            or not _is_actor(buyer)
            or (isinstance(buyer, Mention) and _full_person(buyer) and not bought)
        ):
            continue
        # "Acme and Beta won an order from Gamma": both are parties.
        co_buyers = [
            a
            for c in (subj[0].conjuncts if subj else ())
            if (a := _prefer_org(_span_args(ctx, c))) is not None and _is_actor(a) and a != buyer
        ]
        if bought and bought[0] != buyer:
            date = _dated(ctx, tok)
            evidence = _evidence(ctx, tok.sent, tok.idx, tok.idx + len(tok.text))
            yield Contract((buyer, bought[0]), None, None, date, evidence)
            yield Event("06", lemma, (buyer, bought[0]), None, date, evidence)
            continue
        sellers = [
            ctx.by_token[t.i]
            for g in goods
            for t in _own_phrase(g)
            if t.i in ctx.by_token and _org_like(ctx.by_token[t.i]) and _is_actor(ctx.by_token[t.i])
        ]
        sellers = [m for m in sellers if not _full_person(m) and m is not buyer]
        seller: Arg | None = sellers[0] if sellers else _maker_of_goods(ctx, goods, tok)
        if seller is None or seller == buyer:
            continue
        date = _dated(ctx, tok)
        evidence = _evidence(ctx, tok.sent, tok.idx, tok.idx + len(tok.text))
        yield Contract((buyer, *co_buyers, seller), None, None, date, evidence)
        if not sellers:
            # "ordered 55 of its 818s": a purchase from the maker, a CAMEO 06 event too.
            yield Event("06", lemma, (buyer, seller), None, date, evidence)


ORDER_VERBS = frozenset(["order", "lease"])


def _own_phrase(tok: Token) -> list[Token]:
    """The tokens of ``tok``'s phrase, less the clauses hung on it ("Beta, which Gamma later sold")."""
    out: list[Token] = []
    stack = [tok]
    while stack:
        t = stack.pop()
        out.append(t)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "acl", "advcl"})
    return out


def _customer(ctx: _Ctx, noun: Token) -> Contract | None:
    """ "Kappa Air is the other launch customer", "launch customer Kappa Air": a buyer of the
    product the story is about (or of the one named after "for"), from its maker."""
    buyer: Mention | None = None
    if noun.dep_ == "attr":
        subj = _subjects(noun.head)
        buyer = ctx.by_token.get(subj[0].i) if subj else None
    elif noun.dep_ in {"compound", "nmod"} and noun.head.i in ctx.by_token:
        buyer = ctx.by_token[noun.head.i]
    else:
        buyer = next(
            (ctx.by_token[c.i] for c in noun.children if c.dep_ == "appos" and c.i in ctx.by_token), None
        )
    if buyer is None or not _is_actor(buyer) or _full_person(buyer):
        return None
    of = [p for c in noun.children if c.dep_ == "prep" and c.lower_ in {"for", "of"} for p in c.children]
    seller = _maker_of_goods(ctx, of, noun) if of else _last_made(ctx, noun)
    if seller is None or seller == buyer:
        return None
    date = _dated(ctx, noun)
    return Contract(
        (seller, buyer), None, None, date, _evidence(ctx, noun.sent, noun.idx, noun.idx + len(noun.text))
    )


def _delivery(ctx: _Ctx, verb: Token) -> Iterator[Fact]:
    """ "The first 818 will be delivered to Kappa Air": a sale from its maker to the one it is
    delivered to (a contract, and a CAMEO 06 event)."""
    to = [
        ctx.by_token[p.i]
        for c in verb.children
        if c.dep_ == "prep" and c.lower_ == "to"
        for p in c.children
        if p.dep_ == "pobj" and p.i in ctx.by_token
    ]
    buyers = [m for m in to if _is_actor(m) and not _full_person(m)]
    if not buyers:
        return
    agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children] + [
        c for c in verb.children if c.dep_ == "nsubj"
    ]
    seller = next(
        (ctx.by_token[a.i] for a in agents if a.i in ctx.by_token and _org_like(ctx.by_token[a.i])), None
    )
    goods = [c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"}]
    maker = seller or _maker_of_goods(ctx, goods, verb)
    if maker is None or maker == buyers[0]:
        return
    date = _dated(ctx, verb)
    evidence = _evidence(ctx, verb.sent, verb.idx, verb.idx + len(verb.text))
    yield Contract((maker, buyers[0]), None, None, date, evidence)
    yield Event("06", "deliver", (maker, buyers[0]), None, date, evidence)


# Nouns a count of aircraft or vehicles stands for: "purchased six of these aeroplanes".
_CRAFT_NOUNS = frozenset(["aeroplane", "airplane", "aircraft", "plane", "jet", "airliner", "vehicle", "unit"])


def _maker_of_goods(ctx: _Ctx, goods: Sequence[Token], verb: Token) -> Arg | None:
    """The maker of what is bought: a product named in the object ("ordered 20 Acme 818s"), or,
    for a bare count ("have ordered 55", "purchased six of these aeroplanes"), the product named
    last before it."""
    for g in goods:
        for t in g.subtree:
            m = ctx.by_token.get(t.i)
            if m is not None and lx.fold(m.text) in ctx.made:
                return ctx.made[lx.fold(m.text)]
    counted = any(
        g.like_num or g.tag_ == "CD" or any(t.lemma_.lower() in _CRAFT_NOUNS for t in g.subtree)
        for g in goods
    )
    return _last_made(ctx, verb) if counted else None


def _last_made(ctx: _Ctx, tok: Token) -> Arg | None:
    """The maker of the product named last before ``tok`` (a story about a model names it in
    its lead, and may not again for a while)."""
    for m in reversed(ctx.mentions):
        if m.start < tok.idx and lx.fold(m.text) in ctx.made:
            return ctx.made[lx.fold(m.text)]
    return None


def _once(facts: Iterable[Fact]) -> list[Fact]:
    """Contracts and events as one per sentence and set of parties ("Launch customer Kappa Air
    have ordered 55": one purchase, though both "customer" and "ordered" say it)."""
    seen: set[tuple[str, int, frozenset[object]]] = set()
    out: list[Fact] = []
    for f in facts:
        who = f.parties if isinstance(f, Contract) else f.participants if isinstance(f, Event) else ()
        key = (type(f).__name__, f.evidence[0].sent_start, frozenset(who))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _dated(ctx: _Ctx, tok: Token) -> TimeValue | None:
    """The date of what ``tok`` says happened: its sentence's, else the recent past's."""
    return _date_for(ctx, tok, tok.sent) or _recent(ctx, tok)


def _infinitive_of(verb: Token) -> bool:
    """Whether ``verb`` takes its subject from the verb above: "agreed to sell", "was chosen
    to buy" (the parse may call the latter a clause of purpose), "will buy and sell"."""
    if verb.head.i == verb.i:
        return False
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return verb.dep_ in {"xcomp", "conj"} or (verb.dep_ == "advcl" and to)


def _sale(ctx: _Ctx, verb: Token) -> Contract | None:
    """ "Acme agreed to sell its Zeta unit to Beta": the seller (the subject, else the
    organisation sold) and the buyer after "to" are the parties."""
    buyers = [
        a
        for c in verb.children
        if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
        for p in c.children
        if p.dep_ == "pobj"
        for a in [_mention_at(ctx, p)]
        if isinstance(a, Mention) and _org_like(a) and not _full_person(a)
    ]
    subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    cur = verb
    while not subj and _infinitive_of(cur):
        cur = cur.head  # "agreed to sell", "will buy and sell"
        subj = [c for c in cur.children if c.dep_ == "nsubj"]
    seller = _prefer_org(_span_args(ctx, subj[0])) if subj else None
    if not buyers or seller is None or not _is_actor(seller) or seller == buyers[0]:
        return None
    if isinstance(seller, Mention) and _full_person(seller):
        return None
    date = _dated(ctx, verb)
    return Contract(
        (seller, buyers[0]), None, None, date, _evidence(ctx, verb.sent, verb.idx, verb.idx + len(verb.text))
    )


_WIRE_MONEY = re.compile(
    r"\b\d[\d,]*(?:\.\d+)?\s*(?:mln|bln|bn|mn|billion|million|trillion)\s+(?:dlrs?|dollars|stg|pounds|yen|marks|"
    r"francs|guilders|lire|euros|yuan|rupees|crowns|kroner|rand|pesos|roubles|rubles|won|ringgit|baht)\b",
    re.I,
)
_MONEY_AROUND = re.compile(r"(?:[A-Z]{0,3}[$£€¥]|[A-Z]{3}\s)?\s*$")


def _money(ent: Span) -> tuple[float, str] | None:
    """The amount of a MONEY entity, widened to its symbol and magnitude ("$" + "375" + "m")."""
    text = doc_text(ent.doc)
    start, end = ent.start_char, ent.end_char
    before = _MONEY_AROUND.search(text[max(0, start - 5) : start])
    if before:
        start -= len(before.group(0))
    tail = re.match(
        r"(?:\s?(?:m|bn|b|mn|mln|bln|k|million|billion|trillion|tn))?\b(?:\s(?:dlrs|dollars|pounds|euros|yen|stg))?",
        text[end : end + 20],
    )
    if tail:
        end += len(tail.group(0))
    return parse_money(text[start:end]) or parse_money(ent.text)


def _prefer_org(args: Sequence[Arg]) -> Arg | None:
    """Of the names in a phrase, the organisation ("BBC Radio 4's Today programme" -> BBC Radio 4)."""
    for a in args:
        if isinstance(a, Mention) and (
            "ner:ORG" in a.hints or any(h.startswith(("org:", "outlet:")) for h in a.hints)
        ):
            return a
    # A country of a demonym ("the Russian daily") is no outlet or owner of its own.
    named = [a for a in args if not (isinstance(a, str) and a.startswith("name:"))]
    return named[0] if named else None


def _outlet(m: Mention) -> bool:
    return any(h.startswith("outlet:") for h in m.hints)


# ------------------------------------------------------------------ events
# People who are set free: "released the hostages".
CAPTIVE_NOUNS = frozenset(
    [
        "hostage",
        "prisoner",
        "detainee",
        "captive",
        "suspect",
        "journalist",
        "man",
        "woman",
        "soldier",
        "sailor",
    ]
)


def _speech_noun(tok: Token) -> bool:
    """A noun of words given: "speech", "keynote", "press conference"."""
    lemma = tok.lemma_.lower()
    if lemma == "conference":
        return any(c.dep_ == "compound" and c.lower_ in {"press", "news"} for c in tok.children)
    return lemma in SPEECH_NOUNS


def _trigger_lemma(tok: Token) -> str:
    """The trigger's lemma; a past form the lemmatiser cuts short ("fin" for "fined", "stag" for
    "staged") is its form without the "d"."""
    lemma = tok.lemma_.lower()
    if lemma not in TRIGGERS and tok.tag_ in {"VBD", "VBN"} and tok.lower_[:-1] in TRIGGERS:
        return tok.lower_[:-1]
    return lemma


def _family(tok: Token) -> str | None:
    lemma = _trigger_lemma(tok)
    preps = {c.lower_ for c in tok.children if c.dep_ == "prep"}
    if lemma == "call" and tok.pos_ == "VERB" and "on" in preps:
        return "02"
    if lemma == "call" and tok.pos_ == "VERB" and "for" in preps:
        return "02"  # "called for an inquiry" asks; "pressed for" and "demanded" insist
    if lemma in {"press", "push"} and tok.pos_ == "VERB" and "for" in preps:
        return "10"
    if (
        lemma in {"press", "push", "pressure"}
        and tok.pos_ == "VERB"
        and any(c.dep_ == "dobj" for c in tok.children)
        and any(
            c.dep_ in {"xcomp", "ccomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for c in tok.children
        )
    ):
        return "02"  # "pressing the government to act": urging
    if lemma == "plead":
        # "pleaded guilty" yields; "pleads not guilty" rejects the charge.
        return (
            "12"
            if any(c.dep_ == "neg" for c in tok.children)
            or "not" in tok.sent.text[tok.idx - tok.sent.start_char :][:40]
            else "08"
        )
    particles = {c.lower_ for c in tok.children if c.dep_ == "prt"}
    if lemma in {"step", "stand"} and tok.pos_ == "VERB" and particles & {"down", "aside"}:
        return "08"  # "stepped down", "stand aside": resigning
    if (lemma in {"back", "climb"} and tok.pos_ == "VERB" and "down" in particles) or (
        lemma == "give" and any(c.dep_ == "dobj" and c.lower_ == "way" for c in tok.children)
    ):
        return "08"  # "backed down", "has given way over": yielding
    if lemma == "vote" and tok.pos_ == "VERB" and "against" in preps:
        return "12"  # "will vote against the bill"
    if lemma == "look" and tok.pos_ == "VERB" and "into" in preps:
        return "09"  # "looking into the trades"
    if lemma in {"want", "ask"} and tok.pos_ == "VERB":
        # "want X to withdraw" demands, "asked X to stay" appeals; wanting a thing is no event.
        has_object = any(c.dep_ == "dobj" for c in tok.children)
        asked = any(
            c.dep_ in {"ccomp", "xcomp"}
            and (has_object or any(g.dep_ in {"nsubj", "nsubjpass"} for g in c.children))
            and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for c in tok.children
        )
        if asked or (lemma == "ask" and "for" in preps):
            return "10" if lemma == "want" else "02"
        if (
            lemma == "want"
            and any(c.dep_ == "dobj" and c.pos_ in {"NOUN", "PROPN", "NUM", "SYM"} for c in tok.children)
            and any(s.ent_type_ in {"ORG", "PERSON", "NORP", "GPE"} for s in _subjects(tok))
        ):
            # "the Tories want a sunset clause", "Acme wants $20bn in damages": what a named
            # actor wants is demanded; "consumers want cheaper phones" is no event.
            return "10"
        return None
    if lemma == "agree" and tok.pos_ == "VERB":
        # Agreeing to do something or on terms; "analysts agree that ..." is an opinion.
        if any(c.dep_ == "xcomp" for c in tok.children) or preps & {"on", "with", "to"}:
            return "05"
        return None
    if lemma == "suit" and tok.pos_ == "NOUN":
        # A lawsuit is filed or brought, or is against someone; a suit may also be worn.
        if "against" in preps or (
            tok.dep_ == "dobj" and tok.head.lemma_.lower() in {"file", "bring", "launch"}
        ):
            return "11"
        return None
    if lemma in {"launch", "make", "table", "submit", "lodge", "mount"} and any(
        c.dep_ == "dobj" and c.lemma_.lower() in {"bid", "offer", "takeover"} for c in tok.children
    ):
        return "03"  # "launched a takeover bid for X": an offer to do business
    if lemma in {"plan", "intention"} and tok.pos_ == "NOUN":
        # "Acme's plans to create 10,000 jobs": an intention with an owner; "the plan" alone is none.
        to = any(
            c.dep_ in {"acl", "relcl"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
            for c in tok.children
        )
        owned = any(c.dep_ == "poss" for c in tok.children)
        return "03" if to and owned else None
    if lemma in DISAPPROVAL_ADJECTIVES and tok.pos_ == "ADJ":
        # "angry at the decision", "unhappy with Acme"; "an angry crowd" is against no one.
        return "11" if preps & {"at", "with", "over", "about"} else None
    if (
        lemma in SPEECH_GIVING_VERBS
        and tok.pos_ == "VERB"
        and any(c.dep_ in {"dobj", "nsubjpass"} and _speech_noun(c) for c in tok.children)
    ):
        return "01"  # "gave his keynote", "issued a statement": the words are the event
    if lemma in DISAPPROVAL_NOUNS and tok.pos_ == "NOUN":
        # "expressed disappointment at X", "voiced opposition to the takeover".
        return "11" if tok.dep_ == "dobj" and tok.head.lemma_.lower() in VOICE_VERBS else None
    if lemma in AID_NOUNS and tok.pos_ == "NOUN" and tok.dep_ in {"dobj", "pobj"}:
        head = tok.head.head if tok.dep_ == "pobj" else tok.head
        if head.lemma_.lower() in APPEAL_VERBS:
            return "02"  # "sought federal aid", "asked for help": an appeal for aid
    if lemma in SENSED_VERBS and lemma not in TRIGGERS:
        return _sensed_family(tok, lemma)
    if lemma in SPEECH_VERBS and tok.pos_ == "VERB" and _obliged(tok) is not None:
        return "10"  # "X said the government must act": a demand on the government
    code = TRIGGERS.get(lemma) or TRIGGERS.get(tok.lower_)
    if code is None or tok.pos_ not in {"VERB", "NOUN"}:
        return None
    if lemma == "trial" and any(c.lower_ in {"clinical", "drug", "free"} for c in tok.lefts):
        return None
    if lemma == "strike":
        words = {t.lemma_.lower() for t in tok.sent}
        code = "14" if words & {"worker", "union", "staff", "employee", "pay", "wage", "pension"} else "18"
    if lemma == "talk" and tok.pos_ == "VERB":
        return None
    if lemma == "release" and tok.pos_ == "VERB":
        # Freeing people yields (08); releasing a product, a report or figures announces (01).
        objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
        freed = any(
            o.ent_type_ == "PERSON" or o.lemma_.lower() in CAPTIVE_NOUNS or o.lower_ in {"him", "her", "them"}
            for o in objs
        )
        return "08" if freed or not objs else "01"
    if lemma == "accord" and tok.lower_ == "according":
        return None  # "according to X" cites a source
    if lemma in {"force", "compel"} and not (
        tok.pos_ == "VERB" and any(c.dep_ in {"dobj", "xcomp", "ccomp", "nsubjpass"} for c in tok.children)
    ):
        return None  # "forced X to sell" coerces; "the forces", "a force for good" do not
    if lemma == "welcome" and tok.pos_ != "VERB":
        return None
    if (
        lemma == "meet"
        and tok.pos_ == "VERB"
        and any(_met_thing(c) for c in tok.children if c.dep_ == "dobj")
    ):
        return None  # "meet the target", "meet my duties": fulfilling, not meeting anyone
    if lemma in {"attack", "assault"} and _verbal_attack(tok):
        return "11"  # "attacked the government's plans": criticism, not force
    if lemma == "warn" and tok.pos_ == "VERB":
        # "X warned he would ..." is a threat; "X warned of risks" / "experts warn that ..." is not.
        comp = [c for c in tok.children if c.dep_ == "ccomp"]
        subj = [g for c in comp for g in c.children if g.dep_ in {"nsubj"}]
        of = [p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children]
        if of and of[0].lemma_.lower() in THREAT_OBJECTS:
            return code
        if any(g.lemma_.lower() in THREAT_OBJECTS for c in comp for g in c.subtree):
            return code  # "warned that there could be further walkouts"
        if not subj or subj[0].lower_ not in {"he", "she", "they", "it", "we", "i"}:
            return None
    if lemma == "charge" and tok.i > 0 and tok.nbor(-1).lower_ == "in":
        return None  # "in charge of": responsible, not accused
    if lemma == "charge" and ({t.lower_ for t in tok.sent} & NOT_EVENT_SENSES["charge"]):
        return None
    if lemma in {"offer", "sign", "ban", "sack"} and tok.pos_ == "NOUN":
        return None  # "a ban on X", "a sack of": the verb is the event
    if lemma == "launch" and (
        tok.pos_ == "NOUN" or any(c.dep_ == "dobj" and TRIGGERS.get(c.lemma_.lower()) for c in tok.children)
    ):
        # "launched an inquiry": the inquiry is the event; launching a product announces it.
        return None
    return code


def _obliged(verb: Token) -> Token | None:
    """The subject told what it must do in the clause a speech verb reports: "said the
    government must renew ...", "said America too needed to act" (not "he must", the speaker's own)."""
    for c in verb.children:
        if c.dep_ != "ccomp" or c.pos_ not in {"VERB", "AUX"}:
            continue
        must = any(g.dep_ == "aux" and g.lower_ in {"must", "should"} for g in c.children) or (
            c.lemma_.lower() in {"need", "have"}
            and any(g.dep_ == "xcomp" and any(a.lower_ == "to" for a in g.children) for g in c.children)
        )
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if must and subj is not None and subj.pos_ in {"PROPN", "NOUN"}:
            return subj
    return None


def _sensed_family(tok: Token, lemma: str) -> str | None:
    """The family of a verb of ``SENSED_VERBS`` where its object or complement shows the sense."""
    if tok.pos_ != "VERB":
        return None
    code, need = SENSED_VERBS[lemma]
    objs = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    objs += [j for o in objs for j in o.conjuncts]  # "strengthened defence and economic ties"
    to_clause = any(
        c.dep_ in {"xcomp", "ccomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
        for c in tok.children
    )
    pobjs = [p for c in tok.children if c.dep_ == "prep" and c.lower_ in {"to", "into"} for p in c.children]

    def actor(t: Token) -> bool:
        return (
            t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"}
            or t.lemma_.lower() in lx.TITLE_WORDS
            or (t.lemma_.lower() in _ORG_HEADS)
        )

    ok = {
        "object": bool(objs),
        "any": True,
        "to": to_clause,
        "to-or-object": to_clause or bool(objs),
        "clause-or-object": bool(objs) or any(c.dep_ == "ccomp" for c in tok.children),
        "actor": any(actor(o) for o in objs),
        "actor-or-plan": any(actor(o) or o.lemma_.lower() in PLAN_NOUNS for o in objs),
        "plan": any(o.lemma_.lower() in PLAN_NOUNS or o.lower_ in PLAN_NOUNS for o in objs),
        "ban": any(o.lemma_.lower() in BAN_NOUNS or o.lower_ in BAN_NOUNS for o in objs),
        "envoy": any(o.lemma_.lower() in ENVOY_NOUNS for o in objs),
        "ties": any(o.lemma_.lower() in TIES_NOUNS or o.lower_ in TIES_NOUNS for o in objs),
        "person": any(o.ent_type_ == "PERSON" for o in objs),
        "org": any(t.ent_type_ == "ORG" or t.pos_ == "PROPN" for o in objs for t in o.subtree),
        "aid": any(o.lemma_.lower() in AID_NOUNS for o in objs),
        "to-place": any(p.ent_type_ in {"GPE", "LOC", "ORG", "FAC"} for p in pobjs),
        "dismissed": any(
            o.ent_type_ == "PERSON"
            or o.lower_ in {"him", "her", "he", "she"}
            or o.lemma_.lower() in lx.TITLE_WORDS
            for o in objs
        ),
    }[need]
    return code if ok else None


def _met_thing(obj: Token) -> bool:
    """Whether the object of "meet" is a thing (a target, a demand), not someone met."""
    lemma = obj.lemma_.lower()
    return (
        obj.pos_ == "NOUN"
        and obj.ent_type_ == ""
        and lemma not in lx.TITLE_WORDS
        and lemma not in lx.PERSON_NOUNS
        and lemma not in lx.KIN_NOUNS
        and lemma not in _ORG_HEADS
        and lemma not in {"delegation", "counterpart", "leader", "people", "group", "family", "team"}
    )


# What is attacked in words: "attacked the plans", "an attack on the government's record".
VERBAL_TARGETS = frozenset(
    [
        "plan",
        "proposal",
        "policy",
        "policies",
        "tax",
        "taxes",
        "budget",
        "bill",
        "law",
        "reform",
        "reforms",
        "decision",
        "idea",
        "record",
        "remark",
        "remarks",
        "comment",
        "comments",
        "statement",
        "claim",
        "claims",
        "stance",
        "position",
        "move",
        "scheme",
        "programme",
        "program",
        "measure",
        "measures",
        "strategy",
        "approach",
        "handling",
        "report",
        "spending",
        "cut",
        "cuts",
        "rise",
        "increase",
        "view",
        "views",
        "speech",
        "article",
        "book",
        "leadership",
        "management",
        "performance",
        "failure",
        "failures",
        "response",
        "conduct",
        "behaviour",
        "behavior",
        "rhetoric",
        "plans",
        "ruling",
        "verdict",
        "deal",
        "agreement",
    ]
)


def _verbal_attack(tok: Token) -> bool:
    """Whether "attack" is criticism: its object (or what it is "on"/"over") is a plan, a claim, a record.

    A person or place attacked, or "for" their conduct, stays open to either reading; only the object
    decides here, so "troops attacked the base" stays military.
    """
    targets = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    targets += [
        g for c in tok.children if c.dep_ == "prep" and c.lower_ in {"on", "over"} for g in c.children
    ]
    if tok.dep_ == "dobj" and tok.pos_ == "NOUN":
        targets += [c for c in tok.children if c.dep_ == "prep"]
    targets += [c for t in targets for c in t.children if c.dep_ == "conj"]
    return any(t.lemma_.lower() in VERBAL_TARGETS or t.lower_ in VERBAL_TARGETS for t in targets)


# Triggers whose complement clause names who is warned, accused or asked.
_CLAUSE_TARGETS = frozenset(
    [
        "warn",
        "threaten",
        "demand",
        "accuse",
        "urge",
        "insist",
        "call",
        "promise",
        "pledge",
        "vow",
        "want",
        "fear",
        "agree",
        "refuse",
        "offer",
    ]
)
# Prepositions that give a time or a setting rather than a party.
_SETTING_PREPS = frozenset(["in", "during", "since", "at", "about", "until"])


def _is_actor(arg: Arg | None) -> bool:
    """A mention that may act (a person or an organisation), not a place."""
    if not isinstance(arg, Mention):
        return arg is not None
    return not ({"place:gazetteer", "ner:GPE", "ner:LOC"} & set(arg.hints))


def _participants(ctx: _Ctx, tok: Token) -> list[Arg]:
    """Who takes part in the event ``tok`` names, from the parse around it.

    "The regulator filed charges in a court against Jane Doe" gives the regulator
    and Jane Doe; "the two men released from the camp" gives the men's names.
    """
    out: list[Arg] = []

    def add(t: Token, deep: bool = True) -> None:
        # A title stands for the name set beside it: "its chief executive, Jane Doe".
        apposed = [c for c in t.children if c.dep_ == "appos"]
        for x in [t, *t.conjuncts, *apposed]:
            group = _group_at(ctx, x)
            if group:
                args = list(group)
            else:
                args = _span_args(ctx, x) if deep else [a for a in [_mention_at(ctx, x)] if a is not None]
            if not args and x.tag_ == "NNS" and (_is_group(x) or x.lemma_.lower() in lx.TITLE_WORDS):
                # "twelve managers from Acme were charged": Acme's people, so Acme takes part;
                # "politicians in Germany": the country's.
                args = [
                    a
                    for c in x.children
                    if c.dep_ == "prep" and c.lower_ in {"from", "at", "of", "in"}
                    for q in c.children
                    if q.dep_ == "pobj"
                    for a in _span_args(ctx, q)
                    if isinstance(a, Mention)
                    and (_is_actor(a) or (c.lower_ in {"from", "in"} and lx.country_of(a.text)))
                    and not _full_person(a)
                ]
            for a in args:
                if a not in out:
                    out.append(a)

    def add_objects(prep: Token, actors_only: bool = False) -> None:
        for p in prep.children:
            if p.dep_ != "pobj":
                continue
            if not actors_only or (p.i in ctx.by_token and _is_actor(ctx.by_token[p.i])):
                add(p)
            nested = p.lemma_.lower()
            if p.pos_ == "NOUN" and (TRIGGERS.get(nested) or nested in EVENT_NOUNS or nested in DEAL_NOUNS):
                # "appealed for the release of Jane Doe": whoever the nested event is about;
                # "agreed to a buyout by Acme": whoever makes the deal.
                for pp in p.children:
                    if (pp.dep_ == "prep" and pp.lower_ in {"of", "against"}) or (
                        nested in DEAL_NOUNS and pp.lower_ in {"by", "with", "from"}
                    ):
                        add_objects(pp)
            # "charges in a court against X": the parse often hangs "against" on the noun before;
            # "a clampdown on the ambitions of X": whose the thing is.
            for pp in p.children:
                if pp.dep_ == "prep" and pp.lower_ == "against":
                    add_objects(pp)
                elif pp.dep_ == "prep" and pp.lower_ == "of" and p.pos_ == "NOUN" and p.i not in ctx.by_token:
                    for q in pp.children:
                        if q.dep_ == "pobj" and q.i in ctx.by_token and _is_actor(ctx.by_token[q.i]):
                            add(q)

    verb = tok
    if tok.pos_ == "ADJ":
        # "politicians angry at Acme's promise": who feels it, and whose thing it is against.
        if tok.dep_ == "amod":
            add(tok.head)
        for s in _subjects(tok.head if tok.dep_ == "acomp" else tok):
            add(s)
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in {"at", "with", "over", "about"}:
                add_objects(c)
        return out
    if tok.pos_ == "NOUN":
        for c in tok.children:
            if c.dep_ in {"poss", "compound"}:
                add(c)
            if c.dep_ == "prep" and c.lower_ in {"of", "between", "with", "against", "on", "to", "by"}:
                add_objects(c)
            elif c.dep_ == "prep" and c.lower_ == "from" and tok.lemma_.lower() in AID_NOUNS:
                add_objects(c)  # "aid from the government": who gives it
            elif (
                c.dep_ == "prep"
                and c.lower_ in {"at", "over", "about"}
                and tok.lemma_.lower() in DISAPPROVAL_NOUNS
            ):
                add_objects(c)  # "disappointment at X's decision": whom it is against
            if c.dep_ in {"relcl", "acl"}:
                for g in c.children:
                    if g.dep_ in {"nsubj", "dobj", "dative", "agent"}:
                        add(g)
                    if g.dep_ == "prep":
                        add_objects(g)
        # The verb that governs the noun: "gave X an ultimatum", "faces charges", "is on trial".
        head = tok.head if tok.dep_ != "pobj" else tok.head.head
        light = (
            head.lemma_.lower() in LIGHT_VERBS
            or (tok.dep_ == "pobj" and head.lemma_ == "be")
            or (tok.lemma_.lower() in DISAPPROVAL_NOUNS and head.lemma_.lower() in VOICE_VERBS)
        )
        if tok.dep_ in {"dobj", "attr", "pobj"} and light:
            verb = head
        elif tok.dep_ == "nsubjpass" and head.lemma_.lower() in LIGHT_VERBS:
            # "X sued Y, but a settlement was reached": the parties are those of the clause before.
            if head.dep_ == "conj":
                for c in head.head.children:
                    if c.dep_ in {"nsubj", "dobj"}:
                        add(c)
            return out
        else:
            return out
    subj = [c for c in verb.children if c.dep_ == "agent"] + _subjects(verb)
    if not subj and verb.dep_ == "acl" and verb.tag_ == "VBN":
        # "the two men released from Guantanamo": the noun undergoes the event.
        add(verb.head)
    cur = verb
    while (
        not subj and cur.dep_ in {"xcomp", "conj", "advcl", "pcomp", "prep", "acomp"} and cur.head.i != cur.i
    ):
        if cur.dep_ == "xcomp":
            # "prompting X to file suit": the object of the verb above is the one who acts.
            subj = [c for c in cur.head.children if c.dep_ == "dobj"]
            if subj:
                break
        cur = cur.head
        subj = _subjects(cur)
    for s in subj:
        if s.dep_ == "agent":
            for p in s.children:
                add(p)
        else:
            add(s)
    # "discussed X with Jane Doe", "ended the partnership with Acme": whom the object is with.
    meeting = _family(tok) == "04" or SENSED_VERBS.get(tok.lemma_.lower(), ("", ""))[1] == "ties"
    for c in verb.children:
        if c.dep_ in {"dobj", "dative", "attr", "oprd"}:
            add(c)
            if meeting:
                # "discussed the campaign with Jane Doe": the parse hangs "with" on the object.
                for pp in c.children:
                    if pp.dep_ == "prep" and pp.lower_ == "with":
                        add_objects(pp)
        elif c.dep_ == "prep" and c.lower_ not in _SETTING_PREPS:
            add_objects(c)
        elif c.dep_ == "prep" and c.lower_ in {"in", "at"}:
            # "rejected in the Senate": an organisation where a place would stand acts in the event.
            add_objects(c, actors_only=True)
        elif c.dep_ == "agent":
            for p in c.children:
                add(p)
        elif (
            c.dep_ == "ccomp"
            and tok.lemma_.lower() in SPEECH_VERBS
            and (obliged := _obliged(tok)) is not None
        ):
            add(obliged)
        elif c.dep_ in {"ccomp", "xcomp"} and tok.lemma_.lower() in _CLAUSE_TARGETS:
            for g in c.subtree:
                if g.i in ctx.by_token:
                    a = ctx.by_token[g.i]
                    if a not in out:
                        out.append(a)
        elif c.dep_ in {"ccomp", "xcomp"} and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
            # "challenged X to stand down": the subject of the infinitive is the one challenged;
            # "declined to give X's phone a rating", "refused to meet X": whom the act is for.
            for g in c.children:
                if g.dep_ in {"nsubj", "nsubjpass"}:
                    add(g)
                elif g.dep_ in {"dobj", "dative"} and c.dep_ == "xcomp":
                    for arg in _span_args(ctx, g):
                        if _is_actor(arg) and arg not in out:
                            out.append(arg)
    return out


_GROUP_PRONOUNS = frozenset(["they", "those", "these"])


def _is_group(t: Token) -> bool:
    """ "they", "those", "the men", "eight protesters": a plural that stands for people."""
    return t.lower_ in _GROUP_PRONOUNS or (
        t.tag_ == "NNS" and (t.lower_ in _PERSON_PLURALS or t.lemma_.lower() in lx.PERSON_NOUNS)
    )


def _group_members(ctx: _Ctx, tok: Token) -> list[Arg]:
    """The people a plural subject stands for, as a nearby sentence lists them.

    "Eight protesters were charged. ... Those charged included Jane Doe and John Roe." gives
    the charge Jane Doe and John Roe: a sentence within two of the event whose subject is
    "those", "they" or such a plural and whose verb is "include" or "be" names the members,
    the object and the names joined to it by "and".
    """
    verb = tok if tok.pos_ == "VERB" else tok.head
    subj = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subj is None or not _is_group(subj):
        return []
    sents = ctx.sents
    k = _sent_index(ctx, tok)
    for sent in [*sents[k : k + 3], *reversed(sents[max(0, k - 2) : k])]:
        root = sent.root
        if root.lemma_.lower() not in {"include", "be"} or root.i == verb.i:
            continue
        if not any(c.dep_ == "nsubj" and _is_group(c) for c in root.children):
            continue
        heads = [c for c in root.children if c.dep_ in {"dobj", "attr"}]
        seen: list[Token] = []
        while heads:
            h = heads.pop()
            seen.append(h)
            # "Jane Doe, a pilot, and John Roe": the next name may hang on the apposition.
            heads.extend(
                c for c in h.children if c.dep_ == "conj" or (c.dep_ == "appos" and c.i not in ctx.by_token)
            )
        members: list[Arg] = []
        for t in sorted(seen, key=lambda t: t.i):
            m = ctx.by_token.get(t.i)
            # The group is of people: a name the NER typed otherwise still counts unless surely not a person.
            if m is not None and not _not_person(m) and m not in members:
                members.append(m)
        if members:
            return members
    return []


def _place(ctx: _Ctx, tok: Token) -> Arg | None:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in {"in", "at"}:
            for p in c.subtree:
                m = ctx.by_token.get(p.i)
                if m is not None and (
                    "place:gazetteer" in m.hints or "ner:GPE" in m.hints or "ner:LOC" in m.hints
                ):
                    return m
    return None


FUTURE_MARKERS = frozenset(["will", "shall", "set", "plan", "expect", "schedule", "due", "going", "intend"])


def _tense(tok: Token) -> str:
    """The tense of the clause that governs ``tok``: "past", "pluperfect", "present", "perfect" or "future".

    Participles and nouns take the tense of the finite verb above them; a
    future marker anywhere up the chain ("is set to host", "plans on issuing")
    makes it future. "Has quit" is perfect even when the tagger reads "quit" as
    a past form; "had quit" is pluperfect.
    """
    cur = tok
    finite: Token | None = None
    auxes: list[Token] = []
    for _ in range(6):
        kids = [c for c in cur.children if c.dep_ in {"aux", "auxpass"}]
        if cur.pos_ == "VERB" and cur.dep_ == "conj" and not kids and cur.tag_ in {"VBD", "VBN"}:
            # "has quit ... and accused": the second verb shares the first one's auxiliary.
            cur = cur.head
            continue
        if cur.pos_ in {"VERB", "AUX"}:
            lemmas = [cur.lemma_.lower(), *(c.lemma_.lower() for c in kids)]
            if FUTURE_MARKERS & set(lemmas):
                return "future"
            if finite is None:
                tags = [cur.tag_, *(c.tag_ for c in kids)]
                if any(t in {"VBD", "VBZ", "VBP", "MD"} for t in tags):
                    finite, auxes = cur, kids
        if cur.head.i == cur.i:
            break
        cur = cur.head
    if finite is None:
        return "past"
    have = [a for a in auxes if a.lemma_.lower() == "have"]
    if have and finite.tag_ in {"VBN", "VBD"}:
        return "pluperfect" if have[0].tag_ == "VBD" else "perfect"
    return tense_of(finite.tag_, [a.lemma_.lower() for a in auxes])


# Clauses whose dates belong to their own verb, not to the event word above them:
# "insisted that the union agree to cuts by next year" happened this year.
_SUBCLAUSES = frozenset(["ccomp", "advcl", "relcl", "acl", "csubj", "pcomp"])


def _in_subclause(date: Span, tok: Token) -> bool:
    """Whether ``date`` sits in a clause that ``tok`` governs rather than in its own."""
    cur = date.root
    crossed = False
    relative: Token | None = None
    while cur.i != tok.i:
        if cur.dep_ in _SUBCLAUSES and cur.pos_ in {"VERB", "AUX"}:
            crossed = True
            if cur.dep_ == "relcl":
                relative = cur
        if cur.head.i == cur.i:
            # "the case of X, who died in March 2002, ... and urged": a relative clause about
            # someone else, unless the trigger is inside it too.
            return relative is not None and not (relative.left_edge.i <= tok.i <= relative.right_edge.i)
        cur = cur.head
    return crossed


_DAY_WORDS = frozenset(["today", "yesterday", "tomorrow", "tonight"])


def _deadline(date: Span) -> bool:
    """ "to cut costs by 2030", "until March": a date set for a goal, not when something happened."""
    head = date.root.head
    return date.root.dep_ == "pobj" and head.lower_ in {"by", "until", "till"}


def _date_for(ctx: _Ctx, tok: Token, sent: Span) -> TimeValue | None:
    """The date of an event: a date in the trigger's own phrase first, then in its sentence.

    Bare weekdays and months look back unless the clause speaks of the future;
    a date inside a clause the trigger governs is that clause's.
    """
    # TIME too: "announced this morning", "met last night".
    # Day words the NER may miss at the start of a sentence ("Today Acme released ...").
    missed = [sent.doc[t.i : t.i + 1] for t in sent if t.lower_ in _DAY_WORDS and not t.ent_type_]
    dates = [
        e
        for e in [*sent.ents, *missed]
        if (e.label_ in {"DATE", "TIME"} or e in missed) and not _in_subclause(e, tok) and not _deadline(e)
    ]
    if not dates:
        return None
    direction = "future" if _tense(tok) == "future" else "past"
    subtree = {t.i for t in tok.subtree}
    own = [e for e in dates if any(t.i in subtree for t in e)]
    rest = sorted((e for e in dates if e not in own), key=lambda e: abs(e.start - tok.i))
    for chosen in [*own, *rest]:
        value = resolve_time(chosen.text, ctx.article.date, direction)
        while value is None and len(chosen) > 1 and _name_word(chosen[-1]):
            # "on 13 March Lord Goldsmith met": the NER ran the date into the name after it.
            chosen = chosen[:-1]
            value = resolve_time(chosen.text, ctx.article.date, direction)
        if value is not None:
            return _narrative_year(ctx, chosen, value) if direction == "past" else value
    return None


def _name_word(t: Token) -> bool:
    """A capitalised word that is no part of a date: "Lord", "Roe"."""
    low = t.lower_.rstrip(".")
    return t.text[:1].isupper() and t.is_alpha and low not in lx.MONTHS and low not in lx.WEEKDAYS


# How far back (in tokens) a date with a year sets the year of the dates told after it.
_NARRATIVE_REACH = 400


def _narrative_year(ctx: _Ctx, date: Span, value: TimeValue) -> TimeValue:
    """A day without a year, told after a date with one, is in that year when it is no recent day.

    "Goldsmith warned Blair on 7 March 2003 ... On 13 March he met Falconer" in an article of
    2005 is 2003-03-13, not the last 13 March before the article. A day of the last two months
    ("on 10 February" in February) stays the recent one.
    """
    if len(value.value) != 10 or _YEAR.search(date.text):
        return value
    day = _date.fromisoformat(value.value)
    if (ctx.article.date - day).days <= 62:
        return value
    told = [
        e
        for e in ctx.doc.ents
        if e.label_ == "DATE"
        and date.start - _NARRATIVE_REACH <= e.end <= date.start
        and _YEAR.search(e.text)
    ]
    if not told:
        return value
    then = resolve_time(told[-1].text, ctx.article.date, "past")
    if then is None or len(then.value) < 7:
        return value
    year, month = int(then.value[:4]), int(then.value[5:7])
    if year == day.year or abs(month - day.month) > 2:
        return value
    try:
        moved = day.replace(year=year)
    except ValueError:  # 29 February
        return value
    return TimeValue(moved.isoformat()) if moved <= ctx.article.date else value


def _recent(ctx: _Ctx, tok: Token) -> TimeValue | None:
    """An undated event told in the present, perfect or simple past falls in the article's month.

    News tells what just happened; background in the pluperfect ("had been
    accused") and plans in the future stay undated.
    """
    if _tense(tok) in {"present", "perfect", "past"}:
        return TimeValue(ctx.article.date.isoformat()[:7])
    return None


def _events(ctx: _Ctx) -> Iterator[Event]:
    # The date of the previous sentence's first dated event, for "that mission" in the next.
    prev_dated: TimeValue | None = None
    prev_year: int | None = None
    for sent in ctx.doc.sents:
        sent_dated: TimeValue | None = None
        if any(e.label_ == "DATE" for e in sent.ents):
            _day_anchors(ctx, sent)
        # "One year later he was fired": years counted from the last year the sentence before gave.
        later = _years_later(sent.text)
        shifted = TimeValue(str(prev_year + later)) if later is not None and prev_year is not None else None
        for tok in sent:
            code = _family(tok)
            if code is None or (tok.i in ctx.by_token and tok.text[:1].isupper()):
                continue  # a word of a name ("Band Aid", "Summit Partners") is no event
            parts = _participants(ctx, tok) or _group_members(ctx, tok) or _light_verb_actors(ctx, tok)
            if parts and tok.pos_ == "VERB":
                parts += [a for a in _governed_actors(ctx, tok) if a not in parts]
                parts += [a for a in _relative_owner(ctx, tok) if a not in parts]
            if not parts:
                continue
            date = _date_for(ctx, tok, sent) or shifted
            explicit = date
            if (
                date is None
                and prev_dated is not None
                and (_refers_back(sent) or _tense(tok) in {"past", "pluperfect"})
                and prev_dated.value <= ctx.article.date.isoformat()[: len(prev_dated.value)]
            ):
                # "That mission ..." continues the event the previous sentence dated; so does
                # a narrative in the past tense, unless that date lies after the article's (a plan).
                date = prev_dated
            keys = _arg_keys(parts[:1])  # who acts (named first), not whom it befalls
            if explicit is not None and len(explicit.value) == 10:
                if explicit.value <= ctx.article.date.isoformat():  # a plan's day tells no past
                    ctx.anchors.append((explicit, keys))
            elif date is None and _tense(tok) == "past":
                date = _anchor_for(ctx, keys)
            date = date or _recent(ctx, tok)
            sent_dated = sent_dated or explicit
            yield Event(
                code,
                _trigger_lemma(tok),
                tuple(parts),
                _place(ctx, tok),
                date,
                _evidence(ctx, sent, tok.idx, tok.idx + len(tok.text)),
            )
        prev_dated = sent_dated
        years = _YEAR.findall(sent.text)
        prev_year = int(years[-1]) if years else (int(shifted.value) if shifted else None)


_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
# Verbs that only carry an event noun: "went on strike", "staged a protest", "held talks".
CARRIER_VERBS = frozenset(
    ["go", "stage", "hold", "call", "launch", "begin", "start", "mount", "conduct", "carry"]
)


def _light_verb_actors(ctx: _Ctx, noun: Token) -> list[Arg]:
    """Who does what an event noun names, when a light verb carries it: its subject's actors
    ("Workers at Acme went on strike": Acme)."""
    if noun.pos_ != "NOUN":
        return []
    verb = noun.head.head if noun.dep_ == "pobj" and noun.head.dep_ == "prep" else noun.head
    # (The lemmatiser makes "staged" "stag".)
    light = verb.lemma_.lower() in CARRIER_VERBS or verb.lower_ in {"staged", "stages", "staging"}
    if noun.dep_ not in {"dobj", "pobj"} or verb.pos_ != "VERB" or not light:
        return []
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    return [a for c in subjects for a in _participants_of_subject(ctx, c)]


def _participants_of_subject(ctx: _Ctx, subj: Token) -> list[Arg]:
    """The actors a subject names: itself, or the organisation of "workers at Acme"."""
    named = _span_args(ctx, subj)
    if named:
        return [a for a in named if not isinstance(a, str) or not a.startswith("title:")]
    return [
        a
        for c in subj.children
        if c.dep_ == "prep" and c.lower_ in {"at", "of", "from"}
        for q in c.children
        if q.dep_ == "pobj"
        for a in _span_args(ctx, q)
        if isinstance(a, Mention) and _is_actor(a) and not _full_person(a)
    ]


_LATER = re.compile(r"\b(a|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}) years? later\b", re.I)
_COUNTS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_COUNTS |= {"nine": 9, "ten": 10}


def _years_later(text: str) -> int | None:
    """ "One year later" -> 1, "three years later" -> 3."""
    m = _LATER.search(text)
    if m is None:
        return None
    word = m.group(1).lower()
    return int(word) if word.isdigit() else _COUNTS[word]


def _day_anchors(ctx: _Ctx, sent: Span) -> None:
    """Days the sentence dates what its subjects did ("Jane Doe gave a keynote on Monday"), for
    what the story goes on to tell of them (see ``_anchor_for``)."""
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        subj = _subjects(tok)
        if not subj:
            continue
        date = _date_for(ctx, tok, sent)
        if date is None or len(date.value) != 10 or date.value > ctx.article.date.isoformat():
            continue
        keys = _arg_keys([a for s in subj for a in _span_args(ctx, s)])
        if keys:
            ctx.anchors.append((date, keys))


def _arg_keys(args: Sequence[Arg]) -> frozenset[str]:
    """Names to match an event's actors by: a mention's name, and a person's surname ("doe")."""
    out: set[str] = set()
    for a in args:
        if isinstance(a, Mention):
            name = lx.fold(a.text)
            if name:
                out.add(name)
                if _is_person(a):
                    out.add(name.split()[-1])
        else:
            out.add(a)
    return frozenset(out)


def _anchor_for(ctx: _Ctx, keys: frozenset[str]) -> TimeValue | None:
    """The day of the latest event dated to the day that shares an actor with ``keys``: "Jane Doe
    gave a keynote on Monday. ... Doe announced that ..." tells of that Monday."""
    for date, actors in reversed(ctx.anchors):
        if actors & keys:
            return date
    return None


def _relative_owner(ctx: _Ctx, verb: Token) -> list[Arg]:
    """Whose thing a relative clause's event befalls: "Acme offered £1bn, which was rejected
    by Beta" has Acme, the one who made the offer, take part in the rejection."""
    if verb.dep_ != "relcl" or not any(
        c.dep_ in {"nsubjpass", "nsubj"} and c.lower_ in {"which", "that"} for c in verb.children
    ):
        return []
    thing = verb.head
    owners = [a for a in _span_args(ctx, thing) if _is_actor(a)]
    if thing.dep_ in {"dobj", "attr"} and thing.head.pos_ == "VERB":
        owners += [
            a for c in thing.head.children if c.dep_ == "nsubj" for a in _span_args(ctx, c) if _is_actor(a)
        ]
    return owners


def _governed_actors(ctx: _Ctx, verb: Token) -> list[Arg]:
    """People and organisations named anywhere in the clause a trigger verb governs, outside
    clauses of their own: "accused Jane Doe of missing Acme's targets" has Acme take part too."""
    out: list[Arg] = []
    stack = [
        c for c in verb.children if c.dep_ not in {"ccomp", "advcl", "relcl", "csubj", "parataxis", "conj"}
    ]
    while stack:
        t = stack.pop()
        m = ctx.by_token.get(t.i)
        if m is not None and _is_actor(m) and m not in out and "common" not in m.hints:
            out.append(m)
        ref = _demonym_ref(t) if m is None else None
        if ref is not None and ref not in out:
            out.append(ref)
        stack.extend(c for c in t.children if c.dep_ not in {"relcl", "ccomp", "advcl", "acl", "appos"})
    return out


def _refers_back(sent: Span) -> bool:
    """ "that mission", "the operation": the sentence continues an event just told."""
    return any(
        t.lower_ in {"that", "this", "the"} and t.head.lemma_.lower() in EVENT_NOUNS and t.dep_ == "det"
        for t in sent[:6]
    )


# -------------------------------------------------------------- statements
_QUOTE = re.compile(r"[“\"]([^”\"]{3,})[”\"]")


# Documents that speak: "the report said".
_DOCUMENTS = frozenset(["report", "study", "survey", "review", "inquiry"])
# Speech verbs that report words only with a clause: "reported that", not "reported a loss".
_CLAUSE_ONLY = frozenset(["report"])


def _statements(ctx: _Ctx) -> Iterator[Statement]:
    # The organisation that spoke last, and whether the last speaking subject was a document
    # ("The report said ... , it said"): a document with no owner named speaks for that one.
    last_org: Arg | None = None
    document = False
    for sent in ctx.doc.sents:
        for tok in sent:
            if tok.pos_ != "VERB" or not (tok.lemma_.lower() in SPEECH_VERBS or _quoting(tok)):
                continue
            if tok.lemma_.lower() in _CLAUSE_ONLY and not any(c.dep_ == "ccomp" for c in tok.children):
                continue  # "reported that ..." reports words; "reported a loss" is an announcement
            subj = [c for c in tok.children if c.dep_ == "nsubj"]
            if not subj and tok.dep_ == "conj":
                # "X turned to the books and in September said ...": the first verb's subject speaks.
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            if not subj and tok.dep_ == "xcomp":
                # "X was forced to deny ...", "X declined to say": the verb above has the speaker.
                subj = [c for c in tok.head.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if not subj and tok.dep_ == "advcl" and tok.tag_ == "VBG":
                # "Acme backs the bill, saying it ...", "Beta appealed, claiming ...": who acts speaks.
                subj = [c for c in tok.head.children if c.dep_ == "nsubj"]
            also: list[Arg] = []
            if subj:
                # Two subjects where the parse split a name from its title ("Acme Corp senior
                # vice president Jane Doe said"): the one nearer the verb speaks.
                first = min(subj, key=lambda c: abs(c.i - tok.i))
                speaker = _speaker(ctx, first)
                unowned = first.lower_ in _DOCUMENTS and speaker is None
                if unowned or (first.lower_ == "it" and document):
                    # "The committee said ... The report said ...": the committee's report.
                    speaker = last_org
                document = unowned or (first.lower_ == "it" and document)
                # "Acme and Beta said": each of them.
                also = [a for c in first.conjuncts if (a := _speaker(ctx, c)) is not None and _is_actor(a)]
            elif tok.i > sent.start and tok.i - 1 in ctx.by_token and _full_person(ctx.by_token[tok.i - 1]):
                # A name right before the verb speaks, whatever the parse made of a long sentence.
                speaker = ctx.by_token[tok.i - 1]
            elif (owner := _publisher(ctx, tok)) is not None:
                speaker = owner  # "as stated on the Acme website"
            else:
                continue
            if speaker is None:
                continue
            outlet: Arg | None = None
            for c in tok.children:
                if c.dep_ in {"dobj", "dative"} and tok.lemma_.lower() == "tell":
                    # "told BBC News Labour MPs would ...": the first name is the one told.
                    told = sorted(
                        _span_args(ctx, c), key=lambda a: a.start if isinstance(a, Mention) else 1 << 30
                    )
                    outlet = _prefer_org(told)
                if c.dep_ == "prep" and c.lower_ == "to":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            outlet = _mention_at(ctx, p)
            outlet = outlet or _interview_outlet(ctx, tok)
            quotes = _QUOTE.findall(sent.text)
            quote = " ".join(quotes) if quotes else ""
            if not quote:
                # "X said: “…" with the quotation running past the sentence.
                after = sent.text[tok.idx + len(tok.text) - sent.start_char :]
                opened = re.search(r"[“\"](.{3,})$", after)
                if opened:
                    quote = opened.group(1)
            if not quote:
                comp = [c for c in tok.children if c.dep_ == "ccomp"]
                if not comp and tok.lemma_.lower() in ANNOUNCE_VERBS:
                    # "Acme has announced sweeping cuts": what is announced is what is said.
                    comp = [c for c in tok.children if c.dep_ == "dobj"]
                if comp:
                    sub = list(comp[0].subtree)
                    quote = ctx.doc[sub[0].i : sub[-1].i + 1].text
            if not quote and outlet is None:
                continue
            evidence = _evidence(ctx, sent, tok.idx, tok.idx + len(tok.text))
            if isinstance(speaker, Mention) and not _is_person(speaker) and _is_actor(speaker):
                last_org = speaker
            for who in dict.fromkeys([speaker, *also]):
                yield Statement(who, outlet, quote[:1000], evidence)


# Speech verbs whose object is what is said: "announced job cuts", "revealed a loss",
# "estimated a 30% saving".
ANNOUNCE_VERBS = frozenset(
    ["announce", "reveal", "disclose", "confirm", "report", "deny", "estimate", "forecast", "predict"]
)
# Verbs that speak only with a quotation in their phrase: "called the deal “a scandal”",
# "advises the minister: “Act now.”"; "called for talks" and "advised on the sale" say nothing.
QUOTING_VERBS = frozenset(["call", "advise", "dub", "brand", "label"])


def _quoting(verb: Token) -> bool:
    """Whether ``verb`` is one of QUOTING_VERBS with a quotation in its phrase."""
    if verb.lemma_.lower() not in QUOTING_VERBS:
        return False
    span = verb.doc[verb.left_edge.i : verb.right_edge.i + 1]
    tail = verb.sent.text[verb.idx - verb.sent.start_char :]
    return bool(_QUOTE.search(span.text) or re.match(r"[^“\"]*:\s*[“\"]", tail))


# Where words are said to an outlet: "in a BBC interview", "on its Today programme".
INTERVIEW_NOUNS = frozenset(
    ["interview", "broadcast", "programme", "program", "show", "podcast", "briefing", "column", "op-ed"]
)


def _interview_outlet(ctx: _Ctx, verb: Token) -> Arg | None:
    """The outlet of "In a BBC interview, X said", "X said in an interview with Acme News",
    "X said on Acme Radio", "speaking to Acme Radio, X said"."""
    preps = [c for c in verb.children if c.dep_ == "prep"]
    for adv in verb.children:
        if adv.dep_ in {"advcl", "xcomp"} and adv.lemma_.lower() in {"speak", "talk", "write"}:
            preps += [c for c in adv.children if c.dep_ == "prep" and c.lower_ in {"to", "on", "in"}]
    for prep in preps:
        if prep.lower_ not in {"in", "during", "on", "to", "with"}:
            continue
        for p in prep.children:
            if p.dep_ != "pobj":
                continue
            if p.lemma_.lower() in {"statement", "letter", "filing"}:
                # "said in a statement to the Acme stock exchange": whom the statement is made to.
                told = [
                    ctx.by_token[q.i]
                    for c in p.children
                    if c.dep_ == "prep" and c.lower_ == "to"
                    for q in c.subtree
                    if q.i in ctx.by_token and not _full_person(ctx.by_token[q.i])
                ]
                if told:
                    return _prefer_org(told)
            elif p.lemma_.lower() in INTERVIEW_NOUNS:
                inner = [t for t in p.subtree if t.i != p.i and t.i in ctx.by_token]
                orgs = [ctx.by_token[t.i] for t in inner if not _full_person(ctx.by_token[t.i])]
                if orgs:
                    return _prefer_org(orgs)
            elif prep.lower_ in {"on", "to"} and p.i in ctx.by_token and verb.lemma_.lower() != "tell":
                m = ctx.by_token[p.i]
                if _outlet(m) or "ner:ORG" in m.hints:
                    return m
    return None


def _statement_events(ctx: _Ctx, statements: Sequence[Statement], events: Sequence[Event]) -> Iterator[Event]:
    """Each statement is also a CAMEO 01 (Make statement) event of its speaker, as GDELT codes it.

    A speech verb that is itself a trigger ("denied", "warned", "admitted") already made the
    event of its own family; the statement adds none then. The date is the sentence's, else
    the article's month for what is told in the present or the past.
    """
    triggers = {(ev.article_id, ev.start) for e in events for ev in e.evidence}
    # One event per speech verb: a spokesperson and the organisation speak in one act.
    speakers: dict[tuple[str, int], list[Statement]] = {}
    for st in statements:
        ev = st.evidence[0]
        if (ev.article_id, ev.start) not in triggers and ev.start >= 0:
            speakers.setdefault((ev.article_id, ev.start), []).append(st)
    for said in speakers.values():
        ev = said[0].evidence[0]
        span = ctx.doc.char_span(ev.start, ev.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        # Whom the words are for or about, where the verb says so: "described him as", "responded
        # to Jane Doe's death", "told Acme".
        # (Not the outlet told: two people's words to one newspaper are two statements.)
        outlets = {st.outlet for st in said}
        # And whom the words are about, as GDELT's second actor: who acts in the clause they
        # report ("said Acme Corp would cut jobs", "We are working with Acme Corp").
        reported = _reported(tok) if tok.pos_ == "VERB" else []
        # "We" and "I" in the words are the speaker's side, whatever they were resolved to.
        selves = {
            a for c in reported for t in c.subtree if t.lower_ in _FIRST_PERSON for a in _span_args(ctx, t)
        }
        about = [
            a
            for t in ([tok, *reported] if tok.pos_ == "VERB" else [])
            for a in _participants(ctx, t)
            if _is_actor(a) and a not in outlets and a not in selves
        ]
        who = tuple(dict.fromkeys([*(st.speaker for st in said), *about]))
        date = _date_for(ctx, tok, tok.sent)
        if date is None and _tense(tok) == "past":
            date = _anchor_for(ctx, _arg_keys([st.speaker for st in said]))
        if (
            date is None
            and tok.lemma_.lower() in REPORTING_VERBS
            and tok.tag_ in {"VBD", "VBZ", "VBP"}
            and _tense(tok) in {"past", "present"}
        ):
            # Undated words a report gives in the plain past or present ("said", "says") are
            # the report's own news: dated the day it was published, as GDELT dates them.
            # (Not a response or a claim, which may be older than the report.)
            date = TimeValue(ctx.article.date.isoformat())
        date = date or _recent(ctx, tok)
        yield Event("01", tok.lemma_.lower(), who, None, date, said[0].evidence)


_FIRST_PERSON = frozenset(["i", "me", "my", "we", "us", "our"])
# The verbs a report gives its news with: what its sources said or announced.
REPORTING_VERBS = frozenset(["say", "tell", "add", "state", "note", "explain", "comment", "announce"])


def _reported(verb: Token) -> list[Token]:
    """The verbs of the clause a speech verb reports: its clausal complement ("said the plan
    would fail"), or the quotation it is set into ('"We will win," he said', parsed either way).
    """
    out = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in {"VERB", "AUX"}]
    if verb.dep_ in {"parataxis", "ccomp"} and verb.head.pos_ in {"VERB", "AUX"} and verb.head.dep_ == "ROOT":
        out.append(verb.head)
    return out


# Nouns that speak for someone else: "a spokesman for X", "X's spokeswoman", "a statement from X".
MOUTHPIECES = frozenset(
    [
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "representative",
        "statement",
        "letter",
        "email",
        "e-mail",
        "memo",
        "release",
        "announcement",
        "lawyer",
        "lawyers",
        "report",
        "study",
        "survey",
        "filing",
    ]
)


def _speaker(ctx: _Ctx, subj: Token) -> Arg | None:
    """Who speaks through the subject of a speech verb.

    A name or pronoun speaks for itself; "a spokesman for X", "X's spokeswoman"
    and "a statement from X" speak for X; a title before or beside a name ("Chief
    investment officer at Acme Jane Doe said") is that person.
    """
    if subj.lower_ in {"who", "that"} and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "denied by a party spokesman, who said": the spokesman speaks
    arg = _mention_at(ctx, subj)
    if isinstance(arg, str) and arg.startswith("title:"):
        # "The general counsel of Acme, Jane Doe, said": the name beside the title speaks.
        named = [
            ctx.by_token[t.i]
            for t in subj.subtree
            if t.dep_ == "appos" and t.i in ctx.by_token and _is_person(ctx.by_token[t.i])
        ]
        # "The company president and CEO Jane Doe said": a full name inside the subject.
        named += [
            ctx.by_token[t.i]
            for t in subj.subtree
            if t.i in ctx.by_token and _full_person(ctx.by_token[t.i]) and ctx.by_token[t.i] not in named
        ]
        if named:
            return named[0]
    if arg is not None and not (isinstance(arg, str) and subj.lower_ in MOUTHPIECES):
        return arg
    if subj.lower_ in MOUTHPIECES:
        for c in subj.children:
            if c.dep_ == "prep" and c.lower_ in {"for", "from", "of"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        owner = _prefer_org(_span_args(ctx, p))
                        if owner is not None:
                            return owner
        # "A statement on Acme's website said": the website's owner.
        if (owner := _publisher(ctx, subj)) is not None:
            return owner
        owners = [
            ctx.by_token[c.i] for c in subj.children if c.dep_ in {"poss", "compound"} and c.i in ctx.by_token
        ]
        if owners:
            return owners[0]
    if arg is None:
        # "The watchdog's chief accountant Donald Nicolaisen said": the person apposed to the noun;
        # "A rival carmaker, Acme Motors, has said": the organisation.
        apposed = [
            m
            for c in subj.children
            if c.dep_ == "appos"
            and (m := ctx.by_token.get(c.i)) is not None
            and (_full_person(m) or (not _is_person(m) and _is_actor(m)))
        ]
        if apposed:
            return apposed[0]
    if subj.lower_ in lx.TITLE_WORDS or subj.lemma_.lower() in lx.TITLE_WORDS:
        people = [
            ctx.by_token[t.i] for t in subj.subtree if t.i in ctx.by_token and _full_person(ctx.by_token[t.i])
        ]
        if people:
            return people[-1]
    return arg


# Where an organisation publishes its own words: "on Acme's website", "on the Acme blog".
PUBLICATION_NOUNS = frozenset(["website", "site", "web site", "blog", "homepage", "webpage", "page"])


def _publisher(ctx: _Ctx, word: Token) -> Arg | None:
    """The actor whose publication an "on ..." phrase of ``word`` names: "stated on the Acme website"."""
    for c in word.children:
        if c.dep_ != "prep" or c.lower_ not in {"on", "in"}:
            continue
        for p in c.children:
            if p.dep_ != "pobj" or p.lower_ not in PUBLICATION_NOUNS:
                continue
            owners = [
                a
                for o in p.children
                if o.dep_ in {"poss", "compound"} and (a := _mention_at(ctx, o)) is not None and _is_actor(a)
            ]
            if owners:
                return owners[0]
    return None


# Titles of people whose words are their organisation's: "a spokesman for Acme said".
SPOKESPERSON_TITLES = frozenset(
    ["spokesman", "spokeswoman", "spokesperson", "representative", "press secretary", "mouthpiece"]
)


LEADER_TITLES = frozenset(
    [
        "chief executive",
        "ceo",
        "chairman",
        "chairwoman",
        "chair",
        "president",
        "director-general",
        "secretary-general",
    ]
)


def _spoken_for(ctx: _Ctx, statements: Sequence[Statement]) -> list[Statement]:
    """The organisation's statement beside its spokesperson's: "said Jane Doe, a spokeswoman for Acme".

    A company's head speaks for it where the sentence names both ("Acme chief executive Jane
    Doe stated that ..."; GDELT codes the company as the actor).
    """
    speaks_for: dict[str, Arg] = {}
    leads: dict[tuple[str, int], Arg] = {}
    for r in ctx.roles:
        if r.organisation is None or not isinstance(r.person, Mention) or r.former:
            continue
        title = r.title.lower()
        if title in SPOKESPERSON_TITLES:
            speaks_for.setdefault(lx.fold(r.person.text), r.organisation)
        elif title in LEADER_TITLES or " ".join(title.split()[-2:]) in LEADER_TITLES:
            leads[(lx.fold(r.person.text), r.evidence[0].sent_start)] = r.organisation
    out: list[Statement] = []
    for st in statements:
        if not isinstance(st.speaker, Mention):
            continue
        name = lx.fold(st.speaker.text)
        org = speaks_for.get(name) or leads.get((name, st.evidence[0].sent_start))
        if org is not None and org != st.speaker:
            out.append(Statement(org, st.outlet, st.quote, st.evidence))
    return out


def _quoted_by(ctx: _Ctx) -> Iterator[Statement]:
    """ "The Telegraph quoted an executive at Acme as saying …", "It quoted a spokesman for Acme
    complaining that …": the one quoted speaks (for the organisation of an unnamed employee), to
    the outlet that quotes."""
    for tok in ctx.doc:
        if tok.lemma_.lower() != "quote" or tok.pos_ != "VERB":
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if obj is None or subj is None:
            continue
        saying = next(
            (t for t in tok.subtree if t.i > obj.i and t.tag_ == "VBG" and t.lemma_.lower() in SPEECH_VERBS),
            None,
        )
        if saying is None:
            continue  # "quoted figures", "quoted a price": no words reported
        speaker = _speaker(ctx, obj)
        if speaker is None:
            # "an unnamed executive at Acme": the organisation speaks (the parse may hang "at" on the verb).
            end = max(t.i for t in obj.subtree)
            speaker = next(
                (
                    a
                    for c in [*obj.children, *(c for c in tok.children if c.i == end + 1)]
                    if c.dep_ == "prep" and c.lower_ in {"at", "of", "from", "for"}
                    for p in c.children
                    if p.dep_ == "pobj"
                    for a in _span_args(ctx, p)
                    if _is_actor(a)
                ),
                None,
            )
        outlet = _mention_at(ctx, subj) or next(
            (
                ctx.by_token[t.i]
                for t in subj.subtree
                if t.i in ctx.by_token and not _is_person(ctx.by_token[t.i])
            ),
            None,
        )
        if speaker is None or not _is_actor(speaker) or speaker == outlet:
            continue
        sent = tok.sent
        words = [t for c in saying.children if c.dep_ == "ccomp" for t in c.subtree]
        quote = " ".join(_QUOTE.findall(sent.text)) or (
            ctx.doc[words[0].i : words[-1].i + 1].text if words else ""
        )
        yield Statement(speaker, outlet, quote[:1000], _evidence(ctx, sent, tok.idx, tok.idx + len(tok.text)))


def _quote_attributions(ctx: _Ctx, said: set[int]) -> Iterator[Statement]:
    """ "…," claims writer Jane Doe.": a speech verb right after a quotation, then the speaker,
    where the parse took the verb for a noun; only in sentences with no statement yet."""
    doc = ctx.doc
    for sent in doc.sents:
        if sent.start_char in said:
            continue
        for tok in sent[2:]:
            if doc[tok.i - 1].tag_ != "''" or doc[tok.i - 2].text not in {",", "?", "!"}:
                continue
            if tok.lemma_.lower() not in SPEECH_VERBS and tok.lower_ not in SPEECH_VERBS:
                break
            k = tok.i + 1
            while (
                k < sent.end
                and k not in ctx.by_token
                and (
                    doc[k].lower_ in lx.TITLE_WORDS or doc[k].lower_ in {"the", "a", "an"} or doc[k].is_lower
                )
                and k - tok.i <= 6
            ):
                k += 1
            speaker = ctx.by_token.get(k)
            if speaker is None or not _is_actor(speaker):
                break
            quote = " ".join(_QUOTE.findall(sent.text))
            if quote:
                yield Statement(
                    speaker, None, quote[:1000], _evidence(ctx, sent, tok.idx, tok.idx + len(tok.text))
                )
            break


def _according_to(ctx: _Ctx) -> Iterator[Statement]:
    """ "According to X, ...": X says the sentence."""
    for tok in ctx.doc:
        if tok.lower_ != "according":
            continue
        to = [c for c in tok.children if c.lower_ == "to"] or (
            [tok.nbor()] if tok.i + 1 < len(ctx.doc) else []
        )
        for prep in to:
            for p in prep.children:
                if p.dep_ == "pobj":
                    speaker = _prefer_org(_span_args(ctx, p))
                    if speaker is not None and _is_actor(speaker):
                        sent = tok.sent
                        yield Statement(
                            speaker,
                            None,
                            sent.text[:1000],
                            _evidence(ctx, sent, tok.idx, p.idx + len(p.text)),
                        )
