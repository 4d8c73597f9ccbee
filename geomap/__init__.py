"""geomap: news articles -> places and incidents -> offline layered maps and exports."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("geomap")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

from geomap.errors import GazetteerError, GeomapError, InputError
from geomap.models import Article, Entry, Incident, Mention, Place
from geomap.pipeline import Pipeline, Result, parse, places_of, toponyms

__all__ = [
    "Article",
    "Entry",
    "GazetteerError",
    "GeomapError",
    "Incident",
    "InputError",
    "Mention",
    "Pipeline",
    "Place",
    "Result",
    "__version__",
    "parse",
    "places_of",
    "toponyms",
]
