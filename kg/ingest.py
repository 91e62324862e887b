"""Read article files into ``Article`` records.

An article file's first line starts with ``date YYYY-MM-DD``; the rest of
that line and the following lines are the article. The id is the file name
without its extension.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a1.txt").write_text("date 2026-02-23 Hello world.\\nMore.")
>>> report = IngestReport()
>>> [a.text for a in read_articles([d], report)]
['Hello world.\\nMore.']
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from .errors import ArticleFormatError, InputError
from .model import Article

DATE_LINE = re.compile(r"^\s*date\s+(\S+)")
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
EXPECTED = "the first line must start with 'date YYYY-MM-DD' followed by the article text"
FIX = "add a first line such as 'date 2026-02-23' or pass --date YYYY-MM-DD"
MIN_YEAR = 1800
# Files larger than this are not news articles; they are read but truncated.
MAX_BYTES = 64 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".html", ".htm", ""}


@dataclass
class Problem:
    """A file that was skipped or repaired, and why."""

    path: str
    message: str
    skipped: bool = True


@dataclass
class IngestReport:
    """What ingest skipped or repaired; filled while articles are read."""

    problems: list[Problem] = field(default_factory=list)
    read: int = 0

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.skipped]

    @property
    def repaired(self) -> list[Problem]:
        return [p for p in self.problems if not p.skipped]

    def summary(self) -> str:
        lines = [f"{self.read} articles read, {len(self.skipped)} skipped, {len(self.repaired)} repaired"]
        for p in self.problems:
            lines.append(f"  {'skipped' if p.skipped else 'repaired'}: {p.path}: {p.message}")
        return "\n".join(lines)


def iter_files(paths: Iterable[Path | str], report: IngestReport | None = None) -> Iterator[Path]:
    """Every article file under ``paths``, recursively, in a stable order.

    Symbolic links are followed once; a link loop is visited only once.
    """
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        path = Path(raw)
        if not path.exists():
            raise InputError(f"{path}: no such file or folder; give an article file or a folder of them")
        if path.is_file():
            yield path
            continue
        for root, dirs, files in os.walk(path, followlinks=True):
            st = os.stat(root)
            ident = (st.st_dev, st.st_ino)
            if ident in seen:
                dirs[:] = []
                if report is not None:
                    report.problems.append(Problem(root, "folder already visited (symbolic-link loop); not read again", skipped=False))
                continue
            seen.add(ident)
            dirs.sort()
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in sorted(files):
                if name.startswith(".") or name.endswith((".jsonl", ".json", ".yaml", ".yml")):
                    continue
                if Path(name).suffix.lower() not in TEXT_SUFFIXES and not _looks_textual(name):
                    continue
                yield Path(root) / name


def _looks_textual(name: str) -> bool:
    # Files such as "reut-00001" or "notes.article": anything that is not a
    # known binary or data suffix is tried as an article.
    return Path(name).suffix.lower() not in {
        ".png", ".jpg", ".jpeg", ".gif", ".pdf", ".zip", ".gz", ".csv", ".tsv", ".py", ".sgm", ".xml",
    }


def decode(data: bytes, path: str, report: IngestReport | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM), else the detected legacy encoding."""
    if b"\0" in data[:8192]:
        raise ArticleFormatError(path, "this is a binary file (it contains NUL bytes), not a text article; remove it from the folder")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        text = data.decode("cp1252", errors="replace")
        encoding = "cp1252"
    if report is not None:
        report.problems.append(Problem(path, f"not UTF-8; decoded as {encoding}; save it as UTF-8 to silence this", skipped=False))
    return text


def parse_date(value: str, path: str, today: date | None = None) -> date:
    """``YYYY-MM-DD`` to a date in a sane range, or an ``ArticleFormatError``."""
    m = ISO_DATE.match(value)
    if not m:
        raise ArticleFormatError(path, f"malformed date {value!r}: {EXPECTED}; {FIX}")
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ArticleFormatError(path, f"impossible date {value!r}: {EXPECTED}; {FIX}") from None
    today = today or date.today()
    if d.year < MIN_YEAR or d > today + timedelta(days=366):
        raise ArticleFormatError(path, f"date {value} is before {MIN_YEAR} or in the future: {EXPECTED}; {FIX}")
    return d


def parse_article(text: str, path: str, default_date: date | None = None) -> Article:
    """Split an article file's text into date and body.

    >>> parse_article("date 2026-02-23 Body here.", "x.txt").date.isoformat()
    '2026-02-23'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    article_id = Path(path).stem
    m = DATE_LINE.match(text)
    if m and m.group(1)[:1].isdigit():
        d = parse_date(m.group(1), path) if default_date is None else _date_or_default(m.group(1), path, default_date)
        body = text[m.end():]
        body = body[1:] if body[:1] in (" ", "\t") else body
    elif default_date is not None:
        d, body = default_date, text
    else:
        first = text.strip().split("\n", 1)[0][:40]
        if not text.strip():
            raise ArticleFormatError(path, f"the file is empty: {EXPECTED}")
        raise ArticleFormatError(path, f"no date line (it starts {first!r}): {EXPECTED}; {FIX}")
    body = body.strip()
    if not body:
        raise ArticleFormatError(path, f"the article has a date line but no text: {EXPECTED}")
    if _looks_like_html(body):
        body = _html_to_text(body)
    return Article(id=article_id, date=d, text=body, source=path)


def _date_or_default(value: str, path: str, default: date) -> date:
    try:
        return parse_date(value, path)
    except ArticleFormatError:
        return default


_HTML = re.compile(r"<(html|body|p|div|article|head|!doctype)\b", re.I)


def _looks_like_html(text: str) -> bool:
    head = text[:2000]
    return len(_HTML.findall(head)) >= 2


def _html_to_text(text: str) -> str:
    from .htmltext import html_to_text

    return html_to_text(text)


def read_articles(
    paths: Iterable[Path | str],
    report: IngestReport,
    default_date: date | None = None,
    dates: Mapping[str, date] | None = None,
    strict: bool = False,
) -> Iterator[Article]:
    """Yield the articles under ``paths``; record skipped and repaired files in ``report``.

    ``dates`` maps an article id to its date, for corpora without date lines.
    With ``strict`` the first bad file raises instead of being skipped.
    """
    seen_hashes: dict[str, str] = {}
    seen_ids: dict[str, str] = {}
    for path in iter_files(paths, report):
        spath = str(path)
        try:
            article = _read_one(path, report, default_date, dates)
        except ArticleFormatError as e:
            if strict:
                raise
            report.problems.append(Problem(spath, e.problem))
            continue
        digest = hashlib.sha256(article.text.encode("utf-8", "surrogatepass")).hexdigest()
        if digest in seen_hashes:
            msg = f"same text as {seen_hashes[digest]}; built once"
            if strict:
                raise ArticleFormatError(spath, msg)
            report.problems.append(Problem(spath, msg))
            continue
        if article.id in seen_ids:
            msg = f"article id {article.id!r} already used by {seen_ids[article.id]}; rename one of the files"
            if strict:
                raise ArticleFormatError(spath, msg)
            report.problems.append(Problem(spath, msg))
            continue
        seen_hashes[digest] = spath
        seen_ids[article.id] = spath
        report.read += 1
        yield article


def _read_one(path: Path, report: IngestReport, default_date: date | None, dates: Mapping[str, date] | None) -> Article:
    spath = str(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise ArticleFormatError(spath, "not a regular file; give article files")
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise ArticleFormatError(spath, "cannot be read (permission denied); fix its permissions (chmod +r)") from None
    except OSError as e:
        raise ArticleFormatError(spath, f"cannot be read ({e.strerror}); check the file") from None
    if len(data) > MAX_BYTES:
        data = data[:MAX_BYTES]
        report.problems.append(Problem(spath, f"larger than {MAX_BYTES // 2**20} MiB; only the first {MAX_BYTES // 2**20} MiB were read", skipped=False))
    text = decode(data, spath, report)
    own = dates.get(path.stem) if dates else None
    return parse_article(text, spath, own or default_date)
