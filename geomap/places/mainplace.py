"""The article's main place: the town (else state, else country) an article is about, where the
resolver puts the names the gazetteer lacks (:func:`geomap.places.resolve.resolve`)."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Final

from geomap.kinds import Kind
from geomap.models import Entry

if TYPE_CHECKING:
    from geomap.places.resolve import Resolution

__all__ = ["main_place"]

#: The kinds of the main place, in order: a town, else a county or state, else a country.
_MAIN_KINDS: Final[tuple[frozenset[Kind], ...]] = (
    frozenset({"city"}),
    frozenset({"admin2", "admin1"}),
    frozenset({"country"}),
)
#: Kinds whose places in a state support that state's town as the main place.
_IN_STATE_KINDS: Final[frozenset[Kind]] = frozenset({"city", "admin2", "admin3", "admin1"})


def main_place(out: list[Resolution]) -> Entry | None:
    """The article's main confident town, else state, else country.

    A town's support is its mentions (each counting its margin, up to 3) plus one for every
    other name of the article resolved to a place in the same state: the town the article
    is about is named often and surrounded by its state's places ("Manassas" among
    Centreville, Gainesville and "Va.", not a London suburb named once with a fair margin).
    The support is then weighed by the share of the article's places (every resolved
    mention, a country's counting twice) that lie in the candidate's country, to the power
    :data:`MAIN_COUNTRY_POWER`: a story set in Egypt that names the Liverpool football club
    often is about Cairo, not Liverpool.
    """
    country_votes: Counter[str] = Counter()
    for r in out:
        if r.entry is not None and r.entry.country_code:
            country_votes[r.entry.country_code] += 2 if r.entry.kind == "country" else 1
    all_votes = sum(country_votes.values())
    for kinds in _MAIN_KINDS:
        support: dict[str, float] = {}
        entries: dict[str, Entry] = {}
        for r in out:
            e = r.entry
            if e is not None and e.kind in kinds and r.margin > 0.5 and r.mention.role != "demonym":
                support[e.id] = support.get(e.id, 0.0) + min(r.margin, MAIN_MARGIN_CAP)
                entries[e.id] = e
        if not support:
            continue
        if "country" not in kinds:
            placed = {
                (r.mention.key, r.entry.country_code, r.entry.admin1)
                for r in out
                if r.entry is not None
                and r.entry.admin1
                and r.mention.role != "demonym"
                and r.entry.kind in _IN_STATE_KINDS
            }
            keys_of = {r.entry.id: r.mention.key for r in out if r.entry is not None}
            in_state = Counter((cc, a1) for _, cc, a1 in placed)  # names placed in each state
            for eid, e in entries.items():
                if e.admin1:  # (the names placed in its state, its own name left out)
                    others = in_state[(e.country_code, e.admin1)] - (
                        (keys_of[eid], e.country_code, e.admin1) in placed
                    )
                    support[eid] += MAIN_STATE_WEIGHT * others
        if all_votes:
            for eid, e in entries.items():
                share = country_votes[e.country_code or ""] / all_votes
                support[eid] *= share**MAIN_COUNTRY_POWER
        best = max(support, key=lambda i: (support[i], entries[i].population))
        return entries[best]
    return None


MAIN_MARGIN_CAP = 1.0
MAIN_STATE_WEIGHT = 3.0
MAIN_COUNTRY_POWER = 2.0
