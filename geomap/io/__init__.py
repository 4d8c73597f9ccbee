"""Input and output: articles in (files, folders, JSONL), frames out (GeoJSON, GeoPackage,
GeoParquet, CSV), and the diff of two incident outputs.

The writers and the diff need pandas, shapely and GDAL: they are imported on first use, so
that reading articles stays light.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geomap.io.ingest import Failure, iter_inputs, parse_date, read_articles, read_file

if TYPE_CHECKING:
    from geomap.io.diff import diff_files, diff_frames, read_incidents
    from geomap.io.export import (
        INCIDENT_FORMATS,
        write_csv,
        write_geojson,
        write_gpkg,
        write_incidents,
        write_parquet,
    )

__all__ = [
    "INCIDENT_FORMATS",
    "Failure",
    "diff_files",
    "diff_frames",
    "iter_inputs",
    "parse_date",
    "read_articles",
    "read_file",
    "read_incidents",
    "write_csv",
    "write_geojson",
    "write_gpkg",
    "write_incidents",
    "write_parquet",
]

_LAZY = {
    **dict.fromkeys(("diff_files", "diff_frames", "read_incidents"), "geomap.io.diff"),
    **dict.fromkeys(
        (
            "INCIDENT_FORMATS",
            "write_csv",
            "write_geojson",
            "write_gpkg",
            "write_incidents",
            "write_parquet",
        ),
        "geomap.io.export",
    ),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geomap.io' has no attribute {name!r}")
