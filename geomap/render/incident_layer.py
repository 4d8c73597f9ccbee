"""Incidents -> one compact JSON payload drawn by vanilla JS (``resources/web/incidents.js``).

Two drawing methods, chosen by size (see :func:`choose_mode`):

``detailed`` (up to :data:`COMPACT_THRESHOLD` incidents)
    SVG paths with CSS classes; every incident carries its popup HTML, built and escaped in
    Python (:func:`geomap.render.popups.incident_popup`); precision-2/3 points also get their
    "somewhere around here" circle.
``compact`` (more incidents)
    Every incident on one canvas (``resources/web/canvas.js``: no Leaflet layer per incident,
    coordinates projected once into typed arrays, grid clusters of a 40 px world grid when more
    than 3,000 are in view, hit-testing for clicks); every incident is a short JSON array (no
    per-marker HTML; the rows deflated column by column); what only its popup shows (quotes,
    sources, id; the article table) is embedded in LZMA-packed chunks read when a popup opens
    (:mod:`geomap.render.packing`); popups are built in JS from these values, escaping every
    string. A popup quotes each source sentence around its event, in at most
    :data:`geomap.render.quotes.QUOTE_CHARS` characters (:mod:`geomap.render.quotes`), and says
    so when a quote is shortened; the exports keep the sentences whole. Area circles of
    precision-2/3 points are left out.

Either way: one overlay per category grouped by quad class, a time slider over the
[start, end] intervals, search over titles, places and actors, clusters and a heatmap of the
precise incidents (precision <= 3), a grouped layer control and a list of every incident
(those without a place too: they are in the payload with a null geometry, listed and counted,
not drawn) whose rows and counts follow the filters, all from :class:`GeomapLayers`. The page
fits the first view clear of its panels, which small screens get collapsed.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
import shapely

from geomap.errors import UsageError
from geomap.render.elements import LiteralMacroElement, Template, js_json
from geomap.render.offline import vendor_text, web_text
from geomap.render.packing import deflated, lzma_packed_many
from geomap.render.popups import (
    actor_names,
    as_int,
    esc,
    incident_popup,
    incident_sources,
    is_missing,
    text,
)
from geomap.render.quotes import event_focus, quote
from geomap.render.styles import (
    AREA_RADIUS_M,
    PRECISION_LABELS,
    QUAD_LABELS,
    QUAD_ORDER,
    SPECULATIVE_MODALITIES,
    category_color,
    quad_of,
)

__all__ = ["COMPACT_THRESHOLD", "GeomapLayers", "choose_mode", "incident_payload"]

#: above this many incidents the compact (canvas, popups built on click) method is used
COMPACT_THRESHOLD = 2000
#: payloads with more incidents than this are embedded deflated (+ base85)
DEFLATE_ABOVE = 200
#: compact maps: popup details are embedded in LZMA-packed chunks of this many incidents (a
#: chunk of real news quotes: ~1.7 MB of JSON, read in ~0.1 s when one of its popups opens;
#: larger chunks pack a little smaller and open more slowly)
POPUP_CHUNK = 10_000
_DECIMALS = {"detailed": 5, "compact": 4}  # points: ~1 m / ~10 m
_SHAPE_DECIMALS = 4
_SIMPLIFY_DIVISOR, _SIMPLIFY_MIN, _SIMPLIFY_MAX = 1000, 0.005, 0.1

# row layout (keep in sync with resources/web/incidents.js)
#   0 category index, 1 precision (0 = unknown), 2 speculative (0/1), 3 start day, 4 end day
#   (days since 1970-01-01, null = undated), 5 time-precision index, 6 geometry ([lon, lat] or
#   a GeoJSON geometry), 7 title, 8 place name, 9 actor names, 10 popup: HTML (detailed) or
#   [modality, confidence %, [[quote, article index(, 1 when the quote is shortened)], ...],
#   id] (compact: quotes of at most quotes.QUOTE_CHARS characters), 11 number of sources.
#   Incidents without a place are kept (geometry null): listed, counted, not drawn.


def choose_mode(n_incidents: int, mode: str = "auto") -> str:
    """``"detailed"`` or ``"compact"``: by ``mode`` when given, else by size."""
    if mode in ("detailed", "compact"):
        return mode
    if mode != "auto":
        raise UsageError(f"incident_mode must be 'auto', 'detailed' or 'compact', got {mode!r}")
    return "compact" if n_incidents > COMPACT_THRESHOLD else "detailed"


def _days(values: Any) -> np.ndarray:
    """Days since 1970-01-01 (float, NaN when missing/unparseable) of ISO dates or datetimes."""
    s = pd.Series(values, dtype=object).map(lambda v: None if is_missing(v) else str(v)[:10])
    dt = pd.to_datetime(s, errors="coerce", format="%Y-%m-%d")
    out = np.full(len(s), np.nan)
    ok = dt.notna().to_numpy()
    out[ok] = dt[ok].to_numpy().astype("datetime64[D]").astype(np.int64)
    return out


def _column(gdf: Any, *names: str) -> list[Any]:
    for name in names:
        if name in gdf.columns:
            return gdf[name].tolist()
    return [None] * len(gdf)


def _geometries(gdf: Any) -> np.ndarray:
    """Footprints, falling back to the anchor point (or lon/lat) when empty."""
    geoms = np.array(gdf.geometry.values if hasattr(gdf, "geometry") else [None] * len(gdf))
    lon = pd.to_numeric(pd.Series(_column(gdf, "anchor_lon", "lon")), errors="coerce").to_numpy()
    lat = pd.to_numeric(pd.Series(_column(gdf, "anchor_lat", "lat")), errors="coerce").to_numpy()
    missing = shapely.is_missing(geoms) | shapely.is_empty(geoms)
    fill = missing & np.isfinite(lon) & np.isfinite(lat)
    if fill.any():
        geoms[fill] = shapely.points(lon[fill], lat[fill])
    bad = ~missing & ~shapely.is_valid(geoms)
    poly = bad & np.isin(shapely.get_type_id(geoms), (3, 6))
    if poly.any():
        geoms[poly] = shapely.make_valid(geoms[poly])
    return geoms


def _geometry_json(geoms: np.ndarray, decimals: int) -> list[Any]:
    """[lon, lat] for points, GeoJSON geometry dicts (simplified, rounded) otherwise."""
    out: list[Any] = [None] * len(geoms)
    present = ~(shapely.is_missing(geoms) | shapely.is_empty(geoms))
    types = np.full(len(geoms), -1)
    types[present] = shapely.get_type_id(geoms[present])
    pts = np.flatnonzero(types == 0)
    if len(pts):
        xy = np.round(shapely.get_coordinates(geoms[pts]), decimals)
        for i, (x, y) in zip(pts.tolist(), xy.tolist(), strict=True):
            out[i] = [x, y]
    shapes = np.flatnonzero(present & (types != 0))
    if len(shapes):
        g = geoms[shapes]
        b = shapely.bounds(g)
        extent = np.maximum(b[:, 2] - b[:, 0], b[:, 3] - b[:, 1])
        tol = np.clip(extent / _SIMPLIFY_DIVISOR, _SIMPLIFY_MIN, _SIMPLIFY_MAX)
        simple = shapely.simplify(g, tol, preserve_topology=True)
        simple = np.where(shapely.is_empty(simple), g, simple)
        simple = shapely.transform(simple, lambda c: np.round(c, _SHAPE_DECIMALS))
        for i, gj in zip(shapes.tolist(), shapely.to_geojson(simple).tolist(), strict=True):
            out[i] = json.loads(gj)
    return out


def incident_payload(incidents: Any, mode: str = "auto") -> dict[str, Any] | None:
    """The JSON-able data of the incident layers (None when there are no incidents).

    Article text is kept as plain strings here: in ``detailed`` mode it is escaped into the
    popup HTML by Python, in ``compact`` mode the page escapes it when building the popup; the
    whole payload is embedded with :func:`geomap.render.elements.js_json` (no ``</script>``).
    """
    if incidents is None or len(incidents) == 0:
        return None
    mode = choose_mode(len(incidents), mode)
    cols = list(incidents.columns)
    values = [incidents[c].tolist() for c in cols]  # column-wise: fast for Arrow strings
    records = [dict(zip(cols, v, strict=True)) for v in zip(*values, strict=True)]
    geoms = _geometry_json(_geometries(incidents), _DECIMALS[mode])
    starts = _days(_column(incidents, "start", "start_date"))
    ends = _days(_column(incidents, "end", "end_date"))

    cat_keys: dict[str, tuple[str, str]] = {}  # category -> (quad, quad label)
    for r in records:
        c = text(r.get("category")) or "other"
        if c not in cat_keys:
            q = quad_of(c, text(r.get("quad_class")))
            cat_keys[c] = (q, QUAD_LABELS[q])
    order = sorted(cat_keys, key=lambda c: (QUAD_ORDER.index(cat_keys[c][0]), c))
    index = {c: i for i, c in enumerate(order)}
    counts = [0] * len(order)

    tps: list[str] = []
    tp_index: dict[str, int] = {}
    articles: list[list[str]] = []
    art_index: dict[tuple[str, str, str], int] = {}
    rows: list[list[Any]] = []
    n_unplaced = 0
    for r, g, a, b in zip(records, geoms, starts.tolist(), ends.tolist(), strict=True):
        n_unplaced += g is None
        cat = text(r.get("category")) or "other"
        k = index[cat]
        counts[k] += 1
        modality = text(r.get("modality")).strip().lower()
        tp = text(r.get("time_precision"))
        if tp not in tp_index:
            tp_index[tp] = len(tps)
            tps.append(tp)
        a_day = None if a != a else int(a)
        b_day = a_day if b != b else int(b)
        if a_day is not None and b_day is not None and b_day < a_day:
            a_day, b_day = b_day, a_day
        sources = incident_sources(r)
        n_sources = as_int(r.get("n_sources"), 0) or len(sources)
        if mode == "detailed":
            popup: Any = incident_popup(r)
        else:
            srcs = []
            mention = text(r.get("place_mention"))
            for s in sources:
                key = (s["title"], s["url"], s["published"])
                if key not in art_index:
                    art_index[key] = len(articles)
                    articles.append(list(key))
                q, cut = quote(s["sentence"], event_focus(s["sentence"], s["offsets"], mention))
                srcs.append([q, art_index[key], 1] if cut else [q, art_index[key]])
            conf = r.get("confidence")
            conf_pct = None if conf is None or is_missing(conf) else round(float(conf) * 100)
            popup = [0 if modality == "asserted" else modality, conf_pct, srcs, text(r.get("id"))]
        rows.append(
            [
                k,
                as_int(r.get("geo_precision"), 0),
                1 if modality in SPECULATIVE_MODALITIES else 0,
                a_day,
                b_day,
                tp_index[tp],
                g,
                text(r.get("title")),
                text(r.get("place_name")),
                actor_names(r),
                popup,
                n_sources,
            ]
        )
    cats = [
        {
            "key": c,
            "label": esc(f"{c.replace('_', ' ')} ({counts[i]})"),
            "name": c.replace("_", " "),
            "quad": cat_keys[c][1],
            "color": category_color(c),
            "n": counts[i],
        }
        for i, c in enumerate(order)
    ]
    return {
        "mode": mode,
        "cats": cats,
        "rows": rows,
        "n_unplaced": n_unplaced,
        "articles": articles,
        "tp": tps,
        "precision": {str(k): v for k, v in PRECISION_LABELS.items()},
        "modality": {k: v for k, v in SPECULATIVE_MODALITIES.items()},
        "area": {str(k): v for k, v in AREA_RADIUS_M.items()},
    }


def category_counts(payload: dict[str, Any] | None) -> list[tuple[str, str, str, int]]:
    """(quad label, category, colour, count) per drawn category, in layer-control order."""
    if not payload:
        return []
    return [(c["quad"], c["key"], c["color"], c["n"]) for c in payload["cats"]]


_VENDORED_JS = ("leaflet.markercluster/leaflet.markercluster.js", "leaflet.heat/leaflet-heat.js")
_VENDORED_CSS = (
    "leaflet.markercluster/MarkerCluster.css",
    "leaflet.markercluster/MarkerCluster.Default.css",
)


def _embed(payload: dict[str, Any] | None) -> str:
    """JS expression of the payload: a literal (small maps) or deflated + base85 (see
    :mod:`geomap.render.packing`). Compact maps keep what only a popup shows (row item 10:
    quotes, sources, id; the article table) out of the data read at load: LZMA-packed in chunks
    of :data:`POPUP_CHUNK` incidents (each with its own table of quotes), read when one of their
    popups opens."""
    if not payload:
        return "null"
    if payload["mode"] != "compact":
        if len(payload["rows"]) <= DEFLATE_ABOVE:
            return js_json(payload)
        return js_json({"deflated": deflated(payload)})
    rows = payload["rows"]
    popups = [r[10] for r in rows]
    chunks: list[Any] = [payload["articles"]]
    chunks += [_quote_table(popups[i : i + POPUP_CHUNK]) for i in range(0, len(rows), POPUP_CHUNK)]
    (art, *pops), packed = lzma_packed_many(
        chunks, lambda: deflated(dict(payload, rows=None, articles=None, cols=_columns(rows)))
    )
    lazy = {"chunk": POPUP_CHUNK, "articles": art, "popups": pops}
    # base85 text and numbers only: nothing js_json would escape (tests/render/test_packing.py),
    # and 10 MB of it would take its regex a second
    return json.dumps({"deflated": packed, "lazy": lazy}, separators=(",", ":"))


def _quote_table(popups: list[Any]) -> dict[str, Any]:
    """A chunk of compact popups with each distinct quote stored once: ``{"q": quotes, "p":
    popups}``, a source's quote given by its index in ``q`` (the same sentence reporting several
    incidents; the quotes side by side also pack smaller: 10,000 distinct news quotes 5 % less
    than inline, 3 incidents a sentence 14 % less). ``incidents.js`` puts the quotes back."""
    index: dict[str, int] = {}
    out = []
    for modality, conf, srcs, ident in popups:
        refs = [[index.setdefault(s[0], len(index)), *s[1:]] for s in srcs]
        out.append([modality, conf, refs, ident])
    return {"q": list(index), "p": out}


def _columns(rows: list[list[Any]]) -> list[list[Any]]:
    """The rows without their popup item, column by column (each column deflates better on its
    own: 100,000 incidents 2.55 -> 2.0 MB); the end day as days after the start (mostly 0).
    ``geomapRows`` (incidents.js) puts the rows back together."""
    cols = [[r[j] for r in rows] for j in range(12) if j != 10]
    cols[4] = [
        b if a is None or b is None else b - a for a, b in zip(cols[3], cols[4], strict=True)
    ]
    return cols


class GeomapLayers(LiteralMacroElement):
    """Layer control (grouped), and when there are incidents: their layers, legend counts, time
    slider, search, clusters and heatmap. Add it to the map last.

    ``base`` and ``places`` are ``(escaped label, folium layer)`` pairs; the place layers are
    listed under "Mentioned places". ``bounds`` (``[[south, west], [north, east]]``) is the first
    view, fitted by the page clear of its panels.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        {%- if this.payload_js != "null" %}
        {%- for name, css in this.css %}
        <style>/* {{ name }} (vendored) */
        {{ css }}
        </style>
        {%- endfor %}
        {%- endif %}
        {% endmacro %}
        {% macro script(this, kwargs) %}
        {%- if this.payload_js != "null" %}
        {%- for name, js in this.js %}
        /* {{ name }} (vendored) */
        {{ js }}
        {%- endfor %}
        {%- endif %}
        {{ this.code }}
        geomapInit({{ this._parent.get_name() }}, {
            base: [{% for label, layer in this.base %}[{{ label }}, {{ layer }}],{% endfor %}],
            places: [{% for label, layer in this.places %}[{{ label }}, {{ layer }}],{% endfor %}],
            placesHead: {{ this.places_head }},
            bounds: {{ this.bounds_js }},
            incidents: {{ this.payload_js }}
        });
        {% endmacro %}
        """
    )

    def __init__(
        self,
        payload: dict[str, Any] | None,
        *,
        base: Sequence[tuple[str, Any]],
        places: Sequence[tuple[str, Any]],
        bounds: list[list[float]] | None = None,
    ):
        super().__init__()
        self._name = "GeomapLayers"
        self.bounds_js = js_json(bounds)
        self.payload_js = _embed(payload)
        self.base = [(js_json(label), layer.get_name()) for label, layer in base]
        self.places = [(js_json(label), layer.get_name()) for label, layer in places]
        self.places_head = js_json("Mentioned places")
        # the page's readers of packed data come first (elements.Unpack, added by map.build_map)
        self.code = web_text("canvas.js") + web_text("incidents.js")
        self.js = [(n, vendor_text(n)) for n in _VENDORED_JS] if payload else []
        self.css = [(n, vendor_text(n)) for n in _VENDORED_CSS] if payload else []


def legend_incidents_html(payload: dict[str, Any] | None) -> str:
    """Escaped legend section for incidents: categories by quad class, and how precision and
    modality are drawn."""
    if not payload:
        return ""
    parts = ["<h5>Incidents</h5>"]
    quad = None
    for k, (q, cat, color, n) in enumerate(category_counts(payload)):
        if q != quad:
            parts.append(f'<div class="quad">{esc(q)}</div>')
            quad = q
        # the count follows the filters: incidents.js rewrites the span with data-k
        parts.append(
            f'<div class="row" data-k="{k}"><span class="dot" style="background:{esc(color)}">'
            f"</span><span>{esc(cat.replace('_', ' '))} "
            f'(<span class="geomap-n">{n}</span>)</span></div>'
        )
    parts.append(
        "<h5>Location precision</h5>"
        '<div class="row"><span class="dot" style="background:#888"></span>'
        "<span>1-2 exact site / near a place</span></div>"
        '<div class="row"><span class="dot hollow"></span><span>3 city or district '
        "(hollow, with area circle)</span></div>"
        '<div class="row"><span class="area"></span><span>4-6 province, region, country: '
        "dashed outline, never a point</span></div>"
        '<div class="row"><span class="line"></span><span>7 sea, strait, line: '
        "the shape itself</span></div>"
        '<div class="row"><span class="dot spec"></span><span>faded + dashed: future or '
        "hypothetical, not (yet) happened</span></div>"
    )
    return "".join(parts)
