"""Places: recognise the mentions of a text, resolve them against the gazetteer."""

from typing import TYPE_CHECKING, Any

from geomap.places.find import Demonyms, FoundPlaces, find_places, toponym_record
from geomap.places.recognise import Recognition, recognise
from geomap.places.resolve import Resolution, precision_of, resolve
from geomap.places.spans import resolve_spans

__all__ = [
    "Demonyms",
    "Fallback",
    "FoundPlaces",
    "Offline",
    "Recognition",
    "Resolution",
    "find_places",
    "precision_of",
    "recognise",
    "resolve",
    "resolve_spans",
    "toponym_record",
]

if TYPE_CHECKING:
    from geomap.places.fallback import Fallback
    from geomap.places.geocoder import Offline


def __getattr__(name: str) -> Any:
    """``Offline`` (the gazetteer as a geopy geocoder) and ``Fallback`` (an online geocoder
    behind a cache) are imported on first use: geopy stays unloaded."""
    if name == "Offline":
        from geomap.places.geocoder import Offline

        return Offline
    if name == "Fallback":
        from geomap.places.fallback import Fallback

        return Fallback
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
