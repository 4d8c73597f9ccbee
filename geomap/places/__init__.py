"""Places: recognise the mentions of a text, resolve them against the gazetteer."""

from geomap.places.find import Demonyms, FoundPlaces, find_places, toponym_record
from geomap.places.recognise import Recognition, recognise
from geomap.places.resolve import Resolution, precision_of, resolve
from geomap.places.spans import resolve_spans

__all__ = [
    "Demonyms",
    "FoundPlaces",
    "Recognition",
    "Resolution",
    "find_places",
    "precision_of",
    "recognise",
    "resolve",
    "resolve_spans",
    "toponym_record",
]
