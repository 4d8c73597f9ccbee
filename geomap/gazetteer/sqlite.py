"""The SQLite gazetteer: read-only lookups in the file the build writes.

Light to import (sqlite3 only); shapely is imported on the first call of
:meth:`SqliteGazetteer.geometry` or :meth:`SqliteGazetteer.contains`. Opening (and building)
the cached file is :func:`geomap.gazetteer.open_gazetteer`.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import GazetteerError
from geomap.gazetteer.base import Candidates, Gazetteer, choose_locality
from geomap.models import Entry

__all__ = ["SqliteGazetteer"]

_CHUNK = 900  # keys per SELECT (below SQLite's limit of bound parameters)
_LOOKUP_CACHE = 200_000  # keys (found or not) kept in memory between lookups
_COLS = (
    "e.rid, e.id, e.name, e.kind, e.lat, e.lon, e.cc, e.admin1, e.population, "
    "e.geonameid, e.fcode, e.source, e.has_geom"
)
_NTYPE_RANK = {"name": 0, "alt": 1, "abbr": 2}


class SqliteGazetteer:
    """Read-only access to the gazetteer SQLite file. Not thread-safe (one per thread)."""

    def __init__(self, con: sqlite3.Connection, path: Path):
        self._con = con
        self.path = path
        self._entries: dict[int, Entry] = {}
        self._lookups: Candidates = {}
        self._geoms: dict[str, Any] = {}
        self._prepared: dict[str, Any] = {}
        self._local: bool | None = None

    @classmethod
    def open(cls, path: str | Path) -> SqliteGazetteer:
        """Open the gazetteer file at ``path`` (it must exist: see ``open_gazetteer``)."""
        p = Path(path)
        try:
            con = sqlite3.connect(f"file:{p}?mode=ro", uri=True, check_same_thread=False)
            con.execute("SELECT value FROM meta WHERE key='build_version'").fetchone()
        except sqlite3.Error as exc:
            raise GazetteerError(f"cannot open the gazetteer at {p}: {exc}") from exc
        return cls(con, p)

    # ------------------------------------------------------------------ entries

    def _entry(self, row: tuple[Any, ...]) -> Entry:
        rid = row[0]
        e = self._entries.get(rid)
        if e is None:
            e = Entry(
                id=row[1],
                name=row[2],
                kind=row[3],
                lat=row[4],
                lon=row[5],
                country_code=row[6],
                admin1=row[7],
                population=row[8] or 0,
                geonameid=row[9],
                fcode=row[10],
                source=row[11],
                has_geometry=bool(row[12]),
            )
            self._entries[rid] = e
        return e

    def lookup(self, keys: Iterable[str]) -> Candidates:
        """Entries for already-normalised keys; keys not found are left out.

        Each value lists ``(entry, name_type)`` with name_type "name", "alt" or "abbr",
        sorted by name type then population (largest first).
        """
        cache = self._lookups
        out: Candidates = {}
        uniq = []
        for k in dict.fromkeys(k for k in keys if k):
            hit = cache.get(k)
            if hit is None:
                uniq.append(k)
            elif hit:
                out[k] = hit
        if not uniq:
            return out
        if len(cache) > _LOOKUP_CACHE:
            cache.clear()
        found: Candidates = {}
        for i in range(0, len(uniq), _CHUNK):
            chunk = uniq[i : i + _CHUNK]
            sql = (
                f"SELECT n.key, n.ntype, {_COLS} FROM names n JOIN entries e ON e.rid = n.rid "
                f"WHERE n.key IN ({','.join('?' * len(chunk))})"
            )
            for row in self._con.execute(sql, chunk):
                found.setdefault(row[0], []).append((self._entry(row[2:]), row[1]))
        for v in found.values():
            v.sort(key=lambda t: (_NTYPE_RANK.get(t[1], 3), -t[0].population, t[0].id))
        for k in uniq:  # misses are cached too: most capitalised words are not places
            cache[k] = found.get(k, [])
        out.update(found)
        return out

    def localities(self, keys: Iterable[str]) -> Candidates:
        """Localities (villages, suburbs: kind ``locality``) for already-normalised keys that
        no other entry names; keys without any are left out. Never part of :meth:`lookup`:
        a locality is no evidence that a word is a place; it only places a name the text
        already marks as one ("in X", "the village of X"). Values as in :meth:`lookup`
        (name type "name"), sorted by entry id."""
        uniq = [k for k in dict.fromkeys(keys) if k]
        out: Candidates = {}
        if not uniq or not self._has_local_names():
            return out
        for i in range(0, len(uniq), _CHUNK):
            chunk = uniq[i : i + _CHUNK]
            marks = ",".join("?" * len(chunk))
            sql = (
                f"SELECT n.key, {_COLS} FROM local_names n JOIN entries e ON e.rid = n.rid "
                f"WHERE n.key IN ({marks}) AND n.key NOT IN "
                f"(SELECT key FROM names WHERE key IN ({marks})) ORDER BY n.key, e.id"
            )
            for row in self._con.execute(sql, chunk + chunk):
                out.setdefault(row[0], []).append((self._entry(row[1:]), "name"))
        return out

    def locality(
        self, key: str, near: Entry | None, countries: frozenset[str] = frozenset()
    ) -> Entry | None:
        cands = [e for e, _ in self.localities([key]).get(key, [])]
        return choose_locality(cands, near, countries)

    def _has_local_names(self) -> bool:
        if self._local is None:
            row = self._con.execute(
                "SELECT 1 FROM sqlite_master WHERE type='table' AND name='local_names'"
            ).fetchone()
            self._local = row is not None
        return self._local

    def get(self, entry_id: str) -> Entry | None:
        row = self._con.execute(
            f"SELECT {_COLS} FROM entries e WHERE e.id = ?", (entry_id,)
        ).fetchone()
        return self._entry(row) if row else None

    def country(self, iso2: str) -> Entry | None:
        row = self._con.execute(
            f"SELECT {_COLS} FROM entries e WHERE e.kind = 'country' AND e.cc = ? "
            "ORDER BY e.population DESC LIMIT 1",
            (iso2.upper(),),
        ).fetchone()
        return self._entry(row) if row else None

    def admin1(self, iso2: str, admin1_code: str) -> Entry | None:
        row = self._con.execute(
            f"SELECT {_COLS} FROM entries e WHERE e.kind = 'admin1' AND e.cc = ? AND e.admin1 = ? "
            "LIMIT 1",
            (iso2.upper(), admin1_code),
        ).fetchone()
        return self._entry(row) if row else None

    def nearby(
        self, lat: float, lon: float, radius_km: float, kinds: Iterable[str] = ("city",)
    ) -> list[Entry]:
        """Entries of ``kinds`` whose point lies in the box of ``radius_km`` around (lat, lon).

        A bounding-box scan (not clipped at the poles, not wrapped at the antimeridian);
        the caller ranks by distance.
        """
        import math

        kinds = list(kinds)
        dlat = radius_km / 111.2
        dlon = radius_km / (111.2 * max(math.cos(math.radians(lat)), 0.01))
        sql = (
            f"SELECT {_COLS} FROM entries e WHERE e.kind IN ({','.join('?' * len(kinds))}) "
            "AND e.lat BETWEEN ? AND ? AND e.lon BETWEEN ? AND ?"
        )
        args = (*kinds, lat - dlat, lat + dlat, lon - dlon, lon + dlon)
        return [self._entry(row) for row in self._con.execute(sql, args)]

    # ---------------------------------------------------------------- geometry

    def geometry(self, entry_id: str) -> Any:
        """Shapely geometry (EPSG:4326 lon/lat) of an entry; a Point if none is stored.

        Returns None for an unknown id. Cached.
        """
        if entry_id in self._geoms:
            return self._geoms[entry_id]
        import shapely

        row = self._con.execute(
            "SELECT e.lat, e.lon, g.wkb FROM entries e LEFT JOIN geoms g ON g.rid = e.rid "
            "WHERE e.id = ?",
            (entry_id,),
        ).fetchone()
        if row is None:
            return None
        geom = shapely.from_wkb(row[2]) if row[2] is not None else shapely.Point(row[1], row[0])
        self._geoms[entry_id] = geom
        return geom

    def contains(self, container_id: str, lon: float, lat: float) -> bool:
        """Is the point (lon, lat) inside (or on) the container's geometry?"""
        prep = self._prepared.get(container_id)
        if prep is None:
            import shapely

            geom = self.geometry(container_id)
            if geom is None:
                return False
            shapely.prepare(geom)
            prep = self._prepared[container_id] = geom
        import shapely

        return bool(shapely.intersects_xy(prep, lon, lat))

    # -------------------------------------------------------------------- misc

    def meta(self) -> dict[str, Any]:
        rows = self._con.execute("SELECT key, value FROM meta").fetchall()
        out: dict[str, Any] = {k: json.loads(v) for k, v in rows}
        out["path"] = str(self.path)
        with contextlib.suppress(OSError):
            out["size_bytes"] = self.path.stat().st_size
        return out

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> SqliteGazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


if TYPE_CHECKING:  # mypy checks that the class keeps to the contract
    _contract: type[Gazetteer] = SqliteGazetteer
