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
import json
import math
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely
from shapely.geometry.base import BaseGeometry

from geomap import _atomic
from geomap.errors import ExportError, UsageError
from geomap.io.acled import acled_frame
from geomap.io.geojson import (
    _SURROGATE,
    GEOJSON_DECIMALS,
    GEONAMES_ATTRIBUTION,
    INCIDENT_FORMATS,
    _guard,
    _text,
    _to_4326,
    _wide,
    geojson_dict,
    json_safe,
    normalize_geometries,
    normalize_geometry,
    split_antimeridian,
    write_geojson,
)
from geomap.io.geoparquet import geoparquet_table, supports

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


#: to_parquet's own options, and the values with which :func:`geoparquet_table` writes the
#: same table
_GEOPANDAS_OPTIONS = ("schema_version", "write_covering_bbox", "index", "geometry_encoding")
_DEFAULT_GEOPANDAS_OPTIONS = {
    "schema_version": "1.1.0",
    "write_covering_bbox": True,
    "index": False,
    "geometry_encoding": None,
}


def write_parquet(gdf: Any, path: str | os.PathLike[str], **kwargs: Any) -> Path:
    """Write ``gdf`` as GeoParquet 1.1 (``geopandas.to_parquet``) atomically.

    A line or polygon that crosses ±180° (or lies beyond it) is split there as for GeoJSON
    (:func:`split_antimeridian`), so every coordinate is a longitude of OGC:CRS84 and the
    covering bounding boxes are true. Extra keyword arguments go to
    :meth:`geopandas.GeoDataFrame.to_parquet`; without geopandas options of other values than
    these, the table it would write is built by :func:`geomap.io.geoparquet.geoparquet_table`,
    which encodes each distinct footprint once.

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
        options = dict(kwargs)
        own = {k: options.pop(k, None) for k in _GEOPANDAS_OPTIONS}
        if own == _DEFAULT_GEOPANDAS_OPTIONS and supports(frame):
            # the table to_parquet would write, each distinct footprint encoded once
            import pyarrow.parquet as pq

            pq.write_table(geoparquet_table(frame), tmp, **options)
        else:
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
    # a country's polygon, repeated on many rows (one shapely object when the rows came from
    # one gazetteer), is split once: by object first, by WKB for equal copies
    by_object: dict[int, BaseGeometry] = {}
    done: dict[bytes, BaseGeometry] = {}
    for i in np.flatnonzero(cand):
        g = values[i]
        split = by_object.get(id(g))
        if split is None:
            key = shapely.to_wkb(g)
            if key not in done:
                done[key] = split_antimeridian(g)
            split = by_object[id(g)] = done[key]
        values[i] = split
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
