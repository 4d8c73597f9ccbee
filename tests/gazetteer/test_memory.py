"""The in-memory gazetteer keeps to the same contract as the SQLite one."""

from __future__ import annotations

from shapely.geometry import box

from geomap.gazetteer import Gazetteer, MemoryGazetteer
from tests.conftest import _e


def _gaz() -> MemoryGazetteer:
    return MemoryGazetteer(
        [
            (
                _e("c:id", "Indonesia", "country", -2.0, 118.0, "ID"),
                [("RI", "abbr")],
                box(95, -11, 141, 6),
            ),
            (
                _e("a:bali", "Bali", "admin1", -8.4, 115.2, "ID", admin1="02"),
                [("Pulau Bali", "alt")],
                None,
            ),
        ]
    )


def test_keeps_to_the_contract():
    assert isinstance(_gaz(), Gazetteer)


def test_lookup_by_normalised_name():
    g = _gaz()
    assert g.lookup(["ri", "pulau bali", "bali", "nowhere"]) == {
        "ri": [(g.get("c:id"), "abbr")],
        "pulau bali": [(g.get("a:bali"), "alt")],
        "bali": [(g.get("a:bali"), "name")],
    }


def test_country_admin1_geometry():
    g = _gaz()
    assert g.country("ID").id == "c:id" and g.country("XX") is None
    assert g.admin1("ID", "02").id == "a:bali" and g.admin1("ID", "01") is None
    assert g.get("c:id").has_geometry and not g.get("a:bali").has_geometry
    assert g.geometry("a:bali").geom_type == "Point"
    assert g.contains("c:id", 106.8, -6.2) and not g.contains("a:bali", 115.2, -8.4)
    assert g.meta() == {"entries": 2, "source": "memory"}
