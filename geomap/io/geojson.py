"""GeoJSON (RFC 7946) and plain JSON values, with no pandas or geopandas import: the value
and geometry rules every writer of :mod:`geomap.io.export` shares, and GeoJSON written from
plain rows (:func:`write_geojson_rows`), so that ``geomap extract -o FILE.geojson`` needs no
GeoDataFrame. Text is written byte for byte, except a lone surrogate (no UTF-8 form), written
as U+FFFD; an integer outside the 64-bit range is written as its decimal string.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import math
import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import numpy as np
import shapely
from shapely.geometry import box, mapping
from shapely.geometry.base import BaseGeometry

from geomap import _atomic
from geomap.errors import ExportError, first_line
from geomap.resources import attribution

__all__ = [
    "GEOJSON_DECIMALS",
    "GEONAMES_ATTRIBUTION",
    "INCIDENT_FORMATS",
    "geojson_dict",
    "geometry_mapping",
    "json_safe",
    "normalize_geometries",
    "normalize_geometry",
    "split_antimeridian",
    "write_geojson",
    "write_geojson_rows",
]


#: output formats of :func:`write_incidents`, by file extension
INCIDENT_FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".csv": "csv",
}

GEONAMES_ATTRIBUTION = attribution.GEONAMES
GEOJSON_DECIMALS = 7  # RFC 7946 §11.2: ~1 cm; more is noise
_SURROGATE = re.compile("[\ud800-\udfff]")
_INT64 = (-(2**63), 2**63 - 1)
#: deepest nesting of lists and mappings in one exported value
MAX_VALUE_DEPTH = 100


def _text(value: str) -> str:
    """``value`` with lone surrogates as U+FFFD (they have no UTF-8 form)."""
    if value.isascii() or not _SURROGATE.search(value):
        return value
    return _SURROGATE.sub("\ufffd", value)


def _wide(value: int) -> bool:
    return not _INT64[0] <= value <= _INT64[1]


# ----------------------------------------------------------------------------- values
def json_safe(value: Any, _depth: int = 0) -> Any:
    """Convert ``value`` to plain JSON: NaN/NA/NaT -> None, dates -> ISO strings, numpy -> Python,
    integers beyond 64 bits -> decimal strings, lone surrogates -> U+FFFD.

    Examples
    --------
    >>> json_safe({"a": float("nan"), "d": _dt.date(2024, 5, 1), "n": np.int64(3)})
    {'a': None, 'd': '2024-05-01', 'n': 3}
    """
    t = type(value)  # the common plain types first: this runs once per exported cell
    if t is str:
        return _text(value)
    if value is None or t is bool:
        return value
    if t is float:
        return None if math.isnan(value) or math.isinf(value) else value
    if t is int:
        return str(value) if _wide(value) else value
    pd = sys.modules.get("pandas")  # a pandas value exists only if pandas was imported
    if value is None or (pd is not None and (value is pd.NA or value is pd.NaT)):
        return None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return str(value) if _wide(int(value)) else int(value)
    if isinstance(value, float | np.floating):
        f = float(value)
        return None if math.isnan(f) or math.isinf(f) else f
    if isinstance(value, decimal.Decimal):
        return json_safe(float(value))
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, _dt.datetime | _dt.date | _dt.time):  # pd.Timestamp is a datetime
        return value.isoformat()
    if isinstance(value, np.datetime64):
        if np.isnat(value):
            return None
        import pandas

        return pandas.Timestamp(value).isoformat()
    if isinstance(value, _dt.timedelta):  # pd.Timedelta is a timedelta
        import pandas

        return pandas.Timedelta(value).isoformat()
    if isinstance(value, BaseGeometry):
        return value.wkt
    containers: tuple[type, ...] = (Mapping, list, tuple, set, frozenset, np.ndarray)
    if pd is not None:
        containers += (pd.Series,)
    if isinstance(value, containers):
        if _depth >= MAX_VALUE_DEPTH:
            raise ExportError(f"a value nested more than {MAX_VALUE_DEPTH} levels deep")
        if isinstance(value, Mapping):
            return {_text(str(k)): json_safe(v, _depth + 1) for k, v in value.items()}
        return [json_safe(v, _depth + 1) for v in cast("Iterable[Any]", value)]
    if isinstance(value, bytes):
        return value.decode("utf-8", errors="replace")
    return _text(str(value))


def _to_4326(gdf: Any) -> Any:
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        return gdf.to_crs(4326)
    return gdf


# ----------------------------------------------------------------------------- geometry
def _lons(geom: BaseGeometry) -> np.ndarray:
    return shapely.get_coordinates(geom)[:, 0]


def _jumps_antimeridian(geom: BaseGeometry) -> bool:
    """True if some ring or line has consecutive vertices more than 180° of longitude apart."""
    parts = shapely.get_parts(geom)
    polys = shapely.get_type_id(parts) == 3
    lines = np.isin(shapely.get_type_id(parts), (1, 2))
    rings = np.concatenate([shapely.get_rings(parts[polys]), parts[lines]])
    if not len(rings):
        return False
    xy, ring = shapely.get_coordinates(rings, return_index=True)
    same = ring[1:] == ring[:-1]  # consecutive vertices of one ring or line
    return bool(np.any(np.abs(np.diff(xy[:, 0]))[same] > 180))


def _shift(geom: BaseGeometry, dx: float) -> BaseGeometry:
    return shapely.transform(geom, lambda c: c + np.array([dx, 0.0]))


def _same_dimension(parts: list[BaseGeometry], dim: int) -> BaseGeometry:
    flat = [
        p
        for g in parts
        for p in shapely.get_parts(g)
        if not p.is_empty and shapely.get_dimensions(p) == dim
    ]
    if not flat:
        return shapely.GeometryCollection()
    if len(flat) == 1:
        return flat[0]
    return (
        shapely.multipolygons(flat)
        if dim == 2
        else (shapely.multilinestrings(flat) if dim == 1 else shapely.multipoints(flat))
    )


def split_antimeridian(geom: BaseGeometry) -> BaseGeometry:
    """Cut a line or polygon that crosses ±180° longitude into parts on either side.

    Handles both encodings: consecutive vertices jumping from +179 to -179 (wrapped), and
    longitudes beyond ±180 (unwrapped). Points get their longitude normalised to [-180, 180].
    """
    if geom is None or geom.is_empty:
        return geom
    if geom.geom_type in ("Point", "MultiPoint"):
        return _wrapped(geom)
    if geom.geom_type == "GeometryCollection":
        return shapely.geometrycollections([split_antimeridian(g) for g in geom.geoms])
    if _jumps_antimeridian(geom):  # unwrap: put the western side east of 180
        geom = shapely.transform(
            geom,
            lambda c: np.column_stack([np.where(c[:, 0] < 0, c[:, 0] + 360, c[:, 0]), c[:, 1]]),
        )
        if _jumps_antimeridian(geom):  # a segment longer than 180°: cut it into shorter ones,
            geom = shapely.segmentize(geom, 90.0)  # so no part jumps once it is split
    lons = _lons(geom)
    if lons.size == 0 or (lons.min() >= -180 and lons.max() <= 180):
        return geom
    dim = int(shapely.get_dimensions(geom))
    pieces = []
    for k in range(math.floor((lons.min() + 180) / 360), math.floor((lons.max() + 180) / 360) + 1):
        west = -180 + 360 * k
        window = box(west, -90, west + 360, 90)
        piece = shapely.intersection(geom, window)
        if not piece.is_empty:
            pieces.append(_shift(piece, -360 * k))
    out = _same_dimension(pieces, dim)
    # a degenerate shape (a line of one repeated vertex, a ring of no area) beyond ±180 has
    # no intersection of its own dimension with the windows: its longitudes are wrapped
    return _wrapped(geom) if out.is_empty else out


def _wrapped(geom: BaseGeometry) -> BaseGeometry:
    """``geom`` with every longitude beyond ±180 brought into [-180, 180)."""
    return shapely.transform(
        geom,
        lambda c: np.column_stack(
            [
                ((c[:, 0] + 180) % 360) - 180 if np.any(np.abs(c[:, 0]) > 180) else c[:, 0],
                c[:, 1],
            ]
        ),
    )


def normalize_geometry(geom: BaseGeometry | None, decimals: int = GEOJSON_DECIMALS) -> Any:
    """RFC 7946 geometry: split at the antimeridian, CCW exterior rings, rounded coordinates
    (:func:`normalize_geometries` of one)."""
    return normalize_geometries([geom], decimals)[0]


def normalize_geometries(geoms: Any, decimals: int = GEOJSON_DECIMALS) -> np.ndarray:
    """RFC 7946 geometries (see :func:`normalize_geometry`), an array of them at once.

    Only shapes whose bounds reach past ±180° or span more than 180° of longitude can need
    the antimeridian cut; the others are rounded and oriented in one vectorised call each.
    """
    out = np.array(list(geoms), dtype=object)
    if out.size == 0:
        return out
    valid = ~(shapely.is_missing(out) | shapely.is_empty(out))
    bounds = shapely.bounds(out)
    with np.errstate(invalid="ignore"):
        odd = valid & (
            (bounds[:, 0] < -180) | (bounds[:, 2] > 180) | (bounds[:, 2] - bounds[:, 0] > 180)
        )
    for i in np.flatnonzero(odd):
        out[i] = split_antimeridian(out[i])
    if valid.any():
        done = shapely.transform(out[valid], lambda c: np.round(c, decimals))
        out[valid] = shapely.orient_polygons(done, exterior_cw=False)
    return out


def _coords(geom: BaseGeometry) -> list[list[float]]:
    return shapely.get_coordinates(geom).tolist()


def geometry_mapping(geom: BaseGeometry) -> dict[str, Any]:
    """The GeoJSON geometry object of ``geom``: what ``shapely.geometry.mapping`` gives (the
    same JSON text), built from coordinate arrays rather than shapely's per-vertex iterators."""
    kind = geom.geom_type
    if shapely.has_z(geom) or kind == "LinearRing":
        return dict(mapping(geom))
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [geometry_mapping(g) for g in geom.geoms]}
    if geom.is_empty:
        return {"type": kind, "coordinates": [[]] if kind == "Polygon" else []}
    if kind == "Point":
        return {"type": kind, "coordinates": _coords(geom)[0]}
    if kind == "MultiPoint":
        return {"type": kind, "coordinates": _coords(geom)}
    # lines and rings: all coordinates in one array, cut by each line's or ring's count
    parts = shapely.get_parts(geom) if kind.startswith("Multi") else np.array([geom])
    if shapely.is_empty(parts).any():  # an empty part: shapely's own nesting for it
        return {"type": kind, "coordinates": [geometry_mapping(g)["coordinates"] for g in parts]}
    if kind.endswith("Polygon"):
        lines, part_of = shapely.get_rings(parts, return_index=True)
    else:
        lines, part_of = parts, np.arange(len(parts))
    flat = shapely.get_coordinates(lines).tolist()
    ends = np.cumsum(shapely.get_num_coordinates(lines)).tolist()
    nested: list[list[list[list[float]]]] = [[] for _ in range(len(parts))]
    start = 0
    for k, end in zip(part_of.tolist(), ends, strict=True):
        nested[k].append(flat[start:end])
        start = end
    if kind == "LineString":
        return {"type": kind, "coordinates": nested[0][0]}
    if kind == "MultiLineString":
        return {"type": kind, "coordinates": [n[0] for n in nested]}
    return {"type": kind, "coordinates": nested[0] if kind == "Polygon" else nested}


# ----------------------------------------------------------------------------- GeoJSON
def _distinct(
    geoms: Sequence[BaseGeometry | None], decimals: int
) -> tuple[list[BaseGeometry | None], list[int]]:
    """(the distinct geometries, normalised; each row's index into them)."""
    arr = np.empty(len(geoms), dtype=object)
    arr[:] = list(geoms)
    keys = shapely.to_wkb(arr) if len(arr) else np.array([], dtype=object)
    first: dict[Any, int] = {}
    which = [first.setdefault(k, len(first)) for k in keys.tolist()]
    distinct = np.empty(len(first), dtype=object)
    for row, k in enumerate(which):
        if distinct[k] is None:
            distinct[k] = arr[row]
    return list(normalize_geometries(distinct, decimals)), which


def _features(
    gdf: Any, decimals: int
) -> tuple[list[BaseGeometry | None], list[int], list[dict[str, Any]]]:
    """(the distinct geometries of ``gdf``, normalised; each row's index into them; each row's
    properties as plain JSON). Incidents at one country share its polygon: each distinct shape
    is normalised (and written, by :func:`write_geojson`) once."""
    gdf = _to_4326(gdf)
    geom_name = gdf.geometry.name
    at = [i for i, c in enumerate(gdf.columns) if c != geom_name]
    names = [_text(str(c)) for c in gdf.columns[at]]
    shapes, which = _distinct(list(gdf.geometry.array), decimals)
    props = [
        {c: json_safe(v) for c, v in zip(names, values, strict=True)}
        for values in gdf.iloc[:, at].itertuples(index=False, name=None)
    ]
    return shapes, which, props


#: shapely type ids whose WKT maps to GeoJSON by punctuation alone: Point, LineString,
#: Polygon, MultiLineString, MultiPolygon (MultiPoint's WKT nesting differs across GEOS versions)
_WKT_KINDS = {0: "Point", 1: "LineString", 3: "Polygon", 5: "MultiLineString", 6: "MultiPolygon"}
_INNER_OPEN = re.compile(r"\((?=[^(])")  # a "(" that opens a list of positions
_INNER_CLOSE = re.compile(r"(?<=[^)])\)")  # the ")" that closes one


def _wkt_coordinates(wkt: str, kind: str) -> str:
    """The GeoJSON ``coordinates`` text of a 2D WKT ``wkt`` of ``kind``: ``(x y, x y)`` ->
    ``[[x,y],[x,y]]``, rings and parts nested as GeoJSON nests them."""
    body = wkt[wkt.index("(") :]
    if kind == "Point":
        return body.replace(" ", ",").replace("(", "[").replace(")", "]")
    body = body.replace("), (", ")~(").replace(", ", "],[").replace(" ", ",").replace("~", ",")
    body = _INNER_CLOSE.sub("]]", _INNER_OPEN.sub("[[", body))
    return body.replace("(", "[").replace(")", "]")


def geometry_texts(
    shapes: Sequence[BaseGeometry | None], encode: Any, decimals: int = GEOJSON_DECIMALS
) -> list[str]:
    """The compact GeoJSON text of each shape (``null`` for none or an empty one), whose
    coordinates are already rounded to ``decimals``.

    Finite 2D points, lines and polygons go through GEOS's WKT writer (a C loop, ten times
    quicker than lists of floats through ``json``) at ``decimals`` with trailing zeros trimmed:
    the same numbers as ``encode(geometry_mapping(g))`` writes, ``1`` where it writes ``1.0``
    and ``1e-7`` for ``1e-07``. Other
    shapes (3D, collections, multipoints, NaN or infinite coordinates) take
    :func:`geometry_mapping` and ``encode``, which refuses what JSON cannot hold."""
    arr = np.empty(len(shapes), dtype=object)
    arr[:] = list(shapes)
    out: list[str | None] = [None] * len(arr)
    if len(arr):
        ids = shapely.get_type_id(arr)
        fast = np.isin(ids, list(_WKT_KINDS)) & ~shapely.is_empty(arr) & ~shapely.has_z(arr)
        at = np.flatnonzero(fast)
        if len(at):
            coords, index = shapely.get_coordinates(arr[at], return_index=True)
            bad = np.unique(index[~np.isfinite(coords).all(axis=1)])
            at = np.delete(at, bad)
            wkts = shapely.to_wkt(arr[at], rounding_precision=decimals, trim=True)
            for i, w in zip(at.tolist(), wkts.tolist(), strict=True):
                kind = _WKT_KINDS[int(ids[i])]
                out[i] = '{"type":"' + kind + '","coordinates":' + _wkt_coordinates(w, kind) + "}"
    return [
        t if t is not None else encode(_geometry_json(g)) for t, g in zip(out, arr, strict=True)
    ]


def _geometry_json(g: BaseGeometry | None) -> Any:
    return None if g is None or g.is_empty else geometry_mapping(g)


def geojson_dict(
    gdf: Any,
    *,
    attribution: str | None = GEONAMES_ATTRIBUTION,
    decimals: int = GEOJSON_DECIMALS,
    id_column: str | None = None,
) -> dict[str, Any]:
    """Return an RFC 7946 FeatureCollection dict of ``gdf`` (see :func:`write_geojson`)."""
    shapes, which, rows = _features(gdf, decimals)
    features = []
    for k, props in zip(which, rows, strict=True):
        feature: dict[str, Any] = {
            "type": "Feature",
            "geometry": _geometry_json(shapes[k]),
            "properties": props,
        }
        if id_column is not None and props.get(id_column) is not None:
            feature["id"] = props[id_column]
        features.append(feature)
    fc: dict[str, Any] = {"type": "FeatureCollection"}
    if attribution:
        fc["attribution"] = attribution  # a foreign member (RFC 7946 §6.1)
    fc["features"] = features
    return fc


def write_geojson(
    gdf: Any,
    path: str | os.PathLike[str],
    *,
    attribution: str | None = GEONAMES_ATTRIBUTION,
    decimals: int = GEOJSON_DECIMALS,
    id_column: str | None = None,
) -> Path:
    """Write ``gdf`` as RFC 7946 GeoJSON to ``path`` atomically and return the path.

    WGS84 lon/lat with no ``crs`` member, at most ``decimals`` decimals, counter-clockwise
    exterior rings, lines/polygons crossing ±180° split, properties as plain JSON (dates as ISO
    strings, NaN as null, other geometry columns as WKT). A top-level ``attribution`` member
    carries the GeoNames CC BY credit. ``id_column`` also sets each feature's ``id``. The text
    is the compact ``json.dumps`` of :func:`geojson_dict`, with each distinct shape encoded
    once.

    Examples
    --------
    >>> import geopandas as gpd; from shapely import Point
    >>> gdf = gpd.GeoDataFrame({"name": ["Bali"]}, geometry=[Point(115.2, -8.4)], crs=4326)
    >>> write_geojson(gdf, "out/places.geojson")  # doctest: +SKIP
    PosixPath('out/places.geojson')
    """
    try:
        shapes, which, rows = _features(gdf, decimals)
        parts = _collection_parts(shapes, which, rows, attribution, id_column, decimals)
    except (TypeError, ValueError) as err:
        raise ExportError(f"{path}: cannot encode GeoJSON: {err}") from err
    return _guard(path, lambda p: _write_parts(p, parts))


def _collection_parts(
    shapes: list[BaseGeometry | None],
    which: list[int],
    rows: list[dict[str, Any]],
    attribution: str | None,
    id_column: str | None,
    decimals: int,
) -> list[str]:
    """The compact JSON text of the FeatureCollection as a list of pieces to be written one
    after the other, each distinct shape encoded once (and held once: the features of one
    country share its polygon's text rather than copies of it)."""
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    shape_text = geometry_texts(shapes, encode, decimals)
    head = '{"type":"FeatureCollection"'
    if attribution:
        head += ',"attribution":' + encode(attribution)
    parts = [head + ',"features":[']
    sep = '{"type":"Feature","geometry":'
    for k, props in zip(which, rows, strict=True):
        tail = ',"properties":' + encode(props)
        if id_column is not None and props.get(id_column) is not None:
            tail += ',"id":' + encode(props[id_column])
        parts += (sep, shape_text[k], tail + "}")
        sep = ',{"type":"Feature","geometry":'
    parts.append("]}\n")
    return parts


def _write_parts(path: str | os.PathLike[str], parts: list[str]) -> Path:
    """Write the pieces (UTF-8; json_safe has already replaced lone surrogates) to ``path``
    atomically."""

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", errors="replace", newline="") as fh:
            fh.writelines(parts)

    return _atomic.write_with(path, write)


def write_geojson_rows(
    rows: Sequence[Mapping[str, Any]],
    path: str | os.PathLike[str],
    *,
    columns: Sequence[str],
    geometry: str = "geometry",
    attribution: str | None = GEONAMES_ATTRIBUTION,
    decimals: int = GEOJSON_DECIMALS,
    id_column: str | None = None,
) -> Path:
    """Write plain rows (mappings with shapely geometries in EPSG:4326 lon/lat under
    ``geometry``) as the GeoJSON :func:`write_geojson` writes for a GeoDataFrame of them with
    ``columns``: the same text, with no frame built (and no pandas imported)."""
    try:
        names = [(c, _text(str(c))) for c in columns if c != geometry]
        props = [{name: json_safe(r.get(c)) for c, name in names} for r in rows]
        shapes, which = _distinct([r.get(geometry) for r in rows], decimals)
        parts = _collection_parts(shapes, which, props, attribution, id_column, decimals)
    except (TypeError, ValueError) as err:
        raise ExportError(f"{path}: cannot encode GeoJSON: {err}") from err
    return _guard(path, lambda p: _write_parts(p, parts))


def _guard(path: str | os.PathLike[str], write: Any) -> Path:
    try:
        return Path(write(path))
    except ExportError:
        raise
    except (OSError, RuntimeError) as err:  # filesystem and GDAL/pyogrio/pyarrow errors
        detail = first_line(err)
        raise ExportError(f"cannot write {path}: {detail}") from err
