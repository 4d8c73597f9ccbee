"""Find place mentions in text: spans with character offsets, no resolution.

A gazetteer-driven recogniser with general context rules:

* capitalised token runs (with "of", "de", "al" ... inside) are looked up as n-grams in
  one batched gazetteer query, longest match first (:mod:`~geomap.places.runs`,
  :mod:`~geomap.places.matching`);
* people are spotted by titles ("Secretary of Defense Lloyd Austin"), first names
  ("Daniel Russel") and name shapes, and their names are then kept off the map for the
  rest of the article ("Austin said" later is the person, not the city)
  (:mod:`~geomap.places.people`);
* organisations ("... Group", "... University") hold place names as associative uses;
* demonyms ("Chinese") and metonymy ("Washington said") get their own role;
* common English words at the start of a sentence or in a headline ("Just", "Top")
  need strong support to count as places (:mod:`~geomap.places.evidence`);
* roads, median lines, named features, hyphenated and listed names have their own patterns
  (:mod:`~geomap.places.features`);
* "X, Y" gives X a container hint; a following "province", "county", "city" gives a cue; a
  local name is placed in the name after it (:mod:`~geomap.places.context`).

The word tables are data files read by :mod:`~geomap.places.lexicons`. Finding (this module)
is kept apart from resolving (:mod:`geomap.places.resolve`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

from geomap.gazetteer.base import Candidates
from geomap.models import Entry, Mention
from geomap.places.acronyms import organisation_initialisms
from geomap.places.context import anchor_local, article_states, coordinated, placed_after
from geomap.places.evidence import unknown_after_locative
from geomap.places.features import (
    PREFIXED,
    ROAD_RE,
    hyphen_parts,
    line_context_ok,
    line_keys,
    line_matches,
    plural_heads,
)
from geomap.places.lexicons import (
    CUE_WORDS,
    FEATURE_SUFFIX,
    ORG_WORDS,
    STRONG_LOCATIVE,
    TITLE_WORDS,
    VESSEL_PREFIXES,
    common_words,
    demonym_target,
    demonyms,
    first_names,
    word_frequency,
)
from geomap.places.matching import match_run
from geomap.places.people import people_of_run, person_mention, strong_place
from geomap.places.runs import (
    MAX_NGRAM,
    TakenSpans,
    capitalised_runs,
    headlines,
    is_cap,
    joined_names,
    merge_joined,
    particle_caps,
)
from geomap.text.normalise import normalise
from geomap.text.tokens import Token, sentences, tokenize

__all__ = [
    "FEATURE_SUFFIX",
    "TITLE_WORDS",
    "Lookup",
    "Recognition",
    "anchor_local",
    "coordinated",
    "demonym_target",
    "placed_after",
    "recognise",
    "word_frequency",
]


class Lookup(Protocol):
    """What the recogniser needs from a gazetteer."""

    def lookup(self, keys: Iterable[str]) -> dict[str, list[tuple[Entry, str]]]: ...


@dataclass(slots=True)
class Recognition:
    """Mentions found in one text, plus the gazetteer candidates that were looked up."""

    text: str
    mentions: list[Mention]
    candidates: Candidates
    sentences: list[tuple[int, int]]
    people: set[str] = field(default_factory=set)


def recognise(text: str, gazetteer: Lookup) -> Recognition:
    """Find place mentions in ``text`` using ``gazetteer`` for names.

    Returns a :class:`Recognition`: mentions sorted by offset (roles literal, associative
    or demonym) and the candidate entries per looked-up key.
    """
    first, common, dems = first_names(), common_words(), demonyms()
    sents = sentences(text)
    tokens = particle_caps(tokenize(text, sents))
    runs = capitalised_runs(tokens, text)
    heads = headlines(tokens)

    # 1. every n-gram of every run (and hyphen parts) -> one batched lookup
    keys = _run_keys(text, tokens, runs)
    prefixed = list(PREFIXED.finditer(text))
    keys.update(normalise(m.group(1)) for m in prefixed)
    line_hits = line_matches(text)
    for m in line_hits:
        keys.update(line_keys(m))
    joined = joined_names(text, tokens, runs)
    keys.update(k for k, _ in joined)
    cands = gazetteer.lookup(keys) if keys else {}
    runs = merge_joined(runs, [r for k, r in joined if k in cands and r[0] >= 0])

    people: set[str] = set()
    mentions: list[Mention] = []
    taken = TakenSpans(len(text))
    deferred: list[Mention] = []

    # 2a. numbered roads, placed later in the article's main place
    for m in ROAD_RE.finditer(text):
        if not taken.overlaps(m.start(), m.end()):
            mentions.append(
                Mention(
                    m.start(), m.end(), m.group(), normalise(m.group()), "literal", cue="street"
                )
            )
            taken.append((m.start(), m.end()))

    # 2b. lines such as "the center line of the Taiwan Strait"
    for m in line_hits:
        key = next((k for k in line_keys(m) if k in cands), None)
        if key is None:
            continue
        if (
            m.group(1) is None
            and m.group(2) is None
            and not line_context_ok(text, m.start(), sents)
        ):
            continue
        mentions.append(Mention(m.start(), m.end(), m.group(), key, "literal", cue="line"))
        taken.append((m.start(), m.end()))

    # 3. runs: people and organisations first, then longest gazetteer matches
    for i, j in runs:
        run = tokens[i:j]
        low = [t.text.lower().rstrip(".") for t in run]
        head = 1 if low[0] == "the" and len(run) > 2 else 0
        if low[head] in VESSEL_PREFIXES and len(run) >= head + 2:
            continue  # "USS Ronald Reagan", "BRP Sierra Madre": ships, not places
        full_key = normalise(text[run[0].start : run[-1].end])
        full_match = full_key in cands
        person = people_of_run(text, tokens, i, j, low, full_key, full_match, first, cands, dems)
        for k in person:
            if not strong_place(normalise(run[k].text), cands, dems):
                people.add(run[k].text)
        org = (
            not full_match
            and len(run) >= 2
            and (
                low[-1] in ORG_WORDS
                # "Ministry of Commerce", "University of California", "Bank of America"
                or (low[0] in ORG_WORDS and len(run) >= 3 and low[1] == "of")
            )
        )
        n_before = len(mentions)
        match_run(
            text,
            tokens,
            i,
            j,
            person,
            org,
            cands,
            common,
            dems,
            people,
            heads,
            mentions,
            taken,
            deferred,
            low,
        )
        if len(mentions) == n_before and not person and not org:
            unknown = unknown_after_locative(text, tokens, i, j, first, common, taken, cands)
            if unknown is not None:
                mentions.append(unknown)
                taken.append((unknown.start, unknown.end))

    # 3b. "anti-Russian", "pro-Moscow": a demonym or place after a lower-case prefix
    for m in prefixed:
        s0, e0 = m.span(1)
        if not taken.overlaps(s0, e0):
            hyphen_parts(text, Token(s0, e0, m.group(1), 0, False, True), cands, dems, mentions)
            taken.append((s0, e0))

    # 4. single capitalised tokens outside runs handled above; drop later mentions of people
    mentions.extend(_confirmed_later(mentions, deferred, people, cands))
    mentions = plural_heads(text, mentions, cands)
    by_start = {t.start: n for n, t in enumerate(tokens)}
    mentions = [m for m in mentions if not person_mention(m, people, cands, tokens, by_start)]
    mentions = organisation_initialisms(text, mentions)
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Recognition(text, anchor_local(text, mentions), cands, sents, people)


def _run_keys(text: str, tokens: list[Token], runs: list[tuple[int, int]]) -> set[str]:
    """Every key the runs may name: their n-grams up to :data:`MAX_NGRAM` tokens, the parts
    and heads of hyphenated words ("US-China", "DPRK-South Korea", "Los Angeles-based") and
    names with their type word ("Cork City")."""
    keys: set[str] = set()
    for i, j in runs:
        for a in range(i, j):
            if not is_cap(tokens[a]):
                continue
            for b in range(a + 1, min(j, a + MAX_NGRAM) + 1):
                last = tokens[b - 1]
                if is_cap(last) or last.text == ".":
                    keys.add(normalise(text[tokens[a].start : last.end]))
                    if b > a + 1 and "-" in last.text:  # "Los Angeles-based"
                        hy = last.text.find("-")
                        keys.add(normalise(text[tokens[a].start : last.start + hy]))
            if "-" in tokens[a].text:
                keys.update(normalise(p) for p in tokens[a].text.split("-") if p)
                head = tokens[a].start + tokens[a].text.rfind("-") + 1
                for b in range(a + 2, min(j, a + 4) + 1):  # "DPRK-South Korea"
                    keys.add(normalise(text[head : tokens[b - 1].end]))
            cue = tokens[j].text.lower() if j < len(tokens) else ""
            if cue in CUE_WORDS:
                keys.add(normalise(text[tokens[a].start : tokens[j].end]))
    return keys


def _confirmed_later(
    mentions: list[Mention], deferred: list[Mention], people: set[str], cands: Candidates
) -> list[Mention]:
    """The deferred matches the article confirms after all.

    One sense per discourse: a name confirmed as a place ("in Lincoln", "Lincoln, Neb.") is
    a place in its other mentions too; a hamlet is also supported by its state being in the
    article ("Elbow Lake" in a story that names Minnesota or its towns).
    """
    confirmed = {m.key for m in mentions if m.hint or (m.cue or "")[4:] in STRONG_LOCATIVE}
    states = article_states(mentions, cands)
    return [
        replace(m, cue=None)
        for m in deferred
        if m.text not in people
        and (
            m.key in confirmed
            or (
                m.cue == "hamlet"
                and any((e.country_code, e.admin1) in states for e, _ in cands.get(m.key, []))
            )
        )
    ]
