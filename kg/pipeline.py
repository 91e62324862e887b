"""The build: ingest -> NLP extraction -> resolution -> RDF -> store and outputs.

Extraction per article is cached by content hash, so a second build over a
folder with new, changed or removed articles parses only those; resolution
and mapping always run over the whole story, so the result equals a build
from scratch.

Articles stream through extraction in batches, over worker processes
(``workers``) or a Dask cluster (``dask_scheduler``); only the extractions
are kept, never the parsed documents. Resolution, mapping and loading run in
this process after.

>>> result = build(["seeds"], Path(tempfile.mkdtemp()))  # doctest: +SKIP
>>> result.entities > 0  # doctest: +SKIP
True
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import os
import pickle
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from .errors import KgError, OutputError
from .ingest import IngestReport, read_articles
from .model import Article, ArticleExtraction, Graph

if TYPE_CHECKING:
    from .store import GraphStore

CACHE_VERSION = "1"
# Articles per extraction task: large enough for spaCy's batching, small enough to balance workers.
TASK_SIZE = 32
# Quads per chunk loaded into the store and written to the graph files.
QUADS_PER_CHUNK = 200_000
Q = TypeVar("Q")
# Outputs written through atomic_write; a killed build can leave their temporary files behind.
OUTPUT_FILES = ("graph.ttl", "graph.trig", "graph.html", "timeline.html")


class ClusterError(KgError):
    """The Dask scheduler cannot be reached or used."""


@dataclass(frozen=True)
class BuildResult:
    """What a build made and where it put it; ``timings`` are seconds per stage."""

    articles: int
    parsed: int
    entities: int
    facts: int
    quads: int
    outputs: Mapping[str, Path]
    report: IngestReport = field(compare=False)
    words: int = 0
    timings: Mapping[str, float] = field(default_factory=dict, compare=False)


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

        # No fsync: an entry lost in a power cut is only parsed again.
        atomic_write(path, pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL), sync=False)


# ------------------------------------------------------------- extraction
_WORKER_NLP: object = None


def _init_worker() -> None:
    global _WORKER_NLP
    from . import nlp

    _WORKER_NLP = nlp.load()


def _extract_batch(articles: Sequence[Article]) -> list[ArticleExtraction]:
    """Parse and extract a batch of articles (in a worker); the documents die with the batch."""
    from . import nlp
    from .extract import extract

    model = _WORKER_NLP or nlp.load()
    docs = nlp.pipe([a.text for a in articles], model)  # type: ignore[arg-type]
    return [extract(doc, a) for a, doc in zip(articles, docs, strict=True)]


class _Future(Protocol):
    def result(self) -> list[ArticleExtraction]: ...


class _Done:
    """An already computed result, with the ``result()`` of a future (the one-process path)."""

    def __init__(self, value: list[ArticleExtraction]) -> None:
        self.value = value

    def result(self) -> list[ArticleExtraction]:
        return self.value


def _stream(
    articles: Iterable[Article],
    submit: Callable[[list[Article]], _Future],
    ahead: int,
    cache: ExtractionCache,
    on_article: Callable[[Article], None] | None,
    batch_size: int,
) -> Iterator[tuple[ArticleExtraction, bool]]:
    """Extractions in article order: cached ones read here, the rest ``submit``-ted in batches.

    At most ``ahead`` batches wait for their results, so memory stays bounded however many
    articles come, and every worker has the next batch queued when it finishes one.
    """
    pending: deque[tuple[list[Article | ArticleExtraction], _Future | None]] = deque()

    def todo() -> Iterator[Article | ArticleExtraction]:
        for a in articles:
            hit = cache.get(a)
            yield hit if hit is not None else a

    def emit(
        chunk: list[Article | ArticleExtraction], future: _Future | None
    ) -> Iterator[tuple[ArticleExtraction, bool]]:
        fresh = iter(future.result() if future is not None else ())
        for item in chunk:
            if isinstance(item, ArticleExtraction):
                yield item, False
                article = item.article
            else:
                ex = next(fresh)
                cache.put(ex)
                yield ex, True
                article = item
            if on_article is not None:
                on_article(article)

    items = todo()
    while chunk := list(itertools.islice(items, batch_size)):
        need = [x for x in chunk if isinstance(x, Article)]
        pending.append((chunk, submit(need) if need else None))
        while len(pending) > ahead:
            yield from emit(*pending.popleft())
    while pending:
        yield from emit(*pending.popleft())


def extract_all(
    articles: Iterable[Article],
    workers: int = 1,
    cache: ExtractionCache | None = None,
    on_article: Callable[[Article], None] | None = None,
    batch_size: int = TASK_SIZE,
) -> Iterator[tuple[ArticleExtraction, bool]]:
    """Extraction results in article order, and whether each was freshly parsed.

    ``workers`` > 1 parses in that many processes. Articles stream through in batches; no more
    than a few batches of parsed documents are alive at once.

    >>> from datetime import date
    >>> a = Article("a1", date(2026, 3, 2), "Jane Roe met John Doe in Paris.")
    >>> [(ex.article.id, parsed) for ex, parsed in extract_all([a])]  # doctest: +SKIP
    [('a1', True)]
    """
    cache = cache or ExtractionCache(None)
    if workers <= 1:
        yield from _stream(articles, lambda b: _Done(_extract_batch(b)), 0, cache, on_article, batch_size)
        return
    pool = ProcessPoolExecutor(max_workers=workers, initializer=_init_worker)
    try:
        yield from _stream(
            articles, lambda b: pool.submit(_extract_batch, b), 2 * workers, cache, on_article, batch_size
        )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def extract_dask(
    articles: Iterable[Article],
    scheduler: str,
    cache: ExtractionCache | None = None,
    on_article: Callable[[Article], None] | None = None,
    batch_size: int = TASK_SIZE,
    timeout: float = 30,
) -> Iterator[tuple[ArticleExtraction, bool]]:
    """Like ``extract_all``, with the parsing done by the workers of a Dask cluster.

    ``scheduler`` is the scheduler's address (``tcp://host:8786``), waited for ``timeout``
    seconds. The workers need kg and its spaCy model installed; each loads the model once,
    on its first batch.

    >>> from dask.distributed import LocalCluster                         # doctest: +SKIP
    >>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster:  # doctest: +SKIP
    ...     results = list(extract_dask(articles, cluster.scheduler_address))
    """
    try:
        from dask.distributed import Client
    except ImportError:
        raise ClusterError(
            "building on a Dask cluster needs dask.distributed; install it with "
            "\"pip install 'kg-news[dask]'\" (or drop --dask-scheduler)"
        ) from None
    cache = cache or ExtractionCache(None)
    try:
        client = Client(scheduler, timeout=timeout, set_as_default=False)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as e:
        raise ClusterError(
            f"{scheduler}: cannot reach the Dask scheduler ({e}); check the address, or start one "
            "with 'dask scheduler' and workers with 'dask worker ADDRESS'"
        ) from None
    try:
        threads = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]

        def submit(batch: list[Article]) -> _Future:
            future: _Future = client.submit(_extract_batch, batch, pure=False)
            return future

        yield from _stream(articles, submit, 2 * threads, cache, on_article, batch_size)
    finally:
        client.close()  # type: ignore[no-untyped-call]


def _chunks(units: Iterable[list[Q]], size: int) -> Iterator[list[list[Q]]]:
    """Units grouped into chunks of about ``size`` items, never splitting a unit."""
    chunk: list[list[Q]] = []
    n = 0
    for unit in units:
        chunk.append(unit)
        n += len(unit)
        if n >= size:
            yield chunk
            chunk, n = [], 0
    if chunk:
        yield chunk


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
class _Clock:
    """Seconds per stage, for ``BuildResult.timings``."""

    def __init__(self) -> None:
        self.laps: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.laps[stage] = round(now - self.last, 3)
        self.last = now


def remove_leftovers(out: Path) -> list[Path]:
    """Delete what killed builds left in ``out``: half-filled stores and half-written outputs.

    A store folder another process holds open (a build running now) is kept. Returns what was
    deleted.

    >>> out = Path(tempfile.mkdtemp())
    >>> (out / ".store-x1").mkdir()
    >>> [p.name for p in remove_leftovers(out)]
    ['.store-x1']
    """
    from .store import is_locked

    gone: list[Path] = []
    for p in sorted(out.glob(".store-*")):
        if p.is_dir() and not is_locked(p):
            shutil.rmtree(p, ignore_errors=True)
            gone.append(p)
    for name in OUTPUT_FILES:
        for p in sorted(out.glob(f".{name}.*")):
            p.unlink(missing_ok=True)
            gone.append(p)
    return gone


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
    dask_scheduler: str | None = None,
) -> BuildResult:
    """Build the story graph of the articles under ``paths`` into the folder ``out``.

    Writes ``out/store/`` (Oxigraph), ``out/graph.ttl`` (union), ``out/graph.trig``
    (one named graph per article), ``out/graph.html`` and ``out/timeline.html``. The store
    is filled beside the old one and swapped in; the files are written from it after the
    swap, so they are never newer than the store. ``dask_scheduler`` parses on a Dask
    cluster instead of ``workers`` local processes.
    """
    from . import mapping
    from .export import GraphFiles
    from .store import GraphStore, atomic_path, replace_dir

    paths = list(paths)
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
    remove_leftovers(out)
    clock = _Clock()
    report = IngestReport()
    articles = read_articles(paths, report, default_date=default_date, dates=dates, strict=strict)
    cache = ExtractionCache(out / "cache" if use_cache else None)
    bar = _progress(progress)
    stream = (
        extract_dask(articles, dask_scheduler, cache=cache, on_article=lambda a: bar(1))
        if dask_scheduler
        else extract_all(articles, workers=workers, cache=cache, on_article=lambda a: bar(1))
    )
    extractions: list[ArticleExtraction] = []
    parsed = 0
    try:
        for ex, was_parsed in stream:
            extractions.append(ex)
            parsed += was_parsed
    finally:
        bar(0, close=True)
    clock.lap("ingest and extraction")
    graph = assemble(extractions)
    del extractions
    clock.lap("resolution")

    # Fill a fresh store beside the old one, then swap: a killed build leaves the old store usable.
    import pyoxigraph as ox

    tmp = Path(tempfile.mkdtemp(prefix=".store-", dir=out))
    outputs: dict[str, Path] = {"turtle": out / "graph.ttl", "trig": out / "graph.trig"}
    # The graph files are written from the same chunks of quads as the store, and put in place
    # only after the new store is: they are never newer than the store.
    with atomic_path(outputs["trig"]) as trig, atomic_path(outputs["turtle"]) as turtle:
        store = GraphStore(ox.Store(str(tmp)), tmp)
        # The store loads a chunk on its threads while the next one is made and written.
        with GraphFiles(trig, turtle) as files, store.loader() as load:
            for chunk in _chunks(mapping.units(graph), QUADS_PER_CHUNK):
                union = files.write(chunk)
                load([q for unit in chunk for q in unit], union)
        store.flush()
        n_quads = len(store)
        del store
        gc.collect()  # closes the store: RocksDB must let go of the folder before it moves
        clock.lap("mapping, store and graph files")
        replace_dir(tmp, out / "store")

    # The listings' answers are kept beside the store (kg.views). Oxigraph answers without the
    # GIL, so they are made on a thread while the page is drawn.
    from .views import VIEWS_FILE, materialize

    published = GraphStore.open(out / "store")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-views") as pool:
        views = pool.submit(materialize, published, out / "store" / VIEWS_FILE)
        if page:
            _write_pages(published, graph, paths, out, outputs)
            clock.lap("page and timeline")
        views.result()
        clock.lap("listing views" + (" (after the page)" if page else ""))
    del published
    gc.collect()
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
        timings=clock.laps,
    )


def _write_pages(
    published: GraphStore, graph: Graph, paths: Sequence[Path | str], out: Path, outputs: dict[str, Path]
) -> None:
    """Write the graph page and the timeline from the published store."""
    from .export import add_evidence, to_networkx
    from .page import drawn, write_page, write_timeline

    # Evidence only for what the page draws and the timeline lists.
    nxg = to_networkx(published, evidence=False)
    events = [n for n, kind in nxg.nodes(data="kind") if kind == "Event"]
    add_evidence(published, nxg, {*drawn(nxg), *events})
    what = f"{len(graph.articles)} articles, {len(graph.entities)} entities, {len(graph.facts)} facts"
    sources = ", ".join(sorted({str(p) for p in map(str, paths)}))[:200]
    outputs["page"] = write_page(
        nxg, out / "graph.html", title="Story graph", subtitle=f"Built from {sources}: {what}"
    )
    outputs["timeline"] = write_timeline(nxg, out / "timeline.html", title="Timeline of events")


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


__all__ = [
    "BuildResult",
    "ClusterError",
    "ExtractionCache",
    "assemble",
    "build",
    "cpu_workers",
    "extract_all",
    "extract_dask",
    "remove_leftovers",
]
