"""Plain, frozen value types handed from one pipeline stage to the next.

The flow is one way::

    Article --recognise--> Mention[] --resolve--> Place[] --incidents--> Incident[]
            --frame--> GeoDataFrame --render/export

Nothing here imports shapely, geopandas or folium: geometries travel as shapely objects
typed ``Any`` so that the recognition path stays light to import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from geomap.kinds import LOCAL_CUES as _LOCAL_CUES

#: Feature kinds used across gazetteer, places frame and map layers.
#: country, admin1 (state/province), admin2, city (populated place), region (multi-country
#: region such as "Southeast Asia"), continent, sea, strait, bay, gulf, ocean, channel,
#: island, archipelago, line (e.g. a median line), zone, reef, landmark, airport.
Kind = str

Role = Literal["literal", "associative", "demonym"]


@dataclass(frozen=True, slots=True)
class Article:
    """One input document. ``id`` is stable: derived from the path or the corpus id."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: date | None = None
    source: str | None = None  # file path or corpus path[:line]
    site: str | None = None  # the publication's name (from a web page's metadata)
    author: str | None = None  # the byline (from a web page's metadata)


#: re-exported: the mention cues of local names (see :mod:`geomap.kinds`)
LOCAL_CUES = _LOCAL_CUES


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of text that names (or alludes to) a place.

    ``text`` is the article text exactly as written between ``start`` and ``end``.
    ``key`` is the normalised lookup key (see :func:`geomap.text.normalise`).
    ``role`` separates literal place mentions from associative uses ("Washington said")
    and demonyms ("Chinese"), which give country context but are not drawn as places.
    ``hint`` carries context found by the recogniser: e.g. the container of "X, Y".
    """

    start: int
    end: int
    text: str
    key: str
    role: Role = "literal"
    hint: str | None = None
    cue: str | None = None  # the contextual cue that supported it ("in", "city of" ...)


@dataclass(frozen=True, slots=True)
class Entry:
    """One gazetteer entry (a place that can be resolved to)."""

    id: str  # stable: "gn:1650535", "ne:marine:south-china-sea", "geomap:taiwan-strait-median-line"
    name: str
    kind: Kind
    lat: float
    lon: float
    country_code: str | None = None
    admin1: str | None = None
    population: int = 0
    geonameid: int | None = None
    fcode: str | None = None
    source: str = ""
    has_geometry: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A mention resolved to a gazetteer entry (or left unresolved: ``entry is None``)."""

    mention: Mention
    entry: Entry | None
    score: float
    precision: int  # 1-7 scale, see README.md, "Location precision"
    sentence: str
    sentence_start: int
    sentence_end: int
    geometry: Any = None  # shapely geometry (point, line, polygon), EPSG:4326 lon/lat
    # names of the administrative units the place lies in (None where unknown): the country,
    # its first-level division (state, province), its second-level division (county, district)
    country: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    # why the name is not resolved as itself (None when it is): "not in gazetteer", or "not in
    # gazetteer: placed in X" for a local name put in the town or country the text puts it in
    reason: str | None = None
    # what resolved it: None for the gazetteer, else the fallback geocoder's service name
    geocoder: str | None = None


@dataclass(frozen=True, slots=True)
class Actor:
    name: str
    kind: Literal["country", "organisation", "person", "group"]
    country_code: str | None = None


@dataclass(frozen=True, slots=True)
class Incident:
    """An event reported by an article: who did what, where and when."""

    id: str
    article_id: str
    category: str
    domain: str
    title: str
    sentence: str
    sentence_start: int
    sentence_end: int
    trigger: str
    actors: tuple[Actor, ...] = ()
    start: date | None = None
    end: date | None = None
    time_precision: str = "unknown"  # day, week, month, year, unknown
    modality: str = "asserted"  # asserted, future, hypothetical
    place: Place | None = None
    geo_precision: int = 7
    confidence: float = 0.5
    sources: tuple[dict[str, Any], ...] = field(default_factory=tuple)
    # the category's codes in the event ontologies ("" when none), filled by the incident stage
    plover_event: str = ""  # PLOVER event: CONSULT, ACCUSE, MOBILIZE ...
    cameo_root: str = ""  # CAMEO root code: "04", "15" ...
    quad_class: str = ""  # verbal/material cooperation/conflict
    # ACLED's event type and sub-event type ("" when the event is neither political violence
    # nor a demonstration: a flood, an accident)
    acled_event_type: str = ""
    acled_sub_event_type: str = ""
    # casualties the sentence reports as numbers (None: no number given)
    fatalities: int | None = None
    injured: int | None = None
    casualties_at_least: bool = False  # a count was a lower bound ("at least 23")
