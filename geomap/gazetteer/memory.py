"""An in-memory gazetteer that keeps to the :class:`~geomap.gazetteer.base.Gazetteer` contract.

For custom place lists (a newsroom's own names, a project's sites) and for tests that
must run without building the embedded gazetteer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from geomap.gazetteer.base import Candidates, Gazetteer, choose_locality
from geomap.models import Entry
from geomap.text.normalise import normalise

__all__ = ["MemoryGazetteer"]


class MemoryGazetteer:
    """Entries with names, looked up by normalised key.

    Parameters
    ----------
    entries : iterable of ``(entry, names, geometry)``; ``names`` is a list of
        ``(name, name_type)`` with name_type "name", "alt" or "abbr"; the entry's own
        name is always added. ``geometry`` may be None (a point is made from lat/lon).
    Entries of kind ``locality`` are held apart: :meth:`localities` finds them (for keys
    no other entry names), :meth:`lookup` never does.
    """

    path = None

    def __init__(self, entries: Iterable[tuple[Entry, list[tuple[str, str]], Any]]) -> None:
        self._by_key: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
        self._by_id: dict[str, Entry] = {}
        self._geom: dict[str, Any] = {}
        self._local: dict[str, list[tuple[Entry, str]]] = defaultdict(list)
        for entry, names, geom in entries:
            if (geom is not None) != entry.has_geometry:
                entry = replace(entry, has_geometry=geom is not None)
            self._by_id[entry.id] = entry
            self._geom[entry.id] = geom
            seen = set()
            for name, nt in [(entry.name, "name"), *names]:
                key = normalise(name)
                if key not in seen:
                    seen.add(key)
                    table = self._local if entry.kind == "locality" else self._by_key
                    table[key].append((entry, nt))

    def lookup(self, keys: Iterable[str]) -> Candidates:
        return {k: list(self._by_key[k]) for k in keys if k in self._by_key}

    def localities(self, keys: Iterable[str]) -> Candidates:
        return {
            k: sorted(self._local[k], key=lambda t: t[0].id)
            for k in keys
            if k in self._local and k not in self._by_key
        }

    def locality(
        self, key: str, near: Entry | None, countries: frozenset[str] = frozenset()
    ) -> Entry | None:
        cands = [e for e, _ in self.localities([key]).get(key, [])]
        return choose_locality(cands, near, countries)

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    def country(self, iso2: str) -> Entry | None:
        return next(
            (e for e in self._by_id.values() if e.kind == "country" and e.country_code == iso2),
            None,
        )

    def admin1(self, iso2: str, admin1_code: str) -> Entry | None:
        return next(
            (
                e
                for e in self._by_id.values()
                if e.kind == "admin1" and e.country_code == iso2 and e.admin1 == admin1_code
            ),
            None,
        )

    def geometry(self, entry_id: str) -> Any:
        from shapely.geometry import Point

        geom = self._geom.get(entry_id)
        if geom is None:
            e = self._by_id[entry_id]
            geom = Point(e.lon, e.lat)
        return geom

    def contains(self, container_id: str, lon: float, lat: float) -> bool:
        from shapely.geometry import Point

        geom = self._geom.get(container_id)
        return bool(geom is not None and geom.contains(Point(lon, lat)))

    def meta(self) -> dict[str, Any]:
        return {"entries": len(self._by_id), "source": "memory"}

    def close(self) -> None:
        pass


if TYPE_CHECKING:  # mypy checks that the class keeps to the contract
    _contract: type[Gazetteer] = MemoryGazetteer
