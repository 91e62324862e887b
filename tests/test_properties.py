"""Property tests: whatever the text, bytes or names, ingest fails only with ``ArticleFormatError``
and the IRIs minted from names are valid, deterministic and distinct.
"""

from __future__ import annotations

import os
import re
import tempfile
import unicodedata
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import ArticleFormatError
from kg.ingest import IngestReport, decode, parse_article, read_articles
from kg.mapping import article_iri, entity_iri, graph_iri
from kg.resolve import slug

D = date(2026, 2, 23)
FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# Any character but surrogates, with the control characters (NUL included) drawn often.
CHARS = st.one_of(
    st.characters(codec="utf-8"), st.sampled_from("\x00\x01\x07\x0b\x0c\x1b\x7f\x85\r\n\t\ufeff\u2028")
)
TEXT = st.text(CHARS, max_size=300)
# What an IRI may never hold (RFC 3987 and N-Triples): space, controls and <>"{}|\^`
FORBIDDEN = re.compile(r'[\x00-\x20<>"{}|\\^`\x7f-\x9f]')


def check_article_text(text: str) -> None:
    assert text and text == text.strip()
    assert "\r" not in text and "\ufeff" not in text
    assert not any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in text)
    assert unicodedata.is_normalized("NFC", text)


@FAST
@given(TEXT)
def test_any_body_after_a_date_line_is_an_article_or_a_format_error(body: str) -> None:
    try:
        article = parse_article("date 2026-02-23 " + body, "a.txt", report=IngestReport())
    except ArticleFormatError as e:
        assert e.path == "a.txt" and e.problem
        return
    assert article.date == D and article.id == "a"
    check_article_text(article.text)


@FAST
@given(TEXT, st.sampled_from([None, D]))
def test_any_text_is_an_article_or_a_format_error(text: str, default: date | None) -> None:
    try:
        article = parse_article(text, "dir/x.txt", default_date=default)
    except ArticleFormatError as e:
        assert str(e).startswith("dir/x.txt: ")
        return
    check_article_text(article.text)
    assert default is None or article.date == default or text.lstrip().lower().startswith("date")


@FAST
@given(st.binary(max_size=400))
def test_any_bytes_decode_or_are_called_binary(data: bytes) -> None:
    try:
        text = decode(data, "a.txt", IngestReport())
    except ArticleFormatError as e:
        assert "not a text article" in e.problem
        return
    assert isinstance(text, str)
    text.encode("utf-8")  # no lone surrogates


@FAST
@given(st.binary(max_size=400), st.sampled_from([b"", b"\xef\xbb\xbf", b" \t"]))
def test_random_article_files_are_read_or_skipped(data: bytes, prefix: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "x.txt"
        path.write_bytes(prefix + b"date 2026-02-23 " + data)
        report = IngestReport()
        got = list(read_articles([folder], report))
    assert len(got) + len(report.skipped) == 1
    for article in got:
        assert article.date == D and article.id == "x"
        check_article_text(article.text)
    for problem in report.skipped:
        assert problem.path == str(path) and problem.message


@FAST
@given(
    st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\0" not in b and b[:1] != b".")
)
def test_any_file_name_gives_a_printable_id(name: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(os.fsencode(folder), name + b".txt")
        with open(path, "wb") as fh:
            fh.write(b"date 2026-02-23 Some text.")
        report = IngestReport()
        got = list(read_articles([folder], report))
    assert len(got) == 1
    got[0].id.encode("utf-8")
    got[0].source.encode("utf-8")
    ox.NamedNode(article_iri(got[0].id).value)


# --------------------------------------------------------------------- IRIs
def check_iri(iri: str) -> None:
    assert iri.startswith("https://w3id.org/kg-news/id/")
    assert not FORBIDDEN.search(iri), iri
    ox.NamedNode(iri)  # pyoxigraph checks IRI syntax
    assert rdflib.term._is_valid_uri(iri)
    # And it survives a round trip through N-Triples in both libraries.
    line = f'<{iri}> <http://example.org/p> "o" .\n'
    assert next(iter(ox.parse(line.encode(), format=ox.RdfFormat.N_TRIPLES))).subject.value == iri
    assert str(next(iter(rdflib.Graph().parse(data=line, format="nt")))[0]) == iri


NAMES = st.text(st.characters(codec="utf-8"), max_size=80)


@FAST
@given(NAMES)
def test_slugs_are_safe_and_deterministic(name: str) -> None:
    s = slug(name)
    assert s == slug(name)
    assert re.fullmatch(r"[a-z0-9-]{1,120}", s), s
    check_iri(entity_iri(f"person/{s}").value)


@FAST
@given(NAMES, NAMES)
def test_entity_and_article_iris_are_valid_deterministic_and_distinct(a: str, b: str) -> None:
    for make in (entity_iri, article_iri, graph_iri):
        iri = make(a).value
        check_iri(iri)
        assert make(a).value == iri
    if a != b and "_" not in (a, b) and "" not in (a, b):
        assert article_iri(a) != article_iri(b)
        assert entity_iri(f"person/{a}") != entity_iri(f"person/{b}")
