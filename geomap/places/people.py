"""People among capitalised names: titles, given names, surnames, speakers.

"US Secretary of Defense Lloyd Austin", "Daniel Russel said", '..., said Noma.': the tokens
that name a person are kept off the map, and the person's name stays off it for the rest of
the article ("Austin said" later is the person, not the city).
"""

from __future__ import annotations

from typing import Final

from geomap.gazetteer.base import Candidates
from geomap.kinds import Kind
from geomap.models import Mention
from geomap.places.evidence import STRONG_KINDS
from geomap.places.lexicons import (
    ASSOCIATIVE_VERBS,
    FUNCTION_WORDS,
    LEADER_NOUNS,
    NAME_PARTICLES,
    NOT_A_SURNAME,
    PERSON_CONTEXT,
    PERSON_VERBS,
    PLACE_PREFIX,
    SPEECH_VERBS,
    STRONG_LOCATIVE,
    TITLE_CONT,
    TITLE_WORDS,
    census,
    surnames,
    word_frequency,
)
from geomap.places.runs import is_cap
from geomap.text.normalise import normalise
from geomap.text.tokens import Token

#: Kinds too strongly places for their names to be read as part of a person's name.
_PLACE_KINDS: Final[frozenset[Kind]] = frozenset(
    {"country", "admin1", "continent", "ocean", "sea", "region"}
)


def strong_place(key: str, cands: Candidates, demonyms: dict[str, str]) -> bool:
    """A name too strongly a place to be read as part of a person's name."""
    if key in demonyms:
        return True
    return any(
        e.kind in _PLACE_KINDS or e.population >= 1_000_000
        for e, nt in cands.get(key, [])
        if nt == "name" or (nt == "abbr" and e.kind == "country")  # "U.S. Fish" is no one
    )


def people_of_run(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    low: list[str],
    full_key: str,
    full_match: bool,
    first_names: frozenset[str],
    cands: Candidates,
    demonyms: dict[str, str],
) -> set[int]:
    """Run-relative indices of the tokens of run ``[i, j)`` that name a person: by title or
    name shape (:func:`people_in_run`), or as a speaker ("Daniel Russel said", '..., said
    Noma.'). ``low``: the run's words in lower case, without a final period."""
    run = tokens[i:j]
    person = people_in_run(
        run, [t.text for t in run], low, full_match, first_names, cands, text, demonyms
    )
    if not person and j < len(tokens) and tokens[j].text.lower() in PERSON_VERBS:
        # "Daniel Russel said": a two/three-word name that is not a place
        if 2 <= len(run) <= 3 and not full_match and all(is_cap(t) for t in run):
            person = set(range(len(run)))
    if (
        not person
        and i > 1
        and (tokens[i - 2].text.lower(), tokens[i - 1].text.lower()) in PERSON_CONTEXT
        and 2 <= len(run) <= 3
        and not full_match
        and all(is_cap(t) for t in run)
        and not strong_place(full_key, cands, demonyms)
        and not any(_country_or_demonym(normalise(t.text), cands, demonyms) for t in run)
    ):
        # "a militia led by Hassan Nasrallah": two or three names after a person's context
        person = set(range(len(run)))
    if (
        not person
        and i > 0
        and tokens[i - 1].text.lower() in SPEECH_VERBS
        and (j == len(tokens) or tokens[j].text in {".", ","})
        and len(run) <= 3
        and all(is_cap(t) for t in run)
        and not strong_place(full_key, cands, demonyms)
        and not any(e.population >= 100_000 for e, _ in cands.get(full_key, []))
    ):
        # '..., said Noma.': the speaker ("told DeSmog Canada": not Canada)
        person = {
            k for k in range(len(run)) if not strong_place(normalise(run[k].text), cands, demonyms)
        }
    return person


def _country_or_demonym(key: str, cands: Candidates, demonyms: dict[str, str]) -> bool:
    """A word of a name that is a nationality or a country's name (narrower than
    :func:`strong_place`, which also takes big cities: "loyal to Ali Kano" is a person)."""
    return key in demonyms or any(
        e.kind == "country" for e, nt in cands.get(key, []) if nt in ("name", "abbr")
    )


def _hyphenated_given_name(
    word: str, first_names: frozenset[str], cands: Candidates, demonyms: dict[str, str]
) -> bool:
    """ "Lin-Manuel", "Jean-Pierre": given names on both sides of the hyphen, neither a
    strong place ("Paris-Henry County" is no one)."""
    parts = word.split("-")
    return len(parts) == 2 and all(
        census(p) in first_names and not strong_place(normalise(p), cands, demonyms) for p in parts
    )


def people_in_run(
    run: list[Token],
    words: list[str],
    low: list[str],
    full_match: bool,
    first_names: frozenset[str],
    cands: Candidates,
    text: str,
    demonyms: dict[str, str],
) -> set[int]:
    """Run-relative indices of tokens that name a person.

    "US Secretary of Defense Lloyd Austin": a title word, its continuation ("of Defense"),
    then up to four capitalised name tokens. "Daniel Russel": a first name that does not
    start a place name.
    """
    person: set[int] = set()
    n = len(run)
    if full_match:
        return person
    k = 0
    while k < n:
        if low[k] not in TITLE_WORDS:
            k += 1
            continue
        k += 1
        while k < n:
            if low[k] in TITLE_WORDS or low[k] in TITLE_CONT:
                k += 1
            elif low[k] in {"of", "for"} and k + 1 < n:
                k += 2 if low[k + 1] != "the" else 3  # "of State", "of the Navy"
            else:
                break
        start = k
        while k < n and is_cap(run[k]) and low[k] not in TITLE_WORDS and k - start < 4:
            person.add(k)
            k += 1
    if low[0] in FUNCTION_WORDS or low[-1].rstrip(".") in NOT_A_SURNAME:
        return person  # "Royal Street", "Edgar County" name no one
    # "Daniel Russel", "Kobe Bryant", "Mike de Kock": two or three capitalised words, name
    # particles allowed between them
    caps = [k for k, t in enumerate(run) if is_cap(t)]
    if (
        not person
        and 2 <= len(caps) <= 4
        and caps[0] == 0
        and caps[-1] == n - 1
        and all(
            (is_cap(t) and t.text[0].isalpha()) or low[k] in NAME_PARTICLES or t.text == "."
            for k, t in enumerate(run)
        )
    ):
        two = normalise(text[run[0].start : run[1].end])
        head = normalise(words[0])
        if (
            two not in cands
            and not strong_place(head, cands, demonyms)
            and (
                census(words[0]) in first_names
                or _hyphenated_given_name(words[0], first_names, cands, demonyms)
                # "Kobe Bryant": a surname after a word that is not a place-name prefix
                or (
                    census(words[-1]) in surnames()
                    and low[0] not in PLACE_PREFIX
                    and not strong_place(normalise(words[-1]), cands, demonyms)
                )
            )
        ):
            person = set(range(n))
        elif (
            n == 2
            and two not in cands
            and head not in demonyms
            and census(words[0]) in first_names
            and census(words[1]) in surnames()
            and not strong_place(normalise(words[1]), cands, demonyms)
            and max((e.population for e, _ in cands.get(normalise(words[1]), [])), default=0)
            < 100_000
            and word_frequency(low[1]) < 4.5
        ):
            person = {0, 1}  # "Chad Walker", "Jordan Smith": a given name that is a country too
    return person


def person_mention(
    m: Mention, people: set[str], cands: Candidates, tokens: list[Token], by_start: dict[int, int]
) -> bool:
    """Is this single-word mention a person named earlier ("Austin said ...") or a leader's
    name ("the Obama administration")?"""
    if m.role == "demonym" or m.cue == "line":
        return False
    i = by_start.get(m.start, -1)
    nxt = tokens[i + 1].text.lower() if 0 <= i < len(tokens) - 1 else ""
    if (
        nxt in LEADER_NOUNS
        and " " not in m.text
        and not any(e.kind == "country" for e, _ in cands.get(m.key, []))
    ):
        return True
    if m.text not in people:
        return False
    if (m.cue or "loc:")[4:] in STRONG_LOCATIVE:
        return False
    entries = cands.get(m.key, [])
    weak = (
        not any(e.kind in STRONG_KINDS for e, _ in entries)
        and max((e.population for e, _ in entries), default=0) < 100_000
    )
    if weak:
        return True
    prev = tokens[i - 1].text.lower().rstrip(".") if i > 0 else ""
    return nxt in ASSOCIATIVE_VERBS or prev in TITLE_WORDS
