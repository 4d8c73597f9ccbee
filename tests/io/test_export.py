"""Exports: RFC 7946 GeoJSON, GeoPackage, GeoParquet, CSV — written atomically, read back."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from geomap.errors import ExportError
from geomap.io import export
from geomap.io.export import (
    GEONAMES_ATTRIBUTION,
    json_safe,
    split_antimeridian,
    write_csv,
    write_geojson,
    write_gpkg,
    write_parquet,
)

CW_SQUARE = Polygon([(100, 0), (100, 1), (101, 1), (101, 0), (100, 0)])  # clockwise exterior


def sample() -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {
            "entry_id": ["gn:1", "sea:1", "line:1", "c:1"],
            "name": ["Denpasar <script>", "Sea", "Median line", "Square"],
            "published": [dt.date(2024, 5, 1), None, pd.Timestamp("2024-05-02T10:00"), None],
            "score": [0.123456789, float("nan"), 1.0, np.float32(0.5)],
            "geonameid": pd.array([1645528, None, None, 7], dtype="Int64"),
            "precision": [3, 7, 7, 6],
            "actors": [["ID", "US"], None, [], ["CN"]],
            "lat": [-8.65, 12.0, 25.0, 0.5],
            "lon": [115.216712345678, 113.0, 120.0, 100.5],
        },
        geometry=[
            Point(115.216712345678, -8.65),
            Polygon([(109, 2), (120, 2), (121, 14), (105, 10), (109, 2)]),
            LineString([(122, 27), (118, 23)]),
            CW_SQUARE,
        ],
        crs="EPSG:4326",
    )


def _decimals(text: str) -> int:
    return max((len(m) for m in re.findall(r"\d+\.(\d+)", text)), default=0)


def test_json_safe() -> None:
    assert json_safe(
        {
            "nan": float("nan"),
            "na": pd.NA,
            "nat": pd.NaT,
            "d": dt.date(2024, 5, 1),
            "ts": pd.Timestamp("2024-05-01T12:00"),
            "i": np.int64(3),
            "f": np.float64(0.5),
            "b": np.bool_(True),
            "l": np.array([1, 2]),
            "g": Point(1, 2),
        }
    ) == {
        "nan": None,
        "na": None,
        "nat": None,
        "d": "2024-05-01",
        "ts": "2024-05-01T12:00:00",
        "i": 3,
        "f": 0.5,
        "b": True,
        "l": [1, 2],
        "g": "POINT (1 2)",
    }


def test_geojson_rfc7946(tmp_path: Path) -> None:
    path = write_geojson(sample(), tmp_path / "places.geojson")
    raw = path.read_text(encoding="utf-8")
    doc = json.loads(raw)  # strict JSON: no NaN
    assert doc["type"] == "FeatureCollection"
    assert "crs" not in doc
    assert doc["attribution"] == GEONAMES_ATTRIBUTION and "CC BY" in doc["attribution"]
    coords = json.dumps([f["geometry"] for f in doc["features"]])
    assert _decimals(coords) <= 7
    p0 = doc["features"][0]
    assert p0["geometry"]["coordinates"] == [115.2167123, -8.65]  # lon, lat, 7 decimals
    assert p0["properties"]["published"] == "2024-05-01"
    assert p0["properties"]["actors"] == ["ID", "US"]
    assert p0["properties"]["name"] == "Denpasar <script>"
    assert doc["features"][1]["properties"]["score"] is None
    assert doc["features"][1]["properties"]["geonameid"] is None
    assert doc["features"][2]["properties"]["published"] == "2024-05-02T10:00:00"
    for f in doc["features"]:
        g = shapely.geometry.shape(f["geometry"])
        for poly in shapely.get_parts(g):
            if poly.geom_type == "Polygon":
                assert poly.exterior.is_ccw, f["properties"]["name"]

    back = gpd.read_file(path)
    assert back.crs.to_epsg() == 4326
    assert len(back) == 4
    for a, b in zip(back.geometry, sample().geometry, strict=True):
        assert a.equals_exact(shapely.orient_polygons(b), tolerance=1e-7)
    assert list(back["entry_id"]) == ["gn:1", "sea:1", "line:1", "c:1"]


def test_geojson_id_column(tmp_path: Path) -> None:
    doc = json.loads(
        write_geojson(sample(), tmp_path / "p.geojson", id_column="entry_id").read_text()
    )
    assert [f["id"] for f in doc["features"]] == ["gn:1", "sea:1", "line:1", "c:1"]


def test_geojson_reprojects(tmp_path: Path) -> None:
    merc = sample().to_crs(3857)
    doc = json.loads(write_geojson(merc, tmp_path / "m.geojson").read_text())
    lon, lat = doc["features"][0]["geometry"]["coordinates"]
    assert lon == pytest.approx(115.2167123, abs=1e-6) and lat == pytest.approx(-8.65, abs=1e-6)


@pytest.mark.parametrize(
    "geom",
    [
        Polygon([(170, 0), (-170, 0), (-170, 10), (170, 10), (170, 0)]),  # wrapped
        Polygon([(170, 0), (190, 0), (190, 10), (170, 10), (170, 0)]),  # unwrapped
    ],
)
def test_antimeridian_polygon_split(geom: Polygon, tmp_path: Path) -> None:
    out = split_antimeridian(geom)
    assert out.geom_type == "MultiPolygon"
    assert len(out.geoms) == 2
    x = shapely.get_coordinates(out)[:, 0]
    assert x.min() >= -180 and x.max() <= 180
    assert out.area == pytest.approx(200.0)
    gdf = gpd.GeoDataFrame({"name": ["across"]}, geometry=[geom], crs=4326)
    doc = json.loads(write_geojson(gdf, tmp_path / "a.geojson").read_text())
    assert doc["features"][0]["geometry"]["type"] == "MultiPolygon"


def test_antimeridian_line_and_ordinary_geometries() -> None:
    line = split_antimeridian(LineString([(175, 0), (-175, 5)]))
    assert line.geom_type == "MultiLineString"
    assert shapely.get_coordinates(line)[:, 0].max() <= 180
    assert split_antimeridian(CW_SQUARE).equals(CW_SQUARE)
    assert split_antimeridian(Point(190, 1)).equals(Point(-170, 1))


def test_gpkg_round_trip(tmp_path: Path) -> None:
    gdf = sample()
    path = write_gpkg(gdf, tmp_path / "out.gpkg", layer="places")
    assert pyogrio.list_layers(path)[:, 0].tolist() == ["places"]
    back = gpd.read_file(path, layer="places")
    assert len(back) == len(gdf)
    assert back.crs.to_epsg() == 4326
    assert all(a.equals(b) for a, b in zip(back.geometry, gdf.geometry, strict=True))
    assert json.loads(back.loc[0, "actors"]) == ["ID", "US"]
    assert back.loc[0, "name"] == "Denpasar <script>"


def test_gpkg_several_layers(tmp_path: Path) -> None:
    gdf = sample()
    anchors = gdf.set_geometry(gpd.points_from_xy(gdf["lon"], gdf["lat"]), crs=4326)
    path = write_gpkg({"footprints": gdf, "anchors": anchors}, tmp_path / "inc.gpkg")
    assert sorted(pyogrio.list_layers(path)[:, 0]) == ["anchors", "footprints"]
    assert (gpd.read_file(path, layer="anchors").geom_type == "Point").all()


def test_parquet_round_trip(tmp_path: Path) -> None:
    gdf = sample()
    path = write_parquet(gdf, tmp_path / "out.parquet")
    back = gpd.read_parquet(path)
    assert back.crs.to_epsg() == 4326
    assert all(a.equals(b) for a, b in zip(back.geometry, gdf.geometry, strict=True))
    assert back["name"].tolist() == gdf["name"].tolist()
    assert back["geonameid"].isna().tolist() == [False, True, True, False]


def test_csv_round_trip(tmp_path: Path) -> None:
    gdf = sample().drop(columns=["lat", "lon"])
    path = write_csv(gdf, tmp_path / "out.csv")
    back = pd.read_csv(path)
    assert {"lon", "lat", "wkt"} <= set(back.columns)
    geoms = shapely.from_wkt(back["wkt"].to_numpy())
    assert all(a.equals_exact(b, 1e-7) for a, b in zip(geoms, gdf.geometry, strict=True))
    for g, lon, lat in zip(geoms, back["lon"], back["lat"], strict=True):
        assert g.buffer(1e-6).contains(Point(lon, lat))  # anchor lies on the footprint
    assert back.loc[0, "published"] == "2024-05-01"
    assert json.loads(back.loc[0, "actors"]) == ["ID", "US"]


def test_csv_keeps_given_anchor(tmp_path: Path) -> None:
    back = pd.read_csv(write_csv(sample(), tmp_path / "a.csv"))
    assert back.loc[1, "lon"] == 113.0 and back.loc[1, "lat"] == 12.0


def test_failed_write_leaves_target_untouched(tmp_path: Path, monkeypatch) -> None:
    target = tmp_path / "places.geojson"
    target.write_text("old", encoding="utf-8")

    def boom(*args, **kwargs):
        raise OSError("disk full")

    # the text is written to a temporary file beside the target; moving it over the target
    # is the step that fails here
    monkeypatch.setattr(export._atomic.os, "replace", boom)
    with pytest.raises(ExportError, match="disk full"):
        write_geojson(sample(), target)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["places.geojson"]


def test_gpkg_failure_leaves_no_temp_file(tmp_path: Path, monkeypatch) -> None:
    gdf = sample()
    real = gpd.GeoDataFrame.to_file
    calls = []

    def second_layer_fails(self, filename, *args, **kwargs):
        calls.append(kwargs.get("layer"))
        if len(calls) == 2:
            raise RuntimeError("GDAL says no")
        return real(self, filename, *args, **kwargs)

    monkeypatch.setattr(gpd.GeoDataFrame, "to_file", second_layer_fails)
    with pytest.raises(ExportError, match="GDAL says no"):
        write_gpkg({"a": gdf, "b": gdf}, tmp_path / "x.gpkg")
    assert calls == ["a", "b"]
    assert list(tmp_path.iterdir()) == []


def test_csv_neutralises_formulas_but_not_numbers(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame(
        {
            "name": ["=1+1", "+cmd|' /C calc'!A0", "-2", "@SUM(A1)", "\tx", "Kyiv", None],
            "n": [-1, -2, 3, 4, 5, 6, 7],
        },
        geometry=[Point(30.5, 50.4)] * 7,
        crs="EPSG:4326",
    )
    back = pd.read_csv(write_csv(gdf, tmp_path / "s.csv"), keep_default_na=False)
    assert back["name"].tolist() == [
        "'=1+1",
        "'+cmd|' /C calc'!A0",
        "'-2",
        "'@SUM(A1)",
        "'\tx",
        "Kyiv",
        "",
    ]
    assert back["n"].tolist() == [-1, -2, 3, 4, 5, 6, 7]
    raw = pd.read_csv(
        write_csv(gdf, tmp_path / "r.csv", neutralise_formulas=False), keep_default_na=False
    )
    assert raw["name"].tolist()[:4] == ["=1+1", "+cmd|' /C calc'!A0", "-2", "@SUM(A1)"]
