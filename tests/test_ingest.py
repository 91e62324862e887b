"""Unit tests of ``kg.ingest``: bad, odd and hostile article files are skipped or repaired, never fatal."""

from __future__ import annotations

import os
import sys
import time
import unicodedata
from datetime import date, timedelta
from pathlib import Path

import pytest

from kg import ingest
from kg.errors import ArticleFormatError, InputError
from kg.htmltext import fallback_text, html_to_text, looks_like_html, page_date
from kg.ingest import IngestReport, decode, iter_files, parse_article, parse_date, read_articles

D = date(2026, 2, 23)


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_bytes(content.encode("utf-8"))
    else:
        path.write_bytes(content)
    return path


def read(*paths: Path, **kwargs: object) -> tuple[list[ingest.Article], IngestReport]:
    report = IngestReport()
    articles = list(read_articles(paths, report, **kwargs))  # type: ignore[arg-type]
    return articles, report


def only_problem(report: IngestReport) -> ingest.Problem:
    assert len(report.problems) == 1, report.summary()
    return report.problems[0]


# ------------------------------------------------------------- empty files
@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", "empty"),
        (b"  \n\t\r\n  ", "only whitespace"),
        (b"date 2026-02-23", "only a date line"),
        (b"date 2026-02-23   \r\n\n  \n", "only a date line"),
        (b"\xef\xbb\xbf", "empty"),
    ],
)
def test_empty_files_are_skipped_with_the_reason(tmp_path: Path, content: bytes, words: str) -> None:
    bad = write(tmp_path, "bad.txt", content)
    write(tmp_path, "good.txt", "date 2026-02-23 Good text.")
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["good"]
    problem = only_problem(report)
    assert problem.skipped and problem.path == str(bad)
    assert words in problem.message
    assert report.read == 1


# ------------------------------------------------------------------- dates
@pytest.mark.parametrize(
    ("first_line", "words"),
    [
        ("Hello there, no date.", "no date line (it starts 'Hello there, no date.')"),
        ("date 2026-13-45 Text.", "impossible date '2026-13-45'"),
        ("date 2026-02-30 Text.", "impossible date '2026-02-30'"),
        ("date 2026/02/23 Text.", "malformed date '2026/02/23'"),
        ("date 23-02-2026 Text.", "malformed date '23-02-2026'"),
        ("date 2026-2-3 Text.", "malformed date '2026-2-3'"),
        ("date\nText.", "the date line has no date"),
        ("date 2999-01-01 Text.", "is in the future"),
        ("date 1799-12-31 Text.", "is before 1800"),
    ],
)
def test_bad_dates_are_skipped_naming_the_file_format_and_fix(
    tmp_path: Path, first_line: str, words: str
) -> None:
    bad = write(tmp_path, "bad.txt", first_line + "\nMore text.")
    articles, report = read(tmp_path)
    assert articles == []
    problem = only_problem(report)
    assert problem.skipped
    assert words in problem.message
    assert "--date YYYY-MM-DD" in problem.message
    assert "YYYY-MM-DD" in problem.message.replace("--date YYYY-MM-DD", "")  # the expected format
    with pytest.raises(ArticleFormatError, match=str(bad)):
        list(read_articles([tmp_path], IngestReport(), strict=True))


@pytest.mark.parametrize("token", ["2026-13-45", "2999-01-01", "1700-06-01", "2026/02/23"])
def test_default_date_replaces_a_bad_date_and_says_so(tmp_path: Path, token: str) -> None:
    write(tmp_path, "a.txt", f"date {token} The text.")
    articles, report = read(tmp_path, default_date=date(2026, 3, 1))
    assert [(a.date, a.text) for a in articles] == [(date(2026, 3, 1), "The text.")]
    problem = only_problem(report)
    assert problem.action == "repaired"
    assert token in problem.message and "--date 2026-03-01" in problem.message


def test_default_date_dates_files_without_a_date_line_and_never_overrides_a_good_one(tmp_path: Path) -> None:
    write(tmp_path, "dated.txt", "date 2026-02-23 Dated text.")
    write(tmp_path, "undated.txt", "Undated text.\nSecond line.")
    write(tmp_path, "prose.txt", "Date night at the White House was quiet.")
    articles, report = read(tmp_path, default_date=date(2026, 3, 1))
    got = {a.id: (a.date, a.text) for a in articles}
    assert got == {
        "dated": (D, "Dated text."),
        "undated": (date(2026, 3, 1), "Undated text.\nSecond line."),
        # "Date night" is text, not a date line: nothing is cut off.
        "prose": (date(2026, 3, 1), "Date night at the White House was quiet."),
    }
    assert report.problems == [] and report.defaulted == 2
    assert "2 dated by --date" in report.summary()


def test_the_dates_mapping_wins_over_default_date(tmp_path: Path) -> None:
    write(tmp_path, "a1.txt", "Text one.")
    write(tmp_path, "a2.txt", "Text two.")
    articles, _ = read(tmp_path, default_date=date(2026, 3, 1), dates={"a1": date(2025, 1, 2)})
    assert {a.id: a.date for a in articles} == {"a1": date(2025, 1, 2), "a2": date(2026, 3, 1)}


@pytest.mark.parametrize("bad", [date(1700, 1, 1), date.today() + timedelta(days=800)])
def test_an_out_of_range_default_date_is_an_input_error(tmp_path: Path, bad: date) -> None:
    write(tmp_path, "a.txt", "Text.")
    with pytest.raises(InputError, match="--date"):
        read(tmp_path, default_date=bad)


def test_date_line_variants() -> None:
    for text in (
        "date 2026-02-23 Body.",
        "  DATE: 2026-02-23 Body.",
        "\n\ndate 2026-02-23\nBody.",
        "date\t2026-02-23 Body.",
    ):
        article = parse_article(text, "x.txt")
        assert (article.date, article.text) == (D, "Body."), text


def test_parse_date_range_edges() -> None:
    today = date(2026, 2, 23)
    assert parse_date("1800-01-01", "a", today) == date(1800, 1, 1)
    assert parse_date("2027-02-23", "a", today) == date(2027, 2, 23)  # a year ahead is allowed
    with pytest.raises(ArticleFormatError, match="in the future"):
        parse_date("2027-02-25", "a", today)


# ------------------------------------------------------------- encodings
def test_binary_files_are_skipped(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    write(tmp_path, "photo.txt", png)  # a PNG renamed .txt
    write(tmp_path, "nul.txt", b"date 2026-02-23 Text\x00\x00\x01\x02 with NUL bytes.")
    write(tmp_path, "doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")
    articles, report = read(tmp_path)
    assert articles == []
    messages = {Path(p.path).name: p.message for p in report.skipped}
    assert "PNG image" in messages["photo.txt"]
    assert "binary file (it holds NUL bytes)" in messages["nul.txt"]
    assert "PDF document" in messages["doc.txt"]
    assert all("remove it from the folder" in m for m in messages.values())


@pytest.mark.parametrize(
    ("raw", "text", "words"),
    [
        (
            "Le café de São Paulo à Genève.".encode("latin-1"),
            "Le café de São Paulo à Genève.",
            "Windows-1252",
        ),
        ("He said “yes” – it’s 5 €…".encode("cp1252"), "He said “yes” – it’s 5 €…", "Windows-1252"),
        (
            "Президент России заявил во вторник, что переговоры продолжатся.".encode("cp1251"),
            "Президент России заявил во вторник, что переговоры продолжатся.",
            "cp1251",
        ),
        ("Ok é and a stray byte: ".encode() + b"\xff!", "Ok é and a stray byte: ÿ!", "stray bytes"),
        ("UTF-16 text, née Müller.".encode("utf-16"), "UTF-16 text, née Müller.", "UTF-16"),
    ],
)
def test_legacy_encodings_are_decoded_and_reported(tmp_path: Path, raw: bytes, text: str, words: str) -> None:
    date_line = "date 2026-02-23 ".encode("utf-16-le") if words == "UTF-16" else b"date 2026-02-23 "
    data = raw[:2] + date_line + raw[2:] if words == "UTF-16" else date_line + raw
    write(tmp_path, "a.txt", data)
    articles, report = read(tmp_path)
    assert [a.text for a in articles] == [text]
    problem = only_problem(report)
    assert problem.action == "repaired" and words in problem.message and "UTF-8" in problem.message


def test_bom_crlf_and_stray_carriage_returns_are_normalised_silently(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", b"\xef\xbb\xbf date 2026-02-23 First line.\r\nSecond line.\rThird.\r\n")
    articles, report = read(tmp_path)
    assert [(a.date, a.text) for a in articles] == [(D, "First line.\nSecond line.\nThird.")]
    assert report.problems == []


def test_mixed_scripts_emoji_and_right_to_left_text_are_kept_exactly(tmp_path: Path) -> None:
    body = (
        "Benjamin Netanyahu (בנימין נתניהו) met officials in القاهرة.\n"
        "東京 and Москва reacted 🎉👩🏽‍💻 🇺🇸; café naïve façade.\n"
        "\u200fمرحبا\u200f with RLM marks and a zero-width joiner in 👨‍👩‍👧."
    )
    write(tmp_path, "a.txt", f"date 2026-02-23 {body}")
    articles, report = read(tmp_path)
    assert [a.text for a in articles] == [body]
    assert report.problems == []


def test_text_is_put_in_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", "Nicolás Maduro in Bogotá.")
    write(tmp_path, "a.txt", f"date 2026-02-23 {decomposed}")
    articles, _ = read(tmp_path)
    assert articles[0].text == "Nicolás Maduro in Bogotá." != decomposed


def test_control_characters_are_removed_and_reported(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "date 2026-02-23 Acme\x07 Corp\x1b[31m said\x7f so.\x0cNext page.")
    articles, report = read(tmp_path)
    assert [a.text for a in articles] == ["Acme Corp[31m said so.\nNext page."]
    problem = only_problem(report)
    assert problem.action == "repaired" and "3 control characters" in problem.message


def test_a_file_name_that_is_not_utf8_is_repaired(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_bytes(b"date 2026-02-23 Text.")
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["café"]
    assert articles[0].source.encode("utf-8")  # printable and storable
    assert "file name is not UTF-8" in only_problem(report).message


def test_decode_never_guesses_utf8_wrong() -> None:
    report = IngestReport()
    assert decode("plain ASCII and ünïcödé".encode(), "a.txt", report) == "plain ASCII and ünïcödé"
    assert report.problems == []


# -------------------------------------------------------------------- HTML
PAGE = """<!DOCTYPE html>
<html><head><title>Pentagon talks</title>
<meta property="article:published_time" content="2026-02-24T08:00:00Z">
<script>var tracker = "SCRIPT-SECRET";</script><style>p { color: red }</style></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Hegseth to host Amodei</h1>
<p>The defense secretary is set to host Anthropic CEO Dario Amodei on Tuesday morning, according to people
familiar with the plans.</p>
<p>The meeting follows weeks of tension over the Pentagon&#x27;s use of AI systems &amp; contracts.</p>
<script>track("SCRIPT-SECRET-2")</script>
<p>Anthropic declined to comment on the meeting.</p></article>
<footer>Copyright 2026. All rights reserved.</footer></body></html>"""

PARAGRAPHS = [
    "The defense secretary is set to host Anthropic CEO Dario Amodei on Tuesday morning, according to people "
    "familiar with the plans.",
    "The meeting follows weeks of tension over the Pentagon's use of AI systems & contracts.",
    "Anthropic declined to comment on the meeting.",
]


def check_page_text(text: str) -> None:
    assert "SCRIPT-SECRET" not in text and "color: red" not in text
    assert "<" not in text and "&amp;" not in text
    lines = text.split("\n")
    for p in PARAGRAPHS:
        assert p in lines  # one paragraph a line, markup and entities gone


def test_html_with_a_date_line_becomes_its_text(tmp_path: Path) -> None:
    write(tmp_path, "page.txt", "date 2026-02-23\n" + PAGE)
    articles, report = read(tmp_path)
    assert articles[0].date == D  # the date line wins over the page's metadata
    check_page_text(articles[0].text)
    assert "Home" not in articles[0].text.split("\n")  # navigation is no article text
    assert "HTML page" in only_problem(report).message


def test_html_without_a_date_line_is_dated_by_its_metadata(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE)
    articles, report = read(tmp_path)
    assert articles[0].date == date(2026, 2, 24)
    check_page_text(articles[0].text)
    assert any("publication date 2026-02-24" in p.message for p in report.repaired)


def test_html_without_any_date_needs_a_date_line(tmp_path: Path) -> None:
    write(tmp_path, "page.html", PAGE.replace("article:published_time", "og:title"))
    articles, report = read(tmp_path)
    assert articles == []
    assert any("no date line (it starts '<!DOCTYPE html>')" in p.message for p in report.skipped)


def test_the_fallback_parser_keeps_paragraphs_and_drops_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    text = fallback_text(PAGE)
    check_page_text(text)
    # Without trafilatura, html_to_text uses the fallback.
    monkeypatch.setitem(sys.modules, "trafilatura", None)
    assert html_to_text(PAGE) == text
    assert fallback_text("<p>a</p><script>never()") == "a"  # an unclosed script hides the rest
    assert fallback_text("<html><head><title>T</title><body><p>Shown</p>") == "Shown"  # an unclosed head


def test_prose_about_tags_is_not_html() -> None:
    assert not looks_like_html("Use the <p> and <div> tags, she wrote.")
    assert looks_like_html("  <div><p>Text</p></div>")
    assert (
        parse_article("date 2026-02-23 Use the <p> and <div> tags.", "a.txt").text
        == "Use the <p> and <div> tags."
    )


def test_page_date_sources() -> None:
    assert page_date('<meta name="date" content="2025-12-31">') == "2025-12-31"
    assert page_date(
        '<script type="application/ld+json">[{"@graph": [{"datePublished": "2024-05-06"}]}]</script>'
    ) == ("2024-05-06")
    assert page_date('<time datetime="2023-01-02T10:00">Jan 2</time>') == "2023-01-02"
    assert page_date('<meta name="date" content="yesterday">') is None


# ------------------------------------------------------------- duplicates
def test_the_same_article_twice_is_built_once(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "date 2026-02-23 Same article.\nSecond line.")
    write(tmp_path, "copy.txt", "date 2026-02-23 Same article.\nSecond line.")
    write(tmp_path, "crlf.txt", b"\xef\xbb\xbfdate 2026-02-23  Same article.\r\nSecond line.\r\n")
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [(Path(p.path).name, p.action) for p in report.problems] == [
        ("copy.txt", "note"),
        ("crlf.txt", "note"),
    ]
    assert all(str(tmp_path / "a.txt") in p.message for p in report.problems)
    assert report.skipped == []  # nothing is lost: no failure status


def test_the_same_id_twice_with_other_text_is_skipped(tmp_path: Path) -> None:
    write(tmp_path, "one/a.txt", "date 2026-02-23 First text.")
    write(tmp_path, "two/a.txt", "date 2026-02-23 Other text.")
    articles, report = read(tmp_path)
    assert [a.text for a in articles] == ["First text."]
    problem = only_problem(report)
    assert problem.skipped and "already used by" in problem.message and "rename" in problem.message


# ---------------------------------------------------------- files, folders
def test_nested_folders_hidden_and_non_article_files(tmp_path: Path) -> None:
    write(tmp_path, "a/b/c/deep.txt", "date 2026-02-23 Deep.")
    write(tmp_path, "a/top.md", "date 2026-02-23 Top.")
    write(tmp_path, "a/reut-0001", "date 2026-02-23 No suffix.")
    write(tmp_path, ".git/objects/x.txt", "date 2026-02-23 Hidden folder.")
    write(tmp_path, "a/.hidden.txt", "date 2026-02-23 Hidden file.")
    write(tmp_path, "a/gold.yaml", "entities: []")
    write(tmp_path, "a/photo.png", b"\x89PNG")
    articles, report = read(tmp_path)
    assert sorted(a.id for a in articles) == ["deep", "reut-0001", "top"]
    assert report.ignored == 2 and report.problems == []


def test_symbolic_link_loops_are_visited_once(tmp_path: Path) -> None:
    write(tmp_path, "sub/a.txt", "date 2026-02-23 A.")
    write(tmp_path, "b.txt", "date 2026-02-23 B.")
    (tmp_path / "sub" / "up").symlink_to(tmp_path)  # a link to a parent folder
    (tmp_path / "sub" / "self").symlink_to(tmp_path / "sub")
    (tmp_path / "link.txt").symlink_to(tmp_path / "b.txt")  # a link to a file read anyway
    started = time.monotonic()
    articles, report = read(tmp_path)
    assert time.monotonic() - started < 5
    assert sorted(a.id for a in articles) == ["a", "b"]
    assert report.skipped == [] and len(report.notes) == 3
    assert sum("link back to the folder" in p.message for p in report.notes) == 2


def test_a_broken_link_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    articles, report = read(tmp_path)
    assert articles == [] and "broken link" in only_problem(report).message


def test_a_pipe_is_skipped_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    articles, report = read(tmp_path)
    assert articles == [] and "not a regular file" in only_problem(report).message


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_is_skipped(tmp_path: Path) -> None:
    bad = write(tmp_path, "secret.txt", "date 2026-02-23 Secret.")
    write(tmp_path, "ok.txt", "date 2026-02-23 Fine.")
    bad.chmod(0)
    try:
        articles, report = read(tmp_path)
    finally:
        bad.chmod(0o644)
    assert [a.id for a in articles] == ["ok"]
    assert "permission denied" in only_problem(report).message


def test_an_unreadable_file_is_skipped_simulated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = write(tmp_path, "secret.txt", "date 2026-02-23 Secret.")
    write(tmp_path, "ok.txt", "date 2026-02-23 Fine.")
    real_open = Path.open

    def guarded(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", guarded)
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["ok"]
    problem = only_problem(report)
    assert (
        problem.path == str(bad) and "permission denied" in problem.message and "chmod +r" in problem.message
    )


def test_an_unreadable_folder_is_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "locked/a.txt", "date 2026-02-23 A.")
    write(tmp_path, "ok.txt", "date 2026-02-23 Fine.")
    real_scandir = os.scandir

    def guarded(path: str) -> object:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", guarded)
    articles, report = read(tmp_path)
    assert [a.id for a in articles] == ["ok"]
    problem = only_problem(report)
    assert problem.skipped and problem.path.endswith("locked") and "folder cannot be read" in problem.message


def test_a_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file or folder"):
        list(iter_files([tmp_path / "nope"]))


def test_a_folder_without_article_files_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no article files found; give text files"):
        read(tmp_path)
    write(tmp_path, "photo.png", b"\x89PNG")
    with pytest.raises(InputError, match=r"no article files found \(1 files of other kinds ignored\)"):
        read(tmp_path)
    write(tmp_path, "empty.txt", b"")  # a bad file is no error: it is reported
    assert read(tmp_path)[1].skipped[0].message.startswith("the file is empty")


def test_strict_stops_at_the_first_bad_file_after_the_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "a.txt", "date 2026-02-23 Good.")
    write(tmp_path, "b.txt", "no date")
    write(tmp_path, "c.txt", "date 2026-02-23 Never reached.")
    got = []
    with pytest.raises(ArticleFormatError) as err:
        for article in read_articles([tmp_path], IngestReport(), strict=True):
            got.append(article.id)
    assert got == ["a"]
    assert err.value.path == str(tmp_path / "b.txt") and "no date line" in str(err.value)


# --------------------------------------------------------------- big input
def test_a_long_article_is_cut_at_a_paragraph_break(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ingest, "MAX_CHARS", 1000)
    paragraph = "A sentence of the long article goes on here. " * 4
    write(tmp_path, "long.txt", "date 2026-02-23 " + "\n".join([paragraph.strip()] * 100))
    articles, report = read(tmp_path)
    text = articles[0].text
    assert 900 <= len(text) <= 1000 and text.endswith("here.")
    assert "only the first" in only_problem(report).message


def test_a_huge_file_is_read_up_to_max_bytes_without_breaking_a_character(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ingest, "MAX_BYTES", 4096)
    write(tmp_path, "huge.txt", "date 2026-02-23 " + "é" * 10_000)  # no line break to cut at
    articles, report = read(tmp_path)
    assert set(articles[0].text) == {"é"}  # still UTF-8: no mojibake, no replacement character
    assert "larger than 4,096 bytes" in only_problem(report).message


def test_twenty_thousand_articles(tmp_path: Path) -> None:
    for i in range(20_000):
        (tmp_path / f"a{i:05d}.txt").write_text(f"date 2026-02-23 Article number {i}.")
    started = time.monotonic()
    articles, report = read(tmp_path)
    elapsed = time.monotonic() - started
    assert report.read == len(articles) == 20_000 and report.problems == []
    assert articles[0].id == "a00000" and articles[-1].text == "Article number 19999."
    assert elapsed < 30


# ----------------------------------------------------------------- report
def test_summary_lists_skipped_first_and_is_capped(tmp_path: Path) -> None:
    report = IngestReport(read=3)
    for i in range(5):
        report.add(f"r{i}.txt", "decoded", "repaired")
    report.add("s.txt", "empty")
    lines = report.summary(limit=3).splitlines()
    assert lines[0] == "3 articles read, 1 skipped, 5 repaired"
    assert lines[1] == "  skipped: s.txt: empty"
    assert lines[-1] == "  ... and 3 more"
    assert len(report.summary(limit=None).splitlines()) == 7
