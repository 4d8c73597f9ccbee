"""Places frame: schema, CRS, and the per-place aggregation used for exports."""

from __future__ import annotations

import json

import pandas as pd

from geomap.frame import PLACE_COLUMNS, aggregate_places, place_records, places_frame
from geomap.models import Article
from geomap.pipeline import Pipeline


def test_schema_and_aggregation(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = "Chinese ships sailed into the South China Sea. China said the South China Sea is calm."
    art = Article(id="a1", text=text, title="T")
    places = Pipeline(small_gazetteer, incidents=False).resolve_places(text)
    gdf = places_frame(place_records(art, places))
    assert list(gdf.columns) == PLACE_COLUMNS and gdf.crs.to_epsg() == 4326
    assert str(gdf["geonameid"].dtype) == "Int64"
    assert sorted(gdf["role"]) == ["associative", "demonym", "literal", "literal"]
    agg = aggregate_places(gdf)
    assert len(agg) == 2  # China (demonym + associative) and the sea
    china = agg[agg["entry_id"] == "c:cn"].iloc[0]
    assert china["role"] == "associative" and china["count"] == 2
    mentions = json.loads(china["mentions"])
    assert [m["text"] for m in mentions] == ["Chinese", "China"]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    sea = agg[agg["entry_id"] == "s:scs"].iloc[0]
    assert sea["count"] == 2 and sea.geometry.geom_type == "Polygon"


def test_empty() -> None:
    gdf = places_frame([])
    assert gdf.empty and list(gdf.columns) == PLACE_COLUMNS
    assert aggregate_places(gdf).empty


# ------------------------------------------------------------------ merging across articles
def _reports(*specs):  # type: ignore[no-untyped-def]
    """An incidents frame of one-row reports: (article, lon, lat, date, sentence, actors)."""
    import geopandas as gpd
    from shapely.geometry import Point

    from geomap.frame import INCIDENT_COLUMNS
    from tests.render.map_fixtures import _incident

    rows = []
    for n, (art, lon, lat, day, sentence, actors) in enumerate(specs):
        placed = lon is not None
        rows.append(
            _incident(
                id=f"inc-{n:03d}",
                member_ids=json.dumps([f"inc-{n:03d}"]),
                article_id=art,
                category="armed_clash_attack",
                sentence=sentence,
                start=day,
                end=day,
                entry_id=f"gn:{lon},{lat}" if placed else None,
                actor_list=list(actors),
                geometry=Point(lon, lat) if placed else Point(0, 0),
            )
        )
        if not placed:
            rows[-1].update(anchor_lon=None, anchor_lat=None, geometry=None)
    return gpd.GeoDataFrame(rows, columns=INCIDENT_COLUMNS, geometry="geometry", crs="EPSG:4326")


def test_placeless_reports_merge_only_with_copies() -> None:
    from geomap.frame import merge_incident_frames

    same = "Militants attacked a convoy, officials said."
    gdf = _reports(
        ("a", None, None, None, same, ["Taliban"]),
        ("b", None, None, None, same, ["Taliban"]),  # a syndicated copy: merged
        ("c", None, None, None, "Militants attacked a post.", ["Taliban"]),  # same actors: not
        ("d", None, None, "2020-05-09", "Gunmen attacked a bus.", ["Taliban"]),  # undated place
    )
    merged = merge_incident_frames([gdf.iloc[[i]] for i in range(len(gdf))])
    sizes = sorted(len(json.loads(m)) for m in merged["member_ids"])
    assert sizes == [1, 1, 2]


def test_merging_never_chains_beyond_its_bounds() -> None:
    """A-B and B-C are each 40 km and one day apart, A-C 80 km and two days: A and C never
    end in one incident."""
    from geomap.frame import merge_incident_frames
    from geomap.geo import haversine_km

    lon_b = 65.0 + 40 / (111.32 * 0.829)  # ~40 km east at 34 N
    lon_c = 65.0 + 80 / (111.32 * 0.829)
    gdf = _reports(
        ("a", 65.0, 34.0, "2020-05-09", "Clashes near the town.", []),
        ("b", lon_b, 34.0, "2020-05-10", "Clashes were reported.", []),
        ("c", lon_c, 34.0, "2020-05-11", "Fighting broke out.", []),
        ("d", 65.0, 34.0, "2020-05-30", "Clashes again.", []),  # three weeks later: apart
    )
    assert 35 < haversine_km(34.0, 65.0, 34.0, lon_b) < 45
    merged = merge_incident_frames([gdf.iloc[[i]] for i in range(len(gdf))])
    for members in merged["member_ids"]:
        ids = json.loads(members)
        assert not {"inc-000", "inc-002"} <= set(ids)
    assert len(merged) == 3  # {a, b}, {c}, {d}
    again = merge_incident_frames([merged])
    assert again["id"].tolist() == merged["id"].tolist()


# ------------------------------------------------------------------ unresolved names
_UNKNOWN = "Chinese officials said talks were held in Qarvadun."
_LOCAL = "Diplomats met in Bali. Protesters gathered in Zamalek."


def _gaps_frame(gaz):  # type: ignore[no-untyped-def]
    pipe = Pipeline(gaz, incidents=False)
    rows = []
    for n, text in enumerate((_UNKNOWN, _LOCAL)):
        rows += place_records(Article(id=f"a{n}", text=text), pipe.resolve_places(text))
    return places_frame(rows)


def test_unresolved_names_are_kept_with_a_reason(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    """Every recognised name has a row: "Qarvadun" (unknown, no town to put it in) with no
    geometry; "Zamalek" (unknown, put in Bali) drawn at Bali with its reason; Bali itself
    has none. The aggregation keeps the unresolved name as one row."""
    gdf = _gaps_frame(small_gazetteer)
    assert list(gdf.columns) == PLACE_COLUMNS
    by = {m: r for m, r in zip(gdf["mention"], gdf.to_dict("records"), strict=True)}
    assert set(by) == {"Chinese", "Qarvadun", "Bali", "Zamalek"}
    q = by["Qarvadun"]
    assert q["geometry"] is None
    assert all(pd.isna(q[c]) for c in ("entry_id", "name", "lat", "lon", "geocoder"))
    assert q["reason"] == "not in gazetteer, and no town in the text to place it in"
    assert (q["precision"], q["score"]) == (7, 0.0)
    assert by["Zamalek"]["reason"] == "not in gazetteer: placed in Bali"
    assert by["Zamalek"]["geometry"] is not None and by["Zamalek"]["geocoder"] == "gazetteer"
    assert pd.isna(by["Bali"]["reason"]) and by["Bali"]["geocoder"] == "gazetteer"
    assert pd.isna(by["Chinese"]["reason"])
    agg = aggregate_places(gdf)
    assert sorted(agg["mention"]) == ["Bali", "Chinese", "Qarvadun"]  # Zamalek is under Bali
    bali = agg[agg["mention"] == "Bali"].iloc[0]
    assert bali["count"] == 2 and pd.isna(bali["reason"])  # Bali is named as itself
    assert agg[agg["mention"] == "Qarvadun"].geometry.isna().all()


def test_unresolved_rows_survive_every_export_and_read_back(small_gazetteer, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geomap.io.export import write_csv, write_geojson, write_gpkg, write_parquet
    from geomap.io.saved import read_saved_file

    gdf = _gaps_frame(small_gazetteer)
    fc = json.loads(write_geojson(aggregate_places(gdf), tmp_path / "p.geojson").read_text())
    unresolved = [f for f in fc["features"] if f["properties"]["mention"] == "Qarvadun"]
    assert unresolved[0]["geometry"] is None  # RFC 7946 section 3.2: an unlocated feature
    assert unresolved[0]["properties"]["reason"].startswith("not in gazetteer")
    for path in (
        write_parquet(gdf, tmp_path / "p.parquet"),
        write_gpkg(gdf, tmp_path / "p.gpkg"),
        tmp_path / "p.geojson",
    ):
        kind, back = read_saved_file(path)
        assert kind == "places" and len(back) == (len(gdf) if path.suffix != ".geojson" else 3)
        row = back[back["mention"] == "Qarvadun"].iloc[0]
        assert row.geometry is None or row.geometry.is_empty, path
        assert row["reason"].startswith("not in gazetteer"), path
    write_csv(gdf, tmp_path / "p.csv")
    lines = (tmp_path / "p.csv").read_text().splitlines()
    assert len(lines) == 1 + len(gdf) and any("Qarvadun" in line for line in lines)


def test_maps_do_not_draw_unresolved_names(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geomap.render.map import place_layers

    gdf = _gaps_frame(small_gazetteer)
    features = [f for layer in place_layers(gdf).values() for f in layer]
    literal = gdf[(gdf["role"] == "literal") & gdf["entry_id"].notna()]
    assert len(features) == literal["entry_id"].nunique() == 1  # Bali (Zamalek is put there)
    assert all(f["geometry"] is not None for f in features)
