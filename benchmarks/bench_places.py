#!/usr/bin/env python
"""Throughput, start-up time and peak memory of geomap on a corpus of news articles.

Not a pytest test. Runs in one process on one core (thread pools limited to 1, and the process
pinned to one CPU where the OS allows), so numbers compare with single-core figures in the
literature. See benchmarks/README.md.

    python benchmarks/bench_places.py [CORPUS] [--recognise-only] [--limit N] [--json]

CORPUS is a JSONL file (one article per line with a "text" field, as in the evaluation corpora)
or a folder of *.jsonl and/or *.txt files (one article per .txt file). Default:
/work/shared/eval/lgl.jsonl when it exists.
"""

from __future__ import annotations

import os

# Before anything imports numpy, torch, onnxruntime, ...: one thread everywhere.
_THREAD_VARS = (
    "OMP_NUM_THREADS",
    "OPENBLAS_NUM_THREADS",
    "MKL_NUM_THREADS",
    "NUMEXPR_NUM_THREADS",
    "VECLIB_MAXIMUM_THREADS",
    "BLIS_NUM_THREADS",
    "RAYON_NUM_THREADS",
    "ORT_NUM_THREADS",
)
for _var in _THREAD_VARS:
    os.environ[_var] = "1"
os.environ["TOKENIZERS_PARALLELISM"] = "false"

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import resource  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:  # run from a checkout without `pip install -e .`
    sys.path.insert(1, str(REPO))
DEFAULT_CORPUS = Path("/work/shared/eval/lgl.jsonl")
# A made-up sentence for warm-up and start-up runs (never corpus text).
WARMUP_TEXT = "Heavy rain flooded streets in Paris and Lyon on Monday, officials in France said."


# ------------------------------------------------------------------ corpus


def _read_jsonl(path: Path) -> list[dict[str, Any]]:
    try:
        from geomap.eval.metrics import read_jsonl
    except ImportError:  # pragma: no cover - evaluate missing: plain reader
        return [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    return read_jsonl(path)


def load_corpus(path: Path) -> list[dict[str, Any]]:
    """Articles as dicts with at least "id" and "text"."""
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.suffix in (".jsonl", ".txt"))
        if not files:
            raise SystemExit(f"{path}: no *.jsonl or *.txt files")
    elif path.is_file():
        files = [path]
    else:
        raise SystemExit(f"{path}: no such file or folder")
    articles: list[dict[str, Any]] = []
    for f in files:
        if f.suffix == ".txt":
            articles.append({"id": f.stem, "text": f.read_text(encoding="utf-8")})
            continue
        for n, rec in enumerate(_read_jsonl(f), start=1):
            if not isinstance(rec.get("text"), str):
                raise SystemExit(f"{f}: record {n} has no text")
            articles.append(
                {
                    "id": rec.get("id", f"{f.stem}-{n}"),
                    "text": rec["text"],
                    "title": rec.get("title"),
                    "url": rec.get("url"),
                }
            )
    return articles


# ------------------------------------------------------------------ measurements


def pin_one_cpu() -> int | None:
    """Pin this process (and its children) to one CPU; returns it, or None if unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpus = sorted(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpus[0]})
    return cpus[0]


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (ru_maxrss is KB on Linux, bytes on macOS)."""
    rss = resource.getrusage(who).ru_maxrss
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def time_command(cmd: list[str], repeat: int) -> dict[str, Any]:
    """Wall time of a command: one untimed run (warms the OS file cache), then `repeat` timed."""
    # cwd=REPO: `python -c` imports geomap from the checkout if it is not installed
    first = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=REPO)
    if first.returncode != 0:
        err = (first.stderr or first.stdout).strip().splitlines()
        return {"cmd": cmd, "error": err[-1] if err else f"exit {first.returncode}"}
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=REPO)
        times.append(time.perf_counter() - t0)
    return {"cmd": cmd, "min_s": min(times), "median_s": statistics.median(times), "runs": repeat}


def startup(recognise_only: bool, repeat: int) -> dict[str, Any]:
    """Start-up cost of a fresh process, warm cache."""
    call = (
        f"geomap.pipeline.toponyms({WARMUP_TEXT!r})"
        if recognise_only
        else f"geomap.parse({WARMUP_TEXT!r})"
    )
    mod = "import geomap, geomap.pipeline" if recognise_only else "import geomap"
    out: dict[str, Any] = {
        "import": time_command([sys.executable, "-c", "import geomap"], repeat),
        # import + gazetteer (and models) opened + one short article
        "first_article": time_command([sys.executable, "-c", f"{mod}; {call}"], repeat),
    }
    exe = shutil.which("geomap", path=str(Path(sys.executable).parent)) or shutil.which("geomap")
    if exe:
        out["cli_version"] = time_command([exe, "--version"], repeat)
    out["children_peak_rss_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN)
    return out


def _count(result: Any) -> int:
    """Number of places in a parse result (GeoDataFrame in .places) or of toponyms in a list."""
    places = getattr(result, "places", result)
    try:
        return len(places)
    except TypeError:
        return 0


def run(articles: list[dict[str, Any]], recognise_only: bool, strict: bool) -> dict[str, Any]:
    """Parse every article once in this process; per-article wall times."""
    import geomap

    if recognise_only:
        try:
            import geomap.pipeline
        except ImportError as exc:
            raise SystemExit(f"bench_places: cannot import geomap.pipeline: {exc}") from exc
        target = getattr(geomap.pipeline, "toponyms", None)
        name = "geomap.pipeline.toponyms"
    else:
        target = getattr(geomap, "parse", None)
        name = "geomap.parse"
    if target is None:
        raise SystemExit(f"bench_places: {name} does not exist (yet)")

    def fn(a: dict[str, Any]) -> Any:
        if recognise_only:
            return target(a["text"])
        return target(a["text"], title=a.get("title"), url=a.get("url"))

    rss_before = peak_rss_mb()
    t0 = time.perf_counter()
    fn({"text": WARMUP_TEXT})  # loads the gazetteer and any models: timed apart
    warmup_s = time.perf_counter() - t0

    times: list[float] = []
    words = found = 0
    failures: list[dict[str, Any]] = []
    total0 = time.perf_counter()
    for a in articles:
        t = time.perf_counter()
        try:
            res = fn(a)
        except Exception as exc:
            if strict:
                raise
            failures.append({"id": a["id"], "error": f"{type(exc).__name__}: {exc}"})
            continue
        times.append(time.perf_counter() - t)
        words += len(a["text"].split())
        found += _count(res)
    total_s = time.perf_counter() - total0
    parse_s = sum(times)
    ms = sorted(x * 1000 for x in times)
    return {
        "mode": "recognise-only" if recognise_only else "parse",
        "articles": len(articles),
        "parsed": len(times),
        "failures": len(failures),
        "failure_examples": failures[:5],
        "words": words,
        "places_found": found,
        "warmup_s": warmup_s,
        "seconds": parse_s,
        "wall_seconds": total_s,
        "words_per_s": words / parse_s if parse_s > 0 else None,
        "articles_per_s": len(times) / parse_s if parse_s > 0 else None,
        "ms_per_article": {
            "mean": statistics.fmean(ms) if ms else None,
            "median": statistics.median(ms) if ms else None,
            "p95": ms[min(len(ms) - 1, int(0.95 * len(ms)))] if ms else None,
            "max": ms[-1] if ms else None,
        },
        "peak_rss_mb_before": rss_before,
        "peak_rss_mb": peak_rss_mb(),
    }


# ------------------------------------------------------------------ output


def _f(v: Any, unit: str = "", digits: int = 2) -> str:
    if v is None:
        return "-"
    if isinstance(v, float):
        return f"{v:,.{digits}f}{unit}"
    return f"{v:,}{unit}"


def table(report: dict[str, Any]) -> str:
    r, s = report["run"], report.get("startup", {})
    rows: list[tuple[str, str]] = [
        ("corpus", report["corpus"]),
        ("mode", r["mode"]),
        ("articles (parsed / failed)", f"{r['articles']:,} ({r['parsed']:,} / {r['failures']:,})"),
        ("words", _f(r["words"])),
        ("places found", _f(r["places_found"])),
        ("words/s", _f(r["words_per_s"], digits=0)),
        ("articles/s", _f(r["articles_per_s"])),
        (
            "ms/article mean / median / p95 / max",
            " / ".join(
                _f(r["ms_per_article"][k], digits=1) for k in ("mean", "median", "p95", "max")
            ),
        ),
        ("parse time (sum / wall)", f"{_f(r['seconds'], ' s')} / {_f(r['wall_seconds'], ' s')}"),
        ("first call in process (warm-up)", _f(r["warmup_s"], " s", 3)),
        (
            "peak memory (before / after)",
            f"{_f(r['peak_rss_mb_before'], ' MB', 0)} / {_f(r['peak_rss_mb'], ' MB', 0)}",
        ),
    ]
    for key, label in (
        ("import", "start-up: python -c 'import geomap'"),
        ("first_article", "start-up: import + gazetteer + 1 article"),
        ("cli_version", "start-up: geomap --version"),
    ):
        m = s.get(key)
        if m is None:
            continue
        val = m.get("error") or f"{_f(m['median_s'], ' s', 3)} (min {_f(m['min_s'], ' s', 3)})"
        rows.append((label, val))
    if "children_peak_rss_mb" in s:
        rows.append(("start-up peak memory", _f(s["children_peak_rss_mb"], " MB", 0)))
    rows.append(("threads / cpu", f"1 / {report['cpu'] if report['cpu'] is not None else 'any'}"))
    w = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(w)}  {v}" for k, v in rows]
    for fail in r["failure_examples"]:
        lines.append(f"  failed {fail['id']}: {fail['error']}")
    return "\n".join(lines)


def run_batch(articles: list[dict[str, Any]], *, incidents: bool) -> dict[str, Any]:
    """Text -> places GeoDataFrame for a whole corpus, the frame built once."""
    import geomap
    from geomap.models import Article
    from geomap.pipeline import Pipeline

    pipe = Pipeline(incidents=incidents)
    # gazetteer, lexicons, and the geopandas import (start-up costs, measured apart)
    geomap.places_of([pipe.parse_article(Article(id="warm-up", text=WARMUP_TEXT))])
    arts = [Article(id=str(a["id"]), text=a["text"]) for a in articles]
    words = sum(len(a.text.split()) for a in arts)
    t0 = time.perf_counter()
    results = [pipe.parse_article(a) for a in arts]
    t1 = time.perf_counter()
    gdf = geomap.places_of(results)
    t2 = time.perf_counter()
    return {
        "articles": len(arts),
        "words": words,
        "incident stage": incidents,
        "place rows": len(gdf),
        "incidents": sum(len(r.incident_list) for r in results),
        "parse seconds": round(t1 - t0, 3),
        "frame seconds": round(t2 - t1, 3),
        "words/s (parse + frame)": round(words / (t2 - t0)),
        "peak memory MB": round(peak_rss_mb(), 1),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "corpus",
        nargs="?",
        type=Path,
        default=DEFAULT_CORPUS if DEFAULT_CORPUS.exists() else None,
        help=f"JSONL file or folder of *.jsonl / *.txt (default: {DEFAULT_CORPUS} if present)",
    )
    ap.add_argument(
        "--recognise-only",
        action="store_true",
        help="time geomap.pipeline.toponyms(text) (recognition) instead of geomap.parse(text)",
    )
    ap.add_argument("--limit", type=int, default=None, help="only the first N articles")
    ap.add_argument("--repeat", type=int, default=3, help="timed start-up runs (default 3)")
    ap.add_argument("--no-startup", action="store_true", help="skip the start-up subprocesses")
    ap.add_argument("--no-pin", action="store_true", help="do not pin the process to one CPU")
    ap.add_argument("--strict", action="store_true", help="stop at the first failing article")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument(
        "--batch",
        action="store_true",
        help="the batch path: parse every article, then ONE places GeoDataFrame "
        "(geomap.places_of) with geometries, as `geomap map` does",
    )
    ap.add_argument(
        "--no-incidents",
        action="store_true",
        help="with --batch: skip the incident stage (to measure its cost)",
    )
    args = ap.parse_args(argv)
    if args.corpus is None:
        ap.error(f"give a corpus path ({DEFAULT_CORPUS} not found)")

    cpu = None if args.no_pin else pin_one_cpu()
    articles = load_corpus(args.corpus)
    if args.limit is not None:
        articles = articles[: args.limit]
    report: dict[str, Any] = {
        "corpus": str(args.corpus),
        "cpu": cpu,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "threads_env": {v: os.environ[v] for v in _THREAD_VARS},
    }
    if args.batch:
        report["batch"] = run_batch(articles, incidents=not args.no_incidents)
        print(
            json.dumps(report, indent=2)
            if args.json
            else "\n".join(f"{k:40s}  {v}" for k, v in report["batch"].items())
        )
        return 0
    report["run"] = run(articles, args.recognise_only, args.strict)
    if not args.no_startup:
        # after the run, so the timed runs see a warm file cache
        report["startup"] = startup(args.recognise_only, max(1, args.repeat))
    print(json.dumps(report, indent=2) if args.json else table(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
