"""Initialisms of the places an article spells out: "DRC" after "Democratic Republic of the
Congo", "PNG" after "Papua New Guinea" (or "Papua New Guineans").

A news story writes a place out in full once and then abbreviates it. The abbreviation is
often unknown to the gazetteer, or known there as something else (a state of another country
with those initials): the place the article spells out with those initials is the reading.
One pass over the article's resolutions (linear in its mentions).
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING, Final

from geomap.kinds import Kind
from geomap.models import Entry, Mention
from geomap.places.runs import TakenSpans

if TYPE_CHECKING:
    from geomap.places.resolve import Resolution

__all__ = ["expand_initialisms", "initials", "organisation_initialisms"]

#: An initialism as written: capitals, optionally joined by "&" or dots ("DRC", "U.A.E.", "X&Y").
_INITIALISM: Final = re.compile(r"[A-Z](?:&?[A-Z]|\.[A-Z])+\.?")
#: Its number of letters.
MIN_LETTERS, MAX_LETTERS = 2, 5
#: The words of a name; a word's initial counts when it is a capital ("and", "of" do not).
_WORD: Final = re.compile(r"[^\W\d_][\w'’]*")
#: Kinds a known initialism gives way to (a country or state spelled out in the article): a
#: state's abbreviation is the country of those initials in a story that names that country,
#: but stays the state in a story that names a town of those initials.
_BROAD_KINDS: Final[frozenset[Kind]] = frozenset({"country", "admin1"})


def initials(surface: str) -> str:
    """The capital initials of a name as written ("Papua New Guinea" -> "PNG")."""
    return "".join(w[0] for w in _WORD.findall(surface) if w[0].isupper())


def _letters(surface: str) -> str | None:
    """The letters of an initialism ("U.A.E." -> "UAE"), None if ``surface`` is not one."""
    if not _INITIALISM.fullmatch(surface):
        return None
    letters = "".join(c for c in surface if c.isupper())
    return letters if MIN_LETTERS <= len(letters) <= MAX_LETTERS else None


def expand_initialisms(out: list[Resolution]) -> list[Resolution]:
    """Read each initialism as the one place the article spells out with those initials.

    The spelled-out names are the article's other resolved mentions (demonyms too: "Papua
    New Guineans") of two capitalised words or more. An initialism takes that place when exactly
    one place has its initials and the initialism is unresolved, or is read as something
    narrower than a country or state while the spelled-out place is one (read as a state
    elsewhere, in a story that names the country of those initials). Its score and margin are
    the spelled-out mention's.
    """
    wanted: dict[int, str] = {}
    for i, r in enumerate(out):
        letters = _letters(r.mention.text)
        if letters is not None:
            wanted[i] = letters
    if not wanted:
        return out
    spelled: dict[str, dict[str, tuple[Entry, float, float]]] = {}
    for i, r in enumerate(out):
        if i in wanted or r.entry is None:
            continue
        ini = initials(r.mention.text)
        if len(ini) >= MIN_LETTERS:
            spelled.setdefault(ini, {}).setdefault(r.entry.id, (r.entry, r.score, r.margin))
    placed = list(out)
    for i, letters in wanted.items():
        found = spelled.get(letters, {})
        if len(found) != 1:
            continue  # none, or two places of those initials: no telling which
        ((e, score, margin),) = found.values()
        r = out[i]
        if r.entry is not None and (
            r.entry.id == e.id or e.kind not in _BROAD_KINDS or r.entry.kind == "country"
        ):
            continue
        placed[i] = replace(
            r, mention=replace(r.mention, cue=None), entry=e, score=score, margin=margin
        )
    return placed


#: an initialism in brackets right after the name it abbreviates: "the Awami League (AL)"
_BRACKETED: Final = re.compile(r"\(([A-Z](?:&?[A-Z]|\.[A-Z])+\.?)\)")
#: how many words before the bracket may spell the initialism out
_SPELLED_WORDS: Final = 8


def _spelled_out(text: str, start: int, letters: str) -> tuple[int, int] | None:
    """The span of the words right before ``start`` whose capital initials are ``letters``
    ("Awami League" before "(AL)"), or None."""
    words = list(_WORD.finditer(text, max(0, start - 120), start))[-_SPELLED_WORDS:]
    if not words or text[words[-1].end() : start].strip():
        return None  # the bracket must follow the name
    for k in range(len(words) - 1, -1, -1):
        span = text[words[k].start() : words[-1].end()]
        if not words[k].group()[0].isupper():
            continue
        found = initials(span)
        if found == letters:
            return words[k].start(), words[-1].end()
        if len(found) > len(letters):
            return None
    return None


def organisation_initialisms(text: str, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without those of an initialism the article defines as the abbreviation of
    a name that is no place ("the Zorvan People's League (ZPL)": "ZPL" is the league in that
    story, not a state of those initials). An initialism spelled out as a place ("the
    Democratic Republic of the Congo (DRC)") stays. One pass over the brackets of the text."""
    brackets = list(_BRACKETED.finditer(text))
    if not brackets:
        return mentions
    places = TakenSpans(len(text))
    for m in mentions:
        places.append((m.start, m.end))
    dropped: set[str] = set()
    for b in brackets:
        letters = _letters(b.group(1))
        if letters is None:
            continue
        span = _spelled_out(text, b.start(), letters)
        if span is not None and not places.overlaps(*span):
            dropped.add(b.group(1))
    if not dropped:
        return mentions
    return [m for m in mentions if m.text not in dropped]
