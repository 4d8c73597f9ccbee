"""Article text is data, never template source: hostile strings in every field of places and
incidents, in both drawing modes, build a map in which nothing was evaluated."""

from __future__ import annotations

import json
from pathlib import Path

import folium
import pytest

from geomap.render import build_map, render_map
from geomap.render.elements import LiteralMacroElement, js_json
from geomap.render.offline import remote_assets
from tests.render.map_fixtures import incidents_gdf, places_gdf

#: text fields of the frames that reach the page (popups, tooltips, titles, legend, search)
PLACE_TEXT = ["article_title", "article_url", "mention", "sentence", "name", "kind"]
INCIDENT_TEXT = [
    "article_title",
    "article_url",
    "title",
    "trigger",
    "sentence",
    "actor_names",
    "place_name",
    "modality",
    "time_precision",
    "id",
]


def hostile(marker: Path) -> list[str]:
    """Strings that a template engine would act on, or that end a script or load a sheet."""
    return [
        # evaluated by Jinja before the fix: creates ``marker`` on the machine building the map
        "Troops attacked Paris {{ lipsum.__globals__['os'].mkdir('" + str(marker) + "') }} ok",
        "Jets hit Kyiv {{ 7*7 }} times",
        "{% for x in range(3) %}loop{% endfor %}",
        "{# an unclosed comment",
        "{{cite web|url=x}} wiki markup",
        "{%- raw %} {{ config }}",
        "@import url(https://evil.example/x.css); body{}",
        "</script><script>alert(5)</script>",
        "line\u2028separator\u2029paragraph",
        "<img src=x onerror=alert(6)>",
        # made up, longer than a big map's quote: cut inside the markup there, still escaped
        "Made up: " + "<b>bold</b> </script><img src=x onerror=alert(8)> {{ 7*7 }} " * 8,
    ]


def _hostile_frames(marker: Path):  # type: ignore[no-untyped-def]
    texts = hostile(marker)
    places, incidents = places_gdf(), incidents_gdf()
    for frame, cols in ((places, PLACE_TEXT), (incidents, INCIDENT_TEXT)):
        for j, col in enumerate(cols):
            frame[col] = [texts[(i + j) % len(texts)] for i in range(len(frame))]
    incidents["sources"] = [
        json.dumps(
            [
                {
                    "article_id": f"a{i}",
                    "title": t,
                    "url": "javascript:alert(7)" if i % 2 else "data:text/html,<b>x</b>",
                    "published": "2024-05-01",
                    "sentence": texts[(i + 3) % len(texts)],
                }
                for t in texts[i % 3 :: 3]
            ]
            + [{"article_id": "long", "sentence": texts[-1]}] * (i == 0)
        )
        for i in range(len(incidents))
    ]
    return places, incidents


@pytest.mark.parametrize("mode", ["detailed", "compact"])
def test_hostile_text_builds_a_map_and_runs_nothing(tmp_path: Path, mode: str) -> None:
    marker = tmp_path / "PWNED"
    places, incidents = _hostile_frames(marker)
    title = "Report {{ 7*7 }} {% if 1 %}x{% endif %} {# @import url(https://evil.example/t.css)"
    path = render_map(
        places, tmp_path / "m.html", incidents=incidents, title=title, incident_mode=mode
    )
    page = path.read_text(encoding="utf-8")
    assert not marker.exists(), "a template expression in the article text was evaluated"
    assert remote_assets(page) == []
    # the data is in the page, escaped, not evaluated: 7*7 appears as written, never as 49
    assert "7*7" in page or mode == "compact"
    assert "Jets hit Kyiv 49 times" not in page
    assert "looploop" not in page
    assert "</script><script>alert(5)" not in page
    assert "\u2028" not in page and "\u2029" not in page


def test_places_only_map_with_hostile_text(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    places, _ = _hostile_frames(marker)
    path = render_map(places, tmp_path / "p.html", title="{{ 7*7 }}")
    assert not marker.exists()
    page = path.read_text(encoding="utf-8")
    assert "<title>{{ 7*7 }}</title>" in page


def test_every_geomap_element_renders_its_template_once() -> None:
    """branca re-parses a MacroElement's output as a template: every element geomap adds must
    be a LiteralMacroElement (folium's own elements only ever get geomap's numbers and
    fixed names)."""
    places, incidents = places_gdf(), incidents_gdf()
    m = build_map(places, incidents=incidents, title="t")
    ours: list[object] = []

    def walk(el: object) -> None:
        for child in getattr(el, "_children", {}).values():
            if type(child).__module__.startswith("geomap."):
                ours.append(child)
            walk(child)

    walk(m)
    assert len(ours) >= 6
    assert all(isinstance(e, LiteralMacroElement) for e in ours), [type(e) for e in ours]


def test_literal_element_output_is_not_parsed_again(tmp_path: Path) -> None:
    from geomap.render.elements import Legend

    m = folium.Map(tiles=None)
    m.add_child(Legend("{{ 7*7 }} {% bad syntax"))
    html = m.get_root().render()
    assert "49" not in html.split("geomap-legend")[1][:200]
    assert "bad syntax" in html


def test_js_json_hides_template_and_css_syntax_inside_strings() -> None:
    obj = {"a": "{{ 7*7 }} {% x %} {# c #} @import </script> \u2028", "b": [{"c": 1}], "d": '\\"{'}
    s = js_json(obj)
    for token in ("{{", "{%", "{#", "@import", "</", "\u2028"):
        assert token not in s
    assert json.loads(s) == obj  # JavaScript (and JSON) read back exactly the same text


@pytest.mark.browser
@pytest.mark.parametrize("mode", ["detailed", "compact"])
def test_hostile_map_in_chromium_shows_text_and_runs_nothing(
    open_map,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    mode: str,
) -> None:
    marker = tmp_path / "PWNED"
    places, incidents = _hostile_frames(marker)
    path = render_map(
        places, tmp_path / "m.html", incidents=incidents, title="T {{ 7*7 }}", incident_mode=mode
    )
    log = open_map(path)
    page = log.page
    page.wait_for_function("window.geomap && window.geomap.ready", timeout=15_000)
    assert page.title() == "T {{ 7*7 }}"
    assert "T {{ 7*7 }}" in page.locator(".geomap-title").inner_text()
    n = page.evaluate("window.geomap.entries.length")
    assert n == len(incidents)
    seen = ""
    for i in range(n):
        page.evaluate(f"window.geomap.focus(window.geomap.entries[{i}])")
        popup = page.locator(".leaflet-popup-content")
        popup.wait_for(state="visible", timeout=5_000)
        seen += popup.inner_text() + "\n"
        assert popup.locator("script, img, a[href^='javascript'], a[href^='data']").count() == 0
        page.evaluate("() => { window.geomap.map.closePopup(); }")
        page.wait_for_function("!document.querySelector('.leaflet-popup-content')")
    for text in hostile(marker):
        if text.startswith(("line", "<img")):
            continue  # the separators are whitespace to innerText; <img> checked below
        assert text.split()[0] in seen
    assert "Jets hit Kyiv {{ 7*7 }} times" in seen
    assert "{% for x in range(3) %}loop{% endfor %}" in seen
    assert "<img src=x onerror=alert(6)>" in seen
    assert "<b>bold</b> </script><img src=x onerror=alert(8)> {{ 7*7 }}" in seen
    assert ("shortened to the part around the event" in seen) == (mode == "compact")
    assert not marker.exists()
    page.wait_for_timeout(200)
    log.assert_clean()
