"""The build: ingest -> NLP extraction -> resolution -> RDF -> store and outputs.

Extraction per article is cached by content hash, so a second build over a
folder with new, changed or removed articles parses only those; resolution
and mapping always run over the whole story, so the result equals a build
from scratch.

>>> result = build(["seeds"], Path(tempfile.mkdtemp()))  # doctest: +SKIP
>>> result.entities > 0  # doctest: +SKIP
True
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .errors import OutputError
from .ingest import IngestReport, read_articles
from .model import Article, ArticleExtraction, Graph

CACHE_VERSION = "1"


@dataclass(frozen=True)
class BuildResult:
    """What a build made and where it put it."""

    articles: int
    parsed: int
    entities: int
    facts: int
    quads: int
    outputs: Mapping[str, Path]
    report: IngestReport = field(compare=False)
    words: int = 0


def _code_salt() -> str:
    """A hash of the extraction code and model: a change invalidates cached extractions."""
    h = hashlib.sha256(CACHE_VERSION.encode())
    root = Path(__file__).parent
    for p in sorted([*root.glob("extract/*.py"), root / "nlp.py", root / "model.py"]):
        h.update(p.read_bytes())
    return h.hexdigest()[:16]


class ExtractionCache:
    """Per-article extraction results on disk, keyed by content hash and code version."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.salt = _code_salt()
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)

    def _path(self, article: Article) -> Path | None:
        if self.folder is None:
            return None
        key = hashlib.sha256(
            f"{self.salt}:{article.id}:{article.sha256}:{article.source}".encode()
        ).hexdigest()
        return self.folder / f"{key}.pickle"

    def get(self, article: Article) -> ArticleExtraction | None:
        path = self._path(article)
        if path is None or not path.exists():
            return None
        try:
            with path.open("rb") as fh:
                value = pickle.load(fh)
        except Exception:  # a torn or stale cache entry is simply recomputed
            return None
        return value if isinstance(value, ArticleExtraction) and value.article == article else None

    def put(self, extraction: ArticleExtraction) -> None:
        path = self._path(extraction.article)
        if path is None:
            return
        from .store import atomic_write

        atomic_write(path, pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL))


# ------------------------------------------------------------- extraction
_WORKER_NLP: object = None


def _init_worker() -> None:
    global _WORKER_NLP
    from . import nlp

    _WORKER_NLP = nlp.load()


def _extract_batch(articles: Sequence[Article]) -> list[ArticleExtraction]:
    from . import nlp
    from .extract import extract

    model = _WORKER_NLP or nlp.load()
    docs = nlp.pipe([a.text for a in articles], model)  # type: ignore[arg-type]
    return [extract(doc, a) for a, doc in zip(articles, docs, strict=True)]


def _batches(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    batch: list[Article] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def extract_all(
    articles: Iterable[Article],
    workers: int = 1,
    cache: ExtractionCache | None = None,
    on_article: Callable[[Article], None] | None = None,
    batch_size: int = 32,
) -> Iterator[tuple[ArticleExtraction, bool]]:
    """Extraction results in article order, and whether each was freshly parsed.

    Articles stream through in batches; no more than a few batches of parsed
    documents are alive at once.
    """
    cache = cache or ExtractionCache(None)

    def todo() -> Iterator[Article | ArticleExtraction]:
        for a in articles:
            hit = cache.get(a)
            yield hit if hit is not None else a

    def fresh(batch: list[Article]) -> list[ArticleExtraction]:
        return _extract_batch(batch)

    pending: list[Article | ArticleExtraction] = []

    def flush(
        results: Iterable[list[ArticleExtraction]], items: list[Article | ArticleExtraction]
    ) -> Iterator[tuple[ArticleExtraction, bool]]:
        done = iter([x for batch in results for x in batch])
        for item in items:
            if isinstance(item, ArticleExtraction):
                yield item, False
            else:
                ex = next(done)
                cache.put(ex)
                yield ex, True
            if on_article is not None:
                on_article(item.article if isinstance(item, ArticleExtraction) else item)

    window = batch_size * max(1, workers) * 4
    if workers <= 1:
        for chunk in _batches_any(todo(), window):
            need = [x for x in chunk if isinstance(x, Article)]
            yield from flush((fresh(b) for b in _batches(need, batch_size)), chunk)
        return
    with ProcessPoolExecutor(max_workers=workers, initializer=_init_worker) as pool:
        for chunk in _batches_any(todo(), window):
            need = [x for x in chunk if isinstance(x, Article)]
            yield from flush(pool.map(_extract_batch, list(_batches(need, batch_size))), chunk)
    del pending


def _batches_any(
    items: Iterable[Article | ArticleExtraction], size: int
) -> Iterator[list[Article | ArticleExtraction]]:
    batch: list[Article | ArticleExtraction] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def assemble(extractions: Sequence[ArticleExtraction]) -> Graph:
    """Resolve entities and facts over all articles into one story graph."""
    from .resolve import resolve, resolve_facts

    mentions = [m for ex in extractions for m in ex.mentions]
    acronyms = [a for ex in extractions for a in ex.acronyms]
    equivalences = [e for ex in extractions for e in ex.equivalences]
    entities, assignment = resolve(mentions, acronyms, equivalences)
    facts = resolve_facts([f for ex in extractions for f in ex.facts], assignment, entities)
    return Graph(
        articles=tuple(ex.article for ex in extractions), entities=tuple(entities), facts=tuple(facts)
    )


# ------------------------------------------------------------------ build
def build(
    paths: Iterable[Path | str],
    out: Path,
    *,
    workers: int = 1,
    strict: bool = False,
    default_date: date | None = None,
    dates: Mapping[str, date] | None = None,
    progress: bool = False,
    page: bool = True,
    use_cache: bool = True,
) -> BuildResult:
    """Build the story graph of the articles under ``paths`` into the folder ``out``.

    Writes ``out/store/`` (Oxigraph), ``out/graph.ttl`` (union), ``out/graph.trig``
    (one named graph per article), ``out/graph.html`` and ``out/timeline.html``.
    """
    from . import mapping
    from .store import GraphStore, replace_dir

    out = Path(out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        probe = out / ".kg-write-test"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as e:
        raise OutputError(
            f"{out}: cannot write the output folder ({e.strerror}); choose another with --out"
        ) from None
    report = IngestReport()
    articles = read_articles(paths, report, default_date=default_date, dates=dates, strict=strict)
    cache = ExtractionCache(out / "cache" if use_cache else None)
    bar = _progress(progress)
    extractions: list[ArticleExtraction] = []
    parsed = 0
    try:
        for ex, was_parsed in extract_all(
            articles, workers=workers, cache=cache, on_article=lambda a: bar(1)
        ):
            extractions.append(ex)
            parsed += was_parsed
    finally:
        bar(0, close=True)
    graph = assemble(extractions)
    quads = list(mapping.quads(graph))

    # Fill a fresh store beside the old one, then swap: a killed build leaves the old store usable.
    tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=out))
    store = GraphStore(__import__("pyoxigraph").Store(str(tmp)), tmp)
    store.load_quads(quads)
    store.flush()
    outputs: dict[str, Path] = {}
    import pyoxigraph as ox

    store.dump(out / "graph.ttl", ox.RdfFormat.TURTLE, union=True)
    store.dump(out / "graph.trig", ox.RdfFormat.TRIG)
    outputs["turtle"] = out / "graph.ttl"
    outputs["trig"] = out / "graph.trig"
    if page:
        from .export import to_networkx
        from .page import write_page, write_timeline

        nxg = to_networkx(store)
        what = f"{len(graph.articles)} articles, {len(graph.entities)} entities, {len(graph.facts)} facts"
        sources = ", ".join(sorted({str(p) for p in map(str, paths)}))[:200]
        outputs["page"] = write_page(
            nxg, out / "graph.html", title="Story graph", subtitle=f"Built from {sources}: {what}"
        )
        outputs["timeline"] = write_timeline(nxg, out / "timeline.html", title="Timeline of events")
    n_quads = len(store)
    del store
    gc.collect()
    replace_dir(tmp, out / "store")
    outputs["store"] = out / "store"
    return BuildResult(
        articles=len(graph.articles),
        parsed=parsed,
        entities=len(graph.entities),
        facts=len(graph.facts),
        quads=n_quads,
        outputs=outputs,
        report=report,
        words=sum(a.words for a in graph.articles),
    )


def _progress(enabled: bool) -> Callable[..., None]:
    if not enabled:
        return lambda n, close=False: None
    from tqdm import tqdm

    bar = tqdm(unit="article", desc="extracting", leave=False, disable=None)

    def step(n: int, close: bool = False) -> None:
        if close:
            bar.close()
        elif n:
            bar.update(n)

    return step


def cpu_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1))
