"""Places frame: schema, CRS, and the per-place aggregation used for exports."""

from __future__ import annotations

import json

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
