"""``geomap batch`` end to end: outputs, failures listing, and resuming after a SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import geopandas as gpd
import pytest

from geomap.batch import BatchOptions, run_batch
from tests.batch.conftest import geomap, write_corpus
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def reference(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An uninterrupted run, in process."""
    out = tmp_path_factory.mktemp("ref")
    run_batch(BatchOptions([str(corpus)], out, partition_size=4, quiet=True))
    return out


def _ids(out: Path) -> list[str]:
    return sorted(gpd.read_parquet(out / "incidents.parquet")["id"])


def test_batch_writes_merged_outputs_failures_and_summary(reference: Path) -> None:
    summary = json.loads((reference / "summary.json").read_text(encoding="utf-8"))
    assert summary["articles"] == 30 and summary["failures"] == 1
    assert summary["partitions"] == 8 and summary["partitions_resumed"] == 0
    assert summary["incidents"] > 0 and summary["incident_reports"] > summary["incidents"]
    assert summary["versions"]["geomap"] and summary["seconds"]["total"] > 0
    parts = reference / "parts"
    assert len(list(parts.glob("*.done.json"))) == 8
    (failure,) = [json.loads(x) for x in (reference / "failures.jsonl").read_text().splitlines()]
    assert failure["file"].endswith("corpus.jsonl") and failure["line"] == 17
    assert "malformed JSON" in failure["reason"]
    places = gpd.read_parquet(reference / "places.parquet")
    assert len(places) == summary["place_mentions"] and places.crs.to_epsg() == 4326
    incidents = gpd.read_parquet(reference / "incidents.parquet")
    assert len(incidents) == summary["incidents"]
    assert incidents["id"].is_unique


def test_the_two_pass_merge_is_the_in_memory_merge(reference: Path) -> None:
    """The batch merges in two passes (what decides the merge first, then each partition's
    rows in turn): every column and footprint as merging all the reports at once gives."""
    import shapely

    from geomap.frame import merge_incident_frames

    parts = [gpd.read_parquet(p) for p in sorted((reference / "parts").glob("*.incidents.parquet"))]
    # two copies of one article, read twice: the first copy counts, as in the batch
    expected = merge_incident_frames(parts + parts[:1])
    got = gpd.read_parquet(reference / "incidents.parquet")
    assert len(got) == len(expected) and (got["n_sources"] > 1).any()  # merges happened
    assert (
        got.drop(columns="geometry")
        .astype(str)
        .equals(expected.drop(columns="geometry").astype(str))
    )
    assert list(shapely.to_wkb(got.geometry.values)) == list(
        shapely.to_wkb(expected.geometry.values)
    )


def test_batch_merges_like_extract(corpus: Path, reference: Path, tmp_path: Path) -> None:
    """The batch's merged incidents are those of ``geomap extract`` on the same corpus."""
    proc = geomap("extract", str(corpus), "-o", str(tmp_path / "x.parquet"))
    assert proc.returncode == 1, proc.stderr  # the broken line is listed
    assert sorted(gpd.read_parquet(tmp_path / "x.parquet")["id"]) == _ids(reference)


def test_a_killed_batch_resumes_with_the_same_ids(
    corpus: Path, reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "geomap", "batch", str(corpus), "-o", str(out)]
    cmd += ["--partition-size", "4", "--quiet"]
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    first = out / "parts" / "00000.done.json"
    deadline = time.monotonic() + 120
    while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL, "the batch ended before it could be killed"
    assert first.exists() and not (out / "summary.json").exists()
    n_done = len(list((out / "parts").glob("*.done.json")))
    assert 1 <= n_done < 8
    again = geomap(*cmd[3:])
    assert again.returncode == 1, again.stderr  # the broken line is listed again
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["partitions_resumed"] == n_done and summary["articles"] == 30
    assert f"{n_done} resumed" in again.stdout
    assert _ids(out) == _ids(reference)
    assert not list((out / "parts").glob(".*"))  # no temporary file of the killed run is left
    ref_places = gpd.read_parquet(reference / "places.parquet")
    assert len(gpd.read_parquet(out / "places.parquet")) == len(ref_places)
    assert (out / "failures.jsonl").read_text() == (reference / "failures.jsonl").read_text()
    # and once more, in process: everything is resumed, nothing parsed, the same outputs
    third = run_batch(BatchOptions([str(corpus)], out, partition_size=4, quiet=True))
    assert third["partitions_resumed"] == 8 and _ids(out) == _ids(reference)


def test_cli_summary_line_and_exit_codes(tmp_path: Path) -> None:
    good = write_corpus(tmp_path / "good.jsonl", 3)
    good.write_text("".join(x for x in good.read_text().splitlines(True) if "broken" not in x))
    proc = geomap("batch", str(good), "-o", str(tmp_path / "out"), "--quiet")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("batch: ") and "3 articles" in proc.stdout
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal
    other = geomap("batch", str(good), "-o", str(tmp_path / "out"), "--partition-size", "2")
    assert other.returncode == 2 and "other inputs" in other.stderr
    assert "Traceback" not in other.stderr
    none = geomap("batch", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o2"))
    assert none.returncode == 2 and "no such file" in none.stderr


def test_local_engine_needs_no_dask(tmp_path: Path) -> None:
    good = tmp_path / "one.jsonl"
    good.write_text(json.dumps({"id": "x", "text": "Floods hit Dhaka, Bangladesh."}) + "\n")
    code = (
        "import sys; sys.modules['distributed'] = None; sys.modules['dask'] = None\n"
        "from geomap.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    base = [sys.executable, "-c", code, "batch", str(good), "--quiet"]
    local = subprocess.run([*base, "-o", str(tmp_path / "a")], capture_output=True, text=True)
    assert local.returncode == 0, local.stderr
    dask = subprocess.run(
        [*base, "-o", str(tmp_path / "b"), "--engine", "dask"], capture_output=True, text=True
    )
    assert dask.returncode == 2
    assert "pip install 'geomap[dask]'" in dask.stderr and "Traceback" not in dask.stderr


def test_slim_rows_hold_exactly_what_merging_reads() -> None:
    """The batch's compact rows are mappings of the merge fields (and the report's number)."""
    from geomap.batch.run import SlimRow
    from geomap.frame import MERGE_FIELDS, same_incident

    assert sorted(SlimRow.__slots__) == sorted((*MERGE_FIELDS, "_at"))
    values = {f: None for f in MERGE_FIELDS} | {"_at": 3, "category": "protest", "id": "a"}
    row = SlimRow(values)
    assert dict(row) == values
    assert row.get("entry_id") is None and row.get("nope", 7) == 7
    with pytest.raises(KeyError):
        row["nope"]
    assert not same_incident(row, SlimRow(values | {"id": "b", "category": "attack"}))
