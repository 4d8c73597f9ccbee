"""``geomap batch`` at corpus scale: articles/s, words/s and peak memory, local vs Dask.

Builds N short articles (about 60-120 words each) from the texts of ``../shared/eval/*.jsonl``
(read at benchmark time into a temporary folder, never copied into the repository), runs
``geomap batch CORPUS -o DIR --engine E`` as a subprocess for every size and engine, and
reports wall time (start-up, gazetteer, cluster start and final merge included), articles/s,
words/s and the peak resident memory of the whole process tree (the CLI, and the Dask
scheduler, nanny and worker processes), sampled from /proc every 0.1 s.

    python benchmarks/bench_batch.py                       # 1,000 2,000 10,000 20,000
    python benchmarks/bench_batch.py --sizes 1000,2000 --engines local
    python benchmarks/bench_batch.py --json > bench-batch.json

Targets (issue 11): 20,000 articles in at most 12x the time of 2,000; ``--engine dask
--workers 2`` at least 1.4x as fast as ``--engine local`` on 20,000, with the same incident
ids, under 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"


def _pool(shared: Path) -> list[tuple[str, str | None]]:
    """Texts of the evaluation corpora in pieces of at most ~120 words, with their dates."""
    pool: list[tuple[str, str | None]] = []
    for f in sorted(shared.glob("*.jsonl")):
        with f.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                words = str(rec.get("text") or "").split()
                published = rec.get("published")
                for i in range(0, len(words), 100):
                    piece = words[i : i + 120] if len(words) - i <= 120 else words[i : i + 100]
                    if len(piece) >= 5:
                        pool.append((" ".join(piece), published))
                    if len(words) - i <= 120:
                        break
    if not pool:
        raise SystemExit(f"no texts in {shared}/*.jsonl")
    return pool


def build_corpus(path: Path, n: int, pool: list[tuple[str, str | None]]) -> int:
    """Write ``n`` short articles to ``path``; return their words."""
    words = 0
    k = 0
    day0 = date(2024, 1, 1)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            parts: list[str] = []
            published = None
            while sum(len(p.split()) for p in parts) < 60:
                text, pub = pool[k % len(pool)]
                k += 1
                parts.append(text)
                published = published or pub
            text = " ".join(parts)
            words += len(text.split())
            rec = {
                "id": f"bench-{i:06d}",
                "text": text,
                "published": published or (day0 + timedelta(days=i % 365)).isoformat(),
            }
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return words


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except OSError:
            continue
    return out


def _rss(pids: list[int]) -> int:
    total = 0
    for p in pids:
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    return total


def run(corpus: Path, out: Path, engine: str, workers: int, partition: int) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "geomap", "batch", str(corpus), "-o", str(out), "--quiet"]
    cmd += ["--engine", engine, "--partition-size", str(partition)]
    if engine == "dask":
        cmd += ["--workers", str(workers)]
    log = out.with_suffix(".stderr")
    t0 = time.perf_counter()
    with log.open("wb") as err:
        proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=err)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _rss(_tree(proc.pid)))
            time.sleep(0.1)
    wall = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        tail = log.read_text(errors="replace")[-2000:]
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{tail}")
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    import geopandas as gpd

    ids = sorted(gpd.read_parquet(out / "incidents.parquet")["id"])
    return {
        "engine": engine,
        "workers": workers if engine == "dask" else 1,
        "articles": summary["articles"],
        "words": summary["words"],
        "failures": summary["failures"],
        "incidents": summary["incidents"],
        "wall_s": round(wall, 2),
        "articles_per_s": round(summary["articles"] / wall, 1),
        "words_per_s": round(summary["words"] / wall),
        "merge_s": summary["seconds"]["merge"],
        "peak_rss_mb": round(peak / 2**20),
        "_ids": ids,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--shared", type=Path, default=SHARED, help="folder of *.jsonl corpora")
    ap.add_argument("--sizes", default="1000,2000,10000,20000")
    ap.add_argument("--engines", default="local,dask")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--partition-size", type=int, default=500)
    ap.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = ap.parse_args()
    pool = _pool(args.shared)
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="geomap-bench-batch-") as tmp:
        for n in [int(s) for s in args.sizes.split(",")]:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            build_corpus(corpus, n, pool)
            ids = None
            for engine in args.engines.split(","):
                row = run(corpus, Path(tmp) / f"out-{n}-{engine}", engine, args.workers,
                          args.partition_size)  # fmt: skip
                same = ids is None or row["_ids"] == ids
                ids = ids or row["_ids"]
                row["same_ids_as_local"] = same
                del row["_ids"]
                rows.append(row)
                if not args.json:
                    print(
                        f"{n:>7,} {engine:5} wall {row['wall_s']:7.1f} s  "
                        f"{row['articles_per_s']:6.1f} art/s  {row['words_per_s']:7,} words/s  "
                        f"merge {row['merge_s']:5.1f} s  peak {row['peak_rss_mb']:5,} MB  "
                        f"{row['incidents']:,} incidents  same ids: {same}",
                        flush=True,
                    )
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    wall = {(r["articles"], r["engine"]): r["wall_s"] for r in rows}
    sizes = sorted({r["articles"] for r in rows})
    for engine in args.engines.split(","):
        if len(sizes) > 1 and (sizes[0], engine) in wall:
            big, small = sizes[-1], sizes[1] if len(sizes) > 2 else sizes[0]
            ratio = wall[(big, engine)] / wall[(small, engine)]
            print(f"{engine}: {big:,} articles take {ratio:.1f}x the time of {small:,}")
    if ("local" in args.engines) and ("dask" in args.engines):
        big = sizes[-1]
        speedup = wall[(big, "local")] / wall[(big, "dask")]
        print(f"dask/{args.workers} vs local on {big:,}: {speedup:.2f}x")


if __name__ == "__main__":
    main()
