"""The embedded gazetteer as a geopy geocoder: :class:`Offline`.

``geocode`` ranks a name's candidates by the resolver's context-free prior
(:func:`geomap.places.resolve.prior`), so "Paris" is Paris, France; "Name, Hint" prefers
the candidates in the country or first-level division the hint names ("Springfield,
Illinois"). ``reverse`` returns the town at a point. Both answer
:class:`geopy.location.Location` objects, so the geocoder works with
``geopandas.tools.geocode``, ``geopandas.tools.reverse_geocode`` and
``geopy.extra.rate_limiter.RateLimiter``, and never touches the network.

>>> from geomap.gazetteer import open_gazetteer
>>> geocoder = Offline(open_gazetteer())                  # doctest: +SKIP
>>> geocoder.geocode("Paris").address                      # doctest: +SKIP
'Paris, Île-de-France, France'
>>> geopandas.tools.geocode(["Kyiv"], provider=geocoder)   # doctest: +SKIP
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from geopy.exc import ConfigurationError
from geopy.geocoders.base import DEFAULT_SENTINEL, Geocoder
from geopy.location import Location
from geopy.point import Point

from geomap.gazetteer.base import Gazetteer
from geomap.geo import haversine_km
from geomap.models import Entry
from geomap.places.resolve import prior
from geomap.text.normalise import normalise

__all__ = ["Offline"]

#: A hint ("..., Illinois") counts when it names one of these kinds.
_HINT_KINDS = frozenset({"country", "admin1"})
#: Box radii (km) tried in turn by ``reverse`` until one holds a town.
_REVERSE_RADII_KM = (5.0, 25.0, 100.0, 400.0)


@runtime_checkable
class _Nearby(Protocol):
    """The optional spatial query ``reverse`` needs (``SqliteGazetteer.nearby``)."""

    def nearby(
        self, lat: float, lon: float, radius_km: float, kinds: Any = ("city",)
    ) -> list[Entry]: ...


def _reach_km(e: Entry) -> float:
    """How far a town's name reaches from its point: ~29 km for Paris, 1 km for a village."""
    return max(1.0, (e.population or 0) ** 0.5 / 50.0)


class Offline(Geocoder):
    """A geopy geocoder over the embedded gazetteer: offline, no rate limit, no API key.

    Parameters
    ----------
    gazetteer : the gazetteer to search (``geomap.gazetteer.open_gazetteer()``; the places
        layer may not open it itself).
    geometry : put the entry's shape in ``raw["geometry"]`` as GeoJSON (default True).
    timeout, user_agent : accepted for geopy compatibility; unused (nothing is requested).
    """

    def __init__(
        self,
        gazetteer: Gazetteer,
        *,
        geometry: bool = True,
        timeout: Any = DEFAULT_SENTINEL,
        user_agent: str | None = None,
    ) -> None:
        super().__init__(timeout=timeout, user_agent=user_agent or "geomap-offline")
        self.gazetteer = gazetteer
        self.with_geometry = geometry

    def __call__(self, **kwargs: Any) -> Offline:
        """geopandas builds its coder as ``provider(**kwargs)``: an instance returns itself
        (or a copy with ``kwargs`` applied), so ``provider=Offline(gaz)`` works too."""
        if not kwargs:
            return self
        kwargs.setdefault("geometry", self.with_geometry)
        return Offline(kwargs.pop("gazetteer", self.gazetteer), **kwargs)

    # ------------------------------------------------------------------ forward

    def geocode(
        self, query: str, *, exactly_one: bool = True, timeout: Any = None, **kwargs: Any
    ) -> Location | list[Location] | None:
        """The gazetteer's places called ``query``, best first (None when there are none).

        ``"Name, Hint"``: candidates inside the country or first-level division the hint
        names come first (the others follow); when the whole text is itself a name
        ("Washington, D.C."), that name wins.
        """
        ranked = self._rank(str(query))
        if not ranked:
            return None
        locations = [self._location(e, nt) for e, nt in ranked]
        return locations[0] if exactly_one else locations

    def _rank(self, query: str) -> list[tuple[Entry, str]]:
        key = normalise(query)
        if not key:
            return []
        whole = self._scored(key)
        head, sep, hint = key.rpartition(",")
        if not sep or not head.strip() or not hint.strip():
            return [(e, nt) for e, nt, _ in whole]
        heads = self._scored(head.strip())
        hints = self._hint_areas(hint.strip())
        if not heads or not hints:
            return [(e, nt) for e, nt, _ in whole or heads]

        def in_hint(e: Entry) -> int:
            if (e.country_code, e.admin1) in hints or (e.country_code, None) in hints:
                return 1
            return 0

        heads.sort(key=lambda t: (-in_hint(t[0]), -t[2], t[0].id))
        out = [(e, nt) for e, nt, _ in whole]
        seen = {e.id for e, _ in out}
        out += [(e, nt) for e, nt, _ in heads if e.id not in seen]
        return out

    def _scored(self, key: str) -> list[tuple[Entry, str, float]]:
        """A key's candidates, one per entry (its best name type), by prior, best first."""
        best: dict[str, tuple[Entry, str, float]] = {}
        for e, nt in self.gazetteer.lookup([key]).get(key, []):
            s = prior(e, nt)
            if e.id not in best or s > best[e.id][2]:
                best[e.id] = (e, nt, s)
        return sorted(best.values(), key=lambda t: (-t[2], t[0].id))

    def _hint_areas(self, hint: str) -> set[tuple[str | None, str | None]]:
        """(country, admin1 or None) of the countries and divisions a hint may name."""
        areas: set[tuple[str | None, str | None]] = set()
        for e, _nt, _s in self._scored(hint):
            if e.kind == "country" and e.country_code:
                areas.add((e.country_code, None))
            elif e.kind == "admin1" and e.country_code and e.admin1:
                areas.add((e.country_code, e.admin1))
        return areas

    # ------------------------------------------------------------------ reverse

    def reverse(
        self, query: Any, *, exactly_one: bool = True, timeout: Any = None, **kwargs: Any
    ) -> Location | list[Location] | None:
        """The town at ``query`` (a ``(lat, lon)`` pair, a geopy Point or ``"lat, lon"``).

        The towns around the point are ranked by their distance over their reach (a city's
        name reaches further than a village's), so a point in central Paris is Paris, not
        its arrondissement. None when no town lies within 400 km.
        """
        gaz = self.gazetteer
        if not isinstance(gaz, _Nearby):
            raise ConfigurationError(
                f"{type(gaz).__name__} has no nearby(): reverse needs the SQLite gazetteer"
            )
        point = query if isinstance(query, Point) else Point(query)
        lat, lon = point.latitude, point.longitude
        ranked: list[tuple[float, Entry]] = []
        for radius in _REVERSE_RADII_KM:
            towns = gaz.nearby(lat, lon, radius, ("city",))
            if towns:
                ranked = sorted(
                    ((haversine_km(lat, lon, e.lat, e.lon) / _reach_km(e), e) for e in towns),
                    key=lambda t: (t[0], t[1].id),
                )
                break
        if not ranked:
            return None
        locations = [self._location(e, "name", at=(lat, lon)) for _s, e in ranked[:10]]
        return locations[0] if exactly_one else locations

    # ----------------------------------------------------------------- building

    def _address(self, e: Entry) -> tuple[str, str | None, str | None]:
        gaz = self.gazetteer
        admin1 = country = None
        if e.country_code and e.kind != "country":
            c = gaz.country(e.country_code)
            country = c.name if c else None
            if e.admin1 and e.kind != "admin1":
                a = gaz.admin1(e.country_code, e.admin1)
                admin1 = a.name if a and a.name != e.name else None
        parts = [e.name, *(p for p in (admin1, country) if p)]
        return ", ".join(parts), admin1, country

    def _location(
        self, e: Entry, name_type: str, at: tuple[float, float] | None = None
    ) -> Location:
        address, admin1, country = self._address(e)
        raw: dict[str, Any] = {
            "id": e.id,
            "name": e.name,
            "kind": e.kind,
            "country_code": e.country_code,
            "country": country,
            "admin1_code": e.admin1,
            "admin1": admin1,
            "population": e.population,
            "name_type": name_type,
            "source": e.source,
        }
        if at is not None:
            raw["distance_km"] = round(haversine_km(at[0], at[1], e.lat, e.lon), 3)
        if self.with_geometry and e.has_geometry:
            import shapely.geometry

            geom = self.gazetteer.geometry(e.id)
            raw["geometry"] = shapely.geometry.mapping(geom) if geom is not None else None
        return Location(address, (e.lat, e.lon), raw)
