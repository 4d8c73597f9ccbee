"""Greedy longest gazetteer match inside one capitalised run, with its role, hint and cue.

Inside a run the longest n-gram the gazetteer knows wins, after demonyms ("South Korean"),
named features ("Royal Street") and hyphenated heads ("DPRK-South Korea"); each match is then
weighed (:mod:`geomap.places.evidence`), trimmed or extended ("Calif.", "Dublin City"), and given
its role (literal or associative), its container hint ("X, Y") and its cue ("in", "province").
"""

from __future__ import annotations

import re
from typing import Final

from geomap.gazetteer.base import Candidates
from geomap.kinds import Kind
from geomap.models import Mention, Role
from geomap.places.evidence import associative, container_key, plausible, shouting
from geomap.places.features import FEATURE_WORDS, feature_run, hyphen_head, hyphen_parts
from geomap.places.lexicons import (
    CUE_WORDS,
    DIRECTION_WORDS,
    FUNCTION_WORDS,
    LOCATIVE,
    ORG_OF,
    ORG_WORDS,
    PLACE_NOUNS,
    STRONG_LOCATIVE,
    TITLE_WORDS,
    WEAK_LOCATIVE,
    census,
    given_names,
)
from geomap.places.people import strong_place
from geomap.places.runs import MAX_NGRAM, TakenSpans, is_cap
from geomap.text.normalise import normalise
from geomap.text.tokens import Token

#: Kinds a loose part ("East Texas") gives way to: the state or country is the place named.
_STATE_KINDS: Final[frozenset[Kind]] = frozenset({"admin1", "country"})
#: Kinds of a name written with a comma ("Washington, D.C.").
_COMMA_KINDS: Final[frozenset[Kind]] = frozenset({"city", "admin1", "country"})
#: A dateline: the name that opens the story ("NEW YORK (AP) -", "(LAGOS) -", "ADEN, Yemen
#: -"), or, in capitals, the story after its headline ("Fire hits mill. MILLTOWN -- A fire"),
#: followed by an agency in brackets or a dash. It names a town.
_DATELINE_AFTER: Final = re.compile(
    r"[)\]]?(?:,[^\n,!?()\u2014\u2013]{1,30}?)?\s*(?:\([\w .&/-]{1,25}\))?\s*"
    r"(?:-{1,3}|[\u2013\u2014\x97:])\s"
)
#: How far into the text a dateline after the headline may stand.
DATELINE_WITHIN = 300


def _dateline(text: str, start: int, end: int) -> bool:
    """Whether the name at ``start:end`` is the story's dateline (only the first
    :data:`DATELINE_WITHIN` characters are looked at: the work is bounded)."""
    if start > DATELINE_WITHIN:
        return False
    head = text[:start].rstrip(" \t([")
    if head and not (head.endswith((".", "!", "?", "\n")) and text[start:end].isupper()):
        return False
    return _DATELINE_AFTER.match(text, end) is not None


def match_run(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    person: set[int],
    org: bool,
    cands: Candidates,
    common: dict[str, float],
    demonyms: dict[str, str],
    people: set[str],
    headlines: set[int],
    mentions: list[Mention],
    taken: TakenSpans,
    deferred: list[Mention],
    low: list[str],
) -> None:
    """Greedy longest gazetteer match inside one capitalised run (``low``: its words in
    lower case, without a final period).

    Matches that fail the plausibility test mid-sentence go to ``deferred``: they are
    kept after all if the same name is used as a place elsewhere in the article.
    """
    a = i
    has_feature = not FEATURE_WORDS.isdisjoint(low)
    last_person = max((k for k in person if k < j - i), default=-1)
    while a < j:
        tok = tokens[a]
        if (
            (a - i) in person
            or not is_cap(tok)
            or (tok.text.lower() in FUNCTION_WORDS and not tok.text.isupper())
            or taken.covers(tok.start)
        ):
            a += 1
            continue
        best: tuple[int, str, str | None, int | None] | None = None
        # demonyms, two words first ("South Korean", "Latin Americans")
        dem = None
        if a + 1 < j and (a + 1 - i) not in person:
            key2 = normalise(text[tok.start : tokens[a + 1].end])
            if key2 in demonyms:
                dem = (a + 2, key2)
        key1 = normalise(tok.text)
        if (
            dem is None
            and key1 in demonyms
            and (a + 1 == j or normalise(text[tok.start : tokens[a + 1].end]) not in cands)
        ):
            dem = (a + 1, key1)
        if dem is not None:
            end = tokens[dem[0] - 1].end
            mentions.append(Mention(tok.start, end, text[tok.start : end], dem[1], "demonym"))
            taken.append((tok.start, end))
            a = dem[0]
            continue
        feat = (
            feature_run(text, tokens, a, j, person, i, cands, last_person) if has_feature else None
        )
        if feat is not None:
            mentions.append(feat[0])
            taken.append((feat[0].start, feat[0].end))
            a = feat[1]
            continue
        if (
            "-" in tok.text
            and a + 1 < j
            and hyphen_head(text, tokens, a, j, cands, mentions, taken, demonyms)
        ):
            a += 1  # "DPRK-South Korea": "South Korea" after the hyphen, "DPRK" before it
            continue
        for b in range(min(j, a + MAX_NGRAM), a, -1):
            if person and any((k - i) in person for k in range(a, b)):
                continue
            last = tokens[b - 1]
            if not (is_cap(last) or last.text == "."):
                continue
            key = normalise(text[tok.start : last.end])
            cue_kind: str | None = None
            if b == j and j < len(tokens) and tokens[j].text.lower() in CUE_WORDS:
                cue_key = normalise(text[tok.start : tokens[j].end])
                if cue_key in cands:
                    # "Cork City" is one name; in "Cork city" the name is "Cork"
                    best = (
                        (b + 1, cue_key, None, None)
                        if is_cap(tokens[j])
                        else (b, cue_key, None, None)
                    )
                    break
                cue_kind = CUE_WORDS[tokens[j].text.lower()]
            if key in cands:
                best = (b, key, cue_kind, None)
                break
            hy = last.text.find("-")
            if b > a + 1 and hy > 0 and last.text[hy + 1 : hy + 2].islower():
                # "Los Angeles-based": the name ends at the hyphen
                at = last.start + hy
                key = normalise(text[tok.start : at])
                if key in cands:
                    best = (b, key, None, at)
                    break
        if best is None:
            # hyphenated parts ("US-China", "US-Taiwanese")
            if "-" in tok.text:
                hyphen_parts(text, tok, cands, demonyms, mentions)
            a += 1
            continue
        b, key, cue_kind, cut = best
        head_word, _, rest = key.partition(" ")
        if (
            head_word in DIRECTION_WORDS
            and rest in cands
            and all(e.kind == "region" for e, _ in cands[key])
            and any(e.kind in _STATE_KINDS and nt == "name" for e, nt in cands[rest])
        ):
            # "Western Pennsylvania", "East Texas": a loose part of a state; the state is
            # the place named
            a += 1
            tok, key = tokens[a], rest
        end_tok = tokens[b - 1]
        start, end = tok.start, cut or end_tok.end
        span = text[start:end]
        n_tokens = sum(1 for t in tokens[a:b] if t.text != ".")
        # "Dublin City" where the town's own name is "Dublin": the town, without "City"
        if (
            n_tokens == 2
            and tokens[b - 1].text in {"City", "Town"}
            and normalise(tok.text) in cands
            and not any(nt == "name" and normalise(e.name) == key for e, nt in cands[key])
        ):
            b, key, n_tokens = a + 1, normalise(tok.text), 1
            end = tok.end
            span = text[start:end]
        if (
            n_tokens == 1
            and end < len(text)
            and text[end] == "."
            and len(span) <= 5
            and not span.isupper()
            and any(
                e.kind == "admin1"
                and nt != "name"
                and abbreviates(span, e.name)
                and not e.name.startswith(span + " ")
                for e, nt in cands[key]
            )
        ):
            end += 1  # "Calif.", "Ky.": the abbreviation's own period
            span = text[start:end]
        elif (
            n_tokens > 1
            and end < len(text)
            and text[end] == "."
            and len(tokens[b - 1].text) <= 3
            and tokens[b - 2].text == "."
            and any(nt == "abbr" for _, nt in cands[key])
        ):
            end += 1  # "W. Va."
            span = text[start:end]
        k = a - 1
        prev = tokens[k].text.lower() if k >= 0 else ""
        if prev == "the" and k > 0:
            k -= 1
            prev = tokens[k].text.lower()
        if prev == "of" and k > 0:
            # "the city of Douma" is as good as "in Douma"; "the Ministry of Commerce" is not
            noun = tokens[k - 1].text.lower()
            one = noun[:-1] if noun.endswith("s") and noun[:-1] in ORG_OF else noun
            if (
                one in ORG_OF
                and n_tokens == 1
                and common.get(span.lower(), 0.0) >= 3.0
                and not strong_place(key, cands, demonyms)
            ):
                a += 1  # "Chambers of Commerce", "Ministry of Defence": a field, not a place
                continue
            prev = (
                "in"
                if noun in PLACE_NOUNS
                else ("" if noun in ORG_WORDS or noun in TITLE_WORDS or one in ORG_OF else "of")
            )
        if (
            span.isupper()
            and n_tokens == 1
            and common.get(span.lower(), 0.0) >= 4.0
            and shouting(tokens, a, b)
        ):
            a += 1  # "KOBE IN THE HOUSE", "SURGE IN MURALS": a word in capitals, not Indiana
            continue
        locative = prev in STRONG_LOCATIVE or prev in WEAK_LOCATIVE
        # "Kabul airport", "Helmand province": the lower-case type word is the evidence
        by_cue = (
            b < len(tokens)
            and key.endswith(" " + tokens[b].text.lower())
            and tokens[b].text.lower() in CUE_WORDS
            and not is_cap(tokens[b])
        )
        if not by_cue and not plausible(
            tok, span, key, n_tokens, cands[key], common, headlines, locative, prev
        ):
            if not (tok.first or tok.sent in headlines):
                hamlet = census(span) not in given_names() and common.get(span.lower(), 0.0) == 0.0
                deferred.append(
                    Mention(start, end, span, key, "literal", cue="hamlet" if hamlet else None)
                )
            a += 1
            continue
        if org and n_tokens == 1 and b == j and tok.text.lower() in ORG_WORDS:
            a += 1  # "Medical Center", "Trade Union": the organisation's own word
            continue
        role: Role = "associative" if org else "literal"
        if role == "literal" and associative(tokens, a, b, cands[key]):
            role = "associative"
        hint = None
        if b + 1 < len(tokens) and tokens[b].text == "," and a == i:
            # "Washington, D.C.": the gazetteer holds the name with its comma
            for n in (3, 2, 1):
                if b + n < len(tokens) and all(is_cap(t) for t in tokens[b + 1 : b + 1 + n]):
                    comb = normalise(text[start : tokens[b + n].end])
                    if comb in cands and any(e.kind in _COMMA_KINDS for e, _ in cands[comb]):
                        end, key, b = tokens[b + n].end, comb, b + 1 + n
                        span = text[start:end]
                        break
        if b + 1 < len(tokens) and tokens[b].text == "," and is_cap(tokens[b + 1]):
            hint = container_key(text, tokens, b + 1, cands)
        cue: str | None = cue_kind
        if cue is None and _dateline(text, start, end):
            cue = "dateline"  # it names a town: "NEW YORK (AP) -" is the city
        if cue is None and a > 0:
            prev = tokens[a - 1].text.lower()
            if prev == "the" and a > 1:
                prev = tokens[a - 2].text.lower()
            if prev in LOCATIVE:
                cue = "loc:" + prev
        mentions.append(Mention(start, end, span, key, role, hint=hint, cue=cue))
        taken.append((start, end))
        a = b


def abbreviates(short: str, name: str) -> bool:
    """ "Calif" abbreviates "California", "Ky" "Kentucky": same first letter, the rest in
    order, and shorter."""
    short, name = short.lower(), name.lower()
    if len(short) >= len(name) or not short or short[0] != name[0]:
        return False
    pos = 0
    for ch in short:
        pos = name.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True
