"""Web archives (``.warc``, ``.warc.gz``; warcio), streamed record by record.

Every HTML ``response`` record becomes an article (its URL from ``WARC-Target-URI``, main text
and metadata as for a saved page, :mod:`geomap.io.html`); every other record (requests,
metadata, images, scripts, redirects...) is skipped and counted. Only one record's payload is
held in memory at a time, so a multi-GB archive never is.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

__all__ = ["WarcPage", "WarcSkipped", "iter_warc"]


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML response record: its number in the archive, URL, declared charset, body."""

    number: int
    url: str | None
    charset: str | None
    body: bytes
    date: str | None


@dataclass(frozen=True, slots=True)
class WarcSkipped:
    """A record that is not an HTML page (``why``: its record type or content type), or an
    HTML page over the size cap."""

    number: int
    why: str


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ")
    return None


def iter_warc(path: str | Path | IO[bytes], *, max_bytes: int) -> Iterator[WarcPage | WarcSkipped]:
    """Yield every record of the archive at ``path`` as a page or a skip (warcio's errors on a
    damaged archive propagate as :class:`warcio.exceptions.ArchiveLoadFailed` or OSError)."""
    if isinstance(path, str | Path):
        with Path(path).open("rb") as fh:
            yield from _records(fh, max_bytes)
    else:
        yield from _records(path, max_bytes)


def _records(fh: IO[bytes], max_bytes: int) -> Iterator[WarcPage | WarcSkipped]:
    from warcio.archiveiterator import ArchiveIterator

    for n, record in enumerate(ArchiveIterator(fh), 1):
        if record.rec_type != "response":
            yield WarcSkipped(n, record.rec_type or "unknown record")
            continue
        ctype = ""
        status = ""
        if record.http_headers is not None:
            ctype = record.http_headers.get_header("Content-Type") or ""
            status = record.http_headers.get_statuscode() or ""
        mime = ctype.split(";")[0].strip().lower()
        if mime not in ("text/html", "application/xhtml+xml"):
            yield WarcSkipped(n, mime or "no content type")
            continue
        if status and not status.startswith("2"):
            yield WarcSkipped(n, f"HTTP {status}")
            continue
        stream = record.content_stream()
        body = stream.read(max_bytes + 1)
        if len(body) > max_bytes:  # the iterator skips the rest of the record unread
            yield WarcSkipped(n, f"HTML page over {max_bytes:,} bytes")
            continue
        yield WarcPage(
            number=n,
            url=record.rec_headers.get_header("WARC-Target-URI"),
            charset=_charset(ctype),
            body=body,
            date=record.rec_headers.get_header("WARC-Date"),
        )
