"""GeoParquet 1.1 tables with each distinct footprint encoded once.

Place and incident rows repeat their entry's footprint: every mention of a country carries its
polygon, one shapely object from the gazetteer's cache. ``GeoDataFrame.to_parquet`` encodes
every row's geometry to WKB and measures its bounds row by row, so a batch partition spent
most of its writing time encoding the same few polygons again. :func:`geoparquet_table` gives
the table ``to_parquet(schema_version="1.1.0", write_covering_bbox=True, index=False)``
writes (the same columns, field metadata, covering bbox column and ``geo`` metadata, but for
its ``creator``), with the WKB and the bounds of each distinct geometry object computed once.
The tests compare it with geopandas' table.
"""

from __future__ import annotations

import json
import warnings
from typing import Any

import numpy as np
import shapely

__all__ = ["geoparquet_table", "supports"]

#: shapely's type ids 0-7, as GeoParquet names geometry types ("... Z" for 3D: id + 8)
_TYPE_NAMES = [
    "Point",
    "LineString",
    "LineString",  # a LinearRing is written as a LineString
    "Polygon",
    "MultiPoint",
    "MultiLineString",
    "MultiPolygon",
    "GeometryCollection",
]
_TYPE_NAMES += [f"{n} Z" for n in _TYPE_NAMES]


def _version() -> str:
    from importlib import metadata

    try:
        return metadata.version("geomap")
    except metadata.PackageNotFoundError:
        return "0.0.0+unknown"


def supports(gdf: Any) -> bool:
    """Whether :func:`geoparquet_table` can table ``gdf``: text column names, one geometry
    column, a CRS, no column named ``bbox`` (the covering column's name) and no ``attrs``."""
    return (
        all(isinstance(c, str) for c in gdf.columns)
        and int((gdf.dtypes == "geometry").sum()) == 1
        and gdf.crs is not None
        and "bbox" not in gdf.columns
        and not gdf.attrs
    )


def _without_member_ids(value: Any) -> None:
    """Drop the ids of datum ensemble members, as geopandas does (older PROJ versions do not
    know the newer members' ids)."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "members" and isinstance(item, list):
                for member in item:
                    if isinstance(member, dict):
                        member.pop("id", None)
            else:
                _without_member_ids(item)


def geoparquet_table(gdf: Any) -> Any:
    """The pyarrow table of ``gdf`` as GeoParquet 1.1 with a covering bbox column and no index
    (see the module doc); :func:`supports` says which frames it takes."""
    import pandas as pd
    import pyarrow as pa

    name = gdf.geometry.name
    values = np.asarray(gdf.geometry.array, dtype=object)
    first: dict[int, int] = {}
    distinct_list: list[Any] = []
    at = np.empty(len(values), dtype=np.int64)
    for row, g in enumerate(values):
        k = first.get(id(g))
        if k is None:
            k = first[id(g)] = len(distinct_list)
            distinct_list.append(g)
        at[row] = k
    distinct = np.empty(len(distinct_list), dtype=object)
    distinct[:] = distinct_list
    wkb = shapely.to_wkb(distinct, flavor="iso") if len(distinct) else distinct
    bounds = shapely.bounds(distinct) if len(distinct) else np.empty((0, 4))

    attrs = pd.DataFrame(gdf.copy(deep=False))
    attrs[name] = None  # a null column, replaced below
    table = pa.Table.from_pandas(attrs, preserve_index=False)
    ext: dict[str, str] = {"ARROW:extension:name": "geoarrow.wkb"}
    ext["ARROW:extension:metadata"] = json.dumps({"crs": gdf.crs.to_json_dict()})
    field = pa.field(name, type=pa.binary(), nullable=True, metadata=ext)
    column = pa.array(wkb[at] if len(values) else [], type=pa.binary())
    table = table.set_column(table.schema.get_field_index(name), field, column)
    rows = bounds[at] if len(values) else np.empty((0, 4))
    bbox = pa.StructArray.from_arrays(
        [pa.array(rows[:, i], from_pandas=True) for i in range(4)],
        names=["xmin", "ymin", "xmax", "ymax"],
    )
    table = table.append_column("bbox", bbox)

    present = np.array([g is not None for g in distinct], dtype=bool)
    types = shapely.get_type_id(distinct[present]) + 8 * shapely.has_z(distinct[present])
    crs = gdf.crs.to_json_dict()
    _without_member_ids(crs)
    column_meta: dict[str, Any] = {
        "encoding": "WKB",
        "crs": crs,
        "geometry_types": sorted({_TYPE_NAMES[int(t)] for t in types.tolist() if t >= 0}),
    }
    with np.errstate(invalid="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # "All-NaN slice": no geometry at all
        total = [
            float(np.nanmin(bounds[:, 0])) if len(bounds) else np.nan,
            float(np.nanmin(bounds[:, 1])) if len(bounds) else np.nan,
            float(np.nanmax(bounds[:, 2])) if len(bounds) else np.nan,
            float(np.nanmax(bounds[:, 3])) if len(bounds) else np.nan,
        ]
    if np.isfinite(total).all():
        column_meta["bbox"] = total
    column_meta["covering"] = {
        "bbox": {c: ["bbox", c] for c in ("xmin", "ymin", "xmax", "ymax")},
    }
    geo = {
        "primary_column": name,
        "columns": {name: column_meta},
        "version": "1.1.0",
        "creator": {"library": "geomap", "version": _version()},
    }
    metadata = dict(table.schema.metadata or {})
    metadata[b"geo"] = json.dumps(geo).encode("utf-8")
    return table.replace_schema_metadata(metadata)
