"""A batch's inputs as numbered partitions, and where each partition's outputs live.

Partitions are cut from the input stream (:func:`geomap.io.ingest.iter_inputs`) in order, so
the same inputs always give the same partitions: partition ``n`` of a second run holds the
same articles as partition ``n`` of the first, which is what makes a run resumable. Only one
partition's articles are held at a time.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geomap import _atomic
from geomap.errors import UsageError
from geomap.io.ingest import Failure, iter_inputs
from geomap.models import Article

__all__ = [
    "MANIFEST",
    "PartPaths",
    "Partition",
    "check_manifest",
    "iter_partitions",
    "part_paths",
]

#: the file under DIR that records what the batch was started with
MANIFEST = "batch.json"


@dataclass
class Partition:
    """Partition ``index``: its articles and the inputs of its span that could not be read."""

    index: int
    articles: list[Article]
    failures: list[Failure]


def iter_partitions(
    inputs: Iterable[str | Path],
    size: int,
    *,
    overrides: dict[str, Any] | None = None,
    skip: set[int] | frozenset[int] = frozenset(),
) -> Iterator[Partition]:
    """Cut the input stream into partitions of ``size`` items (articles or unreadable inputs).

    Partitions whose index is in ``skip`` (already done) are counted but not yielded.
    """
    if size < 1:
        raise UsageError(f"partition size must be at least 1, not {size}")
    index = 0
    articles: list[Article] = []
    failures: list[Failure] = []
    n = 0
    for item in iter_inputs(inputs, overrides=overrides):
        if index not in skip:
            if isinstance(item, Failure):
                failures.append(Failure(item.source, item.line, item.reason))
            else:
                articles.append(item)
        n += 1
        if n == size:
            if index not in skip:
                yield Partition(index, articles, failures)
            index, n, articles, failures = index + 1, 0, [], []
    if n and index not in skip:
        yield Partition(index, articles, failures)


@dataclass(frozen=True)
class PartPaths:
    """The files of one partition under ``DIR/parts``; ``done`` is written last."""

    incidents: Path
    places: Path
    failures: Path
    done: Path


def part_paths(out_dir: Path, index: int) -> PartPaths:
    base = out_dir / "parts" / f"{index:05d}"
    return PartPaths(
        incidents=base.with_name(base.name + ".incidents.parquet"),
        places=base.with_name(base.name + ".places.parquet"),
        failures=base.with_name(base.name + ".failures.jsonl"),
        done=base.with_name(base.name + ".done.json"),
    )


def check_manifest(out_dir: Path, manifest: dict[str, Any]) -> None:
    """Record what the batch is run with, or refuse to resume a batch of other inputs."""
    path = out_dir / MANIFEST
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            old = None
        if old != manifest:
            raise UsageError(
                f"{out_dir} holds a batch started with other inputs or options "
                f"(see {path}); use another output folder, or remove it to start again"
            )
        return
    _atomic.write_text(path, json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
