from __future__ import annotations

from pathlib import Path

import pytest

from geomap.batch.partitions import check_manifest, iter_partitions, part_paths
from geomap.errors import UsageError


def test_partitions_are_cut_in_order_and_skipped_by_index(corpus: Path) -> None:
    parts = list(iter_partitions([corpus], 7))
    assert [p.index for p in parts] == [0, 1, 2, 3, 4]
    ids = [a.id for p in parts for a in p.articles]
    assert ids == [f"a{i:03d}" for i in range(30)]
    (bad,) = [f for p in parts for f in p.failures]
    assert bad.line == 17 and "malformed JSON" in bad.reason
    again = list(iter_partitions([corpus], 7, skip={0, 2}))
    assert [p.index for p in again] == [1, 3, 4]
    assert [a.id for a in again[0].articles] == [a.id for a in parts[1].articles]


def test_partition_size_must_be_positive(corpus: Path) -> None:
    with pytest.raises(UsageError):
        list(iter_partitions([corpus], 0))


def test_part_paths_are_numbered(tmp_path: Path) -> None:
    p = part_paths(tmp_path, 12)
    assert p.done.name == "00012.done.json" and p.places.name == "00012.places.parquet"


def test_a_folder_of_another_batch_is_refused(tmp_path: Path) -> None:
    check_manifest(tmp_path, {"inputs": ["a"], "partition_size": 5})
    check_manifest(tmp_path, {"inputs": ["a"], "partition_size": 5})  # the same: resumed
    with pytest.raises(UsageError, match="other inputs"):
        check_manifest(tmp_path, {"inputs": ["a"], "partition_size": 6})
