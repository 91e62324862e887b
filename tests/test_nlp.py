"""The spaCy layer: the memoised token attributes equal the original pipes', token by token, and
paragraph breaks start sentences as the per-token rule says."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, ORTH, POS, SENT_START, TAG
from spacy.tokens import Doc

from kg import nlp

ROOT = Path(__file__).resolve().parent.parent
ATTRS = [ORTH, TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_IOB, ENT_TYPE, SENT_START]
# The ruler's two-token rules ("there is", "gon na", "let 's", "ai n't", "y' all", "c'm on"), odd
# whitespace, quotes, numbers and a table row, next to plain news sentences.
TRICKY = [
    "There is a plan. There were talks in Oslo, and there are more.",
    "Let's go, y'all: we're gonna win, I ain't sure, c'mon.",
    "",
    "   ",
    "\nStarts with a break.\n\nTwo breaks.\n",
    "Shr 1.20 dlrs vs 1.10 dlrs\nNet 4.5 mln vs 3.9 mln\nRevs 120 mln vs 110 mln",
    '"We will not back down," said Jane Roe, 51, chief executive of Quillon Systems Inc.',
    "U.S. officials said the E.U. wasn't told. The CEO's remarks (in May) drew criticism.",
    # Two-token rules at a text's very start and end, and back to back.
    "There is.",
    "Gotta go, let's: they said there was",
]


@pytest.fixture(scope="module")
def texts() -> list[str]:
    seeds = [p.read_text(encoding="utf-8").split(" ", 2)[2] for p in sorted((ROOT / "seeds").glob("*.txt"))]
    return seeds + TRICKY


def test_memoised_attributes_equal_the_original_pipes(texts: list[str]) -> None:
    fast, slow = nlp.load(fast=True), nlp.load(fast=False)
    assert "kg_token_attrs" in fast.pipe_names and "attribute_ruler" not in fast.pipe_names
    assert {"attribute_ruler", "lemmatizer"} <= set(slow.pipe_names)
    for _ in range(2):  # the second pass reads everything from the cache
        for a, b in zip(fast.pipe(texts), slow.pipe(texts), strict=True):
            assert a.text == b.text
            assert a.to_array(ATTRS).tolist() == b.to_array(ATTRS).tolist(), a.text[:60]


def test_two_token_rules_still_apply() -> None:
    doc = nlp.load()("There were talks. We're gonna win.")
    were, gon, na = doc[1], doc[6], doc[7]
    assert (were.text, were.pos_, were.lemma_) == ("were", "VERB", "be")
    assert (gon.lemma_, na.lemma_) == ("go", "to")


def _reference_breaks(doc: Doc) -> Doc:
    """The per-token rule: a token after one holding a line break starts a sentence."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.text or prev.text_with_ws.endswith("\n"):
            tok.is_sent_start = True
    return doc


@pytest.mark.parametrize(
    "text",
    [
        "One.\nTwo.",
        "\nlead",
        "trail\n",
        "a \n b\n\n\nc",
        "no breaks at all",
        "x\ny\nz\n",
        "\n\n",
        "Caption/Getty Images\nBody text here.",
    ],
)
def test_paragraph_breaks_follow_the_per_token_rule(text: str) -> None:
    model = nlp.load()
    breaks = model.get_pipe("paragraph_breaks")
    got = breaks(model.make_doc(text)).to_array([SENT_START]).tolist()
    want = _reference_breaks(model.make_doc(text)).to_array([SENT_START]).tolist()
    assert got == want


def test_numpy_matrix_products_give_stock_spacys_annotations(texts: list[str]) -> None:
    import spacy

    ours = nlp.load(fast=False)
    stock = spacy.load(nlp.MODEL, exclude=list(nlp.EXCLUDED))
    stock.add_pipe("paragraph_breaks", before="parser")
    # The point of the comparison: our model multiplies through numpy's BLAS, stock spaCy through blis.
    assert not ours.get_pipe("tok2vec").model.ops.use_blis
    assert stock.get_pipe("tok2vec").model.ops.use_blis
    for a, b in zip(nlp.pipe(texts, ours), stock.pipe(texts), strict=True):
        assert a.to_array(ATTRS).tolist() == b.to_array(ATTRS).tolist(), a.text[:60]
