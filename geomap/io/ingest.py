"""Read inputs into :class:`Article` values: text, Markdown and HTML files, folders, JSONL
corpora, RSS/Atom feeds, web archives (WARC), standard input (``-``) and, only when asked
(``fetch=``), URLs.

HTML pages keep their main text only (:mod:`geomap.io.html`, trafilatura); legacy encodings
are decoded (:mod:`geomap.io.decode`). Every failure is an :class:`~geomap.errors.InputError`
naming the file (and line); a batch reader yields failures alongside articles so one bad input
never costs the others.

Metadata precedence (title, url, published): what the input itself says wins (an
``NAME.meta.json`` beside the file, then the page's own metadata; a JSONL record's fields; a
feed entry's); the flags (``--title``/``--url``/``--published``, the ``overrides`` here) fill
only what the input lacks, unless ``override_metadata`` is set, when they replace it.

Reading options travel in ``overrides`` too, under the keys of :data:`OPTION_KEYS`:
``format`` (force the kind of every input: text, html, jsonl, feed, warc), ``fetch`` (a
:class:`~geomap.io.fetch.FetchOptions`: URLs are fetched; without it a URL is a failure and no
request is made) and ``override_metadata``.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from geomap.errors import InputError, InputNotFoundError, first_line
from geomap.io.boundary import check_date, clean_field, clean_text, load_json
from geomap.io.decode import declared_charset, decode_bytes
from geomap.io.html import extract_page, html_to_text
from geomap.models import Article

__all__ = [
    "ALL_SUFFIXES",
    "FORMATS",
    "MAX_BYTES",
    "OPTION_KEYS",
    "Failure",
    "article_id",
    "html_to_text",
    "iter_inputs",
    "jsonl_article",
    "parse_date",
    "read_articles",
    "read_file",
    "read_jsonl",
    "sniff_format",
]

#: Largest article accepted, in bytes (a news article is rarely above 100 KB).
MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_ENDINGS = (".warc", ".warc.gz")
#: what a folder is scanned for (``.xml`` only when named: not every XML file is a feed)
ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | {".rss", ".atom"}
FORMATS = ("text", "html", "jsonl", "feed", "warc")
OPTION_KEYS = frozenset({"format", "fetch", "override_metadata"})
_METADATA = ("title", "url", "published", "id")


def note(message: str) -> None:
    """A remark about an input that was read (not a failure): ``geomap: ...`` on stderr."""
    print(f"geomap: {message}", file=sys.stderr)


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be read, kept for the summary at the end of a batch."""

    source: str
    line: int | None
    reason: str
    #: the exception behind a failure in processing (not reading), for ``--debug``
    error: BaseException | None = field(default=None, compare=False, repr=False)

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{where}: {self.reason}"


def parse_date(value: Any, *, source: str | None = None, line: int | None = None) -> date | None:
    """Parse an ISO date or datetime string (or a date) into a :class:`date`.

    The year must be within 1800..2200 (:mod:`geomap.io.boundary`); anything else, or a
    value of another type, is an :class:`InputError` naming ``source`` and ``line``.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return check_date(value.date(), source=source, line=line)
    if isinstance(value, date):
        return check_date(value, source=source, line=line)
    if isinstance(value, str):
        s = value.strip()
        if len(s) > 64:
            raise InputError(
                f"published date of {len(s):,} characters is not an ISO date (YYYY-MM-DD)",
                source=source,
                line=line,
            )
        got = _iso_date(s)
        if got is not None:
            return check_date(got, source=source, line=line)
        raise InputError(
            f"published date {clean_field(s, 'published')!r} is not an ISO date (YYYY-MM-DD)",
            source=source,
            line=line,
        )
    raise InputError(
        f"field 'published' must be an ISO date string (YYYY-MM-DD), not {type(value).__name__}",
        source=source,
        line=line,
    )


def _iso_date(s: str) -> date | None:
    try:
        return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    try:
        return date.fromisoformat(s[:10])
    except ValueError:
        return None


def article_id(source: str, text: str) -> str:
    """A stable id for an article read from a file: the file stem plus a content hash."""
    digest = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(source).stem).strip("-") or "article"
    return f"{stem}-{digest}"


def _decode(data: bytes, source: str, *, declared: str | None = None) -> str:
    if not data.strip():
        raise InputError("file is empty", source=source)
    if len(data) > MAX_BYTES:
        raise InputError(
            f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit for one article; "
            "split it or pass a JSONL corpus",
            source=source,
        )
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("file looks binary (it contains NUL bytes), not text", source=source)
    text = decode_bytes(data, source, declared=declared)
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if bad > 0.01 * min(len(text), 20000) + 5:
        raise InputError("file looks binary (many control characters), not text", source=source)
    text = clean_text(text).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("file holds no text (only a byte-order mark or blanks)", source=source)
    return text


def _meta_for(path: Path) -> dict[str, Any]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        data = meta_path.read_bytes()
    except OSError as err:
        raise InputError(
            f"cannot read metadata: {err.strerror or err}", source=str(meta_path)
        ) from err
    if len(data) > MAX_BYTES:
        raise InputError(f"metadata is over {MAX_BYTES:,} bytes", source=str(meta_path))
    meta = load_json(data, source=str(meta_path))
    if not isinstance(meta, dict):
        raise InputError("metadata must be a JSON object", source=str(meta_path))
    return meta


def _split(overrides: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """(metadata flags that are set, reading options) of an ``overrides`` mapping."""
    flags, options = {}, {}
    for k, v in (overrides or {}).items():
        if k in OPTION_KEYS:
            options[k] = v
        elif v is not None:
            flags[k] = v
    return flags, options


def _merge(own: dict[str, Any], flags: dict[str, Any], override: bool) -> dict[str, Any]:
    """The input's own metadata with the flags filling its gaps (or replacing it)."""
    if override:
        return {**own, **flags}
    return {**flags, **{k: v for k, v in own.items() if v not in (None, "")}}


def sniff_format(data: bytes, name: str = "") -> str:
    """The kind of an input from its name, else its first bytes: text, html, jsonl, feed or
    warc."""
    low = name.lower()
    if low.endswith(WARC_ENDINGS):
        return "warc"
    suffix = Path(low).suffix
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in {".rss", ".atom"}:
        return "feed"
    if suffix in TEXT_SUFFIXES:
        return "text"
    if data.startswith(b"WARC/") or (data.startswith(b"\x1f\x8b") and b"WARC/" in _gunzip(data)):
        return "warc"
    from geomap.io.feeds import looks_like_feed

    if looks_like_feed(data):
        return "feed"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            if isinstance(load_json(first), dict):
                return "jsonl"
        except InputError as err:  # a record too deep or with too big a number: still JSONL
            if err.reason.startswith(("JSON nested", "JSON integer")):
                return "jsonl"
            if len(first) >= 4096 and re.match(rb'\{\s*"', first):  # a record cut by the peek
                return "jsonl"
    if head.startswith((b"<!doctype html", b"<html", b"<?xml")) or re.search(
        rb"<(body|p|div|article|head)[\s>]", head
    ):
        return "html"
    return "text"


def _gunzip(data: bytes) -> bytes:
    import zlib

    try:
        return zlib.decompressobj(31).decompress(data[:4096], 64)
    except zlib.error:
        return b""


def _page_article(
    data: bytes,
    source: str,
    meta: dict[str, Any],
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Article:
    """An HTML page's main text and metadata as an Article (``meta`` merged over the page's)."""
    markup = _decode(data, source, declared=charset or declared_charset(data))
    page = extract_page(markup, url=url)
    if not clean_text(page.text).strip():
        raise InputError("HTML page has no visible text", source=source)
    if page.extractor != "trafilatura":
        note(f"{source}: no main text found; using all the page's visible text")
    published = page.published
    if published is not None and not _in_range(published):
        note(f"{source}: the page's date {published.isoformat()} is not a publication date")
        published = None
    own = {"title": page.title, "url": page.url, "published": published}
    rec = {**own, **{k: v for k, v in meta.items() if v not in (None, "")}}
    return _article(
        rec,
        clean_text(page.text),
        source,
        None,
        article_id(source, page.text),
        site=page.site,
        author=page.author,
    )


def _in_range(d: date) -> bool:
    try:
        check_date(d)
    except InputError:
        return False
    return True


def _article(
    rec: dict[str, Any],
    text: str,
    source: str,
    line: int | None,
    default_id: str,
    *,
    site: str | None = None,
    author: str | None = None,
) -> Article:
    """An Article of clean ``text`` and the metadata of ``rec``, every field checked
    (:mod:`geomap.io.boundary`): a wrong type or a date out of range is an InputError."""

    def field_of(name: str, value: Any = None, integer: bool = False) -> str | None:
        return clean_field(
            rec.get(name) if value is None else value,
            name,
            source=source,
            line=line,
            integer=integer,
        )

    return Article(
        id=field_of("id", integer=True) or default_id,
        text=text,
        title=field_of("title"),
        url=field_of("url"),
        published=parse_date(rec.get("published"), source=source, line=line),
        source=clean_field(source if line is None else f"{source}:{line}", "source"),
        site=field_of("site", site) if site is not None else None,
        author=field_of("author", author) if author is not None else None,
    )


def _read_bytes(p: Path) -> bytes:
    source = str(p)
    if not p.exists():
        raise InputNotFoundError("no such file or folder", source=source)
    if p.is_dir():
        raise InputError("is a folder, not a file", source=source)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"file is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for one article; "
                "split it or pass a JSONL corpus",
                source=source,
            )
        return p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=source) from err


def read_file(path: str | Path, *, overrides: dict[str, Any] | None = None) -> Article:
    """Read one text, Markdown or HTML file (plus ``NAME.meta.json`` beside it) into an
    Article. Metadata: the sidecar, then the page's own, then the flags in ``overrides``
    (which replace them only with ``override_metadata``)."""
    p = Path(path)
    flags, options = _split(overrides)
    data = _read_bytes(p)
    source = str(p)
    kind = options.get("format") or sniff_format(data, p.name)
    if kind == "html":
        if not data.strip():
            raise InputError("file is empty", source=source)
        return _with_flags(_page_article(data, source, _meta_for(p)), flags, options)
    if kind != "text":
        raise InputError(
            f"a {kind} input holds many articles; read it with iter_inputs", source=source
        )
    meta = _merge(_meta_for(p), flags, bool(options.get("override_metadata")))
    return _text_article(data, source, meta)


def _text_article(data: bytes, source: str, meta: dict[str, Any]) -> Article:
    text = _decode(data, source)
    return _article(meta, text, source, None, article_id(source, text))


def _fill(a: Article, flags: dict[str, Any], source: str) -> Article:
    """``a`` with the flags filling the metadata it lacks."""
    return replace(
        a,
        title=a.title or clean_field(flags.get("title"), "title", source=source),
        url=a.url or clean_field(flags.get("url"), "url", source=source),
        published=a.published or parse_date(flags.get("published"), source=source),
    )


def _override(a: Article, flags: dict[str, Any], source: str) -> Article:
    """``a`` with the flags replacing its metadata."""
    return replace(
        a,
        title=clean_field(flags.get("title"), "title", source=source) or a.title,
        url=clean_field(flags.get("url"), "url", source=source) or a.url,
        published=parse_date(flags.get("published"), source=source) or a.published,
    )


def _with_flags(a: Article, flags: dict[str, Any], options: dict[str, Any]) -> Article:
    src = a.source or a.id
    return _override(a, flags, src) if options.get("override_metadata") else _fill(a, flags, src)


def read_jsonl(
    path: str | Path, *, overrides: dict[str, Any] | None = None
) -> Iterator[Article | Failure]:
    """Yield an Article per JSONL line (``text`` required; ``id``, ``title``, ``url``,
    ``published`` optional), or a :class:`Failure` for a line that cannot be used."""
    p = Path(path)
    source = str(p)
    try:
        fh = p.open("rb")
    except OSError as err:
        yield Failure(source, None, f"cannot read: {err.strerror or err}")
        return
    with fh:
        yield from _jsonl_lines(fh, source, overrides)


def _jsonl_lines(
    fh: Iterable[bytes], source: str, overrides: dict[str, Any] | None
) -> Iterator[Article | Failure]:
    records = 0
    for n, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        records += 1
        try:
            yield jsonl_article(raw, source, n, overrides)
        except InputError as err:
            yield Failure(source, n, err.reason)
    if not records:
        yield Failure(source, None, "JSONL input holds no records (every line is blank)")


def jsonl_article(
    raw: bytes, source: str, n: int, overrides: dict[str, Any] | None = None
) -> Article:
    """One JSONL line as an Article; :class:`InputError` (naming file and line) if unusable.
    The record's own fields win over the flags in ``overrides`` unless ``override_metadata``."""
    return record_article(jsonl_record(raw, source, n), source, n, overrides)


def jsonl_record(raw: bytes, source: str, n: int) -> dict[str, Any]:
    """One JSONL line as a JSON object (nesting and integers bounded, see
    :func:`geomap.io.boundary.load_json`); :class:`InputError` naming file and line."""
    if len(raw) > 2 * MAX_BYTES:
        raise InputError(f"line is over {2 * MAX_BYTES:,} bytes", source=source, line=n)
    rec = load_json(raw, source=source, line=n)
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {type(rec).__name__}", source=source, line=n)
    return rec


def record_article(
    rec: dict[str, Any], source: str, n: int, overrides: dict[str, Any] | None = None
) -> Article:
    """A JSONL record as an Article (``text`` required; ``id``, ``title``, ``url``,
    ``published`` checked); :class:`InputError` naming file and line if unusable."""
    flags, options = _split(overrides)
    text = rec.get("text")
    if text is not None and not isinstance(text, str):
        raise InputError(
            f"field 'text' must be a string, not {type(text).__name__}", source=source, line=n
        )
    if not text or not text.strip():
        raise InputError("record has no non-empty 'text' string", source=source, line=n)
    if len(text) > MAX_BYTES:
        raise InputError(f"text is over the {MAX_BYTES:,}-character limit", source=source, line=n)
    text = clean_text(text)
    if not text.strip():
        raise InputError("record's 'text' holds only control characters", source=source, line=n)
    rec = _merge(rec, flags, bool(options.get("override_metadata")))
    return _article(rec, text, source, n, f"{Path(source).stem}-{n}")


def _feed_items(
    data: bytes, source: str, flags: dict[str, Any], options: dict[str, Any]
) -> Iterator[Article | Failure]:
    from geomap.io.feeds import read_feed

    got = read_feed(data, source)
    if got.bozo is not None:
        yield Failure(source, None, f"not a readable RSS/Atom feed ({got.bozo})")
        return
    total = len(got.articles) + len(got.skipped)
    if not total:
        yield Failure(source, None, "feed has no entries")
        return
    if got.summary_only:
        note(
            f"{source}: {got.summary_only} of {total} feed entries carry only a summary, "
            "no full content; their places come from the summary alone"
        )
    for n, why in got.skipped:
        yield Failure(f"{source}#entry{n}", None, why)
    for a in got.articles:
        yield _with_flags(a, flags, options)


#: what warcio raises on a damaged or hostile archive (a record without a target URI raises
#: AttributeError inside warcio, a bad length ValueError, a cut gzip EOFError)
_WARC_DAMAGE: tuple[type[Exception], ...] = (
    OSError,
    EOFError,
    ValueError,
    AttributeError,
    TypeError,
    KeyError,
    IndexError,
)


def _warc_items(
    src: Path | IO[bytes], source: str, flags: dict[str, Any], options: dict[str, Any]
) -> Iterator[Article | Failure]:
    from warcio.exceptions import ArchiveLoadFailed

    from geomap.io.warc import WarcSkipped, iter_warc

    skipped: Counter[str] = Counter()
    pages = 0
    if isinstance(src, Path):
        try:
            with src.open("rb") as fh:
                head = fh.read(4096)
        except OSError as err:
            yield Failure(source, None, f"cannot read: {err.strerror or err}")
            return
        if not (
            head.startswith(b"WARC/") or (head[:2] == b"\x1f\x8b" and b"WARC/" in _gunzip(head))
        ):
            yield Failure(source, None, "not a readable WARC archive (no WARC/1.x record header)")
            return
    records = iter_warc(src, max_bytes=MAX_BYTES)
    while True:
        try:
            rec = next(records)
        except StopIteration:
            break
        except (*_WARC_DAMAGE, ArchiveLoadFailed) as err:  # warcio on a damaged archive
            first = first_line(err)
            yield Failure(source, None, f"not a readable WARC archive ({first})")
            return
        if isinstance(rec, WarcSkipped):
            skipped[rec.why] += 1
            continue
        where = f"{source}#record{rec.number}"
        try:
            a = _page_article(rec.body, where, {}, url=rec.url, charset=rec.charset)
        except InputError as err:
            yield Failure(where, None, err.reason)
            continue
        pages += 1
        yield _with_flags(a, flags, options)
    if skipped:
        kinds = ", ".join(f"{k} {v}" for k, v in skipped.most_common())
        note(
            f"{source}: {pages} HTML page(s) read, {sum(skipped.values())} other record(s) "
            f"skipped ({kinds})"
        )


def _items_of_bytes(
    data: bytes,
    source: str,
    kind: str,
    flags: dict[str, Any],
    options: dict[str, Any],
    *,
    url: str | None = None,
    charset: str | None = None,
) -> Iterator[Article | Failure]:
    """The articles of one input already in memory (stdin, a fetched page)."""
    import io

    try:
        if kind == "jsonl":
            yield from _jsonl_lines(io.BytesIO(data), source, {**flags, **options})
        elif kind == "feed":
            yield from _feed_items(data, source, flags, options)
        elif kind == "warc":
            yield from _warc_items(io.BytesIO(data), source, flags, options)
        elif kind == "html":
            yield _with_flags(
                _page_article(data, source, {}, url=url, charset=charset), flags, options
            )
        else:
            a = _text_article(data, source, {})
            yield _with_flags(a, flags, options)
    except InputError as err:
        yield Failure(err.source or source, err.line, err.reason)


def _stream_items(
    stream: IO[bytes], source: str, flags: dict[str, Any], options: dict[str, Any]
) -> Iterator[Article | Failure]:
    """The articles of a stream (stdin, a pipe such as ``/dev/stdin``), its kind sniffed from
    its first bytes unless ``format`` is given; JSONL and WARC are read as they arrive."""
    kind = options.get("format")
    peek = getattr(stream, "peek", None)
    head = peek(8192)[:8192] if peek is not None else b""
    if kind is None and head:
        kind = sniff_format(head)
    if kind == "warc":  # streamed: an archive on stdin never sits in memory
        yield from _warc_items(stream, source, flags, options)
        return
    if kind == "jsonl":
        yield from _jsonl_lines(stream, source, {**flags, **options})
        return
    data = stream.read(MAX_BYTES + 1)
    if not data.strip():
        yield Failure(source, None, "input is empty")
        return
    if len(data) > MAX_BYTES and kind != "feed":
        yield Failure(source, None, f"over the {MAX_BYTES:,}-byte limit for one article")
        return
    yield from _items_of_bytes(data, source, kind or sniff_format(data), flags, options)


def _sniffed_file(
    p: Path, flags: dict[str, Any], options: dict[str, Any], overrides: dict[str, Any] | None
) -> Iterator[Article | Failure]:
    """A file whose name does not say its kind: sniffed from its first bytes."""
    try:
        with p.open("rb") as fh:
            head = fh.read(8192)
    except OSError as err:
        yield Failure(str(p), None, f"cannot read: {err.strerror or err}")
        return
    kind = sniff_format(head)
    if kind == "jsonl":
        yield from read_jsonl(p, overrides=overrides)
    elif kind == "warc":
        yield from _warc_items(p, str(p), flags, options)
    elif kind == "feed":
        try:
            yield from _feed_items(_read_bytes(p), str(p), flags, options)
        except InputError as err:
            yield Failure(err.source or str(p), err.line, err.reason)
    else:
        try:
            yield read_file(p, overrides={**(overrides or {}), "format": kind})
        except InputError as err:
            yield Failure(err.source or str(p), err.line, err.reason)


def _url_items(
    url: str, flags: dict[str, Any], options: dict[str, Any]
) -> Iterator[Article | Failure]:
    fetch_options = options.get("fetch")
    if fetch_options is None:
        yield Failure(
            url, None, "is a URL; pass --fetch to download it (no request is made by default)"
        )
        return
    from geomap.io.fetch import fetch

    try:
        got = fetch(url, fetch_options)
    except InputError as err:
        yield Failure(url, None, err.reason)
        return
    kind = options.get("format")
    if kind is None:
        if "html" in got.content_type:
            kind = "html"
        elif got.content_type.endswith(("rss+xml", "atom+xml")):
            kind = "feed"
        else:
            kind = sniff_format(got.body)
    yield from _items_of_bytes(
        got.body, url, kind, flags, options, url=got.url, charset=got.charset
    )


def _folder_files(p: Path) -> list[Path]:
    return sorted(
        f
        for f in p.rglob("*")
        if f.is_file()
        and (f.suffix.lower() in ALL_SUFFIXES or f.name.lower().endswith(WARC_ENDINGS))
        and not f.name.upper().startswith(("README", "LICENSE", "CHANGELOG"))
        and not any(part.startswith(".") for part in f.relative_to(p).parts)
    )


def iter_inputs(
    inputs: Iterable[str | Path], *, overrides: dict[str, Any] | None = None
) -> Iterator[Article | Failure]:
    """Yield Articles (or Failures) for files, folders (recursively), JSONL corpora, feeds,
    WARC archives, ``-`` (standard input) and, with ``fetch`` in ``overrides``, URLs."""
    flags, options = _split(overrides)
    for item in inputs:
        if isinstance(item, str) and item == "-":
            yield from _stream_items(sys.stdin.buffer, "<stdin>", flags, options)
            continue
        if isinstance(item, str) and item.lower().startswith(("http://", "https://")):
            yield from _url_items(item, flags, options)
            continue
        p = Path(item)
        name = p.name.lower()
        kind = options.get("format")
        if not p.exists():
            yield Failure(str(p), None, "no such file or folder")
        elif p.is_dir():
            files = _folder_files(p)
            if not files:
                yield Failure(str(p), None, "folder holds no .txt, .md, .html or .jsonl files")
            yield from iter_inputs(files, overrides=overrides)
        elif kind == "warc" or (kind is None and name.endswith(WARC_ENDINGS)):
            yield from _warc_items(p, str(p), flags, options)
        elif kind == "jsonl" or (kind is None and p.suffix.lower() in JSONL_SUFFIXES):
            yield from read_jsonl(p, overrides=overrides)
        elif kind == "feed" or (kind is None and p.suffix.lower() in FEED_SUFFIXES):
            try:
                data = _read_bytes(p)
            except InputError as err:
                yield Failure(err.source or str(p), err.line, err.reason)
                continue
            if kind is None and p.suffix.lower() == ".xml" and not _is_feed(data):
                yield Failure(str(p), None, "XML file is not an RSS or Atom feed")
                continue
            yield from _feed_items(data, str(p), flags, options)
        elif kind is None and not p.is_file():  # a pipe or device: /dev/stdin, <(cmd)
            try:
                with p.open("rb") as fh:
                    yield from _stream_items(fh, str(p), flags, options)
            except OSError as err:
                yield Failure(str(p), None, f"cannot read: {err.strerror or err}")
        elif kind is None and p.suffix.lower() not in TEXT_SUFFIXES | HTML_SUFFIXES:
            yield from _sniffed_file(p, flags, options, overrides)
        else:
            try:
                yield read_file(p, overrides=overrides)
            except InputError as err:
                yield Failure(err.source or str(p), err.line, err.reason)


def _is_feed(data: bytes) -> bool:
    from geomap.io.feeds import looks_like_feed

    return looks_like_feed(data)


def read_articles(
    inputs: Iterable[str | Path] | str | Path, *, overrides: dict[str, Any] | None = None
) -> list[Article]:
    """Every readable article of ``inputs`` (files, folders, JSONL corpora, feeds, WARCs).

    Inputs that cannot be read are skipped here; :func:`iter_inputs` yields them as
    :class:`Failure` values for a listing.

    >>> articles = read_articles("data/articles")  # doctest: +SKIP
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    return [a for a in iter_inputs(inputs, overrides=overrides) if isinstance(a, Article)]
