"""Entity resolution: mentions of all articles -> typed ``Entity`` records.

Mentions are grouped by their folded surface form; groups are then joined
when the story itself ties them: a surname or first name to the one full name
that has it, an acronym to the name whose initials it is (or that the text
defines), "Justice Department" to "Department of Justice", "Acme Corp" to
"Acme". The type of each joined entity is a vote over all its mentions' NER
labels and context cues, so one bad NER label does not decide it.

>>> from kg.model import Mention
>>> def m(text, label, hints=()):
...     return Mention(text, label, "a1", 0, len(text), 0, 10, "s", tuple(hints))
>>> ents, _ = resolve([m("Jane Doe", "Person", ["ner:PERSON"]), m("Doe", "Place", ["ner:GPE"])])
>>> [(e.name, e.type.value, e.aliases) for e in ents]
[('Jane Doe', 'Person', ('Doe',))]
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import replace

from .extract import lexicon as lx
from .extract.entities import ALIAS, MODEL_OF, SAME, STYLED, initials_match
from .model import (
    Age,
    Arg,
    Contract,
    Entity,
    EntityType,
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

# Cue -> (type, weight). NER labels are weak votes; cues from the text are stronger.
WEIGHTS: dict[str, tuple[str, float]] = {
    "ner:PERSON": ("Person", 1.0),
    "ner:ORG": ("Organisation", 1.0),
    "ner:GPE": ("Place", 1.0),
    "ner:LOC": ("Place", 1.0),
    "ner:FAC": ("Place", 0.7),
    "ner:PRODUCT": ("Product", 1.0),
    "ner:LAW": ("Law", 1.0),
    "ner:NORP": ("Organisation", 0.5),
    "org:suffix": ("Organisation", 3.0),
    "org:party": ("Organisation", 3.0),
    "org:title-after": ("Organisation", 2.0),
    "org:apposed-title": ("Organisation", 2.0),
    "org:title-of": ("Organisation", 2.0),
    "org:staff-at": ("Organisation", 1.5),
    "org:the-plural": ("Organisation", 1.5),
    "org:government": ("Organisation", 3.0),
    "product:head": ("Product", 2.0),
    "org:noun-after": ("Organisation", 1.5),
    "org:noun-before": ("Organisation", 2.0),
    "org:appos": ("Organisation", 2.0),
    "org:group-after": ("Organisation", 0.0),
    "org:possession": ("Organisation", 1.5),
    "outlet:told": ("Organisation", 2.5),
    "outlet:reported": ("Organisation", 2.5),
    "outlet:according": ("Organisation", 1.5),
    "person:title-before": ("Person", 2.0),
    "person:appos": ("Person", 2.0),
    "product:noun-after": ("Product", 2.5),
    "product:noun-before": ("Product", 3.0),
    "product:launched": ("Product", 2.0),
    "product:copies-of": ("Product", 2.5),
    "product:brand": ("Product", 3.0),
    "product:line": ("Product", 2.5),
    "product:appos": ("Product", 3.0),
    "product:made-by": ("Product", 2.0),
    "product:model": ("Product", 3.0),
    "product:work": ("Product", 3.0),
    # Cues from the facts a mention takes part in (see ``kg.extract.with_fact_cues``).
    "org:role-of": ("Organisation", 2.0),
    "org:maker": ("Organisation", 2.0),
    "product:of-maker": ("Product", 2.0),
    "org:agent": ("Organisation", 1.5),
    "person:role": ("Person", 1.5),
    "person:age": ("Person", 1.5),
    "product:owned": ("Product", 1.5),
    "law:suffix": ("Law", 3.0),
    "place:gazetteer": ("Place", 2.5),
    # Below an NER organisation label: many companies share a small town's name.
    "place:town": ("Place", 0.9),
    "org:maker-of": ("Organisation", 1.5),
    "place:suffix": ("Place", 1.5),
    "place:from": ("Place", 2.0),
}
# Cues that alone justify keeping a proper noun the NER did not label.
SUPPORT = {k for k, (_, w) in WEIGHTS.items() if not k.startswith("ner:") and w >= 1.5}
CORPORATE = frozenset(
    [
        "inc",
        "corp",
        "co",
        "ltd",
        "llc",
        "plc",
        "corporation",
        "company",
        "group",
        "holdings",
        "sa",
        "ag",
        "nv",
        "spa",
        "gmbh",
        "bv",
        "ab",
        "asa",
        "oyj",
        "se",
        "limited",
        "incorporated",
        "pty",
        "lp",
        "llp",
        "kk",
    ]
)
# Words after a company's own name that only say its trade: "Acme Motor Company", "Acme Airlines".
# ("Acme Financial", "Acme Capital" are mostly the company's lending or investing arm: not here.)
INDUSTRY_WORDS = frozenset(
    [
        "motor",
        "motors",
        "airlines",
        "airways",
        "computer",
        "computers",
        "software",
        "systems",
        "technologies",
        "technology",
        "pharmaceuticals",
        "pharmaceutical",
        "foods",
        "communications",
        "entertainment",
        "studios",
        "pictures",
        "records",
        "energy",
        "petroleum",
        "oil",
        "electric",
        "electronics",
        "chemicals",
        "steel",
        "mining",
        "insurance",
        "investors",
        "international",
        "industries",
        "enterprises",
        "automotive",
        "aerospace",
        "media",
        "networks",
        "telecom",
        "telecommunications",
        "brands",
        "stores",
        "resources",
        "products",
        "labs",
        "laboratories",
        "semiconductor",
        "bank",
        "brewery",
        "breweries",
    ]
)
REORDER_NOUNS = frozenset(
    ["department", "ministry", "office", "bureau", "agency", "service", "council", "committee"]
)


class _Union:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Deterministic root: the lexically smaller key.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


def _vote(mentions: Iterable[Mention]) -> dict[str, float]:
    votes: dict[str, float] = defaultdict(float)
    ms = list(mentions)
    # "the film Iron Harvest": the NER reads many titles as people's names; a work's noun before
    # the name outweighs that, so no full personal name is assumed then.
    work = any("product:work" in m.hints for m in ms)
    # "airline Virgin Mars", "the bank Kappa Stone": an organisation's noun right before the name.
    work = work or any("org:noun-before" in m.hints for m in ms)
    # "its brands include Kelso Pale Ale": a name in a brand list is no person's.
    work = work or any("product:brand" in m.hints or "product:line" in m.hints for m in ms)
    full_person = not work and any(
        "ner:PERSON" in m.hints
        and len(m.text.split()) >= 2
        and "org:suffix" not in m.hints
        and "product:head" not in m.hints
        and not lx.is_brand(m.text)
        for m in ms
    )
    agentive = any("org:agent" in m.hints for m in ms)
    for m in ms:
        brand = lx.is_brand(m.text)
        if brand:
            # ... and is more often a product's name than a company's in the news ("xPad", "xTunes").
            votes["Product"] += 0.75
        for h in m.hints:
            if h in WEIGHTS:
                kind, w = WEIGHTS[h]
                # A full personal name that is "told" something is still a person.
                if full_person and h.startswith(("outlet:", "org:possession", "product:")):
                    continue
                # A lone word labelled PERSON is often a company ("told Acme"): a weak vote.
                if h == "ner:PERSON" and " " not in m.text.strip():
                    w = 0.5
                # The tagger learnt ORG from capitalised names; a brand written "xName" is as often
                # a product as a company, so its ORG label is a weak vote.
                if h in {"ner:ORG", "ner:NORP", "ner:PERSON"} and brand:
                    w = 0.5 if h == "ner:ORG" else 0.0
                # A place no gazetteer knows that acts like a company ("Acme sues") was misread.
                if h in {"ner:GPE", "ner:LOC"} and "place:unknown" in m.hints and agentive:
                    w = 0.5
                votes[kind] += w
    if full_person:
        votes["Person"] += 2.0
    return votes


def _type_of(votes: dict[str, float]) -> str | None:
    if not votes:
        return None
    order = ["Person", "Organisation", "Place", "Product", "Law"]
    best = max(order, key=lambda k: (votes.get(k, 0.0), -order.index(k)))
    return best if votes.get(best, 0.0) > 0 else None


def _bases(key: str) -> set[str]:
    """Keys that name the same organisation: with the country written out and, for long
    names, without it ("US Acme Trading Co" ~ "Acme Trading")."""
    base = _base(key)
    out = {base}
    words = key.split()
    if len(words) > 2 and lx.country_of_code(words[0]) is not None:
        out.add(_base(" ".join(words[1:])))
    return out


def _base(key: str) -> str:
    """A name without corporate suffixes, its country written out: "US Acme Corp" -> "united states acme".

    >>> _base("u.s. senate") == _base("united states senate")
    True
    """
    party = lx.party_key(key)
    if party is not None:
        # "Tories", "Conservative Party" and "Conservative" are one party.
        return party
    words = key.split()
    while len(words) > 1 and words[-1].rstrip(".") in CORPORATE:
        words = words[:-1]
    if len(words) >= 2:
        country = lx.country_of_code(words[0])
        if country is not None:
            words = [*lx.fold(country).split(), *words[1:]]
    return " ".join(words)


def _shortens(short: list[str], long: list[str], place: bool) -> bool:
    """Whether ``short`` drops inner words of ``long`` (same first and last word), or is a
    place's first word ("guantanamo" of "guantanamo bay")."""
    if len(short) == 1 and not place:
        # "Senate" of "United States Senate": the rest is a country's name.
        rest = " ".join(long[:-1])
        return long[-1] == short[0] and (
            lx.fold(rest) in lx.country_names() or lx.country_of_code(rest) is not None
        )
    if len(short) == 1:
        return (
            place
            and long[0] == short[0]
            and short[0] not in {"new", "south", "north", "east", "west", "san", "st"}
        )
    if short[0] != long[0] or short[-1] != long[-1]:
        return False
    it = iter(long)
    return all(w in it for w in short)


def _reordered(key: str) -> str | None:
    """ "justice department" -> "department of justice"."""
    words = key.split()
    if len(words) == 2 and words[1] in REORDER_NOUNS:
        return f"{words[1]} of {words[0]}"
    return None


def resolve(
    mentions: Sequence[Mention],
    acronyms: Iterable[tuple[str, str]] = (),
    equivalences: Iterable[tuple[str, str]] = (),
) -> tuple[list[Entity], dict[Mention, str]]:
    """Join ``mentions`` into entities; returns them and each kept mention's entity key."""
    groups: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        k = lx.fold(m.text)
        if " " not in k:
            # "the government" the extraction tied to the article's country is that country's
            # government: grouped by its words alone, every article's would be one entity.
            k = next((h[len(SAME) :] for h in m.hints if h.startswith(SAME)), k)
        if k:
            groups[k].append(m)
    uf = _Union()
    for k in groups:
        uf.find(k)
    prelim = {k: _type_of(_vote(ms)) for k, ms in groups.items()}

    # Corporate suffixes and word order: "Acme Corp" ~ "Acme", "Justice Department" ~ "Department of Justice".
    by_base: dict[str, list[str]] = defaultdict(list)
    for k in groups:
        for b in _bases(k):
            by_base[b].append(k)
        r = _reordered(k)
        if r is not None and r in groups:
            uf.union(k, r)
    for base, ks in by_base.items():
        for other in ks[1:]:
            # A corporate suffix ("Acme Group SpA") vouches for an organisation even if the bare
            # name ("Acme") was once taken for a person.
            suffixed = ks[0] != base or other != base
            if " " in base or suffixed or (prelim.get(ks[0]) != "Person" and prelim.get(other) != "Person"):
                uf.union(ks[0], other)

    # A country's names are one place: "Britain", "the UK", "United Kingdom".
    countries: dict[str, list[str]] = defaultdict(list)
    for k in groups:
        if prelim.get(k) == "Place" and (country := lx.country_of(k)) is not None:
            countries[country].append(k)
    for ks in countries.values():
        for other in ks[1:]:
            uf.union(ks[0], other)

    # Acronyms the text defines, then acronyms whose initials fit exactly one name.
    for short, long in acronyms:
        a, b = lx.fold(short), lx.fold(long)
        if a in groups and b in groups:
            uf.union(a, b)
        elif a in groups:
            # The long form was not a mention of its own (e.g. not an entity span); adopt it as name.
            groups.setdefault(b, [])
            uf.union(a, b)
    multi = [k for k in groups if len(k.split()) >= 2]
    # Indexes keep every step linear in the number of names: a name is compared only with the
    # names that share the initials, first or last word it needs.
    # (Also without a country before the name: "FDA" ~ "U.S. Food and Drug Administration".)
    by_initials = _index(
        (c, _initial_keys(_words(groups[c])) | _initial_keys(_uncountried(_words(groups[c]))))
        for c in multi
        if prelim.get(c) != "Person"
    )
    for k, ms in groups.items():
        surface = ms[0].text if ms else k
        if " " in surface or not (2 <= len(surface) <= 6) or sum(c.isupper() for c in surface) < 2:
            continue
        if uf.find(k) != k and len(groups[uf.find(k)]) == 0:
            continue
        fits = [
            c
            for c in by_initials.get(surface.replace(".", "").casefold(), ())
            if initials_match(surface, _words(groups[c]))
            or initials_match(surface, _uncountried(_words(groups[c])))
        ]
        roots = {uf.find(c) for c in fits}
        if len(roots) == 1:
            uf.union(k, fits[0])

    # Shortened names of one organisation or place: "Acme Distributor" ~ "Acme Funds Distributor",
    # "Guantanamo" ~ "Guantanamo Bay". Only when exactly one longer name fits.
    # Compared without corporate suffixes: "Acme Corp" does not shorten "Acme Finance Corp".
    shape = {c: _base(c).split() if prelim.get(c) == "Organisation" else c.split() for c in multi}
    by_ends = _index(
        (c, [(prelim[c], "first", w[0]), (prelim[c], "last", w[-1]), (prelim[c], w[0], w[-1])])
        for c, w in shape.items()
        if prelim.get(c) in {"Organisation", "Place", "Product"} and w
    )
    for k in groups:
        kind = prelim.get(k)
        if kind not in {"Organisation", "Place", "Product"} or not groups[k]:
            continue
        words = _base(k).split() if kind == "Organisation" else k.split()
        if not words or (kind == "Product" and len(words) < 2):
            continue  # "Acme Store" ~ "Acme Music Store"; "Zephyr" is no shortening of "Zephyr mini"
        if len(words) >= 2 and words[-1] in lx.ORG_SUFFIXES and lx.country_of(" ".join(words[:-1])):
            continue  # "U.S. administration", "U.S. bank": a country's, no shortened agency or firm
        if len(words) >= 2:
            probe: tuple[str | None, str, str] = (kind, words[0], words[-1])
        else:
            probe = (kind, "first" if kind == "Place" else "last", words[0])
        longer = [
            c
            for c in by_ends.get(probe, ())
            if c != k and len(cw := shape[c]) > len(words) and _shortens(words, cw, place=kind == "Place")
        ]
        if len({uf.find(c) for c in longer}) == 1:
            uf.union(k, longer[0])

    # A product by the last word of its name, when one product ends so: "Explorer" ~ "Acme
    # Explorer", "Leopard" ~ "Zephyr OS Leopard". (Not by its first word, which names a family.)
    by_end_word = _index((c, [c.split()[-1]]) for c in multi if prelim.get(c) == "Product")
    for k in groups:
        if " " in k or len(k) < 3 or prelim.get(k) != "Product" or not groups[k]:
            continue
        ends = by_end_word.get(k, [])
        if len({uf.find(c) for c in ends}) == 1:
            uf.union(k, ends[0])

    # A name without the country before it: "Air Force" ~ "United States Air Force", "State Property
    # Agency" ~ "Romanian State Property Agency". Only when exactly one longer name fits.
    by_tail = _index(
        (c, [" ".join(w[i:]) for i in range(1, min(len(w) - 1, 3) + 1) if lx.country_of(" ".join(w[:i]))])
        for c, w in ((c, c.split()) for c in multi)
        if prelim.get(c) == "Organisation" and len(w) >= 3
    )
    for k in multi:
        if prelim.get(k) != "Organisation" or not groups[k]:
            continue
        longer = by_tail.get(k, [])
        if len({uf.find(c) for c in longer}) == 1:
            uf.union(k, longer[0])

    # A company's first word alone: "Acme" ~ "Acme Motor Company", when the rest only says its trade.
    by_first = _index(
        (c, [shape[c][0]])
        for c in multi
        if prelim.get(c) == "Organisation" and all(w in INDUSTRY_WORDS for w in shape[c][1:])
    )
    for k in groups:
        if " " in k or prelim.get(k) != "Organisation" or not groups[k]:
            continue
        trades = [c for c in by_first.get(k, ()) if len(shape[c]) > 1]
        if len({uf.find(c) for c in trades}) == 1:
            uf.union(k, trades[0])

    # "Jane Doe-Smith" ~ "Jane Doe Smith", "Acme-Beta" ~ "Acme Beta": hyphens written or not.
    by_spaced: dict[str, str] = {}
    for k in groups:
        spaced = " ".join(k.replace("-", " ").split())
        if spaced in by_spaced and prelim.get(k) == prelim.get(by_spaced[spaced]):
            uf.union(by_spaced[spaced], k)
        by_spaced.setdefault(spaced, k)

    # "Acme Party" ~ "Acme", both organisations.
    for k in groups:
        bare = k.removesuffix(" party")
        if bare != k and bare in groups and prelim.get(k) == prelim.get(bare) == "Organisation":
            uf.union(k, bare)

    # A two-word company by its last word, when no other name ends so: "Lilly" ~ "Eli Lilly".
    person_named = _index((c, [c.split()[-1]]) for c in multi if len(c.split()) == 2)
    for k in groups:
        if (
            " " in k
            or prelim.get(k) != "Organisation"
            or not groups[k]
            or k in INDUSTRY_WORDS
            or k in CORPORATE
            or k in lx.ORG_SUFFIXES
            or k in lx.ORG_NOUNS
        ):
            continue
        namesakes = list(person_named.get(k, ()))
        if len({uf.find(c) for c in namesakes}) == 1 and prelim.get(namesakes[0]) == "Organisation":
            uf.union(k, namesakes[0])

    # A plural of a name is the name: "two Acme A9s" ~ "Acme A9", "Zephyrs" ~ "Zephyr".
    for k in groups:
        if prelim.get(k) == "Person" or not k.endswith("s") or len(k) < 4:
            continue
        if any(m.text.isupper() for m in groups[k]):
            continue  # "MASS" is no plural of "MAS"
        for singular in (k[:-1], k[:-2] if k.endswith("es") else None):
            if singular and singular in groups and prelim.get(singular) != "Person":
                uf.union(k, singular)
                break

    # One model designation is one product: "Airbus A330" ~ "A330" ~ "A330s" ~ "Air France A330".
    by_model: dict[str, list[str]] = defaultdict(list)
    for k in groups:
        model = _designation(k)
        if model and (prelim.get(k) == "Product" or k.removesuffix("s") == model or k == model):
            by_model[model].append(k)
    for ks in by_model.values():
        if len(ks) > 1 and any(prelim.get(k) == "Product" for k in ks):
            for other in ks[1:]:
                uf.union(ks[0], other)

    # "Acme Roadster" ~ "Roadster": a product named with its maker's name before the model's.
    for k, ms in groups.items():
        maker = next((h[len(MODEL_OF) :] for m in ms for h in m.hints if h.startswith(MODEL_OF)), None)
        if maker is None:
            continue
        rest = k.removeprefix(lx.fold(maker)).strip()
        if rest and rest != k and rest in groups and prelim.get(rest) not in {"Person", "Place"}:
            uf.union(k, rest)

    # Names the extraction knows to be one: "UK government" ~ "British government".
    by_same = _index((k, {h for m in ms for h in m.hints if h.startswith(SAME)}) for k, ms in groups.items())
    for ks in by_same.values():
        for other in ks[1:]:
            uf.union(ks[0], other)

    for a, b in equivalences:
        fa, fb = lx.fold(a), lx.fold(b)
        if fa in groups and fb in groups:
            uf.union(fa, fb)

    # Surnames and first names to the one full personal name that has them.
    persons = [k for k in multi if prelim.get(k) == "Person" and 2 <= len(k.split()) <= 4]
    # "Doe", "Doe-Smith" and "Smith" of "Jane Doe-Smith"; "Doe-Smith" of "Jane Doe Smith" too.
    by_last_word = _index(
        (
            p,
            {
                p.split()[-1],
                *p.split()[-1].split("-"),
                *(["-".join(p.split()[-2:])] if len(p.split()) > 2 else []),
            },
        )
        for p in persons
    )
    by_first_word = _index((p, [p.split()[0]]) for p in persons)
    for k, ms in groups.items():
        if " " in k or not ms:
            continue
        if prelim.get(k) == "Place" and any("place:gazetteer" in m.hints for m in ms):
            continue
        last = by_last_word.get(k, [])
        first = by_first_word.get(k, [])
        cands = last or first
        roots = {uf.find(p) for p in cands}
        if len(roots) > 1:
            # Several people share the name: prefer the one in the same articles.
            arts = {m.article_id for m in ms}
            near = [p for p in cands if arts & {m.article_id for m in groups[p]}]
            roots = {uf.find(p) for p in near}
            cands = near
        if len(roots) > 1:
            # Still several ("Jane Roe, daughter of John Roe ... Roe said"): the surname means
            # the full name written last before it, as a reader takes it.
            cands = _latest_before(ms[0], cands, groups)
            roots = {uf.find(p) for p in cands}
        if len(roots) == 1:
            uf.union(k, cands[0])
    # One surname, first names of one stem: "Bernie Smith" ~ "Bernard Smith".
    by_last: dict[str, list[str]] = defaultdict(list)
    for p in persons:
        by_last[p.split()[-1]].append(p)
    for ps in by_last.values():
        if len(ps) > 3:
            continue
        for i, a in enumerate(ps):
            for b in ps[i + 1 :]:
                fa, fb = a.split()[0], b.split()[0]
                if len(fa) >= 3 and len(fb) >= 3 and fa[:3] == fb[:3]:
                    uf.union(a, b)
    # Two-word and three-word forms of one name: "John F. Kennedy" ~ "John Kennedy".
    for p in persons:
        w = p.split()
        if len(w) == 3:
            short = f"{w[0]} {w[2]}"
            if short in groups and prelim.get(short) == "Person":
                uf.union(p, short)

    classes: dict[str, list[str]] = defaultdict(list)
    for k in groups:
        classes[uf.find(k)].append(k)

    # Classes that end with one type and one name are one entity.
    final: dict[tuple[str, str], list[str]] = {}
    for keys in classes.values():
        ms = [m for k in keys for m in groups[k]]
        if not ms:
            continue
        kind = _type_of(_vote(ms))
        if kind is None or not _supported(ms):
            continue
        name = _canonical(keys, groups, kind)
        final.setdefault((kind, lx.fold(name)), []).extend(keys)

    entities: list[Entity] = []
    assignment: dict[Mention, str] = {}
    used_keys: set[str] = set()
    for (kind, _), keys in sorted(final.items()):
        ms = sorted((m for k in keys for m in groups[k]), key=lambda m: (m.article_id, m.start))
        name = _canonical(keys, groups, kind)
        aliases = _aliases(ms, name, keys, groups)
        key = _unique_key(f"{kind.lower()}/{slug(name)}", used_keys)
        ent = Entity(key=key, name=name, type=EntityType(kind), aliases=aliases, mentions=tuple(ms))
        entities.append(ent)
        for m in ms:
            assignment[m] = key
    entities.sort(key=lambda e: e.key)
    return entities, assignment


def _designation(key: str) -> str:
    """The model designation in a name: its words with letters and digits, or three digits.

    >>> _designation("air france a330s"), _designation("boeing 747-400"), _designation("acme 2005")
    ('a330', '747-400', '')
    """
    words = []
    for w in key.split():
        w = w[:-1] if w.endswith("s") and w[:-1][-1:].isdigit() else w
        if (any(c.isdigit() for c in w) and any(c.isalpha() for c in w) and len(w) >= 3) or re.fullmatch(
            r"\d{3}(?:-\d{1,3})?", w
        ):
            words.append(w)
    return " ".join(words)


def _latest_before(m: Mention, cands: Sequence[str], groups: dict[str, list[Mention]]) -> list[str]:
    """The candidate name mentioned last before ``m`` in its article (none if none precedes it).

    >>> a = Mention("Jane Roe", "Person", "a", 0, 8, 0, 9, "s")
    >>> b = Mention("John Roe", "Person", "a", 20, 28, 20, 29, "s")
    >>> _latest_before(Mention("Roe", "Person", "a", 40, 43, 40, 44, "s"), ["jane roe", "john roe"],
    ...                {"jane roe": [a], "john roe": [b]})
    ['john roe']
    """
    before = [
        (x.start, c) for c in cands for x in groups[c] if x.article_id == m.article_id and x.start < m.start
    ]
    return [max(before)[1]] if before else []


def _index(items: Iterable[tuple[str, Iterable[Hashable]]]) -> dict[Hashable, list[str]]:
    """Each key -> the names filed under it, in the order the names came."""
    out: dict[Hashable, list[str]] = defaultdict(list)
    for name, keys in items:
        for key in dict.fromkeys(keys):
            out[key].append(name)
    return out


def _initial_keys(words: Sequence[str]) -> set[str]:
    """The casefolded strings whose initials could match ``words`` (see ``initials_match``)."""
    ws = [w for w in words if w]
    caps = "".join(w[0] for w in ws if w[:1].isupper())
    every = "".join(w[0] for w in ws)
    whole = "".join(
        w.replace(".", "") if w.isupper() and len(w) <= 3 else w[0] for w in ws if w[:1].isupper()
    )
    return {caps.casefold(), every.casefold(), whole.casefold()}


def _words(ms: Sequence[Mention]) -> list[str]:
    return ms[0].text.split() if ms else []


def _uncountried(words: list[str]) -> list[str]:
    """The words of a name after a country's first word ("U.S. Food and ..." -> "Food and ..."),
    or none when it has no such word."""
    return words[1:] if len(words) > 2 and lx.country_of(words[0]) else []


def _supported(ms: Sequence[Mention]) -> bool:
    """Keep an entity only when NER or a strong cue vouches for it, and not as a common word."""
    hints = {h for m in ms for h in m.hints}
    ner = any(h.startswith("ner:") and h not in {"ner:PROPN", "ner:NORP"} for h in hints) or any(
        "ner:NORP" in m.hints and " " in m.text.strip() for m in ms
    )
    strong = bool(hints & SUPPORT)
    if not (ner or strong):
        return False
    if all(_people_of_a_kind(m) for m in ms):
        return False
    return not (
        all("common" in m.hints for m in ms) and not hints & {"org:suffix", "place:gazetteer", "law:suffix"}
    )


# Plural endings of names for peoples and faiths: "Sri Lankans", "Roman Catholics", "Sunnis".
_PEOPLES = ("ans", "ians", "ics", "ese", "ists", "ites", "ims", "nis", "jews")


def _people_of_a_kind(m: Mention) -> bool:
    """A nationality or faith in the plural ("Sri Lankans", "Roman Catholics"): people, not an entity."""
    ner = {h for h in m.hints if h.startswith("ner:")}
    text = m.text.strip()
    last = text.split()[-1].lower() if text else ""
    if "org:party" in m.hints or not last.endswith("s"):
        return False
    if ner == {"ner:NORP"} and last.endswith(_PEOPLES):
        return True
    # The NER also takes "Sri Lankans" for a person: a country's demonym in the plural is none.
    return lx.country_of_demonym(text[:-1]) is not None or lx.fold(text[:-1]) in {
        "african",
        "european",
        "asian",
    }


def _canonical(keys: Sequence[str], groups: dict[str, list[Mention]], kind: str) -> str:
    """The fullest, most frequent surface form; accented spellings win ties."""
    forms: Counter[str] = Counter()
    for k in keys:
        for m in groups[k]:
            forms[_clean(m.text)] += 1
    if not forms:
        # A defined long form with no mention of its own.
        return max(keys, key=len).title()

    def rank(f: str) -> tuple[int, int, int, int, int, str]:
        words = f.split()
        acronym = int(len(words) == 1 and sum(c.isupper() for c in f) >= 2)
        accented = int(any(ord(c) > 127 for c in f))
        # "Acme Corp" beside "Acme Corp.": the one dot may be a sentence's full stop.
        dotted = int(f.endswith(".") and f.count(".") == 1 and f[:-1] in forms)
        return (
            -acronym,
            len(words) if kind == "Person" else min(len(words), 4),
            -dotted,
            forms[f],
            accented,
            f,
        )

    best = max(forms, key=rank)
    if best.islower():
        # "the government" of a country no mention names in full: the name the extraction gave.
        given = [
            h.removeprefix(ALIAS) for k in keys for m in groups[k] for h in m.hints if h.startswith(ALIAS)
        ]
        if given:
            return min(given)
    # A defined expansion without mentions of its own still names the entity.
    for k in keys:
        if not groups[k] and len(k.split()) > len(best.split()):
            return " ".join(w.capitalize() if w not in {"of", "and", "the", "for"} else w for w in k.split())
    return best


def _clean(text: str) -> str:
    text = re.sub(r"['’]s?$", "", text.strip())
    if text.lower().startswith("the "):
        text = text[4:]
    text = " ".join(text.split()).strip(" ,;:")
    # Keep the final dot of abbreviations ("U.S."), drop a sentence's.
    text = text.rstrip(" -–—")
    last = text.rsplit(" ", 1)[-1].lower()
    if text.count(".") > 1 or (" " in text and last in _ABBREVIATED_ENDS):
        return text  # "U.S.", "Acme Inc.": the dot is part of the name
    return text.rstrip(".")


# Last words of names written with a dot: "Acme Inc.", "Jane Doe Jr.".
_ABBREVIATED_ENDS = frozenset(w for w in lx.ORG_SUFFIXES if w.endswith(".")) | {"jr.", "sr."}


def _aliases(
    ms: Sequence[Mention], name: str, keys: Sequence[str], groups: dict[str, list[Mention]]
) -> tuple[str, ...]:
    seen = {lx.fold(name)}
    out: list[str] = []
    # Other names the extraction gave: a styled one ("Lord Condon"), a country's government's.
    styled = [
        h.removeprefix(STYLED).removeprefix(ALIAS)
        for m in ms
        for h in m.hints
        if h.startswith((STYLED, ALIAS))
    ]
    # A bare "government" tied to a country is no name of it (other countries' are "government" too).
    named = [m for m in ms if " " in m.text.strip() or not any(h.startswith(SAME) for h in m.hints)]
    for c in [*(_clean(m.text) for m in named), *styled]:
        f = lx.fold(c)
        if f and f not in seen:
            seen.add(f)
            out.append(c)
    for k in keys:
        if not groups[k] and k not in seen:
            seen.add(k)
    return tuple(sorted(out))


def slug(name: str) -> str:
    """A readable, IRI-safe slug of ``name`` ("Nicolás Maduro" -> "nicolas-maduro").

    >>> slug("Nicolás Maduro"), slug("AT&T"), slug("東京")
    ('nicolas-maduro', 'at-t', 'u6771-u4eac')
    """
    folded = lx.fold(name) or name.casefold()
    s = re.sub(r"[^a-z0-9]+", "-", folded).strip("-")
    if not s:
        s = "-".join(f"u{ord(c):04x}" for c in folded if not c.isspace())[:120] or "x"
    return s[:120]


def _unique_key(key: str, used: set[str]) -> str:
    out, n = key, 2
    while out in used:
        out = f"{key}-{n}"
        n += 1
    used.add(out)
    return out


# ------------------------------------------------------------------ facts
def resolve_facts(
    facts: Iterable[Fact], assignment: dict[Mention, str], entities: Sequence[Entity]
) -> list[Fact]:
    """Raw facts with entity keys for mentions; duplicates joined, the same event across articles merged.

    A fact whose required argument names no kept entity is dropped. References
    ("name:…", "name~…", "title:…") are looked up over the whole story.
    """
    facts = list(facts)
    refs = _References(entities)
    types = {e.key: e.type for e in entities}
    # Roles first: they let "the defense secretary" stand for its holder in other facts.
    roles = [f for f in facts if isinstance(f, Role)]
    for role in roles:
        resolved = _resolve_fact(role, assignment, types, refs)
        if isinstance(resolved, Role):
            refs.add_role(resolved)
    out: dict[tuple[object, ...], Fact] = {}
    events: list[Event] = []
    for fact in facts:
        r = _resolve_fact(fact, assignment, types, refs)
        if r is None:
            continue
        if isinstance(r, Event):
            events.append(r)
            continue
        key = _fact_key(r)
        prev = out.get(key)
        out[key] = r if prev is None else _with_evidence(prev, r.evidence)
    # A product's maker takes part in what the product does: "the A9 made its first flight".
    makers: dict[str, set[str]] = defaultdict(set)
    for f in out.values():
        if isinstance(f, Maker) and isinstance(f.product, str) and isinstance(f.maker, str):
            makers[f.product].add(f.maker)
    out = _products_by_makers(out.values(), makers, types)
    events = [
        replace(e, participants=(*e.participants, *sorted(extra)))
        if (extra := {m for p in e.participants for m in makers.get(str(p), ())} - set(e.participants))
        else e
        for e in events
    ]
    merged = merge_events(events)
    return sorted([*_merge_roles(_merge_contracts(out.values())), *merged], key=_sort_key)


def _products_by_makers(
    facts: Iterable[Fact], makers: dict[str, set[str]], types: dict[str, EntityType]
) -> dict[tuple[object, ...], Fact]:
    """Facts by key, a contract's products replaced by their maker: "an order for 50 Zephyrs" is a
    deal with whoever makes the Zephyr. A product of no one known, or of several, is no party."""
    out: dict[tuple[object, ...], Fact] = {}
    for f in facts:
        if isinstance(f, Contract):
            parties: set[str] = set()
            for p in map(str, f.parties):
                if types.get(p) is not EntityType.PRODUCT:
                    parties.add(p)
                elif len(makers.get(p, ())) == 1:
                    parties |= makers[p]
            if not parties:
                continue
            f = replace(f, parties=tuple(sorted(parties)))
        key = _fact_key(f)
        prev = out.get(key)
        out[key] = f if prev is None else _with_evidence(prev, f.evidence)
    return out


def _merge_roles(facts: Iterable[Fact]) -> list[Fact]:
    """A title said once with its organisation and once without is one role: the fuller one, with both evidences."""
    facts = list(facts)

    def key(r: Role) -> tuple[object, str, bool]:
        return (r.person, r.title.lower(), r.former)

    fuller: dict[tuple[object, str, bool], Role] = {}
    for f in facts:
        if isinstance(f, Role) and f.organisation is not None:
            fuller.setdefault(key(f), f)
    extra: dict[tuple[object, str, bool], list[Evidence]] = defaultdict(list)
    out: list[Fact] = []
    for f in facts:
        if isinstance(f, Role) and f.organisation is None and key(f) in fuller:
            extra[key(f)].extend(f.evidence)
        else:
            out.append(f)
    return [
        _with_evidence(f, extra[key(f)])
        if isinstance(f, Role) and fuller.get(key(f)) is f and extra[key(f)]
        else f
        for f in out
    ]


def _merge_contracts(facts: Iterable[Fact]) -> list[Fact]:
    """One article's reports of one amount are one deal: "$5m settlement" in a headline and the body."""
    out: list[Fact] = []
    deals: dict[tuple[str, float, str], int] = {}
    for f in facts:
        if isinstance(f, Contract) and f.value is not None and f.currency:
            key = (f.evidence[0].article_id, f.value, f.currency)
            if key in deals:
                prev = out[deals[key]]
                assert isinstance(prev, Contract)
                joined = _with_evidence(prev, f.evidence)
                assert isinstance(joined, Contract)
                out[deals[key]] = replace(
                    joined,
                    parties=tuple(sorted({str(p) for p in (*prev.parties, *f.parties)})),
                    date=prev.date or f.date,
                )
                continue
            deals[key] = len(out)
        out.append(f)
    return out


class _References:
    """Story-wide lookups for references that are not mentions."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.by_name: dict[str, str] = {}
        self.orgs: list[Entity] = [e for e in entities if e.type is EntityType.ORGANISATION]
        for e in entities:
            for n in (e.name, *e.aliases):
                self.by_name.setdefault(lx.fold(n), e.key)
        self.titles: dict[str, set[str]] = defaultdict(set)
        self.heads: dict[str, set[str]] = defaultdict(set)
        self._words: dict[str, set[str]] | None = None

    def _org_words(self) -> dict[str, set[str]]:
        """Word -> keys of the organisations with that word in their name or an alias."""
        if self._words is None:
            self._words = defaultdict(set)
            for e in self.orgs:
                for n in (e.name, *e.aliases):
                    for w in lx.fold(n).split():
                        self._words[w].add(e.key)
        return self._words

    def add_role(self, role: Role) -> None:
        if isinstance(role.person, str):
            t = lx.fold(role.title)
            self.titles[t].add(role.person)
            self.heads[t.split()[-1]].add(role.person)

    def lookup(self, ref: str) -> str | None:
        if ref.startswith("name:"):
            return self.by_name.get(ref[5:])
        if ref.startswith("name~"):
            # The organisation of that very name, else the one whose name and aliases hold every
            # word of the reference ("Airbus" ~ "Airbus Industrie").
            org_keys = {e.key for e in self.orgs}
            exact = self.by_name.get(ref[5:])
            if exact in org_keys:
                return exact
            postings = [self._org_words().get(w, set()) for w in set(ref[5:].split())]
            hits = set.intersection(*postings) if postings else set()
            return hits.pop() if len(hits) == 1 else None
        if ref.startswith("title:"):
            t = ref[6:]
            hits = self.titles.get(t) or self.heads.get(t.split()[-1] if t else "", set())
            return next(iter(hits)) if len(hits) == 1 else None
        return ref


def _sort_key(f: Fact) -> tuple[str, str]:
    first = min(f.evidence, key=lambda v: (v.article_id, v.sent_start)) if f.evidence else None
    return (type(f).__name__, f"{first.article_id}:{first.sent_start:09d}:{f!r}" if first else repr(f))


def _resolve_fact(
    fact: Fact, asg: dict[Mention, str], types: dict[str, EntityType], refs: _References
) -> Fact | None:
    def _arg(a: Arg | None, assignment: dict[Mention, str]) -> str | None:
        if a is None:
            return None
        if isinstance(a, str):
            key = refs.lookup(a)
            return key if key in types else None
        return assignment.get(a)

    match fact:
        case Role():
            person = _arg(fact.person, asg)
            if person is None or types.get(person) is not EntityType.PERSON:
                return None
            org = _arg(fact.organisation, asg)
            if org is not None and types.get(org) not in (EntityType.ORGANISATION, EntityType.PLACE):
                org = None
            return replace(fact, person=person, organisation=org)
        case Age():
            person = _arg(fact.person, asg)
            if person is None or types.get(person) is not EntityType.PERSON:
                return None
            return replace(fact, person=person)
        case Maker():
            product, maker = _arg(fact.product, asg), _arg(fact.maker, asg)
            if product is None or maker is None or product == maker:
                return None
            if (
                types.get(product) is not EntityType.PRODUCT
                or types.get(maker) is not EntityType.ORGANISATION
            ):
                return None
            return replace(fact, product=product, maker=maker)
        case Partnership():
            a, b = _arg(fact.a, asg), _arg(fact.b, asg)
            if a is None or b is None or a == b:
                return None
            a, b = sorted((a, b))
            return replace(fact, a=a, b=b)
        case Contract():
            # Parties are organisations: a place in the sentence is mostly an adjective. A person is
            # one when seen making the deal ("Jane Doe launched a bid"), or in a deal with no amount,
            # whose parties come from the parse ("Jane Doe bought Acme"); another person a priced
            # deal's sentence names mostly talks about it.
            acting = {_arg(x, asg) for x in fact.acting}
            parties = tuple(
                sorted(
                    {
                        p
                        for p in (_arg(x, asg) for x in fact.parties)
                        if p is not None
                        and (
                            types.get(p) is EntityType.ORGANISATION
                            or (types.get(p) is EntityType.PERSON and (fact.value is None or p in acting))
                            # (kept until its maker is known: see _products_by_makers)
                            or types.get(p) is EntityType.PRODUCT
                        )
                    }
                )
            )
            if not parties:
                return None
            return replace(fact, parties=parties, acting=())
        case Event():
            parts = tuple(sorted({p for p in (_arg(x, asg) for x in fact.participants) if p is not None}))
            if not parts:
                # An event with no entity taking part says nothing an analyst can query.
                return None
            place = _arg(fact.place, asg)
            if place is not None and types.get(place) is not EntityType.PLACE:
                place = None
            return replace(fact, participants=parts, place=place)
        case Statement():
            speaker = _arg(fact.speaker, asg)
            if speaker is None:
                return None
            outlet = _arg(fact.outlet, asg)
            if outlet == speaker or (outlet is not None and types.get(outlet) is not EntityType.ORGANISATION):
                outlet = None
            return replace(fact, speaker=speaker, outlet=outlet)
    return None


def _fact_key(f: Fact) -> tuple[object, ...]:
    match f:
        case Role():
            return ("role", f.person, f.title.lower(), f.organisation, f.former)
        case Age():
            return ("age", f.person, f.age, f.as_of)
        case Maker():
            return ("maker", f.product, f.maker)
        case Partnership():
            return ("partner", f.a, f.b)
        case Contract():
            return ("contract", f.parties, f.value, f.currency, f.date)
        case Statement():
            ev = f.evidence[0]
            return ("statement", f.speaker, f.outlet, ev.article_id, ev.sent_start)
    return ("other", repr(f))


def _with_evidence(f: Fact, more: Iterable[Evidence]) -> Fact:
    ev = tuple(sorted(set(f.evidence) | set(more), key=lambda v: (v.article_id, v.sent_start, v.start)))
    return replace(f, evidence=ev)


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Join reports of one event: same family, compatible dates, shared participants.

    Reports join within one article too: a story tells its event in the lede
    and again further down ("X met Y" ... "after Saturday's meeting with Y").
    Each report joins the best earlier node: an equal date beats a containing
    one, then the most participants in common (Jaccard); the node keeps the
    finer of the two dates. Month-level dates one month apart still join when
    two or more participants are the same, since "earlier this month" and "in
    January" are fuzzy near a month's turn.
    """
    merged: list[Event] = []
    # (family, participant) -> indexes of the nodes that have them: only those can join a report,
    # so the work grows with the reports that share a participant, not with all pairs.
    index: dict[tuple[str, object], list[int]] = defaultdict(list)
    for ev in sorted(events, key=lambda e: (e.evidence[0].article_id, e.evidence[0].sent_start)):
        best, best_score = -1, 0.0
        candidates = sorted({i for p in ev.participants for i in index.get((ev.family, p), ())})
        here = {(v.article_id, v.sent_start) for v in ev.evidence}
        for i in candidates:
            m = merged[i]
            a, b = set(m.participants), set(ev.participants)
            if here & {(v.article_id, v.sent_start) for v in m.evidence} and not (a <= b or b <= a):
                # Two triggers of one sentence with other parties tell two events ("released X and
                # unveiled Y"); "met Y to discuss the budget" is one.
                continue
            shared = a & b
            if not shared:
                continue
            if ev.family == "01" and len(shared) < 2 and not (a <= b or b <= a):
                # Statements join by their speakers: two people's words about one company, or one
                # person's about two, are two statements.
                continue
            fit = _date_fit(m.date, ev.date, len(shared))
            if fit is None:
                continue
            score = fit + len(shared) / len(a | b)
            if score > best_score:
                best, best_score = i, score
        if best < 0:
            merged.append(ev)
            for p in ev.participants:
                index[(ev.family, p)].append(len(merged) - 1)
            continue
        m = merged[best]
        joined = _with_evidence(m, ev.evidence)
        assert isinstance(joined, Event)
        merged[best] = replace(
            joined,
            participants=tuple(sorted({str(p) for p in (*m.participants, *ev.participants)})),
            date=_finer(m.date, ev.date),
            place=m.place or ev.place,
        )
        for p in set(merged[best].participants) - set(m.participants):
            index[(ev.family, p)].append(best)
    return merged


def _date_fit(a: TimeValue | None, b: TimeValue | None, shared: int) -> float | None:
    """How well two event dates agree: 2 equal, 1 nested or one missing, None when they clash."""
    from .extract.time import compatible

    if a is not None and b is not None and a.value == b.value:
        return 2.0
    if compatible(a, b):
        return 1.0
    if a is not None and b is not None and shared >= 2 and len(a.value) == len(b.value) == 7:
        ya, ma = map(int, a.value.split("-"))
        yb, mb = map(int, b.value.split("-"))
        if abs((ya * 12 + ma) - (yb * 12 + mb)) == 1:
            return 0.5
    return None


def _finer(a: TimeValue | None, b: TimeValue | None) -> TimeValue | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if len(a.value) >= len(b.value) else b
