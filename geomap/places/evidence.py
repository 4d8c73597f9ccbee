"""Is this capitalised name a place here? The evidence for and against one match.

Common English words ("Just", "Rich", "Mobile") and people's names ("Nelson") that happen to
be place names need support: a locative word, a big or strong place, a container; metonymy
("Washington said") makes a place an actor; an unknown name after "in" is a local place.
"""

from __future__ import annotations

from typing import Final

from geomap.gazetteer.base import Candidates
from geomap.kinds import Kind
from geomap.models import Entry, Mention
from geomap.places.lexicons import (
    ASSOCIATIVE_VERBS,
    CALENDAR,
    DIRECTION_ADJ,
    FEATURE_SUFFIX,
    FUNCTION_WORDS,
    ORG_WORDS,
    PLACE_PART_NOUNS,
    PLACING,
    STRONG_LOCATIVE,
    TITLE_ABBREV,
    TITLE_WORDS,
    census,
    given_names,
)
from geomap.places.runs import TakenSpans, is_cap
from geomap.text.normalise import normalise
from geomap.text.tokens import Token

#: Kinds whose names are places whatever the context: countries, states, seas, regions...
STRONG_KINDS: Final[frozenset[Kind]] = frozenset(
    {
        "country",
        "admin1",
        "continent",
        "ocean",
        "sea",
        "strait",
        "gulf",
        "bay",
        "region",
        "line",
        "archipelago",
        "reef",
        "channel",
        "cape",
    }
)
#: Kinds an all-caps short form ("US", "UK", "DC") may abbreviate.
_ABBREVIATED_KINDS: Final[frozenset[Kind]] = frozenset({"country", "admin1", "region", "city"})
#: Kinds that keep a very common word mid-sentence a place ("Chad", "Turkey").
_BROAD_KINDS: Final[frozenset[Kind]] = frozenset({"ocean", "continent", "country", "sea"})
#: Kinds of a container after "X, " that make an unknown X a local place.
_CONTAINER_KINDS: Final[frozenset[Kind]] = frozenset({"admin1", "admin2"})

#: Population under which a lone one-word town name needs support (a locative word, a
#: container, or another confirmed mention of the same name).
SMALL_PLACE = 3_000


def plausible(
    tok: Token,
    span: str,
    key: str,
    n_tokens: int,
    entries: list[tuple[Entry, str]],
    common: dict[str, float],
    headlines: set[int],
    locative: bool = False,
    tok_prev: str = "",
) -> bool:
    """Reject capitalised common words and all-caps noise that happen to be place names."""
    if span.isupper() and len(span.replace(".", "")) <= 4:
        # "US", "UK", "EU", "DC": only as a recorded abbreviation of a country, state or region
        return any(
            (nt == "abbr" and e.kind in _ABBREVIATED_KINDS)
            or (e.kind == "country" and nt == "name")
            for e, nt in entries
        )
    if n_tokens > 1:
        words = span.split()
        if (
            words[-1].lower().rstrip(".") not in FEATURE_SUFFIX  # "Royal Street" is a street
            and all(common.get(w.lower(), 0.0) >= 3.5 for w in words)
            and not any(e.kind in STRONG_KINDS for e, _ in entries)
            and max((e.population for e, _ in entries), default=0) < 50_000
            and not locative
        ):
            return False  # "White House", "Clear Lake": common words naming a small place
        return True
    bare = span.replace(".", "")
    if bare in TITLE_ABBREV:
        return False
    if all(nt == "abbr" for _, nt in entries) and not bare.isupper() and "." not in span:
        return False  # "On" is not Ontario's "ON"
    if "." in span:
        return True
    if bare in CALENDAR or span in DIRECTION_ADJ:
        return False
    if len(span) <= 2 and not bare.isupper():
        return False  # "Li", "Xi": two letters are rarely a place name as written
    if (
        all(nt == "alt" for _, nt in entries)
        and not any(e.kind in STRONG_KINDS for e, _ in entries)
        and max((e.population for e, _ in entries), default=0) < 500_000
        and not (locative and tok_prev in STRONG_LOCATIVE)
    ):
        return False  # a town's alternate spelling is weak evidence ("Hamas" is not Hamm)
    strong = any(e.kind in STRONG_KINDS and nt != "alt" for e, nt in entries)
    strong_any = any(e.kind in STRONG_KINDS for e, _ in entries)
    big = max((e.population for e, nt in entries if nt == "name"), default=0)
    z = common.get(span.lower(), 0.0)
    if (
        census(span) in given_names()
        and not locative
        and big < 150_000
        and not any(
            e.kind in STRONG_KINDS and (e.kind == "country" or e.population >= 100_000)
            for e, _ in entries
        )
    ):
        return False  # "Nelson", "Flores": a person's name more often than a town
    if z == 0.0:
        # a hamlet's name with no support around it ("McGregor", "Kock") is more often a
        # surname or a brand; kept if the article confirms it elsewhere (see `deferred`)
        return strong_any or locative or big >= SMALL_PLACE
    if tok.first or tok.sent in headlines:
        # sentence-initial common word: needs a country/sea/... or a big city; in a title-case
        # line a strong locative still counts ("Reporting by X in Boston")
        return (
            strong
            or (big >= 1_000_000 and z < 5.0)
            or (locative and tok_prev in STRONG_LOCATIVE and big >= 100_000 and not tok.first)
        )
    # mid-sentence capitalised common word ("Rich", "Bath", "Mobile", "More")
    if z >= 4.5:
        town = max(
            (e.population for e, nt in entries if nt == "name" and e.kind == "city"), default=0
        )
        return (
            town >= 500_000
            or (locative and (big >= 100_000 or strong))
            or any(e.kind in _BROAD_KINDS for e, nt in entries)
        )
    return strong_any or big >= 100_000 or locative


def associative(tokens: list[Token], a: int, b: int, entries: list[tuple[Entry, str]]) -> bool:
    """Metonymy: "Washington said", "Beijing's support": a country or capital as actor."""
    if not any(e.kind == "country" or (e.fcode or "") == "PPLC" for e, _ in entries[:3]):
        return False
    nxt = tokens[b].text.lower() if b < len(tokens) else ""
    if nxt in ASSOCIATIVE_VERBS:
        return True
    return (
        nxt in {"'s", "’s"}
        and b + 1 < len(tokens)
        and tokens[b + 1].text[0].islower()
        and tokens[b + 1].text.lower() not in PLACE_PART_NOUNS
    )


def shouting(tokens: list[Token], a: int, b: int) -> bool:
    """Whether the words right before and after tokens [a, b) are written in capitals too."""

    def caps(k: int) -> bool:
        t = tokens[k].text
        return len(t) >= 2 and t.isalpha() and t.isupper()

    before = a > 0 and caps(a - 1)
    after = b < len(tokens) and caps(b)
    return before or after


def container_key(text: str, tokens: list[Token], k: int, cands: Candidates) -> str | None:
    """Key of the place after "X, " (longest match up to three tokens)."""
    for n in (3, 2, 1):
        if k + n <= len(tokens):
            key = normalise(text[tokens[k].start : tokens[k + n - 1].end])
            if key in cands:
                return key
    return None


def unknown_after_locative(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    first_names: frozenset[str],
    common: dict[str, float],
    taken: TakenSpans,
    cands: Candidates,
) -> Mention | None:
    """ "in Zamalek", "near Khayelitsha", "Thruxton, Hampshire": a capitalised name the
    gazetteer lacks, right after a locative preposition or right before ", <state or
    county>", is most likely a place (a district, a village). It is resolved later to its
    container, else the article's main place, at that place's precision, with a low score."""
    container = None
    if j + 1 < len(tokens) and tokens[j].text == "," and is_cap(tokens[j + 1]):
        container = container_key(text, tokens, j + 1, cands)
        if container is not None and not any(
            e.kind in _CONTAINER_KINDS and nt != "alt" for e, nt in cands[container]
        ):
            container = None
    if container is None and (i == 0 or tokens[i - 1].text not in PLACING):
        return None
    run = tokens[i:j]
    if not 1 <= len(run) <= 3 or taken.covers(run[0].start):
        return None
    words = [t.text for t in run]
    if not all(w[0].isupper() and w.isalpha() and not w.isupper() for w in words):
        return None
    low = [w.lower() for w in words]
    if (
        any(w in CALENDAR or census(w) in first_names for w in words)
        or any(w in FUNCTION_WORDS or w in TITLE_WORDS or w in ORG_WORDS for w in low)
        or any(common.get(w, 0.0) >= 3.0 for w in low)
    ):
        return None
    nxt = tokens[j].text if j < len(tokens) else ""
    if nxt[:1].isupper() or nxt in {"'s", "’s"}:
        return None
    start, end = run[0].start, run[-1].end
    return Mention(
        start,
        end,
        text[start:end],
        normalise(text[start:end]),
        "literal",
        hint=container,
        cue="local",
    )
