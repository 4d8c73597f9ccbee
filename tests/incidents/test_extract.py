"""The incident stage end to end: the sample article's targets, modality, places, times and
actors of own sentences, the crosswalk codes each incident carries, and the incidents as frame
rows (schema, merging across articles, export)."""

from __future__ import annotations

import json
from datetime import date

import geopandas as gpd
import pytest

from geomap.frame import (
    INCIDENT_COLUMNS,
    incident_anchor_layer,
    incident_records,
    incidents_frame,
    merge_incident_frames,
)
from geomap.incidents import CATEGORIES, crosswalk, incident_id
from geomap.models import Article, Incident


def _place(i):  # type: ignore[no-untyped-def]
    return i.place.entry.name if i.place is not None and i.place.entry is not None else None


def _asserted(incs, category):  # type: ignore[no-untyped-def]
    return [i for i in incs if i.category == category and i.modality == "asserted"]


# ------------------------------------------------------------------------- sample targets
def test_bali_meeting(sample) -> None:  # type: ignore[no-untyped-def]
    hits = [
        i
        for i in _asserted(sample.incident_list, "diplomatic_meeting")
        if _place(i) == "Bali" and i.start == date(2022, 7, 9)
    ]
    assert len(hits) == 1
    inc = hits[0]
    assert inc.time_precision == "day"
    countries = {a.name for a in inc.actors if a.kind == "country"}
    assert {"United States", "China"} <= countries
    assert len(inc.sources) >= 2  # the lead sentence and the "talks on ... Bali" sentence


def test_g20_meeting_day_before(sample) -> None:  # type: ignore[no-untyped-def]
    hits = [
        i
        for i in _asserted(sample.incident_list, "diplomatic_meeting")
        if i.start == date(2022, 7, 8)
    ]
    assert hits, "the meeting of senior diplomats a day before"
    assert "senior diplomats" in hits[0].sentence


def test_median_line_crossing(sample) -> None:  # type: ignore[no-untyped-def]
    hits = [
        i
        for i in sample.incident_list
        if i.category == "airspace_incursion" and i.start == date(2022, 7, 8)
    ]
    assert len(hits) == 1
    inc = hits[0]
    assert inc.domain == "air"
    assert inc.place is not None and inc.place.entry.kind == "line"
    assert inc.place.geometry.geom_type == "LineString"
    assert inc.geo_precision == 7
    assert any(a.name == "China" for a in inc.actors)


def test_singapore_conference_last_month(sample) -> None:  # type: ignore[no-untyped-def]
    hits = [
        i
        for i in sample.incident_list
        if i.category == "summit_conference" and _place(i) == "Singapore"
    ]
    assert len(hits) == 1
    inc = hits[0]
    assert (inc.start, inc.end) == (date(2022, 6, 1), date(2022, 6, 30))
    assert inc.time_precision == "month"
    assert inc.modality == "asserted"


def test_freedom_of_navigation_patrols(sample) -> None:  # type: ignore[no-untyped-def]
    hits = [i for i in sample.incident_list if i.category == "maritime_incident"]
    assert len(hits) == 1
    inc = hits[0]
    assert _place(inc) == "South China Sea"
    assert inc.domain == "sea"
    assert inc.geo_precision == 7
    assert inc.place.geometry.geom_type in {"Polygon", "MultiPolygon"}


def test_possible_biden_xi_meeting_is_not_asserted(sample) -> None:  # type: ignore[no-untyped-def]
    nov = [i for i in sample.incident_list if i.start == date(2022, 11, 1)]
    assert nov, "the possible meeting in November"
    assert all(i.modality in {"future", "hypothetical"} for i in nov)
    assert any(
        _place(i) == "Bali" and i.category in {"diplomatic_meeting", "summit_conference"}
        for i in nov
    )


def test_no_incident_in_ukraine_or_russia(sample) -> None:  # type: ignore[no-untyped-def]
    assert not [i for i in sample.incident_list if _place(i) in {"Ukraine", "Russia"}]
    warnings = [i for i in sample.incident_list if i.category == "threat_warning"]
    assert warnings
    for w in warnings:
        assert _place(w) in {None, "Bali"}
        assert w.modality != "asserted"  # "was to repeat warnings"


def test_every_incident_quotes_its_sentence(sample) -> None:  # type: ignore[no-untyped-def]
    text = sample.article.text
    for inc in sample.incident_list:
        assert text[inc.sentence_start : inc.sentence_end] == inc.sentence
        for s in inc.sources:
            assert text[s["sentence_start"] : s["sentence_end"]] == s["sentence"]
            assert text[s["trigger_start"] : s["trigger_end"]] == s["trigger"]
            assert s["published"] == "2022-07-09"


def test_frame_schema_and_stable_ids(sample, pipe) -> None:  # type: ignore[no-untyped-def]
    gdf = sample.incidents
    assert list(gdf.columns) == INCIDENT_COLUMNS
    assert gdf.crs.to_epsg() == 4326
    assert gdf["id"].is_unique
    again = pipe.parse_article(sample.article).incidents
    assert gdf["id"].tolist() == again["id"].tolist()
    line = gdf[gdf["place_kind"] == "line"].iloc[0]
    assert line.geometry.geom_type == "LineString"
    assert (
        line.geometry.distance(gpd.points_from_xy([line.anchor_lon], [line.anchor_lat])[0]) < 1e-6
    )


def test_incident_id_is_a_pure_hash() -> None:
    a = incident_id("art", 10, 50, "diplomatic_meeting", 12)
    assert a == incident_id("art", 10, 50, "diplomatic_meeting", 12)
    assert a != incident_id("art", 10, 50, "protest_unrest", 12)
    assert a.startswith("inc-")


# ------------------------------------------------------------------------- own sentences
def test_negated_event_is_dropped(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("The two foreign ministers did not meet in Paris on Tuesday.")
    assert not [i for i in incs if i.category == "diplomatic_meeting"]


def test_future_and_hypothetical(run) -> None:  # type: ignore[no-untyped-def]
    fut = run("The prime ministers will meet in Tokyo next month.")
    m = [i for i in fut if i.category == "diplomatic_meeting"]
    assert m and m[0].modality == "future"
    assert m[0].start == date(2024, 4, 1) and m[0].time_precision == "month"
    hyp = run("Officials hoped the leaders could possibly meet in Geneva.")
    h = [i for i in hyp if i.category == "diplomatic_meeting"]
    assert h and h[0].modality == "hypothetical"


def test_location_is_the_events_own_place(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("Protesters marched through Nairobi on Monday to oppose the war in Sudan.")
    p = [i for i in incs if i.category == "protest_unrest"]
    assert p and _place(p[0]) == "Nairobi"
    assert p[0].start == date(2024, 3, 11)
    assert not [i for i in incs if _place(i) == "Sudan"]


def test_warships_patrol_is_maritime(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("Two navy warships patrolled the Black Sea on Sunday.")
    m = [i for i in incs if i.category == "maritime_incident"]
    assert m and m[0].domain == "sea" and _place(m[0]) == "Black Sea"


def test_person_actor_with_country(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("French Foreign Minister Jean Dupont met officials in Dakar on Friday.")
    m = next(i for i in incs if i.category == "diplomatic_meeting")
    people = {a.name: a.country_code for a in m.actors if a.kind == "person"}
    assert people.get("Jean Dupont") == "FR"


# ------------------------------------------------------------------------- merging, export
ART_A = (
    "Hundreds of farmers protested outside parliament in Nairobi on Tuesday, "
    "demanding lower fuel prices."
)
ART_B = (
    "Police in Nairobi said hundreds of farmers demonstrated in the city on Tuesday "
    "against fuel prices."
)


def test_merge_across_two_articles(run) -> None:  # type: ignore[no-untyped-def]
    a = incidents_frame(run(ART_A, date(2024, 3, 13), "a"))
    b = incidents_frame(run(ART_B, date(2024, 3, 13), "b"))
    pa = a[a.category == "protest_unrest"]
    pb = b[b.category == "protest_unrest"]
    assert len(pa) == 1 and len(pb) == 1
    merged = merge_incident_frames([a, b])
    pm = merged[merged.category == "protest_unrest"]
    assert len(pm) == 1
    row = pm.iloc[0]
    assert row["n_articles"] == 2
    sources = json.loads(row["sources"])
    assert {s["article_id"] for s in sources} == {"a", "b"}
    assert set(json.loads(row["member_ids"])) == {pa.iloc[0]["id"], pb.iloc[0]["id"]}
    assert row["id"] == min(pa.iloc[0]["id"], pb.iloc[0]["id"])
    # merging is idempotent and order-independent
    assert merge_incident_frames([b, a])["id"].tolist() == merged["id"].tolist()


def test_different_days_are_not_merged(run) -> None:  # type: ignore[no-untyped-def]
    a = incidents_frame(run(ART_A, date(2024, 3, 13), "a"))
    b = incidents_frame(run(ART_B, date(2024, 3, 22), "b"))  # a later Tuesday
    merged = merge_incident_frames([a, b])
    assert len(merged[merged.category == "protest_unrest"]) == 2


@pytest.mark.parametrize("ext", ["geojson", "gpkg", "parquet", "csv"])
def test_export_round_trip(sample, tmp_path, ext) -> None:  # type: ignore[no-untyped-def]
    from geomap.io import write_incidents

    gdf = sample.incidents
    out = tmp_path / f"inc.{ext}"
    write_incidents(gdf, out)
    if ext == "csv":
        import pandas as pd

        back = pd.read_csv(out)
        assert {"lon", "lat", "wkt"} <= set(back.columns)
        assert back["wkt"].dropna().str.startswith("LINESTRING").any()
    elif ext == "gpkg":
        layers = gpd.list_layers(out)["name"].tolist()
        assert layers == ["incidents", "incident_anchors"]
        pts = gpd.read_file(out, layer="incident_anchors")
        assert set(pts.geometry.dropna().geom_type) == {"Point"}
        back = gpd.read_file(out, layer="incidents")
    elif ext == "parquet":
        back = gpd.read_parquet(out)
    else:
        back = gpd.read_file(out)
        raw = json.loads(out.read_text(encoding="utf-8"))
        assert "crs" not in raw
    if ext != "csv":
        assert sorted(back["id"]) == sorted(gdf["id"])
        assert "LineString" in set(back.geometry.dropna().geom_type)


def test_anchor_layer_points(sample) -> None:  # type: ignore[no-untyped-def]
    pts = incident_anchor_layer(sample.incidents)
    assert set(pts.geometry.dropna().geom_type) == {"Point"}
    assert len(pts) == len(sample.incidents)


def test_diplomatic_protest_is_a_statement(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "Manila said on Monday it had lodged a diplomatic protest over the incident."
    res = pipe.parse_article(Article("p1", text, published=date(2022, 7, 12)))
    cats = [i.category for i in res.incident_list]
    assert "protest_unrest" not in cats and "statement_accusation" in cats


def test_report_date_is_not_event_date(pipe) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Taiwan's defence ministry said on Saturday that Chinese warplanes crossed "
        "the median line of the Taiwan Strait on Friday morning."
    )
    res = pipe.parse_article(Article("r1", text, published=date(2022, 7, 9)))
    inc = next(i for i in res.incident_list if i.category == "airspace_incursion")
    assert inc.start == date(2022, 7, 8) and inc.time_precision == "day"


# ------------------------------------------------------------------------- crosswalk codes
def test_incidents_carry_their_crosswalk_codes(sample) -> None:  # type: ignore[no-untyped-def]
    for inc in sample.incident_list:
        assert inc.category in CATEGORIES
        codes = (inc.plover_event, inc.cameo_root, inc.quad_class)
        assert codes == crosswalk(inc.category, inc.trigger)
    meeting = next(i for i in sample.incident_list if i.category == "diplomatic_meeting")
    assert (meeting.plover_event, meeting.cameo_root, meeting.quad_class) == (
        "CONSULT",
        "04",
        "verbal cooperation",
    )


def test_frame_rows_read_the_codes_from_the_incident() -> None:
    inc = Incident(
        id="inc-x",
        article_id="a",
        category="protest_unrest",
        domain="land",
        title="Protest / unrest",
        sentence="They marched.",
        sentence_start=0,
        sentence_end=13,
        trigger="marched",
        plover_event="PROTEST",
        cameo_root="14",
        quad_class="material conflict",
    )
    row = incident_records([inc])[0]
    assert (row["plover_event"], row["cameo_root"], row["quad_class"]) == (
        "PROTEST",
        "14",
        "material conflict",
    )
    # an Incident built without codes (the defaults) has none in its row
    bare = Incident(
        id="inc-y",
        article_id="a",
        category="other",
        domain="land",
        title="Other",
        sentence="s",
        sentence_start=0,
        sentence_end=1,
        trigger="x",
    )
    row = incident_records([bare])[0]
    assert (row["plover_event"], row["cameo_root"], row["quad_class"]) == (None, None, None)


def test_frame_imports_only_value_types() -> None:
    import ast
    import inspect

    import geomap.frame

    tree = ast.parse(inspect.getsource(geomap.frame))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not [m for m in imported if m.startswith("geomap.incidents")]
