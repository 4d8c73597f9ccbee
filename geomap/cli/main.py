"""Command line: arguments -> pipeline -> render/export; errors -> messages and exit codes.

Exit codes: 0 success; 1 some inputs failed (the others were processed); 2 usage or
fatal error (nothing useful could be done).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from geomap import __version__
from geomap.cli import common as cli_common
from geomap.cli.common import EXIT_FATAL, EXIT_OK, EXIT_PARTIAL
from geomap.cli.common import err as _err
from geomap.cli.common import report_failures as _report_failures
from geomap.errors import GeomapError
from geomap.io.ingest import Failure


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    return {"published": getattr(args, "published", None), "title": getattr(args, "title", None),
            "url": getattr(args, "url", None)}


def cmd_map(args: argparse.Namespace) -> int:
    from geomap.pipeline import Pipeline, Result, places_of

    pipe = Pipeline()
    results: list[Result] = []
    failures: list[Failure] = []
    for item in pipe.run(args.inputs, overrides=_overrides(args)):
        (failures if isinstance(item, Failure) else results).append(item)  # type: ignore[arg-type]
    if not results:
        _report_failures(failures)
        _err("no article could be read; nothing written")
        return EXIT_FATAL
    from geomap.io.export import write_geojson
    from geomap.render import render_map

    places = places_of(results)
    incidents = None
    if any(r.incident_list for r in results):
        from geomap.frame import merge_incident_frames

        incidents = merge_incident_frames([r.incidents for r in results])
    out = Path(args.output) if args.output else Path("maps") / (
        (Path(args.inputs[0]).stem if len(args.inputs) == 1 else "geomap") + ".html"
    )
    title = results[0].article.title if len(results) == 1 else f"{len(results)} articles"
    render_map(places, out, incidents=incidents, title=title, online_tiles=args.online_tiles)
    print(f"map: {out} ({out.stat().st_size:,} bytes, {len(places)} place mentions, "
          f"{places['entry_id'].nunique()} places)")
    if args.geojson:
        from geomap.frame import aggregate_places

        write_geojson(aggregate_places(places), args.geojson)
        print(f"geojson: {args.geojson}")
    _report_failures(failures)
    return EXIT_PARTIAL if failures else EXIT_OK


def cmd_toponyms(args: argparse.Namespace) -> int:
    from geomap._atomic import atomic_path
    from geomap.pipeline import Pipeline

    pipe = Pipeline(incidents=False)
    failures: list[Failure] = []
    n = 0
    t0 = time.perf_counter()
    with atomic_path(args.output) as tmp, tmp.open("w", encoding="utf-8") as out:
        for rec in _corpus_lines(Path(args.corpus), failures):
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
    _report_failures(failures)
    return EXIT_PARTIAL if failures else EXIT_OK


def _corpus_lines(path: Path, failures: list[Failure]) -> Any:
    """Corpus records (id, text, gold toponyms) of a JSONL file; bad lines become failures."""
    from geomap.errors import InputError
    from geomap.io.ingest import jsonl_article

    if not path.exists():
        raise GeomapError(f"{path}: no such file")
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                art = jsonl_article(raw, str(path), n)
            except InputError as err:
                failures.append(Failure(str(path), n, err.reason))
                continue
            rec = json.loads(raw)
            yield {"id": art.id, "text": art.text, "toponyms": rec.get("toponyms") or []}


def cmd_eval(args: argparse.Namespace) -> int:
    from geomap.eval import metrics as ev
    from geomap.pipeline import Pipeline

    gold = ev.read_jsonl(args.corpus)
    if not gold:
        raise GeomapError(f"{args.corpus}: corpus is empty")
    pipe = Pipeline(incidents=False)
    pipe.gazetteer  # noqa: B018 - open before timing
    is_events = any("events" in g for g in gold[:5])
    results: dict[str, Any] = {"corpus": str(args.corpus)}
    if is_events:
        from geomap.eval.corpus import event_locations

        t0 = time.perf_counter()
        pred = [event_locations(g, pipe) for g in gold]
        results["event_locations"] = ev.evaluate_event_locations(gold, pred)
        results["seconds"] = round(time.perf_counter() - t0, 2)
    else:
        words = sum(len(g["text"].split()) for g in gold)
        t0 = time.perf_counter()
        pred = [{"id": g["id"], "toponyms": pipe.toponyms(g["text"])} for g in gold]
        dt = time.perf_counter() - t0
        results["toponyms"] = ev.evaluate_toponyms(gold, pred, words=words, seconds=dt)
        t0 = time.perf_counter()
        pred_gold = [
            {"id": g["id"], "toponyms": pipe.resolve_spans(
                g["text"], [(t["start"], t["end"]) for t in g.get("toponyms") or []])}
            for g in gold
        ]
        results["gold_spans"] = ev.evaluate_resolution_given_spans(gold, pred_gold)
        results["gold_spans"]["seconds"] = round(time.perf_counter() - t0, 2)
        if args.errors:
            print(ev.errors(gold, pred, limit=args.errors, pred_given_spans=pred_gold),
                  file=sys.stderr)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        for k, v in results.items():
            if isinstance(v, dict):
                print(f"== {k}")
                print(ev.format_table(v))
    return EXIT_OK


def cmd_gazetteer(args: argparse.Namespace) -> int:
    from geomap.gazetteer import open_gazetteer

    t0 = time.perf_counter()
    gaz = open_gazetteer(build=True)
    meta = gaz.meta()
    print(json.dumps({"path": str(gaz.path), "open_seconds": round(time.perf_counter() - t0, 3),
                      **meta}, indent=2, default=str))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="geomap", description=__doc__.splitlines()[0])
    p.add_argument("--version", action="version", version=f"geomap {__version__}")
    p.add_argument("--debug", action="store_true",
                   help="print the traceback of failed inputs and internal errors")
    sub = p.add_subparsers(dest="command", required=True)

    m = sub.add_parser("map", help="draw an offline HTML map (and GeoJSON) of articles")
    m.add_argument("inputs", nargs="+", help=".txt/.md/.html files, folders or JSONL corpora")
    m.add_argument("-o", "--output", help="HTML map path (default maps/NAME.html)")
    m.add_argument("--geojson", help="also write the places as GeoJSON (RFC 7946)")
    m.add_argument("--published", help="publication date (YYYY-MM-DD) for texts without one")
    m.add_argument("--title", help="article title, for texts without one")
    m.add_argument("--url", help="article URL, for texts without one")
    m.add_argument("--online-tiles", action="store_true",
                   help="offer OpenStreetMap tiles as an extra base layer (needs internet)")
    m.set_defaults(func=cmd_map)

    t = sub.add_parser("toponyms", help="find and resolve toponyms in a JSONL corpus")
    t.add_argument("corpus")
    t.add_argument("-o", "--output", required=True)
    t.add_argument("--gold-spans", action="store_true",
                   help="resolve the corpus's own toponym spans instead of finding spans")
    t.set_defaults(func=cmd_toponyms)

    e = sub.add_parser("eval", help="score geomap on an annotated JSONL corpus")
    e.add_argument("corpus")
    e.add_argument("--json", action="store_true", help="print JSON instead of tables")
    e.add_argument("--errors", type=int, default=0, metavar="N",
                   help="also list N examples of each error class")
    e.set_defaults(func=cmd_eval)

    g = sub.add_parser("gazetteer", help="build (if needed) and describe the gazetteer")
    g.set_defaults(func=cmd_gazetteer)

    from geomap.cli.incidents import add_subparsers

    add_subparsers(sub)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    cli_common.DEBUG = bool(args.debug)
    try:
        return int(args.func(args))
    except GeomapError as err:
        _err(str(err))
        return EXIT_FATAL
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as err:  # a bug: one line, the traceback only with --debug
        if cli_common.DEBUG:
            raise
        _err(f"internal error: {type(err).__name__}: {err} (run with --debug for the traceback)")
        return EXIT_FATAL


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
