"""Corpus-scale runs (``geomap batch``): inputs streamed in partitions, each processed by the
pipeline (in this process or on Dask workers) and written atomically under an output folder,
then merged across the whole batch. A run that is interrupted resumes where it stopped.

>>> from geomap.batch import BatchOptions, run_batch
>>> summary = run_batch(BatchOptions(["corpus.jsonl"], Path("out")))  # doctest: +SKIP
"""

from __future__ import annotations

from geomap.batch.engines import ENGINES
from geomap.batch.partitions import Partition, iter_partitions, part_paths
from geomap.batch.run import DEFAULT_PARTITION_SIZE, BatchOptions, merge_parts, run_batch
from geomap.batch.work import PartOutput, process_partition, run_partition

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "ENGINES",
    "BatchOptions",
    "PartOutput",
    "Partition",
    "iter_partitions",
    "merge_parts",
    "part_paths",
    "process_partition",
    "run_batch",
    "run_partition",
]
