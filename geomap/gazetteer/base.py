"""The gazetteer contract: what the stages may ask of a gazetteer, and nothing more.

The SQLite gazetteer (:class:`geomap.gazetteer.SqliteGazetteer`) and the in-memory one
(:class:`geomap.gazetteer.MemoryGazetteer`) implement it; the stages (``places``,
``incidents``) see a gazetteer only through this Protocol.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol, runtime_checkable

from geomap.models import Entry

__all__ = ["Candidates", "Gazetteer"]

#: normalised key -> [(entry, name type: "name" | "alt" | "abbr"), ...]
Candidates = dict[str, list[tuple[Entry, str]]]


@runtime_checkable
class Gazetteer(Protocol):
    """Look places up by normalised name, by id, by country; shapes and containment."""

    def lookup(self, keys: Iterable[str]) -> Candidates:
        """Candidates of every key (keys without any are left out)."""
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
