"""Fuzzing the writers and the renderer: hostile strings, wide integers, odd geometries. The
property: a :class:`~geomap.errors.GeomapError` or a valid output: GeoJSON that ``json`` parses
and pyogrio reads back, GeoParquet and GeoPackage that read back, text fields byte for byte
(a lone surrogate, which has no UTF-8 form, as U+FFFD), an HTML page."""

from __future__ import annotations

import json
import math
import re
import tempfile
import warnings
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import geopandas as gpd
import pandas as pd
import pyogrio
import shapely
from hypothesis import given
from hypothesis import strategies as st
from shapely.geometry import LineString, Point, Polygon

import geomap
from geomap.errors import GeomapError
from geomap.io.export import write_csv, write_geojson, write_gpkg, write_parquet
from tests.fuzz import strategies as S
from tests.fuzz.profiles import budget

_SURROGATE = re.compile("[\ud800-\udfff]")


def expected_text(s: str) -> str:
    return _SURROGATE.sub("\ufffd", s)


lon = st.floats(-540, 540, allow_nan=False)
lat = st.floats(-90, 90, allow_nan=False)
points = st.builds(Point, lon, lat)
lines = st.lists(st.tuples(lon, lat), min_size=2, max_size=6).map(LineString)
#: a ring around (x, y) with half-widths (w, h): may cross ±180 or lie beyond it
boxes = st.builds(
    lambda x, y, w, h: Polygon(
        [(x - w, y - h), (x + w, y - h), (x + w, y + h), (x - w, y + h), (x - w, y - h)]
    ),
    st.floats(-200, 200, allow_nan=False),
    st.floats(-80, 80, allow_nan=False),
    st.floats(0.01, 20),
    st.floats(0.01, 9),
)
geometries = st.one_of(st.none(), points, lines, boxes)
strings = st.text(S.ANY_CHAR, max_size=40) | S.texts(200)


@st.composite
def frames(draw: st.DrawFn, text: st.SearchStrategy[str] = strings) -> gpd.GeoDataFrame:
    n = draw(st.integers(1, 4))

    def column(values: st.SearchStrategy[Any]) -> pd.Series:
        # object columns: pandas' own string type cannot hold a lone surrogate at all
        return pd.Series([draw(values) for _ in range(n)], dtype=object)

    data: dict[str, Any] = {
        "name": column(text),
        "count": column(st.integers(-(10**30), 10**30)),
        "mixed": column(st.one_of(st.none(), st.integers(), text)),
    }
    extra = None
    if draw(st.booleans()):
        extra = draw(st.text(S.ANY_CHAR, min_size=1, max_size=8).filter(_free_name))
        data["extra"] = column(text)
    frame = pd.DataFrame(data)
    if extra is not None:  # any name, a lone surrogate too: pandas' str index refuses that one
        frame.columns = pd.Index([*frame.columns[:-1], extra], dtype=object)
    return gpd.GeoDataFrame(frame, geometry=[draw(geometries) for _ in range(n)], crs=4326)


def _free_name(name: str) -> bool:
    reserved = {"name", "count", "mixed", "geometry", "fid", "ogc_fid", "lon", "lat", "wkt"}
    return name.lower() not in reserved and bool(name.strip())


def _valid_rfc7946(geom: dict[str, Any] | None) -> None:
    if geom is None:
        return
    coords = shapely.get_coordinates(shapely.geometry.shape(geom))
    assert ((coords[:, 0] >= -180) & (coords[:, 0] <= 180)).all(), geom
    shape = shapely.geometry.shape(geom)
    if shape.geom_type in ("LineString", "MultiLineString"):
        for part in shapely.get_parts(shape):
            x = shapely.get_coordinates(part)[:, 0]
            assert not (abs(x[1:] - x[:-1]) > 180).any(), geom  # RFC 7946 §3.1.9


@budget(60)
@given(frames())
def test_geojson(gdf: gpd.GeoDataFrame) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.geojson"
        try:
            write_geojson(gdf, path)
        except GeomapError:
            assert not path.exists()
            return
        doc = json.loads(path.read_text(encoding="utf-8"))
        assert [f["properties"]["name"] for f in doc["features"]] == [
            expected_text(s) for s in gdf["name"]
        ]
        for f, n in zip(doc["features"], gdf["count"], strict=True):
            got = f["properties"]["count"]
            assert got == n or got == str(n)
            _valid_rfc7946(f["geometry"])
        with warnings.catch_warnings():
            # a column mixing numbers and text is valid GeoJSON; GDAL types it as JSON and
            # pyogrio warns that it then reads it as text
            warnings.filterwarnings("ignore", "Could not parse column", UserWarning)
            back = pyogrio.read_dataframe(path)
        assert len(back) == len(gdf)


@budget(60)
@given(frames())
def test_geoparquet(gdf: gpd.GeoDataFrame) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.parquet"
        try:
            write_parquet(gdf, path)
        except GeomapError:
            assert not path.exists()
            return
        back = gpd.read_parquet(path)
        assert list(back["name"]) == [expected_text(s) for s in gdf["name"]]
        assert [str(v) for v in back["count"]] == [str(v) for v in gdf["count"]]
        for a, b in zip(back.geometry, gdf.geometry, strict=True):
            assert (a is None or a.is_empty) == (b is None or b.is_empty)
            if a is not None and not a.is_empty:
                x = shapely.get_coordinates(a)[:, 0]
                assert ((x >= -180) & (x <= 180)).all(), a.wkt  # OGC:CRS84 longitudes


@budget(40)
@given(frames())
def test_geopackage(gdf: gpd.GeoDataFrame) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.gpkg"
        try:
            write_gpkg(gdf, path, layer="places")
        except GeomapError as err:  # a NUL in some text: GDAL would cut it short
            assert "NUL character" in str(err), err
            assert not path.exists()
            return
        back = pyogrio.read_dataframe(path, layer="places")
        assert list(back["name"]) == [expected_text(s) for s in gdf["name"]]


@budget(60)
@given(frames(), st.booleans())
def test_csv(gdf: gpd.GeoDataFrame, keep: bool) -> None:
    from geomap.io.export import neutralise_formula

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "out.csv"
        try:
            write_csv(gdf, path, neutralise_formulas=not keep)
        except GeomapError:
            assert not path.exists()
            return
        back = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        want = [expected_text(s) for s in gdf["name"]]
        if not keep:
            want = [neutralise_formula(s) for s in want]
        assert list(back["name"]) == want


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)


@budget(25)
@given(text=S.texts(600), title=st.none() | strings)
def test_parse_then_write_and_render(text: str, title: str | None) -> None:
    """The whole way: parse hostile text, write every incident format, render the map."""
    try:
        r = geomap.parse(text, published="2024-05-01", title=title)
    except GeomapError:
        return
    with tempfile.TemporaryDirectory() as tmp:
        for ext in ("geojson", "parquet", "gpkg", "csv"):
            path = Path(tmp) / f"incidents.{ext}"
            geomap.write_incidents(r.incidents, path)
            assert path.stat().st_size > 0
        doc = json.loads((Path(tmp) / "incidents.geojson").read_text(encoding="utf-8"))
        assert len(doc["features"]) == len(r.incidents)
        assert len(gpd.read_parquet(Path(tmp) / "incidents.parquet")) == len(r.incidents)
        page = Path(tmp) / "map.html"
        geomap.render_map(r.places, page, incidents=r.incidents, title=title)
        parser = _Page()
        parser.feed(page.read_text(encoding="utf-8"))
        assert {"html", "body", "script"} <= parser.tags


def test_fuzz_geometries_reach_the_antimeridian() -> None:
    """The strategies above do reach the cases item 4 asks about (no vacuous property)."""
    crossing = LineString([(179, 0), (-179, 1)])
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.geojson"
        write_geojson(gpd.GeoDataFrame({"name": ["x"]}, geometry=[crossing], crs=4326), path)
        geom = json.loads(path.read_text())["features"][0]["geometry"]
    assert geom["type"] == "MultiLineString"
    _valid_rfc7946(geom)
    assert math.isclose(sum(abs(c[1][0] - c[0][0]) for c in geom["coordinates"]), 2.0)
