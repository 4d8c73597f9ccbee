"""Popup and tooltip HTML for places and incidents. Every piece of article text is escaped here.

The strings built here go into Leaflet's ``bindPopup``/``bindTooltip`` which set ``innerHTML``,
so nothing from the input may reach them unescaped. Links are only made for http(s) URLs.
"""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import pandas as pd

from geomap.render.styles import PRECISION_LABELS

__all__ = ["Mention", "esc", "incident_popup", "place_popup", "safe_url"]


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


def text(value: Any) -> str:
    """``value`` as display text ('' when missing); dates as ISO strings."""
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
    s = text(url).strip()
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


def incident_popup(row: dict[str, Any]) -> str:
    """HTML of an incident popup; ``row`` holds the incident columns (missing ones are fine)."""
    rows: list[tuple[str, str]] = []
    for label, value in (
        ("Category", esc(row.get("category"))),
        ("When", _fmt_dates(row.get("start_date"), row.get("end_date"))),
        ("Where", _precision(row.get("geo_precision"))),
        ("Actors", esc(row.get("actors"))),
        ("Modality", esc(row.get("modality"))),
        ("Confidence", esc(_round(row.get("confidence")))),
    ):
        if value:
            rows.append((label, value))
    table = "".join(f"<tr><th>{k}</th><td>{v}</td></tr>" for k, v in rows)
    source = ""
    if not is_missing(row.get("article_title")) or safe_url(row.get("article_url")):
        url = row.get("article_url")
        source = f'<div class="geomap-src">{link(url, row.get("article_title") or url)}</div>'
    sentence = f"<q>{esc(row.get('sentence'))}</q>" if text(row.get("sentence")) else ""
    return (
        '<div class="geomap-popup geomap-incident">'
        f"<h4>{esc(row.get('title')) or esc(row.get('category')) or 'Incident'}</h4>"
        f'<table class="geomap-meta">{table}</table>{sentence}{source}</div>'
    )


def _round(value: Any) -> Any:
    if isinstance(value, float) and not math.isnan(value):
        return f"{value:.2f}"
    return value


def tooltip(*parts: Iterable[Any] | Any) -> str:
    """Escaped one-line tooltip text from the non-missing ``parts``."""
    return esc(" · ".join(text(p) for p in parts if text(p)))
