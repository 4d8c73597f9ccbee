"""CLI commands for incidents: ``extract``, ``diff`` and ``event-locations``.

Wire into :mod:`geomap.cli.main` with ``add_subparsers(sub)`` on the parser's subparsers.
Exit codes as in :mod:`geomap.cli.main`: 0 success, 1 some inputs failed, 2 fatal.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from geomap.cli.common import EXIT_FATAL, EXIT_OK, EXIT_PARTIAL, report_failures
from geomap.cli.common import err as _err
from geomap.errors import GeomapError
from geomap.io.ingest import Failure

FORMATS = {".geojson": "geojson", ".json": "geojson", ".gpkg": "gpkg", ".parquet": "parquet",
           ".geoparquet": "parquet", ".csv": "csv"}


def write_incidents(gdf: Any, path: str | Path, *, neutralise_formulas: bool = True) -> Path:
    """Write an incidents frame by the extension of ``path``.

    .geojson (RFC 7946, feature ``id`` = incident id), .gpkg (layers ``incidents`` with the
    footprints and ``incident_anchors`` with the anchor points), .parquet (GeoParquet 1.1),
    .csv (anchor lon/lat and footprint WKT; text cells that a spreadsheet would run as a
    formula get a leading ``'`` unless ``neutralise_formulas`` is False).
    """
    from geomap.frame import incident_anchor_layer
    from geomap.io import export

    p = Path(path)
    fmt = FORMATS.get(p.suffix.lower())
    if fmt is None:
        raise GeomapError(f"{p}: unknown output format (use {', '.join(sorted(FORMATS))})")
    if p.parent and not p.parent.exists():
        p.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "geojson":
        return export.write_geojson(gdf, p, id_column="id")
    if fmt == "gpkg":
        return export.write_gpkg({"incidents": gdf, "incident_anchors":
                                  incident_anchor_layer(gdf)}, p)
    if fmt == "parquet":
        return export.write_parquet(gdf, p)
    out = gdf.drop(columns=["anchor_lon", "anchor_lat"]).assign(
        lon=gdf["anchor_lon"], lat=gdf["anchor_lat"])
    return export.write_csv(out, p, neutralise_formulas=neutralise_formulas)


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    return {"published": getattr(args, "published", None), "title": getattr(args, "title", None),
            "url": getattr(args, "url", None)}


def cmd_extract(args: argparse.Namespace) -> int:
    """geomap extract INPUT... -o FILE: incidents of the inputs, merged across articles."""
    from geomap.frame import merge_incident_frames
    from geomap.pipeline import Pipeline

    if Path(args.output).suffix.lower() not in FORMATS:
        raise GeomapError(f"{args.output}: unknown output format "
                          f"(use {', '.join(sorted(FORMATS))})")
    pipe = Pipeline()
    frames = []
    failures: list[Failure] = []
    n = words = 0
    t0 = time.perf_counter()
    for item in pipe.run(args.inputs, overrides=_overrides(args)):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        n += 1
        words += len(item.article.text.split())
        frames.append(item.incidents)
    if n == 0:
        report_failures(failures)
        _err("no article could be read; nothing written")
        return EXIT_FATAL
    gdf = merge_incident_frames(frames) if not args.no_merge else _concat(frames)
    if args.asserted_only:
        gdf = gdf[gdf["modality"] == "asserted"].reset_index(drop=True)
    out = write_incidents(gdf, args.output, neutralise_formulas=not args.csv_keep_formulas)
    dt = time.perf_counter() - t0
    print(f"incidents: {out} ({len(gdf)} incidents from {n} article(s), {words:,} words, "
          f"{dt:.1f} s)")
    if failures:
        report_failures(failures)
        return EXIT_PARTIAL
    return EXIT_OK


def _concat(frames: list[Any]) -> Any:
    import pandas as pd

    from geomap.frame import incidents_frame

    frames = [f for f in frames if len(f)]
    if not frames:
        return incidents_frame([])
    return pd.concat(frames, ignore_index=True)


def cmd_diff(args: argparse.Namespace) -> int:
    """geomap diff OLD NEW: new, changed, merged and removed incidents (by id)."""
    from geomap.io.diff import diff_files, format_diff

    d = diff_files(args.old, args.new)
    if args.json:
        print(json.dumps(d, indent=2, ensure_ascii=False, default=str))
    else:
        print(format_diff(d))
    return EXIT_OK


def cmd_event_locations(args: argparse.Namespace) -> int:
    """geomap event-locations CORPUS.jsonl -o PRED.jsonl (Halterman 2019 format)."""
    from geomap._atomic import atomic_path
    from geomap.eval.corpus import event_locations
    from geomap.eval.metrics import read_jsonl
    from geomap.pipeline import Pipeline

    corpus = Path(args.corpus)
    if not corpus.exists():
        raise GeomapError(f"{corpus}: no such file")
    lines = read_jsonl(corpus)
    pipe = Pipeline(incidents=False)
    t0 = time.perf_counter()
    with atomic_path(args.output) as tmp, tmp.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(event_locations(line, pipe), ensure_ascii=False) + "\n")
    print(f"{len(lines)} lines -> {args.output} in {time.perf_counter() - t0:.1f} s",
          file=sys.stderr)
    return EXIT_OK


def add_subparsers(sub: Any) -> None:
    """Add ``extract``, ``diff`` and ``event-locations`` to a subparsers object."""
    x = sub.add_parser("extract", help="extract incidents from articles and write them")
    x.add_argument("inputs", nargs="+", help=".txt/.md/.html files, folders or JSONL corpora")
    x.add_argument("-o", "--output", required=True,
                   help="output file: .geojson, .gpkg, .parquet or .csv")
    x.add_argument("--published", help="publication date (YYYY-MM-DD) for texts without one")
    x.add_argument("--title", help="article title, for texts without one")
    x.add_argument("--url", help="article URL, for texts without one")
    x.add_argument("--no-merge", action="store_true",
                   help="keep one row per article report (do not merge across articles)")
    x.add_argument("--asserted-only", action="store_true",
                   help="drop future and hypothetical events")
    x.add_argument("--csv-keep-formulas", action="store_true",
                   help="CSV: write cells starting with = + - @ as they are (by default they get "
                   "a leading ' so that spreadsheets do not run them as formulas)")
    x.set_defaults(func=cmd_extract)

    d = sub.add_parser("diff", help="compare two incident outputs by id")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    d.set_defaults(func=cmd_diff)

    e = sub.add_parser("event-locations",
                       help="predict event-location spans for a JSONL event corpus")
    e.add_argument("corpus")
    e.add_argument("-o", "--output", required=True)
    e.set_defaults(func=cmd_event_locations)
