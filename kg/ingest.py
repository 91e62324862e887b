"""Read article files into ``Article`` records, skipping or repairing bad ones.

An article file's first line starts with ``date YYYY-MM-DD``; the rest of
that line and the following lines are the article. The id is the file name
without its extension. See docs/input-format.md for every rule.

Bad files never stop the reading: each is skipped (it is not built) or
repaired (it is built after a fix, e.g. decoded from Windows-1252), and
``IngestReport`` says which and why. With ``strict`` the first skipped file
raises ``ArticleFormatError`` instead.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a1.txt").write_text("date 2026-02-23 Hello world.\\nMore.")
>>> _ = (d / "a2.txt").write_text("no date line here")
>>> report = IngestReport()
>>> [a.text for a in read_articles([d], report)]
['Hello world.\\nMore.']
>>> print(report.summary())  # doctest: +ELLIPSIS
1 articles read, 1 skipped, 0 repaired
  skipped: .../a2.txt: no date line (it starts 'no date line here'): ...
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from .errors import ArticleFormatError, InputError
from .model import Article

# A first line "date 2026-02-23 ...": the word date (any case, an optional colon) then a token
# starting with a digit. "Date night at the White House" is text, not a date line.
DATE_LINE = re.compile(r"\s*date[ \t]*:?[ \t]*([0-9]\S*|(?=\n|$))", re.I)
ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
EXPECTED = "the first line must start with 'date YYYY-MM-DD' (e.g. 'date 2026-02-23 The text...')"
FIX_DATE = "fix the date line, or pass --date YYYY-MM-DD to use that date for such files"
FIX_MISSING = (
    "add a first line such as 'date 2026-02-23', or pass --date YYYY-MM-DD to use that date for such files"
)
MIN_YEAR = 1800
# Dates up to this far ahead are accepted (time zones, embargoed stories); later ones are typos.
FUTURE_SLACK = timedelta(days=366)
# At most this much of a file is read: far more than any article, even as an HTML page.
MAX_BYTES = 64 * 1024 * 1024
# Article text beyond this is cut off (at a paragraph break). spaCy's parser needs about 3.4 GB
# and 85 s per million characters, and grows faster than linearly; a news article is ~5,000.
MAX_CHARS = 1_000_000
# Files with these suffixes are not articles; they are counted, not read. Anything else is tried.
NOT_ARTICLES = frozenset(
    (  # noqa: SIM905
        ".png .jpg .jpeg .gif .webp .bmp .tif .tiff .ico .svg .pdf .zip .gz .tgz .bz2 .xz .7z .tar .rar .csv "
        ".tsv .json .jsonl .yaml .yml .xml .sgm .py .pyc .rq .ttl .trig .nq .nt .pickle .pkl .db .doc .docx "
        ".xls .xlsx .ppt .pptx .odt .mp3 .mp4 .wav .mov .exe .so .dll .swp"
    ).split()
)
# Leading bytes of binary formats, to name what was found instead of an article.
MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"%PDF-", "a PDF document (convert it to text first, e.g. with pdftotext)"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file: save it as plain text first)"),
    (b"\x1f\x8b", "a gzip archive (unpack it first)"),
    (b"BZh", "a bzip2 archive (unpack it first)"),
    (b"\xfd7zXZ\x00", "an xz archive (unpack it first)"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive (unpack it first)"),
    (b"\x7fELF", "a program (ELF executable)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file (save it as plain text first)"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# Control characters that are never text: C0 except tab and newline, DEL, C1; stray BOMs.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_LINE_BREAKS = re.compile("\r\n?|[\x0b\x0c\x85\u2028\u2029]")
_SPACE_RUN = re.compile(r"\s+")

Action = Literal["skipped", "repaired", "note"]


@dataclass
class Problem:
    """A file that was skipped, repaired or noted, and why.

    ``action`` is ``"skipped"`` (not built), ``"repaired"`` (built after a fix) or
    ``"note"`` (built as it is; e.g. a duplicate that is built once).
    """

    path: str
    message: str
    action: Action = "skipped"

    @property
    def skipped(self) -> bool:
        return self.action == "skipped"


@dataclass
class IngestReport:
    """What ingest read, skipped and repaired; filled while articles are read.

    >>> r = IngestReport(read=2)
    >>> r.add("b.txt", "the file is empty")
    >>> r.skipped[0].path, r.summary().splitlines()[0]
    ('b.txt', '2 articles read, 1 skipped, 0 repaired')
    """

    problems: list[Problem] = field(default_factory=list)
    read: int = 0
    # Files read without a date line, dated by --date (or the ``dates`` mapping) as asked.
    defaulted: int = 0
    # Files not tried because their suffix says they are no articles (.png, .json, ...).
    ignored: int = 0

    def add(self, path: str, message: str, action: Action = "skipped") -> None:
        self.problems.append(Problem(path, message, action))

    @property
    def skipped(self) -> list[Problem]:
        return [p for p in self.problems if p.action == "skipped"]

    @property
    def repaired(self) -> list[Problem]:
        return [p for p in self.problems if p.action == "repaired"]

    @property
    def notes(self) -> list[Problem]:
        return [p for p in self.problems if p.action == "note"]

    def summary(self, limit: int | None = 200) -> str:
        """One line of counts, then one line per problem (skipped first), at most ``limit`` of them."""
        head = f"{self.read} articles read, {len(self.skipped)} skipped, {len(self.repaired)} repaired"
        extras = []
        if self.notes:
            extras.append(f"{len(self.notes)} noted")
        if self.defaulted:
            extras.append(f"{self.defaulted} dated by --date")
        if self.ignored:
            extras.append(f"{self.ignored} non-article files ignored")
        lines = [head + "".join(f", {e}" for e in extras)]
        ordered = self.skipped + self.repaired + self.notes
        listed = ordered if limit is None else ordered[:limit]
        lines += [f"  {p.action}: {p.path}: {p.message}" for p in listed]
        if len(listed) < len(ordered):
            lines.append(f"  ... and {len(ordered) - len(listed)} more")
        return "\n".join(lines)


# ------------------------------------------------------------------ files
def iter_files(paths: Iterable[Path | str], report: IngestReport | None = None) -> Iterator[Path]:
    """Every article file under ``paths``, recursively, in a stable (sorted) order.

    A path given by name is always tried; in folders, hidden files and folders and
    files whose suffix marks them as no articles (``.png``, ``.json``, ...) are
    left out. Symbolic links are followed, but each folder and file is visited
    once: a link loop (a link to a parent folder) ends there. Raises
    ``InputError`` for a path that does not exist.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> (d / "sub").mkdir(); (d / "sub" / "up").symlink_to(d)
    >>> _ = (d / "sub" / "a.txt").write_text("date 2026-02-23 A.")
    >>> [p.name for p in iter_files([d])]
    ['a.txt']
    """
    report = report if report is not None else IngestReport()
    roots = [Path(p) for p in paths]
    for path in roots:
        if not os.path.lexists(path):
            raise InputError(f"{shown(path)}: no such file or folder; give article files or folders of them")
    seen_dirs: dict[tuple[int, int], str] = {}
    seen_files: dict[tuple[int, int], str] = {}

    def once(path: Path) -> bool:
        try:
            st = path.stat()
        except OSError:
            return True  # a broken link: reading it reports why
        key = (st.st_dev, st.st_ino)
        if key in seen_files:
            report.add(shown(path), f"the same file as {seen_files[key]} (through a link); read once", "note")
            return False
        seen_files[key] = shown(path)
        return True

    def unreadable(err: OSError) -> None:
        report.add(
            shown(str(err.filename)),
            f"folder cannot be read ({err.strerror}); fix its permissions (chmod +rx)",
        )

    for path in roots:
        if not path.is_dir():
            if once(path):
                yield path
            continue
        for root, dirs, files in os.walk(path, followlinks=True, onerror=unreadable):
            try:
                st = os.stat(root)
            except OSError as e:
                unreadable(e)
                dirs[:] = []
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen_dirs:
                dirs[:] = []
                report.add(
                    shown(root),
                    f"a link back to the folder {seen_dirs[key]}, already read; not read again",
                    "note",
                )
                continue
            seen_dirs[key] = shown(root)
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for name in sorted(files):
                if name.startswith(".") or name.endswith("~"):
                    continue
                if Path(name).suffix.lower() in NOT_ARTICLES:
                    report.ignored += 1
                    continue
                file = Path(root) / name
                if once(file):
                    yield file


def shown(path: Path | str) -> str:
    """``path`` as text that can be printed and stored: a name that is not UTF-8 is read as Windows-1252.

    >>> shown(os.fsdecode(b"caf\\xe9.txt"))
    'café.txt'
    """
    text = str(path)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            return os.fsencode(text).decode("utf-8", errors=_cp1252_fallback())
        except UnicodeError:
            return text.encode("utf-8", errors="replace").decode("utf-8")
    return text


# --------------------------------------------------------------- decoding
def decode(data: bytes, path: str, report: IngestReport | None = None) -> str:
    """Bytes to text: UTF-8 (with or without BOM), UTF-16 with a BOM, else a legacy encoding.

    Raises ``ArticleFormatError`` for binary files. Anything but clean UTF-8 is
    noted in ``report`` as repaired.

    >>> decode("café".encode("cp1252"), "a.txt")
    'café'
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\0\\0\\0\\rIHDR", "a.txt")
    Traceback (most recent call last):
    kg.errors.ArticleFormatError: a.txt: this is a PNG image, not a text article; remove it from the folder
    """
    report = report if report is not None else IngestReport()
    for magic, what in MAGIC:
        if data.startswith(magic):
            raise ArticleFormatError(path, f"this is {what}, not a text article; remove it from the folder")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
        report.add(path, "UTF-16 text; decoded (save it as UTF-8 to silence this)", "repaired")
        return text
    if b"\0" in data[:8192]:
        raise ArticleFormatError(
            path, "this is a binary file (it holds NUL bytes), not a text article; remove it from the folder"
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    loose = data.decode("utf-8", errors="replace")
    bad = loose.count("\ufffd")
    good = _non_ascii(loose) - bad
    if good and good >= bad:
        # Mostly UTF-8 with a few stray bytes (pasted from a Windows-1252 text, or cut): keep the
        # UTF-8 and read the stray bytes as Windows-1252.
        text = data.decode("utf-8", errors=_cp1252_fallback())
        report.add(
            path,
            f"not valid UTF-8: {bad} stray bytes read as Windows-1252; save it as UTF-8 to silence this",
            "repaired",
        )
        return text
    encoding, text = _legacy(data)
    report.add(path, f"not UTF-8; decoded as {encoding}; save it as UTF-8 to silence this", "repaired")
    return text


def _legacy(data: bytes) -> tuple[str, str]:
    """The encoding name and text of non-UTF-8 ``data``; Western text is Windows-1252 (Latin-1's superset)."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = ""
    if text:
        sample = text[:200_000]
        letters = sum(1 for c in sample if c.isalpha())
        accented = sum(1 for c in sample if c > "\x7f" and c.isalpha())
        # Western European text has a few accented letters among ASCII ones; Cyrillic or Greek
        # read as Windows-1252 is nearly all accented letters.
        if accented <= 0.3 * max(letters, 1):
            return "Windows-1252 (Latin-1)", text
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is not None:
        try:
            return str(best.encoding), data.decode(best.encoding)
        except (UnicodeDecodeError, LookupError):
            pass
    return "Windows-1252 (Latin-1), with unreadable bytes replaced", data.decode("cp1252", errors="replace")


def _non_ascii(text: str) -> int:
    return len(text) - len(text.encode("ascii", errors="ignore"))


@cache
def _cp1252_fallback() -> str:
    """The name of a codec error handler that reads undecodable bytes as Windows-1252."""
    name = "kg-cp1252-fallback"

    def handler(err: UnicodeError) -> tuple[str, int]:
        assert isinstance(err, UnicodeDecodeError)
        return err.object[err.start : err.end].decode("cp1252", errors="replace"), err.end

    codecs.register_error(name, handler)
    return name


# ------------------------------------------------------------------ dates
def parse_date(value: str, path: str, today: date | None = None) -> date:
    """``YYYY-MM-DD`` to a date between 1800 and a year from now, or an ``ArticleFormatError``.

    >>> parse_date("2026-02-23", "a.txt")
    datetime.date(2026, 2, 23)
    >>> parse_date("2026-13-45", "a.txt")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    kg.errors.ArticleFormatError: a.txt: impossible date '2026-13-45' (there is no such day): ...
    """
    if not value:
        raise ArticleFormatError(path, f"the date line has no date: {EXPECTED}; {FIX_DATE}")
    m = ISO_DATE.fullmatch(value)
    if not m:
        raise ArticleFormatError(path, f"malformed date {value[:40]!r}: {EXPECTED}; {FIX_DATE}")
    try:
        d = date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ArticleFormatError(
            path, f"impossible date {value!r} (there is no such day): {EXPECTED}; {FIX_DATE}"
        ) from None
    if d.year < MIN_YEAR:
        raise ArticleFormatError(
            path, f"date {value} is before {MIN_YEAR}, too early for news: {EXPECTED}; {FIX_DATE}"
        )
    latest = (today or date.today()) + FUTURE_SLACK
    if d > latest:
        raise ArticleFormatError(
            path, f"date {value} is in the future (after {latest}): {EXPECTED}; {FIX_DATE}"
        )
    return d


# ---------------------------------------------------------------- parsing
def clean_text(text: str) -> tuple[str, int]:
    """Text with ``\\n`` line ends, in NFC, without control characters; and how many were removed.

    >>> clean_text("a\\r\\nb\\x00c\\ufeff")
    ('a\\nbc', 2)
    """
    if _LINE_BREAKS.search(text):
        text = _LINE_BREAKS.sub("\n", text)
    removed = 0
    if _CONTROL.search(text):
        text, removed = _CONTROL.subn("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return text, removed


def parse_article(
    text: str, path: str, default_date: date | None = None, report: IngestReport | None = None
) -> Article:
    """Split an article file's text into date and body.

    ``default_date`` (``--date``) dates a file without a date line, or whose date
    is malformed or out of range; a good date line always wins. An HTML page is
    turned into its text (dated by the page's own metadata when it has no date
    line). Repairs are noted in ``report``; a file that cannot be an article
    raises ``ArticleFormatError``, naming the file and the fix.

    >>> parse_article("date 2026-02-23 Body here.", "x.txt").date.isoformat()
    '2026-02-23'
    >>> parse_article("date 2026-13-45 Body.", "x.txt", default_date=date(2026, 3, 1)).date.isoformat()
    '2026-03-01'
    """
    report = report if report is not None else IngestReport()
    article_id = Path(path).stem
    text, removed = clean_text(text)
    if not text.strip():
        what = "empty" if not text else "only whitespace" if not removed else "only control characters"
        raise ArticleFormatError(
            path, f"the file is {what}; remove it, or write 'date YYYY-MM-DD' and the article text into it"
        )
    if removed:
        report.add(path, f"{removed} control characters (e.g. NUL) removed from the text", "repaired")
    m = DATE_LINE.match(text)
    d: date | None = None
    if m:
        body = text[m.end() :]
        try:
            d = parse_date(m.group(1), path)
        except ArticleFormatError as e:
            if default_date is None:
                raise
            d = default_date
            report.add(path, f"{e.problem.split(':')[0]}; used --date {default_date}", "repaired")
    else:
        body = text
    body = body.strip()
    if looks_like_html(body):
        from .htmltext import page_date

        if d is None:
            stated = page_date(body)
            if stated is not None:
                try:
                    d = parse_date(stated, path)
                except ArticleFormatError:
                    d = None
                else:
                    report.add(path, f"no date line; used the page's own publication date {d}", "repaired")
        body = clean_text(html_to_text(body))[0].strip()
        report.add(path, "an HTML page: its text was extracted, the markup dropped", "repaired")
        if not body:
            raise ArticleFormatError(
                path, "an HTML page without article text; save the article's text instead"
            )
    if d is None:
        if default_date is None:
            first = text.strip().split("\n", 1)[0][:40]
            raise ArticleFormatError(path, f"no date line (it starts {first!r}): {EXPECTED}; {FIX_MISSING}")
        d = default_date
        report.defaulted += 1
    if not body:
        raise ArticleFormatError(
            path, "only a date line, no article text; add the text after the date, or remove it"
        )
    if len(body) > MAX_CHARS:
        size = len(body)
        body = _cut(body, MAX_CHARS)
        report.add(
            path,
            f"{size:,} characters, far longer than an article; only the first {len(body):,} were kept "
            "(split it into one file per article)",
            "repaired",
        )
    return Article(id=article_id, date=d, text=body, source=path)


def looks_like_html(text: str) -> bool:
    """Whether an article body is an HTML page (see ``kg.htmltext.looks_like_html``)."""
    from .htmltext import looks_like_html as check

    return check(text)


def html_to_text(html: str) -> str:
    """The text of an HTML page (see ``kg.htmltext.html_to_text``)."""
    from .htmltext import html_to_text as extract

    return extract(html)


def _cut(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters at a paragraph, sentence or word break."""
    head = text[:limit]
    for sep in ("\n", ". ", " "):
        i = head.rfind(sep, limit - limit // 10)
        if i > 0:
            return head[: i + len(sep)].strip()
    return head


# ------------------------------------------------------------------ read
def read_articles(
    paths: Iterable[Path | str],
    report: IngestReport,
    default_date: date | None = None,
    dates: Mapping[str, date] | None = None,
    strict: bool = False,
) -> Iterator[Article]:
    """Yield the articles under ``paths``; record skipped and repaired files in ``report``.

    ``default_date`` (``--date``) dates files without a good date line; ``dates``
    maps an article id to its date, for corpora without date lines, and wins
    over ``default_date``. The same text under two names is built once (the
    first in sorted order) and the other noted. With ``strict`` the first file
    that would be skipped raises ``ArticleFormatError`` instead. Finding no
    file to read at all is an ``InputError`` (a build of nothing would replace
    a good graph with an empty one).

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> for n in ("a", "b"): _ = (d / f"{n}.txt").write_text("date 2026-02-23 Same text.")
    >>> r = IngestReport()
    >>> [a.id for a in read_articles([d], r)], r.notes[0].message  # doctest: +ELLIPSIS
    (['a'], 'the same text as .../a.txt; built once, as that file')
    """
    if default_date is not None:
        try:
            parse_date(default_date.isoformat(), "--date")
        except ArticleFormatError as e:
            raise InputError(
                f"--date {default_date}: {e.problem.split(':')[0]}; give a date between {MIN_YEAR} and now"
            ) from None
    seen_text: dict[str, str] = {}
    seen_ids: dict[str, str] = {}

    def skip(path: str, problem: str) -> None:
        if strict:
            raise ArticleFormatError(path, f"{problem} (stopped by --strict)")
        report.add(path, problem)

    roots = [Path(p) for p in paths]
    before = len(report.skipped)
    files = 0
    for path in iter_files(roots, report):
        files += 1
        if strict and len(report.skipped) > before:
            p = report.skipped[-1]
            raise ArticleFormatError(p.path, f"{p.message} (stopped by --strict)")
        spath = shown(path)
        if spath != str(path):
            report.add(
                spath, "the file name is not UTF-8; read as Windows-1252 (rename the file)", "repaired"
            )
        try:
            article = _read_one(path, report, default_date, dates)
        except ArticleFormatError as e:
            skip(spath, e.problem)
            continue
        digest = hashlib.sha256(
            _SPACE_RUN.sub(" ", article.text).encode("utf-8", "surrogatepass")
        ).hexdigest()
        if digest in seen_text:
            report.add(spath, f"the same text as {seen_text[digest]}; built once, as that file", "note")
            continue
        if article.id in seen_ids:
            skip(
                spath,
                f"article id {article.id!r} is already used by {seen_ids[article.id]}; rename one of the files",
            )
            continue
        seen_text[digest] = spath
        seen_ids[article.id] = spath
        report.read += 1
        yield article
    if strict and len(report.skipped) > before:
        p = report.skipped[-1]
        raise ArticleFormatError(p.path, f"{p.message} (stopped by --strict)")
    if files == 0 and len(report.skipped) == before:
        ignored = f" ({report.ignored} files of other kinds ignored)" if report.ignored else ""
        raise InputError(
            f"{', '.join(map(shown, roots))}: no article files found{ignored}; give text files whose first "
            "line is 'date YYYY-MM-DD'"
        )


def _read_one(
    path: Path, report: IngestReport, default_date: date | None, dates: Mapping[str, date] | None
) -> Article:
    spath = shown(path)
    try:
        st = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ArticleFormatError(
                spath, f"a broken link (to {os.readlink(path)}); remove it or fix it"
            ) from None
        raise ArticleFormatError(spath, "it vanished while being read; run the build again") from None
    except OSError as e:
        raise ArticleFormatError(
            spath, f"cannot be read ({e.strerror}); check the file and its folder"
        ) from None
    if not stat.S_ISREG(st.st_mode):
        raise ArticleFormatError(spath, "not a regular file (a device, pipe or socket); give article files")
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_BYTES + 1)
    except PermissionError:
        raise ArticleFormatError(
            spath, "cannot be read (permission denied); fix its permissions (chmod +r)"
        ) from None
    except OSError as e:
        raise ArticleFormatError(spath, f"cannot be read ({e.strerror}); check the file") from None
    if len(data) > MAX_BYTES:
        data = _cut_bytes(data, MAX_BYTES)
        report.add(
            spath,
            f"larger than {MAX_BYTES:,} bytes, far more than an article; only the first {len(data):,} were read",
            "repaired",
        )
    text = decode(data, spath, report)
    own = dates.get(Path(spath).stem) if dates else None
    return parse_article(text, spath, own or default_date, report)


def _cut_bytes(data: bytes, limit: int) -> bytes:
    """``data`` cut to at most ``limit`` bytes at a line end, never inside a UTF-8 character."""
    head = data[:limit]
    i = head.rfind(b"\n", limit - 2**16)
    if i > 0:
        return head[: i + 1]
    end = len(head)
    while end > 0 and 0x80 <= head[end - 1] < 0xC0 and len(head) - end < 3:
        end -= 1
    if end > 0 and head[end - 1] >= 0xC0:
        end -= 1
    return head[:end]
