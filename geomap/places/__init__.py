"""Places: recognise the mentions of a text, resolve them against the gazetteer."""

from typing import TYPE_CHECKING, Any

from geomap.places.find import Demonyms, FoundPlaces, find_places, toponym_record
from geomap.places.recognise import Recognition, recognise
from geomap.places.resolve import Resolution, precision_of, resolve
from geomap.places.spans import resolve_spans

__all__ = [
    "Demonyms",
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
    from geomap.places.geocoder import Offline


def __getattr__(name: str) -> Any:
    """``Offline`` (the geopy geocoder) is imported on first use: geopy stays unloaded."""
    if name == "Offline":
        from geomap.places.geocoder import Offline

        return Offline
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
