"""The other GeoNames regions: added as points, generic names skipped."""

from __future__ import annotations

import pytest

from geomap.gazetteer.build.common import kind_by_words
from geomap.gazetteer.build.regions import _JUNK_REGION


@pytest.mark.parametrize(
    ("key", "gid"),
    [
        ("donets basin", 709718),
        ("donbas", 709718),
        ("karoo", 991851),
        ("darfur", 8693107),
        ("crimea", 703884),
        ("hadhramaut", 75412),
    ],
)
def test_geonames_regions_added(gaz, key, gid):
    hits = [e for e, _t in gaz.lookup([key]).get(key, []) if e.geonameid == gid]
    assert hits and hits[0].kind == "region" and hits[0].fcode == "RGN"


def test_geonames_region_junk_skipped(gaz):
    for key in ("south", "centro", "west"):
        assert not any(e.fcode == "RGN" for e, _t in gaz.lookup([key]).get(key, [])), key
    # a region sharing a county's name does not shadow the county
    assert not any(e.fcode == "RGN" for e, _t in gaz.lookup(["kent"])["kent"])


@pytest.mark.parametrize(
    "key",
    [
        "south",
        "upper",
        "central-east",
        "southern region",
        "west coast",
        "north-east",
        "southwest",
        "centro",
        "world ocean",
    ],
)
def test_junk_region_names(key):
    assert _JUNK_REGION.match(key)


@pytest.mark.parametrize("key", ["donbas", "south ossetia", "east anglia", "northland"])
def test_region_names_kept(key):
    assert not _JUNK_REGION.match(key)


@pytest.mark.parametrize(
    ("key", "kind"),
    [
        ("spratly islands", "archipelago"),
        ("ilhas selvagens", "archipelago"),
        ("ile d'yeu", "island"),
        ("bikini atoll", "island"),
        ("darfur", "region"),
        ("islandia", "region"),
    ],
)
def test_island_kinds(key, kind):
    assert kind_by_words(key, "island_kind_words", "region") == kind
