"""The writer: names and their types, geometry flags, the written file."""

from __future__ import annotations

import sqlite3

import pytest
from shapely.geometry import Point

from geomap.errors import GazetteerError
from geomap.gazetteer import SqliteGazetteer
from geomap.gazetteer.build.writer import Writer, alt_type, is_latin


def test_names_keep_the_best_type():
    w = Writer()
    rid = w.add("x:1", "Washington, D.C.", "city", 38.9, -77.0, source="t", count_as="city")
    w.name(rid, "Washington, D.C.", "alt")  # already its name: stays "name"
    w.name(rid, "DC", "abbr")
    w.name(rid, "DC", "alt")  # "alt" beats "abbr"
    w.name(rid, "Вашингтон", "alt")  # not Latin: left out
    assert w.names == {
        ("washington, dc", 1): "name",
        ("washington dc", 1): "name",
        ("dc", 1): "alt",
    }
    assert w.counts == {"city": 1}


def test_duplicate_id_is_an_error():
    w = Writer()
    w.add("x:1", "A", "city", 0, 0, source="t", count_as="city")
    with pytest.raises(GazetteerError, match="duplicate entry id x:1"):
        w.add("x:1", "B", "city", 0, 0, source="t", count_as="city")


def test_alt_type_and_latin():
    assert alt_type("U.S.") == "abbr" and alt_type("USA") == "abbr"
    assert alt_type("America") == "alt" and alt_type("A") == "alt"
    assert is_latin("Zürich – Ōsaka") and not is_latin("東京")


def test_save_writes_a_gazetteer(tmp_path):
    w = Writer()
    w.add(
        "x:1",
        "Atlantis",
        "island",
        10.123456,
        20.0,
        cc="XX",
        population=5,
        source="t",
        geom=Point(20, 10).buffer(1),
        count_as="t",
    )
    w.add("x:2", "Lemuria", "island", 1, 2, source="t", count_as="t")
    out = tmp_path / "g.sqlite"
    meta = w.save(out, lambda: {"build_version": "test", "counts": dict(w.counts)})
    assert meta["counts"] == {"t": 2}
    assert not list(tmp_path.glob(".*tmp"))
    with SqliteGazetteer.open(out) as g:
        ((e, t),) = g.lookup(["atlantis"])["atlantis"]
        assert (e.lat, e.population, e.has_geometry, t) == (10.12346, 5, True, "name")
        assert g.contains("x:1", 20.5, 10.0) and not g.get("x:2").has_geometry
        assert g.meta()["build_version"] == "test"
    with sqlite3.connect(out) as con:
        assert con.execute("SELECT count(*) FROM geoms").fetchone() == (1,)
