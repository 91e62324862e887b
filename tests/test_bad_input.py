"""End-to-end: ``kg build`` over bad, odd and hostile input goes on, says what it skipped, and exits right.

Exit statuses: 0 built (maybe with repairs), 1 built but some files were skipped,
2 stopped (``--strict``, an unusable output folder, a missing input path).
Most builds run in-process through click's CliRunner (the spaCy model is
loaded once); one runs the real ``kg`` program to check the process level.
"""

from __future__ import annotations

import errno
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner, Result

import kg.store
from kg import ingest
from kg.cli import main
from kg.ingest import IngestReport, read_articles
from kg.store import GraphStore

KG = Path(sys.executable).with_name("kg")
GOOD = "date 2026-02-23 Anthropic CEO Dario Amodei met Pete Hegseth in Washington on Tuesday."


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def build(*args: str | Path) -> Result:
    return CliRunner().invoke(main, ["build", *map(str, args), "--no-page"])


def articles(out: Path) -> dict[str, str]:
    """Article id -> date in the built store."""
    rows = (
        GraphStore.open(out / "store")
        .select("SELECT ?id ?d WHERE { ?a kg:articleId ?id ; kg:published ?d }")
        .rows
    )
    return {str(i): str(d) for i, d in rows}


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


@pytest.fixture()
def bad_corpus(tmp_path: Path) -> Path:
    """One good article and one of each kind of bad file."""
    corpus = tmp_path / "corpus"
    write(corpus, "good.txt", GOOD)
    write(corpus, "empty.txt", "")
    write(corpus, "blank.txt", "  \n\n\t ")
    write(corpus, "only-date.txt", "date 2026-02-23\n")
    write(corpus, "no-date.txt", "Pete Hegseth spoke on Monday.")
    write(corpus, "bad-date.txt", "date 2026-13-45 Dario Amodei spoke.")
    write(corpus, "future.txt", "date 2999-01-01 Dario Amodei will speak.")
    write(corpus, "ancient.txt", "date 1066-10-14 The battle of Hastings.")
    write(corpus, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    write(corpus, "binary.txt", bytes(range(256)) * 4)
    return corpus


EXPECTED_SKIPS = {
    "empty.txt": "the file is empty",
    "blank.txt": "only whitespace",
    "only-date.txt": "only a date line",
    "no-date.txt": "no date line",
    "bad-date.txt": "impossible date '2026-13-45'",
    "future.txt": "in the future",
    "ancient.txt": "before 1800",
    "image.txt": "PNG image",
    "binary.txt": "binary file",
}


def test_bad_files_are_skipped_and_listed_and_the_build_goes_on(bad_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(bad_corpus, "--out", out)
    no_traceback(result)
    assert result.exit_code == 1
    assert "built 1 articles" in result.stdout
    assert articles(out) == {"good": "2026-02-23"}
    assert "1 articles read, 9 skipped" in result.stderr
    for name, reason in EXPECTED_SKIPS.items():
        line = next(line for line in result.stderr.splitlines() if f"{name}:" in line)
        assert line.startswith("  skipped: ") and str(bad_corpus / name) in line and reason in line
    # Every date problem says what the format is and how to fix it.
    for name in ("no-date.txt", "bad-date.txt", "future.txt", "ancient.txt"):
        line = next(line for line in result.stderr.splitlines() if f"{name}:" in line)
        assert "'date YYYY-MM-DD'" in line and "--date YYYY-MM-DD" in line


def test_strict_stops_at_the_first_bad_file(bad_corpus: Path, tmp_path: Path) -> None:
    result = build(bad_corpus, "--out", tmp_path / "out", "--strict")
    no_traceback(result)
    assert result.exit_code == 2
    # Files are read in sorted order: ancient.txt is the first bad one.
    assert result.stderr.startswith(f"kg: {bad_corpus / 'ancient.txt'}: date 1066-10-14 is before 1800")
    assert "stopped by --strict" in result.stderr
    assert not (tmp_path / "out" / "store").exists()


def test_date_dates_the_undated_and_the_misdated(bad_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = build(bad_corpus, "--out", out, "--date", "2026-03-01")
    no_traceback(result)
    assert result.exit_code == 1  # the empty and binary files are still skipped
    assert articles(out) == {
        "good": "2026-02-23",  # a good date line wins over --date
        "no-date": "2026-03-01",
        "bad-date": "2026-03-01",
        "future": "2026-03-01",
        "ancient": "2026-03-01",
    }
    assert "repaired: " + str(bad_corpus / "bad-date.txt") + ": impossible date '2026-13-45'" in result.stderr
    assert "used --date 2026-03-01" in result.stderr and "1 dated by --date" in result.stderr


def test_a_malformed_date_option_is_a_usage_error(bad_corpus: Path, tmp_path: Path) -> None:
    result = build(bad_corpus, "--out", tmp_path / "out", "--date", "2026-13-45")
    assert result.exit_code == 2 and "is not a date; use YYYY-MM-DD" in result.stderr


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # rdflib's own TriG parser
def test_hostile_but_valid_text_builds_cleanly(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "emoji.txt", "date 2026-02-23 🎉 Anthropic 👩🏽‍💻 signed a deal with the Pentagon 🇺🇸.")
    write(
        corpus,
        "rtl.txt",
        "date 2026-02-23 Benjamin Netanyahu (בנימין נתניהו) visited القاهرة with Emmanuel Macron.",
    )
    write(
        corpus,
        "mixed.txt",
        "date 2026-02-23 Toyota (トヨタ) opened a plant in Москва near Zürich; naïve café.",
    )
    write(
        corpus, "bom-crlf.txt", b"\xef\xbb\xbfdate 2026-02-23 Angela Merkel met Joe Biden.\r\nThey spoke.\r\n"
    )
    write(corpus, "latin1.txt", "date 2026-02-23 José Muñoz visited São Paulo.".encode("latin-1"))
    write(corpus, "cp1252.txt", "date 2026-02-23 Emmanuel Macron said “we agree” – twice.".encode("cp1252"))
    write(corpus, "control.txt", "date 2026-02-23 Acme\x0e Corp hired\x1b John\x07 Smith.")
    write(
        corpus,
        "tags.txt",
        'date 2026-02-23 The site showed <script>alert("x")</script> and "quotes" {braces} \\ too.',
    )
    page = (
        "<!DOCTYPE html><html><head><meta name='date' content='2026-02-22'><script>var leak='SCRIPT'</script>"
        "</head><body><nav>Menu Home</nav><p>Emmanuel Macron spoke in Paris on Monday.</p>"
        "<p>He met Olaf Scholz.</p><script>track('SCRIPT')</script></body></html>"
    )
    write(corpus, "page.html", page)
    out = tmp_path / "out"
    result = build(corpus, "--out", out)
    no_traceback(result)
    assert result.exit_code == 0, result.output
    got = articles(out)
    assert set(got) == {"emoji", "rtl", "mixed", "bom-crlf", "latin1", "cp1252", "control", "tags", "page"}
    assert got["page"] == "2026-02-22"  # dated by the page's own metadata
    repaired = {Path(line.split(": ")[1]).name for line in result.stderr.splitlines() if "repaired:" in line}
    assert repaired == {"latin1.txt", "cp1252.txt", "control.txt", "page.html"}
    # The outputs are valid RDF whatever the text held.
    assert len(rdflib.Graph().parse(out / "graph.ttl", format="turtle")) > 0
    assert len(rdflib.Dataset().parse(out / "graph.trig", format="trig")) > 0
    ttl = (out / "graph.ttl").read_text(encoding="utf-8")
    assert "SCRIPT" not in ttl and "Menu Home" not in ttl


def test_duplicates_nested_folders_and_link_loops(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "2026/02/a.txt", GOOD)
    write(corpus, "2026/02/copy-of-a.txt", GOOD)
    write(corpus, "2026/03/deep/deeper/b.txt", "date 2026-03-02 Olaf Scholz met Emmanuel Macron in Berlin.")
    (corpus / "2026" / "03" / "deep" / "loop").symlink_to(corpus)
    out = tmp_path / "out"
    started = time.monotonic()
    result = build(corpus, "--out", out)
    no_traceback(result)
    assert time.monotonic() - started < 60
    assert result.exit_code == 0  # a duplicate or a loop loses nothing
    assert articles(out) == {"a": "2026-02-23", "b": "2026-03-02"}
    assert (
        f"note: {corpus / '2026/02/copy-of-a.txt'}: the same text as {corpus / '2026/02/a.txt'}"
        in result.stderr
    )
    assert "link back to the folder" in result.stderr


def test_an_unreadable_file_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", GOOD)
    write(corpus, "locked.txt", "date 2026-02-23 Secret.")
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "locked.txt":
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded)
    result = build(corpus, "--out", tmp_path / "out")
    no_traceback(result)
    assert result.exit_code == 1
    assert f"skipped: {corpus / 'locked.txt'}: cannot be read (permission denied)" in result.stderr


def test_an_empty_folder_does_not_replace_a_graph(tmp_path: Path) -> None:
    write(tmp_path, "corpus/a.txt", GOOD)
    out = tmp_path / "out"
    assert build(tmp_path / "corpus", "--out", out).exit_code == 0
    (tmp_path / "empty").mkdir()
    result = build(tmp_path / "empty", "--out", out)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: {tmp_path / 'empty'}: no article files found")
    assert articles(out) == {"a": "2026-02-23"}


def test_a_missing_input_path(tmp_path: Path) -> None:
    result = build(tmp_path / "nope", "--out", tmp_path / "out")
    no_traceback(result)
    assert result.exit_code == 2 and "no such file or folder" in result.stderr


# ------------------------------------------------------------------ outputs
def test_an_output_folder_under_a_file_is_refused(tmp_path: Path) -> None:
    write(tmp_path, "corpus/a.txt", GOOD)
    (tmp_path / "plain-file").write_text("x")
    out = tmp_path / "plain-file" / "out"
    result = build(tmp_path / "corpus", "--out", out)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: {out}: cannot write the output folder") and "--out" in result.stderr


@pytest.mark.parametrize(
    ("error", "fix"),
    [
        (OSError(errno.ENOSPC, "No space left on device"), "free some space on that disk"),
        (PermissionError(errno.EACCES, "Permission denied"), "check the permissions there"),
    ],
    ids=["disk-full", "permission"],
)
def test_a_failing_write_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error: OSError, fix: str
) -> None:
    write(tmp_path, "corpus/a.txt", GOOD)
    out = tmp_path / "out"

    def failing(path: Path, data: bytes, *, sync: bool = True) -> None:
        raise error

    monkeypatch.setattr(kg.store, "atomic_write", failing)
    result = build(tmp_path / "corpus", "--out", out)
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"kg: {out}: cannot write ({error.strerror})")
    assert fix in result.stderr and f"--out (now {out})" in result.stderr


# ---------------------------------------------------------------- big input
def test_a_50_mb_article_does_not_blow_up(tmp_path: Path) -> None:
    # Ingest only: the full NLP build of even the kept first million characters takes
    # minutes (spaCy needs ~85 s and ~3.4 GB per million characters); the next test
    # runs the whole build with a smaller limit.
    paragraph = ("Dario Amodei met Pete Hegseth in Washington to discuss the contract. " * 12).strip() + "\n"
    big = write(tmp_path, "corpus/big.txt", "date 2026-02-23 " + paragraph * (50 * 2**20 // len(paragraph)))
    assert big.stat().st_size >= 49 * 2**20
    started = time.monotonic()
    report = IngestReport()
    got = list(read_articles([tmp_path / "corpus"], report))
    assert time.monotonic() - started < 20
    assert len(got) == 1 and len(got[0].text) <= ingest.MAX_CHARS
    assert got[0].text.endswith("contract.")  # cut at a paragraph break
    assert "far longer than an article; only the first" in report.repaired[0].message


def test_a_big_article_builds_end_to_end(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 5_000)
    paragraph = ("Dario Amodei met Pete Hegseth in Washington to discuss the contract. " * 12).strip() + "\n"
    write(tmp_path, "corpus/big.txt", "date 2026-02-23 " + paragraph * (5 * 2**20 // len(paragraph)))
    write(tmp_path, "corpus/small.txt", GOOD)
    out = tmp_path / "out"
    result = build(tmp_path / "corpus", "--out", out)
    no_traceback(result)
    assert result.exit_code == 0
    assert articles(out) == {"big": "2026-02-23", "small": "2026-02-23"}
    assert "repaired: " + str(tmp_path / "corpus/big.txt") in result.stderr


# -------------------------------------------------------- the real program
def test_the_kg_program_reports_and_exits_without_a_traceback(bad_corpus: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = subprocess.run(
        [str(KG), "build", str(bad_corpus), "--out", str(out), "--no-page"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    assert "1 articles read, 9 skipped" in done.stderr
    assert f"skipped: {bad_corpus / 'image.txt'}: this is a PNG image" in done.stderr


# ---------------------------------------------------------------- store lock
HOLDER = """
import sys, pyoxigraph
store = pyoxigraph.Store(sys.argv[1])  # writable: takes RocksDB's lock
print(len(store), flush=True)
sys.stdin.read()                        # hold it until told to stop
"""


def test_a_store_held_open_by_another_process(tmp_path: Path) -> None:
    """Another process holds the store open for writing (RocksDB's lock).

    ``kg query`` opens the store read-only, which the lock allows. ``kg build``
    fills a fresh store beside the old one, but swapping folders under a
    process that names the old one by its path would let that process write
    into the new store when it closes; so the build refuses, names the store,
    and the old graph stays intact.
    """
    corpus = tmp_path / "corpus"
    write(corpus, "a.txt", GOOD)
    out = tmp_path / "out"
    assert build(corpus, "--out", out).exit_code == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(out / "store")],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and int(holder.stdout.readline()) > 0
        query = CliRunner().invoke(
            main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", str(out)]
        )
        assert query.exit_code == 0 and "(1 rows)" in query.stdout
        write(corpus, "b.txt", "date 2026-03-02 Olaf Scholz met Emmanuel Macron in Berlin.")
        again = build(corpus, "--out", out)
        no_traceback(again)
        assert again.exit_code == 2
        assert str(out / "store") in again.stderr and "another process" in again.stderr
    finally:
        holder.communicate("", timeout=60)  # the holder closes its store normally
    assert set(articles(out)) == {"a"}
    assert build(corpus, "--out", out).exit_code == 0
    assert set(articles(out)) == {"a", "b"}
