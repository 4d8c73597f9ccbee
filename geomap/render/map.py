"""``render_map``: places (and incidents) GeoDataFrame -> one self-contained, offline HTML map."""

from __future__ import annotations

import html
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import folium
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from geomap import _atomic
from geomap.errors import UsageError
from geomap.render.basemap import BASEMAP_ATTRIBUTION, packed_basemap
from geomap.render.elements import (
    Attribution,
    GeoJsonLayer,
    Legend,
    Pane,
    StyleSheet,
    TitleBox,
    Unpack,
)
from geomap.render.incident_layer import GeomapLayers, incident_payload, legend_incidents_html
from geomap.render.offline import inline_assets, web_text
from geomap.render.popups import (
    Mention,
    as_int,
    esc,
    is_missing,
    place_popup,
    text,
    tooltip,
)
from geomap.render.styles import (
    AREA_RADIUS_M,
    GROUPS,
    Group,
    group_for,
    place_style,
)
from geomap.resources import attribution

__all__ = ["DEFAULT_ATTRIBUTION", "build_map", "render_map"]

DEFAULT_ATTRIBUTION = attribution.GEONAMES_SHORT
COORD_DECIMALS = 6  # points: ~10 cm
SHAPE_DECIMALS = 4  # drawn lines/polygons: ~10 m, plenty after simplification
#: display simplification of lines/polygons, in degrees: the shape's extent / this, clamped
#: to [MIN, MAX] (about 0.5-10 km). Exports keep the full detail.
SIMPLIFY_DIVISOR = 1000
SIMPLIFY_MIN, SIMPLIFY_MAX = 0.005, 0.1


# ----------------------------------------------------------------------------- geometry helpers
def _display_geom(geom: Any) -> Any:
    """Geometry as drawn: lines/polygons simplified (topology kept) and rounded; points rounded."""
    if geom.geom_type in ("Point", "MultiPoint"):
        return shapely.transform(geom, lambda c: np.round(c, COORD_DECIMALS))
    minx, miny, maxx, maxy = geom.bounds
    tolerance = min(
        max(max(maxx - minx, maxy - miny) / SIMPLIFY_DIVISOR, SIMPLIFY_MIN), SIMPLIFY_MAX
    )
    simple = shapely.simplify(geom, tolerance, preserve_topology=True)
    if simple.is_empty:
        simple = geom
    return shapely.transform(simple, lambda c: np.round(c, SHAPE_DECIMALS))


def _feature(geom: Any, props: dict[str, Any]) -> dict[str, Any]:
    return {"type": "Feature", "geometry": mapping(_display_geom(geom)), "properties": props}


def _geometry_of(row: dict[str, Any]) -> Any | None:
    """The row's geometry, falling back to a Point from lat/lon; None if neither is usable."""
    geom = row.get("geometry")
    if geom is not None and not getattr(geom, "is_empty", True):
        if not shapely.is_valid(geom) and geom.geom_type in ("Polygon", "MultiPolygon"):
            geom = shapely.make_valid(geom)
        return geom
    lat, lon = row.get("lat"), row.get("lon")
    if not is_missing(lat) and not is_missing(lon):
        return shapely.Point(float(lon), float(lat))  # type: ignore[arg-type]
    return None


def _vague_point(props: dict[str, Any], precision: int | None) -> None:
    """Draw a point of a vague place as an area circle, never as an exact-looking dot."""
    if precision is not None and precision >= 4:
        props["_radius_m"] = AREA_RADIUS_M.get(precision, 150_000)
        style = dict(props["_style"])
        style.update({"dashArray": "6 4", "fillOpacity": 0.08, "weight": 2})
        props["_style"] = style


# ----------------------------------------------------------------------------- places
def _records(gdf: Any) -> Iterable[dict[str, Any]]:
    cols = list(gdf.columns)
    for values in gdf.itertuples(index=False, name=None):
        yield dict(zip(cols, values, strict=True))


def place_layers(places: Any) -> dict[str, list[dict[str, Any]]]:
    """Group literal place rows, deduplicated by ``entry_id``, into GeoJSON features per group."""
    if places is None or len(places) == 0:
        return {}
    if "role" in places.columns:
        places = places[places["role"].fillna("literal") == "literal"]
    by_entry: dict[str, dict[str, Any]] = {}
    for row in _records(places):
        key = text(row.get("entry_id")) or text(row.get("geonameid")) or text(row.get("name"))
        entry = by_entry.get(key)
        if entry is None:
            geom = _geometry_of(row)
            if geom is None:
                continue
            entry = by_entry[key] = {"row": row, "geom": geom, "mentions": [], "seen": set()}
        seen_key = (
            text(row.get("article_id")),
            text(row.get("sentence")) or text(row.get("start")),
        )
        if seen_key in entry["seen"]:
            continue
        entry["seen"].add(seen_key)
        entry["mentions"].append(
            Mention(
                sentence=row.get("sentence"),
                mention=row.get("mention"),
                article_id=row.get("article_id"),
                article_title=row.get("article_title"),
                article_url=row.get("article_url"),
                published=row.get("published"),
            )
        )
    layers: dict[str, list[dict[str, Any]]] = {}
    for entry in by_entry.values():
        row, geom = entry["row"], entry["geom"]
        precision = as_int(row.get("precision"))
        group = group_for(text(row.get("kind")), geom.geom_type, precision)
        props: dict[str, Any] = {
            "_style": place_style(group, geom.geom_type),
            "_popup": place_popup(
                row.get("name"),
                row.get("kind"),
                precision,
                row.get("country_code"),
                entry["mentions"],
            ),
            "_tooltip": tooltip(row.get("name"), row.get("kind"), f"{len(entry['mentions'])}×"),
        }
        if geom.geom_type == "Point":
            props["_radius_px"] = 7
            _vague_point(props, precision)
        elif geom.geom_type == "MultiPoint":
            _vague_point(props, precision)
        layers.setdefault(group.key, []).append(_feature(geom, props))
    return layers


# ----------------------------------------------------------------------------- legend
def _swatch(kind: str, color: str) -> str:
    svg = '<svg width="22" height="14" viewBox="0 0 22 14" aria-hidden="true">{}</svg>'
    c = html.escape(color, quote=True)
    if kind == "line":
        body = (
            f'<line x1="1" y1="7" x2="21" y2="7" stroke="{c}" stroke-width="3" '
            'stroke-dasharray="5 3"/>'
        )
    elif kind == "circle":
        body = f'<circle cx="11" cy="7" r="5" fill="#fff" stroke="{c}" stroke-width="2"/>'
    elif kind == "dot":
        body = f'<circle cx="11" cy="7" r="5" fill="{c}" stroke="#222" stroke-width="1"/>'
    elif kind == "filled-area":
        body = (
            f'<rect x="1" y="2" width="20" height="10" fill="{c}" fill-opacity="0.35" '
            f'stroke="{c}"/>'
        )
    else:
        body = (
            f'<rect x="1" y="2" width="20" height="10" fill="{c}" fill-opacity="0.1" '
            f'stroke="{c}" stroke-width="2" stroke-dasharray="4 2"/>'
        )
    return svg.format(body)


def legend_html(groups: Iterable[Group], payload: dict[str, Any] | None = None) -> str:
    """Escaped legend HTML for the drawn place groups and the incident payload's categories."""
    parts = ['<details class="geomap-legend-details"><summary>Legend</summary>']
    parts.append(legend_incidents_html(payload))
    groups = list(groups)
    if groups:
        parts.append("<h5>Mentioned places</h5>" if payload else "")
        for g in groups:
            parts.append(
                f'<div class="row">{_swatch(g.swatch, g.color)}<span>{esc(g.label)}</span></div>'
            )
    parts.append(
        '<div class="note">Dashed outlines and dashed circles mark vague locations '
        "(province, region, country): the event is somewhere inside, not at the centre."
        "</div></details>"
    )
    return "".join(parts)


# ----------------------------------------------------------------------------- map
def _bounds(features: Iterable[dict[str, Any]]) -> list[list[float]] | None:
    geoms = [shapely.geometry.shape(f["geometry"]) for f in features]
    if not geoms:
        return None
    minx, miny, maxx, maxy = shapely.total_bounds(geoms)
    if not np.all(np.isfinite([minx, miny, maxx, maxy])):
        return None
    return _padded(float(minx), float(miny), float(maxx), float(maxy))


def _padded(minx: float, miny: float, maxx: float, maxy: float) -> list[list[float]]:
    """Leaflet bounds [[south, west], [north, east]], half a degree wider around a place
    smaller than a degree (a lone town is not shown at street level)."""
    pad = 0.5 if (maxx - minx) < 1 and (maxy - miny) < 1 else 0.0
    return [[miny - pad, minx - pad], [maxy + pad, maxx + pad]]


def build_map(
    places: Any,
    *,
    incidents: Any = None,
    title: str | None = None,
    online_tiles: bool = False,
    attribution: str = DEFAULT_ATTRIBUTION,
    incident_mode: str = "auto",
) -> folium.Map:
    """Build the folium map (not yet offline: :func:`render_map` inlines assets on save)."""
    m = folium.Map(
        tiles=None,
        location=[20, 0],
        zoom_start=2,
        control_scale=True,
        world_copy_jump=True,
        min_zoom=1,
    )
    m.add_child(StyleSheet(web_text("map.css")))
    m.add_child(Unpack())  # first: the basemap below is packed

    # base layers: embedded Natural Earth (default) and optional online OSM tiles
    m.add_child(Pane("geomap-basemap", 250, interactive=False))
    base = folium.FeatureGroup(name="Natural Earth countries (offline)", overlay=False, show=True)
    base.add_child(
        GeoJsonLayer(
            packed_basemap(),
            pane="geomap-basemap",
            interactive=False,
            style={
                "color": "#9a9a8a",
                "weight": 0.6,
                "fillColor": "#f4f1e8",
                "fillOpacity": 1,
                "className": "geomap-basemap",
            },
        )
    )
    m.add_child(base)
    base_layers: list[tuple[str, Any]] = [("Natural Earth countries (offline)", base)]
    if online_tiles:
        tiles = folium.TileLayer(
            "OpenStreetMap", name="OpenStreetMap (online)", overlay=False, show=False, control=False
        )
        tiles.add_to(m)
        base_layers.append(("OpenStreetMap (online)", tiles))

    payload = incident_payload(incidents, incident_mode)
    placed = _payload_bounds(payload) if payload is not None else None
    all_features: list[dict[str, Any]] = []
    drawn_groups: list[Group] = []
    place_overlays: list[tuple[str, Any]] = []
    for key, features in sorted(place_layers(places).items(), key=lambda kv: GROUPS[kv[0]].z_index):
        group = GROUPS[key]
        pane = f"geomap-{group.key}"
        m.add_child(Pane(pane, group.z_index))
        # with placed incidents, the mentioned places are context: off until the user ticks them
        fg = folium.FeatureGroup(name=group.key, overlay=True, show=placed is None, control=False)
        fg.add_child(GeoJsonLayer({"type": "FeatureCollection", "features": features}, pane=pane))
        m.add_child(fg)
        place_overlays.append((esc(f"{group.label} ({len(features)})"), fg))
        all_features += features
        drawn_groups.append(group)

    if payload is not None:
        m.add_child(Pane("geomap-incidents", 480))
    # the view opens on what is shown: the placed incidents, else the mentioned places; the page
    # fits it clear of its panels (incidents.js), Python only sets a nearby first view
    bounds = placed or _bounds(all_features)
    if bounds is not None:
        (s, w), (n, e) = bounds
        m.location = [(s + n) / 2, (w + e) / 2]

    if title:
        m.add_child(TitleBox(esc(title)))
    m.add_child(Legend(legend_html(drawn_groups, payload)))
    credits = [esc(attribution), *geocoder_credits(places, incidents), esc(BASEMAP_ATTRIBUTION)]
    m.add_child(Attribution(" | ".join(credits)))
    m.add_child(GeomapLayers(payload, base=base_layers, places=place_overlays, bounds=bounds))
    return m


def geocoder_credits(*frames: Any) -> list[str]:
    """Escaped attribution HTML for every online geocoder named in the ``geocoder`` column of
    ``frames`` (places, incidents; "gazetteer" or missing: none): what a service's data needs
    shown, the OpenStreetMap credit and licence for Nominatim and Photon
    (:data:`geomap.resources.attribution.OSM_HTML`), else the service's name.

    >>> import pandas as pd
    >>> geocoder_credits(pd.DataFrame({"geocoder": ["gazetteer", "nominatim", None]}))[0][:40]
    'Places geocoded by Nominatim: © <a href='
    >>> geocoder_credits(pd.DataFrame({"geocoder": ["<b>x</b>"]}))
    ['Places geocoded by &lt;b&gt;x&lt;/b&gt;']
    """
    services: set[str] = set()
    for gdf in frames:
        if gdf is None or "geocoder" not in getattr(gdf, "columns", ()):
            continue
        for value in pd.unique(gdf["geocoder"].dropna().astype(str)):
            name = value.strip()
            if name and name.lower() != "gazetteer":
                services.add(name)
    out = []
    osm = sorted(s for s in services if s.lower() in attribution.OSM_GEOCODERS)
    if osm:
        names = " and ".join(esc(s.capitalize()) for s in osm)
        out.append(f"Places geocoded by {names}: {attribution.OSM_HTML}")
    out += [f"Places geocoded by {esc(s)}" for s in sorted(services) if s not in osm]
    return out


def _payload_bounds(payload: dict[str, Any]) -> list[list[float]] | None:
    xs: list[float] = []
    ys: list[float] = []
    shapes = []
    for row in payload["rows"]:
        g = row[6]
        if g is None:  # no place: listed, not drawn
            continue
        if isinstance(g, list):
            xs.append(g[0])
            ys.append(g[1])
        else:
            shapes.append(shapely.geometry.shape(g))
    if shapes:
        b = shapely.bounds(np.array(shapes, dtype=object))
        xs += b[:, 0].tolist() + b[:, 2].tolist()
        ys += b[:, 1].tolist() + b[:, 3].tolist()
    if not xs:
        return None
    return _padded(min(xs), min(ys), max(xs), max(ys))


def render_html(
    places: Any,
    *,
    incidents: Any = None,
    title: str | None = None,
    online_tiles: bool = False,
    attribution: str = DEFAULT_ATTRIBUTION,
    incident_mode: str = "auto",
) -> str:
    """Return the self-contained HTML of the map (assets inlined, checked offline)."""
    m = build_map(
        places,
        incidents=incidents,
        title=title,
        online_tiles=online_tiles,
        attribution=attribution,
        incident_mode=incident_mode,
    )
    page = m.get_root()
    if title:
        page.title = esc(title)  # type: ignore[attr-defined]  # branca does not escape
    return inline_assets(page.render())


def render_map(
    places: Any,
    path: str | os.PathLike[str],
    *,
    incidents: Any = None,
    title: str | None = None,
    online_tiles: bool = False,
    attribution: str = DEFAULT_ATTRIBUTION,
    incident_mode: str = "auto",
) -> Path:
    """Write an offline HTML map of ``places`` (and optionally ``incidents``) to ``path``.

    Parameters
    ----------
    places : geopandas.GeoDataFrame
        One row per place mention (EPSG:4326); only ``role == "literal"`` rows are drawn, one
        feature per ``entry_id`` whose popup lists every sentence that mentions it.
    path : path-like
        Target ``.html`` file, written atomically.
    incidents : geopandas.GeoDataFrame, optional
        Incidents (``geomap.frame.INCIDENT_COLUMNS``), drawn as one toggleable layer per
        ``category`` grouped by quad class, styled by ``geo_precision`` and ``modality``, with a
        time slider, search, clusters and a heatmap of the precise ones. The mentioned places
        are then one more layer group, off by default.
    title : str, optional
        Shown on the map and as the page title (escaped).
    online_tiles : bool
        Also offer OpenStreetMap tiles as a non-default base layer (needs the network when chosen).
    attribution : str
        Plain text (escaped) shown in the attribution control, with the Natural Earth credit.
    incident_mode : {"auto", "detailed", "compact"}
        How incidents are drawn: ``detailed`` (SVG, popups built in Python) or ``compact``
        (canvas, popups built on click); ``auto`` picks compact above
        ``geomap.render.incident_layer.COMPACT_THRESHOLD`` incidents.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> render_map(places, "maps/example.html", title="Example")  # doctest: +SKIP
    PosixPath('maps/example.html')
    """
    for name, gdf in (("places", places), ("incidents", incidents)):
        crs = getattr(gdf, "crs", None)
        if crs is not None and crs.to_epsg() != 4326:
            raise UsageError(f"{name} must be in EPSG:4326, got {crs}")
    page = render_html(
        places,
        incidents=incidents,
        title=title,
        online_tiles=online_tiles,
        attribution=attribution,
        incident_mode=incident_mode,
    )
    return _atomic.write_text(path, page)
