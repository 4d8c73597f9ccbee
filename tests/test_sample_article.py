"""The first user story, end to end on the sample article (issue 2's "Done when")."""

from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest
from shapely.geometry import LineString, Point

from geomap.pipeline import Pipeline

from .conftest import ROOT, SAMPLE


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))


@pytest.fixture(scope="module")
def geojson(tmp_path_factory: pytest.TempPathFactory, gazetteer) -> gpd.GeoDataFrame:  # type: ignore[no-untyped-def]
    out = tmp_path_factory.mktemp("sample")
    html, gj = out / "sample.html", out / "sample.geojson"
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "map", str(SAMPLE), "-o", str(html), "--geojson", str(gj)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert html.stat().st_size > 10_000
    raw = json.loads(gj.read_text(encoding="utf-8"))
    assert "crs" not in raw and "GeoNames" in json.dumps(raw.get("attribution", ""))
    return gpd.read_file(gj)


def _rows(gdf: gpd.GeoDataFrame, name: str) -> gpd.GeoDataFrame:
    return gdf[gdf["name"] == name]


@pytest.mark.parametrize(
    ("name", "kinds"),
    [
        ("Indonesia", {"country"}),
        ("Singapore", {"country", "city"}),
        ("Taiwan", {"country"}),
        ("Beijing", {"city"}),
        ("Ukraine", {"country"}),
        ("Russia", {"country"}),
    ],
)
def test_places_present(geojson: gpd.GeoDataFrame, name: str, kinds: set[str]) -> None:
    rows = geojson[(geojson["name"] == name) | (geojson["mention"] == name)]
    assert len(rows), f"{name} missing; have {sorted(set(geojson['name']))}"
    assert set(rows["kind"]) & kinds


def test_bali_near_truth(geojson: gpd.GeoDataFrame) -> None:
    bali = geojson[geojson["mention"] == "Bali"]
    assert bali["count"].sum() >= 2
    for _, r in bali.iterrows():
        assert _km(r["lat"], r["lon"], -8.4, 115.2) <= 60


def test_washington_is_the_city(geojson: gpd.GeoDataFrame) -> None:
    w = geojson[geojson["mention"] == "Washington"]
    assert len(w) and set(w["kind"]) == {"city"} and set(w["country_code"]) == {"US"}
    assert (w["geonameid"] == 4140963).all()


def test_pacific_strait_and_sea_are_polygons(geojson: gpd.GeoDataFrame) -> None:
    pac = geojson[geojson["mention"] == "Pacific"]
    assert len(pac) and set(pac["kind"]) == {"ocean"}
    assert all(g.geom_type in {"Polygon", "MultiPolygon"} for g in pac.geometry)
    ts = geojson[geojson["mention"] == "Taiwan Strait"]
    assert len(ts) and all(g.geom_type in {"Polygon", "MultiPolygon"} for g in ts.geometry)
    scs = geojson[geojson["mention"] == "South China Sea"]
    assert scs["count"].sum() >= 3
    assert all(g.contains(Point(114, 12)) for g in scs.geometry)
    assert set(scs["precision"]) == {7}


def test_median_line_is_a_line(geojson: gpd.GeoDataFrame) -> None:
    line = geojson[geojson["kind"] == "line"]
    assert len(line) == 1
    g = line.geometry.iloc[0]
    assert isinstance(g, LineString)
    ends = [g.coords[0], g.coords[-1]]
    for lat, lon in [(27, 122), (23, 118)]:
        assert min(_km(lat, lon, y, x) for x, y in ends) <= 10


@pytest.mark.parametrize(
    "name", ["Blinken", "Wang", "Li", "Wei", "Austin", "Milley", "Russel", "Rich"]
)
def test_people_and_words_are_not_places(geojson: gpd.GeoDataFrame, name: str) -> None:
    assert name not in set(geojson["mention"])


def test_parse_api(gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = Path(SAMPLE).read_text(encoding="utf-8")
    res = Pipeline(gazetteer).parse_article(
        __import__("geomap.io.ingest", fromlist=["read_file"]).read_file(SAMPLE)
    )
    assert res.article.text == text
    gdf = res.places
    assert gdf.crs.to_epsg() == 4326
    for _, r in gdf.iterrows():
        assert text[r["start"] : r["end"]] == r["mention"]
        assert r["mention"] in r["sentence"]
