"""Who took part in an event: people, countries and organisations.

People by title ("US Secretary of State Antony Blinken" -> a person of the US), met again later
by any part of their name; countries from associative and demonym mentions, and from literal
countries that are subjects or follow "from" / "between" / "with"; organisations by the head of
their name ("... Ministry", "Coast Guard") or their acronym ("NATO").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from geomap.incidents.attach import prep_before
from geomap.incidents.lexicon import ACRONYM_ORG, ACTOR_PREP, ORG_LEADING, ORG_RE, PERSON_TITLES
from geomap.incidents.triggers import Trig
from geomap.models import Actor, Entry, Place

__all__ = ["People", "actors_of", "country_names", "learn_people"]


#: patterns of the rules below, compiled once
_CAPITALISED = re.compile(r"\b[A-Z][\w'’-]+\b")


class People:
    """People met so far in the article: full name -> country code, name part -> full name."""

    def __init__(self) -> None:
        self.country: dict[str, str | None] = {}
        self.by_part: dict[str, str] = {}

    def add(self, name: str, cc: str | None) -> None:
        if name not in self.country or (cc and not self.country[name]):
            self.country[name] = cc
        for part in name.split():
            if len(part) > 1:
                self.by_part.setdefault(part, name)

    def find(self, sentence: str) -> list[str]:
        """The known people a text names (by any part of their name), in order."""
        out: list[str] = []
        if not self.by_part:
            return out  # no one met yet
        for m in _CAPITALISED.finditer(sentence):
            full = self.by_part.get(m.group())
            if full and full not in out:
                out.append(full)
        return out


def learn_people(sentence: str, s0: int, sp: Sequence[Place], people: People) -> None:
    """Remember titled people ("Defence Minister Jane Doe") met in a sentence."""
    for name, start in _titled(sentence):
        people.add(name, _country_of_prefix(sentence[:start], sp, s0, s0 + start))


@lru_cache(maxsize=256)
def _titled(sentence: str) -> tuple[tuple[str, int], ...]:
    """The titled names of a sentence and where their titles start (read once per sentence:
    each of its triggers asks)."""
    out = []
    for m in PERSON_TITLES.finditer(sentence):
        name = m.group(1)
        if name.split()[0] in {"The", "Of"} or len(name) < 3:
            continue
        out.append((name, m.start()))
    return tuple(out)


@lru_cache(maxsize=256)
def _organisations(sentence: str) -> tuple[tuple[str, int], ...]:
    """The organisations a sentence names by the head of their name, and where each match
    starts (read once per sentence)."""
    out = []
    for m in ORG_RE.finditer(sentence):
        org = m.group(1).strip()
        if org.split()[0] in ORG_LEADING:
            org = org.split(" ", 1)[1] if " " in org else org
        out.append((org, m.start()))
    return tuple(out)


def _country_of_prefix(prefix: str, places: Sequence[Place], s0: int, start: int) -> str | None:
    """Country code of a demonym/country mention right before a title ("US Secretary")."""
    for p in places:
        if p.entry is None:
            continue
        if (
            start - 30 <= p.mention.start < start
            and p.entry.country_code
            and (p.mention.role in {"demonym", "associative"} or p.entry.kind == "country")
        ):
            between = prefix[p.mention.end - s0 :] if p.mention.end - s0 <= len(prefix) else ""
            if len(between.split()) <= 4:
                return p.entry.country_code
    return None


def actors_of(
    sentence: str,
    s0: int,
    sent_places: Sequence[Place],
    people: People,
    trig: Trig,
    event_place: Place | None,
    seg: tuple[int, int],
) -> tuple[list[Actor], set[str]]:
    """The actors of the trigger's segment ``seg`` of the sentence, and the people's names."""
    actors: list[Actor] = []
    names: set[str] = set()
    learn_people(sentence, s0, sent_places, people)
    for name in people.find(sentence[seg[0] : seg[1]]):
        cc = people.country.get(name)
        actors.append(Actor(name, "person", cc))
        names.add(name)
    # countries
    countries: list[Actor] = []
    for p in sent_places:
        e = p.entry
        if e is None or p is event_place:
            continue
        cc = e.country_code
        if not cc:
            continue
        role = p.mention.role
        rel = p.mention.start - s0
        if (
            event_place is not None
            and role == "demonym"
            and 0 <= event_place.mention.start - p.mention.end <= 25
        ):
            continue  # "the Indonesian island of Bali": describes the place
        prep, _ = prep_before(sentence, rel)
        if (
            role in {"associative", "demonym"}
            or (
                e.kind == "country"
                and (prep in ACTOR_PREP or prep == "" or p.mention.start < trig.start)
            )
            or (e.kind == "city" and role == "associative")
        ):
            if all(a.country_code != cc for a in countries):
                countries.append(Actor(_country_name(e), "country", cc))
    actors.extend(countries)
    # organisations
    for org, start in _organisations(sentence):
        if not seg[0] <= start < seg[1]:
            continue
        if len(org) > 3 and all(a.name != org for a in actors):
            actors.append(Actor(org, "organisation", None))
    for m in ACRONYM_ORG.finditer(sentence[seg[0] : seg[1]]):
        if all(a.name != m.group(1) for a in actors):
            actors.append(Actor(m.group(1), "organisation", None))
    return actors, names


def _country_name(e: Entry) -> str:
    if e.kind == "country":
        return str(e.name)
    return str(e.country_code or e.name)


def country_names(places: Sequence[Place]) -> dict[str, str]:
    """Country code -> the country's name as the article's places resolved it."""
    names: dict[str, str] = {}
    for p in places:
        if p.entry is not None and p.entry.kind == "country" and p.entry.country_code:
            names[p.entry.country_code] = p.entry.name
    return names
