"""Rendered map HTML, checked as text (no browser): offline, escaped, honest, deduplicated."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from geomap.render import OfflineAssetError, assert_offline, inline_assets, render_map
from geomap.render.incident_layer import choose_mode, incident_payload
from geomap.render.map import place_layers
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


def test_incident_payload_per_category_and_quad() -> None:
    payload = incident_payload(incidents_gdf(), "detailed")
    assert payload is not None
    cats = [(c["quad"], c["key"], c["n"]) for c in payload["cats"]]
    assert cats == [
        ("Verbal cooperation", "diplomatic_meeting", 1),
        ("Verbal conflict", "statement_accusation", 1),
        ("Material conflict", "airspace_incursion", 1),
        ("Material conflict", "maritime_incident", 1),
        ("Material conflict", "military_activity", 1),
        ("Material conflict", "protest_unrest", 1),
    ]
    by_title = {r[7]: r for r in payload["rows"]}
    meeting = by_title["Ministers meet <b>in</b> Bali"]
    popup = meeting[10]
    assert "Ministers meet &lt;b&gt;in&lt;/b&gt; Bali" in popup
    assert "Indonesia; Australia" in popup
    assert "2 sources" in popup  # both sentences of the merged incident are quoted
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in popup
    assert "&lt;img src=x onerror=alert(1)&gt;" in popup
    assert "&quot;quoted&quot; &amp; &#x27;single&#x27; &lt;/div&gt;" in popup
    assert "javascript:" not in popup
    assert "2024-05-01 – 2024-05-02" in popup and "(day)" in popup
    assert "precision 3: city or district" in popup
    assert meeting[3] == 19844 and meeting[4] == 19845  # days since 1970
    future = by_title["Exercise planned in Indonesia"]
    assert future[2] == 1 and "FUTURE" in future[10]
    assert by_title["Ministry criticises patrols"][3] is None  # undated
    # honest geometry: lines and polygons stay shapes, points stay points
    assert by_title["Jets cross median line"][6]["type"] == "LineString"
    assert by_title["Water cannon in the South China Sea"][6]["type"] == "Polygon"
    assert isinstance(by_title["Protest outside the embassy"][6], list)


def test_compact_payload_has_no_html() -> None:
    payload = incident_payload(incidents_gdf(), "compact")
    assert payload is not None and payload["mode"] == "compact"
    text = json.dumps(payload)
    assert "<h4>" not in text and "geomap-popup" not in text
    row = next(r for r in payload["rows"] if r[7] == "Ministers meet <b>in</b> Bali")
    modality, conf, sources, ident = row[10]
    assert modality == 0 and conf == 80 and ident == "i1" and len(sources) == 2
    titles = [payload["articles"][s[1]][0] for s in sources]
    assert titles == ["Ministers meet", "<img src=x onerror=alert(1)>"]
    assert all(a[1] == "" or a[1].startswith("https://") for a in payload["articles"])  # no js:


def test_compact_embedding_keeps_popup_details_in_chunks() -> None:
    """What only a popup shows (quotes, sources, ids; the article table) is embedded apart,
    LZMA-packed in chunks of POPUP_CHUNK incidents, so the page does not read it at load."""
    import lzma
    import zlib

    from geomap.render import incident_layer
    from geomap.render.incident_layer import _embed
    from geomap.render.packing import unb85
    from tests.render.map_fixtures import many_incidents

    chunk = 1000
    n = 2 * chunk + 5
    payload = incident_payload(many_incidents(n), "compact")
    assert payload is not None
    old, incident_layer.POPUP_CHUNK = incident_layer.POPUP_CHUNK, chunk
    try:
        embedded = json.loads(_embed(payload))
    finally:
        incident_layer.POPUP_CHUNK = old

    def inflate(b85: str):  # type: ignore[no-untyped-def]
        return json.loads(zlib.decompress(unb85(b85)))

    def unlzma(packed: list):  # type: ignore[no-untyped-def,type-arg]
        raw = lzma.decompress(unb85(packed[0]), format=lzma.FORMAT_ALONE)
        assert len(raw) == packed[1]
        return json.loads(raw)

    slim = inflate(embedded["deflated"])
    assert slim["rows"] is None and len(slim["cols"]) == 11  # the rows without item 10
    assert all(len(c) == n for c in slim["cols"])
    rows = [r[:10] + r[11:] for r in payload["rows"]]
    for r in rows:  # the end day: days after the start
        r[4] = r[4] if r[3] is None or r[4] is None else r[4] - r[3]
    assert [list(r) for r in zip(*slim["cols"], strict=True)] == rows
    assert slim["articles"] is None and "Something happened" not in json.dumps(slim)
    lazy = embedded["lazy"]
    assert lazy["chunk"] == chunk and len(lazy["popups"]) == 3
    chunks = [unlzma(c) for c in lazy["popups"]]
    assert [len(c["p"]) for c in chunks] == [chunk, chunk, 5]
    for c in chunks:  # each chunk's quotes stored once, sources give their index
        assert len(set(c["q"])) == len(c["q"])
        for x in c["p"]:
            x[2] = [[c["q"][s[0]], *s[1:]] for s in x[2]]
    assert [x for c in chunks for x in c["p"]] == [r[10] for r in payload["rows"]]
    assert unlzma(lazy["articles"]) == payload["articles"]


def test_mode_by_size() -> None:
    assert choose_mode(10) == "detailed"
    assert choose_mode(50_000) == "compact"
    assert choose_mode(10, "compact") == "compact"
    with pytest.raises(ValueError):
        choose_mode(10, "fast")


def test_incident_map_is_offline_and_escaped(tmp_path: Path) -> None:
    for mode in ("detailed", "compact"):
        path = render_map(
            places_gdf(), tmp_path / f"{mode}.html", incidents=incidents_gdf(), incident_mode=mode
        )
        page = path.read_text(encoding="utf-8")
        assert_offline(page)
        assert "leaflet.markercluster/leaflet.markercluster.js (vendored)" in page
        assert "leaflet.heat/leaflet-heat.js (vendored)" in page
        for hostile in [*HOSTILE, "<img src=x onerror=alert(3)>"]:
            assert hostile not in page, (mode, hostile)
        assert "javascript:alert" not in page


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


def test_compact_popups_quote_shortened_sentences_detailed_popups_whole() -> None:
    """Big (compact) maps quote each source sentence around its event in at most QUOTE_CHARS
    characters, flagged as shortened; small (detailed) maps keep it whole (escaped)."""
    import html

    from geomap.render.quotes import CUT_MARK, QUOTE_CHARS
    from tests.render.map_fixtures import many_incidents

    gdf = many_incidents(20)
    long = gdf.iloc[11]["sentence"]
    assert len(long) > QUOTE_CHARS
    compact = incident_payload(gdf, "compact")
    detailed = incident_payload(gdf, "detailed")
    assert compact is not None and detailed is not None
    ((q, _art, cut),) = compact["rows"][11][10][2]
    assert cut == 1 and len(q) <= QUOTE_CHARS and q.startswith(CUT_MARK)
    assert q.strip(CUT_MARK) in long and "blast hit the harbour" in q
    assert len(compact["rows"][12][10][2][0]) == 2  # a short sentence: whole, no flag
    assert html.escape(long, quote=True) in detailed["rows"][11][10]


def test_quote_table_stores_each_quote_of_a_chunk_once() -> None:
    from geomap.render.incident_layer import _quote_table

    popups = [
        [0, 80, [["Made up: A.", 0], ["Made up: B…", 1, 1]], "i1"],
        ["future", None, [["Made up: A.", 2]], "i2"],
        [0, 50, [], "i3"],
    ]
    assert _quote_table(popups) == {
        "q": ["Made up: A.", "Made up: B…"],
        "p": [
            [0, 80, [[0, 0], [1, 1, 1]], "i1"],
            ["future", None, [[0, 2]], "i2"],
            [0, 50, [], "i3"],
        ],
    }
