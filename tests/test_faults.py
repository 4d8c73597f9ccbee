"""Faults, for real: an unwritable output, a full disk, a file-size limit, SIGINT and SIGKILL
in the middle of a write, two processes building the gazetteer cache at once.

Every fault is produced by the operating system in a child process (a path under a file, a
read-only or full tmpfs, RLIMIT_FSIZE, a signal), never by a stand-in. The property: a
one-line error and exit code 2 from the CLI, and the target left as it was (the old file or
none), with no temporary file beside it, except after SIGKILL, which no process can clean up
after: then the only trace is a hidden ``.NAME.*`` temporary file and the target is intact.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "Floods hit Lagos, Nigeria on Monday, killing 3 people. Talks in Abuja ended."


def run_cli(*args: str, cwd: Path, limit: int | None = None) -> subprocess.CompletedProcess[str]:
    """``geomap ARGS`` in a child process (with RLIMIT_FSIZE = ``limit`` bytes if given)."""
    code = "import sys; from geomap.cli.main import main; sys.exit(main(sys.argv[1:]))"
    if limit is not None:
        code = (
            f"import resource; resource.setrlimit(resource.RLIMIT_FSIZE, ({limit}, {limit})); "
            + code
        )
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def one_line_error(proc: subprocess.CompletedProcess[str], target: Path, reason: str) -> None:
    assert proc.returncode == 2, proc.stderr
    lines = [ln for ln in proc.stderr.splitlines() if ln.startswith("geomap: cannot write")]
    assert lines == [f"geomap: cannot write {target}: {reason}"], proc.stderr
    assert "Traceback" not in proc.stderr


def leftovers(folder: Path, name: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(f".{name}."))


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "lagos.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


# -- an unwritable output path ---------------------------------------------------------------
@pytest.mark.parametrize(("command", "name"), [("map", "x.html"), ("extract", "x.geojson")])
def test_output_under_a_file_is_a_one_line_error(
    tmp_path: Path, article: Path, command: str, name: str
) -> None:
    blocker = tmp_path / "afile"
    blocker.write_text("not a folder", encoding="utf-8")
    target = blocker / name
    proc = run_cli(command, str(article), "-o", str(target), cwd=tmp_path)
    one_line_error(proc, target, f"{blocker} is a file, not a folder")
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    """A real tmpfs mounted at ``folder`` (root only; skipped where mounting is refused)."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root (the RLIMIT_FSIZE test covers this path)")
    folder.mkdir()
    got = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
        capture_output=True,
        text=True,
    )
    if got.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {got.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def test_read_only_file_system(tmp_path: Path, article: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=64k") as folder:
        target = folder / "incidents.geojson"
        proc = run_cli("extract", str(article), "-o", str(target), cwd=tmp_path)
        one_line_error(proc, target, "read-only file system")
        assert list(folder.iterdir()) == []


def test_unwritable_folder_when_not_root(tmp_path: Path, article: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes through permissions (the read-only tmpfs test covers this)")
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        target = folder / "incidents.geojson"
        proc = run_cli("extract", str(article), "-o", str(target), cwd=tmp_path)
        one_line_error(proc, target, "permission denied")
    finally:
        folder.chmod(0o700)


# -- a full disk, a file-size limit -----------------------------------------------------------
def test_full_disk_keeps_the_old_file(tmp_path: Path, article: Path) -> None:
    """A real ENOSPC: a 64 KB tmpfs already holding the old map; the new map (about 1 MB of
    inlined Leaflet) does not fit."""
    with tmpfs(tmp_path / "tiny", "size=64k") as folder:
        target = folder / "map.html"
        target.write_text("old map", encoding="utf-8")
        proc = run_cli("map", str(article), "-o", str(target), cwd=tmp_path)
        one_line_error(proc, target, "no space left on the device")
        assert target.read_text(encoding="utf-8") == "old map"
        assert leftovers(folder, "map.html") == []


def test_file_size_limit_in_the_cli(tmp_path: Path, article: Path) -> None:
    """A real EFBIG (RLIMIT_FSIZE in the child; Python ignores SIGXFSZ): works without root."""
    target = tmp_path / "map.html"
    target.write_text("old map", encoding="utf-8")
    proc = run_cli("map", str(article), "-o", str(target), cwd=tmp_path, limit=50_000)
    one_line_error(
        proc, target, "file too large (over the file system's or the process's size limit)"
    )
    assert target.read_text(encoding="utf-8") == "old map"
    assert leftovers(tmp_path, "map.html") == []


WRITE_ALL = """
import hashlib, json, resource, sys
import geopandas as gpd
from shapely.geometry import Point
from geomap.errors import ExportError
from geomap.io.export import write_csv, write_geojson, write_gpkg, write_parquet
n = 20_000
names = [hashlib.sha1(str(i).encode()).hexdigest() for i in range(n)]  # not compressible
gdf = gpd.GeoDataFrame({"name": names}, geometry=[Point(i % 180, 0) for i in range(n)], crs=4326)
resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))
out = {}
for write, name in ((write_geojson, "a.geojson"), (write_parquet, "a.parquet"),
                    (write_gpkg, "a.gpkg"), (write_csv, "a.csv")):
    try:
        write(gdf, name)
        out[name] = "written"
    except ExportError as err:
        out[name] = str(err)
print(json.dumps(out))
"""


def test_file_size_limit_in_every_writer(tmp_path: Path) -> None:
    for name in ("a.geojson", "a.parquet", "a.gpkg", "a.csv"):
        (tmp_path / name).write_text("old", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-c", WRITE_ALL],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert proc.returncode == 0, proc.stderr
    got = json.loads(proc.stdout)
    for name, message in got.items():
        assert message.startswith(f"cannot write {name}: "), (name, message)
        assert "\n" not in message
        assert (tmp_path / name).read_text(encoding="utf-8") == "old"
        assert leftovers(tmp_path, name) == []


# -- SIGINT and SIGKILL in the middle of a write ----------------------------------------------
WRITE_BIG = """
import sys
import geopandas as gpd
from shapely.geometry import Point
from geomap.io.export import write_csv, write_gpkg
n = int(sys.argv[2])
gdf = gpd.GeoDataFrame({"name": ["Kyiv, Ukraine; " * 8] * n},
                       geometry=[Point(i % 360 - 180, (i % 170) - 85) for i in range(n)], crs=4326)
print("ready", flush=True)
(write_csv if sys.argv[1].endswith(".csv") else write_gpkg)(gdf, sys.argv[1])
print("done", flush=True)
"""


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
@pytest.mark.parametrize(("name", "old"), [("big.csv", True), ("big.gpkg", False)])
def test_signal_during_a_write_leaves_the_old_file_or_none(
    tmp_path: Path, sig: signal.Signals, name: str, old: bool
) -> None:
    target = tmp_path / name
    if old:
        target.write_bytes(b"the old file")
    log = tmp_path / "stderr.txt"
    with (
        log.open("w") as errs,
        subprocess.Popen(
            [sys.executable, "-c", WRITE_BIG, name, "200000"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=errs,
            text=True,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        ) as child,
    ):
        try:
            assert child.stdout is not None and child.stdout.readline().strip() == "ready"
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline:  # until the temporary file is being written
                tmp = [p for p in tmp_path.iterdir() if p.name.startswith(f".{name}.")]
                # CSV: written in chunks; GeoPackage: SQLite keeps its pages until the commit,
                # so the file's being there is the sign that the write has begun
                if tmp and (name.endswith(".gpkg") or tmp[0].stat().st_size > 100_000):
                    break
                if child.poll() is not None:
                    pytest.fail(f"the write ended before the signal: {log.read_text()}")
                time.sleep(0.005)
            else:
                pytest.fail("no temporary file appeared")
            child.send_signal(sig)
            child.wait(timeout=60)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait()
    assert child.returncode != 0
    if old:
        assert target.read_bytes() == b"the old file"
    else:
        assert not target.exists()
    if sig == signal.SIGINT:  # the interrupted writer removed its temporary file
        assert leftovers(tmp_path, name) == [], log.read_text()
        assert "KeyboardInterrupt" in log.read_text()


# -- two processes building the gazetteer cache at once ---------------------------------------
@pytest.mark.slow
def test_two_processes_build_one_consistent_gazetteer_cache(tmp_path: Path) -> None:
    """Both ``geomap gazetteer`` runs on an empty GEOMAP_CACHE succeed and describe the same
    cache: one SQLite file that passes its integrity check, no temporary file left. (A full
    build: about 40-90 s on a loaded 2-core machine, hence ``slow``.)"""
    cache = tmp_path / "cache"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "GEOMAP_CACHE": str(cache)}
    children = [
        subprocess.Popen(
            [sys.executable, "-m", "geomap", "gazetteer"],
            cwd=tmp_path,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )
        for _ in range(2)
    ]
    outs = [c.communicate(timeout=900) for c in children]
    for child, (_, errs) in zip(children, outs, strict=True):
        assert child.returncode == 0, errs
    infos = [json.loads(out) for out, _ in outs]
    assert infos[0]["path"] == infos[1]["path"]
    keys = set(infos[0]) - {"open_seconds"}
    assert {k: infos[0][k] for k in keys} == {k: infos[1][k] for k in keys}
    names = sorted(p.name for p in cache.iterdir())
    built = Path(infos[0]["path"]).name
    assert [n for n in names if n.endswith(".sqlite")] == [built], names
    assert not [n for n in names if n.endswith(".tmp")], names  # no half-built cache left
    with sqlite3.connect(f"file:{infos[0]['path']}?mode=ro", uri=True) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
