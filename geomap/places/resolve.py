"""Resolve mentions to gazetteer entries: priors (:mod:`geomap.places.priors`), context and
document coherence.

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
from dataclasses import dataclass, replace
from typing import Final

from geomap.geo import haversine_km
from geomap.kinds import LOCAL_CUES, Kind
from geomap.models import Entry, Mention
from geomap.places.acronyms import expand_initialisms
from geomap.places.coherence import _coherence, _coherence_resolved
from geomap.places.mainplace import main_place
from geomap.places.namebase import name_base
from geomap.places.priors import PRECISION, by_kind, precision_of, prior
from geomap.text.lexicon import words

__all__ = ["PRECISION", "Resolution", "main_place", "precision_of", "prior", "resolve"]

#: Context credit for entries that belong to no country (half the full country bonus).
NEUTRAL_CONTEXT = 1.25
COUNTRY_CONTEXT = 2.5
#: ... and for a place within NEAR_COUNTRY_KM of the point of a country the article names
NEAR_CONTEXT = 1.5
NEAR_COUNTRY_KM = 250.0
STATE_CONTEXT = 1.5
#: Extra share of the country context for a state named like another country.
STATE_OVER_COUNTRY = 1.0
STATE_TOWN = 0.8
#: ... in full when its state holds at least 1 / STATE_SHARE of the votes for the states of
#: its country, else in proportion ("Louisville" in a story naming Ohio, Mississippi,
#: Connecticut and North Carolina is not pulled to Louisville, Ohio)
STATE_SHARE = 2.0
#: Rival readings closer than this to the best one do not reduce its margin (0: all do).
MARGIN_KM = 50.0


@dataclass(frozen=True, slots=True)
class Resolution:
    mention: Mention
    entry: Entry | None
    score: float
    margin: float  # best score minus the runner-up's


#: A mention's kind cue ("Helmand province" -> admin1) -> the kinds it favours (a dateline, as
#: the matcher marks the name that opens a story, favours a town as "city" does).
_CUE_KINDS: Final[dict[str, frozenset[Kind]]] = by_kind(
    {
        "admin1": frozenset({"admin1"}),
        "admin2": frozenset({"admin2"}),
        "city": frozenset({"city"}),
        "island": frozenset({"island", "admin1"}),
        "archipelago": frozenset({"archipelago"}),
        "region": frozenset({"region", "admin1", "admin2"}),
        "line": frozenset({"line"}),
    }
)


def resolve(
    mentions: list[Mention],
    candidates: dict[str, list[tuple[Entry, str]]],
    *,
    demonym_country: Callable[[str], Entry | None] | None = None,
    contains: Callable[[str, float, float], bool] | None = None,
    trace: dict[int, list[tuple[Entry, float, dict[str, float]]]] | None = None,
    lists: list[list[int]] | None = None,
) -> list[Resolution]:
    """Choose an entry for every mention.

    Parameters
    ----------
    mentions : the recogniser's mentions (all roles).
    candidates : key -> [(entry, name_type)] from the gazetteer.
    demonym_country : maps a demonym key to its country entry.
    contains : ``contains(container_id, lon, lat)`` for "X, Y" containment.
    trace : if given, filled with mention index -> [(entry, score, score parts)] (debugging).
    lists : coordinated mentions (index lists, see :func:`geomap.places.context.coordinated`):
        after the first pass each leans towards the kind most of the others were read as.
    """
    # pass 1: context-free best guesses, to learn the article's countries and states
    priors: dict[str, list[float]] = {}
    picks: dict[int, tuple[Entry, float]] = {}
    for idx, m in enumerate(mentions):
        if m.role == "demonym":
            continue
        cands = candidates.get(m.key, [])
        pri = _priors(m.key, cands, priors)
        scored = sorted(zip(pri, (e for e, _ in cands), strict=True), key=lambda x: -x[0])
        if scored:
            margin = scored[0][0] - (scored[1][0] if len(scored) > 1 else 0.0)
            picks[idx] = (scored[0][1], margin)
    demonym_entries: dict[int, Entry | None] = {
        idx: demonym_country(m.key) if demonym_country else None
        for idx, m in enumerate(mentions)
        if m.role == "demonym"
    }
    ctx = _context(mentions, picks, demonym_entries, FIRST_STATE_MARGIN, candidates)
    coherence = _coherence(mentions, candidates)
    joint = _joint_states(mentions, candidates)
    listed = frozenset(i for group in lists or [] for i in group)
    out = _score(
        mentions,
        candidates,
        ctx,
        coherence,
        demonym_entries,
        contains,
        None,
        priors,
        joint=joint,
        listed=listed,
    )
    kinds: dict[int, str] = {}
    seen = None
    for _ in range(ROUNDS):
        # again, against the article's places as resolved in context (confident ones count),
        # its initialisms read as the places it spells out
        out = expand_initialisms(out)
        picks = {
            idx: (r.entry, r.margin)
            for idx, r in enumerate(out)
            if r.entry is not None and mentions[idx].role != "demonym"
        }
        state = [(i, e.id, mg > STATE_MARGIN) for i, (e, mg) in picks.items()]
        if state == seen:
            break  # same readings, same context: another round would change nothing
        seen = state
        ctx = _context(mentions, picks, demonym_entries, STATE_MARGIN, candidates)
        coherence = _coherence_resolved(mentions, candidates, out)
        kinds = _list_kinds(lists or [], out)
        out = _score(
            mentions,
            candidates,
            ctx,
            coherence,
            demonym_entries,
            contains,
            None,
            priors,
            kinds,
            joint=joint,
            listed=listed,
        )
    if trace is not None:
        _score(
            mentions,
            candidates,
            ctx,
            coherence,
            demonym_entries,
            contains,
            trace,
            priors,
            kinds,
            joint=joint,
            listed=listed,
        )
    return _place_streets(expand_initialisms(out))


def _priors(key: str, cands: list[tuple[Entry, str]], memo: dict[str, list[float]]) -> list[float]:
    p = memo.get(key)
    if p is None:
        p = memo[key] = [prior(e, nt) for e, nt in cands]
    return p


#: Weight of the shared-state support of a candidate (:func:`_joint_states`) and its cap.
JOINT_STATE = 1.0
JOINT_CAP = 0.5
#: ... times this where the article names another state of the country, not its own.
JOINT_UNNAMED = 0.5
#: ... named at least this many times.
JOINT_NAMED_MIN = 2
#: ... from at least this many other names.
JOINT_MIN_NAMES = 2
#: Kinds that take part in shared-state support (as givers and as receivers).
_JOINT_KINDS: Final[frozenset[Kind]] = frozenset({"city", "admin2", "admin3", "admin1"})
#: A name with a reading of these kinds gives no shared-state support.
_JOINT_BROAD: Final[frozenset[Kind]] = frozenset({"country", "continent", "region", "ocean", "sea"})


def _joint_states(
    mentions: list[Mention], candidates: dict[str, list[tuple[Entry, str]]]
) -> dict[tuple[str, str], float]:
    """Shared-state support: the names of one local story tend to lie in one state
    ("Alexandria", "Douglas County" and "St. Cloud" all have a Minnesota reading, and no
    other state holds all three).

    Each name gives every state (country, admin1) one of its readings lies in a share
    ``1 / n`` (``n``: the number of such states, so a name found in every state says
    nothing); a name that reads as a state, a country or another broad kind gives none
    ("Oregon", "California" and "Mexico" are not three Missouri towns; a state the article
    names already supports its towns through the state context, and giving again counted it
    twice: "Louisville" in a story naming Mississippi and Columbus was Louisville,
    Mississippi). A reading's support is the sum of the shares the *other*
    names give its state, times :data:`JOINT_STATE`, up to :data:`JOINT_CAP`; a town named
    like a state gets none. Alternate names neither give nor get, unless the name is only
    ever an alternate name ("St. Cloud"; see :func:`_joint_readings`). Joint over all readings,
    not only the confident ones: two ambiguous names settle each other. One pass over the
    candidates (linear in the article's names).
    """
    shares: dict[str, dict[tuple[str, str], float]] = {}
    state_named: set[str] = set()
    for key in dict.fromkeys(m.key for m in mentions if m.role != "demonym"):
        cands = _joint_readings(candidates.get(key, []))
        if any(e.kind in _JOINT_BROAD for e, _ in cands):
            continue
        states = {
            (e.country_code, e.admin1)
            for e, _ in cands
            if e.kind == "admin1" and e.country_code and e.admin1
        }
        if states:
            state_named.add(key)
            continue
        states = {
            (e.country_code, e.admin1)
            for e, _ in cands
            if e.kind in _JOINT_KINDS and e.country_code and e.admin1
        }
        if states:
            shares[key] = dict.fromkeys(states, 1.0 / len(states))
    if len(shares) < 2:
        return {}
    total: Counter[tuple[str, str]] = Counter()
    givers: Counter[tuple[str, str]] = Counter()
    for own in shares.values():
        total.update(own)
        givers.update(own.keys())
    out: dict[tuple[str, str], float] = {}
    for key in dict.fromkeys(m.key for m in mentions if m.role != "demonym"):
        own = shares.get(key, {})
        for e, _ in _joint_readings(candidates.get(key, [])):
            if e.kind not in _JOINT_KINDS or not e.country_code or not e.admin1:
                continue
            if key in state_named and e.kind != "admin1":
                continue
            st = (e.country_code, e.admin1)
            support = total[st] - own.get(st, 0.0)
            if givers[st] - (st in own) >= JOINT_MIN_NAMES and support > 1e-9:
                out[(key, e.id)] = min(JOINT_STATE * support, JOINT_CAP)
    return out


def _joint_readings(cands: list[tuple[Entry, str]]) -> list[tuple[Entry, str]]:
    """The readings of a name that take part in shared-state support: those it is a name or
    an abbreviation of; a name known only as other places' alternate name ("St. Cloud" for
    Saint Cloud, Minnesota and Florida) by those."""
    own = [(e, nt) for e, nt in cands if nt != "alt"]
    return own if own else cands


#: Extra rounds that score again against the previous round's resolutions.
ROUNDS = 2
FIRST_STATE_MARGIN = 1.0
STATE_MARGIN = 0.5

_Context = tuple[
    Counter[str],
    Counter[tuple[str, str]],
    dict[str, tuple[Counter[str], Counter[tuple[str, str]]]],
    dict[str, tuple[float, float]],
    dict[str, Counter[tuple[str, str]]],
]


def _context(
    mentions: list[Mention],
    picks: dict[int, tuple[Entry, float]],
    demonym_entries: dict[int, Entry | None],
    state_margin: float,
    candidates: dict[str, list[tuple[Entry, str]]],
) -> _Context:
    """The article's countries and states from one reading per mention (entry, margin),
    and the states it names in full, by name."""
    countries: Counter[str] = Counter()
    states: Counter[tuple[str, str]] = Counter()
    # what each key's mentions contributed, so that a name does not vote for its own reading
    own: dict[str, tuple[Counter[str], Counter[tuple[str, str]]]] = {}
    # where the countries the article names lie (their points), for places just outside them
    points: dict[str, tuple[float, float]] = {}
    # the states the article names in full, by name ("Ohio", "Ohioans"; leave-key-out)
    named: dict[str, Counter[tuple[str, str]]] = {}
    for e in demonym_entries.values():
        if e and e.country_code and e.kind == "country":
            points[e.country_code] = (e.lat, e.lon)
    for e, _margin in picks.values():
        if e.kind == "country" and e.country_code:
            points[e.country_code] = (e.lat, e.lon)
    for e in demonym_entries.values():
        if e and e.country_code:
            countries[e.country_code] += 1
            if e.kind == "admin1" and e.admin1:  # "Ohioans"
                states[(e.country_code, e.admin1)] += 2
                named.setdefault("", Counter())[(e.country_code, e.admin1)] += 1
    for idx, (e, margin) in picks.items():
        m = mentions[idx]
        # ("X City" is "X": its votes are left out of the shorter name's context)
        mine = own.setdefault(name_base(m.key), (Counter(), Counter()))
        cw = 2 if e.kind == "country" else 1
        if e.country_code:
            countries[e.country_code] += cw
            mine[0][e.country_code] += cw
        if e.country_code and e.admin1 and (e.kind == "admin1" or margin > state_margin):
            st, sw = (e.country_code, e.admin1), 2 if e.kind == "admin1" else 1
            states[st] += sw
            mine[1][st] += sw
            if e.kind == "admin1" and any(
                c.id == e.id and nt == "name" for c, nt in candidates.get(m.key, ())
            ):  # a state spelled out, not an abbreviation ("Co." of a county read as a state)
                named.setdefault(name_base(m.key), Counter())[st] += 1
    return countries, states, own, points, named


def _near_named(
    e: Entry,
    countries: Counter[str],
    own_cc: Counter[str],
    points: dict[str, tuple[float, float]],
) -> int:
    """The votes of the named countries whose point lies within :data:`NEAR_COUNTRY_KM` of
    ``e`` (other than ``e``'s own country): "Gaza" beside "Israel"."""
    votes = 0
    for cc, (lat, lon) in points.items():
        if cc != e.country_code and haversine_km(e.lat, e.lon, lat, lon) <= NEAR_COUNTRY_KM:
            votes += countries.get(cc, 0) - own_cc.get(cc, 0)
    return votes


def _score(
    mentions: list[Mention],
    candidates: dict[str, list[tuple[Entry, str]]],
    ctx: _Context,
    coherence: dict[tuple[str, str], float],
    demonym_entries: dict[int, Entry | None],
    contains: Callable[[str, float, float], bool] | None,
    trace: dict[int, list[tuple[Entry, float, dict[str, float]]]] | None,
    priors: dict[str, list[float]],
    list_kinds: dict[int, str] | None = None,
    *,
    joint: dict[tuple[str, str], float] | None = None,
    listed: frozenset[int] = frozenset(),
) -> list[Resolution]:
    """One scoring pass over all mentions with the given context (``listed``: the mentions
    of coordinated lists)."""
    list_kinds = list_kinds or {}
    joint = joint or {}
    countries, states, own, points, named = ctx
    named_all: Counter[tuple[str, str]] = sum(named.values(), Counter())
    all_votes = sum(countries.values())
    state_votes: Counter[str] = Counter()  # the votes for the states of each country
    for (scc, _), v in states.items():
        state_votes[scc] += v
    out: list[Resolution] = []
    done: dict[tuple[str, str | None, str | None, str | None], tuple[Entry, float, float]] = {}
    for idx, m in enumerate(mentions):
        if m.role == "demonym":
            e = demonym_entries.get(idx)
            out.append(Resolution(m, e, 1.0 if e else 0.0, 1.0))
            continue
        cands = candidates.get(m.key, [])
        if not cands:
            if m.cue in _CUE_KINDS and m.role == "literal" and idx not in listed:
                # "Oakwood Township", "Orrin Island": the text says what kind of place
                # it is, the gazetteer lacks it: a local name, placed where the text is set
                m = replace(m, cue="local")
            out.append(Resolution(m, None, 0.0, 0.0))
            continue
        list_kind = list_kinds.get(idx)
        memo = (m.key, m.hint, m.cue, list_kind)  # one name in one setting scores alike
        if trace is None and memo in done:
            out.append(Resolution(m, *done[memo]))
            continue
        # leave-key-out context: the mentions of one name do not vote for its reading
        own_cc, own_st = own.get(name_base(m.key), (Counter(), Counter()))
        own_state_votes: Counter[str] = Counter()
        for (scc, _), v in own_st.items():
            own_state_votes[scc] += v
        total = all_votes - sum(own_cc.values())
        named_here = named_all - named.get(name_base(m.key), Counter())
        named_cc = {cc for (cc, _), n in named_here.items() if n >= JOINT_NAMED_MIN}
        container = _container(m, candidates)
        cue_kinds = _CUE_KINDS.get("city" if m.cue == "dateline" else m.cue or "", ())
        scored: list[tuple[float, Entry]] = []
        contained = False  # some candidate lies in the container the text names
        # the countries a name may be ("Georgia" is one, and a state of the United States)
        named_countries = {e.country_code for e, _ in cands if e.kind == "country"}
        for (e, _), p in zip(cands, _priors(m.key, cands, priors), strict=True):
            cc = e.country_code
            ctx_s = st_s = cont_s = cue_s = 0.0
            if not cc:
                ctx_s = NEUTRAL_CONTEXT  # seas, oceans: no country to agree with
            elif total > 0:
                ctx_s = COUNTRY_CONTEXT * (countries.get(cc, 0) - own_cc.get(cc, 0)) / total
                if ctx_s <= 0 and points:
                    # just outside a country the article names ("Gaza" beside "Israel")
                    near = _near_named(e, countries, own_cc, points)
                    ctx_s = NEAR_CONTEXT * near / total
                if (
                    e.kind == "admin1"
                    and named_countries
                    and cc not in named_countries
                    and ctx_s > 0
                    and all(
                        countries.get(c, 0) - own_cc.get(c, 0)
                        < countries.get(cc, 0) - own_cc.get(cc, 0)
                        for c in named_countries
                        if c
                    )
                ):
                    # "Georgia" in a story set in the United States is the state: its
                    # country's support counts twice against the other country's prior
                    ctx_s *= 1.0 + STATE_OVER_COUNTRY
                st = (cc, e.admin1 or "")
                sv = states.get(st, 0) - own_st.get(st, 0) if e.admin1 else 0
                if sv > 0 and e.kind == "admin1":
                    st_s = STATE_CONTEXT
                elif sv > 0:
                    share = sv / (state_votes[cc] - own_state_votes[cc])
                    st_s = STATE_TOWN * min(1.0, STATE_SHARE * share)
            if container is not None:
                cont_s = _container_bonus(e, container, contains)
                contained = contained or cont_s > 0
            if e.kind in cue_kinds:
                cue_s = 1.2
            coh_s = coherence.get((m.key, e.id), 0.0)
            list_s = LIST_KIND if e.kind == list_kind else 0.0
            joint_s = joint.get((m.key, e.id), 0.0)
            if (
                joint_s
                and e.kind != "admin1"
                and cc in named_cc
                and (cc, e.admin1 or "") not in named_here
            ):
                # the article names another state of the country as a state, again and
                # again, and never this one: shared-state support (a guess from town names)
                # counts for less
                joint_s *= JOINT_UNNAMED
            s = p + ctx_s + st_s + cont_s + cue_s + coh_s + list_s + joint_s
            if trace is not None:
                trace.setdefault(idx, []).append(
                    (
                        e,
                        s,
                        {
                            "prior": p,
                            "country": ctx_s,
                            "state": st_s,
                            "container": cont_s,
                            "cue": cue_s,
                            "coherence": coh_s,
                            "list": list_s,
                            "joint": joint_s,
                        },
                    )
                )
            scored.append((s, e))
        if m.cue in LOCAL_CUES and container is not None and not contained:
            # "Thruxton, Hampshire" where the only Thruxton known lies elsewhere: the
            # gazetteer lacks this one; it is placed in its container (_place_streets)
            out.append(Resolution(m, None, 0.0, 0.0))
            continue
        if (
            (m.cue is None or m.cue == "dateline" or m.cue.startswith("loc:"))
            and container is not None
            and not contained
            and idx not in listed
            and all(e.kind in _TOWN_KINDS for e, _ in cands)
            and all(e.kind in _CONTAINER_KINDS for e, _ in candidates.get(m.hint or "", []))
            and (m.hint or "") not in words("generic_name_words")  # "Deder, East Hararghe"
        ):
            # "Rockingham, Northamptonshire": the text puts a known town name in a county or
            # state (a name that is nothing else) none of its namesakes lies in: the
            # gazetteer lacks this one; it is a local name placed there
            out.append(Resolution(replace(m, cue="local"), None, 0.0, 0.0))
            continue
        scored.sort(key=lambda x: -x[0])
        best_s, best_e = scored[0]
        # the margin is over the best reading elsewhere: a town and its same-named county or
        # emirate ("Dubai") at one place are one reading, not rivals
        second = 0.0 if len(scored) == 1 else -math.inf
        for sc, c in scored[1:]:
            if not MARGIN_KM or haversine_km(c.lat, c.lon, best_e.lat, best_e.lon) > MARGIN_KM:
                second = sc
                break
        margin = best_s - second if second > -math.inf else best_s
        done[memo] = (_city_state(best_e, cands), best_s, margin)
        out.append(Resolution(m, *done[memo]))
    return out


#: Bonus for reading a listed name as the kind most of its list was read as.
LIST_KIND = 1.5
_LIST_KINDS: Final[frozenset[Kind]] = frozenset({"city", "admin1", "admin2", "country"})
#: Kinds a pair ("California or Washington") may lean to; a longer list leans to any.
_PAIR_KINDS: Final[frozenset[Kind]] = frozenset({"admin1", "country"})


def _list_kinds(lists: list[list[int]], out: list[Resolution]) -> dict[int, str]:
    """For each listed mention, the kind most of the other names of its list were read as
    with confidence (margin > 0.5), if they agree (at least two, a strict majority)."""
    kinds: dict[int, str] = {}
    for group in lists:
        # the confident votes of the group, by name: a mention's votes are the group's minus
        # those of its own name (one pass per group, not one per pair of its names)
        by_key: dict[str, Counter[str]] = {}
        for j in group:
            e = out[j].entry
            if e is not None and out[j].margin > 0.5 and e.kind in _LIST_KINDS:
                by_key.setdefault(out[j].mention.key, Counter())[e.kind] += 1
        total = sum(by_key.values(), Counter())
        for i in group:
            if out[i].mention.cue:
                continue  # "Butler, Clark or Warren counties": the cue says what they are
            votes = total - by_key.get(out[i].mention.key, Counter())
            if votes:
                kind, n = votes.most_common(1)[0]
                if n >= 2 * (sum(votes.values()) - n) and (
                    n >= 2 or (len(group) == 2 and kind in _PAIR_KINDS)
                ):
                    kinds[i] = kind  # a pair leans only to the broad kinds: "Atlanta and
                    # Florida" says nothing, "California or Washington" does
    return kinds


def _city_state(e: Entry, cands: list[tuple[Entry, str]]) -> Entry:
    """Singapore, Monaco, Hong Kong: where a country's town of the same name holds most of
    its people, the town is the more precise reading."""
    if e.kind != "country" or not e.population:
        return e
    for c, nt in cands:
        if (
            c.kind == "city"
            and nt == "name"
            and c.country_code == e.country_code
            and c.population >= 0.5 * e.population
        ):
            return c
    return e


def _place_streets(out: list[Resolution]) -> list[Resolution]:
    """A street, building or neighbourhood the gazetteer lacks ("Royal Street", "Bambino Gesu
    Hospital in Rome") lies in the town the text puts it in (its ``hint``, see
    :func:`geomap.places.context.anchor_local`), else in the article's main place: put it there
    with a low score (0.1). Its precision is that of that town (3), never finer."""
    if not any(r.entry is None and r.mention.cue in LOCAL_CUES for r in out):
        return out
    main = main_place(out)
    towns = {
        r.mention.key: r.entry
        for r in out
        if r.entry is not None
        and r.entry.kind in _ANCHOR_KINDS
        and r.mention.role != "demonym"
        and (r.margin > 0.5 or r.entry.kind != "city")  # a doubtful town is no anchor
    }
    placed = []
    for r in out:
        if r.entry is None and r.mention.cue in LOCAL_CUES:
            e = towns.get(r.mention.hint or "") or main
            if (
                e is not None
                and main is not None
                and e.kind == "admin1"
                and (main.country_code, main.admin1) == (e.country_code, e.admin1)
            ):
                e = main  # "a farm in Ohio" in a story about Dayton, Ohio: Dayton
            if e is not None:
                r = Resolution(r.mention, e, 0.1, 0.0)
        placed.append(r)
    return placed


#: Kinds a local name can be placed in by its hint.
_ANCHOR_KINDS: Final[frozenset[Kind]] = frozenset({"city", "admin3", "admin2", "admin1"})


#: Kinds of a name that is put in a container none of its readings lies in, for it to be
#: read as a local name there.
_TOWN_KINDS: Final[frozenset[Kind]] = frozenset({"city", "admin3", "admin2"})
#: Kinds a container after "X, " may be.
_CONTAINER_KINDS: Final[frozenset[Kind]] = frozenset({"country", "admin1", "admin2"})


#: Containers a name of a kind may have ("Butler, Clark or Warren counties": a county is in
#: no county, so the comma there is the list's, not "X, Y").
_CONTAINED_IN: Final = by_kind(
    {
        "admin2": frozenset({"country", "admin1"}),
        "admin1": frozenset({"country"}),
    }
)


def _container(m: Mention, candidates: dict[str, list[tuple[Entry, str]]]) -> list[Entry] | None:
    if not m.hint:
        return None
    kinds = _CONTAINED_IN.get(m.cue or "", _CONTAINER_KINDS)
    ents = [e for e, _ in candidates.get(m.hint, []) if e.kind in kinds]
    return ents or None


def _container_bonus(
    e: Entry, container: list[Entry], contains: Callable[[str, float, float], bool] | None
) -> float:
    for c in container:
        if c.kind == "country" and e.country_code == c.country_code:
            return 3.0
        if c.kind == "admin1" and e.country_code == c.country_code and e.admin1 == c.admin1:
            return 3.5
        if c.kind == "admin2" and (
            contains(c.id, e.lon, e.lat)
            if contains is not None and c.has_geometry
            else haversine_km(c.lat, c.lon, e.lat, e.lon) <= ADMIN2_RADIUS_KM
        ):
            return 3.0
    return 0.0


#: Without its polygon, a county holds what lies this close to its point.
ADMIN2_RADIUS_KM = 40.0
