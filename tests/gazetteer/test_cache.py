"""The cache file: its name, opening it (building it when missing), pruning old builds."""

from __future__ import annotations

import pytest

from geomap.errors import GazetteerError
from geomap.gazetteer import cache_dir, default_path, open_gazetteer
from geomap.gazetteer.build import BUILD_VERSION, data_hash
from geomap.gazetteer.cache import _prune_old


def test_cache_dir(monkeypatch, tmp_path):
    monkeypatch.setenv("GEOMAP_CACHE", str(tmp_path))
    assert cache_dir() == tmp_path
    assert default_path() == tmp_path / f"gazetteer-v{BUILD_VERSION}-{data_hash()}.sqlite"
    monkeypatch.delenv("GEOMAP_CACHE")
    assert cache_dir().parts[-2:] == (".cache", "geomap")


def test_the_cache_in_use_is_the_current_build(gaz):
    m = gaz.meta()
    assert m["build_version"] == BUILD_VERSION and m["data_hash"] == data_hash()


def test_open_missing_without_build(tmp_path):
    with pytest.raises(GazetteerError, match="not found"):
        open_gazetteer(tmp_path / "missing.sqlite", build=False)


def test_open_existing(gaz):
    g = open_gazetteer(gaz.path, build=False)
    assert g.path == gaz.path and g.lookup(["jakarta"])
    g.close()


def test_failed_build_is_a_gazetteer_error(monkeypatch, tmp_path):
    def broken(path):
        raise OSError("disk full")

    monkeypatch.setattr("geomap.gazetteer.build.build", broken)
    with pytest.raises(GazetteerError, match=r"cannot build the gazetteer.*disk full"):
        open_gazetteer(tmp_path / "gazetteer-v0-x.sqlite")


def test_prune_old_keeps_the_current_build(tmp_path):
    current = tmp_path / "gazetteer-v8-abc.sqlite"
    names = [
        "gazetteer-v8-abc.sqlite",
        "gazetteer-v8-abc.sqlite.lock",
        "gazetteer-v7-abc.sqlite",
        "gazetteer-v7-abc.sqlite.lock",
        "gazetteer-v8-def.sqlite",
        "other.sqlite",
    ]
    for n in names:
        (tmp_path / n).write_bytes(b"")
    _prune_old(current)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "gazetteer-v8-abc.sqlite",
        "gazetteer-v8-abc.sqlite.lock",
        "other.sqlite",
    ]
