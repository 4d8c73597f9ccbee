"""``geomap extract`` and ``geomap diff``: incidents written to files, and compared."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from geomap.cli.common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    add_article_options,
    err,
    overrides,
    pipeline_from_args,
    report_failures,
)
from geomap.errors import UsageError
from geomap.io.ingest import Failure

__all__ = ["add_subparsers", "cmd_diff", "cmd_extract"]


def cmd_extract(args: argparse.Namespace) -> int:
    """geomap extract INPUT... -o FILE: incidents of the inputs, merged across articles."""
    from geomap.io.geojson import INCIDENT_FORMATS

    to_stdout = args.output == "-"
    target = f"-.{args.output_format}" if to_stdout else args.output
    if args.schema == "acled" and Path(target).suffix.lower() != ".csv":
        raise UsageError(f"{args.output}: the ACLED layout is written as CSV (.csv)")
    if Path(target).suffix.lower() not in INCIDENT_FORMATS:
        known = ", ".join(sorted(INCIDENT_FORMATS))
        raise UsageError(f"{args.output}: unknown output format (use {known})")
    from geomap.io.saved import is_saved, read_saved_inputs

    pipe = pipeline_from_args(args)  # with the fallback geocoder the options ask for
    found: list[Any] = []  # every article's incidents, framed once (not a frame per article)
    failures: list[Failure] = []
    n = words = 0
    t0 = time.perf_counter()
    # saved outputs (incidents.parquet, a batch folder, ...) are converted, not parsed again
    saved = read_saved_inputs(
        [i for i in args.inputs if is_saved(i)], failures, kinds=("incidents",)
    )
    for item in pipe.run([i for i in args.inputs if not is_saved(i)], overrides=overrides(args)):
        if isinstance(item, Failure):
            failures.append(item)
            continue
        n += 1
        words += len(item.article.text.split())
        found.extend(item.incident_list)
    if n == 0 and not saved.articles:
        report_failures(failures)
        err("no article could be read; nothing written")
        return EXIT_FATAL
    n += len(saved.articles)
    if (
        not to_stdout
        and not args.no_merge
        and not saved.articles
        and args.schema == "geomap"
        and INCIDENT_FORMATS.get(Path(target).suffix.lower()) == "geojson"
    ):  # GeoJSON from plain rows: the same text, no GeoDataFrame (nor pandas) needed
        return _extract_geojson(args, found, failures, n, words, t0)
    import pandas as pd

    from geomap.frame import incidents_frame
    from geomap.io.export import write_incidents

    if not args.no_merge:
        gdf = saved.incidents_with(found)
    else:
        frames = [f for f in [*saved.incidents, incidents_frame(found)] if len(f)]
        gdf = pd.concat(frames, ignore_index=True) if frames else incidents_frame([])
    if args.asserted_only:
        gdf = gdf[gdf["modality"] == "asserted"].reset_index(drop=True)
    options = {"neutralise_formulas": not args.csv_keep_formulas, "schema": args.schema}
    if to_stdout:
        _write_stdout(gdf, args.output_format, options)
        out: Any = "<stdout>"
    else:
        out = write_incidents(gdf, args.output, **options)
    return _done(out, len(gdf), n, words, t0, failures, to_stdout)


def _done(
    out: Any, count: int, n: int, words: int, t0: float, failures: list[Failure],
    to_stdout: bool = False,
) -> int:  # fmt: skip
    """The summary line (on stderr when the incidents went to stdout), the failures, the exit
    code."""
    dt = time.perf_counter() - t0
    print(
        f"incidents: {out} ({count} incidents from {n} article(s), {words:,} words, {dt:.1f} s)",
        file=sys.stderr if to_stdout else sys.stdout,
    )
    report_failures(failures)
    return EXIT_PARTIAL if failures else EXIT_OK


def _extract_geojson(
    args: argparse.Namespace, found: list[Any], failures: list[Failure], n: int, words: int,
    t0: float,
) -> int:  # fmt: skip
    """``geomap extract ... -o FILE.geojson``: the merged incidents written from plain rows."""
    from geomap.frame import INCIDENT_COLUMNS, incident_records, merge_incident_rows
    from geomap.io.geojson import write_geojson_rows

    rows = merge_incident_rows(incident_records(found))
    if args.asserted_only:
        rows = [r for r in rows if r["modality"] == "asserted"]
    out = write_geojson_rows(rows, args.output, columns=INCIDENT_COLUMNS, id_column="id")
    return _done(out, len(rows), n, words, t0, failures)


def _write_stdout(gdf: Any, fmt: str, options: dict[str, Any]) -> None:
    """Write the incidents as GeoJSON or CSV to standard output (through a temporary file, so
    that the writers and their checks are the same as for a file)."""
    import shutil
    import tempfile

    from geomap.io.export import write_incidents

    with tempfile.TemporaryDirectory(prefix="geomap-") as tmp:
        path = write_incidents(gdf, Path(tmp) / f"incidents.{fmt}", **options)
        with path.open("rb") as fh:
            shutil.copyfileobj(fh, sys.stdout.buffer)
        sys.stdout.flush()


def cmd_diff(args: argparse.Namespace) -> int:
    """geomap diff OLD NEW: new, changed, merged and removed incidents (by id)."""
    from geomap.io.diff import diff_files, format_diff

    d = diff_files(args.old, args.new)
    if args.json:
        print(json.dumps(d, indent=2, ensure_ascii=False, default=str))
    else:
        print(format_diff(d))
    return EXIT_OK


def add_subparsers(sub: Any) -> None:
    """Add ``extract`` and ``diff`` to a subparsers object."""
    x = sub.add_parser("extract", help="extract incidents from articles and write them")
    add_article_options(x)
    x.add_argument(
        "-o",
        "--output",
        required=True,
        help="output file: .geojson, .gpkg, .parquet or .csv; - for standard output",
    )
    x.add_argument(
        "--output-format",
        choices=("geojson", "csv"),
        default="geojson",
        help="the format written to standard output with -o - (default geojson)",
    )
    x.add_argument(
        "--no-merge",
        action="store_true",
        help="keep one row per article report (do not merge across articles)",
    )
    x.add_argument(
        "--asserted-only", action="store_true", help="drop future and hypothetical events"
    )
    x.add_argument(
        "--csv-keep-formulas",
        action="store_true",
        help="CSV: write cells starting with = + - @ as they are (by default they get a "
        "leading ' so that spreadsheets do not run them as formulas)",
    )
    x.add_argument(
        "--schema",
        choices=("geomap", "acled"),
        default="geomap",
        help="column layout: geomap's own (default) or ACLED's (CSV), to compare with coded data",
    )
    x.set_defaults(func=cmd_extract)

    d = sub.add_parser("diff", help="compare two incident outputs by id")
    d.add_argument("old")
    d.add_argument("new")
    d.add_argument("--json", action="store_true", help="print JSON instead of a listing")
    d.set_defaults(func=cmd_diff)
