"""Towns from GeoNames cities500, capitals marked."""

from __future__ import annotations

from tests.gazetteer.helpers import ids


def test_capitals_marked(gaz):
    assert gaz.get("gn:1816670").fcode == "PPLC"  # Beijing
    assert gaz.get("gn:4140963").fcode == "PPLC"  # Washington, D.C.


def test_town_codes_are_not_names(gaz):
    """All-caps alternate names of towns are airport and station codes: left out."""
    assert "gn:1642911" in ids(gaz, "jakarta")
    assert "gn:1642911" not in ids(gaz, "jkt")
