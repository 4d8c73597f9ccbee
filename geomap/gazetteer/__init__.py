"""The embedded offline gazetteer.

A SQLite file built once from installed packages plus the curated data in data/gazetteer/
(see :mod:`geomap.gazetteer.build`) and cached in ``$GEOMAP_CACHE`` (default
``~/.cache/geomap/``). Importing this module is light: sqlite3 only; shapely is imported
lazily by :meth:`SqliteGazetteer.geometry`.

>>> gaz = open_gazetteer()                       # doctest: +SKIP
>>> gaz.lookup([normalise("the South China Sea")])  # doctest: +SKIP
{'south china sea': [(Entry(id='ne:marine:south-china-sea', ...), 'name')]}
"""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sqlite3
import threading
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.gazetteer.base import Candidates, Gazetteer
from geomap.models import Entry
from geomap.resources import attribution
from geomap.text.normalise import normalise

__all__ = [
    "ATTRIBUTION",
    "ATTRIBUTION_HTML",
    "Candidates",
    "Gazetteer",
    "SqliteGazetteer",
    "default_path",
    "load_demonyms",
    "normalise",
    "open_gazetteer",
]

ATTRIBUTION = attribution.GAZETTEER
ATTRIBUTION_HTML = attribution.GAZETTEER_HTML

_CHUNK = 900
_LOOKUP_CACHE = 200_000  # keys (found or not) kept in memory between lookups
_COLS = "e.rid, e.id, e.name, e.kind, e.lat, e.lon, e.cc, e.admin1, e.population, " \
        "e.geonameid, e.fcode, e.source, e.has_geom"
_build_lock = threading.Lock()


def cache_dir() -> Path:
    env = os.environ.get("GEOMAP_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "geomap"


def default_path() -> Path:
    """Cache file for the current build logic and curated data (name carries the version)."""
    from geomap.gazetteer.build import BUILD_VERSION  # light: no heavy imports at module level

    return cache_dir() / f"gazetteer-v{BUILD_VERSION}-{_data_hash()}.sqlite"


@lru_cache(maxsize=1)
def _data_hash() -> str:
    from geomap.gazetteer.build import data_hash

    return data_hash()


def _build_locked(path: Path) -> None:
    """Build ``path`` unless another process did so while we waited for the lock."""
    from geomap.gazetteer.build import build

    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with _build_lock, open(lock_path, "a+b") as lock:
        try:
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - non-POSIX: rely on the atomic rename
            pass
        if not path.exists():
            build(path)
            _prune_old(path)


def _prune_old(current: Path) -> None:
    """Remove caches of earlier builds (other versions) beside ``current``."""
    for old in current.parent.glob("gazetteer-v*.sqlite*"):
        if old.name.startswith(current.name):
            continue
        with contextlib.suppress(OSError):
            old.unlink()


class SqliteGazetteer:
    """Read-only access to the gazetteer SQLite file. Not thread-safe (one per thread)."""

    def __init__(self, con: sqlite3.Connection, path: Path):
        self._con = con
        self.path = path
        self._entries: dict[int, Entry] = {}
        self._lookups: dict[str, list[tuple[Entry, str]]] = {}
        self._geoms: dict[str, Any] = {}
        self._prepared: dict[str, Any] = {}

    @classmethod
    def open(cls, path: str | Path | None = None, *, build: bool = True) -> SqliteGazetteer:
        """Open the gazetteer at ``path`` (default: the cache), building it first if missing."""
        p = Path(path) if path is not None else default_path()
        if not p.exists():
            if not build:
                raise GazetteerError(
                    f"gazetteer not found at {p}; run 'python -m geomap.gazetteer.build'")
            try:
                _build_locked(p)
            except GazetteerError:
                raise
            except Exception as exc:
                raise GazetteerError(f"cannot build the gazetteer at {p}: {exc}") from exc
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
            e = Entry(id=row[1], name=row[2], kind=row[3], lat=row[4], lon=row[5],
                      country_code=row[6], admin1=row[7], population=row[8] or 0,
                      geonameid=row[9], fcode=row[10], source=row[11],
                      has_geometry=bool(row[12]))
            self._entries[rid] = e
        return e

    def lookup(self, keys: Iterable[str]) -> dict[str, list[tuple[Entry, str]]]:
        """Entries for already-normalised keys; keys not found are left out.

        Each value lists ``(entry, name_type)`` with name_type "name", "alt" or "abbr",
        sorted by name type then population (largest first).
        """
        cache = self._lookups
        out: dict[str, list[tuple[Entry, str]]] = {}
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
        found: dict[str, list[tuple[Entry, str]]] = {}
        for i in range(0, len(uniq), _CHUNK):
            chunk = uniq[i:i + _CHUNK]
            sql = (f"SELECT n.key, n.ntype, {_COLS} FROM names n JOIN entries e ON e.rid = n.rid "
                   f"WHERE n.key IN ({','.join('?' * len(chunk))})")
            for row in self._con.execute(sql, chunk):
                found.setdefault(row[0], []).append((self._entry(row[2:]), row[1]))
        rank = {"name": 0, "alt": 1, "abbr": 2}
        for v in found.values():
            v.sort(key=lambda t: (rank.get(t[1], 3), -t[0].population, t[0].id))
        for k in uniq:  # misses are cached too: most capitalised words are not places
            cache[k] = found.get(k, [])
        out.update(found)
        return out

    def get(self, entry_id: str) -> Entry | None:
        row = self._con.execute(f"SELECT {_COLS} FROM entries e WHERE e.id = ?",
                                (entry_id,)).fetchone()
        return self._entry(row) if row else None

    def country(self, iso2: str) -> Entry | None:
        row = self._con.execute(
            f"SELECT {_COLS} FROM entries e WHERE e.kind = 'country' AND e.cc = ? "
            "ORDER BY e.population DESC LIMIT 1", (iso2.upper(),)).fetchone()
        return self._entry(row) if row else None

    def admin1(self, iso2: str, admin1_code: str) -> Entry | None:
        row = self._con.execute(
            f"SELECT {_COLS} FROM entries e WHERE e.kind = 'admin1' AND e.cc = ? AND e.admin1 = ? "
            "LIMIT 1", (iso2.upper(), admin1_code)).fetchone()
        return self._entry(row) if row else None

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
            "WHERE e.id = ?", (entry_id,)).fetchone()
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


@lru_cache(maxsize=1)
def _demonyms() -> dict[str, str]:
    text = resources.files("geomap").joinpath("resources", "demonyms.tsv").read_text("utf-8")
    out: dict[str, str] = {}
    lines = (ln for ln in text.splitlines() if ln.strip() and not ln.startswith("#"))
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        key = normalise(row["demonym"])
        if key and key not in out:
            out[key] = row["iso2"].strip().upper()
    return out


def load_demonyms() -> dict[str, str]:
    """Normalised demonym/adjective key -> ISO 3166-1 alpha-2 ("chinese" -> "CN")."""
    return dict(_demonyms())


def open_gazetteer(path: str | Path | None = None, *, build: bool = True) -> SqliteGazetteer:
    """Open the embedded SQLite gazetteer (building it into the cache first if needed)."""
    return SqliteGazetteer.open(path, build=build)
