"""Exports round-trip hostile strings byte for byte and odd geometries validly (issue 15
item 4): GeoJSON, GeoParquet, GeoPackage and CSV (with the spreadsheet formula guard, and
without it), shapes crossing the antimeridian split per RFC 7946 in GeoJSON and GeoParquet."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pyarrow.parquet as pq
import pyogrio
import pytest
import shapely
from shapely.geometry import LineString, Point, Polygon

from geomap.errors import ExportError
from geomap.io.export import (
    neutralise_formula,
    write_csv,
    write_geojson,
    write_gpkg,
    write_parquet,
)

HOSTILE = [
    '=HYPERLINK("http://x","click")',
    "+cmd|' /C calc'!A0",
    "-1+1",
    "@SUM(A1)",
    "\tTab first",
    "'already quoted'",
    '"double" quotes, and commas',
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\nend",
    "e\u0301 combining",
    "\U0001f600 emoji \U0010ffff",
    "\ufeffbom at the start",
    "\u202eright-to-left override",
    "\u2028line separator\u2029",
    "\x1b[31mANSI\x1b[0m \x07 \x7f \x85",
    " leading and trailing ",
    "",
    "null",
    "NaN",
    "<script>alert(1)</script>",
    "\\n backslash-n",
    "\ufffe\uffff noncharacters",
    "x" * 70_000,
]


def hostile_frame(strings: list[str] = HOSTILE) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(
        {"text": pd.Series(strings, dtype=object), "n": range(len(strings))},
        geometry=[Point(i % 360 - 180, 0) for i in range(len(strings))],
        crs=4326,
    )


def test_geojson_round_trips_text_byte_for_byte(tmp_path: Path) -> None:
    path = write_geojson(hostile_frame(), tmp_path / "h.geojson")
    doc = json.loads(path.read_bytes().decode("utf-8"))
    assert [f["properties"]["text"] for f in doc["features"]] == HOSTILE


def test_geoparquet_round_trips_text_byte_for_byte(tmp_path: Path) -> None:
    path = write_parquet(hostile_frame(), tmp_path / "h.parquet")
    assert gpd.read_parquet(path)["text"].tolist() == HOSTILE


def test_geopackage_round_trips_text_byte_for_byte(tmp_path: Path) -> None:
    path = write_gpkg(hostile_frame(), tmp_path / "h.gpkg", layer="h")
    assert pyogrio.read_dataframe(path, layer="h")["text"].tolist() == HOSTILE


def test_geopackage_refuses_a_nul_it_would_cut_short(tmp_path: Path) -> None:
    target = tmp_path / "n.gpkg"
    with pytest.raises(ExportError, match="column 'text' holds a NUL character"):
        write_gpkg(hostile_frame(["a\x00b"]), target, layer="n")
    assert list(tmp_path.iterdir()) == []
    # the other formats hold it
    doc = json.loads(write_geojson(hostile_frame(["a\x00b"]), tmp_path / "n.geojson").read_text())
    assert doc["features"][0]["properties"]["text"] == "a\x00b"
    assert gpd.read_parquet(write_parquet(hostile_frame(["a\x00b"]), tmp_path / "n.parquet"))[
        "text"
    ].tolist() == ["a\x00b"]


def read_csv_text(path: Path) -> list[str]:
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")["text"].tolist()


def test_csv_without_the_guard_round_trips_byte_for_byte(tmp_path: Path) -> None:
    path = write_csv(hostile_frame(), tmp_path / "raw.csv", neutralise_formulas=False)
    assert read_csv_text(path) == HOSTILE


def test_csv_guard_prefixes_exactly_the_formula_cells(tmp_path: Path) -> None:
    """The guard (documented in write_csv): a text cell starting with = + - @ tab or carriage
    return gets one leading apostrophe; every other cell, and every number, is unchanged."""
    path = write_csv(hostile_frame(), tmp_path / "safe.csv")
    got = read_csv_text(path)
    assert got == [neutralise_formula(s) for s in HOSTILE]
    changed = [s for s, g in zip(HOSTILE, got, strict=True) if s != g]
    assert changed == HOSTILE[:5]
    assert all(g == "'" + s for s, g in zip(HOSTILE[:5], got[:5], strict=True))
    assert pd.read_csv(path)["n"].tolist() == list(range(len(HOSTILE)))


# -- the antimeridian --------------------------------------------------------------------
CROSSING_LINE = LineString([(179, -17), (-179, -16)])  # 2 degrees east across 180
FIJI_BOX = Polygon([(177, -19), (-178, -19), (-178, -15), (177, -15), (177, -19)])
UNWRAPPED = LineString([(178, 0), (182, 1)])  # the same kind of line, longitudes beyond 180


def parts(geom: shapely.Geometry) -> list[shapely.Geometry]:
    return list(shapely.get_parts(geom))


def check_split(geom: shapely.Geometry) -> None:
    """Valid, every longitude in [-180, 180], no part jumping more than 180 degrees."""
    assert geom.is_valid, shapely.is_valid_reason(geom)
    for part in parts(geom):
        rings = [part.exterior, *part.interiors] if part.geom_type == "Polygon" else [part]
        for ring in rings:
            x = shapely.get_coordinates(ring)[:, 0]
            assert ((x >= -180) & (x <= 180)).all()
            assert not (abs(x[1:] - x[:-1]) > 180).any()


@pytest.mark.parametrize(
    "geom", [CROSSING_LINE, UNWRAPPED, FIJI_BOX], ids=["line", "unwrapped", "box"]
)
def test_geojson_splits_at_the_antimeridian(tmp_path: Path, geom: shapely.Geometry) -> None:
    gdf = gpd.GeoDataFrame({"name": ["x"]}, geometry=[geom], crs=4326)
    doc = json.loads(write_geojson(gdf, tmp_path / "a.geojson").read_text())
    out = shapely.geometry.shape(doc["features"][0]["geometry"])
    assert out.geom_type == ("MultiPolygon" if geom.geom_type == "Polygon" else "MultiLineString")
    check_split(out)
    east, west = sorted(parts(out), key=lambda p: -p.centroid.x)
    assert east.bounds[2] == 180 and west.bounds[0] == -180
    if geom.geom_type == "Polygon":  # the area is kept (177..180 and -180..-178, 4 high)
        assert out.area == pytest.approx(5 * 4)
        for p in parts(out):  # RFC 7946 §3.1.6: exterior rings counter-clockwise
            assert p.exterior.is_ccw
    back = pyogrio.read_dataframe(tmp_path / "a.geojson")
    check_split(back.geometry.iloc[0])


@pytest.mark.parametrize(
    "geom", [CROSSING_LINE, UNWRAPPED, FIJI_BOX], ids=["line", "unwrapped", "box"]
)
def test_geoparquet_splits_at_the_antimeridian(tmp_path: Path, geom: shapely.Geometry) -> None:
    gdf = gpd.GeoDataFrame({"name": ["x", "y"]}, geometry=[geom, Point(10, 10)], crs=4326)
    path = write_parquet(gdf, tmp_path / "a.parquet")
    back = gpd.read_parquet(path)
    check_split(back.geometry.iloc[0])
    assert back.geometry.iloc[1].equals(Point(10, 10))
    assert len(parts(back.geometry.iloc[0])) == 2
    # the covering bounding box (GeoParquet 1.1) agrees with the split geometry
    table = pq.read_table(path)
    bbox = table.column("bbox").to_pylist()[0]
    assert bbox["xmin"] == -180 and bbox["xmax"] == 180
    meta = json.loads(pq.read_metadata(path).metadata[b"geo"])
    assert meta["columns"]["geometry"]["covering"]["bbox"]["xmin"] == ["bbox", "xmin"]
