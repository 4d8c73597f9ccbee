"""Context-free priors of gazetteer entries, and the precision of each kind.

The part of a candidate's score that owes nothing to the article (:func:`prior`: the kind, the
population, the kind of name matched), and the 1-7 precision scale of the README
(:func:`precision_of`); :mod:`geomap.places.resolve` adds the context.
"""

from __future__ import annotations

import math
from typing import Final, TypeVar

from geomap.kinds import Kind
from geomap.models import Entry

__all__ = ["PRECISION", "by_kind", "precision_of", "prior"]

_T = TypeVar("_T")


def by_kind(table: dict[Kind, _T]) -> dict[str, _T]:
    """A table keyed by feature kind (checked against :data:`geomap.kinds.Kind`), for
    lookups by an entry's kind."""
    return {kind: value for kind, value in table.items()}


#: Precision of each kind, on the scale of the README ("Location precision"): 1 exact site
#: (landmark, airport); 2 near a named place (reef); 3 city or district (city, admin3); 4
#: county, province or state (admin2, admin1); 5 island, archipelago, lake or river; 6 country,
#: continent or large region; 7 sea, strait, bay, gulf, ocean, channel, sound, passage, line or
#: zone. Other kinds count as 3 (see :func:`precision_of`).
PRECISION: Final = by_kind(
    {
        "landmark": 1,
        "airport": 1,
        "reef": 2,
        "city": 3,
        "admin3": 3,
        "admin2": 4,
        "admin1": 4,
        "island": 5,
        "archipelago": 5,
        "region": 6,
        "continent": 6,
        "country": 6,
        "sea": 7,
        "strait": 7,
        "bay": 7,
        "gulf": 7,
        "ocean": 7,
        "channel": 7,
        "sound": 7,
        "passage": 7,
        "line": 7,
        "zone": 7,
        "lake": 5,
        "river": 5,
        # physical features (Natural Earth): a peak, cape or waterfall is a point; ranges,
        # deserts, plains and parks are areas like islands; a disputed area like a region
        "mountain": 2,
        "cape": 2,
        "waterfall": 2,
        "range": 5,
        "desert": 5,
        "plateau": 5,
        "plain": 5,
        "valley": 5,
        "delta": 5,
        "coast": 5,
        "peninsula": 5,
        "park": 5,
        "disputed": 6,
    }
)
#: Prior of the kinds that do not score by population (towns and other kinds do).
_KIND_PRIOR: Final = by_kind(
    {
        "country": 5.0,
        "continent": 2.6,
        "ocean": 2.6,
        "sea": 2.4,
        "strait": 2.4,
        "gulf": 2.4,
        "bay": 2.2,
        "channel": 2.2,
        "line": 2.6,
        "region": 2.4,
        "archipelago": 2.2,
        "reef": 2.0,
        "admin1": 2.0,
        "admin2": 0.9,
        "island": 1.5,
        "zone": 2.0,
        # a national park, monument or protected area (Natural Earth's): as prominent as a
        # state, not a village of no people ("the White House" is the President's Park
        # before a town of 11,000 in Tennessee)
        "park": 2.0,
    }
)
#: Kinds whose prior grows a little with population.
_POPULOUS_KINDS: Final[frozenset[Kind]] = frozenset({"admin1", "admin2", "island"})
_NAME_PRIOR = {"name": 0.0, "alt": -0.35, "abbr": -0.1}


def _city_prior(e: Entry) -> float:
    p = math.log10(e.population + 10) * 0.42  # 1M -> 2.5, 10k -> 1.7, 500 -> 1.1
    code = e.fcode or ""
    if code == "PPLC":
        p += 1.4
    elif code in {"PPLA", "PPLG"}:
        p += 0.5
    elif code == "PPLA2":
        p += 0.2
    return p


def prior(e: Entry, name_type: str) -> float:
    """Context-free score of an entry for a name."""
    base = _KIND_PRIOR.get(e.kind)
    if base is None:
        base = _city_prior(e)
    elif e.kind in _POPULOUS_KINDS and e.population:
        base += min(math.log10(e.population + 10) * 0.12, 0.8)
    return base + _NAME_PRIOR.get(name_type, -0.3)


def precision_of(e: Entry | None) -> int:
    """The 1-7 precision of an entry's kind (7 when unknown)."""
    if e is None:
        return 7
    return PRECISION.get(e.kind, 3)
