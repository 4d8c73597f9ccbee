"""An initialism the article defines as the abbreviation of a name that is no place is no
place either, everywhere in that article; one spelled out as a place stays (made-up text)."""

from __future__ import annotations

from geomap.models import Mention
from geomap.places.acronyms import organisation_initialisms


def _at(text: str, name: str, nth: int = 0, role: str = "literal") -> Mention:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return Mention(start, start + len(name), name, name.lower(), role)


def test_an_organisations_initials_are_no_place() -> None:
    text = "Members of the Zorvan People's League (ZPL) met in Dorran. ZPL leaders spoke."
    mentions = [_at(text, "ZPL"), _at(text, "Dorran"), _at(text, "ZPL", 1)]
    assert [m.text for m in organisation_initialisms(text, mentions)] == ["Dorran"]


def test_initials_of_a_place_spelled_out_stay() -> None:
    text = "Floods hit the Federal Republic of Zorvania (FRZ). The FRZ army helped."
    mentions = [_at(text, "Federal Republic of Zorvania"), _at(text, "FRZ"), _at(text, "FRZ", 1)]
    assert organisation_initialisms(text, mentions) == mentions


def test_only_initials_that_spell_the_words_before_the_bracket() -> None:
    # "(AB)" after words whose initials are not "AB", and an initialism with no bracket
    text = "Talks in the Upper Valley (AB) went on. AB officials left for Dorran."
    mentions = [_at(text, "AB"), _at(text, "AB", 1), _at(text, "Dorran")]
    assert organisation_initialisms(text, mentions) == mentions
