"""geometry_texts (the GeoJSON writers' geometry text, through GEOS's WKT writer where it can)
gives the numbers and nesting that json.dumps of geometry_mapping gives, for every kind of shape,
and refuses what JSON cannot hold (made-up coordinates)."""

from __future__ import annotations

import json
import random

import pytest
import shapely
from shapely import wkt

from geomap.io.geojson import geometry_mapping, geometry_texts, normalize_geometries
from tests.io.test_geometry_mapping import SHAPES as MAPPING_SHAPES

ENCODE = json.JSONEncoder(allow_nan=False, separators=(",", ":")).encode

#: the shapes geometry_mapping is checked on, and a few more
SHAPES = [*MAPPING_SHAPES, "POINT (-0.0000001 179.9999999)", "POLYGON EMPTY"]


def _shapes(texts: list[str]) -> list[shapely.Geometry]:
    return list(normalize_geometries([wkt.loads(t) for t in texts]))


def _expected(g: shapely.Geometry | None) -> object:
    return None if g is None or g.is_empty else geometry_mapping(g)


@pytest.mark.parametrize("text", SHAPES)
def test_same_geojson_as_geometry_mapping(text: str) -> None:
    (g,) = _shapes([text])
    (out,) = geometry_texts([g], ENCODE)
    assert json.loads(out) == _expected(g)  # 1 == 1.0: the same numbers, the same nesting


def test_many_shapes_at_once_keep_their_order() -> None:
    shapes = [*_shapes(SHAPES), None, *_shapes(SHAPES[::-1])]
    got = [json.loads(t) for t in geometry_texts(shapes, ENCODE)]
    assert got == [_expected(g) for g in shapes]


def test_rounded_coordinates_written_exactly() -> None:
    """Random coordinates rounded to 7 decimals come back as the same floats (no 17-digit
    noise such as 30.788354000000002, no lost digits)."""
    rng = random.Random(7)
    xy = [
        (round(rng.uniform(-180, 180), 7), round(rng.uniform(-1e-3, 1e-3), 7)) for _ in range(5000)
    ]
    line = shapely.LineString(xy)
    (out,) = geometry_texts([line], ENCODE, 7)
    assert json.loads(out)["coordinates"] == [list(p) for p in xy]
    assert "00000" not in out.replace("e-", "")  # trimmed: no run of padding zeros


def test_nan_coordinates_refused_like_json() -> None:
    """A coordinate JSON cannot hold is refused (ValueError), as json.dumps refuses it."""
    with pytest.raises(ValueError):
        geometry_texts([shapely.Point(float("nan"), 1.0)], ENCODE)
    with pytest.raises(ValueError):
        geometry_texts([shapely.LineString([(0, 0), (float("inf"), 1)])], ENCODE)
