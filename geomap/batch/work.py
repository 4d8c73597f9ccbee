"""One partition's work: parse its articles, build its two frames once, write them atomically.

:func:`run_partition` runs wherever the engine puts it (this process, or a Dask worker): it
parses (:func:`process_partition`) and writes the partition's files (:func:`write_part`), so
only a few counts travel back, never frames (their footprints are large). A cluster's workers
therefore need the output folder (a shared file system).
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap import _atomic
from geomap._gc import long_run
from geomap.batch.partitions import Partition, part_paths
from geomap.io.ingest import Failure

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.pipeline import Pipeline

__all__ = [
    "PartOutput",
    "done_parts",
    "process_partition",
    "read_done",
    "run_partition",
    "write_part",
]

#: one pipeline per process (and settings), so a worker opens the gazetteer (and the
#: fallback geocoder's cache) once
_PIPELINES: dict[tuple[bool, Any], Pipeline] = {}


def _pipeline(incidents: bool, fallback: Any = None) -> Pipeline:
    pipe = _PIPELINES.get((incidents, fallback))
    if pipe is None:
        from geomap.pipeline import Pipeline

        geocoder = fallback.build() if fallback is not None else None
        pipe = _PIPELINES[(incidents, fallback)] = Pipeline(
            incidents=incidents, fallback_geocoder=geocoder
        )
    return pipe


@dataclass
class PartOutput:
    """What one partition produced (picklable: failures carry no exception)."""

    index: int
    places: gpd.GeoDataFrame
    incidents: gpd.GeoDataFrame
    failures: list[Failure] = field(default_factory=list)
    stats: dict[str, Any] = field(default_factory=dict)


def process_partition(part: Partition, incidents: bool = True, fallback: Any = None) -> PartOutput:
    """Parse every article of ``part``; an article that raises becomes a failure.
    ``fallback``: a :class:`~geomap.places.fallback.FallbackSpec` (None: offline)."""
    from geomap.frame import incidents_frame, place_records, places_frame

    t0 = time.perf_counter()
    pipe = _pipeline(incidents, fallback)
    asked = pipe.fallback.requests if pipe.fallback is not None else 0
    place_rows: list[dict[str, Any]] = []
    found_incidents: list[Any] = []
    failures = list(part.failures)
    n = words = 0
    # one article's fault never costs the rest of the batch: it comes back as its failure
    for art, result in zip(part.articles, pipe.parse_articles(part.articles), strict=True):
        if isinstance(result, Failure):
            failures.append(Failure(result.source, result.line, result.reason))
            continue
        n += 1
        words += len(art.text.split())
        place_rows.extend(place_records(art, result.place_list))
        found_incidents.extend(result.incident_list)
    places = places_frame(place_rows)
    incs = incidents_frame(found_incidents)
    stats = {
        "articles": n,
        "words": words,
        "failures": len(failures),
        "places": len(places),
        "incidents": len(incs),
        "geocoder_requests": (pipe.fallback.requests - asked) if pipe.fallback else 0,
        "seconds": round(time.perf_counter() - t0, 3),
    }
    return PartOutput(part.index, places, incs, failures, stats)


def write_part(out_dir: Path, out: PartOutput) -> dict[str, Any]:
    """Write a partition's files atomically, the done-marker last; return its stats."""
    from geomap.io.export import write_parquet

    paths = part_paths(out_dir, out.index)
    paths.done.parent.mkdir(parents=True, exist_ok=True)
    write_parquet(out.places, paths.places)
    write_parquet(out.incidents, paths.incidents)
    lines = [
        json.dumps({"file": f.source, "line": f.line, "reason": f.reason}, ensure_ascii=False)
        for f in out.failures
    ]
    _atomic.write_text(paths.failures, "".join(line + "\n" for line in lines))
    _atomic.write_text(paths.done, json.dumps({"index": out.index, **out.stats}) + "\n")
    return out.stats


def run_partition(
    part: Partition, incidents: bool, out_dir: str, fallback: Any = None
) -> dict[str, Any]:
    """Process ``part`` and write its files under ``out_dir`` (where it runs: a Dask worker
    writes its own partitions, so that frames never travel); its stats with its index. The
    collector runs with the thresholds of a long run (:mod:`geomap._gc`) in whatever process
    this is: the CLI's for the local engine, a worker's for Dask."""
    with long_run():
        out = process_partition(part, incidents, fallback)
        return {"index": out.index, **write_part(Path(out_dir), out)}


def read_done(out_dir: Path, index: int) -> dict[str, Any] | None:
    """The stats of a finished partition, or None when it is not finished."""
    paths = part_paths(out_dir, index)
    try:
        stats = json.loads(paths.done.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not all(p.exists() for p in (paths.places, paths.incidents, paths.failures)):
        return None
    return dict(stats)


def done_parts(out_dir: Path) -> dict[int, dict[str, Any]]:
    """Every finished partition under ``out_dir/parts``: index -> stats."""
    found: dict[int, dict[str, Any]] = {}
    parts = out_dir / "parts"
    if not parts.is_dir():
        return found
    for marker in parts.glob("*.done.json"):
        stem = marker.name.split(".", 1)[0]
        if stem.isdigit() and (stats := read_done(out_dir, int(stem))) is not None:
            found[int(stem)] = stats
    return found
