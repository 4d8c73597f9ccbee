"""Countries and continents: GeoNames points, Natural Earth polygons."""

from __future__ import annotations

from tests.gazetteer.helpers import km


def test_taiwan_own_country(gaz):
    tw = gaz.country("TW")
    assert tw is not None and tw.has_geometry
    assert gaz.contains(tw.id, 121.56, 25.04)  # Taipei
    assert not gaz.contains(gaz.country("CN").id, 121.56, 25.04)


def test_country_points_follow_geonames(gaz):
    ru, fr = gaz.country("RU"), gaz.country("FR")
    assert km(ru.lat, ru.lon, 60.0, 100.0) < 50
    assert km(fr.lat, fr.lon, 46.0, 2.0) < 50
    # the geometry is still the Natural Earth polygon
    assert ru.has_geometry and gaz.contains(ru.id, 37.62, 55.75)  # Moscow
    assert fr.has_geometry and gaz.contains(fr.id, 2.35, 48.86)  # Paris


def test_country_without_polygon_has_point(gaz):
    gf = gaz.country("GF")  # French Guiana: no NE polygon of its own
    assert gf is not None and not gf.has_geometry
    assert km(gf.lat, gf.lon, 4.0, -53.0) < 150


def test_country_aliases(gaz):
    for key, cc in [("britain", "GB"), ("burma", "MM"), ("us", "US")]:
        assert any(
            e.kind == "country" and e.country_code == cc for e, _t in gaz.lookup([key])[key]
        ), key


def test_natural_earth_zones_without_iso_code(gaz):
    hits = [e for e, _t in gaz.lookup(["bir tawil"]).get("bir tawil", []) if e.kind == "zone"]
    assert hits and hits[0].id.startswith("ne:admin0:") and hits[0].has_geometry


def test_continent_points_follow_geonames(gaz):
    eu = next(e for e, _t in gaz.lookup(["europe"])["europe"] if e.kind == "continent")
    assert eu.geonameid == 6255148 and km(eu.lat, eu.lon, 48.69, 9.14) < 5
    assert eu.has_geometry
