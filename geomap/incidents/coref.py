"""Coreference in one article: mentions of one event become one incident.

In a sentence, two same-category triggers are one event unless their time, place or modality
differ (:func:`separate`, :func:`fold`); "a meeting on the sidelines of the summit in Bali"
takes the summit's place and time (:func:`sidelines`). Across the article (:func:`corefer`),
"the same meeting in Singapore" gives its place to the earlier conference; a second report of
the same event (same category, compatible time and place, shared people or actors) is folded
into the first, keeping every source sentence; and verbal events by the main meeting's people
with no place of their own inherit the meeting's place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from geomap.incidents.draft import Draft
from geomap.incidents.lexicon import DEFINITE, MEETING, SIDELINES, VERBAL
from geomap.models import Actor, Place

__all__ = ["corefer", "fold", "is_definite", "separate", "sidelines"]


#: patterns of the rules below, compiled once
_WORD = re.compile(r"[\w'’-]+")
_SAME = re.compile(r"\bsame\b")
_BETWEEN_WITH = re.compile(r"\s+(?:between|with)\s+([A-Z][\w-]+)")


def is_definite(sentence: str, rel: int) -> bool:
    """Does a definite determiner ("the", "this", "the same") come right before ``rel``?"""
    words = _WORD.findall(sentence[:rel].lower())[-3:]
    return any(w in DEFINITE for w in words) and not any(w in {"a", "an"} for w in words[-1:])


def separate(a: Draft, b: Draft) -> bool:
    """Two same-category triggers of one sentence are two events?"""
    if a.time.scope != b.time.scope and (a.time.known or b.time.known):
        return True
    if a.time.known and b.time.known and a.time.start != b.time.start:
        return True
    if (
        a.place is not None
        and b.place is not None
        and a.place.entry is not None
        and b.place.entry is not None
        and a.place.entry.id != b.place.entry.id
    ):
        return True
    return a.modality != b.modality


def sidelines(sentence: str, s0: int, ds: list[Draft]) -> None:
    """ "a meeting ... on the sidelines of a summit in Bali": the meeting is where and when
    the summit is."""
    for i, d in enumerate(ds):
        for e in ds[i + 1 :]:
            gap = sentence[d.trig.end - s0 : e.trig.start - s0].lower()
            if len(gap.split()) <= 24 and SIDELINES.search(gap):
                if d.place is None and e.place is not None:
                    d.place, d.place_how = e.place, "attached"
                if not d.time.known and e.time.known:
                    d.time = e.time
                break


def fold(into: Draft, d: Draft, *, keep_sources: bool = True, seen: set[Any] | None = None) -> None:
    """Fold ``d`` into ``into``: its place and time where ``into`` has none, its actors.
    ``seen``: the keys (:func:`source_key`) of ``into``'s sources, kept up to date, so that
    a source is checked against them in constant time (not against every source so far)."""
    if into.place is None and d.place is not None:
        into.place, into.place_how = d.place, d.place_how
        if into.category in MEETING | {"military_activity"} and d.domain != "land":
            into.domain = d.domain
    if not into.time.known and d.time.known:
        into.time = d.time
    for a in d.actors:
        if a not in into.actors:
            into.actors.append(a)
    into.people |= d.people
    if keep_sources:
        _add_sources(into, d, seen)


def _add_sources(into: Draft, d: Draft, seen: set[Any] | None) -> None:
    for src in d.sources:
        if seen is None:
            if src not in into.sources:
                into.sources.append(src)
            continue
        key = source_key(src)
        if key not in seen:
            seen.add(key)
            into.sources.append(src)


def source_key(src: dict[str, Any]) -> Any:
    """A hashable key equal for equal source records (their values are str, int or None)."""
    return tuple(sorted(src.items()))


def _anaphora(into: Draft, d: Draft, seen: set[Any] | None = None) -> None:
    """A definite reference adds its place (and its sentence) to the antecedent, no actors."""
    if into.place is None and d.place is not None:
        into.place, into.place_how = d.place, "anaphora"
        _add_sources(into, d, seen)


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.entry is None or b.entry is None:
        return True
    return a.entry.id == b.entry.id


def _group(cat: str) -> str:
    return "meeting" if cat in MEETING else cat


#: Antecedents looked at for each draft: the last this many open drafts of its kind of event
#: at its place (and as many without a place), so that coreference costs a bounded amount of
#: work per draft, not one comparison with every earlier draft of the article. An article
#: with fewer drafts of one kind at one place (every article of the development corpora) has
#: all of them looked at.
ANTECEDENT_WINDOW = 64


def _place_id(p: Place | None) -> str | None:
    return None if p is None or p.entry is None else p.entry.id


def corefer(drafts: list[Draft], *, looked_at: list[int] | None = None) -> list[Draft]:
    """Fold anaphoric mentions ("the same meeting") and repeated reports into one.

    The antecedents of a draft are the earlier open (unmerged) drafts of its kind at a place
    compatible with its own (the same place, or either has none) and a compatible time,
    taken from an index by kind and place (:data:`ANTECEDENT_WINDOW`). ``looked_at``, if
    given, gets the number of antecedents looked at for each draft.
    """
    lead = next((i for i, d in enumerate(drafts) if d.modality == "asserted"), None)
    # open drafts by (kind, place id): place None holds those without a place
    by_place: dict[tuple[str, str | None], list[int]] = {}
    by_group: dict[str, list[int]] = {}  # every open draft of a kind, for a draft with no place
    seen: dict[int, set[Any]] = {}  # source keys of each draft that took in another's sources
    w = ANTECEDENT_WINDOW
    for i, d in enumerate(drafts):
        if d.merged_into is not None:
            continue
        group, pid = _group(d.category), _place_id(d.place)
        if pid is None:
            pool = by_group.get(group, [])[-w:]
        else:
            pool = sorted(
                by_place.get((group, pid), [])[-w:] + by_place.get((group, None), [])[-w:]
            )
        if lead is not None and lead < i and lead not in pool:
            dl = drafts[lead]
            if _group(dl.category) == group and _same_place(dl.place, d.place):
                pool.insert(0, lead)  # the lede's event stays in reach (the lead rule below)
        if looked_at is not None:
            looked_at.append(len(pool))
        cands = [
            j
            for j in pool
            if drafts[j].merged_into is None
            and _same_place(drafts[j].place, d.place)  # a fold may have placed an open draft
            and (
                not d.time.known or not drafts[j].time.known or drafts[j].time.start == d.time.start
            )
        ]
        _corefer_one(drafts, d, cands, lead, seen)
        if d.merged_into is None:
            by_place.setdefault((group, pid), []).append(i)
            by_group.setdefault(group, []).append(i)
    _inherit_main_place(drafts)
    return drafts


def _corefer_one(
    drafts: list[Draft],
    d: Draft,
    cands: list[int],
    lead: int | None,
    seen: dict[int, set[Any]],
) -> None:
    """Fold draft ``d`` into one of its antecedents ``cands``, if one is the same event."""
    if not cands:
        return
    if d.definite and not d.time.known:
        # "the same meeting in Singapore" -> the nearest; "the meeting" -> the most
        # salient (most shared people, then the earliest)
        same = _SAME.search(d.sources[0]["sentence"][: d.trig.start - d.sent[0]][-30:])
        # named participants not in the antecedent ("the meeting between Li and
        # Milley"): another event
        after = d.sources[0]["sentence"][d.trig.end - d.sent[0] :][:60]
        named = _BETWEEN_WITH.match(after)
        if named and not any(named.group(1) in p for j in cands for p in drafts[j].people):
            return
        j = cands[-1] if same else max(cands, key=lambda x: (len(drafts[x].people & d.people), -x))
        a = drafts[j]
        if d.modality == "asserted" or a.modality == d.modality:
            _anaphora(a, d, _seen(seen, j, a))
        d.merged_into = j
        return
    if d.category != drafts[cands[-1]].category and not d.definite:
        cands = [j for j in cands if drafts[j].category == d.category]
    for j in reversed(cands):
        a = drafts[j]
        if a.modality != d.modality or a.category != d.category:
            continue
        people = bool(a.people & d.people)
        lead_rule = j == lead and not d.time.known and _actor_overlap(a.actors, d.actors)
        if people or lead_rule:
            fold(a, d, seen=_seen(seen, j, a))
            d.merged_into = j
            return


def _seen(seen: dict[int, set[Any]], j: int, a: Draft) -> set[Any]:
    """The source keys of draft ``j`` (made on its first fold)."""
    keys = seen.get(j)
    if keys is None:
        keys = seen[j] = {source_key(src) for src in a.sources}
    return keys


def _inherit_main_place(drafts: list[Draft]) -> None:
    """Verbal events by the main event's people with no place inherit its place."""
    main = next(
        (
            d
            for d in drafts
            if d.merged_into is None
            and d.place is not None
            and d.modality == "asserted"
            and d.category in MEETING
        ),
        None,
    )
    if main is not None:
        for d in drafts:
            if d.merged_into is not None or d.place is not None or d is main:
                continue
            if d.category not in VERBAL:
                continue
            time_ok = not d.time.known or d.time.start == main.time.start
            if time_ok and d.people & main.people:
                d.place, d.place_how = main.place, "inherited"


def _actor_overlap(a: Sequence[Actor], b: Sequence[Actor]) -> bool:
    ka = {(x.kind, x.country_code or x.name) for x in a if x.kind != "organisation"}
    kb = {(x.kind, x.country_code or x.name) for x in b if x.kind != "organisation"}
    if not ka or not kb:
        return not ka and not kb
    return bool(ka & kb)
