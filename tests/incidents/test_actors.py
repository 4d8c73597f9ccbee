"""Actors: titled people met again by name, countries, organisations."""

from __future__ import annotations

from geomap.incidents.actors import People, actors_of, country_names, learn_people
from geomap.incidents.triggers import find_triggers
from geomap.models import Actor

from .conftest import place_in


def test_people_by_title_and_later_by_name() -> None:
    people = People()
    s = "French Foreign Minister Jean Dupont arrived."
    learn_people(s, 0, [place_in(s, "French", "country", role="demonym", cc="FR")], people)
    assert people.country == {"Jean Dupont": "FR"}
    assert people.find("Later, Dupont met officials.") == ["Jean Dupont"]
    learn_people("US Secretary of State Antony Blinken spoke.", 0, [], people)
    assert "Antony Blinken" in people.country and people.country["Antony Blinken"] is None


def test_actors_of_a_trigger() -> None:
    s = "Envoys from China met the Foreign Ministry and NATO in Paris."
    china = place_in(s, "China", "country", cc="CN")
    paris = place_in(s, "Paris", cc="FR")
    trig = next(t for t in find_triggers(s, 0) if t.text == "met")
    actors, names = actors_of(s, 0, [china, paris], People(), trig, paris, (0, len(s)))
    assert Actor("China", "country", "CN") in actors
    assert Actor("Foreign Ministry", "organisation") in actors
    assert Actor("NATO", "organisation") in actors
    assert not [a for a in actors if a.country_code == "FR"]  # the event's place
    assert names == set()
    assert country_names([china, paris]) == {"CN": "China"}
