"""geomap: news articles -> places and incidents -> offline layered maps and exports.

>>> import geomap
>>> res = geomap.parse("Diplomats met in Bali, Indonesia.")  # doctest: +SKIP
>>> res.places[["mention", "name", "kind"]]  # doctest: +SKIP

The face: :func:`parse`, :class:`Pipeline`, :class:`Result`, :func:`read_articles`,
:func:`places_of`, :func:`incidents_of`, :func:`render_map`, :func:`write_geojson`,
:func:`write_incidents`, :func:`countries`, the value types and the errors. The renderers and
writers (folium, GDAL) are imported when first used, so ``import geomap`` stays light.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

from geomap.errors import (
    CorpusError,
    ExportError,
    GazetteerError,
    GeomapError,
    InputError,
    ResourceError,
    UsageError,
)
from geomap.io.ingest import Failure, read_articles
from geomap.models import Actor, Article, Entry, Incident, Mention, Place
from geomap.pipeline import Pipeline, Result, incidents_of, parse, places_of, toponyms

if TYPE_CHECKING:
    from geomap.io.export import write_geojson, write_incidents
    from geomap.render import render_map
    from geomap.render.basemap import countries

__all__ = [
    "Actor",
    "Article",
    "CorpusError",
    "Entry",
    "ExportError",
    "Failure",
    "GazetteerError",
    "GeomapError",
    "Incident",
    "InputError",
    "Mention",
    "Pipeline",
    "Place",
    "ResourceError",
    "Result",
    "UsageError",
    "__version__",
    "countries",
    "incidents_of",
    "parse",
    "places_of",
    "read_articles",
    "render_map",
    "toponyms",
    "write_geojson",
    "write_incidents",
]

#: names of the face imported on first use: name -> module
_LAZY = {
    "render_map": "geomap.render",
    "countries": "geomap.render.basemap",
    "write_geojson": "geomap.io.export",
    "write_incidents": "geomap.io.export",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'geomap' has no attribute {name!r}")
