"""A name's longer form with a generic word ("Dorran City") is the same name: it does not
vote for the shorter name's reading (made-up places and sentences)."""

from __future__ import annotations

from geomap.models import Entry
from geomap.places.namebase import name_base
from geomap.places.resolve import resolve
from tests.places.mentions import mentions_of

_CAPITAL = Entry(
    "t:dorran-xa",
    "Dorran",
    "city",
    10.0,
    10.0,
    fcode="PPLC",
    country_code="XA",
    admin1="01",
    population=1_000_000,
)
_TOWN = Entry(
    "t:dorran-xb", "Dorran", "city", 40.0, -80.0, country_code="XB", admin1="02", population=40_000
)
_PELL = Entry(
    "t:pell", "Pell", "city", 40.2, -80.1, country_code="XB", admin1="02", population=20_000
)
_CANDIDATES = {
    "dorran": [(_CAPITAL, "name"), (_TOWN, "name")],
    "dorran city": [(_CAPITAL, "name")],
    "pell": [(_PELL, "name")],
}


_mentions = mentions_of


def test_generic_affixes_are_stripped() -> None:
    assert name_base("dorran city") == "dorran"
    assert name_base("city of dorran") == "dorran"
    assert name_base("dorran") == "dorran"
    assert name_base("city") == "city"  # all affix: itself


def test_the_longer_form_does_not_vote_for_the_name() -> None:
    """The town council of "Dorran City", read as the capital abroad, does not pull the story's
    "Dorran", set beside Pell, abroad."""
    text = "Made-up: the Dorran City council met in Dorran. Dorran City police thanked Pell."
    names = ["Dorran City", "Dorran", "Dorran City", "Pell"]
    out = resolve(_mentions(text, names), _CANDIDATES)
    assert out[1].entry is _TOWN


def test_without_the_longer_form_the_prior_still_decides() -> None:
    """Alone, a bare "Dorran" is the big capital: the rule removes a vote, it adds none."""
    text = "Made-up: Dorran police met."
    out = resolve(_mentions(text, ["Dorran"]), _CANDIDATES)
    assert out[0].entry is _CAPITAL
