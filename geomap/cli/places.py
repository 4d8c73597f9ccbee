"""``geomap map``, ``geomap toponyms`` and ``geomap gazetteer``."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from geomap.cli.common import (
    EXIT_FATAL,
    EXIT_OK,
    EXIT_PARTIAL,
    add_article_options,
    add_geocoder_options,
    err,
    overrides,
    pipeline_from_args,
    report_failures,
)
from geomap.io.ingest import Failure

__all__ = ["add_subparsers", "cmd_gazetteer", "cmd_map", "cmd_toponyms"]


def cmd_map(args: argparse.Namespace) -> int:
    """geomap map INPUT...: an offline HTML map (and GeoJSON) of the articles."""
    from geomap.io.saved import is_saved, read_saved_inputs
    from geomap.pipeline import Result, places_of

    pipe = pipeline_from_args(args)
    results: list[Result] = []
    failures: list[Failure] = []
    # saved outputs (incidents.parquet, a batch folder, ...) are read back, not parsed again
    saved = read_saved_inputs([i for i in args.inputs if is_saved(i)], failures)
    texts = [i for i in args.inputs if not is_saved(i)]
    for item in pipe.run(texts, overrides=overrides(args)):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            results.append(item)
    if not results and not saved.articles:
        report_failures(failures)
        err("no article could be read; nothing written")
        return EXIT_FATAL
    from geomap.io.export import write_geojson
    from geomap.render import render_map

    places = saved.places_with(places_of(results))
    incidents = None
    if any(r.incident_list for r in results) or saved.incidents:
        # one merge over every article's incidents as plain rows (not a frame per article)
        found = [i for r in results for i in r.incident_list]
        incidents = saved.incidents_with(found)
    stem = Path(args.inputs[0]).stem if len(args.inputs) == 1 else "geomap"
    if stem in ("-", ""):
        stem = "stdin"  # geomap map - : maps/stdin.html, not maps/-.html
    out = Path(args.output) if args.output else Path("maps") / (stem + ".html")
    n_articles = len(results) + len(saved.articles)
    title = results[0].article.title if n_articles == 1 and results else f"{n_articles} articles"
    render_map(places, out, incidents=incidents, title=title, online_tiles=args.online_tiles)
    unresolved = int(places["entry_id"].isna().sum())
    print(
        f"map: {out} ({out.stat().st_size:,} bytes, {len(places) - unresolved} place mentions, "
        f"{places['entry_id'].nunique()} places"
        + (f", {unresolved} unresolved: not drawn" if unresolved else "")
        + ")"
    )
    if args.geojson:
        from geomap.frame import aggregate_places

        write_geojson(aggregate_places(places), args.geojson)
        print(f"geojson: {args.geojson}")
    report_failures(failures)
    return EXIT_PARTIAL if failures else EXIT_OK


def cmd_toponyms(args: argparse.Namespace) -> int:
    """geomap toponyms CORPUS.jsonl -o PRED.jsonl: toponyms of every corpus record."""
    import sys

    from geomap._atomic import atomic_path
    from geomap.eval.reading import corpus_records

    pipe = pipeline_from_args(args, incidents=False)
    failures: list[Failure] = []
    n = 0
    t0 = time.perf_counter()
    with atomic_path(args.output) as tmp, tmp.open("w", encoding="utf-8") as out:
        for rec in corpus_records(Path(args.corpus), failures):
            text = rec["text"]
            if args.gold_spans:
                spans = [(int(t["start"]), int(t["end"])) for t in rec.get("toponyms") or []]
                tops = pipe.resolve_spans(text, spans)
            else:
                tops = pipe.toponyms(text)
            out.write(json.dumps({"id": rec["id"], "toponyms": tops}, ensure_ascii=False) + "\n")
            n += 1
    dt = time.perf_counter() - t0
    print(f"{n} articles -> {args.output} in {dt:.1f} s", file=sys.stderr)
    report_failures(failures)
    return EXIT_PARTIAL if failures else EXIT_OK


def cmd_gazetteer(args: argparse.Namespace) -> int:
    """geomap gazetteer: build (if needed) and describe the embedded gazetteer."""
    from geomap.gazetteer import open_gazetteer

    t0 = time.perf_counter()
    gaz = open_gazetteer(build=True)
    meta = gaz.meta()
    info: dict[str, Any] = {
        "path": str(gaz.path),
        "open_seconds": round(time.perf_counter() - t0, 3),
        **meta,
    }
    print(json.dumps(info, indent=2, default=str))
    return EXIT_OK


def add_subparsers(sub: Any) -> None:
    """Add ``map``, ``toponyms`` and ``gazetteer`` to a subparsers object."""
    m = sub.add_parser("map", help="draw an offline HTML map (and GeoJSON) of articles")
    add_article_options(m)
    m.add_argument("-o", "--output", help="HTML map path (default maps/NAME.html)")
    m.add_argument("--geojson", help="also write the places as GeoJSON (RFC 7946)")
    m.add_argument(
        "--online-tiles",
        action="store_true",
        help="offer OpenStreetMap tiles as an extra base layer (needs internet)",
    )
    m.set_defaults(func=cmd_map)

    t = sub.add_parser("toponyms", help="find and resolve toponyms in a JSONL corpus")
    t.add_argument("corpus")
    t.add_argument("-o", "--output", required=True)
    t.add_argument(
        "--gold-spans",
        action="store_true",
        help="resolve the corpus's own toponym spans instead of finding spans",
    )
    add_geocoder_options(t, user_agent=True)
    t.set_defaults(func=cmd_toponyms)

    g = sub.add_parser("gazetteer", help="build (if needed) and describe the gazetteer")
    g.set_defaults(func=cmd_gazetteer)
