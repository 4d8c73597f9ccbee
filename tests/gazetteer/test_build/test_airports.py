"""Airports with an IATA code, under their full and shorter names."""

from __future__ import annotations

from geomap.gazetteer.build.airports import airport_names
from tests.gazetteer.helpers import km


def test_airports(gaz):
    hits = gaz.lookup(["heathrow airport", "heathrow"])
    ap = [e for e, _ in hits["heathrow airport"] if e.kind == "airport"]
    assert ap and ap[0].country_code == "GB" and km(ap[0].lat, ap[0].lon, 51.47, -0.46) < 5
    assert not any(e.kind == "airport" for e, _ in hits.get("heathrow", []))  # no bare name


def test_airport_short_names():
    assert airport_names("London Heathrow Airport", "London") == ["Heathrow Airport"]
    assert airport_names("Tocumen International Airport", "Tocumen") == ["Tocumen Airport"]
    assert airport_names("Penza Airport", "Penza") == []
    assert airport_names("London City Airport", "London") == []  # "City Airport": generic
