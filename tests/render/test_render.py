"""Rendered map HTML, checked as text (no browser): offline, escaped, honest, deduplicated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geomap.render import OfflineAssetError, assert_offline, inline_assets, render_map
from geomap.render.map import incident_layers, place_layers
from geomap.render.popups import highlight, place_popup, safe_url
from tests.render.map_fixtures import HOSTILE, incidents_gdf, places_gdf


@pytest.fixture(scope="module")
def html(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("m") / "map.html"
    out = render_map(
        places_gdf(), path, incidents=incidents_gdf(), title="T <b>x</b>", online_tiles=True
    )
    assert out == path
    return path.read_text(encoding="utf-8")


def test_no_remote_scripts_or_stylesheets(html: str) -> None:
    assert_offline(html)
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+stylesheet", html)
    assert "leaflet/leaflet.js (vendored)" in html
    assert "data:image/png;base64," in html  # leaflet.css images inlined
    for gone in ("jquery", "bootstrap.bundle", "fontawesome", "awesome-markers"):
        assert gone not in html.lower(), gone


def test_size_is_reasonable(html: str) -> None:
    assert len(html.encode()) < 1_000_000


def test_hostile_text_never_raw(html: str) -> None:
    for hostile in HOSTILE:
        assert hostile not in html
    assert "<b>x</b>" not in html
    assert "javascript:alert" not in html
    assert "<title>T &lt;b&gt;x&lt;/b&gt;</title>" in html


def test_assert_offline_raises() -> None:
    for bad in (
        '<script src="https://cdn.example.com/x.js"></script>',
        "<script src='//cdn.example.com/x.js'></script>",
        '<link rel="stylesheet" href="http://cdn.example.com/x.css"/>',
        "<style>@import url(https://fonts.example.com/a.css);</style>",
    ):
        with pytest.raises(OfflineAssetError):
            assert_offline(f"<html><head>{bad}</head></html>")
    assert_offline('<a href="https://example.org">a link is fine</a>')


def test_inline_assets_refuses_unknown_cdn() -> None:
    with pytest.raises(OfflineAssetError, match="no vendored copy"):
        inline_assets('<script src="https://cdn.example.com/plugin.js"></script>')


def test_inline_assets_refuses_dropping_used_asset() -> None:
    page = (
        '<script src="https://cdnjs.cloudflare.com/ajax/libs/Leaflet.awesome-markers/2.0.2/'
        'leaflet.awesome-markers.js"></script><script>L.AwesomeMarkers.icon({})</script>'
    )
    with pytest.raises(OfflineAssetError, match="does not vendor"):
        inline_assets(page)


def test_dedupe_by_entry_and_literal_only() -> None:
    layers = place_layers(places_gdf())
    assert sorted(layers) == ["cities", "countries", "lines", "provinces", "seas"]
    assert len(layers["cities"]) == 1
    popup = layers["cities"][0]["properties"]["_popup"]
    assert "Mentioned in 2 sentences in 2 articles" in popup
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popup
    assert "Indonesian diplomats" not in json.dumps(layers)  # demonym row not drawn


def test_honest_geometry() -> None:
    layers = place_layers(places_gdf())
    assert layers["seas"][0]["geometry"]["type"] == "Polygon"
    assert layers["lines"][0]["geometry"]["type"] == "LineString"
    assert layers["countries"][0]["geometry"]["type"] == "Polygon"
    assert layers["countries"][0]["properties"]["_style"]["dashArray"]
    assert "_radius_m" not in layers["cities"][0]["properties"]
    # a vague place that only has a point becomes an area circle, not an exact-looking dot
    gdf = places_gdf().iloc[[5]].copy()
    gdf["geometry"] = gdf["geometry"].representative_point()
    vague = place_layers(gdf)["provinces"][0]["properties"]
    assert vague["_radius_m"] >= 100_000


def test_incident_layers_per_category() -> None:
    layers = incident_layers(incidents_gdf())
    assert sorted(layers) == ["airspace_incursion", "diplomatic_meeting"]
    popup = layers["diplomatic_meeting"][0]["properties"]["_popup"]
    assert "Ministers meet &lt;b&gt;in&lt;/b&gt; Bali" in popup
    assert "Indonesia, Australia" in popup


def test_popup_helpers() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url("data:text/html,<script>") is None
    assert safe_url("https://example.org/a?b=1&c=2") == "https://example.org/a?b=1&c=2"
    assert highlight("a <b> Bali c", "Bali") == "a &lt;b&gt; <mark>Bali</mark> c"
    html = place_popup("X", "city", 3, None, [])
    assert "Mentioned in 0 sentences" in html


def test_atomic_write_keeps_old_file_on_error(tmp_path: Path) -> None:
    target = tmp_path / "map.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError, match="EPSG:4326"):
        render_map(places_gdf().to_crs(3857), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["map.html"]
