"""Resolve mentions to gazetteer entries: priors, context and document coherence.

Pure scoring over the candidates the recogniser looked up; the only outside call is the
optional ``contains`` test for "X, Y" containment.

Score of a candidate = feature-type prior + population prior + name-type prior
+ context (the article's countries and states, the "X, Y" container, cue words such as
"province" or "city of") + coherence (distance to the article's other confident places).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from .models import Entry, Mention

#: Precision scale (docs/MAPS.md): 1 exact site ... 7 sea, strait, airspace.
PRECISION = {
    "landmark": 1, "reef": 2, "city": 3, "admin3": 3, "admin2": 4, "admin1": 4,
    "island": 5, "archipelago": 5, "region": 6, "continent": 6, "country": 6,
    "sea": 7, "strait": 7, "bay": 7, "gulf": 7, "ocean": 7, "channel": 7, "sound": 7,
    "passage": 7, "line": 7, "zone": 7, "lake": 5, "river": 5,
}
_KIND_PRIOR = {
    "country": 5.0, "continent": 2.6, "ocean": 2.6, "sea": 2.4, "strait": 2.4, "gulf": 2.4,
    "bay": 2.2, "channel": 2.2, "line": 2.6, "region": 2.4, "archipelago": 2.2, "reef": 2.0,
    "admin1": 2.0, "admin2": 0.9, "island": 1.5, "zone": 2.0,
}
#: Context credit for entries that belong to no country (half the full country bonus).
NEUTRAL_CONTEXT = 1.25
COUNTRY_CONTEXT = 2.5
STATE_CONTEXT = 1.5
_NAME_PRIOR = {"name": 0.0, "alt": -0.35, "abbr": -0.1}


@dataclass(frozen=True, slots=True)
class Resolution:
    mention: Mention
    entry: Entry | None
    score: float
    margin: float  # best score minus the runner-up's


def _city_prior(e: Entry) -> float:
    p = math.log10(e.population + 10) * 0.42  # 1M -> 2.5, 10k -> 1.7, 500 -> 1.1
    code = e.fcode or ""
    if code == "PPLC":
        p += 1.4
    elif code in {"PPLA", "PPLG"}:
        p += 0.5
    elif code == "PPLA2":
        p += 0.2
    return p


def prior(e: Entry, name_type: str) -> float:
    """Context-free score of an entry for a name."""
    base = _KIND_PRIOR.get(e.kind)
    if base is None:
        base = _city_prior(e)
    elif e.kind in {"admin1", "admin2", "island"} and e.population:
        base += min(math.log10(e.population + 10) * 0.12, 0.8)
    return base + _NAME_PRIOR.get(name_type, -0.3)


def _dist_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


_CUE_KINDS = {
    "admin1": {"admin1"}, "admin2": {"admin2"}, "city": {"city"}, "island": {"island", "admin1"},
    "archipelago": {"archipelago"}, "region": {"region", "admin1", "admin2"}, "line": {"line"},
}


def resolve(
    mentions: list[Mention],
    candidates: dict[str, list[tuple[Entry, str]]],
    *,
    demonym_country: Callable[[str], Entry | None] | None = None,
    contains: Callable[[str, float, float], bool] | None = None,
) -> list[Resolution]:
    """Choose an entry for every mention.

    Parameters
    ----------
    mentions : the recogniser's mentions (all roles).
    candidates : key -> [(entry, name_type)] from the gazetteer.
    demonym_country : maps a demonym key to its country entry.
    contains : ``contains(container_id, lon, lat)`` for "X, Y" containment.
    """
    # pass 1: context-free best guesses, to learn the article's countries and states
    first: dict[int, tuple[Entry, float, float]] = {}
    for idx, m in enumerate(mentions):
        if m.role == "demonym":
            continue
        scored = sorted(
            ((prior(e, nt), e) for e, nt in candidates.get(m.key, [])),
            key=lambda x: -x[0],
        )
        if scored:
            margin = scored[0][0] - (scored[1][0] if len(scored) > 1 else 0.0)
            first[idx] = (scored[0][1], scored[0][0], margin)

    countries: Counter[str] = Counter()
    states: Counter[tuple[str, str]] = Counter()
    # what each key's mentions contributed, so that a name does not vote for its own reading
    own: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
    anchors: list[tuple[int, Entry]] = []
    demonym_entries: dict[int, Entry | None] = {}
    for idx, m in enumerate(mentions):
        if m.role == "demonym":
            e = demonym_country(m.key) if demonym_country else None
            demonym_entries[idx] = e
            if e and e.country_code:
                countries[e.country_code] += 1
                if e.kind == "admin1" and e.admin1:  # "Ohioans"
                    states[(e.country_code, e.admin1)] += 2
            continue
        if idx not in first:
            continue
        e, _, margin = first[idx]
        mine = own.setdefault(m.key, (Counter(), Counter()))
        cw = 2 if e.kind == "country" else 1
        if e.country_code:
            countries[e.country_code] += cw
            mine[0][e.country_code] += cw
        if e.country_code and e.admin1 and (e.kind == "admin1" or margin > 1.0):
            st, sw = (e.country_code, e.admin1), 2 if e.kind == "admin1" else 1
            states[st] += sw
            mine[1][st] += sw
        if margin > 1.0 and e.kind in {"city", "admin2", "admin1"}:
            anchors.append((idx, e))

    coherence = _coherence(mentions, candidates)
    out: list[Resolution] = []
    for idx, m in enumerate(mentions):
        if m.role == "demonym":
            e = demonym_entries.get(idx)
            out.append(Resolution(m, e, 1.0 if e else 0.0, 1.0))
            continue
        # leave-key-out context: the mentions of one name do not vote for its reading
        own_cc, own_st = own.get(m.key, (Counter(), Counter()))
        total = sum(countries.values()) - sum(own_cc.values())
        cands = candidates.get(m.key, [])
        if not cands:
            out.append(Resolution(m, None, 0.0, 0.0))
            continue
        container = _container(m, candidates)
        best: tuple[float, Entry] | None = None
        second = -math.inf
        for e, nt in cands:
            s = prior(e, nt)
            if not e.country_code:
                s += NEUTRAL_CONTEXT  # seas, oceans, regions: no country to agree with
            elif total > 0:
                n_cc = countries.get(e.country_code, 0) - own_cc.get(e.country_code, 0)
                s += COUNTRY_CONTEXT * n_cc / total
                st = (e.country_code, e.admin1 or "")
                if e.admin1 and states.get(st, 0) - own_st.get(st, 0) > 0:
                    s += STATE_CONTEXT if e.kind == "admin1" else 0.8
            if container is not None:
                s += _container_bonus(e, container, contains)
            if m.cue and not m.cue.startswith("loc:"):
                kinds = _CUE_KINDS.get(m.cue, set())
                if e.kind in kinds:
                    s += 1.2
            s += coherence.get((m.key, e.id), 0.0)
            if best is None or s > best[0]:
                if best is not None:
                    second = max(second, best[0])
                best = (s, e)
            else:
                second = max(second, s)
        assert best is not None
        margin = best[0] - (second if second > -math.inf else 0.0)
        out.append(Resolution(m, _city_state(best[1], cands), best[0], margin))
    return _place_streets(out)


#: Mention cues whose unknown names are placed in the article's main place.
LOCAL_CUES = {"street", "local"}


def _city_state(e: Entry, cands: list[tuple[Entry, str]]) -> Entry:
    """Singapore, Monaco, Hong Kong: where a country's town of the same name holds most of
    its people, the town is the more precise reading."""
    if e.kind != "country" or not e.population:
        return e
    for c, nt in cands:
        if (c.kind == "city" and nt == "name" and c.country_code == e.country_code
                and c.population >= 0.5 * e.population):
            return c
    return e


def _place_streets(out: list[Resolution]) -> list[Resolution]:
    """A street, square or neighbourhood the gazetteer lacks ("Royal Street") most likely
    lies in the article's main place: put it there with a low score (0.1). Its precision
    is that of the main place (a town: 3), never finer."""
    if not any(r.entry is None and r.mention.cue in LOCAL_CUES for r in out):
        return out
    main = main_place(out)
    if main is None:
        return out
    return [
        Resolution(r.mention, main, 0.1, 0.0)
        if r.entry is None and r.mention.cue in LOCAL_CUES else r
        for r in out
    ]


def main_place(out: list[Resolution]) -> Entry | None:
    """The article's most-mentioned confident town, else state, else country."""
    for kinds in ({"city"}, {"admin2", "admin1"}, {"country"}):
        counts = Counter(
            r.entry.id for r in out
            if r.entry is not None and r.entry.kind in kinds and r.margin > 0.5
            and r.mention.role != "demonym"
        )
        if counts:
            best = counts.most_common(1)[0][0]
            return next(r.entry for r in out if r.entry is not None and r.entry.id == best)
    return None


#: Kinds whose candidates take part in spatial coherence (places with a meaningful point).
_LOCAL_KINDS = {"city", "admin2", "admin3", "island"}
COHERENCE = 2.0
_TOP_K = 8


def _coherence(
    mentions: list[Mention], candidates: dict[str, list[tuple[Entry, str]]]
) -> dict[tuple[str, str], float]:
    """Spatial coherence: places named in one article lie near each other.

    For each local candidate of each name, the distance to the nearest candidate of every
    *other* name (top candidates by prior) is turned into a weight (1 under 30 km, 0.6
    under 100 km, 0.3 under 300 km); the bonus is ``COHERENCE`` times the mean weight.
    Joint, so two ambiguous names ("Alexandria" and "Douglas County") settle each other.
    """
    import numpy as np

    keys: list[str] = []
    ents: list[Entry] = []
    owner: list[int] = []
    for key in dict.fromkeys(m.key for m in mentions if m.role != "demonym"):
        local = [
            e for _, e in sorted(
                ((prior(e, nt), e) for e, nt in candidates.get(key, [])
                 if e.kind in _LOCAL_KINDS),
                key=lambda x: -x[0],
            )[:_TOP_K]
        ]
        if local:
            keys.append(key)
            ents.extend(local)
            owner.extend([len(keys) - 1] * len(local))
    if len(keys) < 2:
        return {}
    lat = np.radians([e.lat for e in ents])
    lon = np.radians([e.lon for e in ents])
    dlat = lat[:, None] - lat[None, :]
    dlon = lon[:, None] - lon[None, :]
    h = np.sin(dlat / 2) ** 2 + np.cos(lat)[:, None] * np.cos(lat)[None, :] * np.sin(dlon / 2) ** 2
    dist = 2 * 6371.0088 * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
    own = np.asarray(owner)
    nk = len(keys)
    # nearest candidate of each key: (n_candidates, n_keys)
    nearest = np.full((len(ents), nk), np.inf)
    for k in range(nk):
        nearest[:, k] = dist[:, own == k].min(axis=1)
    weight = np.where(nearest < 30, 1.0, np.where(nearest < 100, 0.6,
                      np.where(nearest < 300, 0.3, 0.0)))
    weight[np.arange(len(ents)), own] = 0.0  # a name does not support itself
    bonus = COHERENCE * weight.sum(axis=1) / (nk - 1)
    out = {(keys[own[i]], e.id): float(bonus[i]) for i, e in enumerate(ents) if bonus[i] > 0}
    # a country or region named like a town ("Mexico") is as coherent as its best town:
    # coherence chooses between towns, it does not push a country aside
    best = dict.fromkeys(keys, 0.0)
    for (key, _), b in out.items():
        best[key] = max(best[key], b)
    for key, b in best.items():
        for e, _ in candidates.get(key, []):
            if b > 0 and e.kind in _AREA_KINDS:
                out[(key, e.id)] = b
    return out


_AREA_KINDS = {"country", "continent", "region", "ocean", "sea", "gulf", "bay", "strait"}


def _container(m: Mention, candidates: dict[str, list[tuple[Entry, str]]]) -> list[Entry] | None:
    if not m.hint:
        return None
    ents = [e for e, _ in candidates.get(m.hint, []) if e.kind in {"country", "admin1", "admin2"}]
    return ents or None


def _container_bonus(
    e: Entry, container: list[Entry], contains: Callable[[str, float, float], bool] | None
) -> float:
    for c in container:
        if c.kind == "country" and e.country_code == c.country_code:
            return 3.0
        if c.kind == "admin1" and e.country_code == c.country_code and e.admin1 == c.admin1:
            return 3.5
        if (
            c.kind == "admin2"
            and contains is not None
            and contains(c.id, e.lon, e.lat)
        ):
            return 3.0
    return 0.0


def precision_of(e: Entry | None) -> int:
    """The 1-7 precision of an entry's kind (7 when unknown)."""
    if e is None:
        return 7
    return PRECISION.get(e.kind, 3)
