"""Names with a shape: roads, median lines, named features, hyphenated and listed names.

"Highway 19", "the center line of the Taiwan Strait", "Royal Street", "Lake Lanier",
"US-China", "anti-Russian", "Becker, Clay and Douglas counties": patterns the gazetteer
lookup alone would miss or misread.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Final

from geomap.gazetteer.base import Candidates
from geomap.kinds import LOCAL_CUES, Kind, LocalCue
from geomap.models import Mention, Role
from geomap.places.evidence import STRONG_KINDS
from geomap.places.lexicons import (
    ABBREVIATED_STREET_TYPES,
    CONNECTORS,
    FEATURE_PREFIX,
    FEATURE_SUFFIX,
    HYPHEN_PREFIXES,
    PLURAL_HEADS,
    US_STATE_CODES,
)
from geomap.places.runs import is_cap
from geomap.text.normalise import normalise
from geomap.text.tokens import Token

# -- numbered roads -------------------------------------------------------------------------
#: "Highway 19", "County Road 43", "Interstate 45", "SR-24", "KY 52", "W.Va. 61" (not "US-24")
ROAD_RE = re.compile(
    r"\b(?:(?:(?:State |U\.S\. |US )?(?:Highway|Route|Hwy\.?|Interstate|County Road|"
    r"State Road|Farm[- ]to[- ]Market Road))[- ]?\d{1,4}"
    r"|(?:SR|FM|I|"
    + "|".join(sorted(US_STATE_CODES))
    + r"|(?!U\.S\.)[A-Z][a-z]?\.\s?[A-Z][a-z]?\.)[- ]\d{1,3})[A-Z]?\b"
)

# -- median lines ---------------------------------------------------------------------------
#: "the median line", "the centre line of the Taiwan Strait": lowercase line names
LINE_RE = re.compile(
    # "the Taiwan Strait median line" | "the centre line of the Taiwan Strait" | "median line"
    r"\b(?:((?:[A-Z][\w'-]*\s+)*(?:Strait|Channel))\s+)?(?:median|centre|center|middle)"
    r"\s+line(?:\s+(?:of|in|across)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'-]*\s+)*(?:Strait|Channel|Sea|Gulf|Bay)))?",
)
_LINE_WORDS = ("median line", "centre line", "center line")
#: The line words alone: :data:`LINE_RE` is tried only around them.
_LINE_WORD = re.compile(r"(?:median|centre|center|middle)\s+line")
#: How far before and after its line words a line's name is looked for, in characters.
LINE_REACH = 300


def line_matches(text: str) -> list[re.Match[str]]:
    """The matches of :data:`LINE_RE` in ``text``, looked for within :data:`LINE_REACH`
    characters of each "median line" (``LINE_RE.finditer`` alone backtracks from every word of
    a long capitalised run towards a "Strait" that may never come: quadratic)."""
    out: list[re.Match[str]] = []
    last = 0
    for k in _LINE_WORD.finditer(text):
        if k.start() < last:
            continue
        m = LINE_RE.search(text, max(last, k.start() - LINE_REACH), k.end() + LINE_REACH)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def line_keys(m: re.Match[str]) -> list[str]:
    """The gazetteer keys a median-line match may go by, with its strait first."""
    place = m.group(1) or m.group(2)
    out = []
    if place:
        p = normalise(place)
        out += [
            f"{p} median line",
            f"{p} centre line",
            f"{p} center line",
            f"median line of {p}",
            f"centre line of {p}",
            f"center line of {p}",
        ]
    out += [normalise(w) for w in _LINE_WORDS]
    return out


def line_context_ok(text: str, pos: int, sents: list[tuple[int, int]]) -> bool:
    """A bare "median line" needs a strait named in the same sentence."""
    for a, b in sents:
        if a <= pos < b:
            return "Strait" in text[a:b]
    return False


# -- named features -------------------------------------------------------------------------
#: Every word that makes a run a named feature (first or last word).
FEATURE_WORDS: Final = frozenset(FEATURE_SUFFIX) | frozenset(FEATURE_PREFIX)
#: Feature kinds the gazetteer has no entries of: such names are local names.
_LOCAL_FEATURES: Final[frozenset[str]] = LOCAL_CUES - {"local"}


def feature_run(
    text: str,
    tokens: list[Token],
    a: int,
    j: int,
    person: set[int],
    i: int,
    cands: Candidates,
    last_person: int | None = None,
) -> tuple[Mention, int] | None:
    """ "Royal Street", "Neches River", "Lake Lanier": a named feature the gazetteer may lack,
    starting at token ``a`` of the run ``[i, j)``; returns the mention and the token index
    after it.

    The whole span is the mention; its key is the gazetteer name without the feature word
    when that exists (resolved with a kind cue), else the whole name (resolved later from
    the article's context). Streets, rivers, lakes and mountains, which the gazetteer does
    not hold, keep their whole name and are placed as local names. ``last_person``: the
    last of ``person`` (run-relative token indexes of people), if the caller knows it.
    """
    if last_person is None:
        last_person = max((k for k in person if k < j - i), default=-1)
    if last_person >= a - i:  # a person at or after token a in the run
        return None
    kind: Kind | LocalCue | None = None
    for b in range(min(j, a + 5), a + 1, -1):
        # the run's last word, or the last before a connector ("the Kish River on Sunday")
        if b < j and is_cap(tokens[b]):
            continue
        kind = FEATURE_SUFFIX.get(tokens[b - 1].text.lower().rstrip("."))
        if kind is not None:
            j = b
            break
    if kind is None:
        kind = FEATURE_PREFIX.get(tokens[a].text.lower().rstrip("."))
        if kind is not None:  # "Lake Lanier", "Mount Hood": the capitalised words after it
            b = a + 1
            while b < min(j, a + 5) and is_cap(tokens[b]):
                b += 1
            j = b
    if (
        kind is None
        or not 2 <= j - a <= 5
        or not all(is_cap(t) or t.text.lower() in CONNECTORS for t in tokens[a:j])
    ):
        return None
    last = tokens[j - 1].text.lower().rstrip(".")
    start, end = tokens[a].start, tokens[j - 1].end
    if end < len(text) and text[end] == "." and last in ABBREVIATED_STREET_TYPES:
        end += 1
    full = normalise(text[start:end])
    if full in cands:
        return None  # the gazetteer knows it: ordinary matching handles it
    if last in FEATURE_SUFFIX:
        base = normalise(text[start : tokens[j - 2].end])
    else:  # "Lake Lanier" -> "lanier"
        base = normalise(text[tokens[a + 1].start : end])
    if kind in _LOCAL_FEATURES:
        # the gazetteer holds no streets, rivers, lakes or mountains: "Kish River" is not the
        # island of Kish; the feature is placed in the article's town (a local name)
        return Mention(start, end, text[start:end], full, "literal", cue=kind), j
    key = base if base in cands else full
    return Mention(start, end, text[start:end], key, "literal", cue=kind), j


# -- hyphenated names -----------------------------------------------------------------------
#: Lower-case prefixes joined to a place name or demonym: "anti-Russian", "ex-Soviet".
PREFIXED = re.compile(
    r"\b(?:" + "|".join(map(re.escape, sorted(HYPHEN_PREFIXES))) + r")-([A-Z][\w'’]*)"
)
#: Kinds a part of a hyphenated word ("US-China") is read as without more support.
_HYPHEN_KINDS: Final[frozenset[Kind]] = frozenset({"country", "admin1", "region", "continent"})


def hyphen_parts(
    text: str, tok: Token, cands: Candidates, demonyms: dict[str, str], out: list[Mention]
) -> None:
    """ "US-China": both associative; "London-based": London, literal."""
    pos = tok.start
    parts = tok.text.split("-")
    lower_rest = any(p and p[0].islower() for p in parts)
    for part in parts:
        key = normalise(part)
        if part and part[0].isupper():
            if key in demonyms:
                out.append(Mention(pos, pos + len(part), part, key, "demonym"))
            elif key in cands and any(
                (
                    e.kind in _HYPHEN_KINDS
                    and (
                        nt != "abbr"
                        or part.isupper()
                        or text[pos + len(part) : pos + len(part) + 1] == "."
                    )
                )
                or (e.population >= 100_000 and nt == "name")
                for e, nt in cands[key]
            ):  # (an abbreviation in capitals or with its period: "US-China", "D-Pa.", not the
                # "Al" of "Al-Qaeda" nor the "Co" of "Co-sponsored")
                role: Role = "literal" if lower_rest else "associative"
                out.append(Mention(pos, pos + len(part), part, key, role))
        pos += len(part) + 1


def hyphen_head(
    text: str,
    tokens: list[Token],
    a: int,
    j: int,
    cands: Candidates,
    mentions: list[Mention],
    taken: list[tuple[int, int]],
    demonyms: dict[str, str],
) -> bool:
    """ "DPRK-South Korea": a name that starts after the hyphen of token ``a`` and goes on
    into the next tokens. Adds it (and the parts before the hyphen) and says so."""
    tok = tokens[a]
    hy = tok.text.rfind("-")
    head = tok.text[hy + 1 :]
    if not head[:1].isupper():
        return False
    start = tok.start + hy + 1
    for b in range(min(j, a + 4), a + 1, -1):
        if not is_cap(tokens[b - 1]):
            continue
        key = normalise(text[start : tokens[b - 1].end])
        if key in cands and any(e.kind in STRONG_KINDS for e, _ in cands[key]):
            end = tokens[b - 1].end
            hyphen_parts(
                text,
                Token(
                    tok.start, start - 1, text[tok.start : start - 1], tok.sent, tok.first, tok.cap
                ),
                cands,
                demonyms,
                mentions,
            )
            mentions.append(Mention(start, end, text[start:end], key, "literal"))
            taken.append((tok.start, end))
            return True
    return False


# -- listed names before a plural type word -------------------------------------------------
_PLURAL_KIND: Final = dict(PLURAL_HEADS)
#: A list of two names or more ("Becker, Clay and Douglas"), and the plural type word that
#: may follow it. Matched apart, so that a long list with no type word after it costs one pass
#: (one pattern with both backtracked from every name of the list: quadratic). The list cannot
#: go on past the type word (lower case), so the type word follows the whole list or none.
_NAME_LIST = re.compile(
    r"(?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?(?:,? (?:and|or|&) |, ))+"
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?"
)
_HEAD_AFTER = re.compile(r" (" + "|".join(re.escape(word) for word, _ in PLURAL_HEADS) + r")\b")


def _listed_before_head(text: str) -> list[tuple[int, str, str]]:
    """(start, list, plural type word) of each list followed by a plural type word."""
    out = []
    for m in _NAME_LIST.finditer(text):
        head = _HEAD_AFTER.match(text, m.end())
        if head is not None:
            out.append((m.start(), m.group(), head.group(1)))
    return out


def plural_heads(text: str, mentions: list[Mention], cands: Candidates) -> list[Mention]:
    """ "Becker, Clay and Douglas counties": each listed name is a county (a kind cue), even
    where the name alone would not pass as a place. "Bourbon and Dauphine streets": each is
    a street (key "bourbon street"), not the town of Bourbon."""
    found = _listed_before_head(text)
    if not found:
        return mentions
    by_span = {(m.start, m.end): m for m in mentions}
    covered = bytearray(len(text) + 1)  # characters inside a mention (overlap test in O(1))
    for m in mentions:
        covered[m.start : m.end] = b"\x01" * (m.end - m.start)

    def free(s: int, e: int) -> bool:
        return covered.find(1, s, e) < 0

    def put(s: int, e: int, m: Mention) -> None:
        by_span[(s, e)] = m
        covered[s:e] = b"\x01" * (e - s)

    for start, listed, head in found:
        kind = _PLURAL_KIND[head]
        for name in re.finditer(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?", listed):
            s, e = start + name.start(), start + name.end()
            key = normalise(name.group())
            old = by_span.get((s, e))
            if kind == "street":
                key = normalise(f"{name.group()} {head[:-1]}")
                if old is not None or free(s, e):
                    put(s, e, Mention(s, e, name.group(), key, "literal", cue="street"))
            elif old is not None:
                by_span[(s, e)] = replace(old, cue=kind)
            elif key in cands and any(c.kind == kind for c, _ in cands[key]) and free(s, e):
                put(s, e, Mention(s, e, name.group(), key, "literal", cue=kind))
    return sorted(by_span.values(), key=lambda m: (m.start, -m.end))
