"""Text out of an HTML page saved as an article.

The main text is found by trafilatura (a library made for pulling the article
out of a news page: it drops menus, footers, share buttons and scripts; it is
asked to favour precision, as boilerplate would become bogus entities). When
trafilatura is not installed, or finds nothing, a small standard-library
parser keeps the visible text instead. Either way paragraphs stay one a line
and the content of ``<script>``, ``<style>`` and the like is never kept.

>>> html_to_text("<html><body><p>One &amp; two</p><script>x()</script><p>Three</p></body></html>")
'One & two\\nThree'
>>> page_date('<html><head><meta property="article:published_time" content="2026-02-23T09:00Z"></head></html>')
'2026-02-23'
"""

from __future__ import annotations

import json
import logging
import re
from html.parser import HTMLParser

# Elements whose content is never text of the article.
_SKIP = frozenset(
    (  # noqa: SIM905
        "script style noscript template head nav footer svg iframe object select button canvas math"
    ).split()
)
# Elements that end a line of text.
_BLOCK = frozenset(
    (  # noqa: SIM905
        "p div br li h1 h2 h3 h4 h5 h6 tr td th dt dd article section blockquote header main aside "
        "figure figcaption pre ul ol table hr form address details summary body title"
    ).split()
)
# <meta name|property|itemprop=...> whose content is the publication date.
_DATE_META = frozenset(
    (  # noqa: SIM905
        "article:published_time og:published_time datepublished date pubdate publishdate publish-date "
        "publication_date dc.date dc.date.issued dcterms.created dcterms.date sailthru.date "
        "parsely-pub-date cxenseparse:recs:publishtime"
    ).split()
)
_ISO_START = re.compile(r"\s*([0-9]{4}-[0-9]{2}-[0-9]{2})")
_MARKUP = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|section|span|br|meta|title|script|a)\b", re.I
)


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is HTML markup rather than prose: it starts with a tag and has more.

    >>> looks_like_html("<!DOCTYPE html><html><body>Hi</body></html>"), looks_like_html("Use <p> for paragraphs.")
    (True, False)
    """
    head = text[:4000].lstrip()
    return head.startswith("<") and len(_MARKUP.findall(head)) >= 2


class _Page(HTMLParser):
    """Collects the visible text (one block a line) and the publication date hints."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # open elements whose content is dropped
        self.meta_dates: list[str] = []
        self.time_dates: list[str] = []
        self.json_ld: list[str] = []
        self._in_json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k.lower(): v or "" for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key in _DATE_META and a.get("content"):
                self.meta_dates.append(a["content"])
            return
        if tag == "time" and a.get("datetime"):
            self.time_dates.append(a["datetime"])
        if tag == "script" and a.get("type", "").lower() == "application/ld+json":
            self._in_json_ld = True
        if tag == "body":
            # A <head> left open (malformed page) ends where the body starts.
            self.skip = [t for t in self.skip if t != "head"]
        if tag in _SKIP:
            self.skip.append(tag)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        # <br/>, <meta .../>, <svg/>: never leave a skipping element open.
        if tag in _SKIP:
            return
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_json_ld = False
        if tag in self.skip:
            # Close the innermost open element of that name (and anything left open inside it).
            i = len(self.skip) - 1 - self.skip[::-1].index(tag)
            del self.skip[i:]
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self._in_json_ld:
            self.json_ld.append(data)
        if not self.skip:
            # A line break in the source is a space on the page.
            self.parts.append(data.replace("\r", " ").replace("\n", " "))


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def _lines(text: str) -> str:
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def fallback_text(html: str) -> str:
    """The visible text of ``html`` with the standard library only, one block a line.

    >>> fallback_text("<head><title>T</title><body><h1>Title</h1><p>A <b>bold</b>\\nmove.</p>")
    'Title\\nA bold move.'
    """
    return _lines("".join(_parse(html).parts))


def html_to_text(html: str) -> str:
    """The article text of the page ``html``, one paragraph a line ('' when it has none).

    Uses trafilatura when it is installed, else (or when it finds nothing) ``fallback_text``.

    >>> html_to_text("<p>First.</p><p>Second.</p>")
    'First.\\nSecond.'
    """
    text = _trafilatura(html)
    return text if text else fallback_text(html)


def _trafilatura(html: str) -> str:
    """The main text by trafilatura, or '' when it is not installed or finds none."""
    try:
        import trafilatura
    except ImportError:
        return ""
    else:
        log = logging.getLogger("trafilatura")
        if log.level == logging.NOTSET:
            # Its warnings ("discarding data") are about pages, not about kg; keep the terminal quiet.
            log.setLevel(logging.ERROR)
        text = trafilatura.extract(
            html, include_comments=False, include_tables=False, deduplicate=False, favor_precision=True
        )
        return _lines(str(text)) if text else ""


def page_date(html: str) -> str | None:
    """The publication date (``YYYY-MM-DD``) the page states in its metadata, if any.

    Looks at ``<meta>`` tags (``article:published_time``, ``datePublished``, ...), JSON-LD
    ``datePublished`` and ``<time datetime>``, in that order.

    >>> page_date('<script type="application/ld+json">{"datePublished": "2026-02-24"}</script>')
    '2026-02-24'
    >>> page_date("<p>No date here</p>") is None
    True
    """
    page = _parse(html)
    ld = [d for blob in page.json_ld for d in _json_ld_dates(blob)]
    for value in [*page.meta_dates, *ld, *page.time_dates]:
        m = _ISO_START.match(value)
        if m:
            return m.group(1)
    return None


def _json_ld_dates(blob: str) -> list[str]:
    try:
        data = json.loads(blob)
    except ValueError:
        return []
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            value = item.get("datePublished")
            if isinstance(value, str):
                found.append(value)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found
