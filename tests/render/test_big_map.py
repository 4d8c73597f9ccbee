"""The big-map path (issue 14 item 5) in headless Chromium: 5,000 incidents drawn on one canvas
(grid clusters when many are in view), a virtual incident list whose count and positions cover
every incident, list and canvas clicks opening the right popup, offline and without errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from geomap.render import render_map
from tests.render.map_fixtures import many_incidents, places_gdf
from tests.render.test_readable import _SHOTS, HIDDEN_JS, MAX_SHARE, SCREENSHOTS, SHARE_JS, SIZES

pytestmark = pytest.mark.browser

N = 5000
N_UNPLACED = N // 100  # every hundredth incident has no place
ROWS = ".geomap-list-rows > [role=listitem]"


@pytest.fixture(scope="module")
def big_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("maps") / "big.html"
    return render_map(places_gdf(), path, incidents=many_incidents(N), title="5,000 incidents")


def _ready(log: Any) -> Any:
    log.page.wait_for_function("window.geomap && window.geomap.ready", timeout=30_000)
    return log.page


def _open_list(page: Any) -> None:
    if page.locator(".geomap-list.geomap-collapsed").count():
        page.locator(".geomap-list-toggle").click()
    page.locator("[role=list][aria-label=Incidents]").wait_for(state="visible")


@pytest.mark.parametrize("name", list(SIZES))
def test_big_map_opens_clustered_with_panels_small(open_map, big_file: Path, name: str) -> None:
    log = open_map(big_file, SIZES[name])
    page = _ready(log)
    assert page.evaluate("window.geomap.entries.length") == N
    assert page.locator("path.geomap-incident").count() == 0  # one canvas, no SVG per incident
    assert page.locator("canvas.geomap-canvas").count() == 1
    assert page.evaluate("window.geomap.canvas.nInView") == N - N_UNPLACED  # all in the view
    clusters = page.evaluate("window.geomap.canvas.clusters()")
    assert clusters and sum(c["n"] for c in clusters) <= N - N_UNPLACED
    assert page.evaluate(SHARE_JS) <= MAX_SHARE[name]
    assert page.evaluate(HIDDEN_JS) == [], f"{name}: incidents hidden at load"
    toggle = page.locator(".geomap-list-toggle").inner_text()
    assert f"{N} of {N}" in toggle and f"{N_UNPLACED} no place" in toggle
    log.assert_clean()


def test_big_map_virtual_list_covers_every_incident(open_map, big_file: Path) -> None:
    log = open_map(big_file, SIZES["laptop"])
    page = _ready(log)
    _open_list(page)
    rows = page.locator(ROWS)
    assert 5 <= rows.count() < 100  # only the rows in (and near) view are in the DOM
    assert rows.first.get_attribute("aria-setsize") == str(N)
    assert rows.first.get_attribute("aria-posinset") == "1"
    # scrolled to the end: the last of the N rows, an incident without a place (undated: last)
    page.evaluate(
        "(u => { u.scrollTop = u.scrollHeight; })(document.querySelector('.geomap-list-rows'))"
    )
    page.wait_for_function(
        f"[...document.querySelectorAll('{ROWS}')]"
        f".some(r => r.getAttribute('aria-posinset') === '{N}')"
    )
    last = rows.last
    assert last.get_attribute("aria-posinset") == str(N)
    assert "undated" in last.inner_text()
    assert rows.count() < 100
    # keyboard over the whole list: Home goes to the first row, End back to the last
    last.focus()
    page.keyboard.press("Home")
    assert page.evaluate("document.activeElement.getAttribute('aria-posinset')") == "1"
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.getAttribute('aria-posinset')") == "2"
    page.keyboard.press("End")
    assert page.evaluate("document.activeElement.getAttribute('aria-posinset')") == str(N)
    # the list follows the time filter: its size is the incidents shown
    page.evaluate("window.geomap.setRange(19800, 19830)")  # 2024-03-18 .. 2024-04-17
    shown = page.evaluate("window.geomap.listed.length")
    assert 0 < shown < N
    assert rows.first.get_attribute("aria-setsize") == str(shown)
    assert f"{shown} of {N}" in page.locator(".geomap-list-toggle").inner_text()
    log.assert_clean()


def test_big_map_row_and_canvas_clicks_open_the_right_popup(open_map, big_file: Path) -> None:
    log = open_map(big_file, SIZES["laptop"])
    page = _ready(log)
    _open_list(page)
    row = page.locator(ROWS).nth(2)
    title = row.locator(".geomap-list-title").inner_text()
    row.click()
    popup = page.locator(".leaflet-popup-content", has_text=title)
    popup.wait_for(state="visible", timeout=5_000)
    assert page.evaluate("window.geomap.focused.r[7]") == title
    page.locator(".leaflet-popup-close-button").click()
    page.wait_for_timeout(300)
    # a real click on the canvas dot of incident 7 (hostile title: shown as text)
    xy = page.evaluate(
        """(() => { const g = window.geomap, m = g.map, e = g.entries[7];
        m.setView(g.center(e), 9, {animate: false});
        const p = m.latLngToContainerPoint(g.center(e));
        const r = m.getContainer().getBoundingClientRect();
        return [r.left + p.x, r.top + p.y]; })()"""
    )
    assert page.evaluate("window.geomap.canvas.clusters().length") == 0  # one by one here
    page.mouse.click(xy[0], xy[1])
    popup = page.locator(".leaflet-popup-content", has_text="Incident 7 near")
    popup.wait_for(state="visible", timeout=5_000)
    assert "<img src=x onerror=alert(7)>" in popup.inner_text()
    assert popup.locator("img").count() == 0
    # at the world view the incidents are clusters: a click on one zooms in
    page.evaluate(
        "window.geomap.map.closePopup(); window.geomap.map.setView([10, 0], 2, {animate: false})"
    )
    free = page.evaluate(  # the clusters clear of the panels
        """(() => { const g = window.geomap, rs = g.panelRects();
        return g.canvas.clusters().filter(c => !rs.some(r => c.x >= r.x - c.r &&
          c.x <= r.x + r.w + c.r && c.y >= r.y - c.r && c.y <= r.y + r.h + c.r)); })()"""
    )
    c = max(free, key=lambda c: c["n"])
    box = page.locator(".leaflet-container").bounding_box()
    page.mouse.click(box["x"] + c["x"], box["y"] + c["y"])
    page.wait_for_function("window.geomap.map.getZoom() > 2")
    log.assert_clean()


def test_big_map_popup_quotes_the_event_and_says_the_quote_is_shortened(
    open_map, big_file: Path
) -> None:
    """Incident 11's long (made-up) sentence: its popup quotes the part around the trigger, at
    most QUOTE_CHARS characters with the cuts marked, says it is shortened and where the whole
    sentence is; its dates (three days) come back from the packed columns."""
    from geomap.render.quotes import CUT_MARK, QUOTE_CHARS

    log = open_map(big_file, SIZES["laptop"])
    page = _ready(log)
    page.evaluate("window.geomap.focus(window.geomap.entries[11], false)")
    popup = page.locator(".leaflet-popup-content", has_text="Incident 11 near")
    popup.wait_for(state="visible", timeout=5_000)
    q = popup.locator("q").inner_text()
    assert "a blast hit the harbour of" in q and len(q) <= QUOTE_CHARS
    assert q.startswith(CUT_MARK) and q.endswith(CUT_MARK)
    note = popup.locator(".geomap-cut").inner_text()
    assert "Quote shortened" in note and "full sentences are in the exports" in note
    when = popup.locator("tr", has_text="When").inner_text()
    assert when.count("2024-") == 2  # a range: start - end
    if _SHOTS:  # GEOMAP_SCREENSHOTS=1: the shortened quote (made-up text) as a user sees it
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.wait_for_timeout(500)  # the popup's fade-in
        page.screenshot(path=str(SCREENSHOTS / "big_map_shortened_quote_laptop.png"))
    # a popup with a short sentence has no note
    page.evaluate("window.geomap.map.closePopup(); window.geomap.focus(window.geomap.entries[12])")
    popup = page.locator(".leaflet-popup-content", has_text="Incident 12 near")
    popup.wait_for(state="visible", timeout=5_000)
    assert popup.locator("q").inner_text() == "Something happened near Bali (12)."
    assert popup.locator(".geomap-cut").count() == 0
    log.assert_clean()
