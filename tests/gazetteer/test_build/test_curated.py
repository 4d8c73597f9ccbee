"""The curated layer: regions, geopolitical features, extra aliases."""

from __future__ import annotations

import pytest

from tests.gazetteer.helpers import km


@pytest.mark.parametrize(
    "key",
    [
        "centre line",
        "center line",
        "median line",
        "taiwan strait median line",
        "center line of the taiwan strait",
    ],
)
def test_median_line(gaz, key):
    lines = [e for e, _t in gaz.lookup([key])[key] if e.kind == "line"]
    assert lines
    geom = gaz.geometry(lines[0].id)
    assert geom.geom_type == "LineString"
    assert {tuple(geom.coords[0]), tuple(geom.coords[-1])} == {(122.0, 27.0), (118.0, 23.0)}


def test_curated(gaz):
    for key, kind in [
        ("spratly islands", "archipelago"),
        ("paracel islands", "archipelago"),
        ("scarborough shoal", "reef"),
        ("huangyan island", "reef"),
        ("southeast asia", "region"),
        ("middle east", "region"),
        ("indo-pacific", "region"),
        ("horn of africa", "region"),
    ]:
        assert any(e.kind == kind for e, _t in gaz.lookup([key]).get(key, [])), key
    sea = gaz.lookup(["southeast asia"])["southeast asia"][0][0]
    assert gaz.contains(sea.id, 106.8, -6.2)  # Jakarta
    assert not gaz.contains(sea.id, 139.7, 35.7)  # Tokyo


def test_middle_east_is_geonames_region(gaz):
    hits = [e for e, _t in gaz.lookup(["middle east"])["middle east"] if e.kind == "region"]
    assert hits and hits[0].geonameid == 6269133
    me = hits[0]
    assert km(me.lat, me.lon, 33.14, 35.86) < 5
    assert me.has_geometry and gaz.contains(me.id, 44.4, 33.3)  # Baghdad: union polygon kept


@pytest.mark.parametrize(
    ("key", "gid"),
    [
        ("southeast asia", 7729896),
        ("east asia", 7729894),
        ("indochina", 1579995),
        ("horn of africa", 11820342),
    ],
)
def test_curated_regions_take_geonames_ids(gaz, key, gid):
    assert any(e.kind == "region" and e.geonameid == gid for e, _t in gaz.lookup([key])[key])
