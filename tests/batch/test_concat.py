from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pytest
from shapely.geometry import Point, Polygon

from geomap.batch.concat import concat_geoparquet, write_rows_with_footprints
from geomap.io.export import write_parquet


def test_parts_are_concatenated_as_geoparquet(tmp_path: Path) -> None:
    a = gpd.GeoDataFrame(
        {"name": ["Kyiv", "Lviv"], "note": [None, None], "n": [1, 2]},
        geometry=[Point(30.5, 50.4), Point(24.0, 49.8)],
        crs="EPSG:4326",
    )
    b = gpd.GeoDataFrame(
        {"name": ["Taiwan"], "note": ["strait"], "n": [3]},
        geometry=[Polygon([(120, 22), (122, 22), (122, 25), (120, 25)])],
        crs="EPSG:4326",
    )
    paths = [write_parquet(a, tmp_path / "a.parquet"), write_parquet(b, tmp_path / "b.parquet")]
    assert concat_geoparquet(paths, tmp_path / "all.parquet") == 3
    out = gpd.read_parquet(tmp_path / "all.parquet")
    assert out.crs.to_epsg() == 4326
    assert out["name"].tolist() == ["Kyiv", "Lviv", "Taiwan"]
    assert out["note"].isna().tolist() == [True, True, False] and out["note"][2] == "strait"
    assert out["n"].tolist() == [1, 2, 3]
    assert out.geometry.geom_equals(pd.concat([a, b], ignore_index=True).geometry).all()
    assert not list(tmp_path.glob(".*"))  # no temporary file left


def test_new_rows_take_their_footprints_from_the_parts(tmp_path: Path) -> None:
    """Merged rows written with the footprint (WKB and covering bbox) of the partition row
    each names, in the rows' order, across parts; read back by geopandas."""
    a = gpd.GeoDataFrame(
        {"name": ["Kyiv", "nowhere"], "n": [1, 2]},
        geometry=[Point(30.5, 50.4), None],
        crs="EPSG:4326",
    )
    strait = Polygon([(120, 22), (122, 22), (122, 25), (120, 25)])
    b = gpd.GeoDataFrame({"name": ["Taiwan"], "n": [3]}, geometry=[strait], crs="EPSG:4326")
    paths = [write_parquet(a, tmp_path / "a.parquet"), write_parquet(b, tmp_path / "b.parquet")]
    rows = [{"name": "strait", "n": 30}, {"name": "city", "n": 10}, {"name": "?", "n": 20}]
    target = tmp_path / "merged.parquet"
    assert write_rows_with_footprints(rows, [(1, 0), (0, 0), (0, 1)], paths, target) == 3
    out = gpd.read_parquet(target)
    assert out.crs.to_epsg() == 4326
    assert out["name"].tolist() == ["strait", "city", "?"] and out["n"].tolist() == [30, 10, 20]
    assert out.geometry[0].equals(strait) and out.geometry[1].equals(Point(30.5, 50.4))
    assert out.geometry[2] is None
    bbox = pq.read_table(target, columns=["bbox"]).column("bbox").to_pylist()
    assert bbox[0] == {"xmin": 120.0, "ymin": 22.0, "xmax": 122.0, "ymax": 25.0}
    assert bbox[1]["xmin"] == 30.5 and (bbox[2] is None or bbox[2]["xmin"] is None)
    assert not list(tmp_path.glob(".*"))


def test_one_footprint_source_per_row(tmp_path: Path) -> None:
    a = gpd.GeoDataFrame({"n": [1]}, geometry=[Point(0, 0)], crs="EPSG:4326")
    paths = [write_parquet(a, tmp_path / "a.parquet")]
    with pytest.raises(ValueError, match="one source per row"):
        write_rows_with_footprints([{"n": 1}, {"n": 2}], [(0, 0)], paths, tmp_path / "x.parquet")
