"""Spatial coherence: the places named in one article lie near each other.

Each local candidate of a name is scored by its distance to the other names' candidates
(:func:`_coherence`, before anything is resolved) or to their resolved places
(:func:`_coherence_resolved`), over a bounded window of names so that the work grows with the
article's length; :func:`_with_areas` lends a country or sea the coherence of its name's best
town. Used by :func:`geomap.places.resolve.resolve`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any, Final

from geomap.geo import EARTH_RADIUS_KM
from geomap.kinds import Kind
from geomap.models import Entry, Mention
from geomap.places.priors import prior

if TYPE_CHECKING:
    from geomap.places.resolve import Resolution

#: Kinds whose candidates take part in spatial coherence (places with a meaningful point).
_LOCAL_KINDS: Final[frozenset[Kind]] = frozenset({"city", "admin2", "admin3", "island"})
#: Towns that support no other name's readings by their distance: national capitals, named
#: for their governments ("talks in Washington", "Moscow said") far more often than as a
#: neighbour of the story's places ("Cambridge Analytica" is not Cambridge, Maryland, for
#: a story that also names Washington). They still get support themselves.
_NO_SUPPORT_FCODES: Final[frozenset[str]] = frozenset({"PPLC"})
COHERENCE = 2.0
_TOP_K = 8
#: Coherence window: each name is weighed against the 2 * COHERENCE_WINDOW names first
#: mentioned nearest to it (all the others in an article of up to 2 * COHERENCE_WINDOW + 1
#: names, which is every article of the development corpora), so that the work grows with
#: the article's length, not with the square of its number of names.
COHERENCE_WINDOW = 64
#: Names per block of rows in one matrix product.
_BLOCK = 64
#: The distances of the coherence weights as cosines of the central angle: two points lie
#: closer than d km exactly when the dot product of their unit vectors exceeds cos(d / R).
_COS_30, _COS_100, _COS_300 = (math.cos(d / EARTH_RADIUS_KM) for d in (30.0, 100.0, 300.0))


def _unit_vectors(ents: list[Entry]) -> Any:
    """(n, 3) unit vectors of the entries' points."""
    import numpy as np

    lat = np.radians(np.fromiter((e.lat for e in ents), float, len(ents)))
    lon = np.radians(np.fromiter((e.lon for e in ents), float, len(ents)))
    return np.column_stack((np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)))


def _dot_weight(dot: Any) -> Any:
    """Support of one place for another by distance, from the dot product of their unit
    vectors: 1 under 30 km, 0.6 under 100 km, 0.3 under 300 km, else 0."""
    import numpy as np

    return np.where(
        dot > _COS_30, 1.0, np.where(dot > _COS_100, 0.6, np.where(dot > _COS_300, 0.3, 0.0))
    )


def window_start(i: Any, n: int) -> Any:
    """First name of the coherence window of name ``i`` (of ``n``; array or int): the
    window holds ``min(n, 2 * COHERENCE_WINDOW + 1)`` names around ``i``, ``i`` included."""
    import numpy as np

    size = 2 * COHERENCE_WINDOW + 1
    return np.clip(np.asarray(i) - COHERENCE_WINDOW, 0, max(n - size, 0))


def _coherence(
    mentions: list[Mention],
    candidates: dict[str, list[tuple[Entry, str]]],
    evaluated: list[int] | None = None,
) -> dict[tuple[str, str], float]:
    """Spatial coherence: places named in one article lie near each other.

    For each local candidate of each name, the distance to the nearest candidate of every
    *other* name of its window (:func:`window_start`; top candidates by prior) is turned
    into a weight (1 under 30 km, 0.6 under 100 km, 0.3 under 300 km); the bonus is
    ``COHERENCE`` times the mean weight. Joint, so two ambiguous names ("Alexandria" and
    "Douglas County") settle each other. ``evaluated``, if given, gets the number of
    candidate pairs whose distance was computed.
    """
    import numpy as np

    keys: list[str] = []
    ents: list[Entry] = []
    first: list[int] = []  # each key's first candidate in ents (a key's candidates are adjacent)
    for key in dict.fromkeys(m.key for m in mentions if m.role != "demonym"):
        local = [
            e
            for _, e in sorted(
                ((prior(e, nt), e) for e, nt in candidates.get(key, []) if e.kind in _LOCAL_KINDS),
                key=lambda x: -x[0],
            )[:_TOP_K]
        ]
        if local:
            keys.append(key)
            first.append(len(ents))
            ents.extend(local)
    nk = len(keys)
    if nk < 2:
        return {}
    bounds = np.asarray([*first, len(ents)])
    owner = np.repeat(np.arange(nk), np.diff(bounds))
    xyz = _unit_vectors(ents)
    capital = np.asarray([e.fcode in _NO_SUPPORT_FCODES for e in ents])  # support no one
    size = min(nk, 2 * COHERENCE_WINDOW + 1)
    bonus = np.zeros(len(ents))
    for a in range(0, nk, _BLOCK):
        b = min(nk, a + _BLOCK)
        lo, hi = int(window_start(a, nk)), int(window_start(b - 1, nk)) + size
        r0, r1, c0, c1 = bounds[a], bounds[b], bounds[lo], bounds[hi]
        if evaluated is not None:
            evaluated.append(int((r1 - r0) * (c1 - c0)))
        # nearest candidate of each key of the columns: (rows, keys lo..hi)
        dots = np.where(capital[None, c0:c1], -1.0, xyz[r0:r1] @ xyz[c0:c1].T)
        near = np.maximum.reduceat(dots, bounds[lo:hi] - c0, axis=1)
        row_key = owner[r0:r1, None]
        col_key = np.arange(lo, hi)[None, :]
        w0 = window_start(row_key, nk)
        inside = (col_key >= w0) & (col_key < w0 + size) & (col_key != row_key)
        weight = np.where(inside, _dot_weight(near), 0.0)  # a name does not support itself
        bonus[r0:r1] = COHERENCE * weight.sum(axis=1) / (size - 1)
    scored = [(keys[k], e, b) for k, e, b in zip(owner.tolist(), ents, bonus.tolist(), strict=True)]
    return _with_areas(scored, candidates)


def _coherence_resolved(
    mentions: list[Mention],
    candidates: dict[str, list[tuple[Entry, str]]],
    out: list[Resolution],
    evaluated: list[int] | None = None,
) -> dict[tuple[str, str], float]:
    """Spatial coherence against the article's places as resolved: each local candidate of a
    name scores by its distance to the resolved place of every *other* name of its window
    (same weights and window as :func:`_coherence`, over the resolved names), so that a
    name's wrong readings no longer vote."""
    import numpy as np

    chosen: dict[str, Entry] = {}
    for r in out:
        e = r.entry
        if e is not None and r.mention.role != "demonym" and e.kind in _LOCAL_KINDS:
            chosen.setdefault(r.mention.key, e)
    if not chosen:
        return {}
    ckeys = list(chosen)
    nc = len(ckeys)
    col = {k: j for j, k in enumerate(ckeys)}
    size = min(nc, 2 * COHERENCE_WINDOW + 1)
    ents: list[Entry] = []
    owner: list[str] = []
    first: list[int] = []
    place: list[int] = []  # each row key's place among the resolved names (its own, if one)
    before = 0  # resolved names mentioned before this key
    for key in dict.fromkeys(m.key for m in mentions if m.role != "demonym"):
        j = col.get(key)
        local = [e for e, _ in candidates.get(key, []) if e.kind in _LOCAL_KINDS]
        if local and nc - (j is not None) > 0:
            first.append(len(ents))
            place.append(before if j is None else j)
            ents.extend(local)
            owner.extend([key] * len(local))
        if j is not None:
            before += 1
    if not ents:
        return {}
    nrk = len(first)
    bounds = np.asarray([*first, len(ents)])
    counts = np.diff(bounds)
    row_self = np.repeat([col.get(owner[f], -1) for f in first], counts)
    row_w0 = np.repeat(window_start(np.asarray(place), nc), counts)
    xyz, cxyz = _unit_vectors(ents), _unit_vectors([chosen[k] for k in ckeys])
    capital = np.asarray([chosen[k].fcode in _NO_SUPPORT_FCODES for k in ckeys])
    bonus = np.zeros(len(ents))
    for a in range(0, nrk, _BLOCK):
        b = min(nrk, a + _BLOCK)
        r0, r1 = bounds[a], bounds[b]
        lo, hi = int(row_w0[r0:r1].min()), int(row_w0[r0:r1].max()) + size
        if evaluated is not None:
            evaluated.append(int((r1 - r0) * (hi - lo)))
        cols = np.arange(lo, hi)[None, :]
        w0, me = row_w0[r0:r1, None], row_self[r0:r1, None]
        inside = (cols >= w0) & (cols < w0 + size) & (cols != me)
        inside &= ~capital[None, lo:hi]
        weight = np.where(inside, _dot_weight(xyz[r0:r1] @ cxyz[lo:hi].T), 0.0)
        n_others = size - (row_self[r0:r1] >= 0)
        bonus[r0:r1] = COHERENCE * weight.sum(axis=1) / n_others
    return _with_areas(list(zip(owner, ents, bonus.tolist(), strict=True)), candidates)


def _with_areas(
    scored: list[tuple[str, Entry, float]], candidates: dict[str, list[tuple[Entry, str]]]
) -> dict[tuple[str, str], float]:
    """Coherence bonuses by (name, entry). A country named like a town ("Mexico") is as
    coherent as that name's best town in it (not abroad: "Jordan" among Minnesota towns), an
    area of no country as its best town: coherence chooses between towns, it does not push a
    country aside."""
    res: dict[tuple[str, str], float] = {}
    best: dict[str, float] = {}
    best_in: dict[tuple[str, str | None], float] = {}  # by name and country
    for k, e, b in scored:
        if b > 0:
            res[(k, e.id)] = b
            best[k] = max(best.get(k, 0.0), b)
            best_in[(k, e.country_code)] = max(best_in.get((k, e.country_code), 0.0), b)
    for k, b in best.items():
        for e, _ in candidates.get(k, []):
            if e.kind in _AREA_KINDS:
                area_b = best_in.get((k, e.country_code), 0.0) if e.country_code else b
                if area_b > 0:
                    res[(k, e.id)] = area_b
    return res


#: Kinds as coherent as their name's best town ("Mexico" the country beside Mexico City).
_AREA_KINDS: Final[frozenset[Kind]] = frozenset(
    {"country", "continent", "region", "ocean", "sea", "gulf", "bay", "strait"}
)
