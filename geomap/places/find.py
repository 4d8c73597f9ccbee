"""``find_places``: text -> recognised mentions -> resolved :class:`~geomap.models.Place`\\ s.

The place stage as one call: recognise the mentions, resolve them against the gazetteer (seen
only through its Protocol), and assemble each Place with its sentence and geometry.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Any

from geomap.gazetteer.base import Gazetteer
from geomap.models import Entry, Mention, Place
from geomap.places.context import coordinated
from geomap.places.lexicons import demonym_target
from geomap.places.recognise import Recognition, recognise
from geomap.places.resolve import precision_of, prior, resolve
from geomap.text.normalise import normalise

__all__ = ["Demonyms", "FoundPlaces", "find_places", "toponym_record"]


class Demonyms:
    """The place a demonym refers to, looked up once per key: a country ("Chinese"), or a
    continent, region or state ("European", "Texan")."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._cache: dict[str, Entry | None] = {}

    def __call__(self, key: str) -> Entry | None:
        if key in self._cache:
            return self._cache[key]
        target = demonym_target(key)
        entry = None
        if target and target.startswith("@"):
            name = normalise(target[1:])
            cands = self._gazetteer.lookup([name]).get(name, [])
            if cands:
                entry = max(cands, key=lambda c: prior(*c))[0]
        elif target:
            entry = self._gazetteer.country(target)
        self._cache[key] = entry
        return entry


@dataclass(frozen=True)
class FoundPlaces:
    """What the place stage found in one text: the recognition and the resolved places."""

    recognition: Recognition
    places: list[Place]


def find_places(
    text: str,
    gazetteer: Gazetteer,
    *,
    demonyms: Demonyms | None = None,
    geometry: bool = True,
) -> FoundPlaces:
    """Recognise and resolve the places of ``text``.

    Parameters
    ----------
    text : str
        The article text, as written.
    gazetteer : Gazetteer
        Any implementation of :class:`geomap.gazetteer.base.Gazetteer`.
    demonyms : Demonyms, optional
        A demonym resolver to share between calls (its cache); made afresh when omitted.
    geometry : bool
        Attach each resolved entry's stored shape (towns have none: their point is made from
        lat/lon by the frame).

    Examples
    --------
    >>> found = find_places("Diplomats met in Bali.", gazetteer)  # doctest: +SKIP
    >>> [p.mention.text for p in found.places]  # doctest: +SKIP
    ['Bali']
    """
    demonyms = demonyms or Demonyms(gazetteer)
    rec = recognise(text, gazetteer)
    resolutions = resolve(
        rec.mentions,
        rec.candidates,
        demonym_country=demonyms,
        contains=gazetteer.contains,
        lists=coordinated(text, rec.mentions),
    )
    starts = [s for s, _ in rec.sentences]
    places: list[Place] = []
    geoms: dict[str, Any] = {}
    for r in resolutions:
        si = max(bisect_right(starts, r.mention.start) - 1, 0)
        s0, s1 = rec.sentences[si] if rec.sentences else (0, len(text))
        geom = None
        if geometry and r.entry is not None and r.entry.has_geometry:
            if r.entry.id not in geoms:
                geoms[r.entry.id] = gazetteer.geometry(r.entry.id)
            geom = geoms[r.entry.id]
        places.append(
            Place(
                mention=r.mention,
                entry=r.entry,
                score=r.score,
                precision=precision_of(r.entry),
                sentence=text[s0:s1],
                sentence_start=s0,
                sentence_end=s1,
                geometry=geom,
            )
        )
    return FoundPlaces(rec, places)


def toponym_record(
    mention: Mention, entry: Entry | None, score: float | None = None
) -> dict[str, Any]:
    """A resolved toponym as a plain dict (the corpus format of ``geomap toponyms``)."""
    out: dict[str, Any] = {
        "start": mention.start,
        "end": mention.end,
        "name": mention.text,
        "lat": entry.lat if entry else None,
        "lon": entry.lon if entry else None,
        "geonameid": entry.geonameid if entry else None,
        "feature": entry.kind if entry else None,
    }
    if score is not None:
        out["role"] = mention.role
        out["entry_id"] = entry.id if entry else None
        out["score"] = round(score, 3)
    return out
