"""When an event happened: which of a sentence's time expressions belongs to which trigger.

The expressions themselves come from :mod:`geomap.text.timex` (against the publication date:
"on Saturday", "last month", "two days earlier" relative to the last absolutely dated event,
"in November" in a future sentence -> next November). Here: a clause-scoped expression ("On
Monday, ...") dates the triggers after it up to the next one; a sentence-scoped one belongs to
the last trigger before it in its clause, else the nearest; a date right after a reporting
verb ("said on Saturday") dates the report, not the event.
"""

from __future__ import annotations

import re

from geomap.incidents.lexicon import REPORTED_AT
from geomap.text.timex import TimeRef

__all__ = ["segments", "time_for"]


#: patterns of the rules below, compiled once
_SEMICOLON = re.compile(r";")
_COMMA = re.compile(r"[,;]")


def segments(sentence: str, rels: list[int], refs: list[TimeRef]) -> list[tuple[int, int]]:
    """Sentence-relative [a, b) region of each trigger, cut at clause-scoped time phrases."""
    cuts = sorted(
        {r.offset for r in refs if r.scope == "following"}
        | {m.start() for m in _SEMICOLON.finditer(sentence)}
    )
    out = []
    for rel in rels:
        a = max([c for c in cuts if c <= rel], default=0)
        b = min([c for c in cuts if c > rel], default=len(sentence))
        out.append((a, b))
    return out


def time_for(refs: list[TimeRef], rel: int, rels: list[int], sentence: str = "") -> TimeRef:
    """The time expression of a trigger at ``rel``: a clause-scoped one before it, or a
    sentence-scoped one that belongs to it (see :func:`_owner`)."""
    # "the ministry said on Saturday that planes crossed ... on Friday": the time right after
    # a reporting verb dates the report, not the event
    refs = [r for r in refs if not REPORTED_AT.search(sentence[max(0, r.offset - 30) : r.offset])]
    following = [r for r in refs if r.scope == "following" and r.offset < rel]
    if following:
        return following[-1]
    mine = [r for r in refs if r.scope == "sentence" and _owner(r.offset, rels, sentence) == rel]
    if not mine:
        return TimeRef(None, None, "unknown")
    return min(mine, key=lambda r: abs(r.offset - rel))


def _owner(offset: int, rels: list[int], sentence: str) -> int:
    """The trigger a time phrase at ``offset`` belongs to: the last trigger before it in the
    same clause ("protested in Nairobi on Tuesday, demanding ..."), else the nearest."""
    before = [r for r in rels if r < offset and not _COMMA.search(sentence[r:offset])]
    if before:
        return before[-1]
    return min(rels, key=lambda x: abs(x - offset))
