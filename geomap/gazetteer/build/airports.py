"""Airports with an IATA code, from the optional ``airportsdata`` package."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from geomap.gazetteer.build.writer import Writer, is_latin
from geomap.text.lexicon import words


@cache
def _type_suffix() -> re.Pattern[str]:
    """A name that ends in an airport type word ("... Airport", "... Air Base")."""
    types = sorted(words("airport_type_words"))
    return re.compile(rf"\b(?:{'|'.join(re.escape(t) for t in types)})$")


def airports(w: Writer, stats: dict[str, Any]) -> None:
    """Airports with an IATA code (about 7,900) from the ``airportsdata`` package, as kind
    ``airport`` points, under their full name and the same name without the town in front or
    without "International" ("London Heathrow Airport" -> "Heathrow Airport"; "Tocumen
    International Airport" -> "Tocumen Airport"). No bare names ("Heathrow", "Dulles") and
    no codes: those are words and surnames far more often than airports."""
    try:
        import airportsdata
    except ImportError:  # an optional source: the gazetteer builds without it
        return
    n = 0
    for code, a in sorted(airportsdata.load("ICAO").items()):
        name = (a.get("name") or "").strip()
        if not a.get("iata") or not name or not is_latin(name):
            continue
        if not _type_suffix().search(name):
            continue
        rid = w.add(
            f"airport:{code}",
            name,
            "airport",
            float(a["lat"]),
            float(a["lon"]),
            cc=a.get("country") or None,
            fcode="AIRP",
            source="airportsdata",
            count_as="airport",
        )
        for alt in airport_names(name, a.get("city") or ""):
            w.name(rid, alt, "alt")
        n += 1
    stats["airports"] = n


def airport_names(name: str, city: str) -> list[str]:
    """Shorter names of an airport, each still ending in its type word."""
    out = []
    rest = name[len(city) + 1 :] if city and name.startswith(city + " ") else ""
    if rest and rest.split()[0] not in words("airport_generic_words"):
        out.append(rest)  # "London Heathrow Airport" -> "Heathrow Airport"
    for n in [name, *out]:
        short = re.sub(r"\s+Int(?:ernationa)?l\.?(?= Airport$)", "", n)
        if short != n:
            out.append(short)  # "Tocumen International Airport" -> "Tocumen Airport"
    return out
