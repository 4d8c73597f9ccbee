"""The embedded Natural Earth country basemap (built by scripts/make_basemap.py)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from geomap.render.offline import OfflineAssetError

__all__ = ["BASEMAP_ATTRIBUTION", "load_basemap"]

BASEMAP_FILE = "basemap_countries.geojson"
BASEMAP_ATTRIBUTION = "Basemap: Made with Natural Earth (public domain)"


@cache
def _load_text() -> str:
    node = resources.files("geomap").joinpath("resources", BASEMAP_FILE)
    try:
        return node.read_text(encoding="utf-8")
    except FileNotFoundError as err:
        raise OfflineAssetError(
            f"geomap/resources/{BASEMAP_FILE} is missing; run scripts/make_basemap.py"
        ) from err


def load_basemap() -> dict[str, Any]:
    """Return the basemap FeatureCollection (a fresh copy each call)."""
    data: dict[str, Any] = json.loads(_load_text())
    return {"type": "FeatureCollection", "features": data["features"]}
