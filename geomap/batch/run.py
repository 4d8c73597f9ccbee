"""``geomap batch``: a corpus in partitions -> DIR/parts -> DIR's merged outputs.

Layout of DIR::

    batch.json                 what the batch was started with (inputs, options)
    parts/NNNNN.places.parquet    one partition's place mentions (GeoParquet)
    parts/NNNNN.incidents.parquet one partition's incident reports (not merged yet)
    parts/NNNNN.failures.jsonl    its unreadable or failing inputs
    parts/NNNNN.done.json         written last: the partition is finished
    incidents.parquet          incidents merged across the whole batch (GeoParquet)
    places.parquet             every place mention (GeoParquet)
    failures.jsonl             file, line and reason of every failure
    summary.json               counts, timings, versions

Running the same command again skips the finished partitions (a partition is finished when
its done-marker exists; every file is written atomically) and ends with the same outputs.
"""

from __future__ import annotations

import json
import platform
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from geomap import _atomic
from geomap.batch.concat import concat_geoparquet, write_rows_with_footprints
from geomap.batch.engines import engine
from geomap.batch.partitions import check_manifest, iter_partitions, part_paths
from geomap.batch.progress import Progress
from geomap.batch.work import done_parts

__all__ = ["BatchOptions", "merge_parts", "run_batch"]

DEFAULT_PARTITION_SIZE = 500


@dataclass
class BatchOptions:
    """What ``geomap batch`` is run with."""

    inputs: list[str]
    out_dir: Path
    engine: str = "local"
    workers: int | None = None
    scheduler: str | None = None
    partition_size: int = DEFAULT_PARTITION_SIZE
    overrides: dict[str, Any] = field(default_factory=dict)
    incidents: bool = True
    quiet: bool = False
    #: the online fallback geocoder (:class:`geomap.places.fallback.FallbackSpec`), off when
    #: None: every process builds its own from it, sharing the cache file and the rate
    fallback: Any = None

    def manifest(self) -> dict[str, Any]:
        """The options a resumed run must share (not the engine: any engine may resume)."""
        return {
            "inputs": [str(Path(i).resolve()) for i in self.inputs],
            "partition_size": self.partition_size,
            "overrides": {
                k: v if isinstance(v, str | int | float) else repr(v)
                for k, v in sorted(self.overrides.items())
                if v is not None and v is not False
            },
            "incidents": self.incidents,
            # a batch resumed with another geocoder (or none) would mix two kinds of result
            **({"geocoder": self.fallback.describe()} if self.fallback is not None else {}),
        }


def _versions(engine: str) -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    names = ["geomap", "pandas", "geopandas", "shapely", "pyarrow"]
    if engine == "dask":
        names += ["dask", "distributed"]
    out = {"python": platform.python_version()}
    for name in names:
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "?"
    return out


class SlimRow(Mapping[str, Any]):
    """What merging reads of one incident report (:data:`geomap.frame.MERGE_FIELDS`, and
    ``_at``, its number in the batch), in slots rather than a dict: held for every report of
    the batch while merging, it takes about a quarter of a dict's memory."""

    __slots__ = (
        "_at",
        "actors",
        "anchor_lat",
        "anchor_lon",
        "article_id",
        "category",
        "confidence",
        "end",
        "entry_id",
        "geo_precision",
        "id",
        "modality",
        "published",
        "sentence",
        "start",
    )  # fmt: skip

    def __init__(self, values: Mapping[str, Any]) -> None:
        for name in self.__slots__:
            setattr(self, name, values[name])

    def __getitem__(self, key: str) -> Any:
        try:
            return getattr(self, key)
        except (AttributeError, TypeError):
            raise KeyError(key) from None

    def __iter__(self) -> Iterator[str]:
        return iter(self.__slots__)

    def __len__(self) -> int:
        return len(self.__slots__)


#: the text fields of a report that repeat across reports (copies, one article's several
#: reports, the same day, place or actors): one string object each while merging
_POOLED = ("published", "category", "modality", "sentence", "start", "end", "entry_id",
           "actors", "article_id")  # fmt: skip


def _merge_rows(path: Path, at: int, pool: dict[Any, Any] | None = None) -> list[SlimRow]:
    """What merging reads of a partition's incident reports (:class:`SlimRow`), each with its
    number in the batch (``at`` for the first); the sentence, which only tells copies of one
    report apart, as a digest of its :func:`~geomap.frame.copy_text` (equal digests, equal
    texts). Repeated text values are one object from ``pool`` (shared across partitions)."""
    import hashlib

    import pyarrow.parquet as pq

    from geomap.frame import MERGE_FIELDS, copy_text

    pool = {} if pool is None else pool
    rows: list[dict[str, Any]] = pq.read_table(path, columns=list(MERGE_FIELDS)).to_pylist()
    out = []
    for n, row in enumerate(rows, at):
        text = copy_text(row["sentence"])
        row["sentence"] = hashlib.blake2b(text.encode(), digest_size=16).hexdigest() if text else ""
        row["_at"] = n
        for f in _POOLED:
            v = row[f]
            if v is not None:
                row[f] = pool.setdefault(v, v)
        out.append(SlimRow(row))
    return out


def _report_rows(path: Path) -> list[dict[str, Any]]:
    """A partition's incident reports as plain rows, without their footprints."""
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    keep = [n for n in schema.names if n not in ("geometry", "bbox")]
    return pq.read_table(path, columns=keep).to_pylist()


def _merge_reports(
    out_dir: Path, parts: list[int], rows_of: list[tuple[int, int]]
) -> tuple[list[int], list[dict[str, Any]]]:
    """The incidents of the partitions ``parts`` merged across the batch, as
    :func:`geomap.frame.merge_incident_frames` merges them, in two passes so that the whole
    batch's reports are never in memory: first what deciding the merge reads
    (:func:`_merge_rows`), then each partition's full rows in turn, of which a report alone
    in its incident is kept and the others give only what the merged row is built from.
    The merged incidents as plain rows typed as the incidents frame's columns (footprint
    None), and for each the number in ``rows_of`` (filled here) of the report whose footprint
    it takes."""
    from geomap.frame import (
        MEMBER_FIELDS,
        best_member,
        merge_groups,
        merged_record,
        sort_incidents,
        sort_reports,
        typed_incident_row,
    )

    slim: list[SlimRow] = []
    pool: dict[Any, Any] = {}
    for i in parts:
        rows = _merge_rows(part_paths(out_dir, i).incidents, len(rows_of), pool)
        slim.extend(rows)
        rows_of.extend((i, r) for r in range(len(rows)))
    del pool
    slim = sort_reports(slim)
    groups = merge_groups(slim)
    where: dict[int, tuple[int, int]] = {}  # report number -> (group, position in it)
    best: list[int] = []
    for g, members in enumerate(groups):
        best.append(best_member([slim[m] for m in members]))
        for pos, m in enumerate(members):
            where[slim[m]["_at"]] = (g, pos)
    del slim
    out: list[dict[str, Any] | None] = [None] * len(groups)
    members_of: dict[int, list[dict[str, Any] | None]] = {
        g: [None] * len(ms) for g, ms in enumerate(groups) if len(ms) > 1
    }
    best_row: dict[int, dict[str, Any]] = {}
    best_at: dict[int, int] = {}
    n = 0
    for i in parts:
        for row in _report_rows(part_paths(out_dir, i).incidents):
            found = where.get(n)
            if found is not None:  # else an id given twice: its first copy is kept
                g, pos = found
                row["geometry"] = None  # the footprint stays in the partition (as WKB)
                if g not in members_of:
                    out[g] = rec = merged_record(row, [row])
                    rec["_src"] = n
                else:
                    members_of[g][pos] = {f: row[f] for f in MEMBER_FIELDS}
                    if pos == best[g]:
                        best_row[g], best_at[g] = row, n
            n += 1
    for g, ms in members_of.items():
        out[g] = rec = merged_record(best_row[g], [m for m in ms if m is not None])
        rec["_src"] = best_at[g]
    merged = [r for r in out if r is not None]
    sort_incidents(merged)
    return [r["_src"] for r in merged], [typed_incident_row(r) for r in merged]


def _write_incidents(
    sources: list[int],
    merged: list[dict[str, Any]],
    rows_of: list[tuple[int, int]],
    out_dir: Path,
) -> None:
    """Write the merged incidents to DIR/incidents.parquet, each with the footprint of the
    report ``sources`` names for it, copied from that report's partition as WKB (only the
    partitions that give a footprint are read: one with no incident may have typed its empty
    columns otherwise)."""
    from geomap.frame import incidents_frame
    from geomap.io.export import write_parquet

    target = out_dir / "incidents.parquet"
    if not merged:
        write_parquet(incidents_frame([]), target)
        return
    src = [rows_of[n] for n in sources]
    parts = sorted({i for i, _ in src})
    position = {i: k for k, i in enumerate(parts)}
    paths = [part_paths(out_dir, i).incidents for i in parts]
    write_rows_with_footprints(merged, [(position[i], row) for i, row in src], paths, target)


def merge_parts(out_dir: Path, indices: list[int]) -> dict[str, Any]:
    """Write DIR's merged outputs from the finished partitions ``indices``; their counts."""
    import pyarrow.parquet as pq

    from geomap.frame import places_frame
    from geomap.io.export import write_parquet

    t0 = time.perf_counter()
    place_files: list[Path] = []
    failure_lines: list[str] = []
    entries: set[str] = set()
    rows_of: list[tuple[int, int]] = []  # proxy number -> (partition, row)
    for i in sorted(indices):
        paths = part_paths(out_dir, i)
        ids = pq.read_table(paths.places, columns=["entry_id"]).column("entry_id")
        if len(ids):
            place_files.append(paths.places)
            entries.update(str(e) for e in ids.to_pylist() if e is not None)
        failure_lines.extend(
            line for line in paths.failures.read_text(encoding="utf-8").splitlines() if line
        )
    sources, merged = _merge_reports(out_dir, sorted(indices), rows_of)
    _write_incidents(sources, merged, rows_of, out_dir)
    if place_files:  # streamed: the places of a corpus are never all in memory
        n_places = concat_geoparquet(place_files, out_dir / "places.parquet")
    else:
        write_parquet(places_frame([]), out_dir / "places.parquet")
        n_places = 0
    _atomic.write_text(out_dir / "failures.jsonl", "".join(x + "\n" for x in failure_lines))
    return {
        "incidents": len(merged),
        "incident_reports": len(rows_of),
        "place_mentions": n_places,
        "places": len(entries),
        "merge_seconds": round(time.perf_counter() - t0, 3),
    }


def run_batch(opts: BatchOptions) -> dict[str, Any]:
    """Run (or resume) a batch; write DIR's outputs and return the summary."""
    t0 = time.perf_counter()
    out_dir = opts.out_dir
    out_dir.mkdir(parents=True, exist_ok=True)
    check_manifest(out_dir, opts.manifest())
    for stale in (out_dir / "parts").glob(".*"):  # temporary files of a killed run
        stale.unlink(missing_ok=True)
    done = done_parts(out_dir)
    resumed = sorted(done)
    totals = {"articles": 0, "words": 0, "failures": 0, "geocoder_requests": 0}
    parse_seconds = 0.0
    for stats in done.values():
        for k in totals:
            totals[k] += int(stats.get(k, 0))
    seen = set(done)
    incidents_found = sum(int(s.get("incidents", 0)) for s in done.values())
    parts = iter_partitions(
        opts.inputs, opts.partition_size, overrides=opts.overrides, skip=frozenset(done)
    )
    t_run = time.perf_counter()
    with (
        engine(
            opts.engine, workers=opts.workers, scheduler=opts.scheduler, fallback=opts.fallback
        ) as eng,
        Progress(quiet=opts.quiet, initial=totals["articles"]) as bar,
    ):
        for stats in eng.run(parts, str(out_dir.resolve()), incidents=opts.incidents):
            seen.add(int(stats["index"]))
            for k in totals:
                totals[k] += int(stats.get(k, 0))
            parse_seconds += float(stats["seconds"])
            incidents_found += int(stats["incidents"])
            bar.update(int(stats["articles"]), incidents_found, int(totals["failures"]))
    # the cluster is closed before the merge: its workers' memory is not held through it
    run_seconds = time.perf_counter() - t_run
    counts = merge_parts(out_dir, sorted(seen))
    merge_seconds = counts.pop("merge_seconds")
    total = time.perf_counter() - t0
    summary: dict[str, Any] = {
        "inputs": opts.manifest()["inputs"],
        "engine": opts.engine,
        "workers": opts.workers,
        "scheduler": opts.scheduler,
        "partition_size": opts.partition_size,
        "partitions": len(seen),
        "partitions_resumed": len(resumed),
        "articles": totals["articles"],
        "words": totals["words"],
        "failures": totals["failures"],
        **counts,
        "geocoder": opts.fallback.describe() if opts.fallback is not None else None,
        "geocoder_requests": totals["geocoder_requests"],
        "seconds": {
            "total": round(total, 3),
            "partitions": round(run_seconds, 3),
            "parse_cpu": round(parse_seconds, 3),
            "merge": merge_seconds,
        },
        "articles_per_second": round(totals["articles"] / total, 1) if total else None,
        "words_per_second": round(totals["words"] / total, 1) if total else None,
        "versions": _versions(opts.engine),
    }
    _atomic.write_text(
        out_dir / "summary.json", json.dumps(summary, indent=2, ensure_ascii=False) + "\n"
    )
    return summary
