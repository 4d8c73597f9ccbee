"""Seas, straits, bays, oceans from Natural Earth; the kind read off the name."""

from __future__ import annotations

import pytest
from shapely.geometry import box

from geomap.gazetteer.build.marine import label_point, marine_kind


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
