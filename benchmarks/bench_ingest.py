"""Web-page reading: extraction time per page, and the places of a page with its boilerplate
(the old visible-text pass) versus its main text (trafilatura), scored against the text a
person marked as the article (``tests/io/data/NAME.main.txt``).

    python benchmarks/bench_ingest.py                 # the pages of tests/io/data
    python benchmarks/bench_ingest.py --repeat 200
    python benchmarks/bench_ingest.py --warc 300     # + a WARC and a feed of 300 such pages

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
    ap.add_argument("--warc", type=int, default=0, help="also compare a WARC and a feed of N pages")
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

    if args.warc:
        _compare_archive(pipe, args.warc)


def _compare_archive(pipe: Pipeline, n: int) -> None:
    """Places of N pages read as files, from one WARC and from one RSS feed (content:encoded
    holding each page's main paragraphs) agree?"""
    import html
    import tempfile
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    from geomap.io.ingest import iter_inputs

    pages = [p for p in sorted(DATA.glob("*.html")) if p.with_suffix(".main.txt").exists()]
    with tempfile.TemporaryDirectory() as tmp:
        warc, feed = Path(tmp) / "pages.warc.gz", Path(tmp) / "pages.rss"
        items = []
        with warc.open("wb") as fh:
            w = WARCWriter(fh, gzip=True)
            for i in range(n):
                body = pages[i % len(pages)].read_bytes()
                http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], "HTTP/1.1")
                rec = w.create_warc_record(
                    f"https://x.example/{i}", "response", payload=BytesIO(body),
                    length=len(body), http_headers=http,
                )  # fmt: skip
                w.write_record(rec)
                main = pages[i % len(pages)].with_suffix(".main.txt").read_text(encoding="utf-8")
                paras = "".join(f"<p>{html.escape(p)}</p>" for p in main.split("\n\n"))
                items.append(
                    f"<item><title>{i}</title><link>https://x.example/{i}</link>"
                    f"<content:encoded><![CDATA[{paras}]]></content:encoded></item>"
                )
        feed.write_text(
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>t</title>{''.join(items)}</channel></rss>",
            encoding="utf-8",
        )
        t0 = time.perf_counter()
        from_warc = [a for a in iter_inputs([warc]) if isinstance(a, Article)]
        warc_s = time.perf_counter() - t0
        from_feed = [a for a in iter_inputs([feed]) if isinstance(a, Article)]
    by_page = {p.name: _entries(pipe, extract_page(p.read_bytes().decode("cp1252")).text)
               for p in pages}  # fmt: skip
    same_warc = sum(
        _entries(pipe, a.text) == by_page[pages[i % len(pages)].name]
        for i, a in enumerate(from_warc)
    )
    same_feed = sum(
        _entries(pipe, a.text) == by_page[pages[i % len(pages)].name]
        for i, a in enumerate(from_feed)
    )
    print(
        f"WARC of {n} pages: {len(from_warc)} articles read in {warc_s:.2f} s, "
        f"{same_warc}/{n} with the pages' places; feed: {len(from_feed)} articles, "
        f"{same_feed}/{n} with the pages' places"
    )


if __name__ == "__main__":
    main()
