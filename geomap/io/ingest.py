"""Read inputs (.txt/.md/.html files, folders, JSONL corpora) into :class:`Article` values.

Every failure is an :class:`~geomap.errors.InputError` naming the file (and line); a batch
reader yields failures alongside articles so one bad input never costs the others.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, ClassVar

from geomap.errors import InputError, InputNotFoundError
from geomap.models import Article

#: Largest article accepted, in bytes (a news article is rarely above 100 KB).
__all__ = [
    "ALL_SUFFIXES",
    "MAX_BYTES",
    "Failure",
    "article_id",
    "html_to_text",
    "iter_inputs",
    "jsonl_article",
    "parse_date",
    "read_articles",
    "read_file",
    "read_jsonl",
]

MAX_BYTES = 5_000_000
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
ALL_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


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
    """Parse an ISO date or datetime string (or a date) into a :class:`date`."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        s = value.strip()
        try:
            return datetime.fromisoformat(s.replace("Z", "+00:00")).date()
        except ValueError:
            pass
        try:
            return date.fromisoformat(s[:10])
        except ValueError:
            pass
    raise InputError(
        f"published date {value!r} ({type(value).__name__}) is not an ISO date (YYYY-MM-DD)",
        source=source,
        line=line,
    )


def article_id(source: str, text: str) -> str:
    """A stable id for an article read from a file: the file stem plus a content hash."""
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(source).stem).strip("-") or "article"
    return f"{stem}-{digest}"


def _decode(data: bytes, source: str) -> str:
    if not data.strip():
        raise InputError("file is empty", source=source)
    if len(data) > MAX_BYTES:
        raise InputError(
            f"file is {len(data):,} bytes, over the {MAX_BYTES:,}-byte limit for one article; "
            "split it or pass a JSONL corpus",
            source=source,
        )
    if b"\x00" in data[:8192]:
        raise InputError("file looks binary (it contains NUL bytes), not text", source=source)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
            "re-encode the file as UTF-8",
            source=source,
            line=line,
        ) from err
    bad = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f")
    if bad > 0.01 * min(len(text), 20000) + 5:
        raise InputError("file looks binary (many control characters), not text", source=source)
    return text.replace("\r\n", "\n").replace("\r", "\n")


class _TextExtractor(HTMLParser):
    """Visible text of an HTML page, paragraphs separated by blank lines."""

    _BLOCK: ClassVar[set[str]] = {
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "article",
        "section",
        "blockquote",
        "header",
        "footer",
        "pre",
        "title",
    }
    _SKIP: ClassVar[set[str]] = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.title: list[str] = []
        self._skip = 0
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag in self._SKIP:
            self._skip += 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False
        elif tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag in self._BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title.append(data)
        elif not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> tuple[str, str | None]:
    """Return (visible text, title) of an HTML document."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    raw = "".join(parser.parts)
    paras = [re.sub(r"[ \t\u00a0]+", " ", p).strip() for p in re.split(r"\n\s*\n", raw)]
    text = "\n\n".join(p for p in paras if p)
    title = html.unescape(" ".join("".join(parser.title).split())) or None
    return text, title


def _meta_for(path: Path) -> dict[str, Any]:
    meta_path = path.with_name(path.stem + ".meta.json")
    if not meta_path.exists():
        return {}
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise InputError(f"cannot read metadata: {err}", source=str(meta_path)) from err
    if not isinstance(meta, dict):
        raise InputError("metadata must be a JSON object", source=str(meta_path))
    return meta


def read_file(path: str | Path, *, overrides: dict[str, Any] | None = None) -> Article:
    """Read one .txt/.md/.html file (plus ``NAME.meta.json`` beside it) into an Article."""
    p = Path(path)
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
        data = p.read_bytes()
    except OSError as err:
        raise InputError(f"cannot read: {err.strerror or err}", source=source) from err
    text = _decode(data, source)
    title = None
    if p.suffix.lower() in HTML_SUFFIXES:
        text, title = html_to_text(text)
        if not text.strip():
            raise InputError("HTML page has no visible text", source=source)
    meta = {**_meta_for(p), **{k: v for k, v in (overrides or {}).items() if v is not None}}
    return Article(
        id=str(meta.get("id") or article_id(source, text)),
        text=text,
        title=meta.get("title") or title,
        url=meta.get("url"),
        published=parse_date(meta.get("published"), source=source),
        source=source,
    )


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
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                yield jsonl_article(raw, source, n, overrides)
            except InputError as err:
                yield Failure(source, n, err.reason)


def jsonl_article(
    raw: bytes, source: str, n: int, overrides: dict[str, Any] | None = None
) -> Article:
    """One JSONL line as an Article; :class:`InputError` (naming file and line) if unusable."""
    try:
        rec = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as err:
        raise InputError("line is not valid UTF-8", source=source, line=n) from err
    except json.JSONDecodeError as err:
        raise InputError(
            f"malformed JSON ({err.msg} at column {err.colno})", source=source, line=n
        ) from err
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, got {type(rec).__name__}", source=source, line=n)
    text = rec.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError("record has no non-empty 'text' string", source=source, line=n)
    if len(text) > MAX_BYTES:
        raise InputError(f"text is over the {MAX_BYTES:,}-character limit", source=source, line=n)
    rec = {**rec, **{k: v for k, v in (overrides or {}).items() if v is not None}}
    return Article(
        id=str(rec.get("id") or f"{Path(source).stem}-{n}"),
        text=text,
        title=rec.get("title"),
        url=rec.get("url"),
        published=parse_date(rec.get("published"), source=source, line=n),
        source=f"{source}:{n}",
    )


def iter_inputs(
    inputs: Iterable[str | Path], *, overrides: dict[str, Any] | None = None
) -> Iterator[Article | Failure]:
    """Yield Articles (or Failures) for files, folders (recursively) and JSONL corpora."""
    for item in inputs:
        p = Path(item)
        if not p.exists():
            yield Failure(str(p), None, "no such file or folder")
        elif p.is_dir():
            files = sorted(
                f
                for f in p.rglob("*")
                if f.is_file()
                and f.suffix.lower() in ALL_SUFFIXES
                and not f.name.upper().startswith(("README", "LICENSE", "CHANGELOG"))
                and not any(part.startswith(".") for part in f.relative_to(p).parts)
            )
            if not files:
                yield Failure(str(p), None, "folder holds no .txt, .md, .html or .jsonl files")
            yield from iter_inputs(files, overrides=overrides)
        elif p.suffix.lower() in JSONL_SUFFIXES:
            yield from read_jsonl(p, overrides=overrides)
        else:
            try:
                yield read_file(p, overrides=overrides)
            except InputError as err:
                yield Failure(err.source or str(p), err.line, err.reason)


def read_articles(
    inputs: Iterable[str | Path] | str | Path, *, overrides: dict[str, Any] | None = None
) -> list[Article]:
    """Every readable article of ``inputs`` (files, folders, JSONL corpora).

    Inputs that cannot be read are skipped here; :func:`iter_inputs` yields them as
    :class:`Failure` values for a listing.

    >>> articles = read_articles("data/articles")  # doctest: +SKIP
    """
    if isinstance(inputs, str | Path):
        inputs = [inputs]
    return [a for a in iter_inputs(inputs, overrides=overrides) if isinstance(a, Article)]
