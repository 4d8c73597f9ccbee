"""Open generated maps in headless Chromium with no network."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from geomap.render import render_map
from tests.render.map_fixtures import HOSTILE, incidents_gdf, places_gdf

pytestmark = pytest.mark.browser

_SHOTS = os.environ.get("GEOMAP_SCREENSHOTS", "")
#: GEOMAP_SCREENSHOTS=1 (or a folder) saves screenshots there (default maps/screenshots/)
SCREENSHOTS = Path("maps/screenshots" if _SHOTS in ("", "1", "true", "yes") else _SHOTS)
DAY_2024_05_02 = 19845  # days since 1970-01-01


@pytest.fixture(scope="module")
def places_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maps") / "places_map.html"
    return render_map(places_gdf(), path, title="Test map <script>alert(2)</script>")


@pytest.fixture(scope="module")
def map_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maps") / "test_map.html"
    return render_map(
        places_gdf(), path, incidents=incidents_gdf(), title="Test map <script>alert(2)</script>"
    )


@pytest.fixture(scope="module")
def compact_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maps") / "compact_map.html"
    return render_map(places_gdf(), path, incidents=incidents_gdf(), incident_mode="compact")


def _count(page, selector: str) -> int:
    return page.locator(selector).count()


def _ready(log, expand: bool = True):
    """Wait for the map; ``expand`` opens the (collapsed) layer control for the toggle tests."""
    log.page.wait_for_function("window.geomap && window.geomap.ready", timeout=15_000)
    if expand:  # as a user would: the pointer enters the control, then clicks inside it
        log.page.locator(".leaflet-control-layers").hover()
        log.page.wait_for_timeout(50)  # Leaflet ignores clicks in the same tick as the mouseenter
    return log.page


def _popup(page, selector: str | None = None):  # type: ignore[no-untyped-def]
    """Open the popup of the first ``selector`` feature (or the one already opening) and
    return it with its text. A dispatched click: a real one can race the map's animation."""
    if selector is not None:
        page.locator(selector).first.dispatch_event("click")
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(state="visible", timeout=5_000)
    return popup, popup.inner_text()


def _assert_hostile_shown_as_text(popup, content: str, tags: str = "script, img, b") -> None:  # type: ignore[no-untyped-def]
    """The fixtures' hostile strings appear as text, never as markup or javascript links."""
    assert "<script>alert(1)</script>" in content
    assert "<img src=x onerror=alert(1)>" in content
    assert "\"quoted\" & 'single' </div>" in content
    assert popup.locator(tags).count() == 0
    assert popup.locator("a[href^='javascript']").count() == 0


def _labels(page) -> list[str]:
    labels = page.locator(".leaflet-control-layers-overlays label")
    return [labels.nth(i).inner_text().strip() for i in range(labels.count())]


def _toggle(page, name: str) -> None:
    page.locator(".leaflet-control-layers-overlays label", has_text=name).locator("input").click()


def test_places_map_opens_offline_without_errors(open_map, places_file: Path) -> None:
    log = open_map(places_file)
    page = _ready(log)
    assert _count(page, "path.geomap-basemap") > 100  # embedded Natural Earth countries
    for key in ("countries", "provinces", "seas", "lines", "cities"):
        assert _count(page, f"path.geomap-{key}") >= 1, key
    assert _count(page, "path.geomap-cities") == 1  # two mentions, one entry_id, one marker
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "GeoNames" in attribution and "CC BY" in attribution
    assert "Natural Earth" in attribution
    assert page.locator(".geomap-legend").is_visible()
    assert "Test map <script>alert(2)</script>" in page.locator(".geomap-title").inner_text()
    assert page.title() == "Test map <script>alert(2)</script>"
    log.assert_clean()


def test_places_layers_toggle(open_map, places_file: Path) -> None:
    log = open_map(places_file)
    page = _ready(log)
    boxes = page.locator(".leaflet-control-layers-overlays input[type=checkbox]")
    assert boxes.count() == 5  # 5 place groups (demonym not drawn), no incidents
    for i in range(boxes.count()):
        before = _count(page, "path.geomap-feature")
        assert boxes.nth(i).is_checked()
        boxes.nth(i).click()
        assert _count(page, "path.geomap-feature") < before
        boxes.nth(i).click()
        assert _count(page, "path.geomap-feature") == before
    log.assert_clean()


def test_incident_map_opens_offline(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = _ready(log)
    assert _count(page, "path.geomap-basemap") > 100
    assert _count(page, "path.geomap-incident") == 6
    assert _count(page, "path.geomap-area") == 1  # the precision-3 marker's area circle
    # mentioned places: listed, but off by default
    assert _count(page, "path.geomap-cities") == 0
    heads = page.locator(".geomap-lc-head").all_inner_texts()
    assert heads == [
        "Verbal cooperation",
        "Verbal conflict",
        "Material conflict",
        "Precise incidents (precision 1-3)",
        "Mentioned places",
    ]
    labels = _labels(page)
    assert labels[0] == "diplomatic meeting (1)"
    assert "Cities & towns (1)" in labels
    legend = page.locator(".geomap-legend").text_content() or ""  # collapsed: one toggle
    assert "Material conflict" in legend and "airspace incursion (1)" in legend
    assert "never a point" in legend
    assert page.locator(".geomap-time").is_visible()
    assert page.locator(".geomap-search-input").is_visible()
    if _SHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "incident_map.png"))
    log.assert_clean()


def test_every_incident_layer_toggles(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = _ready(log)
    boxes = page.locator(".leaflet-control-layers-overlays input[type=checkbox]")
    labels = _labels(page)
    assert boxes.count() == len(labels) == 6 + 2 + 5
    for i, name in enumerate(labels):
        if name.startswith(("Clusters", "Heatmap")):
            assert not boxes.nth(i).is_checked(), name
            boxes.nth(i).click()
            sel = (
                ".marker-cluster, path.geomap-clustered"
                if name.startswith("Clusters")
                else ("canvas.leaflet-heatmap-layer")
            )
            page.wait_for_selector(sel, timeout=5_000)
            boxes.nth(i).click()
            assert _count(page, sel) == 0, name
            continue
        before = _count(page, "path.geomap-feature")
        if boxes.nth(i).is_checked():  # incident categories: on
            boxes.nth(i).click()
            assert _count(page, "path.geomap-feature") < before, name
        else:  # mentioned places: off by default
            boxes.nth(i).click()
            assert _count(page, "path.geomap-feature") > before, name
        boxes.nth(i).click()
        assert _count(page, "path.geomap-feature") == before, name
    log.assert_clean()


def test_time_slider_filters_incidents(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = _ready(log)
    count = page.locator(".geomap-time-count")
    assert count.inner_text() == "6 of 6 incidents"
    page.locator(".geomap-to").fill(str(DAY_2024_05_02))  # move the slider: input event
    page.wait_for_function("window.geomap.nVisible === 2")
    # the 1-2 May meeting overlaps, the undated statement stays; everything later is hidden
    assert _count(page, "path.geomap-incident") == 2
    assert "2024-05-02" in page.locator(".geomap-time-label").inner_text()
    page.locator(".geomap-undated input").uncheck()
    page.wait_for_function("window.geomap.nVisible === 1")
    assert _count(page, "path.geomap-incident") == 1
    page.locator(".geomap-from").fill(str(DAY_2024_05_02 + 45))  # 16 June: pushes "to" along
    page.locator(".geomap-to").fill(str(DAY_2024_05_02 + 90))
    page.wait_for_function(  # only the (future) July exercise
        "window.geomap.nVisible === 1 && document.querySelectorAll('path.geomap-spec').length === 1"
    )
    assert _count(page, "path.geomap-incident") == 1
    page.locator(".geomap-reset").click()
    page.locator(".geomap-undated input").check()
    page.wait_for_function("window.geomap.nVisible === 6")
    assert _count(page, "path.geomap-incident") == 6
    log.assert_clean()


def test_incident_popup_and_hostile_text(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = _ready(log)
    popup, content = _popup(page, "path.geomap-p3")
    assert "Ministers meet <b>in</b> Bali" in content
    assert "2 sources" in content
    assert "2024-05-01 – 2024-05-02" in content and "Indonesia; Australia" in content
    _assert_hostile_shown_as_text(popup, content)
    assert popup.locator("a[href='https://example.org/a1']").count() == 1
    page.locator(".leaflet-popup-close-button").click()
    page.locator("path.geomap-spec").first.dispatch_event("click")
    future = page.locator(".leaflet-popup-content", has_text="Exercise planned")
    future.wait_for(state="visible", timeout=5_000)
    assert "FUTURE: announced or planned" in future.inner_text()
    page.wait_for_timeout(200)
    log.assert_clean()


def test_search_finds_actor(open_map, map_file: Path) -> None:
    log = open_map(map_file)
    page = _ready(log)
    box = page.locator(".geomap-search-input")
    box.fill("australia")
    page.wait_for_selector("path.geomap-search-hit", timeout=5_000)
    assert page.locator(".geomap-search-count").inner_text() == "1 match"
    assert _count(page, "path.geomap-search-hit") == 1
    assert "Ministers meet <b>in</b> Bali" in page.locator(".geomap-search-results").inner_text()
    box.fill("onerror")  # the hostile actor name is found and shown as text
    result = page.locator(".geomap-search-result", has_text="PLA")
    result.wait_for(state="visible", timeout=5_000)
    assert page.locator(".geomap-search-count").inner_text() == "1 match"
    assert "PLA <img src=x onerror=alert(3)>" in result.inner_text()
    assert page.locator(".geomap-search img").count() == 0
    result.click()
    page.locator(".leaflet-popup-content", has_text="Jets cross median line").wait_for()
    page.wait_for_timeout(200)
    log.assert_clean()


def test_compact_map_popups_built_in_page(open_map, compact_file: Path) -> None:
    log = open_map(compact_file)
    page = _ready(log)
    assert _count(page, "path.geomap-incident") == 0  # canvas
    assert page.evaluate("window.geomap.entries.length") == 6
    page.evaluate(
        "window.geomap.focus(window.geomap.entries.find(e => e.r[7].indexOf('Bali') >= 0))"
    )
    popup, content = _popup(page)
    assert "2 sources" in content
    _assert_hostile_shown_as_text(popup, content)
    page.locator(".leaflet-popup-close-button").click()
    page.wait_for_timeout(300)  # the closed popup fades out
    # a real click on the canvas marker of the Jakarta protest
    xy = page.evaluate(
        "(() => { const m = window.geomap.map; m.setView([-6.1754, 106.8272], 8, {animate: false});"
        " const p = m.latLngToContainerPoint([-6.1754, 106.8272]);"
        " const r = m.getContainer().getBoundingClientRect();"
        " return [r.left + p.x, r.top + p.y]; })()"
    )
    page.mouse.click(xy[0], xy[1])
    page.locator(".leaflet-popup-content", has_text="Protest outside the embassy").wait_for()
    page.locator(".geomap-to").fill(str(DAY_2024_05_02))
    page.wait_for_function("window.geomap.nVisible === 2")
    page.locator(".geomap-search-input").fill("PLA <img")
    page.locator(".geomap-search-result", has_text="PLA <img src=x onerror=alert(3)>").wait_for()
    page.wait_for_timeout(200)
    log.assert_clean()


def test_popup_shows_hostile_text_as_text(open_map, places_file: Path) -> None:
    log = open_map(places_file)
    page = _ready(log)
    popup, content = _popup(page, "path.geomap-cities")
    assert "Denpasar" in content
    assert "Mentioned in 2 sentences in 2 articles" in content
    for hostile in HOSTILE:
        assert hostile.split()[0] in content
    _assert_hostile_shown_as_text(popup, content, tags="script, img")
    assert popup.locator("a[href='https://example.org/a1']").count() == 1
    page.wait_for_timeout(200)
    log.assert_clean()


def test_polygon_popup(open_map, places_file: Path) -> None:
    log = open_map(places_file)
    page = _ready(log)
    _, content = _popup(page, "path.geomap-seas")
    assert "South China Sea" in content
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
