"""The Dask engine: a ``LocalCluster`` started by the test, reached by its address, gives the
same incident ids as the local engine."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pytest

from geomap.batch import BatchOptions, run_batch
from geomap.batch.engines import engine
from geomap.errors import UsageError
from tests.batch.conftest import geomap, write_corpus


@pytest.fixture(scope="module")
def scheduler(request: pytest.FixtureRequest) -> Iterator[str]:
    distributed = pytest.importorskip("distributed")
    # the cluster talks over 127.0.0.1: lift pytest-socket's block while it runs
    blocked = bool(request.config.getoption("disable_socket", default=False))
    if blocked:
        import pytest_socket

        pytest_socket.enable_socket()
    try:
        with distributed.LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=":0",
        ) as cluster:
            yield cluster.scheduler_address
    finally:
        if blocked:
            pytest_socket.disable_socket(allow_unix_socket=True)


def test_dask_engine_gives_the_local_ids(scheduler: str, tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 12)
    local = tmp_path / "local"
    run_batch(BatchOptions([str(corpus)], local, partition_size=3, quiet=True))
    out = tmp_path / "dask"
    proc = geomap(
        "batch", str(corpus), "-o", str(out), "--partition-size", "3", "--quiet",
        "--engine", "dask", "--scheduler", scheduler,
    )  # fmt: skip
    assert proc.returncode == 1, proc.stderr  # the broken line is listed
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["engine"] == "dask" and summary["articles"] == 12
    assert summary["versions"]["distributed"] != "?"
    ids = sorted(gpd.read_parquet(out / "incidents.parquet")["id"])
    assert ids == sorted(gpd.read_parquet(local / "incidents.parquet")["id"])
    assert (out / "failures.jsonl").read_text() == (local / "failures.jsonl").read_text()
    n_places = len(gpd.read_parquet(local / "places.parquet"))
    assert len(gpd.read_parquet(out / "places.parquet")) == n_places


def test_workers_need_the_dask_engine() -> None:
    with pytest.raises(UsageError, match="--engine dask"), engine("local", workers=2):
        pass
    with pytest.raises(UsageError, match="unknown engine"), engine("spark"):
        pass


def test_a_partition_runs_with_the_long_run_collector_thresholds(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Whatever process runs a partition (the CLI's for the local engine, a Dask worker's),
    it runs with the collector's thresholds of a long run, and restores them."""
    import gc

    from geomap._gc import GC_THRESHOLD
    from geomap.batch import work

    seen: list[tuple[int, ...]] = []

    class Out:
        index = 7

    def fake_process(part: object, incidents: bool, fallback: object) -> Out:
        seen.append(gc.get_threshold())
        return Out()

    monkeypatch.setattr(work, "process_partition", fake_process)
    monkeypatch.setattr(work, "write_part", lambda out_dir, out: {"articles": 0})
    before = gc.get_threshold()
    assert before != GC_THRESHOLD  # the test would prove nothing otherwise
    assert work.run_partition(object(), True, str(tmp_path)) == {"index": 7, "articles": 0}  # type: ignore[arg-type]
    assert seen == [GC_THRESHOLD]
    assert gc.get_threshold() == before


def test_the_engines_own_cluster_runs_without_the_workers_profiler(
    request: pytest.FixtureRequest,
) -> None:
    """The LocalCluster the Dask engine starts has its workers' statistical profiler off (it
    samples every thread every 10 ms for a dashboard nobody reads), and the setting does not
    outlive the engine."""
    dask = pytest.importorskip("dask")
    pytest.importorskip("distributed")
    blocked = bool(request.config.getoption("disable_socket", default=False))
    if blocked:  # the cluster talks over 127.0.0.1
        import pytest_socket

        pytest_socket.enable_socket()
    try:
        with engine("dask", workers=1) as eng:
            flags = eng.client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
            assert list(flags.values()) == [False]
    finally:
        if blocked:
            pytest_socket.disable_socket(allow_unix_socket=True)
    assert dask.config.get("distributed.worker.profile.enabled") is True
