"""Places from an online geocoder carry its required credit in the map's attribution (issue 13):
OpenStreetMap's for Nominatim and Photon, escaped, offline (a link, no request)."""

from __future__ import annotations

from pathlib import Path

import pytest

from geomap.render import render_map
from geomap.resources.attribution import OSM_HTML
from tests.render.map_fixtures import many_incidents, places_gdf

OSM_COPYRIGHT = "https://www.openstreetmap.org/copyright"


def _places(geocoders: list[str | None]):  # type: ignore[no-untyped-def]
    gdf = places_gdf()
    gdf["geocoder"] = [geocoders[i % len(geocoders)] for i in range(len(gdf))]
    return gdf


def test_gazetteer_places_need_no_geocoder_credit(tmp_path: Path) -> None:
    html = render_map(_places(["gazetteer", None]), tmp_path / "m.html").read_text("utf-8")
    assert OSM_COPYRIGHT not in html and "Places geocoded by" not in html
    html = render_map(places_gdf(), tmp_path / "n.html").read_text("utf-8")  # no such column
    assert OSM_COPYRIGHT not in html


def test_nominatim_places_credit_openstreetmap(tmp_path: Path) -> None:
    html = render_map(_places(["gazetteer", "nominatim"]), tmp_path / "m.html").read_text("utf-8")
    assert "Places geocoded by Nominatim: " in html and OSM_COPYRIGHT in html
    assert html.count("OpenStreetMap contributors") == 1


@pytest.mark.browser
def test_attribution_shows_the_osm_credit_escaped_and_offline(open_map, tmp_path: Path) -> None:
    hostile = "<img src=x onerror=alert(13)>"
    incidents = many_incidents(30)
    incidents["geocoder"] = ["photon"] + ["gazetteer"] * 29  # an incidents column, if any
    path = render_map(
        _places(["gazetteer", "nominatim", hostile]),
        tmp_path / "m.html",
        incidents=incidents,
        title="Geocoded",
    )
    log = open_map(path)
    log.page.wait_for_function("window.geomap && window.geomap.ready", timeout=30_000)
    box = log.page.locator(".leaflet-control-attribution")
    text = box.inner_text()
    assert "Places geocoded by Nominatim and Photon: © OpenStreetMap contributors (ODbL)" in text
    assert f"Places geocoded by {hostile}" in text  # shown as text
    assert box.locator("img").count() == 0
    link = box.locator(f"a[href='{OSM_COPYRIGHT}']")
    assert link.count() == 1 and link.get_attribute("rel") == "noopener noreferrer"
    assert "GeoNames" in text and "Natural Earth" in text  # the other credits stay
    assert OSM_HTML.count("<a ") == 2
    log.assert_clean()
