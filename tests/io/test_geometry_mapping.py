"""geometry_mapping gives the JSON text shapely.geometry.mapping gives, for every kind of shape
(made-up coordinates)."""

from __future__ import annotations

import json

import pytest
import shapely
from shapely import wkt
from shapely.geometry import mapping

from geomap.io.geojson import geometry_mapping

SHAPES = [
    "POINT (1.5 -2.25)",
    "LINESTRING (0 0, 1 1, 2 0.5)",
    "POLYGON ((0 0, 1 0, 1 1, 0 0))",
    "POLYGON ((0 0, 10 0, 10 10, 0 0), (1 1, 2 1, 2 2, 1 1), (3 3, 4 3, 4 4, 3 3))",
    "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5), "
    "(5.2 5.2, 5.3 5.2, 5.3 5.3, 5.2 5.2)), ((-170 10, -169 10, -169 11, -170 10)))",
    "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3, 4 4))",
    "MULTIPOINT (1 1, 2 2)",
    "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))",
    "POLYGON Z ((0 0 1, 1 0 1, 1 1 1, 0 0 1))",
]


def _text(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


@pytest.mark.parametrize("text", SHAPES)
def test_same_json_as_shapely(text: str) -> None:
    g = wkt.loads(text)
    assert _text(geometry_mapping(g)) == _text(mapping(g))


def test_many_rings_keep_their_parts() -> None:
    """A multipolygon of many parts with holes: every ring in its own part, in order."""
    parts = [
        shapely.Polygon(
            [(x, 0), (x + 1, 0), (x + 1, 1), (x, 0)],
            [[(x + 0.5, 0.1), (x + 0.6, 0.1), (x + 0.6, 0.2), (x + 0.5, 0.1)]] * (x % 3),
        )
        for x in range(0, 40, 2)
    ]
    g = shapely.MultiPolygon(parts)
    assert _text(geometry_mapping(g)) == _text(mapping(g))
    assert [len(p) for p in geometry_mapping(g)["coordinates"]] == [
        1 + x % 3 for x in range(0, 40, 2)
    ]


def test_a_collection_of_a_multipolygon() -> None:
    g = shapely.MultiPolygon([shapely.Polygon([(0, 0), (1, 0), (1, 1)])])
    g = shapely.geometrycollections([g])  # a collection of one multipolygon
    out = geometry_mapping(g)
    assert out["type"] == "GeometryCollection"
    assert out["geometries"][0]["coordinates"][0][0][:2] == [[0.0, 0.0], [1.0, 0.0]]
