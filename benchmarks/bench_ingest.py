"""Web-page reading: extraction time per page, and the places of a page with its boilerplate
(the old visible-text pass) versus its main text (trafilatura), scored against the text a
person marked as the article (``tests/io/data/NAME.main.txt``).

    python benchmarks/bench_ingest.py                 # the pages of tests/io/data
    python benchmarks/bench_ingest.py --repeat 200

Precision/recall are over the distinct gazetteer entries found; each page counts once.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from geomap.io.decode import declared_charset, decode_bytes
from geomap.io.html import extract_page, html_to_text
from geomap.models import Article
from geomap.pipeline import Pipeline

DATA = Path(__file__).resolve().parent.parent / "tests" / "io" / "data"


def _entries(pipe: Pipeline, text: str) -> set[str]:
    got = pipe.parse_article(Article(id="x", text=text))
    return {p.entry.id for p in got.place_list if p.entry is not None}


def _pr(found: set[str], gold: set[str]) -> tuple[float, float]:
    tp = len(found & gold)
    return (tp / len(found) if found else 1.0), (tp / len(gold) if gold else 1.0)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=100, help="extractions per page for timing")
    args = ap.parse_args()
    pipe = Pipeline()
    rows = []
    for html_path in sorted(DATA.glob("*.html")):
        gold_path = html_path.with_suffix(".main.txt")
        if not gold_path.exists():
            continue
        data = html_path.read_bytes()
        markup = decode_bytes(data, str(html_path), declared=declared_charset(data))
        extract_page(markup)  # warm up (imports)
        t0 = time.perf_counter()
        for _ in range(args.repeat):
            page = extract_page(markup)
        ms = (time.perf_counter() - t0) / args.repeat * 1000
        gold = _entries(pipe, gold_path.read_text(encoding="utf-8"))
        raw_p, raw_r = _pr(_entries(pipe, html_to_text(markup)[0]), gold)
        main_p, main_r = _pr(_entries(pipe, page.text), gold)
        rows.append((html_path.name, ms, raw_p, raw_r, main_p, main_r, page.published))
        print(
            f"{html_path.name}: {ms:.2f} ms/page; visible text P={raw_p:.2f} R={raw_r:.2f}; "
            f"main text P={main_p:.2f} R={main_r:.2f}; date {page.published}"
        )
    print(
        f"mean: {statistics.mean(r[1] for r in rows):.2f} ms/page; visible text "
        f"P={statistics.mean(r[2] for r in rows):.2f} R={statistics.mean(r[3] for r in rows):.2f}; "
        f"main text P={statistics.mean(r[4] for r in rows):.2f} "
        f"R={statistics.mean(r[5] for r in rows):.2f}; dated {sum(bool(r[6]) for r in rows)}"
        f"/{len(rows)}"
    )


if __name__ == "__main__":
    main()
