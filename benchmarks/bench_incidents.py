#!/usr/bin/env python
"""The incident stage's cost beside the toponym path's, per corpus, inside one pipeline.

Not a pytest test. For every article: ``Pipeline.find(text)`` (recognise and resolve the
places: the toponym path) is timed, then ``extract_incidents`` on its places, sentences and
recognition (the incident stage, learned event-location finder included), each with
``time.process_time()`` (CPU time of this process: less sensitive to other processes than wall
time, still not immune to a loaded machine; say the load average with the figures). The
incident stage's one-off start-up cost, reading the event-location model, is timed apart
before the articles and reported both apart and added to the stage (as a whole run pays it).
See benchmarks/README.md.

    python benchmarks/bench_incidents.py CORPUS [CORPUS ...] [--limit N] [--profile N] [--json]

CORPUS: a JSONL file of articles (a ``text`` field per line, as in the evaluation corpora).
Targets (issues 10/11): the stage adds at most 50 % to the toponym path's time on real
incident reports; ``geomap extract`` takes at most twice as long as ``geomap toponyms``.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(1, str(REPO))

# A made-up sentence to open the gazetteer before the timed articles (never corpus text).
WARMUP_TEXT = "Diplomats met in Bali on Friday."


def run(path: str, limit: int | None, profile: cProfile.Profile | None) -> dict[str, Any]:
    """Time the toponym path and the incident stage over one corpus."""
    from geomap.incidents import extract_incidents
    from geomap.incidents.evloc import load_model
    from geomap.io.ingest import iter_inputs
    from geomap.pipeline import Pipeline

    pipe = Pipeline()
    pipe.parse(WARMUP_TEXT)
    t0 = time.process_time()
    load_model()  # read once per process, on first use (cached after)
    model_load = time.process_time() - t0
    articles = [a for a in iter_inputs([path]) if not hasattr(a, "reason")]
    if limit is not None:
        articles = articles[:limit]
    words = incidents = 0
    t_find = t_inc = 0.0
    for art in articles:
        words += len(art.text.split())
        t0 = time.process_time()
        found = pipe.find(art.text)
        t1 = time.process_time()
        if profile is not None:
            profile.enable()
        out = extract_incidents(art, found.places, found.recognition.sentences, found.recognition)
        if profile is not None:
            profile.disable()
        t2 = time.process_time()
        incidents += len(out)
        t_find += t1 - t0
        t_inc += t2 - t1
    total_inc = t_inc + model_load
    return {
        "corpus": path,
        "articles": len(articles),
        "words": words,
        "incidents": incidents,
        "find_s": round(t_find, 3),
        "incidents_s": round(t_inc, 3),
        "model_load_s": round(model_load, 3),
        "incidents_with_load_s": round(total_inc, 3),
        "added_pct": round(100 * total_inc / t_find, 1) if t_find else None,
        "find_us_per_word": round(1e6 * t_find / words, 2) if words else None,
        "incidents_us_per_word": round(1e6 * total_inc / words, 2) if words else None,
        "load_average": list(os.getloadavg()),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="+", help="JSONL file(s) of articles")
    ap.add_argument("--limit", type=int, help="only the first N articles of each corpus")
    ap.add_argument(
        "--profile", type=int, metavar="N", help="cProfile the incident stage: top N functions"
    )
    ap.add_argument("--sort", default="cumulative", help="profile order (cumulative, tottime)")
    ap.add_argument("--json", action="store_true", help="one JSON object per corpus")
    args = ap.parse_args(argv)
    for path in args.corpus:
        if not Path(path).is_file():
            print(f"bench_incidents: no such corpus file: {path}", file=sys.stderr)
            return 2
        prof = cProfile.Profile() if args.profile else None
        r = run(path, args.limit, prof)
        if args.json:
            print(json.dumps(r))
        else:
            print(
                f"{r['corpus']}: {r['articles']} articles, {r['words']} words, "
                f"{r['incidents']} incidents; find {r['find_s']:.2f} s, incidents "
                f"{r['incidents_s']:.2f} s + model load {r['model_load_s']:.3f} s "
                f"-> +{r['added_pct']} % ({r['find_us_per_word']} vs "
                f"{r['incidents_us_per_word']} us/word); load average "
                + " ".join(f"{x:.2f}" for x in r["load_average"])
            )
        if prof is not None:
            pstats.Stats(prof, stream=sys.stdout).sort_stats(args.sort).print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
