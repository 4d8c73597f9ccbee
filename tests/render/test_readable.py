"""Maps people can read (issue 14), in headless Chromium at desk, laptop and phone sizes: the
first view fits the incidents clear of the panels, the panels leave the map to the map, the
incident list (unplaced incidents too) follows the filters and opens the right popup."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import Point

from geomap.render import render_map
from tests.render.map_fixtures import _incident, incidents_gdf, places_gdf

pytestmark = pytest.mark.browser

SIZES = {"desk": (1400, 900), "laptop": (1280, 720), "phone": (390, 844)}
#: most of the screen the panels may cover at load
MAX_SHARE = {"desk": 0.20, "laptop": 0.20, "phone": 0.25}
_SHOTS = os.environ.get("GEOMAP_SCREENSHOTS", "")
SCREENSHOTS = Path("maps/screenshots" if _SHOTS in ("", "1", "true", "yes") else _SHOTS)

#: share of the map under panels (the page samples it on a 4 px grid)
SHARE_JS = "() => window.geomap.panelShare()"
#: titles of the placed incidents whose centre is off screen or under a panel
HIDDEN_JS = """() => {
  const g = window.geomap, m = g.map, s = m.getSize(), rs = g.panelRects(), out = [];
  g.entries.forEach(e => {
    const c = g.center(e);
    if (!c) return;
    const p = m.latLngToContainerPoint(c);
    const off = p.x < 0 || p.y < 0 || p.x > s.x || p.y > s.y;
    const under = rs.some(r => p.x >= r.x && p.x <= r.x + r.w && p.y >= r.y && p.y <= r.y + r.h);
    if (off || under) out.push(e.r[7]);
  });
  return out;
}"""


def readable_incidents() -> gpd.GeoDataFrame:
    """The fixture's six incidents and one the pipeline could not place."""
    gdf = incidents_gdf()
    row = _incident(
        id="i7",
        category="diplomatic_meeting",
        quad_class="verbal cooperation",
        title="Envoys talk <i>somewhere</i>",
        sentence="Envoys talked, the article does not say where.",
        start="2024-05-05",
        end="2024-05-05",
        geo_precision=None,
        geometry=Point(0, 0),
    )
    row.update(geometry=None, anchor_lon=None, anchor_lat=None)
    extra = gpd.GeoDataFrame([row], columns=gdf.columns, geometry="geometry", crs="EPSG:4326")
    return gpd.GeoDataFrame(pd.concat([gdf, extra], ignore_index=True), crs="EPSG:4326")


@pytest.fixture(scope="module")
def readable_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maps") / "readable.html"
    return render_map(places_gdf(), path, incidents=readable_incidents(), title="A long title " * 6)


def _ready(log: Any) -> Any:
    log.page.wait_for_function("window.geomap && window.geomap.ready", timeout=15_000)
    return log.page


def _open_list(page: Any) -> None:
    if page.locator(".geomap-list.geomap-collapsed").count():
        page.locator(".geomap-list-toggle").click()
    page.locator("[role=list][aria-label=Incidents]").wait_for(state="visible")


def _popup_inside(page: Any, size: tuple[int, int]) -> None:
    page.wait_for_timeout(400)  # auto-pan
    box = page.locator(".leaflet-popup").bounding_box()
    assert box is not None
    assert box["x"] >= 0 and box["y"] >= 0, box
    assert box["x"] + box["width"] <= size[0] + 1 and box["y"] + box["height"] <= size[1] + 1, box


@pytest.mark.parametrize("name", list(SIZES))
def test_first_view_panels_list_and_popup(open_map, readable_file: Path, name: str) -> None:
    size = SIZES[name]
    log = open_map(readable_file, size)
    page = _ready(log)
    share = page.evaluate(SHARE_JS)
    assert share <= MAX_SHARE[name], f"{name}: panels cover {share:.0%} at load"
    assert page.evaluate(HIDDEN_JS) == [], f"{name}: incidents hidden at load"
    if _SHOTS:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"test_map_{name}.png"))
    toggle = page.locator(".geomap-list-toggle").inner_text()
    assert "7 of 7" in toggle and "1 no place" in toggle
    _open_list(page)
    rows = page.locator("[role=list][aria-label=Incidents] > [role=listitem]")
    assert rows.count() == 7
    assert rows.filter(has_text="no place").count() == 1
    assert "Envoys talk <i>somewhere</i>" in rows.filter(has_text="no place").inner_text()
    assert page.locator(".geomap-list i").count() == 0  # text, never markup
    # newest first, undated last
    assert "2024-07-01" in rows.first.inner_text() and "undated" in rows.last.inner_text()
    rows.filter(has_text="Protest outside the embassy").click()
    popup = page.locator(".leaflet-popup-content", has_text="Protest outside the embassy")
    popup.wait_for(state="visible", timeout=5_000)
    assert "1 source" in rows.filter(has_text="Protest outside the embassy").inner_text()
    _popup_inside(page, size)
    log.assert_clean()


def test_list_follows_filters_and_keyboard(open_map, readable_file: Path) -> None:
    log = open_map(readable_file, SIZES["laptop"])
    page = _ready(log)
    rows = page.locator(".geomap-list-rows > [role=listitem]")
    assert page.locator(".geomap-list-sort").inner_text() == "newest first"
    page.locator(".geomap-list-sort").click()
    assert "2024-05-01" in rows.first.inner_text()  # oldest first
    # 2-5 May: the 1-2 May meeting, the 3 May jets, the 5 May talks (no place), the undated one
    page.evaluate("window.geomap.setRange(19845, 19848)")
    assert rows.count() == 4
    assert "4 of 7" in page.locator(".geomap-list-toggle").inner_text()
    legend = page.locator(".geomap-legend .row[data-k]")
    assert legend.filter(has_text="diplomatic meeting").locator(".geomap-n").text_content() == "2"
    labels = page.locator(".leaflet-control-layers-overlays label:not([hidden])")
    names = [labels.nth(i).text_content().strip() for i in range(labels.count())]
    assert "diplomatic meeting (2)" in names and "protest unrest (0)" not in names  # empty: hidden
    page.locator(".geomap-reset").click()
    page.wait_for_function("window.geomap.listed.length === 7")
    assert rows.count() == 7
    # search reaches the incident without a place
    page.locator(".geomap-search-input").fill("envoys")
    page.wait_for_function("window.geomap.listed.length === 1")
    assert page.locator(".geomap-search-count").inner_text() == "1 match"
    assert "no place" in rows.first.inner_text()
    rows.first.click()  # its popup opens at the centre of the view
    page.locator(".leaflet-popup-content", has_text="Envoys talk <i>somewhere</i>").wait_for()
    page.locator(".geomap-search-input").fill("")
    page.wait_for_function("window.geomap.listed.length === 7")
    # a layer toggled off leaves the list
    page.locator(".leaflet-control-layers").hover()
    page.wait_for_timeout(50)
    page.locator(".leaflet-control-layers-overlays label", has_text="protest unrest").locator(
        "input"
    ).click()
    page.wait_for_function("window.geomap.listed.length === 6")
    # keyboard: Tab reaches the list, arrows move, Enter opens
    page.locator(".leaflet-popup-close-button").first.click()
    rows.first.focus()
    page.keyboard.press("ArrowDown")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == rows.nth(1).text_content()
    page.keyboard.press("Enter")
    title = rows.nth(1).locator(".geomap-list-title").inner_text()
    page.locator(".leaflet-popup-content", has_text=title).wait_for(timeout=5_000)
    log.assert_clean()


def test_places_only_map_fits_and_keeps_panels_small(open_map, tmp_path: Path) -> None:
    path = render_map(places_gdf(), tmp_path / "places.html", title="Places")
    for name in ("laptop", "phone"):
        log = open_map(path, SIZES[name])
        page = _ready(log)
        assert page.evaluate(SHARE_JS) <= MAX_SHARE[name]
        assert page.evaluate("window.geomap.map.getZoom()") >= 3  # fitted, not the world
        log.assert_clean()


def test_unplaced_only_map_shows_places_and_lists_incidents(open_map, tmp_path: Path) -> None:
    gdf = readable_incidents()
    unplaced = gdf[gdf["geometry"].isna()]
    path = render_map(places_gdf(), tmp_path / "unplaced.html", incidents=unplaced)
    log = open_map(path, SIZES["laptop"])
    page = _ready(log)
    assert page.locator("path.geomap-cities").count() == 1  # context shown: nothing else to see
    assert "1 no place" in page.locator(".geomap-list-toggle").inner_text()
    assert page.locator(".geomap-list-rows > [role=listitem]").count() == 1
    log.assert_clean()


def test_search_reaches_mentioned_places(open_map, readable_file: Path) -> None:
    log = open_map(readable_file, SIZES["laptop"])
    page = _ready(log)
    assert page.locator("path.geomap-cities").count() == 0  # off by default
    page.locator(".geomap-search-input").fill("denpasar")
    place = page.locator(".geomap-search-place", has_text="Denpasar")
    place.wait_for(state="visible", timeout=5_000)
    assert "1 mentioned place" in page.locator(".geomap-search-count").inner_text()
    place.click()  # the places' layer is switched on and the place's popup opens
    page.locator(".leaflet-popup-content", has_text="Mentioned in 2 sentences").wait_for()
    assert page.locator("path.geomap-cities").count() == 1
    log.assert_clean()


def test_places_without_geometry_are_not_drawn(open_map, tmp_path: Path) -> None:
    """An unresolved mention (a places row with no geometry) is simply not drawn."""
    places = places_gdf()
    row = places.iloc[[0]].copy()
    row["geometry"], row["lat"], row["lon"] = None, float("nan"), float("nan")
    row["name"], row["entry_id"], row["kind"] = "Nowhere", None, None
    both = gpd.GeoDataFrame(pd.concat([places, row], ignore_index=True), crs="EPSG:4326")
    path = render_map(both, tmp_path / "unresolved.html", title="Places")
    log = open_map(path, SIZES["laptop"])
    page = _ready(log)
    assert page.locator("path.geomap-cities").count() == 1  # Denpasar, as without the row
    assert page.evaluate("window.geomap.map.getZoom()") >= 3  # still fitted to the places
    log.assert_clean()
