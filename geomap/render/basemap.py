"""The embedded Natural Earth country basemap (built by scripts/make_basemap.py)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from geomap.render.packing import Packed
from geomap.resources import read_text

__all__ = ["BASEMAP_ATTRIBUTION", "countries", "load_basemap", "packed_basemap"]

BASEMAP_FILE = "basemap_countries.geojson"
BASEMAP_ATTRIBUTION = "Basemap: Made with Natural Earth (public domain)"


def load_basemap() -> dict[str, Any]:
    """Return the basemap FeatureCollection (a fresh copy each call)."""
    data: dict[str, Any] = json.loads(read_text(BASEMAP_FILE))
    return {"type": "FeatureCollection", "features": data["features"]}


@cache
def packed_basemap() -> Packed:
    """The basemap LZMA-packed for the page (once per process): 538 KB of GeoJSON in 136 KB,
    read back in ~20 ms by the page (every map carries it)."""
    return Packed.of(load_basemap())


def countries() -> Any:
    """The basemap's countries as a GeoDataFrame (EPSG:4326: ``name``, ``iso_a2``, geometry),
    e.g. for spatial joins."""
    import geopandas as gpd

    return gpd.GeoDataFrame.from_features(load_basemap()["features"], crs="EPSG:4326")
