"""Open generated maps in headless Chromium with no network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geomap.render import render_map
from tests.render.map_fixtures import HOSTILE, incidents_gdf, places_gdf

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(os.environ.get("GEOMAP_SCREENSHOTS", "maps/screenshots"))


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maps") / "test_map.html"
    return render_map(
        places_gdf(), path, incidents=incidents_gdf(), title="Test map <script>alert(2)</script>"
    )


def _count(page, selector: str) -> int:
    return page.locator(selector).count()


def test_map_opens_offline_without_errors(open_map, map_file: Path, tmp_path: Path) -> None:
    log = open_map(map_file)
    page = log.page
    assert _count(page, "path.geomap-basemap") > 100  # embedded Natural Earth countries
    for key in ("countries", "provinces", "seas", "lines", "cities"):
        assert _count(page, f"path.geomap-{key}") >= 1, key
    assert _count(page, "path.geomap-cities") == 1  # two mentions, one entry_id, one marker
    assert _count(page, "path.geomap-incident") == 2
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames" in attribution and "CC BY" in attribution
    assert "Natural Earth" in attribution
    assert page.locator(".geomap-legend").is_visible()
    assert "Test map <script>alert(2)</script>" in page.locator(".geomap-title").inner_text()
    assert page.title() == "Test map <script>alert(2)</script>"
    shot = SCREENSHOTS if SCREENSHOTS.is_absolute() else tmp_path / SCREENSHOTS
    shot.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot / "test_map.png"), full_page=True)
    log.assert_clean()


def test_every_layer_toggles(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = log.page
    boxes = page.locator(".leaflet-control-layers-overlays input[type=checkbox]")
    labels = page.locator(".leaflet-control-layers-overlays label")
    assert boxes.count() == 7  # 5 place groups (demonym not drawn) + 2 incident categories
    for i in range(boxes.count()):
        name = labels.nth(i).inner_text().strip()
        before = _count(page, "path.geomap-feature")
        assert boxes.nth(i).is_checked(), name
        boxes.nth(i).click()
        after = _count(page, "path.geomap-feature")
        assert after < before, f"unticking {name!r} removed nothing"
        boxes.nth(i).click()
        assert _count(page, "path.geomap-feature") == before, name
    log.assert_clean()


def test_popup_shows_hostile_text_as_text(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = log.page
    # the incident layer sits above the city marker; hide incidents to click the place
    labels = page.locator(".leaflet-control-layers-overlays label")
    for i in range(labels.count()):
        if "Incidents" in labels.nth(i).inner_text():
            labels.nth(i).locator("input").click()
    page.locator("path.geomap-cities").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    content = popup.inner_text()
    assert "Denpasar" in content
    assert "Mentioned in 2 sentences in 2 articles" in content
    for hostile in HOSTILE:
        assert hostile.split()[0] in content
    assert "<script>alert(1)</script>" in content
    assert "<img src=x onerror=alert(1)>" in content
    assert "\"quoted\" & 'single' </div>" in content
    assert popup.locator("script, img").count() == 0
    assert popup.locator("a[href^='javascript']").count() == 0
    assert popup.locator("a[href='https://example.org/a1']").count() == 1
    page.wait_for_timeout(200)
    log.assert_clean()


def test_polygon_and_incident_popups(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = log.page
    page.locator("path.geomap-seas").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    assert "South China Sea" in popup.inner_text()
    page.locator(".leaflet-popup-close-button").click()
    # the sea popup may have auto-panned the map so that a control covers the incident line:
    # send the click to the path element itself rather than to screen coordinates
    page.locator("path.geomap-incident").first.dispatch_event("click")
    incident = page.locator(".leaflet-popup-content", has_text="Category")
    incident.wait_for(state="visible", timeout=10_000)
    text = incident.inner_text()
    assert "Ministers meet <b>in</b> Bali" in text or "Jets cross median line" in text
    log.assert_clean()


def test_online_tiles_are_optional_and_not_loaded(open_map, tmp_path: Path) -> None:
    path = render_map(places_gdf(), tmp_path / "online.html", online_tiles=True)
    log = open_map(path)
    radios = log.page.locator(".leaflet-control-layers-base input[type=radio]")
    assert radios.count() == 2
    assert radios.nth(0).is_checked()  # Natural Earth (offline) is the default
    log.page.wait_for_timeout(300)
    log.assert_clean()  # OSM tiles only requested when the user picks that layer


def test_empty_map_opens(open_map, tmp_path: Path) -> None:
    empty = places_gdf().iloc[0:0]
    log = open_map(render_map(empty, tmp_path / "empty.html"))
    assert _count(log.page, "path.geomap-basemap") > 100
    log.assert_clean()
