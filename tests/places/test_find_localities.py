"""Villages and suburbs (the gazetteer's localities) resolve local names that the text marks as
places and that the gazetteer's towns lack; they never make a word a place. And resolution in
the article's context."""

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


def test_a_named_country_draws_its_neighbours_namesakes(gazetteer) -> None:  # type: ignore[no-untyped-def]
    """Resolution in context: "Gaza" beside "Israel" is the Gaza Strip next door, not the
    distant Mozambican province of the same name that the name alone would favour."""
    near = {
        p.mention.text: p.entry
        for p in find_places("Israel struck targets in Gaza on Monday.", gazetteer).places
    }
    assert near["Gaza"] is not None and near["Gaza"].country_code == "PS"
