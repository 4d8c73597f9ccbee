"""Villages and suburbs (the gazetteer's localities) resolve local names that the text marks as
places and that the gazetteer's towns lack; they never make a word a place."""

from __future__ import annotations

from geomap.places.find import find_places


def _found(text: str, gazetteer):  # type: ignore[no-untyped-def]
    return [
        (p.mention.text, p.entry.kind if p.entry else None, p.reason)
        for p in find_places(text, gazetteer).places
    ]


def test_a_village_near_its_town_is_the_locality_of_that_name(gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = _found("Two farmers were killed in Baljati village near Bareilly.", gazetteer)
    assert ("Baljati", "locality", None) in got
    assert ("Bareilly", "city", None) in got


def test_a_locality_is_never_evidence_that_a_word_is_a_place(gazetteer) -> None:  # type: ignore[no-untyped-def]
    assert _found("Baljati is a word here.", gazetteer) == []
