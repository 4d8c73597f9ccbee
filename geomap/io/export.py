"""Write GeoDataFrames to GeoJSON (RFC 7946), GeoPackage, GeoParquet and CSV, atomically.

Every writer takes a GeoDataFrame (EPSG:4326 or anything ``to_crs`` can convert), writes to a
temporary file beside the target and renames it into place, so a failed export never leaves a
half-written file. Errors from the filesystem or GDAL are raised as :class:`ExportError`.

Text is written byte for byte, with one exception: a lone surrogate (``"\\udfff"``, which has
no UTF-8 form) is written as U+FFFD, in values and column names alike. An integer outside
the 64-bit range is written as its decimal string (Parquet, GeoPackage and JavaScript have no
wider integer), and so is every value of an object column that mixes numbers and text.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import json
import math
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import box, mapping
from shapely.geometry.base import BaseGeometry

from geomap import _atomic
from geomap.errors import ExportError, UsageError, first_line
from geomap.io.acled import acled_frame
from geomap.resources import attribution

__all__ = [
    "GEONAMES_ATTRIBUTION",
    "INCIDENT_FORMATS",
    "PARQUET_OPTIONS",
    "SCHEMAS",
    "geojson_dict",
    "json_safe",
    "neutralise_formula",
    "normalize_geometries",
    "normalize_geometry",
    "split_antimeridian",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_incidents",
    "write_parquet",
]

GEONAMES_ATTRIBUTION = attribution.GEONAMES
GEOJSON_DECIMALS = 7  # RFC 7946 §11.2: ~1 cm; more is noise
_SURROGATE = re.compile("[\ud800-\udfff]")
_INT64 = (-(2**63), 2**63 - 1)
#: deepest nesting of lists and mappings in one exported value
MAX_VALUE_DEPTH = 100


def _text(value: str) -> str:
    """``value`` with lone surrogates as U+FFFD (they have no UTF-8 form)."""
    return _SURROGATE.sub("\ufffd", value) if _SURROGATE.search(value) else value


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
    if t is float:
        return None if math.isnan(value) or math.isinf(value) else value
    if t is int:
        return str(value) if _wide(value) else value
    if value is None or value is pd.NA or value is pd.NaT:
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
    if isinstance(value, pd.Timestamp | _dt.datetime | _dt.date | _dt.time):
        return value.isoformat()
    if isinstance(value, np.datetime64):
        return None if np.isnat(value) else pd.Timestamp(value).isoformat()
    if isinstance(value, pd.Timedelta | _dt.timedelta):
        return pd.Timedelta(value).isoformat()
    if isinstance(value, BaseGeometry):
        return value.wkt
    if isinstance(value, Mapping | list | tuple | set | frozenset | np.ndarray | pd.Series):
        if _depth >= MAX_VALUE_DEPTH:
            raise ExportError(f"a value nested more than {MAX_VALUE_DEPTH} levels deep")
        if isinstance(value, Mapping):
            return {_text(str(k)): json_safe(v, _depth + 1) for k, v in value.items()}
        return [json_safe(v, _depth + 1) for v in value]
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
    """RFC 7946 geometry: split at the antimeridian, CCW exterior rings, rounded coordinates."""
    if geom is None or geom.is_empty:
        return geom
    geom = split_antimeridian(geom)
    geom = shapely.transform(geom, lambda c: np.round(c, decimals))
    return shapely.orient_polygons(geom, exterior_cw=False)


def normalize_geometries(geoms: Any, decimals: int = GEOJSON_DECIMALS) -> np.ndarray:
    """:func:`normalize_geometry` over an array of geometries at once (the same results).

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
    if kind == "Point":
        return {"type": kind, "coordinates": _coords(geom)[0]}
    if kind == "LineString":
        return {"type": kind, "coordinates": _coords(geom)}
    if kind == "Polygon":
        rings = [geom.exterior, *geom.interiors]
        return {"type": kind, "coordinates": [_coords(r) for r in rings]}
    if kind == "GeometryCollection":
        return {"type": kind, "geometries": [geometry_mapping(g) for g in geom.geoms]}
    parts = [geometry_mapping(g)["coordinates"] for g in geom.geoms]
    return {"type": kind, "coordinates": parts}


# ----------------------------------------------------------------------------- GeoJSON
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
    geoms = np.array(list(gdf.geometry.array), dtype=object)
    keys = shapely.to_wkb(geoms) if len(geoms) else np.array([], dtype=object)
    first: dict[Any, int] = {}
    which = [first.setdefault(k, len(first)) for k in keys.tolist()]
    distinct = np.empty(len(first), dtype=object)
    for row, k in enumerate(which):
        if distinct[k] is None:
            distinct[k] = geoms[row]
    shapes = list(normalize_geometries(distinct, decimals))
    props = [
        {c: json_safe(v) for c, v in zip(names, values, strict=True)}
        for values in gdf.iloc[:, at].itertuples(index=False, name=None)
    ]
    return shapes, which, props


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
    encode = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":")).encode
    try:
        shapes, which, rows = _features(gdf, decimals)
        shape_text = [encode(_geometry_json(g)) for g in shapes]
        parts = ['{"type":"FeatureCollection"']
        if attribution:
            parts.append(',"attribution":' + encode(attribution))
        parts.append(',"features":[')
        features = []
        for k, props in zip(which, rows, strict=True):
            f = '{"type":"Feature","geometry":' + shape_text[k] + ',"properties":' + encode(props)
            if id_column is not None and props.get(id_column) is not None:
                f += ',"id":' + encode(props[id_column])
            features.append(f + "}")
        parts += [",".join(features), "]}\n"]
    except (TypeError, ValueError) as err:
        raise ExportError(f"{path}: cannot encode GeoJSON: {err}") from err
    text = "".join(parts)
    return _guard(path, lambda p: _atomic.write_text(p, text))


# ----------------------------------------------------------------------------- tabular helpers
def _plain_columns(df: pd.DataFrame, keep_geometry: str | None) -> pd.DataFrame:
    """Copy of ``df`` with list/dict/date objects as text; extra geometry columns as WKT."""
    out = _safe_names(df.copy())
    if keep_geometry is not None:
        keep_geometry = _text(str(keep_geometry))
    for col in out.columns:
        if col == keep_geometry:
            continue
        s = out[col]
        if isinstance(s.dtype, pd.DatetimeTZDtype) or pd.api.types.is_datetime64_any_dtype(s):
            continue
        if s.dtype == object or str(s.dtype) == "geometry":
            out[col] = _uniform(s.map(_cell_text).astype(object))
    return out


def _safe_names(df: Any) -> Any:
    """``df`` with lone surrogates in its column names as U+FFFD (renamed in place)."""
    names = [_text(c) if isinstance(c, str) else c for c in df.columns]
    if names != list(df.columns):
        df.columns = names
    return df


def _uniform(s: pd.Series) -> pd.Series:
    """An object column Arrow and GDAL can type: when it mixes kinds of scalar (numbers and
    text, say), every value as text."""
    kinds = {type(v) for v in s if v is not None}
    if len(kinds) > 1 and not kinds <= {int, float} and not kinds <= {bool, np.bool_}:
        return s.map(lambda v: None if v is None else str(v)).astype(object)
    return s


def _cell_text(v: Any) -> Any:
    if isinstance(v, BaseGeometry):
        return v.wkt
    if isinstance(v, list | tuple | set | dict | np.ndarray):
        return json.dumps(json_safe(v), ensure_ascii=False)
    if isinstance(v, _dt.date | _dt.datetime | pd.Timestamp):
        return v.isoformat()
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, str):
        return _text(v)
    if isinstance(v, int | np.integer) and not isinstance(v, bool | np.bool_) and _wide(int(v)):
        return str(v)
    if isinstance(v, bytes):
        return v.decode("utf-8", errors="replace")
    return v


def _guard(path: str | os.PathLike[str], write: Any) -> Path:
    try:
        return Path(write(path))
    except ExportError:
        raise
    except (OSError, RuntimeError) as err:  # filesystem and GDAL/pyogrio/pyarrow errors
        detail = first_line(err)
        raise ExportError(f"cannot write {path}: {detail}") from err


def write_gpkg(
    gdf: Any,
    path: str | os.PathLike[str],
    *,
    layer: str | None = None,
) -> Path:
    """Write one GeoDataFrame, or a ``{layer: GeoDataFrame}`` mapping, to a GeoPackage.

    A GeoPackage layer holds one geometry column: other geometry columns are written as WKT
    text, list/dict cells as JSON text. All layers go to one temporary file that replaces
    ``path`` only when every layer is written. GDAL stores text as C strings: a cell holding
    a NUL character would be cut short, so it is an :class:`ExportError` instead (geomap's own
    frames never hold one: the input boundary turns control characters into spaces).
    """
    layers: Mapping[str, Any] = gdf if isinstance(gdf, Mapping) else {layer or Path(path).stem: gdf}
    if not layers:
        raise UsageError("write_gpkg needs at least one layer")

    def writer(tmp: Path) -> None:
        for name, frame in layers.items():
            frame = _to_4326(frame)
            plain = _plain_columns(frame, frame.geometry.name)
            _refuse_nul(plain, path)
            plain.to_file(tmp, driver="GPKG", layer=name, engine="pyogrio")

    return _guard(path, lambda p: _atomic.write_with(p, writer))


def _refuse_nul(df: Any, path: str | os.PathLike[str]) -> None:
    for col in df.columns:
        if (
            df[col].dtype == object
            and df[col].map(lambda v: isinstance(v, str) and "\x00" in v).any()
        ):
            raise ExportError(
                f"cannot write {path}: column {col!r} holds a NUL character, which a GeoPackage "
                "cannot store (GeoJSON, GeoParquet and CSV can)"
            )


#: how GeoParquet columns are written (pyarrow's ``write_table`` options): zstd, and a
#: dictionary large enough for the distinct footprints of one row group
PARQUET_OPTIONS: dict[str, Any] = {
    "compression": "zstd",
    "use_dictionary": True,
    "dictionary_pagesize_limit": 64 * 1024 * 1024,
}


def write_parquet(gdf: Any, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write ``gdf`` as GeoParquet 1.1 (``geopandas.to_parquet``) atomically.

    A line or polygon that crosses ±180° (or lies beyond it) is split there as for GeoJSON
    (:func:`split_antimeridian`), so every coordinate is a longitude of OGC:CRS84 and the
    covering bounding boxes are true. Extra keyword arguments go to
    :meth:`geopandas.GeoDataFrame.to_parquet`.

    Columns are zstd-compressed and dictionary-encoded (:data:`PARQUET_OPTIONS`): place and
    incident rows repeat their entry's footprint (every mention of a country carries its
    polygon), which a dictionary stores once per row group; a batch's places file is about a
    tenth of its size with snappy and plain encoding, with the same rows.
    """
    gdf = _split_where_needed(_to_4326(gdf))
    for key, value in PARQUET_OPTIONS.items():
        kwargs.setdefault(key, value)
    kwargs.setdefault("schema_version", "1.1.0")
    kwargs.setdefault("write_covering_bbox", True)
    kwargs.setdefault("index", False)

    def writer(tmp: Path) -> None:
        frame = gdf
        obj_cols = [
            c for c in frame.columns if c != frame.geometry.name and frame[c].dtype == object
        ]
        if obj_cols or any(isinstance(c, str) and _SURROGATE.search(c) for c in frame.columns):
            # mixed Python objects (dates, dicts, wide integers) that Arrow cannot type
            frame = _safe_names(frame.copy())
            for c in obj_cols:
                c = _text(c) if isinstance(c, str) else c
                if not _arrow_friendly(frame[c]):
                    frame[c] = _uniform(frame[c].map(_cell_text).astype(object))
        frame.to_parquet(tmp, **kwargs)

    return _guard(path, lambda p: _atomic.write_with(p, writer))


def _split_where_needed(gdf: Any) -> Any:
    """``gdf`` with its geometries that may cross ±180° split (see :func:`split_antimeridian`);
    the bounding boxes pick the few candidates, the rest is not touched."""
    geoms = gdf.geometry
    if not len(geoms):
        return gdf
    b = geoms.bounds
    cand = ((b["minx"] < -180) | (b["maxx"] > 180) | (b["maxx"] - b["minx"] > 180)).to_numpy()
    if not cand.any():
        return gdf
    values = geoms.to_numpy().copy()
    done: dict[bytes, BaseGeometry] = {}  # a country's polygon, repeated on many rows: once
    for i in np.flatnonzero(cand):
        key = shapely.to_wkb(values[i])
        if key not in done:
            done[key] = split_antimeridian(values[i])
        values[i] = done[key]
    out = gdf.copy()
    out[geoms.name] = type(geoms)(values, index=geoms.index, crs=geoms.crs)
    return out


def _arrow_friendly(s: pd.Series) -> bool:
    """True when Arrow types the object column ``s`` as it is: text without lone
    surrogates, lists of such text, booleans."""
    kinds = {type(v) for v in s if v is not None and not (isinstance(v, float) and math.isnan(v))}
    if kinds <= {str}:
        return not any(isinstance(v, str) and _SURROGATE.search(v) for v in s)
    if kinds <= {list}:
        return all(
            isinstance(x, str) and not _SURROGATE.search(x)
            for v in s
            if isinstance(v, list)
            for x in v
        )
    return kinds <= {bool}


def _anchor(gdf: Any) -> tuple[pd.Series, pd.Series]:
    for lon, lat in (("lon", "lat"), ("anchor_lon", "anchor_lat"), ("longitude", "latitude")):
        if lon in gdf.columns and lat in gdf.columns:
            return gdf[lon], gdf[lat]
    pts = gdf.geometry.map(
        lambda g: None if g is None or g.is_empty else shapely.point_on_surface(g)
    )
    return (
        pts.map(lambda p: None if p is None else round(p.x, GEOJSON_DECIMALS)),
        pts.map(lambda p: None if p is None else round(p.y, GEOJSON_DECIMALS)),
    )


#: a cell starting with one of these is run as a formula by spreadsheet programs (Excel,
#: LibreOffice, Google Sheets: ``=HYPERLINK(...)``, ``@SUM(...)``, ``+cmd|...``)
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: Any) -> Any:
    """``value`` with a leading ``'`` when it is a string a spreadsheet would run as a formula.

    The apostrophe is the spreadsheet convention for "this cell is text" (OWASP's advice for
    CSV injection); other values are returned unchanged.

    >>> neutralise_formula('=HYPERLINK("http://x", "click")')
    '\'=HYPERLINK("http://x", "click")'
    >>> neutralise_formula("Kyiv")
    'Kyiv'
    """
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(
    gdf: Any,
    path: str | os.PathLike[str],
    *,
    wkt_column: str = "wkt",
    neutralise_formulas: bool = True,
) -> Path:
    """Write ``gdf`` as UTF-8 CSV: every attribute, ``lon``/``lat`` of the anchor, and WKT.

    The anchor is the ``lon``/``lat`` (or ``anchor_lon``/``anchor_lat``) columns when present,
    else a point on the geometry's surface. The footprint goes to ``wkt_column`` (7 decimals).

    Article text is untrusted: with ``neutralise_formulas`` (the default) every text cell that
    starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading ``'``
    (see :func:`neutralise_formula`), so that a spreadsheet shows it instead of running it.
    Numbers are numbers and are never changed. ``neutralise_formulas=False`` (``geomap
    extract --csv-keep-formulas``) writes the text byte for byte.
    """
    gdf = _to_4326(gdf)
    geom_name = gdf.geometry.name
    df = _plain_columns(pd.DataFrame(gdf.drop(columns=geom_name)), None)
    lon, lat = _anchor(gdf)
    if "lon" not in df.columns:
        df["lon"] = lon.to_numpy()
    if "lat" not in df.columns:
        df["lat"] = lat.to_numpy()
    df[wkt_column] = [
        None
        if g is None or g.is_empty
        else shapely.to_wkt(g, rounding_precision=GEOJSON_DECIMALS, trim=True)
        for g in gdf.geometry
    ]

    return _write_table_csv(df, path, neutralise_formulas)


def _write_table_csv(df: Any, path: str | os.PathLike[str], neutralise_formulas: bool) -> Path:
    """A plain table as UTF-8 CSV, atomically; text cells neutralised (see write_csv)."""
    if neutralise_formulas:
        df = df.copy()
        for col in df.columns:
            if df[col].dtype == object or pd.api.types.is_string_dtype(df[col].dtype):
                df[col] = df[col].map(neutralise_formula)

    # rows end in \n; a table with a carriage return in some cell ends its rows in \r\n
    # (RFC 4180), the only way Python's csv writer quotes that cell and the text round-trips
    ending = "\r\n" if _has_carriage_return(df) else "\n"

    def writer(tmp: Path) -> None:
        df.to_csv(tmp, index=False, encoding="utf-8", lineterminator=ending)

    return _guard(path, lambda p: _atomic.write_with(p, writer))


def _has_carriage_return(df: Any) -> bool:
    names = any(isinstance(c, str) and "\r" in c for c in df.columns)
    return names or any(
        df[c].map(lambda v: isinstance(v, str) and "\r" in v).any()
        for c in df.columns
        if df[c].dtype == object or pd.api.types.is_string_dtype(df[c].dtype)
    )


#: output formats of :func:`write_incidents`, by file extension
INCIDENT_FORMATS = {
    ".geojson": "geojson",
    ".json": "geojson",
    ".gpkg": "gpkg",
    ".parquet": "parquet",
    ".geoparquet": "parquet",
    ".csv": "csv",
}


#: column layouts of :func:`write_incidents`
SCHEMAS = ("geomap", "acled")


def write_incidents(
    gdf: Any,
    path: str | Path,
    *,
    neutralise_formulas: bool = True,
    schema: str = "geomap",
) -> Path:
    """Write an incidents frame by the extension of ``path``.

    .geojson (RFC 7946, feature ``id`` = incident id), .gpkg (layers ``incidents`` with the
    footprints and ``incident_anchors`` with the anchor points), .parquet (GeoParquet 1.1),
    .csv (anchor lon/lat and footprint WKT; text cells that a spreadsheet would run as a
    formula get a leading ``'`` unless ``neutralise_formulas`` is False).

    ``schema="acled"`` writes ACLED's column layout instead (CSV only; see
    :mod:`geomap.io.acled`).
    """
    from geomap.frame import incident_anchor_layer

    p = Path(path)
    if schema not in SCHEMAS:
        raise UsageError(f"unknown schema {schema!r} (use {', '.join(SCHEMAS)})")
    fmt = INCIDENT_FORMATS.get(p.suffix.lower())
    if schema == "acled":
        if fmt != "csv":
            raise UsageError(f"{p}: the ACLED layout is written as CSV (.csv)")
        table = _plain_columns(acled_frame(_to_4326(gdf)), None)
        return _write_table_csv(table, p, neutralise_formulas)
    if fmt is None:
        known = ", ".join(sorted(INCIDENT_FORMATS))
        raise UsageError(f"{p}: unknown output format (use {known})")
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "geojson":
        return write_geojson(gdf, p, id_column="id")
    if fmt == "gpkg":
        return write_gpkg({"incidents": gdf, "incident_anchors": incident_anchor_layer(gdf)}, p)
    if fmt == "parquet":
        return write_parquet(gdf, p)
    out = gdf.drop(columns=["anchor_lon", "anchor_lat"]).assign(
        lon=gdf["anchor_lon"], lat=gdf["anchor_lat"]
    )
    return write_csv(out, p, neutralise_formulas=neutralise_formulas)
