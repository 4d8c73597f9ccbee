"""Runs of capitalised tokens: the stretches of text where the recogniser looks for names.

A run is a range ``[i, j)`` of tokens, capitalised words with connectors ("of", "de", "al")
and the period of "St." inside. Two runs joined by "and" can make one name ("Bosnia and
Herzegovina"); title-case lines (headlines) are told apart, since capitals say nothing there.
"""

from __future__ import annotations

from itertools import pairwise

from geomap.places.lexicons import (
    ABBREVIATED_PREFIXES,
    CONNECTORS,
    ELIDED_PARTICLES,
    HYPHENED_PARTICLES,
)
from geomap.text.normalise import normalise
from geomap.text.tokens import Token

#: Longest name looked up, in tokens.
MAX_NGRAM = 7

#: Words that join the two parts of one name: "Bosnia and Herzegovina", "Trinidad & Tobago",
#: and the possessive of "People's Republic".
_JOINERS = frozenset({"and", "&", "'s", "’s"})


def is_cap(tok: Token) -> bool:
    return tok.cap


def particle_caps(tokens: list[Token]) -> list[Token]:
    """``tokens`` with a lower-case particle joined to a capitalised word counted as
    capitalised: "el-Mandeb" in "Bab el-Mandeb", "al-Khaimah" in "Ras al-Khaimah" (Arabic
    articles before a hyphen) and "d'Ivoire" in "Côte d'Ivoire" (elided particles before an
    apostrophe). The word is part of the name, so the run goes on through it and the
    longest-match lookup sees the whole name; where the gazetteer lacks the whole name, the
    shorter names inside the run are looked up as before."""
    out = tokens
    for k, t in enumerate(tokens):
        if t.cap or len(t.text) < 3:
            continue
        w = t.text
        for sep, particles in (("-", HYPHENED_PARTICLES), ("'", ELIDED_PARTICLES)):
            at = w.find(sep) if sep == "-" else max(w.find("'"), w.find("’"))
            if 0 < at < len(w) - 1 and w[at + 1].isupper() and w[:at] in particles:
                if out is tokens:
                    out = list(tokens)
                out[k] = t._replace(cap=True)
                break
    return out


def capitalised_runs(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs, connectors allowed inside."""
    runs: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not is_cap(tokens[i]) or not tokens[i].text[0].isalpha():
            i += 1
            continue
        j = i + 1
        while j < n:
            t = tokens[j]
            gap = text[tokens[j - 1].end : t.start]
            if "\n" in gap or len(gap) > 1 or t.sent != tokens[i].sent:
                break
            if is_cap(t) and t.text[0].isalpha():
                j += 1
                continue
            prev_t = tokens[j - 1].text
            if t.text == "." and (
                prev_t.lower() in ABBREVIATED_PREFIXES or (len(prev_t) == 1 and prev_t.isupper())
            ):
                # "St. Louis", "W. Va.": the period belongs to the name
                j += 1
                continue
            if t.text.lower() in CONNECTORS and j + 1 < n and is_cap(tokens[j + 1]):
                j += 1
                continue
            if t.text.lower() == "the" or (
                t.text.lower() in CONNECTORS and j + 1 < n and tokens[j + 1].text.lower() == "the"
            ):
                j += 1
                continue
            break
        # trim trailing connectors
        while j > i + 1 and not is_cap(tokens[j - 1]):
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def headlines(tokens: list[Token]) -> set[int]:
    """Sentences written in Title Case (headlines): capitals there say nothing."""
    n: dict[int, int] = {}
    caps: dict[int, int] = {}
    for t in tokens:
        w = t.text
        if len(w) > 3 and w[0].isalpha():
            n[t.sent] = n.get(t.sent, 0) + 1
            if t.cap:
                caps[t.sent] = caps.get(t.sent, 0) + 1
    return {s for s, k in n.items() if k >= 3 and caps.get(s, 0) >= 0.8 * k}


def joined_names(
    text: str, tokens: list[Token], runs: list[tuple[int, int]]
) -> list[tuple[str, tuple[int, int]]]:
    """Keys of names made of two capitalised runs joined by "and" ("Bosnia and Herzegovina",
    "Turks and Caicos Islands"), with the run span they would make; and of names with a
    comma ("Washington, D.C."), with span (-1, -1): those are matched in
    :func:`geomap.places.matching.match_run`."""
    out = []
    for (i1, j1), (i2, j2) in pairwise(runs):
        if i2 == j1 + 1 and tokens[j1].text == ",":
            # "Washington, D.C.": a name with a comma, matched whole in match_run
            for b in range(i2 + 1, min(j2, i2 + 3) + 1):
                out.append((normalise(text[tokens[i1].start : tokens[b - 1].end]), (-1, -1)))
            continue
        if i2 != j1 + 1 or tokens[j1].text.lower() not in _JOINERS:
            continue
        for a in range(max(i1, j1 - 3), j1):
            for b in range(i2 + 1, min(j2, i2 + 3) + 1):
                out.append((normalise(text[tokens[a].start : tokens[b - 1].end]), (i1, j2)))
    return out


def merge_joined(
    runs: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Runs with each joined name's two runs made one (the n-gram matching then finds it)."""
    if not spans:
        return runs
    starts = {i: j for i, j in spans}
    out: list[tuple[int, int]] = []
    for i, j in runs:
        if out and out[-1][1] > i:
            continue  # the second half of a merged pair
        out.append((i, starts.get(i, j)))
    return out


class TakenSpans(list[tuple[int, int]]):
    """Character spans already taken by mentions, with an O(1) "is this offset taken"."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.mask = bytearray(n + 1)

    def append(self, span: tuple[int, int]) -> None:
        super().append(span)
        s, e = span
        self.mask[s:e] = b"\x01" * (e - s)

    def covers(self, pos: int) -> bool:
        return self.mask[pos] == 1

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some taken span overlaps [start, end) (in the time of its length, not of
        the number of spans taken)."""
        return self.mask.find(1, start, end) >= 0
