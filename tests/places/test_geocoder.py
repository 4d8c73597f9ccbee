"""The embedded gazetteer as a geopy geocoder, through geopy's and geopandas' entry points."""

from __future__ import annotations

import subprocess
import sys

import pytest
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders.base import Geocoder
from geopy.location import Location

from geomap.gazetteer import MemoryGazetteer
from geomap.places import Offline


@pytest.fixture(scope="module")
def geocoder(gazetteer):  # type: ignore[no-untyped-def]
    return Offline(gazetteer)


def test_is_a_geopy_geocoder(geocoder):
    assert isinstance(geocoder, Geocoder)


def test_bali(geocoder):
    loc = geocoder.geocode("Bali")
    assert isinstance(loc, Location)
    assert loc.raw["country_code"] == "ID"
    assert loc.address.endswith("Indonesia")
    assert -9.5 < loc.latitude < -7.5 and 114 < loc.longitude < 116
    assert {"id", "kind", "admin1_code", "population", "name_type"} <= loc.raw.keys()
    if loc.raw["kind"] != "city":  # the island or province: its shape as GeoJSON
        assert loc.raw["geometry"]["type"] in {"Polygon", "MultiPolygon"}


def test_paris_ranks_paris_france_first(geocoder):
    locs = geocoder.geocode("Paris", exactly_one=False)
    assert len(locs) > 2
    assert locs[0].raw["country_code"] == "FR"
    assert locs[0].address == "Paris, Île-de-France, France"
    assert locs[0].raw["population"] > 2_000_000
    assert {loc.raw["country_code"] for loc in locs[1:]} >= {"US"}


def test_hint_prefers_the_named_state_or_country(geocoder):
    il = geocoder.geocode("Springfield, Illinois")
    mo = geocoder.geocode("Springfield, Missouri")
    assert (il.raw["country_code"], il.raw["admin1"]) == ("US", "Illinois")
    assert (mo.raw["country_code"], mo.raw["admin1"]) == ("US", "Missouri")
    assert geocoder.geocode("Paris, Texas").raw["admin1"] == "Texas"
    assert geocoder.geocode("Paris, Canada").raw["country_code"] == "CA"
    # the others follow the hinted ones
    assert len(geocoder.geocode("Springfield, Illinois", exactly_one=False)) > 1


def test_nonsense_is_none(geocoder):
    assert geocoder.geocode("xqzzy blorfington") is None
    assert geocoder.geocode("") is None
    assert geocoder.geocode(",") is None


def test_reverse_near_paris_is_paris_not_an_arrondissement(geocoder):
    loc = geocoder.reverse((48.8566, 2.3522))
    assert loc.raw["id"] == geocoder.geocode("Paris").raw["id"]
    assert loc.address == "Paris, Île-de-France, France"
    assert loc.raw["distance_km"] < 2
    assert geocoder.reverse("48.9362, 2.3574").raw["name"] == "Saint-Denis"  # a suburb
    assert len(geocoder.reverse((48.8566, 2.3522), exactly_one=False)) > 1


def test_reverse_in_mid_ocean_is_none(geocoder):
    assert geocoder.reverse((0.0, -140.0)) is None


def test_reverse_needs_a_spatial_gazetteer():
    from geopy.exc import ConfigurationError

    with pytest.raises(ConfigurationError, match="nearby"):
        Offline(MemoryGazetteer([])).reverse((0, 0))


def test_geopandas_geocode(gazetteer, geocoder):
    geopandas = pytest.importorskip("geopandas")
    df = geopandas.tools.geocode(["Kyiv", "Nairobi", "xqzzy blorfington"], provider=geocoder)
    assert df.crs == "EPSG:4326"
    assert df.address[0] == "Kyiv, Ukraine" and df.address[1].endswith("Kenya")
    assert abs(df.geometry[0].x - 30.52) < 0.2 and abs(df.geometry[0].y - 50.45) < 0.2
    assert df.geometry[2].is_empty and not isinstance(df.address[2], str)
    # the class with its arguments works too (geopandas builds provider(**kwargs))
    df2 = geopandas.tools.geocode(["Kyiv"], provider=Offline, gazetteer=gazetteer)
    assert df2.address[0] == "Kyiv, Ukraine"


def test_geopandas_reverse_geocode(geocoder):
    geopandas = pytest.importorskip("geopandas")
    from shapely.geometry import Point

    df = geopandas.tools.reverse_geocode(
        [Point(2.3522, 48.8566), Point(36.817, -1.286)], provider=geocoder
    )
    assert df.address[0] == "Paris, Île-de-France, France"
    assert df.address[1].startswith("Nairobi")


def test_rate_limiter(geocoder):
    geocode = RateLimiter(geocoder.geocode, min_delay_seconds=0)
    assert [geocode(q).raw["country_code"] for q in ("Kyiv", "Nairobi")] == ["UA", "KE"]
    reverse = RateLimiter(geocoder.reverse, min_delay_seconds=0)
    assert reverse((50.45, 30.52)).raw["country_code"] == "UA"


def test_without_geometry(gazetteer):
    loc = Offline(gazetteer, geometry=False).geocode("Bali")
    assert "geometry" not in loc.raw


def test_importing_places_leaves_geopy_unloaded():
    code = "import sys, geomap.places; print('geopy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
