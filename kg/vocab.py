"""The ontology's terms as closed namespaces: a misspelt term fails at once.

``KG`` must define exactly the terms of ``ontology/kg.ttl`` (a test checks).

>>> str(KG.Person)
'https://w3id.org/kg-news/ontology#Person'
>>> KG.Persn  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
AttributeError: term 'Persn' not in namespace 'https://w3id.org/kg-news/ontology#'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

ONTOLOGY_IRI = "https://w3id.org/kg-news/ontology"
DATA = Namespace("https://w3id.org/kg-news/id/")
CAMEO = Namespace("https://w3id.org/kg-news/cameo/")

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
PC = Namespace("http://purl.org/procurement/public-contracts#")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
OA = Namespace("http://www.w3.org/ns/oa#")


class KG(DefinedNamespace):
    """Terms of the kg news ontology."""

    _NS = Namespace("https://w3id.org/kg-news/ontology#")
    _fail = True

    # classes: the story's things
    NewsArticle: URIRef
    Entity: URIRef
    Person: URIRef
    Organisation: URIRef
    Place: URIRef
    Product: URIRef
    Law: URIRef
    # classes: facts and their provenance
    Fact: URIRef
    Role: URIRef
    Age: URIRef
    Production: URIRef
    Partnership: URIRef
    Contract: URIRef
    MonetaryAmount: URIRef
    Event: URIRef
    EventFamily: URIRef
    Statement: URIRef
    Evidence: URIRef
    Mention: URIRef

    # article
    articleId: URIRef
    published: URIRef
    wordCount: URIRef
    sourceFile: URIRef
    # entity
    mentionedIn: URIRef
    hasMention: URIRef
    mentionCount: URIRef
    nameKey: URIRef
    # evidence and mentions (text anchors)
    evidence: URIRef
    inArticle: URIRef
    sentence: URIRef
    sentenceBegin: URIRef
    sentenceEnd: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    anchorOf: URIRef
    # role
    holder: URIRef
    title: URIRef
    organisation: URIRef
    former: URIRef
    holdsRole: URIRef
    # age
    person: URIRef
    age: URIRef
    asOf: URIRef
    # product and partnership
    product: URIRef
    maker: URIRef
    madeBy: URIRef
    partner: URIRef
    partnerOf: URIRef
    # contract
    party: URIRef
    amount: URIRef
    value: URIRef
    currency: URIRef
    # events and time
    family: URIRef
    trigger: URIRef
    participant: URIRef
    place: URIRef
    date: URIRef
    # statements
    speaker: URIRef
    outlet: URIRef
    quote: URIRef
    # the CAMEO scheme
    cameoScheme: URIRef
