"""``geomap eval`` and ``geomap event-locations``: geomap against annotated corpora."""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from geomap.cli.common import EXIT_OK
from geomap.errors import InputNotFoundError

__all__ = ["add_subparsers", "cmd_eval", "cmd_event_locations"]


def cmd_eval(args: argparse.Namespace) -> int:
    """geomap eval CORPUS.jsonl: the figures, as tables or JSON."""
    from geomap.eval.report import format_table
    from geomap.eval.run import evaluate_corpus

    results, listing = evaluate_corpus(args.corpus, n_errors=args.errors)
    if listing:
        print(listing, file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for k, v in results.items():
            if isinstance(v, dict):
                print(f"== {k}")
                print(format_table(v))
    return EXIT_OK


def cmd_event_locations(args: argparse.Namespace) -> int:
    """geomap event-locations CORPUS.jsonl -o PRED.jsonl (Halterman 2019 format)."""
    from geomap._atomic import atomic_path
    from geomap.eval.corpus import event_locations
    from geomap.eval.reading import read_jsonl
    from geomap.pipeline import Pipeline

    corpus = Path(args.corpus)
    if not corpus.exists():
        raise InputNotFoundError("no such file", source=str(corpus))
    lines = read_jsonl(corpus)
    pipe = Pipeline(incidents=False)
    t0 = time.perf_counter()
    with atomic_path(args.output) as tmp, tmp.open("w", encoding="utf-8") as out:
        for line in lines:
            out.write(json.dumps(event_locations(line, pipe), ensure_ascii=False) + "\n")
    dt = time.perf_counter() - t0
    print(f"{len(lines)} lines -> {args.output} in {dt:.1f} s", file=sys.stderr)
    return EXIT_OK


def add_subparsers(sub: Any) -> None:
    """Add ``eval`` and ``event-locations`` to a subparsers object."""
    e = sub.add_parser("eval", help="score geomap on an annotated JSONL corpus")
    e.add_argument("corpus")
    e.add_argument("--json", action="store_true", help="print JSON instead of tables")
    e.add_argument(
        "--errors",
        type=int,
        default=0,
        metavar="N",
        help="also list N examples of each error class",
    )
    e.set_defaults(func=cmd_eval)

    v = sub.add_parser(
        "event-locations", help="predict event-location spans for a JSONL event corpus"
    )
    v.add_argument("corpus")
    v.add_argument("-o", "--output", required=True)
    v.set_defaults(func=cmd_event_locations)
