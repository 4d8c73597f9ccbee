"""geoparquet_table builds the table GeoDataFrame.to_parquet writes (GeoParquet 1.1, covering
bbox, no index): the same schema, field metadata, pandas metadata, rows and ``geo`` metadata
but for its creator, with each distinct footprint encoded once (made-up frames)."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pyarrow.parquet as pq
import pytest
from shapely.geometry import LineString, MultiPolygon, Point, Polygon

from geomap.io.export import write_parquet
from geomap.io.geoparquet import geoparquet_table, supports

STRAIT = Polygon([(120, 22), (122, 22), (122, 25), (120, 25)])
ISLANDS = MultiPolygon([Polygon([(0, 0), (1, 0), (1, 1)]), Polygon([(5, 5), (6, 5), (6, 6)])])


def _frames() -> dict[str, gpd.GeoDataFrame]:
    shared = [
        Point(30.5, 50.4),
        STRAIT,
        None,
        STRAIT,
        ISLANDS,
        STRAIT,
        LineString([(0, 0), (1, 1)]),
    ]
    return {
        "mixed": gpd.GeoDataFrame(
            {
                "name": list("abcdefg"),
                "n": [1, 2, 3, 4, 5, 6, 7],
                "x": [0.5, None, 1.5, 2.5, None, 3.0, 4.0],
                "note": [None, "x", None, "y", "z", None, "w"],
                "flag": [True, False, True, True, False, False, True],
            },
            geometry=shared,
            crs="EPSG:4326",
        ),
        "3d": gpd.GeoDataFrame({"k": [1, 2]}, geometry=[Point(1, 2, 3), Point(1, 2)], crs=4326),
        "no geometry": gpd.GeoDataFrame({"k": [1]}, geometry=[None], crs="EPSG:4326"),
        "empty": gpd.GeoDataFrame({"k": []}, geometry=[], crs="EPSG:4326"),
    }


@pytest.mark.parametrize("name", list(_frames()))
def test_the_table_geopandas_writes(name: str, tmp_path: Path) -> None:
    gdf = _frames()[name]
    assert supports(gdf)
    ours = geoparquet_table(gdf)
    gdf.to_parquet(
        tmp_path / "ref.parquet", schema_version="1.1.0", write_covering_bbox=True, index=False
    )
    ref = pq.read_table(tmp_path / "ref.parquet")
    assert ours.schema.remove_metadata() == ref.schema.remove_metadata()
    for field in ref.schema:
        assert ours.schema.field(field.name).metadata == field.metadata
    assert ours.schema.metadata[b"pandas"] == ref.schema.metadata[b"pandas"]
    geo, ref_geo = (json.loads(t.schema.metadata[b"geo"]) for t in (ours, ref))
    assert geo.pop("creator")["library"] == "geomap"
    ref_geo.pop("creator")
    assert geo == ref_geo
    assert ours.to_pylist() == ref.to_pylist()


def test_one_object_or_equal_copies_give_the_same_table() -> None:
    copies = [Polygon(STRAIT.exterior.coords) for _ in range(3)]
    one = gpd.GeoDataFrame({"k": [1, 2, 3]}, geometry=[STRAIT] * 3, crs="EPSG:4326")
    many = gpd.GeoDataFrame({"k": [1, 2, 3]}, geometry=copies, crs="EPSG:4326")
    assert geoparquet_table(one).equals(geoparquet_table(many), check_metadata=True)


def test_write_parquet_reads_back(tmp_path: Path) -> None:
    gdf = _frames()["mixed"]
    back = gpd.read_parquet(write_parquet(gdf, tmp_path / "out.parquet"))
    assert back.crs.to_epsg() == 4326
    assert back["name"].tolist() == list("abcdefg")
    assert back.geometry.equals(gdf.geometry)


def test_frames_it_does_not_take() -> None:
    gdf = _frames()["mixed"]
    assert not supports(gdf.set_crs(None, allow_override=True))
    assert not supports(gdf.assign(bbox=1))
    assert not supports(gdf.rename(columns={"n": 7}))
