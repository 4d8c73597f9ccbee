"""Popup and tooltip HTML for places and incidents. Every piece of article text is escaped here.

The strings built here go into Leaflet's ``bindPopup``/``bindTooltip`` which set ``innerHTML``,
so nothing from the input may reach them unescaped. Links are only made for http(s) URLs.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from geomap.render.styles import (
    PRECISION_LABELS,
    QUAD_LABELS,
    SPECULATIVE_MODALITIES,
    quad_of,
)

__all__ = [
    "Mention",
    "actor_names",
    "esc",
    "incident_popup",
    "incident_sources",
    "modality_note",
    "place_popup",
    "safe_url",
]


def is_missing(value: Any) -> bool:
    """True for None, NaN, pandas NA/NaT, empty strings and empty sequences."""
    if value is None:
        return True
    if isinstance(value, str):
        return value.strip() == ""
    if isinstance(value, list | tuple | set | dict):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # arrays and other containers
        return False


def as_int(value: Any, default: int | None = None) -> int | None:
    """``value`` as an int, or ``default`` when it is missing or not a number."""
    if is_missing(value):
        return default
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def text(value: Any) -> str:
    """``value`` as display text ('' when missing); dates as ISO strings."""
    if type(value) is str:  # the common case, first (big maps call this millions of times)
        return value if value.strip() else ""
    if is_missing(value):
        return ""
    if hasattr(value, "isoformat"):
        try:
            return str(value.isoformat())[:10] if _is_midnight(value) else str(value.isoformat())
        except (TypeError, ValueError):
            pass
    if isinstance(value, list | tuple | set) or type(value).__name__ == "ndarray":
        return ", ".join(text(v) for v in value if not is_missing(v))
    return str(value)


def _is_midnight(value: Any) -> bool:
    return all(getattr(value, a, 0) == 0 for a in ("hour", "minute", "second", "microsecond"))


def esc(value: Any) -> str:
    """HTML-escape any value for element content or a quoted attribute."""
    return html.escape(text(value), quote=True)


def safe_url(url: Any) -> str | None:
    """Return ``url`` if it is an absolute http(s) URL, else None (no javascript:, data:...)."""
    return _safe_url(text(url).strip())


@lru_cache(maxsize=65536)  # one article's URL recurs in each of its incidents
def _safe_url(s: str) -> str | None:
    if not s or any(c in s for c in "\x00\r\n\t"):
        return None
    try:
        parts = urlsplit(s)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return s


def link(url: Any, label: Any) -> str:
    """An escaped ``<a>`` opening in a new tab, or just the escaped label without a safe URL."""
    shown = esc(label) or esc(url) or "source"
    href = safe_url(url)
    if href is None:
        return shown
    attr = html.escape(href, quote=True)
    return f'<a href="{attr}" target="_blank" rel="noopener noreferrer">{shown}</a>'


def highlight(sentence: Any, mention: Any) -> str:
    """Escaped ``sentence`` with the first occurrence of ``mention`` wrapped in ``<mark>``."""
    s, m = text(sentence), text(mention)
    if not s:
        return esc(m)
    i = s.find(m) if m else -1
    if i < 0:
        return html.escape(s, quote=True)
    return (
        html.escape(s[:i], quote=True)
        + "<mark>"
        + html.escape(m, quote=True)
        + "</mark>"
        + html.escape(s[i + len(m) :], quote=True)
    )


@dataclass(frozen=True)
class Mention:
    """One sentence quoting a place, with its article."""

    sentence: Any
    mention: Any
    article_id: Any = None
    article_title: Any = None
    article_url: Any = None
    published: Any = None


def _precision(precision: Any) -> str:
    if is_missing(precision):
        return ""
    try:
        p = int(precision)
    except (TypeError, ValueError):
        return esc(precision)
    return f"precision {p}: {html.escape(PRECISION_LABELS.get(p, '?'))}"


def place_popup(
    name: Any,
    kind: Any,
    precision: Any,
    country_code: Any,
    mentions: Sequence[Mention],
) -> str:
    """HTML of a place popup listing every (distinct) sentence that mentions the place."""
    meta = " · ".join(x for x in (esc(kind), _precision(precision), esc(country_code)) if x)
    n_articles = len({text(m.article_id) or text(m.article_url) for m in mentions})
    items = []
    for m in mentions:
        src = (
            [link(m.article_url, m.article_title or m.article_url)]
            if (not is_missing(m.article_title) or safe_url(m.article_url))
            else []
        )
        if text(m.published):
            src.append(esc(m.published))
        items.append(
            f"<li><q>{highlight(m.sentence, m.mention)}</q>"
            + (f'<div class="geomap-src">{" · ".join(src)}</div>' if src else "")
            + "</li>"
        )
    s_n = "sentence" if len(mentions) == 1 else "sentences"
    a_n = "article" if n_articles == 1 else "articles"
    return (
        '<div class="geomap-popup">'
        f"<h4>{esc(name)}</h4>"
        f'<div class="geomap-meta">{meta}</div>'
        f'<div class="geomap-count">Mentioned in {len(mentions)} {s_n} in {n_articles} {a_n}</div>'
        f'<ol class="geomap-mentions">{"".join(items)}</ol>'
        "</div>"
    )


def _fmt_dates(start: Any, end: Any) -> str:
    s, e = text(start), text(end)
    if s and e and s != e:
        return f"{html.escape(s)} – {html.escape(e)}"
    return html.escape(s or e)


def _maybe_json(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in "[{":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def actor_names(row: dict[str, Any]) -> str:
    """Plain text "A; B" of an incident's actors (``actor_names``, else the ``actors`` list)."""
    names = text(row.get("actor_names"))
    if names:
        return names
    actors = _maybe_json(row.get("actors"))
    if isinstance(actors, list | tuple) or type(actors).__name__ == "ndarray":
        out = []
        for a in actors:
            name = a.get("name") if isinstance(a, dict) else a
            if text(name):
                out.append(text(name))
        return "; ".join(out)
    return text(actors)


_OFFSETS = ("sentence_start", "trigger_start", "trigger_end")


def incident_sources(row: dict[str, Any]) -> list[dict[str, Any]]:
    """Every source of a (merged) incident: ``sentence``, ``title``, ``url`` (safe),
    ``published`` (strings) and ``offsets``: the source record's ``sentence_start``,
    ``trigger_start`` and ``trigger_end`` (article offsets, for
    :func:`geomap.render.quotes.event_focus`).

    Read from the ``sources`` JSON list; a row without it gives its own sentence and article.
    Duplicate (article, sentence) pairs are dropped.
    """
    raw = _maybe_json(row.get("sources"))
    items: list[Any] = list(raw) if isinstance(raw, list | tuple) else []
    if not items:
        items = [
            {
                "sentence": row.get("sentence"),
                "title": row.get("article_title"),
                "url": row.get("article_url"),
                "published": row.get("published"),
                "article_id": row.get("article_id"),
            }
        ]
    out: list[dict[str, Any]] = []
    seen: set[tuple[str, str]] = set()
    for src in items:
        if not isinstance(src, dict):
            src = {"sentence": src}
        item: dict[str, Any] = {
            "sentence": text(src.get("sentence")),
            "title": text(src.get("title") or src.get("article_title")),
            "url": safe_url(src.get("url") or src.get("article_url")) or "",
            "published": text(src.get("published"))[:10],
            "offsets": {k: src.get(k) for k in _OFFSETS},
        }
        key = (text(src.get("article_id")) or str(item["url"] or item["title"]), item["sentence"])
        if key in seen or not (item["sentence"] or item["title"] or item["url"]):
            continue
        seen.add(key)
        out.append(item)
    return out


def modality_note(modality: Any) -> str:
    """Plain-text warning for a future/hypothetical incident, '' for an asserted one."""
    return SPECULATIVE_MODALITIES.get(text(modality).strip().lower(), "")


def incident_popup(row: dict[str, Any]) -> str:
    """HTML of an incident popup; ``row`` holds the incident columns (missing ones are fine).

    Quotes every source sentence of a merged incident with its article title (linked when the
    URL is http(s)) and date; every piece of text is escaped.
    """
    category = text(row.get("category")) or "other"
    quad = QUAD_LABELS.get(quad_of(category, text(row.get("quad_class"))), "Other")
    when = _fmt_dates(row.get("start", row.get("start_date")), row.get("end", row.get("end_date")))
    if when and text(row.get("time_precision")):
        when += f' <span class="geomap-tp">({esc(row.get("time_precision"))})</span>'
    where = " · ".join(
        x for x in (esc(row.get("place_name")), _precision(row.get("geo_precision"))) if x
    )
    rows: list[tuple[str, str]] = []
    for label, value in (
        (
            "Category",
            f'{esc(category.replace("_", " "))} <span class="geomap-quad">({esc(quad)})</span>',
        ),
        ("When", when),
        ("Where", where),
        ("Actors", esc(actor_names(row))),
        ("Modality", esc(row.get("modality"))),
        ("Confidence", esc(_round(row.get("confidence")))),
    ):
        if value:
            rows.append((label, value))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    note = modality_note(row.get("modality"))
    banner = f'<div class="geomap-modality">{esc(note)}</div>' if note else ""
    sources = incident_sources(row)
    items = []
    for src in sources:
        meta = []
        if src["title"] or src["url"]:
            meta.append(link(src["url"], src["title"] or src["url"]))
        if src["published"]:
            meta.append(esc(src["published"]))
        items.append(
            "<li>"
            + (f"<q>{esc(src['sentence'])}</q>" if src["sentence"] else "")
            + (f'<div class="geomap-src">{" · ".join(meta)}</div>' if meta else "")
            + "</li>"
        )
    n = len(sources)
    count = f'<div class="geomap-count">{n} source{"" if n == 1 else "s"}</div>' if n else ""
    ident = f'<div class="geomap-id">{esc(row.get("id"))}</div>' if text(row.get("id")) else ""
    return (
        '<div class="geomap-popup geomap-incident">'
        f"<h4>{esc(row.get('title')) or esc(category) or 'Incident'}</h4>{banner}"
        f'<table class="geomap-meta">{table}</table>{count}'
        f'<ol class="geomap-sources">{"".join(items)}</ol>{ident}</div>'
    )


def _round(value: Any) -> Any:
    if isinstance(value, float) and not math.isnan(value):
        return f"{value:.2f}"
    return value


def tooltip(*parts: Iterable[Any] | Any) -> str:
    """Escaped one-line tooltip text from the non-missing ``parts``."""
    return esc(" · ".join(text(p) for p in parts if text(p)))
