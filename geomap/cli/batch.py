"""``geomap batch``: a corpus in resumable partitions, locally or on Dask."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from geomap.cli.common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    add_geocoder_options,
    err,
    fallback_spec,
    overrides,
)

__all__ = ["add_subparsers", "cmd_batch"]


def cmd_batch(args: argparse.Namespace) -> int:
    """geomap batch INPUT... -o DIR: merged incidents and places of a corpus, resumable."""
    from geomap.batch import BatchOptions, run_batch

    opts = BatchOptions(
        inputs=list(args.inputs),
        out_dir=Path(args.output),
        engine=args.engine,
        workers=args.workers,
        scheduler=args.scheduler,
        partition_size=args.partition_size,
        overrides=overrides(args),
        incidents=not args.no_incidents,
        quiet=args.quiet,
        fallback=fallback_spec(args),
    )
    s = run_batch(opts)
    resumed = f", {s['partitions_resumed']} resumed" if s["partitions_resumed"] else ""
    print(
        f"batch: {opts.out_dir} ({s['articles']:,} articles, {s['words']:,} words, "
        f"{s['incidents']:,} incidents, {s['place_mentions']:,} place mentions, "
        f"{s['failures']:,} failures; {s['partitions']} partitions{resumed}; "
        f"{s['seconds']['total']:.1f} s, {s['articles_per_second'] or 0:,.0f} articles/s)"
    )
    if s["geocoder"] is not None:
        print(f"geocoder: {s['geocoder_requests']:,} request(s) to {s['geocoder']['service']}")
    if s["failures"]:
        failures = opts.out_dir / "failures.jsonl"
        err(f"{s['failures']} input(s) could not be read or processed (listed in {failures}):")
        with failures.open(encoding="utf-8") as fh:
            for n, line in enumerate(fh):
                if n == 20:
                    print(f"  ... (see {failures})", file=sys.stderr)
                    break
                rec = json.loads(line)
                where = rec["file"] if rec["line"] is None else f"{rec['file']}:{rec['line']}"
                print(f"  {where}: {rec['reason']}", file=sys.stderr)
    if s["articles"] == 0:
        err("no article could be read")
        return EXIT_FATAL
    return EXIT_PARTIAL if s["failures"] else EXIT_OK


def add_subparsers(sub: Any) -> None:
    """Add ``batch`` to a subparsers object."""
    from geomap.batch import DEFAULT_PARTITION_SIZE, ENGINES

    b = sub.add_parser(
        "batch",
        help="process a corpus in resumable partitions (locally or on Dask) into a folder",
    )
    b.add_argument("inputs", nargs="+", help=".txt/.md/.html files, folders or JSONL corpora")
    b.add_argument("-o", "--output", required=True, help="output folder (resumed if it exists)")
    b.add_argument("--engine", choices=ENGINES, default="local", help="where partitions run")
    b.add_argument("--workers", type=int, help="Dask: workers of the local cluster (default 2)")
    b.add_argument(
        "--scheduler", help="Dask: address of a running scheduler (e.g. tcp://host:8786)"
    )
    b.add_argument(
        "--partition-size",
        type=int,
        default=DEFAULT_PARTITION_SIZE,
        help=f"inputs per partition (default {DEFAULT_PARTITION_SIZE}); bounds the memory",
    )
    b.add_argument("--no-incidents", action="store_true", help="places only")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.add_argument("--published", help="publication date (YYYY-MM-DD) for texts without one")
    b.add_argument("--title", help="article title, for texts without one")
    b.add_argument("--url", help="article URL, for texts without one")
    add_geocoder_options(b, user_agent=True)
    b.set_defaults(func=cmd_batch)
