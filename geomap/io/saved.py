"""Read back what geomap wrote (incidents and places as GeoParquet, GeoJSON or GeoPackage, or
a ``geomap batch`` folder), so that ``geomap map`` and ``geomap extract`` map or convert a
saved run without parsing the articles again.

>>> saved = read_saved(["out/incidents.parquet"])  # doctest: +SKIP
>>> saved.incidents, saved.places                   # doctest: +SKIP
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap.errors import InputError, first_line
from geomap.io.ingest import Failure

__all__ = [
    "SAVED_SUFFIXES",
    "Saved",
    "is_saved",
    "read_saved",
    "read_saved_file",
    "read_saved_inputs",
]

#: files with these extensions are read as saved outputs, not as articles
SAVED_SUFFIXES = (".parquet", ".geoparquet", ".geojson", ".gpkg")

#: the files of a ``geomap batch`` folder that are read back
BATCH_FILES = ("incidents.parquet", "places.parquet")


def is_saved(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` is an output geomap writes (by extension), or a batch folder (a URL
    or ``-`` never is)."""
    if "://" in str(path) or str(path) == "-":
        return False
    p = Path(path)
    if p.is_dir():
        return (p / "summary.json").is_file() and any((p / f).is_file() for f in BATCH_FILES)
    return p.suffix.lower() in SAVED_SUFFIXES


@dataclass
class Saved:
    """The frames read back: incident frames (each already merged) and place frames."""

    incidents: list[Any] = field(default_factory=list)
    places: list[Any] = field(default_factory=list)
    articles: set[str] = field(default_factory=set)

    def places_with(self, parsed: Any) -> Any:
        """The saved place mentions and ``parsed`` (a places frame) as one frame."""
        frames = [f for f in [*self.places, parsed] if len(f)]
        if len(frames) <= 1:
            return frames[0] if frames else parsed
        import geopandas as gpd
        import pandas as pd

        return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), crs="EPSG:4326")

    def incidents_with(self, parsed: list[Any]) -> Any:
        """The saved incidents and the ``parsed`` incidents (:class:`geomap.models.Incident`
        objects), merged across articles; one saved frame alone is returned as it is (it was
        merged when it was written)."""
        from geomap.frame import incident_records, merge_incident_frames

        frames = [f for f in self.incidents if len(f)]
        if len(frames) == 1 and not parsed:
            return frames[0]
        return merge_incident_frames(frames, incident_records(parsed))


def _kind(gdf: Any) -> str | None:
    cols = set(gdf.columns)
    if {"id", "member_ids", "category"} <= cols:
        return "incidents"
    if {"entry_id", "mention", "role"} <= cols:
        return "places"
    return None


def _restore(gdf: Any, kind: str) -> Any:
    """The frame in geomap's schema again: the columns a reader turned into dates, numbers
    or missing values are given back their written form."""
    import pandas as pd

    from geomap.frame import INCIDENT_COLUMNS, PLACE_COLUMNS

    columns = INCIDENT_COLUMNS if kind == "incidents" else PLACE_COLUMNS
    gdf = gdf.copy()
    for col in gdf.columns:
        if col == gdf.geometry.name:
            continue
        s = gdf[col]
        if pd.api.types.is_datetime64_any_dtype(s.dtype):
            gdf[col] = pd.array(
                [None if pd.isna(v) else v.date().isoformat() for v in s], dtype=object
            )
    for col in columns:
        if col not in gdf.columns and col != "geometry":
            gdf[col] = None
    if kind == "incidents":
        for col in ("actors", "sources", "member_ids"):
            gdf[col] = gdf[col].where(gdf[col].notna(), "[]")
    return gdf


def read_saved_file(path: str | os.PathLike[str]) -> tuple[str, Any]:
    """``(kind, frame)`` of one saved file: kind ``incidents`` or ``places``."""
    import geopandas as gpd

    p = Path(path)
    if not p.is_file():
        raise InputError("no such file", source=str(p))
    suffix = p.suffix.lower()
    try:
        if suffix in (".parquet", ".geoparquet"):
            gdf = gpd.read_parquet(p)
        elif suffix == ".gpkg":
            import pyogrio

            layers = [str(name) for name, _ in pyogrio.list_layers(p)]
            layer = "incidents" if "incidents" in layers else layers[0]
            gdf = gpd.read_file(p, layer=layer, engine="pyogrio")
        else:
            gdf = gpd.read_file(p, engine="pyogrio")
    except (OSError, ValueError, RuntimeError, IndexError) as err:
        detail = first_line(err)
        raise InputError(f"cannot read as a geomap output: {detail}", source=str(p)) from err
    kind = _kind(gdf)
    if kind is None:
        raise InputError(
            "not an incidents or places output written by geomap (missing columns)",
            source=str(p),
        )
    if gdf.crs is None:
        gdf = gdf.set_crs("EPSG:4326")
    return kind, _restore(gdf, kind)


def read_saved(paths: Iterable[str | os.PathLike[str]]) -> Saved:
    """Read every saved output of ``paths`` (files or batch folders); InputError on the first
    that cannot be read (see :func:`read_saved_inputs` to list them instead)."""
    return read_saved_inputs(paths, None)


def read_saved_inputs(
    paths: Iterable[str | os.PathLike[str]],
    failures: list[Failure] | None,
    *,
    kinds: tuple[str, ...] = ("incidents", "places"),
) -> Saved:
    """Like :func:`read_saved`, but a file that cannot be read is appended to ``failures``
    (when given) and the others are still read. Only outputs of ``kinds`` are kept (of a batch
    folder, only their files are read)."""
    saved = Saved()
    for path in paths:
        p = Path(path)
        names = [f"{k}.parquet" for k in kinds]
        files = [p / f for f in names if (p / f).is_file()] if p.is_dir() else [p]
        for f in files:
            try:
                kind, gdf = read_saved_file(f)
            except InputError as err:
                if failures is None:
                    raise
                failures.append(Failure(err.source or str(f), err.line, err.reason))
                continue
            if kind not in kinds:
                if failures is None:
                    raise InputError(f"holds {kind}, not {' or '.join(kinds)}", source=str(f))
                failures.append(Failure(str(f), None, f"holds {kind}, not {' or '.join(kinds)}"))
                continue
            if len(gdf):
                getattr(saved, kind).append(gdf)
                saved.articles.update(str(a) for a in gdf["article_id"].dropna())
    return saved
