from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import pandas as pd
from shapely.geometry import Point, Polygon

from geomap.batch.concat import concat_geoparquet
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
