"""A state the article names in full, again and again, outweighs the shared-state guess from
other names' readings (made-up places and sentences)."""

from __future__ import annotations

from geomap.models import Entry
from geomap.places.resolve import resolve
from tests.places.mentions import mentions_of


def _town(eid: str, lat: float, lon: float, admin1: str, pop: int) -> tuple[Entry, str]:
    name = eid.split(":")[1].split("-")[0].title()
    e = Entry(eid, name, "city", lat, lon, country_code="XB", admin1=admin1, population=pop)
    return e, "name"


_ARVEL = Entry(
    "t:arvel", "Arvel", "admin1", 40.5, -80.5, country_code="XB", admin1="02", population=2_000_000
)
_CANDIDATES = {
    "arvel": [(_ARVEL, "name")],
    # Tolly: a town in Arvel, and a bigger one in state 03
    "tolly": [
        _town("t:tolly-02", 40.0, -80.0, "02", 8_000),
        _town("t:tolly-03", 30, -90, "03", 80_000),
    ],
    # two names found in state 03 (far apart) and elsewhere: shared-state support for 03
    "quen": [_town("t:quen-03", 36, -96, "03", 3_000), _town("t:quen-04", 45, -100, "04", 3_000)],
    "lisk": [_town("t:lisk-03", 24, -84, "03", 3_000), _town("t:lisk-05", 20, -110, "05", 3_000)],
}


_mentions = mentions_of


def test_a_state_named_twice_outweighs_shared_state_support() -> None:
    text = "Made-up: Arvel lawmakers met in Tolly. Quen and Lisk sent notes to Arvel."
    out = resolve(_mentions(text, ["Arvel", "Tolly", "Quen", "Lisk", "Arvel"]), _CANDIDATES)
    assert out[1].entry is not None and out[1].entry.id == "t:tolly-02"


def test_a_state_named_once_does_not() -> None:
    """Named once, the state is weaker evidence: the shared-state support counts in full."""
    text = "Made-up: Arvel lawmakers met in Tolly. Quen and Lisk sent notes."
    out = resolve(_mentions(text, ["Arvel", "Tolly", "Quen", "Lisk"]), _CANDIDATES)
    assert out[1].entry is not None and out[1].entry.id == "t:tolly-03"


def test_an_abbreviation_does_not_count_as_naming_the_state() -> None:
    """ "Arv." may be a state's abbreviation or another word's ("Co." of a county): it is
    not naming the state in full."""
    cands = {**_CANDIDATES, "arv": [(_ARVEL, "abbr")]}
    text = "Made-up: Arv. lawmakers met in Tolly. Quen and Lisk sent notes to Arv. again."
    out = resolve(_mentions(text, ["Arv", "Tolly", "Quen", "Lisk", "Arv"]), cands)
    assert out[1].entry is not None and out[1].entry.id == "t:tolly-03"
