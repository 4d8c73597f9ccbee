"""RSS and Atom feeds: one article per entry (feedparser).

An entry's text is its full content (RSS ``content:encoded``, Atom ``<content>``) when the feed
carries it, else its summary/description; a feed whose entries carry only summaries says so
(:attr:`FeedRead.summary_only` and a note on stderr from :mod:`geomap.io.ingest`), because a
summary names fewer places than the article. The title, link and date of every entry are kept.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from geomap.errors import InputError
from geomap.io.boundary import MAX_YEAR, MIN_YEAR, clean_article
from geomap.io.html import html_to_text
from geomap.models import Article

__all__ = ["FeedRead", "looks_like_feed", "read_feed"]

_FEED_ROOT = re.compile(rb"<(rss|feed|rdf:RDF)[\s>]", re.IGNORECASE)


def looks_like_feed(data: bytes) -> bool:
    """True when ``data`` starts like an RSS, Atom or RDF feed (for sniffing stdin, ``.xml``)."""
    return bool(_FEED_ROOT.search(data[:2048]))


@dataclass(slots=True)
class FeedRead:
    """What one feed gave: its articles, the entries that had no text, and how many entries
    carried only a summary."""

    articles: list[Article] = field(default_factory=list)
    #: (entry number, reason) of entries that could not be used
    skipped: list[tuple[int, str]] = field(default_factory=list)
    summary_only: int = 0
    bozo: str | None = None


def _text(value: str, kind: str) -> str:
    if "html" in kind or "<" in value:
        return html_to_text(value)[0]
    return "\n\n".join(p.strip() for p in re.split(r"\n\s*\n", value) if p.strip())


def _date(entry: Any) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = dict.get(entry, key)  # not feedparser's deprecated updated -> published fallback
        if t and MIN_YEAR <= t.tm_year <= MAX_YEAR:
            try:
                return date(t.tm_year, t.tm_mon, t.tm_mday)
            except ValueError:
                continue
    return None


def _string(value: Any) -> str | None:
    return value if isinstance(value, str) and value else None


def read_feed(data: bytes, source: str) -> FeedRead:
    """Parse one feed's bytes (feedparser reads the declared encoding itself)."""
    import feedparser

    parsed = feedparser.parse(data)
    out = FeedRead()
    if parsed.get("bozo") and not parsed.entries:
        out.bozo = str(parsed.get("bozo_exception") or "not a well-formed feed").splitlines()[0]
        return out
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", Path(source).stem).strip("-") or "feed"
    for n, entry in enumerate(parsed.entries, 1):
        contents = entry.get("content") or []
        full = next((c for c in contents if (c.get("value") or "").strip()), None)
        if full is not None:
            text = _text(full["value"], full.get("type") or "text/html")
        else:
            summary = entry.get("summary") or ""
            detail = entry.get("summary_detail") or {}
            text = _text(summary, detail.get("type") or "text/html") if summary.strip() else ""
            if text:
                out.summary_only += 1
        if not text:
            out.skipped.append((n, "entry has neither content nor a summary"))
            continue
        link = entry.get("link") or None
        key = entry.get("id") or link or text
        digest = hashlib.sha1(str(key).encode("utf-8", "surrogatepass")).hexdigest()[:8]
        try:
            article = clean_article(
                Article(
                    id=f"{stem}-{n}-{digest}",
                    text=text,
                    title=_string(entry.get("title")),
                    url=_string(link),
                    published=_date(entry),
                    source=f"{source}#entry{n}",
                )
            )
        except InputError as err:
            out.skipped.append((n, err.reason))
            continue
        if not article.text.strip():  # only control characters, now spaces
            out.skipped.append((n, "entry has neither content nor a summary"))
            continue
        out.articles.append(article)
    return out
