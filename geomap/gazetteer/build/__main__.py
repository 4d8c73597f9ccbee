"""``python -m geomap.gazetteer.build [--out PATH]``: build the gazetteer and describe it."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from geomap.gazetteer.build import build
from geomap.gazetteer.cache import default_path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m geomap.gazetteer.build", description="Build the embedded offline gazetteer."
    )
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
        print(
            "countries without NE polygon (GeoNames point or capital, no polygon):",
            " ".join(stats["countries_without_polygon"]),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
