"""The place of THIS event: which of a sentence's resolved places a trigger happened at.

A literal place mention after a spatial preposition ("in", "at", "near", "over", "through",
"on the island of") or the object of a movement verb ("crossed the median line"), in the
trigger's clause; a sentence-initial "In X," / "At X," (also after a leading time phrase: "On 9
May 2020, in Kandahar, ...") applies to the whole sentence. A place
that modifies another noun ("warnings ... not to support Russia's war in Ukraine") is not the
event's place. Among the places that qualify, the nearest to the trigger wins.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

from geomap.geo import haversine_km
from geomap.incidents.lexicon import (
    ARTICLES,
    CLAUSE_BREAK,
    LEADING_TIME,
    LOC_PREP,
    MOVE_TRIGGERS,
    NAME_FIRST_WORDS,
    NAME_NEIGHBOURS,
    PLACE_OF,
    REPORTING,
    STOP_PREP,
    STRONG_KINDS,
)
from geomap.incidents.triggers import Trig
from geomap.models import Entry, Place
from geomap.places.runs import TakenSpans

__all__ = [
    "attach",
    "is_name_fragment",
    "is_place_use",
    "is_small_town",
    "place_ok_for",
    "prep_before",
    "specific_place",
]

#: the cues of associative mentions that still place an event ("loc:in" X)
_LOCATIVE_CUES = frozenset({"loc:in", "loc:at", "loc:near"})


#: patterns of the rules below, compiled once
_WORD_OR_BREAK = re.compile(r"[\w'’-]+|[,;:()]")
_WORD_OR_MARK = re.compile(r"[\w'’-]+|[,;:()\"“”]")
_COMMA = re.compile(r"[,;]")
_OPENS_IN_AT = re.compile(r"^\W*(?:in|at)\b", re.I)
_WORD = re.compile(r"[\w'’]+")


def is_place_use(place: Place) -> bool:
    """Whether a mention uses its place as a place: literally, or associatively but after a
    locative ("officials in Nairobi said"), never as a demonym."""
    m = place.mention
    if place.entry is None:
        return False
    return m.role == "literal" or (m.role == "associative" and m.cue in _LOCATIVE_CUES)


#: the population from which a place is known well enough to keep its name in a longer one
_CITY = 100_000
_TOWN_KINDS = frozenset({"city", "locality", "admin3"})
_WORD_BEFORE = re.compile(r"([A-Z][\w'’-]*) $")
_WORD_AFTER = re.compile(r" ([A-Z][\w'’-]*)")


def is_small_town(place: Place) -> bool:
    """A place read as a town of under 100,000 (what a longer name may hold)."""
    e = place.entry
    return (
        place.mention.role != "demonym"
        and e is not None
        and e.population < _CITY
        and e.kind in _TOWN_KINDS
    )


def is_name_fragment(
    text: str, place: Place, taken: TakenSpans | None = None, small: set[int] | None = None
) -> bool:
    """Whether a place's mention is only part of a longer name that the gazetteer does not
    know, so that it names a group or an unknown place, not the gazetteer's namesake: a
    small place (a town of under 100,000) next to a capitalised word that is no direction,
    generic place word, function word, month or weekday and no part of another place mention
    (``taken``): "Haram" in "Boko Haram", "Bindi" in "Walendu Bindi" (a city keeps its name:
    "Bhadurabad Karachi"); or a word that opens longer names before a capitalised word ("Abu"
    in "Abu Sleem", "Ceel" in "Ceel Waaq"). ``small``: the starts of the mentions read as small
    towns (:func:`is_small_town`): two of them side by side make one longer name ("Boko
    Haram" when both words are towns), each a fragment."""
    m, e = place.mention, place.entry
    if m.role == "demonym" or e is None:
        return False
    after = _WORD_AFTER.match(text, m.end)
    if after is not None and m.text.lower() in NAME_FIRST_WORDS:
        return True
    if e.population >= _CITY or e.kind not in _TOWN_KINDS:
        return False
    before = _WORD_BEFORE.search(text, max(0, m.start - 40), m.start)
    for hit in (before, after):
        if hit is None:
            continue
        w = hit.group(1)
        if w.lower() in NAME_NEIGHBOURS or w.isupper() or not any(c.islower() for c in w):
            continue
        if taken is None or not taken.covers(hit.start(1)):
            return True
        if small is not None and hit.start(1) in small:
            return True
    return False


@lru_cache(maxsize=1024)
def prep_before(sentence: str, rel_start: int) -> tuple[str, str]:
    """(preposition, words between it and the place) before a place mention."""
    words = _WORD_OR_BREAK.findall(sentence[:rel_start])
    between: list[str] = []
    for w in reversed(words[-6:]):
        lw = w.lower()
        if lw in STOP_PREP or w in ",;:()":
            return lw, " ".join(reversed(between))
        between.append(lw)
    return "", " ".join(reversed(between))


def place_ok_for(trig: Trig, place: Place, sentence: str, s0: int) -> tuple[bool, str]:
    """Is this place attached to this trigger?  Returns (ok, how): how is "attached" or
    "sentence" (a sentence-initial "In X,")."""
    m = place.mention
    if place.entry is None or not is_place_use(place):
        return False, ""
    rel_p = m.start - s0
    prep, _between = prep_before(sentence, rel_p)
    kind = place.entry.kind
    move = MOVE_TRIGGERS.match(trig.text.lower()) is not None
    if m.start >= trig.end:
        gap = sentence[trig.end - s0 : rel_p]
        words = _WORD_OR_MARK.findall(gap)
        # the clause must not break between trigger and place
        if any(
            w.lower() in CLAUSE_BREAK or (w in {"to", "not"} and i > 0) for i, w in enumerate(words)
        ):
            # "to" directly after the trigger is a direction ("flew to X")
            if not (words and words[0].lower() == "to" and move and len(words) <= 3):
                return False, ""
        if len(words) > 12:
            return False, ""
        if m.cue == "line" or (move and len(words) <= 3 and prep in {"", "the"} | LOC_PREP):
            return True, "attached"
        if prep in LOC_PREP:
            # "war in Ukraine": the preposition must follow the trigger or its own phrase,
            # not another content noun between them
            pre_words = [w for w in words[:-1] if w not in ARTICLES]
            nouns_between = [
                w
                for w in pre_words
                if w.lower() not in LOC_PREP
                and w[0].islower()
                and len(w) > 3
                and not w.endswith("ly")
            ]
            if len(nouns_between) > 3:
                return False, ""
            return True, "attached"
        if prep == "of" and PLACE_OF.search(sentence[:rel_p].lower()):
            return True, "attached"
        if prep == "on" and kind in STRONG_KINDS:
            return True, "attached"
        if prep == "to" and move:
            return True, "attached"
        return False, ""
    # place before the trigger: "In Bali, ministers met", "the Taiwan Strait crossing"
    if prep in {"in", "at"}:
        before = sentence[:rel_p]
        lead = LEADING_TIME.match(before)
        opening = before[lead.end() :] if lead else before
        if not _COMMA.search(opening) and _OPENS_IN_AT.search(opening):
            return True, "sentence"
        gap = sentence[rel_p + len(m.text) : trig.start - s0]
        reported = any(w.lower() in REPORTING for w in _WORD.findall(gap))
        if len(gap.split()) <= 4 and not _COMMA.search(gap) and not reported:
            return True, "attached"
    return False, ""


def attach(trig: Trig, places: Sequence[Place], sentence: str, s0: int) -> tuple[Place | None, str]:
    """The place of this trigger among a sentence's places, and how it was found."""
    best: tuple[int, Place, str] | None = None
    for p in places:
        ok, how = place_ok_for(trig, p, sentence, s0)
        if not ok:
            continue
        dist = abs(p.mention.start - trig.end)
        if how == "sentence":
            dist += 1000
        # prefer the most precise of nested/adjacent places ("Bali, Indonesia")
        if best is None or dist < best[0]:
            best = (dist, p, how)
    if best is None:
        return None, ""
    return best[1], best[2]


#: between a place and the place the text puts it in: "X, Y", "X in Y", "X area of Y",
#: "X village near Y", "X in the city of Y"
_CONTAINED_IN = re.compile(
    r"\s*,\s*|(?:\s+[a-z-]+){0,2}\s+(?:in|of|near|outside)\s+(?:the\s+)?"
    r"(?:(?:city|town|district|province|state|region|county)\s+of\s+)?"
)
_COARSE = frozenset({"country", "admin1"})
_ADMIN = frozenset({"country", "admin1", "admin2"})
#: how far (km) a place may lie from the town or district the text puts it in
_WITHIN_KM = {"city": 60.0, "locality": 60.0, "admin3": 100.0, "admin2": 150.0}


def _inside(e: Entry, container: Entry) -> bool | None:
    """Whether ``e`` lies in ``container`` (None: cannot tell)."""
    if container.kind == "country":
        return e.country_code == container.country_code
    if container.kind == "admin1":
        if e.country_code != container.country_code:
            return False
        return None if not (e.admin1 and container.admin1) else e.admin1 == container.admin1
    limit = _WITHIN_KM.get(container.kind)
    if limit is None:
        return None
    return haversine_km(e.lat, e.lon, container.lat, container.lon) <= limit


def specific_place(
    place: Place,
    sentence_places: Sequence[Place],
    text: str,
    countries: Counter[str] | None = None,
) -> Place:
    """The most specific place the text gives for an event placed at ``place``, checked
    against its container: a town whose resolved namesake lies outside the town, district or
    country the text puts it in ("Mohammadpur in Dhaka", "Highfields, Harare") gives way to
    that container (the gazetteer holds another place of its name) when both lie in one
    country, or when the container's country is the one the article names more often
    (``countries``: mentions per country code), or as often and the container is the larger
    place or an administrative area (else either could be the other's namesake, and the
    more specific stands); a country or province
    gives way to a town of the same sentence inside it ("Libyan forces pressed on to retake
    Sirte": Sirte, not Libya)."""
    e = place.entry
    if e is None:
        return place
    others = [
        p
        for p in sentence_places
        if p.entry is not None and p is not place and is_place_use(p) and p.entry.id != e.id
    ]
    if e.kind not in _COARSE:
        after = [p for p in others if p.mention.start >= place.mention.end]
        nxt = min(after, key=lambda p: p.mention.start, default=None)
        if nxt is not None and nxt.entry is not None:
            gap = text[place.mention.end : nxt.mention.start]
            if _CONTAINED_IN.fullmatch(gap) and _inside(e, nxt.entry) is False:
                cc, home = nxt.entry.country_code, e.country_code
                tally = countries or Counter()
                ours, theirs = tally[cc or ""], tally[home or ""]
                bigger = nxt.entry.population > e.population or nxt.entry.kind in _ADMIN
                if cc == home or (cc and (ours > theirs or (ours == theirs and bigger))):
                    return nxt
        return place
    finer = [
        p
        for p in others
        if p.entry is not None and p.entry.kind not in _COARSE and _inside(p.entry, e)
    ]
    if not finer:
        return place
    return min(finer, key=lambda p: abs(p.mention.start - place.mention.start))
