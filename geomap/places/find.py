"""``find_places``: text -> recognised mentions -> resolved :class:`~geomap.models.Place`\\ s.

The place stage as one call: recognise the mentions, resolve them against the gazetteer (seen
only through its Protocol), and assemble each Place with its sentence and geometry.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, replace
from typing import Any

from geomap.gazetteer.base import Candidates, Gazetteer
from geomap.kinds import LOCAL_CUES
from geomap.models import Entry, Mention, Place
from geomap.places.context import coordinated
from geomap.places.lexicons import demonym_target
from geomap.places.recognise import Recognition, recognise
from geomap.places.resolve import Resolution, precision_of, prior, resolve
from geomap.text.normalise import normalise

__all__ = [
    "AdminNames",
    "Demonyms",
    "FoundPlaces",
    "find_places",
    "toponym_record",
    "unresolved_reason",
]


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


class AdminNames:
    """The country, admin-1 and admin-2 names of an entry, from the gazetteer's codes (looked
    up once per code): what coded data sets give every event."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._countries: dict[str, str | None] = {}
        self._admin1: dict[tuple[str, str], str | None] = {}

    def __call__(self, e: Entry) -> tuple[str | None, str | None, str | None]:
        cc = e.country_code
        if e.kind == "country":
            return e.name, None, None
        country = None
        if cc:
            if cc not in self._countries:
                c = self._gazetteer.country(cc)
                self._countries[cc] = c.name if c is not None else None
            country = self._countries[cc]
        admin1 = e.name if e.kind == "admin1" else None
        if admin1 is None and cc and e.admin1:
            key = (cc, e.admin1)
            if key not in self._admin1:
                a = self._gazetteer.admin1(cc, e.admin1)
                self._admin1[key] = a.name if a is not None else None
            admin1 = self._admin1[key]
        admin2 = e.name if e.kind == "admin2" else None
        return country, admin1, admin2


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
    admin_names: AdminNames | None = None,
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
    admin_names : AdminNames, optional
        The same for the country and admin-1 names of each place.
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
    admin_names = admin_names or AdminNames(gazetteer)
    rec = recognise(text, gazetteer)
    resolutions = resolve(
        rec.mentions,
        rec.candidates,
        demonym_country=demonyms,
        contains=gazetteer.contains,
        lists=coordinated(text, rec.mentions),
    )
    resolutions = _with_localities(resolutions, rec.candidates, gazetteer)
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
        country, admin1, admin2 = admin_names(r.entry) if r.entry is not None else (None,) * 3
        reason = unresolved_reason(r, rec.candidates)
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
                country=country,
                admin1=admin1,
                admin2=admin2,
                reason=reason,
            )
        )
    return FoundPlaces(rec, places)


def _with_localities(
    resolutions: list[Resolution], candidates: Candidates, gazetteer: Gazetteer
) -> list[Resolution]:
    """Local names the gazetteer's towns lack, resolved as the villages and suburbs they name
    (:meth:`Gazetteer.locality`): a name the text marks as a place by its context that the
    resolver left unresolved or put in its container ("Kailenge village near Bunia" ->
    Bunia) becomes that container's locality of the name; one with no container, the name's
    only locality in the article's countries. Localities never make a word a place: only
    names already recognised are looked up."""
    # names no entry has, left unresolved or (local names) put in their container
    wanted = [
        i
        for i, r in enumerate(resolutions)
        if r.mention.role != "demonym"
        and not candidates.get(r.mention.key)
        and (r.entry is None or r.mention.cue in LOCAL_CUES)
    ]
    if not wanted:
        return resolutions
    countries = frozenset(
        r.entry.country_code for r in resolutions if r.entry is not None and r.entry.country_code
    )
    out = list(resolutions)
    for i in wanted:
        r = out[i]
        hit = gazetteer.locality(r.mention.key, r.entry, countries)
        if hit is not None:
            out[i] = replace(r, entry=hit)
    return out


def unresolved_reason(r: Resolution, candidates: Candidates) -> str | None:
    """Why a mention is not resolved as itself (None when it is).

    "not in gazetteer" (no entry has the name); "demonym of no known place"; for a local name
    (a street, a village after "in") that the resolver put in the town or country the text
    puts it in: "not in gazetteer: placed in X" (or "only elsewhere in gazetteer: placed in X"
    when the gazetteer knows the name only outside that container).
    """
    m = r.mention
    own = candidates.get(m.key, [])
    if r.entry is not None:
        if (
            m.role == "demonym"
            or m.cue not in LOCAL_CUES
            or r.entry.kind == "locality"  # the village or suburb of that name
            or any(e.id == r.entry.id for e, _ in own)
        ):
            return None
        where = "only elsewhere in gazetteer" if own else "not in gazetteer"
        return f"{where}: placed in {r.entry.name}"
    if m.role == "demonym":
        return "demonym of no known place"
    if not own:
        if m.cue in LOCAL_CUES:
            return "not in gazetteer, and no town in the text to place it in"
        return "not in gazetteer"
    if m.cue in LOCAL_CUES:
        return "only elsewhere in gazetteer, and no town in the text to place it in"
    return "no reading chosen"


def toponym_record(
    mention: Mention,
    entry: Entry | None,
    score: float | None = None,
    *,
    reason: str | None = None,
    geocoder: str | None = None,
) -> dict[str, Any]:
    """A resolved toponym as a plain dict (the corpus format of ``geomap toponyms``).

    With a ``score`` (what ``geomap toponyms`` writes) the record also has ``role``,
    ``entry_id``, ``score``, ``geocoder`` ("gazetteer", a fallback service's name, or null
    when unresolved) and ``reason`` (see :func:`unresolved_reason`)."""
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
        out["geocoder"] = (geocoder or "gazetteer") if entry is not None else None
        out["reason"] = reason
    return out
