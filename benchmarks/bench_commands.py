"""Whole-process cost of ``geomap extract`` against ``geomap toponyms`` on one corpus.

The target of issue 11: on real incident reports, ``geomap extract`` (places, incidents,
merged GeoJSON) takes at most twice as long as ``geomap toponyms`` (places only) on the same
text, start-up included. Each command runs ``--repeat`` times, alternating, as a child process;
its CPU time (user + system, from ``os.wait4``) and wall time are recorded. Printed: median and
minimum of each, the ratios of the medians and of the minimums, and the load average before
and after (CPU time still grows when other processes share the cores).

    python benchmarks/bench_commands.py /work/shared/eval/incidents_dev.jsonl --repeat 15
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(cmd: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one child process running ``cmd``."""
    t0 = time.perf_counter()
    with open(os.devnull, "wb") as null:
        proc = subprocess.Popen(cmd, stdout=null, stderr=subprocess.PIPE)
        _, status, usage = os.wait4(proc.pid, 0)
        err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
        if proc.stderr:
            proc.stderr.close()
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    return usage.ru_utime + usage.ru_stime, wall


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", help="JSONL corpus (one article per line with a text field)")
    ap.add_argument("--repeat", type=int, default=9, help="runs of each command (default 9)")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    args = ap.parse_args(argv)
    geomap = [sys.executable, "-m", "geomap"]
    with tempfile.TemporaryDirectory(prefix="geomap-bench-") as tmp:
        commands = {
            "toponyms": [*geomap, "toponyms", args.corpus, "-o", str(Path(tmp) / "t.jsonl")],
            "extract": [*geomap, "extract", args.corpus, "-o", str(Path(tmp) / "i.geojson")],
        }
        load_before = os.getloadavg()
        for cmd in commands.values():  # untimed: warm file cache and gazetteer
            _run(cmd)
        times: dict[str, list[tuple[float, float]]] = {k: [] for k in commands}
        for _ in range(args.repeat):
            for name, cmd in commands.items():
                times[name].append(_run(cmd))
        load_after = os.getloadavg()
    out: dict[str, object] = {"corpus": args.corpus, "repeat": args.repeat}
    for name, runs in times.items():
        cpu = [c for c, _ in runs]
        wall = [w for _, w in runs]
        out[name] = {
            "cpu_median": round(statistics.median(cpu), 3),
            "cpu_min": round(min(cpu), 3),
            "wall_median": round(statistics.median(wall), 3),
        }
    e, t = out["extract"], out["toponyms"]
    assert isinstance(e, dict) and isinstance(t, dict)
    out["ratio_cpu_median"] = round(e["cpu_median"] / t["cpu_median"], 3)
    out["ratio_cpu_min"] = round(e["cpu_min"] / t["cpu_min"], 3)
    out["ratio_wall_median"] = round(e["wall_median"] / t["wall_median"], 3)
    out["load_average"] = [round(load_before[0], 2), round(load_after[0], 2)]
    if args.json:
        print(json.dumps(out))
        return 0
    for name in commands:
        v = out[name]
        assert isinstance(v, dict)
        print(
            f"geomap {name:9s} CPU median {v['cpu_median']:.2f} s, min {v['cpu_min']:.2f} s; "
            f"wall median {v['wall_median']:.2f} s"
        )
    print(
        f"extract / toponyms: CPU {out['ratio_cpu_median']:.2f} (medians), "
        f"{out['ratio_cpu_min']:.2f} (minimums); wall {out['ratio_wall_median']:.2f} "
        f"(target <= 2); load average {load_before[0]:.2f} -> {load_after[0]:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
