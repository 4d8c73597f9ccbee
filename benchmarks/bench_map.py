"""Incident map size and build time at scale, and (optionally) how the biggest map behaves in a
browser. Synthetic incidents are built directly with geopandas (no NLP): random points (80 %),
polygons (10 %) and lines (10 %) worldwide with every column of ``geomap.frame.INCIDENT_COLUMNS``.

    python benchmarks/bench_map.py                        # 1,000 / 10,000 / 100,000
    python benchmarks/bench_map.py --sizes 10000 --keep maps/bench
    python benchmarks/bench_map.py --sentences ../shared/eval/*.jsonl   # real news sentences
    python benchmarks/bench_map.py --browser              # + open each in headless Chromium at
                                                          #   desk, laptop and phone sizes: time
                                                          #   to interactive, panel share, frames
    python benchmarks/bench_map.py --examples maps/*.html --screenshots maps/screenshots
        # the example maps at desk, laptop and phone sizes: figures and screenshots
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geomap.frame import INCIDENT_COLUMNS
from geomap.render import render_map
from geomap.render.incident_layer import POPUP_CHUNK, choose_mode
from geomap.render.quotes import QUOTE_CHARS
from geomap.render.styles import CATEGORY_QUAD

COLUMNS = INCIDENT_COLUMNS
WORD = re.compile(r"\w+")
CATEGORIES = CATEGORY_QUAD
ACTORS = ["China", "Taiwan", "Philippines", "United States", "Japan", "Indonesia", "Australia",
          "PLA Navy", "Coast Guard", "Foreign Ministry", "protesters", "ASEAN"]  # fmt: skip
PLACES = ["Manila", "Taipei", "Bali", "Scarborough Shoal", "Jakarta", "Okinawa", "Hanoi",
          "Spratly Islands", "Kaohsiung", "Darwin"]  # fmt: skip


def synthetic_incidents(
    n: int, seed: int = 0, sentences: list[str] | None = None
) -> gpd.GeoDataFrame:
    """``n`` random incidents in the geomap incidents schema (EPSG:4326).

    With ``sentences`` (real news sentences read from a corpus at run time, never stored),
    each incident quotes one of them, so that the HTML size reflects real text, which
    compresses far less than a template.
    """
    rng = np.random.default_rng(seed)
    lon = rng.uniform(-179, 179, n)
    lat = rng.uniform(-60, 70, n)
    kind = rng.choice(3, n, p=[0.8, 0.1, 0.1])  # point, polygon, line
    cats = list(CATEGORIES)
    cat = rng.choice(len(cats), n)
    n_articles = max(1, n // 5)
    start = pd.Timestamp("2024-01-01") + pd.to_timedelta(rng.integers(0, 365, n), unit="D")
    length = rng.choice([0, 0, 0, 1, 6, 30], n)
    geoms = []
    precision = np.empty(n, dtype=np.int64)
    for i in range(n):
        x, y = lon[i], lat[i]
        if kind[i] == 0:
            geoms.append(shapely.Point(x, y))
            precision[i] = rng.choice([1, 2, 3, 4, 6], p=[0.2, 0.3, 0.3, 0.1, 0.1])
        elif kind[i] == 1:
            w, h = rng.uniform(0.5, 4, 2)
            geoms.append(shapely.box(x, y, min(x + w, 179.9), min(y + h, 80)))
            precision[i] = rng.choice([4, 5, 6, 7])
        else:
            geoms.append(shapely.LineString([(x, y), (min(x + rng.uniform(0.5, 3), 179.9), y + 1)]))
            precision[i] = 7
    rows = []
    for i in range(n):
        a = int(rng.integers(0, n_articles))
        c = cats[cat[i]]
        actors = list(rng.choice(ACTORS, 2, replace=False))
        place = PLACES[i % len(PLACES)]
        if sentences:  # a word of the sentence stands for its trigger
            sentence = sentences[i % len(sentences)]
            words = [(m.start(), m.end()) for m in WORD.finditer(sentence)] or [(0, 0)]
            t0, t1 = words[int(rng.integers(0, len(words)))]
        else:
            sentence = (
                f"{actors[0]} said on Tuesday that {actors[1]} vessels and aircraft were "
                f"involved in a {c.replace('_', ' ')} near {place}, the {i}th such report "
                "this year."
            )
            t0 = len(actors[0]) + 1
            t1 = t0 + 4
        s = start[i]
        src = {
            "article_id": f"art-{a}",
            "title": f"Tensions rise near {place} (report {a})",
            "url": f"https://news.example.org/{a}",
            "published": (pd.Timestamp("2024-01-01") + pd.Timedelta(days=a % 365))
            .date()
            .isoformat(),
            "sentence": sentence,
            "sentence_start": 0,
            "sentence_end": len(sentence),
            "trigger": sentence[t0:t1],
            "trigger_start": t0,
            "trigger_end": t1,
        }
        rows.append(
            {
                "id": f"inc-{i:08x}",
                "member_ids": json.dumps([f"inc-{i:08x}"]),
                "article_id": src["article_id"],
                "article_title": src["title"],
                "article_url": src["url"],
                "published": src["published"],
                "category": c,
                "domain": "sea" if c == "maritime_incident" else "land",
                "plover_event": None,
                "cameo_root": None,
                "quad_class": CATEGORIES[c],
                "title": f"{c.replace('_', ' ').capitalize()} near {place}",
                "trigger": sentence[t0:t1],
                "sentence": sentence,
                "sentence_start": 0,
                "sentence_end": len(sentence),
                "actors": json.dumps([{"name": x, "kind": "state"} for x in actors]),
                "actor_names": "; ".join(actors),
                "countries": "",
                "start": s.date().isoformat(),
                "end": (s + pd.Timedelta(days=int(length[i]))).date().isoformat(),
                "time_precision": "day" if length[i] < 6 else "week" if length[i] < 30 else "month",
                "modality": rng.choice(["asserted", "asserted", "asserted", "future"]),
                "place_name": place,
                "place_mention": place,
                "entry_id": None,
                "place_kind": None,
                "country_code": None,
                "geo_precision": int(precision[i]),
                "confidence": float(round(rng.uniform(0.3, 1.0), 2)),
                "n_sources": 1,
                "n_articles": 1,
                "sources": json.dumps([src]),
                "anchor_lon": float(lon[i]),
                "anchor_lat": float(lat[i]),
            }
        )
    df = pd.DataFrame(rows, columns=COLUMNS[:-1])
    return gpd.GeoDataFrame(df, geometry=geoms, crs="EPSG:4326")


def corpus_sentences(paths: list[Path], seed: int = 0) -> list[str]:
    """The distinct sentences (at least :data:`MIN_WORDS` words) of the ``text`` fields of the
    JSONL corpora ``paths``, split with geomap's own splitter, in a shuffled order (fixed seed).
    Read at run time, never stored."""
    from geomap.text.tokens import sentences as spans

    seen: set[str] = set()
    out: list[str] = []
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                doc = json.loads(line).get("text") or ""
                for a, b in spans(doc):
                    s = doc[a:b].strip()
                    if len(s.split()) >= MIN_WORDS and s not in seen:
                        seen.add(s)
                        out.append(s)
    order = np.random.default_rng(seed).permutation(len(out))
    return [out[i] for i in order]


#: shorter "sentences" of the corpora are headings, bylines and captions, not event reports
MIN_WORDS = 5


def repetition(n: int, n_sentences: int) -> str:
    """How the ``n`` incidents of a map reuse ``n_sentences`` distinct sentences (incident ``i``
    quotes sentence ``i mod n_sentences``: repeats are ``n_sentences`` incidents apart)."""
    if n <= n_sentences:
        return f"{n:,} distinct sentences, each quoted once"
    lo, hi = n // n_sentences, -(-n // n_sentences)
    times = str(lo) if lo == hi else f"{lo}-{hi}"
    return (
        f"{n_sentences:,} distinct sentences, each quoted by {times} incidents, repeats "
        f"{n_sentences:,} incidents apart (never two in one popup chunk of "
        f"{POPUP_CHUNK:,} incidents)"
        if n_sentences >= POPUP_CHUNK
        else f"{n_sentences:,} distinct sentences, each quoted by {times} incidents"
    )


def empty_places() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame({"name": []}, geometry=[], crs="EPSG:4326")


#: share of the map under panels (the page samples it on a 4 px grid)
SHARE_JS = "() => window.geomap.panelShare()"


#: after ``geomap.ready``: listeners for a real mouse drag; ``window.geomapPan`` gets
#: ``performance.now()`` of the first map move of the drag (the page answered) and of the redraw
#: once the map stopped (two animation frames after moveend)
PAN_JS = """() => {
  const m = window.geomap.map, r = window.geomapPan = {first: null, redrawn: null};
  m.once("move", () => { r.first = performance.now(); });
  m.once("moveend", () => requestAnimationFrame(() => requestAnimationFrame(() => {
    r.redrawn = performance.now(); })));
}"""
#: frame times (requestAnimationFrame deltas, ms) during an animated 1 s pan over 600 px
FRAMES_JS = """() => new Promise(done => {
  const m = window.geomap.map, d = [];
  let last = performance.now(), on = true;
  (function tick(t) { d.push(t - last); last = t; if (on) requestAnimationFrame(tick); })(last);
  m.once("moveend", () => requestAnimationFrame(() => { on = false;
    const cv = window.geomap.canvas;
    done({frames: d.slice(1), redraw: cv ? cv.lastDraw : null}); }));
  m.panBy([600, 250], {animate: true, duration: 1});
})"""


#: seconds from asking for incident ``i``'s popup (geomap.focus: the map moves there) to the
#: popup open; for a compact map the first popup of its chunk: the chunk is read (LZMA) then
POPUP_JS = """(i) => new Promise(done => {
  const g = window.geomap, t0 = performance.now();
  g.map.once("popupopen", () => done((performance.now() - t0) / 1000));
  g.focus(g.entries[i], false);
})"""


def _frame_stats(ms: list[float]) -> dict[str, float]:
    a = np.sort(np.asarray(ms, dtype=float))
    if not len(a):
        return {"n": 0}
    return {
        "n": len(a),
        "p50": round(float(np.percentile(a, 50)), 1),
        "p95": round(float(np.percentile(a, 95)), 1),
        "max": round(float(a[-1]), 1),
    }


def browser_check(
    path: Path, chromium: str, size: tuple[int, int] = (1280, 720)
) -> dict[str, object]:
    """Open ``path`` in headless Chromium (network cut off) and measure, from the page's
    navigation start (``performance.now()``):

    * ``ready_s``: the incidents drawn, the list filled and the view fitted (``geomap.ready``);
    * ``interactive_s``: then a mouse drag (Playwright) has panned the map and its incidents are
      redrawn: the page answers the user;

    then the share of the screen under panels, the list rows, frame times during an animated
    pan, the redraw after it, four pan/zoom steps, a time filter and a search."""
    from playwright.sync_api import sync_playwright

    out: dict[str, object] = {"errors": [], "requests": []}
    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=chromium, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        page = b.new_page(viewport={"width": size[0], "height": size[1]})
        url = path.resolve().as_uri()
        errors: list[str] = out["errors"]  # type: ignore[assignment]
        requests: list[str] = out["requests"]  # type: ignore[assignment]
        page.route("**/*", _offline_route(url, requests))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(url, wait_until="commit", timeout=180_000)
        # poll often: the ready time is read from the page (geomap.t.ready), not from here
        page.wait_for_function("window.geomap && window.geomap.ready", timeout=180_000, polling=20)
        out["ready_s"] = round(page.evaluate("window.geomap.t.ready") / 1000, 2)
        first_move, redrawn = _drag_pan(page, size)
        out["interactive_s"] = round(first_move, 2)
        out["pan_redrawn_s"] = round(redrawn, 2)  # includes the 150 ms pause
        out["load_s"] = out["interactive_s"]
        out["panel_share"] = round(page.evaluate(SHARE_JS), 3)
        out["list_rows"] = page.locator(".geomap-list-rows > [role=listitem]").count()
        out["list_setsize"] = page.evaluate(
            "(document.querySelector('.geomap-list-rows > [role=listitem]') || "
            "{getAttribute: () => null}).getAttribute('aria-setsize')"
        )
        fr = page.evaluate(FRAMES_JS)
        out["pan_frames_ms"] = _frame_stats(fr["frames"])
        out["redraw_ms"] = fr["redraw"]
        t1 = time.perf_counter()
        page.evaluate(
            """() => new Promise(done => {
                const m = window.geomap.map, steps = [
                  () => m.setView([20, 120], 4, {animate: false}),
                  () => m.panBy([300, 200], {animate: false}),
                  () => m.setZoom(6, {animate: false}),
                  () => m.setView([0, 0], 2, {animate: false}),
                ];
                let i = 0;
                (function next() {
                  if (i === steps.length) { requestAnimationFrame(() => done()); return; }
                  steps[i++](); requestAnimationFrame(() => setTimeout(next, 0));
                })();
            })"""
        )
        out["pan_zoom_s"] = round(time.perf_counter() - t1, 2)
        n = page.evaluate("window.geomap.entries.length")
        out["popup_s"] = round(page.evaluate(POPUP_JS, n // 2 + 3), 2)
        out["popup_again_s"] = round(page.evaluate(POPUP_JS, n // 2 + 4), 2)  # chunk read
        page.evaluate("window.geomap.map.closePopup()")
        t2 = time.perf_counter()
        page.evaluate("window.geomap.setRange(19800, 19830)")
        out["time_filter_s"] = round(time.perf_counter() - t2, 2)
        out["visible_after_filter"] = page.evaluate("window.geomap.nVisible")
        t3 = time.perf_counter()
        out["search_matches"] = page.evaluate("window.geomap.search('manila').length")
        out["search_s"] = round(time.perf_counter() - t3, 2)
        b.close()
    return out


SIZES = {"desk": (1400, 900), "laptop": (1280, 720), "phone": (390, 844)}
#: placed incidents whose centre is off screen or under a panel at load
HIDDEN_JS = """() => {
  const g = window.geomap, m = g.map, s = m.getSize(), rs = g.panelRects();
  return (g.entries || []).filter(e => {
    const c = g.center(e);
    if (!c) return false;
    const p = m.latLngToContainerPoint(c);
    return p.x < 0 || p.y < 0 || p.x > s.x || p.y > s.y ||
      rs.some(r => p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h);
  }).length;
}"""


def _offline_route(url: str, blocked: list[str]):  # type: ignore[no-untyped-def]
    """A route handler that lets only the page itself (and data:/blob:) through."""

    def route(r):  # type: ignore[no-untyped-def]
        if r.request.url == url or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()

    return route


def _drag_pan(page, size: tuple[int, int]) -> tuple[float, float]:  # type: ignore[no-untyped-def]
    """A real mouse drag across the map after ``geomap.ready``: ``performance.now()`` (s) of the
    map's first move (the page answered) and of the redraw after the release (PAN_JS)."""
    page.evaluate(PAN_JS)
    w, h = size
    page.mouse.move(w * 0.45, h * 0.55)
    page.mouse.down()
    page.mouse.move(w * 0.45 + 120, h * 0.55 + 60, steps=4)
    page.wait_for_timeout(150)  # a pause before the release: no inertia animation
    page.mouse.up()
    page.wait_for_function("window.geomapPan.redrawn !== null", timeout=60_000)
    first, redrawn = page.evaluate("[window.geomapPan.first, window.geomapPan.redrawn]")
    return first / 1000, redrawn / 1000


def examples(paths: list[Path], chromium: str, shots: Path | None) -> None:
    """Every map at the three sizes, from the page's navigation start: ready (drawn, listed,
    fitted), interactive (a mouse drag after ready moved the map), panel share, incidents hidden
    at load, incidents (placed / without a place), and a screenshot per size (of the view at load,
    opened again after the drag) into ``shots``."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"], headless=True)
        for path in paths:
            for name, (w, h) in SIZES.items():
                page = b.new_page(viewport={"width": w, "height": h})
                url = path.resolve().as_uri()
                blocked: list[str] = []
                page.route("**/*", _offline_route(url, blocked))
                page.goto(url, wait_until="commit")
                page.wait_for_function(
                    "window.geomap && window.geomap.ready", timeout=60_000, polling=20
                )
                ready = page.evaluate("window.geomap.t.ready") / 1000
                share = page.evaluate(SHARE_JS)
                hidden = page.evaluate(HIDDEN_JS)
                n, placed = page.evaluate(
                    "[(window.geomap.entries || []).length,"
                    " (window.geomap.entries || []).filter(e => e.p).length]"
                )
                tti, _ = _drag_pan(page, (w, h))
                if shots:  # the view at load: opened again
                    page.reload(wait_until="commit")
                    page.wait_for_function("window.geomap && window.geomap.ready", timeout=60_000)
                    shots.mkdir(parents=True, exist_ok=True)
                    page.screenshot(path=str(shots / f"{path.stem}_{name}.png"))
                print(
                    f"{path.name:<26} {name:<6} {w}x{h}: ready {ready:4.2f} s, interactive "
                    f"{tti:4.2f} s, panels {share:5.1%}, {n} incidents ({n - placed} no place), "
                    f"{hidden} hidden at load, requests leaving the file: {len(blocked)}, "
                    f"HTML {path.stat().st_size / 1e6:.2f} MB"
                )
                page.close()
        b.close()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    ap.add_argument("--keep", type=Path, help="write the maps into this folder (else a temp dir)")
    ap.add_argument("--browser", action="store_true", help="open every map in Chromium")
    ap.add_argument("--chromium", default=os.environ.get("GEOMAP_CHROMIUM", "/usr/bin/chromium"))
    ap.add_argument("--json", action="store_true", help="print the results as JSON")
    ap.add_argument(
        "--sentences",
        type=Path,
        nargs="+",
        help="JSONL corpora (e.g. ../shared/eval/*.jsonl) whose 'text' fields, split into "
        "sentences and deduplicated, serve as the incidents' source sentences",
    )
    ap.add_argument("--examples", type=Path, nargs="+", help="measure these maps instead")
    ap.add_argument("--screenshots", type=Path, help="with --examples: save screenshots here")
    args = ap.parse_args(argv)
    if args.examples:
        examples(args.examples, args.chromium, args.screenshots)
        return 0
    sentences = corpus_sentences(args.sentences) if args.sentences else None
    if sentences is not None and not args.json:
        lengths = np.array([len(x) for x in sentences])
        print(
            f"{len(sentences):,} distinct sentences of {len(args.sentences)} corpora: "
            f"median {int(np.median(lengths))} characters, "
            f"{(lengths > QUOTE_CHARS).mean():.1%} longer than QUOTE_CHARS ({QUOTE_CHARS}), "
            f"{lengths.sum() / 1e6:.1f} M characters"
        )
    folder = args.keep or Path(tempfile.mkdtemp(prefix="geomap-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    results = []
    places = empty_places()
    for n in args.sizes:
        t0 = time.perf_counter()
        gdf = synthetic_incidents(n, sentences=sentences)
        gen_s = time.perf_counter() - t0
        path = folder / f"incidents_{n}.html"
        t1, c1 = time.perf_counter(), time.process_time()
        render_map(places, path, incidents=gdf, title=f"{n:,} synthetic incidents")
        build_s, cpu_s = time.perf_counter() - t1, time.process_time() - c1
        res = {
            "incidents": n,
            "sentences": repetition(n, len(sentences)) if sentences else "synthetic",
            "mode": choose_mode(n),
            "html_mb": round(path.stat().st_size / 1e6, 2),
            "build_s": round(build_s, 2),
            "build_cpu_s": round(cpu_s, 2),  # every thread's
            "load_average": round(os.getloadavg()[0], 1),
            "generate_s": round(gen_s, 2),
            "path": str(path),
        }
        results.append(res)
        if not args.json:
            print(
                f"{n:>8,} incidents  {res['mode']:<8}  HTML {res['html_mb']:6.2f} MB  "
                f"build {res['build_s']:5.2f} s ({res['build_cpu_s']:.1f} s CPU, load average "
                f"{res['load_average']})  (synthetic data {res['generate_s']:.1f} s; "
                f"{res['sentences']})"
            )
    for res in results if args.browser else []:
        res["browser"] = {}
        for name, size in SIZES.items():
            br = browser_check(Path(str(res["path"])), args.chromium, size)
            res["browser"][name] = br  # type: ignore[index]
            if not args.json:
                print(
                    f"browser {name} {size[0]}x{size[1]}, {res['incidents']:,}: ready "
                    f"{br['ready_s']} s, interactive {br['interactive_s']} s (pan redrawn "
                    f"{br['pan_redrawn_s']} s), panels {br['panel_share']:.1%}, list rows in "
                    f"the DOM {br['list_rows']} (aria-setsize {br['list_setsize']}), pan frames "
                    f"{br['pan_frames_ms']} ms, redraw {br['redraw_ms']} ms, 4 pan/zoom steps "
                    f"{br['pan_zoom_s']} s, popup {br['popup_s']} s (next in its chunk "
                    f"{br['popup_again_s']} s), time filter {br['time_filter_s']} s "
                    f"({br['visible_after_filter']} visible), search {br['search_s']} s "
                    f"({br['search_matches']} matches), console errors: {br['errors'] or 'none'}, "
                    f"network requests: {br['requests'] or 'none'}"
                )
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
