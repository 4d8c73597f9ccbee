"""Seas, straits, bays, oceans from Natural Earth; the kind read off the name."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from geomap.gazetteer.build.marine import label_point, marine_kind, ocean_labels


def test_marine(gaz):
    scs = [e for e, _t in gaz.lookup(["south china sea"])["south china sea"] if e.kind == "sea"]
    assert scs and scs[0].has_geometry
    geom = gaz.geometry(scs[0].id)
    assert geom.geom_type in ("Polygon", "MultiPolygon")
    assert gaz.contains(scs[0].id, 114.0, 12.0)
    ts = [e for e, _t in gaz.lookup(["taiwan strait"])["taiwan strait"] if e.kind == "strait"]
    assert ts and gaz.geometry(ts[0].id).geom_type in ("Polygon", "MultiPolygon")
    assert gaz.contains(ts[0].id, 119.5, 24.5)
    pac = [e for e, _t in gaz.lookup(["pacific"])["pacific"] if e.kind == "ocean"]
    assert pac and pac[0].name == "Pacific Ocean"
    assert any(e.kind == "ocean" for e, _t in gaz.lookup(["atlantic"])["atlantic"])
    assert any(e.kind == "ocean" for e, _t in gaz.lookup(["indian ocean"])["indian ocean"])


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("Taiwan Strait", "strait"),
        ("South China Sea", "sea"),
        ("Bay of Bengal", "bay"),
        ("Gulf of Aden", "gulf"),
        ("North Pacific Ocean", "ocean"),
        ("English Channel", "channel"),
        ("Drake Passage", "passage"),
        ("Bosporus", "strait"),
        ("Golfo de California", "gulf"),
        ("Sognefjorden", "fjord"),
        ("Rio de la Plata", "river"),
        ("Great Barrier Reef", "reef"),
        ("Mar Menor", "sea"),
    ],
)
def test_marine_kind(name, kind):
    assert marine_kind(name) == kind


def test_label_point_inside_and_across_the_antimeridian():
    p = label_point(box(10, 10, 20, 20))
    assert (p.x, p.y) == (15.0, 15.0)
    across = box(170, -10, 180, 10).union(box(-180, -10, -170, 10))
    q = label_point(across)  # not the plain centroid (0, 0), half a world away
    assert abs(q.x) >= 170 and across.intersects(q)


def test_ocean_points_are_natural_earth_label_points(gaz):
    """An ocean is pointed where a map labels it, in open water: the Indian Ocean at Natural
    Earth's label point (not the centroid of a shape reaching Antarctica, near 34 S), the
    merged Pacific and Atlantic between their halves' label points, each inside its shape."""
    labels = ocean_labels()
    assert {"indian-ocean", "north-pacific-ocean", "south-atlantic-ocean"} <= set(labels)
    for key in ("indian ocean", "pacific ocean", "atlantic ocean", "arctic ocean"):
        ocean = next(e for e, _t in gaz.lookup([key])[key] if e.kind == "ocean")
        assert gaz.contains(ocean.id, ocean.lon, ocean.lat), key
    indian = [e for e, _t in gaz.lookup(["indian ocean"])["indian ocean"] if e.kind == "ocean"]
    assert (round(indian[0].lat, 2), round(indian[0].lon, 2)) == tuple(
        round(v, 2) for v in labels["indian-ocean"]
    )
    pacific = [e for e, _t in gaz.lookup(["pacific ocean"])["pacific ocean"] if e.kind == "ocean"]
    north, south = labels["north-pacific-ocean"], labels["south-pacific-ocean"]
    assert south[0] < pacific[0].lat < north[0]
