"""The gazetteer file: its schema, and the writer that collects entries, names and shapes and
writes them in bulk."""

from __future__ import annotations

import collections
import contextlib
import json
import os
import re
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from geomap.errors import GazetteerError
from geomap.text.normalise import normalise

SCHEMA = """
CREATE TABLE entries (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    cc TEXT,
    admin1 TEXT,
    population INTEGER NOT NULL DEFAULT 0,
    geonameid INTEGER,
    fcode TEXT,
    source TEXT NOT NULL,
    has_geom INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE names (
    key TEXT NOT NULL,
    rid INTEGER NOT NULL,
    ntype TEXT NOT NULL,
    PRIMARY KEY (key, rid)
) WITHOUT ROWID;
CREATE TABLE local_names (
    key TEXT NOT NULL,
    rid INTEGER NOT NULL,
    PRIMARY KEY (key, rid)
) WITHOUT ROWID;
CREATE TABLE geoms (rid INTEGER PRIMARY KEY, wkb BLOB NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX entries_kind_cc ON entries (kind, cc, admin1);
"""

#: a name of an entry is its "name", an "alt"ernate name or an "abbr"eviation; the best wins
_NTYPE_RANK = {"name": 0, "alt": 1, "abbr": 2}
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2010-\u2019]")
_ABBR = re.compile(r"^[A-Z](?:[A-Z.]){1,5}$")


def is_latin(s: str) -> bool:
    return not _NON_LATIN.search(s)


def alt_type(name: str) -> str:
    """The name type of an alternate name: "abbr" for "USA", "U.S.", else "alt"."""
    return "abbr" if _ABBR.match(name) else "alt"


class Writer:
    """Collects entries, names and geometries; writes them in bulk.

    ``entries`` holds one row per entry in the column order of the ``entries`` table (its
    ``rid`` is its position + 1); ``rid`` maps entry ids to rids; ``names`` maps
    ``(key, rid)`` to the name type; ``local_names`` holds the names of localities (kind
    ``locality``), kept apart so that a lookup of names never sees them (see
    :meth:`geomap.gazetteer.SqliteGazetteer.localities`); ``counts`` counts entries by source.
    """

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self.rid: dict[str, int] = {}
        self.names: dict[tuple[str, int], str] = {}
        self.geoms: dict[int, bytes] = {}
        self.local_names: set[tuple[str, int]] = set()
        self.counts: collections.Counter[str] = collections.Counter()

    def add(
        self,
        id: str,
        name: str,
        kind: str,
        lat: float,
        lon: float,
        *,
        cc: str | None = None,
        admin1: str | None = None,
        population: int = 0,
        geonameid: int | None = None,
        fcode: str | None = None,
        source: str,
        geom: Any = None,
        count_as: str,
        local: str | None = None,
    ) -> int:
        """Add an entry and its own name; a locality's name goes to ``local_names`` under the
        key ``local`` (its normalised name, computed once by the caller)."""
        if id in self.rid:
            raise GazetteerError(f"gazetteer build: duplicate entry id {id}")
        rid = len(self.entries) + 1
        self.rid[id] = rid
        self.entries.append(
            [
                rid,
                id,
                name,
                kind,
                round(float(lat), 5),
                round(float(lon), 5),
                cc,
                admin1,
                int(population or 0),
                geonameid,
                fcode,
                source,
                0,
            ]
        )
        self.counts[count_as] += 1
        if geom is not None:
            self.set_geom(rid, geom)
        if local is not None:
            self.local_names.add((local, rid))
        else:
            self.name(rid, name, "name")
        return rid

    def set_geom(self, rid: int, geom: Any) -> None:
        import shapely

        if geom is None or geom.is_empty:
            return
        self.geoms[rid] = shapely.to_wkb(geom)
        self.entries[rid - 1][12] = 1

    def name(self, rid: int, name: str | None, ntype: str) -> None:
        if not name or not isinstance(name, str):
            return
        if not is_latin(name):
            return
        key = normalise(name)
        if not key:
            return
        self._key(rid, key, ntype)
        if "," in key:  # "Washington, D.C." -> also "washington dc"
            self._key(rid, key.replace(",", ""), ntype)

    def _key(self, rid: int, key: str, ntype: str) -> None:
        old = self.names.get((key, rid))
        if old is None or _NTYPE_RANK[ntype] < _NTYPE_RANK[old]:
            self.names[(key, rid)] = ntype

    def save(self, target: Path, meta: Callable[[], dict[str, Any]]) -> dict[str, Any]:
        """Write the gazetteer into ``target`` atomically (a temp file renamed into place).

        ``meta`` is called once the rows are written; its items fill the ``meta`` table and
        are returned.
        """
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        try:
            con = sqlite3.connect(tmp)
            con.execute("PRAGMA journal_mode=OFF")
            con.execute("PRAGMA synchronous=OFF")
            con.executescript(SCHEMA)
            con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", self.entries)
            con.executemany(
                "INSERT INTO names VALUES (?,?,?)",
                sorted((k, r, t) for (k, r), t in self.names.items()),
            )
            con.executemany("INSERT INTO local_names VALUES (?,?)", sorted(self.local_names))
            con.executemany("INSERT INTO geoms VALUES (?,?)", sorted(self.geoms.items()))
            con.executescript(INDEXES)
            items = meta()
            con.executemany(
                "INSERT INTO meta VALUES (?,?)",
                [(k, json.dumps(v, ensure_ascii=False)) for k, v in items.items()],
            )
            con.commit()
            con.execute("VACUUM")
            con.close()
            os.replace(tmp, target)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
            raise
        return items
