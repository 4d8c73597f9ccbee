"""The place of THIS event: preposition, clause and movement rules, nearest place first."""

from __future__ import annotations

from geomap.incidents.attach import attach, place_ok_for, prep_before
from geomap.incidents.triggers import Trig, find_triggers

from .conftest import place_in


def _trig(sentence: str, word: str) -> Trig:
    return next(t for t in find_triggers(sentence, 0) if t.text == word)


def test_prep_before() -> None:
    s = "Protesters marched through central Nairobi on Monday."
    assert prep_before(s, s.index("Nairobi")) == ("through", "central")
    s = "Troops fired on the village of Foo."
    assert prep_before(s, s.index("Foo")) == ("of", "")
    s = "Envoys from China arrived."
    assert prep_before(s, s.index("China")) == ("from", "")
    assert prep_before("China said", 0) == ("", "")


def test_place_after_a_spatial_preposition() -> None:
    s = "Protesters marched through Nairobi to oppose the war in Sudan."
    nairobi, sudan = place_in(s, "Nairobi"), place_in(s, "Sudan", "country")
    trig = _trig(s, "marched")
    assert place_ok_for(trig, nairobi, s, 0) == (True, "attached")
    # "war in Sudan": behind a clause break ("to" after the trigger's phrase)
    assert place_ok_for(trig, sudan, s, 0) == (False, "")
    assert attach(trig, [sudan, nairobi], s, 0) == (nairobi, "attached")


def test_movement_object_and_island_of() -> None:
    s = "Chinese warplanes crossed the median line on Friday."
    line = place_in(s, "median line", "line", cue="line")
    assert place_ok_for(_trig(s, "crossed"), line, s, 0) == (True, "attached")
    s = "Troops clashed on the island of Mindanao."
    island = place_in(s, "Mindanao", "island")
    assert place_ok_for(_trig(s, "clashed"), island, s, 0) == (True, "attached")


def test_sentence_initial_place_and_place_before_trigger() -> None:
    s = "In Bali, the ministers met for five hours."
    bali = place_in(s, "Bali", "admin1")
    assert place_ok_for(_trig(s, "met"), bali, s, 0) == (True, "sentence")
    assert attach(_trig(s, "met"), [bali], s, 0) == (bali, "sentence")


def test_unresolved_and_associative_places_are_not_the_events() -> None:
    s = "Washington said troops attacked."
    wash = place_in(s, "Washington", role="associative")
    assert place_ok_for(_trig(s, "attacked"), wash, s, 0) == (False, "")
    s = "Protesters marched in Nairobi."
    trig = _trig(s, "marched")
    loc = place_in(s, "Nairobi", role="associative", cue="loc:in")
    assert place_ok_for(trig, loc, s, 0) == (True, "attached")
    none = place_in(s, "Nairobi")
    unresolved = type(none)(none.mention, None, 0.0, 7, s, 0, len(s))
    assert attach(trig, [unresolved], s, 0) == (None, "")


def test_two_small_towns_side_by_side_are_one_longer_name() -> None:
    from geomap.incidents.attach import is_name_fragment, is_small_town
    from geomap.places.runs import TakenSpans

    # made up: "Kolo" and "Darsi" as two small towns (population 0) read side by side: the
    # name of a group or of a place the gazetteer lacks, not either town
    text = "Troops clashed with Kolo Darsi fighters near the river."
    kolo, darsi = place_in(text, "Kolo"), place_in(text, "Darsi")
    taken = TakenSpans(len(text))
    for p in (kolo, darsi):
        taken.append((p.mention.start, p.mention.end))
    small = {p.mention.start for p in (kolo, darsi) if is_small_town(p)}
    assert is_name_fragment(text, kolo, taken, small)
    assert is_name_fragment(text, darsi, taken, small)
    # without the neighbour's size, a neighbour that is a place mention keeps both
    assert not is_name_fragment(text, kolo, taken)
