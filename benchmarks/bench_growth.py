#!/usr/bin/env python
"""Growth of the cost of ONE article with its length, for ordinary and pathological inputs.

Not a pytest test. For each class of input, one article is built at sizes n, 2n, 4n, ... and
parsed (``Pipeline.parse_article``: recognition, resolution and incidents; the HTML classes go
through ``geomap.io.html.extract_page`` first) in a fresh subprocess, after a warm-up parse of a
short sentence. Printed per size: wall time, CPU time of the process, CPU time per unit, growth
exponent (log-log slope of the CPU time from the previous size: 1.0 is linear, 2.0 quadratic;
CPU time, since wall time on a shared machine follows its load) and the article's peak memory
(the rise of the subprocess's ``ru_maxrss`` over the parse). A class stops doubling once one
size took more than ``--max-seconds`` or ``--max-mb``.

    python benchmarks/bench_growth.py                 # every class, full sizes
    python benchmarks/bench_growth.py --quick         # 3 small sizes per class
    python benchmarks/bench_growth.py --only prose caps_run --json

The texts are made up here (two news sentences written for this benchmark, syllable names) or
drawn from the gazetteer's own names (the largest cities), never from an evaluation corpus.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
import random  # noqa: E402
import resource  # noqa: E402
import sqlite3  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections.abc import Callable  # noqa: E402
from datetime import date  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(1, str(REPO))

#: Every article is dated (the time resolver only works on dated articles).
PUBLISHED = date(2024, 3, 15)
WARMUP = "Heavy rain flooded streets in Paris and Lyon on Monday, officials in France said."
PROSE = (
    "Police said two people were injured when a car bomb exploded near a busy market in Kano "
    "on Tuesday morning. Residents said soldiers had closed the main road to Abuja while "
    "investigators searched the area."
)
SENTENCE = "Flooding forced hundreds of families from their homes in Dhaka, officials said."
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = tuple(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
)
SYLLABLES = tuple(
    [
        "ka",
        "ro",
        "mi",
        "ta",
        "ne",
        "su",
        "lo",
        "va",
        "di",
        "pe",
        "zu",
        "ha",
        "bri",
        "gon",
        "tel",
        "mar",
        "sen",
        "dor",
        "quin",
        "lek",
    ]
)


def _names(n: int, seed: int) -> list[str]:
    """``n`` distinct made-up capitalised names (two or three syllables)."""
    rng = random.Random(seed)
    out: list[str] = []
    seen: set[str] = set()
    while len(out) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 3, 3, 4))))
        if word not in seen:
            seen.add(word)
            out.append(word.capitalize())
    return out


def _places(n: int) -> list[str]:
    """The names of the ``n`` most populous one-word cities of the gazetteer, distinct."""
    from geomap.gazetteer import open_gazetteer

    path = open_gazetteer().path
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    out: list[str] = []
    seen: set[str] = set()
    query = "SELECT name FROM entries WHERE kind='city' ORDER BY population DESC"
    for (name,) in con.execute(query):
        if name.isalpha() and name.isascii() and name[0].isupper() and name not in seen:
            seen.add(name)
            out.append(name)
            if len(out) == n:
                break
    con.close()
    return out


def _cycle(items: list[str], n: int) -> list[str]:
    return [items[i % len(items)] for i in range(n)]


# ------------------------------------------------------------------ the classes (text of n units)


def prose(n: int) -> str:
    return " ".join([PROSE] * n)


def same_sentence(n: int) -> str:
    return " ".join([SENTENCE] * n)


def incidents(n: int) -> str:
    places = _places(min(n, 2000))
    rng = random.Random(1)
    verbs = ("killed", "wounded", "kidnapped", "injured")
    who = ("gunmen", "militants", "bandits", "attackers")
    return " ".join(
        f"On {WEEKDAYS[i % 7]}, {rng.choice(who)} {rng.choice(verbs)} {rng.randint(2, 90)} "
        f"villagers in {places[i % len(places)]}, police said."
        for i in range(n)
    )


def dates(n: int) -> str:
    rng = random.Random(2)
    return " ".join(
        f"Protesters marched in Lagos on {WEEKDAYS[i % 7]}, {rng.randint(1, 28)} "
        f"{rng.choice(MONTHS)} {rng.randint(1990, 2030)}, and again on {WEEKDAYS[(i + 3) % 7]}."
        for i in range(n)
    )


def titled(n: int) -> str:
    names = _names(n, 3)
    cities = _cycle(["Paris", "Nairobi", "Lima", "Hanoi", "Oslo"], n)
    return " ".join(f"Minister {names[i]} met in {cities[i]}." for i in range(n))


def caps_list(n: int) -> str:
    names = _names(3 * n, 4)
    heads = ("provinces", "districts", "states", "villages")
    return " ".join(
        f"Floods hit the {names[3 * i]}, {names[3 * i + 1]} and {names[3 * i + 2]} {heads[i % 4]}."
        for i in range(n)
    )


def roads(n: int) -> str:
    return " ".join(
        f"Traffic was stopped on the A{i % 900 + 1} and Route {i % 700 + 1} near the junction."
        for i in range(n)
    )


def caps_run(n: int) -> str:
    """``n`` capitalised words, no punctuation: made-up names mixed with real city names."""
    rng = random.Random(5)
    pool = _names(500, 5) + _places(500) + [w.capitalize() for w in PROSE.split()]
    return " ".join(rng.choice(pool) for _ in range(n)) + "\n"


def place_text(n: int) -> str:
    """A text naming ``n`` distinct places, ten to a sentence."""
    places = _places(n)
    return " ".join(
        "Rallies were held in " + ", ".join(places[i : i + 9]) + " and " + places[i + 9] + "."
        for i in range(0, n - 9, 10)
    )


def comma_chain(n: int) -> str:
    return "Delegates came from " + ", ".join(_places(n)) + "."


def and_chain(n: int) -> str:
    return "Delegates came from " + " and ".join(_places(n)) + "."


def html_tags(n: int) -> str:
    return (
        "<html><head><title>Floods</title></head><body><p>Floods hit Kano on Monday, police "
        "said.</p>" + "".join(f"<p>note {i} " for i in range(n)) + "</body></html>"
    )


def html_comment(n: int) -> str:
    return (
        "<html><head><title>Floods</title></head><body><p>Floods hit Kano on Monday, police "
        "said.</p><!-- " + "".join(f"<p>note {i}</p>" for i in range(n)) + "</body></html>"
    )


_S5 = [500, 1000, 2000, 4000, 8000], [250, 500, 1000]  # full and quick sizes
_S4 = [2000, 4000, 8000, 16000], [1000, 2000, 4000]

#: name -> (text builder, unit, full sizes, quick sizes, is HTML)
CLASSES: dict[str, tuple[Callable[[int], str], str, list[int], list[int], bool]] = {
    "prose": (prose, "unit of 32 words", [125, 250, 500, 1000, 2000, 4000], [62, 125, 250], False),
    "same_sentence": (same_sentence, "sentence", *_S5, False),
    "incidents": (incidents, "incident", *_S5, False),
    "dates": (dates, "sentence", *_S5, False),
    "titled": (titled, "sentence", *_S5, False),
    "caps_list": (caps_list, "list", *_S5, False),
    "roads": (roads, "sentence", *_S5, False),
    "caps_run": (caps_run, "word", [2500, 5000, 10000, 20000], [1250, 2500, 5000], False),
    "places": (place_text, "place", [800, 1600, 3200, 6400], [400, 800, 1600], False),
    "comma_chain": (comma_chain, "name", *_S4, False),
    "and_chain": (and_chain, "name", *_S4, False),
    "html_tags": (html_tags, "tag", *_S4, True),
    "html_comment": (html_comment, "tag", *_S4, True),
}


def _peak_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def measure_one(name: str, n: int) -> dict[str, Any]:
    """Parse one article of class ``name`` at size ``n`` in this process."""
    from geomap.io.html import extract_page
    from geomap.models import Article
    from geomap.pipeline import Pipeline

    build, _, _, _, is_html = CLASSES[name]
    pipe = Pipeline()
    pipe.parse_article(Article(id="warm", text=WARMUP, published=PUBLISHED))
    raw = build(n)
    base = _peak_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    text = extract_page(raw).text if is_html else raw
    res = pipe.parse_article(Article(id=f"{name}-{n}", text=text, published=PUBLISHED))
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    return {
        "class": name,
        "n": n,
        "words": len(raw.split()),
        "seconds": seconds,
        "cpu": cpu,
        "peak_mb": max(0.0, _peak_mb() - base),
        "places": len(res.place_list),
        "incidents": len(res.incident_list),
    }


def run_class(name: str, quick: bool, max_seconds: float, max_mb: float) -> list[dict[str, Any]]:
    _, unit, sizes, quick_sizes, _ = CLASSES[name]
    rows: list[dict[str, Any]] = []
    for n in quick_sizes if quick else sizes:
        cmd = [sys.executable, str(Path(__file__).resolve()), "--one", name, str(n)]
        proc = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
        if proc.returncode != 0:
            err = (proc.stderr or proc.stdout).strip().splitlines()
            rows.append({"class": name, "n": n, "error": err[-1] if err else "failed"})
            break
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["unit"] = unit
        row["per_unit_ms"] = 1000 * row["cpu"] / n
        prev = rows[-1] if rows else None
        if prev and "cpu" in prev and prev["cpu"] > 0 and row["cpu"] > 0:
            row["exponent"] = math.log(row["cpu"] / prev["cpu"]) / math.log(n / prev["n"])
        rows.append(row)
        print(_line(row), flush=True)
        if row["seconds"] > max_seconds or row["peak_mb"] > max_mb:
            break  # the next size would take twice as long (or four times) at least
    return rows


def _line(row: dict[str, Any]) -> str:
    if "error" in row:
        return f"{row['class']:<14} {row['n']:>7}  error: {row['error']}"
    exp = f"{row['exponent']:.2f}" if "exponent" in row else "   -"
    return (
        f"{row['class']:<14} {row['n']:>7} {row['words']:>8} {row['seconds']:>9.2f} "
        f"{row['cpu']:>7.2f} "
        f"{row['per_unit_ms']:>10.3f} {exp:>6} {row['peak_mb']:>8.1f} "
        f"{row['places']:>7} {row['incidents']:>6}"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="three small sizes per class")
    ap.add_argument("--only", nargs="+", choices=sorted(CLASSES), help="these classes only")
    ap.add_argument("--max-seconds", type=float, default=40.0, help="stop a class after this")
    ap.add_argument("--max-mb", type=float, default=1500.0, help="... or this peak memory")
    ap.add_argument("--json", action="store_true", help="print the rows as JSON at the end")
    ap.add_argument("--one", nargs=2, metavar=("CLASS", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(measure_one(args.one[0], int(args.one[1]))))
        return 0
    print(
        f"{'class':<14} {'n':>7} {'words':>8} {'seconds':>9} {'cpu s':>7} {'ms/unit':>10} "
        f"{'exp':>6} "
        f"{'peak MB':>8} {'places':>7} {'incid':>6}"
    )
    rows: list[dict[str, Any]] = []
    for name in args.only or list(CLASSES):
        rows += run_class(name, args.quick, args.max_seconds, args.max_mb)
    if args.json:
        print(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
