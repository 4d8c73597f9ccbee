"""Offline HTML maps of places and incidents (folium + vendored Leaflet, no CDN)."""

from geomap.render.map import DEFAULT_ATTRIBUTION, build_map, render_html, render_map
from geomap.render.offline import OfflineAssetError, assert_offline, inline_assets

__all__ = [
    "DEFAULT_ATTRIBUTION",
    "OfflineAssetError",
    "assert_offline",
    "build_map",
    "inline_assets",
    "render_html",
    "render_map",
]
