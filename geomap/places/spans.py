"""Resolve spans given from outside (a corpus's gold spans) instead of finding them.

The article is still recognised, for its context (the other places, the main place); each
given span becomes a mention: a demonym, a known name, the longest known name inside it
("Colorado State University" -> Colorado), or a local name placed in the article's main place.
"""

from __future__ import annotations

from typing import Any, Final

from geomap.gazetteer.base import Gazetteer
from geomap.kinds import Kind
from geomap.models import Mention
from geomap.places.context import anchor_local, coordinated, placed_after
from geomap.places.find import Demonyms
from geomap.places.lexicons import (
    FEATURE_SUFFIX,
    census,
    demonym_target,
    first_names,
    surnames,
    word_frequency,
)
from geomap.places.recognise import recognise
from geomap.places.resolve import Resolution, resolve
from geomap.places.runs import TakenSpans
from geomap.text.lexicon import words
from geomap.text.normalise import normalise

__all__ = ["resolve_spans"]

#: Kinds a name may be resolved to through a longer, unknown name that contains it.
_BROAD_KINDS: Final[frozenset[Kind]] = frozenset(
    {"country", "admin1", "continent", "ocean", "sea", "region"}
)

#: A town named inside a longer unknown name stands for it only if it is this large.
SUBKEY_TOWN = 15_000
#: ... and, if it is also a person's name ("Rogers Centre"), this large.
PERSON_TOWN = 100_000


def resolve_spans(
    text: str,
    spans: list[tuple[int, int]],
    gazetteer: Gazetteer,
    *,
    demonyms: Demonyms | None = None,
) -> list[Resolution]:
    """One :class:`Resolution` per given ``(start, end)`` span of ``text``, in order."""
    demonyms = demonyms or Demonyms(gazetteer)
    rec = recognise(text, gazetteer)  # for document context
    found = {(m.start, m.end): m for m in rec.mentions}
    keys = {normalise(text[s:e]) for s, e in spans}
    cands = dict(rec.candidates)
    subkeys = {k: _subkeys(k) for k in keys}
    missing = {k for k in keys if k not in cands}
    missing |= {sk for k in missing for sk in subkeys[k]}
    missing -= cands.keys()
    if missing:
        cands.update(gazetteer.lookup(missing))
    gold_mentions = [
        found.get((s, e)) or _span_mention(text, s, e, cands, subkeys) for s, e in spans
    ]
    # the recogniser's other mentions give context, but not those that overlap a given span
    # ("X City" around a given "X" would vote for its own reading)
    given = TakenSpans(len(text))
    for span in spans:
        given.append(span)
    context = [m for m in rec.mentions if not given.overlaps(m.start, m.end)]
    mentions = anchor_local(text, gold_mentions + context)
    return resolve(
        mentions,
        cands,
        demonym_country=demonyms,
        contains=gazetteer.contains,
        lists=coordinated(text, mentions),
    )[: len(gold_mentions)]


def _subkeys(key: str) -> list[str]:
    """Word n-grams of a key, longest first ("colorado state university" -> ...)."""
    ws = key.split()
    return [
        " ".join(ws[i : i + n]) for n in range(len(ws) - 1, 0, -1) for i in range(len(ws) - n + 1)
    ]


def _span_mention(
    text: str, s: int, e: int, cands: dict[str, Any], subkeys: dict[str, list[str]]
) -> Mention:
    """A mention for a span given from outside: a demonym ("North American"), a known name,
    the longest known name inside it ("Colorado State University" -> Colorado), or else a
    local name placed in the article's main place."""
    key = normalise(text[s:e])
    if demonym_target(key):
        return Mention(s, e, text[s:e], key, "demonym")
    if key in cands:
        return Mention(s, e, text[s:e], key)
    last = key.split()[-1]
    # "Washington County", "Main Street", "X Twp."; "University of St. Thomas in Houston":
    # placed by its hint (the town after it), not by a name inside it
    local_feature = last in FEATURE_SUFFIX or last == "twp" or placed_after(text, e)
    surface = text[s:e]
    surface_words = surface.split()
    generic = words("generic_name_words")
    town = demonym = None
    for sk in [] if local_feature else subkeys.get(key, []):
        if sk in generic:
            continue  # "South Kilburn Estate" is not Cameroon's South region
        if demonym_target(sk):
            demonym = demonym or sk
            continue
        for c, nt in cands.get(sk, ()):
            if (c.kind in _BROAD_KINDS and nt == "name") or (
                c.kind == "country" and nt == "abbr" and sk.upper() in surface_words
            ):
                return Mention(s, e, surface, sk)  # "Colorado State ...", "US Federal Reserve"
            if (
                town is None
                and nt == "name"
                and not word_frequency(sk)
                and not (c.population < PERSON_TOWN and _person_name(sk))
                and _at_edge(sk, surface_words)
                and (c.kind == "admin2" or (c.kind == "city" and c.population >= SUBKEY_TOWN))
            ):
                town = sk  # "Robinson College Cambridge", "Belfast Magistrate's Court"
    if town:
        return Mention(s, e, surface, town)
    if demonym:
        return Mention(s, e, surface, demonym, "demonym")
    return Mention(s, e, surface, key, cue="local")


def _person_name(sk: str) -> bool:
    """Whether a one-word name is also a person's first name or surname: "Rogers Centre",
    "Carnegie Library" are named after people, not after the towns Rogers and Carnegie."""
    if " " in sk:
        return False
    w = census(sk)
    return w in first_names() or w in surnames()


def _at_edge(sk: str, surface_words: list[str]) -> bool:
    """Whether ``sk`` opens or closes the name ``surface_words`` ("Tokyo" in "British Embassy
    Tokyo", not "Wilson" in "Ronald Wilson Reagan Middle")."""
    n = len(sk.split())
    return (
        normalise(" ".join(surface_words[:n])) == sk
        or normalise(" ".join(surface_words[-n:])) == sk
    )
