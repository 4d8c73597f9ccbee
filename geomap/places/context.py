"""Where names stand to each other: local names placed by the next name, coordinated lists.

"Bambino Gesu Hospital in Rome" (a local name lies in the place named after it), "Los
Angeles, Miami, New York and Detroit" (the names of a list are of one kind), and the states an
article names (a hamlet is supported by its state being in the story).
"""

from __future__ import annotations

import re
from dataclasses import replace

from geomap.gazetteer.base import Candidates
from geomap.kinds import LOCAL_CUES
from geomap.models import Mention
from geomap.places.lexicons import PLACING
from geomap.text.normalise import normalise

#: A local name followed by ", X", "in X", "at X" or "near X" (X another mention) lies in X
#: (placing_prepositions.txt).
_PLACING = r"(?:\s*,\s*|\s+(?:" + "|".join(sorted(PLACING)) + r")\s+(?:the\s+)?)"
_ANCHOR_GAP = re.compile(_PLACING + r"\Z")
_PLACED_AFTER = re.compile(_PLACING + r"[A-Z]")


def placed_after(text: str, end: int) -> bool:
    """Whether ", X", " in X", " at the X" ... follows offset ``end``: the text then says
    where the name ending there lies (see :func:`anchor_local`)."""
    return _PLACED_AFTER.match(text, end) is not None


#: What joins the names of a list: "A, B and C", "A or B", "A & B".
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_AND_OR = re.compile(r"\s+(?:and|or|&)\s+")


def coordinated(text: str, mentions: list[Mention]) -> list[list[int]]:
    """Lists of coordinated place names ("Los Angeles, Miami, New York and Detroit";
    "states such as California or Washington"), as index lists into ``mentions`` (which need
    not be sorted). A list has three names or more, or two joined by "and"/"or". The names of
    a list are usually of one kind: the resolver leans each towards the kind of the others."""
    order = sorted(
        (i for i, m in enumerate(mentions) if m.role != "demonym"),
        key=lambda i: (mentions[i].start, -mentions[i].end),
    )
    groups: list[list[int]] = []
    run: list[int] = []
    joined_by_and = False
    container = False

    def close() -> None:
        if len(run) >= 3 or (len(run) == 2 and joined_by_and and not container):
            groups.append(list(run))

    for i in order:
        m = mentions[i]
        if run:
            prev = mentions[run[-1]]
            if m.start >= prev.end and _LIST_GAP.fullmatch(text, prev.end, m.start):
                joined_by_and = joined_by_and or bool(_AND_OR.fullmatch(text, prev.end, m.start))
                container = container or prev.hint == m.key
                run.append(i)
                continue
            if m.start < prev.end:
                continue  # a name inside the previous one
            close()
        run, joined_by_and, container = [i], False, False
    close()
    return groups


def anchor_local(text: str, mentions: list[Mention]) -> list[Mention]:
    """Give each local name the gazetteer lacks ("Bambino Gesu Hospital in Rome", "Federal
    University of Technology, Owerri") the key of the mention right after it as ``hint``:
    the resolver places the local name there rather than in the article's main place. The
    mention after it must be a place's own name, not a longer name read by a place inside it
    ("Seasons restaurant in Washington Township", a township the gazetteer lacks, is not in
    Washington, D.C.)."""
    starts = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.cue in LOCAL_CUES and m.hint is None:
            for gap in range(1, 16):
                nxt = starts.get(m.end + gap)
                if (
                    nxt is not None
                    and nxt.cue not in LOCAL_CUES
                    and nxt.role != "demonym"
                    and normalise(nxt.text) == nxt.key  # a place's name, not a name holding it
                ):
                    if _ANCHOR_GAP.match(text, m.end, m.end + gap):
                        m = replace(m, hint=nxt.key)
                    break
        out.append(m)
    return out


def article_states(mentions: list[Mention], cands: Candidates) -> set[tuple[str | None, str]]:
    """(country, admin1) of the states named in the article and of its unambiguous towns."""
    states: set[tuple[str | None, str]] = set()
    for m in mentions:
        entries = cands.get(m.key, [])
        admin1 = [e for e, nt in entries if e.kind == "admin1" and nt != "alt" and e.admin1]
        if admin1:
            states.add((admin1[0].country_code, admin1[0].admin1 or ""))
        elif len(entries) == 1 and entries[0][0].admin1:
            e = entries[0][0]
            states.add((e.country_code, e.admin1 or ""))
    return states
