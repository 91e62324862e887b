"""The ``kg`` command: a thin layer over the library.

Every command has help with an example; library errors become one line on
stderr naming the bad input and the fix, and exit status 2.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from .errors import KgError

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_OUT = Path("build")


_store_option = click.option(
    "--store",
    type=click.Path(path_type=Path),
    default=DEFAULT_OUT,
    show_default=True,
    help="Build folder (or its store/ folder).",
)


def _friendly(fn: F) -> F:
    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except KgError as e:
            click.echo(f"kg: {e}", err=True)
            sys.exit(2)

    return wrapper  # type: ignore[return-value]


def _date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD, e.g. 2026-02-23") from None


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg-news")
def main() -> None:
    """Build a knowledge graph of a news story from a folder of dated articles.

    \b
    Example:
      kg build seeds/ && kg query 'SELECT ?p WHERE { ?p a kg:Person }'
    """


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--out", type=click.Path(path_type=Path), default=DEFAULT_OUT, show_default=True, help="Output folder."
)
@click.option(
    "--workers", type=int, default=1, show_default=True, help="Processes for extraction (0: all cores)."
)
@click.option("--strict", is_flag=True, help="Stop at the first bad article instead of skipping it.")
@click.option(
    "--date", "default_date", callback=_date, help="Date (YYYY-MM-DD) for articles without a date line."
)
@click.option("--no-page", is_flag=True, help="Do not write the graph page and timeline.")
@click.option("--no-cache", is_flag=True, help="Parse every article again, ignoring earlier builds.")
@click.option(
    "--dask-scheduler",
    metavar="ADDRESS",
    help="Parse on the workers of this Dask cluster (e.g. tcp://10.0.0.5:8786) instead of --workers.",
)
@click.option("--timings", is_flag=True, help="Print the seconds each stage took.")
@_friendly
def build(
    paths: tuple[Path, ...],
    out: Path,
    workers: int,
    strict: bool,
    default_date: date | None,
    no_page: bool,
    no_cache: bool,
    dask_scheduler: str | None,
    timings: bool,
) -> None:
    """Build the graph of the articles in PATHS (files or folders, read recursively).

    Each article file starts with a line 'date YYYY-MM-DD'; the rest is the
    text. Writes OUT/store (SPARQL store), OUT/graph.ttl, OUT/graph.trig,
    OUT/graph.html and OUT/timeline.html.

    \b
    Examples:
      kg build seeds/ --out build/
      kg build corpus/ --workers 0 --timings
      kg build corpus/ --dask-scheduler tcp://10.0.0.5:8786
    """
    from .pipeline import build as run
    from .pipeline import cpu_workers

    try:
        result = run(
            paths,
            out,
            workers=workers or cpu_workers(),
            strict=strict,
            default_date=default_date,
            progress=sys.stderr.isatty(),
            page=not no_page,
            use_cache=not no_cache,
            dask_scheduler=dask_scheduler,
        )
    except OSError as e:  # a full disk, or --out turned unwritable during the build
        raise _output_error(out, e) from None
    click.echo(
        f"built {result.articles} articles ({result.parsed} parsed, {result.articles - result.parsed} "
        f"from cache): {result.entities} entities, {result.facts} facts, {result.quads} quads"
    )
    for name, path in result.outputs.items():
        click.echo(f"  {name:<9} {path}")
    if timings:
        click.echo("timings: " + ", ".join(f"{k} {v:.2f}s" for k, v in result.timings.items()))
    if result.report.problems:
        click.echo(result.report.summary(), err=True)
    if result.report.skipped:
        sys.exit(1)


def _output_error(out: Path, e: OSError) -> KgError:
    """A failed write during a build as one line naming the output and the fix."""
    import errno

    from .errors import OutputError

    if e.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = f"free some space on that disk, or build into another folder with --out (now {out})"
    else:
        fix = f"check the permissions there, or build into another folder with --out (now {out})"
    return OutputError(f"{e.filename or out}: cannot write ({e.strerror or e}); {fix}")


@main.command()
@click.argument("query", required=False)
@_store_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "tsv", "json", "xml"]),
    default="table",
    show_default=True,
)
@click.option(
    "--param", "params", multiple=True, metavar="NAME=VALUE", help="Bind ?NAME to VALUE (repeatable)."
)
@click.option("--list", "list_", is_flag=True, help="List the named queries.")
@_friendly
def query(query: str | None, store: Path, fmt: str, params: tuple[str, ...], list_: bool) -> None:
    """Run a SPARQL query: inline text, a .rq file, or the name of a library query.

    \b
    Examples:
      kg query 'SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name }'
      kg query timeline --param entity=Anthropic
      kg query --list
    """
    from . import queries
    from .errors import QueryError
    from .store import GraphStore, Rows, to_csv

    if list_:
        for name in queries.names():
            q = queries.get(name)
            ps = q.usage()
            click.echo(f"{name:<22} {q.summary}" + (f"  {ps}" if ps else ""))
        return
    if not query:
        raise QueryError("no query given; pass SPARQL text, a .rq file or a name from 'kg query --list'")
    bound: dict[str, object] = {}
    for p in params:
        name, sep, value = p.partition("=")
        if not sep or not name:
            raise QueryError(f"--param {p!r} is not NAME=VALUE; write e.g. --param entity=Anthropic")
        bound[name.strip()] = value
    named = None
    if query.endswith(".rq") and Path(query).is_file():
        text = Path(query).read_text(encoding="utf-8")
    elif query.replace("_", "").replace("-", "").isalnum() and query in queries.names():
        named = queries.get(query)
        text = named.text
        bound = named.bind(bound)  # refuses unknown and missing parameters
    elif query.replace("_", "").replace("-", "").isalnum():
        queries.get(query)  # raises with the list hint
        return
    else:
        text = query
    gs = GraphStore.open(_store_dir(store))
    # A library listing comes from the answers the build kept (kg.views) when they can give it.
    kept = gs.answer(named, bound) if named is not None and fmt in {"table", "csv"} else None
    if kept is not None and fmt == "table":
        click.echo(Rows(kept.columns, kept.rows()).table())
    elif kept is not None:
        sys.stdout.buffer.write(to_csv(kept.columns, kept.rows()))
    elif fmt == "table":
        click.echo(gs.select(text, bound).table())
    else:
        sys.stdout.buffer.write(gs.serialize_results(text, fmt, bound))


def _store_dir(path: Path) -> Path:
    return path / "store" if (path / "store").is_dir() else path


@main.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option(
    "--corpus",
    "corpora",
    multiple=True,
    type=click.Path(path_type=Path),
    help="Folder holding the gold documents (repeatable; default seeds/).",
)
@click.option(
    "--json", "json_out", type=click.Path(path_type=Path), help="Write the extracted graph as JSON."
)
@_friendly
def eval_(gold: tuple[Path, ...], corpora: tuple[Path, ...], json_out: Path | None) -> None:
    """Score extraction against gold annotations (entity P/R/F1, fact recall).

    \b
    Example:
      kg eval ../shared/eval/seeds-gold.yaml --corpus seeds/
    """
    from .evaluate import evaluate, to_json

    result, store = evaluate(gold, corpora or (Path("seeds"),))
    if json_out is not None:
        json_out.write_text(json.dumps(to_json(store), indent=1, ensure_ascii=False), encoding="utf-8")
    click.echo(result.report())


@main.command()
@click.argument("graph", required=False, type=click.Path(path_type=Path))
@_friendly
def validate(graph: Path | None) -> None:
    """Check a graph against the SHACL shapes of ontology/shapes.ttl.

    \b
    Example:
      kg validate build/graph.ttl
    """
    from .validate import validate as run

    report = run(graph or DEFAULT_OUT / "graph.ttl")
    click.echo(report.text())
    if not report.conforms:
        sys.exit(1)


@main.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("build/ontology"), show_default=True)
@_friendly
def docs(out: Path) -> None:
    """Generate the HTML documentation of the ontology.

    \b
    Example:
      kg docs --out build/ontology
    """
    from .docs import docs as run

    click.echo(run(out))


@main.command()
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ttl", "trig", "nq", "nt", "jsonld", "graphml", "gexf", "csv"]),
    required=True,
)
@_store_option
@click.option("--out", "out_path", type=click.Path(path_type=Path), help="Output file (folder for csv).")
@_friendly
def export(fmt: str, store: Path, out_path: Path | None) -> None:
    """Export the built graph to RDF formats, GraphML/GEXF (Gephi) or CSV.

    \b
    Example:
      kg export --format graphml --out story.graphml
    """
    from .export import export as run
    from .store import GraphStore

    target = out_path or (DEFAULT_OUT / ("csv" if fmt == "csv" else f"graph.{fmt}"))
    click.echo(run(GraphStore.open(_store_dir(store)), fmt, target))


@main.command()
@_store_option
@click.option(
    "--out", "out_path", type=click.Path(path_type=Path), default=Path("build/graph.html"), show_default=True
)
@click.option(
    "--construct",
    metavar="QUERY",
    help="Draw only what a SPARQL CONSTRUCT query (text or .rq file) returns from the store.",
)
@_friendly
def viz(store: Path, out_path: Path, construct: str | None) -> None:
    """Draw the graph of a store, or of a CONSTRUCT result, as an offline HTML page.

    \b
    Examples:
      kg viz --store build/ --out story.html
      kg viz --construct 'CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o ; kg:mentionedIn ?a . }' --out part.html
    """
    from .export import subgraph, to_networkx
    from .page import write_page
    from .store import GraphStore

    gs = GraphStore.open(_store_dir(store))
    what = f"Drawn from {store}"
    if construct:
        text = Path(construct).read_text(encoding="utf-8") if construct.endswith(".rq") else construct
        gs = subgraph(gs, text)
        what += " through a CONSTRUCT query"
    click.echo(write_page(to_networkx(gs), out_path, title="Story graph", subtitle=what))


@main.command()
@_store_option
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on; 0.0.0.0 exposes the endpoint to the network.",
)
@click.option(
    "--timeout",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Whole seconds a query may run (0: no limit).",
)
@_friendly
def serve(store: Path, port: int, host: str, timeout: int) -> None:
    """Serve the built graph read-only as a SPARQL 1.1 endpoint (Oxigraph's server).

    Queries go to http://HOST:PORT/query (GET or POST; JSON, XML, CSV or TSV
    results by the Accept header) and see the union of the article graphs;
    updates are refused. The server restarts when 'kg build' replaces the store.

    \b
    Example:
      kg serve --store build/ --port 7878
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s ?p ?o } LIMIT 5' \\
           http://127.0.0.1:7878/query
    """
    from .serve import serve as run

    run(_store_dir(store), host=host, port=port, timeout=timeout, say=lambda m: click.echo(m, err=True))


@main.command()
@click.argument("url")
@_store_option
@click.option(
    "--header",
    "headers",
    multiple=True,
    metavar="'NAME: VALUE'",
    help="HTTP header for every request, e.g. 'Authorization: Bearer TOKEN' (repeatable).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=120,
    show_default=True,
    help="Seconds to wait for each request.",
)
@_friendly
def push(url: str, store: Path, headers: tuple[str, ...], timeout: float) -> None:
    """Send the graph to a SPARQL 1.1 Graph Store endpoint, one named graph per article.

    Each graph is PUT to URL?graph=GRAPH as N-Triples, replacing that graph
    on the server; other graphs on the server are left alone.

    \b
    Example:
      kg push http://localhost:7878/store --store build/
    """
    from .errors import PushError
    from .push import push as run
    from .store import GraphStore

    extra: dict[str, str] = {}
    for h in headers:
        name, sep, value = h.partition(":")
        if not sep or not name.strip():
            raise PushError(
                f"--header {h!r} is not 'NAME: VALUE'; write e.g. --header 'Authorization: Bearer T'"
            )
        extra[name.strip()] = value.strip()
    result = run(GraphStore.open(_store_dir(store)), url, timeout=timeout, headers=extra)
    click.echo(f"pushed {result.graphs} graphs ({result.quads} quads) to {url}")


if __name__ == "__main__":  # pragma: no cover
    main()
