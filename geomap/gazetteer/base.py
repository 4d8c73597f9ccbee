"""The gazetteer contract: what the stages may ask of a gazetteer, and nothing more.

The SQLite gazetteer (:class:`geomap.gazetteer.SqliteGazetteer`) and the in-memory one
(:class:`geomap.gazetteer.MemoryGazetteer`) implement it; the stages (``places``,
``incidents``) see a gazetteer only through this Protocol.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from geomap.geo import haversine_km
from geomap.models import Entry

__all__ = ["LOCALITY_KM", "LOCALITY_STATE_KM", "Candidates", "Gazetteer", "choose_locality"]

#: normalised key -> [(entry, name type: "name" | "alt" | "abbr"), ...]
Candidates = dict[str, list[tuple[Entry, str]]]

#: a locality is taken for a local name only this close to the town or county the text puts
#: it in (a state: ``LOCALITY_STATE_KM``); in a country, only the country's one locality of
#: that name
LOCALITY_KM = 150.0
LOCALITY_STATE_KM = 500.0


def choose_locality(
    localities: list[Entry], near: Entry | None, countries: frozenset[str] = frozenset()
) -> Entry | None:
    """The locality a local name ("near Kailenge") is, given the place the resolver put it in
    (its container or the article's main place, ``near``): the nearest of that place's country
    within :data:`LOCALITY_KM` of a town or county (:data:`LOCALITY_STATE_KM` of a state); for
    a country or a larger area, the country's only locality of the name. When the text gives
    no place to put the name in, the name's only locality in the world, if it lies in one of
    the article's ``countries`` (the countries of its resolved places) or the article has none.
    None when no locality fits (namesakes are left unplaced)."""
    if near is None:
        if len(localities) != 1:
            return None
        only = localities[0]
        return only if not countries or only.country_code in countries else None
    same = [e for e in localities if not near.country_code or e.country_code == near.country_code]
    if near.kind not in ("city", "admin3", "admin2", "admin1"):
        return same[0] if len(same) == 1 and near.country_code else None
    max_km = LOCALITY_STATE_KM if near.kind == "admin1" else LOCALITY_KM
    best: tuple[float, Entry] | None = None
    for e in same:
        d = haversine_km(near.lat, near.lon, e.lat, e.lon)
        if d <= max_km and (best is None or d < best[0]):
            best = (d, e)
    return best[1] if best else None


@runtime_checkable
class Gazetteer(Protocol):
    """Look places up by normalised name, by id, by country; shapes and containment."""

    def lookup(self, keys: Iterable[str]) -> Candidates:
        """Candidates of every key (keys without any are left out)."""
        ...

    def localities(self, keys: Iterable[str]) -> Candidates:
        """Villages and suburbs (kind ``locality``) for keys no other entry names. Not part of
        :meth:`lookup`, so never evidence that a word is a place: only for names the text
        marks as places by their context."""
        ...

    def locality(
        self, key: str, near: Entry | None, countries: frozenset[str] = frozenset()
    ) -> Entry | None:
        """The locality named ``key`` that lies near ``near``, in the article whose resolved
        places lie in ``countries`` (see :func:`choose_locality`)."""
        ...

    def get(self, entry_id: str) -> Entry | None:
        """The entry with ``entry_id``."""
        ...

    def country(self, iso2: str) -> Entry | None:
        """The country with ISO 3166-1 alpha-2 code ``iso2``."""
        ...

    def admin1(self, iso2: str, admin1_code: str) -> Entry | None:
        """The first-level division ``admin1_code`` of country ``iso2``."""
        ...

    def geometry(self, entry_id: str) -> Any:
        """The shapely geometry of ``entry_id`` (None for a point-only entry)."""
        ...

    def contains(self, container_id: str, lon: float, lat: float) -> bool:
        """Whether the shape of ``container_id`` holds the point (lon, lat)."""
        ...

    def meta(self) -> dict[str, Any]:
        """Build metadata: version, sources, counts."""
        ...
