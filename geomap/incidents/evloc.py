"""Where did THIS event happen?  Location spans for given event triggers.

Candidates are the recogniser's place mentions (gazetteer names, any role) and capitalised
phrases the gazetteer does not know ("Reshimbagh", "Al-Zawraa Park", "Deir Ezzor
Governorate"), with sub-spans split at "and" / commas. Each (candidate, trigger) pair gets
sparse features (words around the candidate, preposition, direction and distance to the
trigger, clause breaks between them, gazetteer kind and role, person/organisation shape,
the trigger word, the preposition's attachment, reported speech, lists) scored by a
logistic model. Capitalised phrases include lowercase Arabic-article names ("al-Bab",
"Khan al-Assal") and glued forms ("T-4", "‘Ayn ‘Issa"). Whether the event has a place in
the sentence at all is a second, per-trigger decision (:func:`event_features`: the best
candidate's score, the margin to the next, the number of candidates, the words around the
trigger, reported speech, the best candidate's own features), trained on cross-fitted (5-fold)
first-stage scores. When it says yes, decoding keeps the best candidate, plus the candidates
listed with it ("A, B and C") and any other very likely one: the corpus names one (most
specific) place per event, not its containers.

The weights are the data file ``geomap/resources/models/event_location.json`` (written by
``python -m geomap.eval.train_evloc train CORPUS.jsonl``, which records the split it was fitted
on: 80 % of the event-location development file, by a hash of the line id), loaded once on first
use by :func:`load_model`; a missing or corrupt file is a :class:`~geomap.errors.ResourceError`.
The word lists behind the features are files in ``geomap/resources/lexicon/``.

Annotation conventions of the event-location corpus (Halterman 2019), learnt here:

* the span is the proper name only: "the West Bank city of Nablus" -> "Nablus", "her
  Reshimbagh residence" -> "Reshimbagh", "western Baghdad" -> "Baghdad";
* capitalised generic heads belong to the name: "Sadr City", "Deir Ezzor Governorate",
  "Gaza Strip", "Tahrir Square", "T-4 Military Airport";
* common-noun places ("a refugee camp", "the clashes") are not annotated;
* every place where the event happened counts ("in the provinces of Ghazni and Paktika" ->
  two spans); places that describe actors ("Iraqi forces", "Police in X said") or other
  events do not.
"""

from __future__ import annotations

import json
import math
import re
import zlib
from bisect import bisect_left
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from os import PathLike
from pathlib import Path
from typing import Any

from geomap.errors import ResourceError
from geomap.places.recognise import TITLE_WORDS, Recognition
from geomap.resources import read_json
from geomap.text.lexicon import words as _lexicon
from geomap.text.tokens import Token, tokenize

__all__ = [
    "MODEL_FORMAT",
    "MODEL_RESOURCE",
    "Cand",
    "Model",
    "analyse",
    "candidates",
    "event_features",
    "feature_key",
    "load_model",
    "locate",
    "pair_features",
    "probability",
]

# The features feed a trained model: changing a word list changes what it sees (retrain).
_MONTHS_DAYS = _lexicon("month_names") | _lexicon("weekday_names")
_LOC = _lexicon("spatial_prepositions") | _lexicon("relational_prepositions")
_ORG_HEAD = _lexicon("organisation_heads")
_PLACE_HEAD = _lexicon("place_name_heads")
_INNER = _lexicon("name_connectors")  # lowercase words inside a name ("Khan al Sabil")
_ARTICLES = _lexicon("english_articles")
_SAID = _lexicon("reporting_words")
_QUOTES = _lexicon("quotation_marks")
_FUNC = _lexicon("place_name_followers")
_AUX = _lexicon("auxiliary_words")
_CLAUSE_CUES = _lexicon("clause_cue_words")
_CORE_LOC = _lexicon("core_locative_prepositions")


@dataclass(frozen=True, slots=True)
class Cand:
    """A candidate location span (character offsets) and what the recogniser knew of it."""

    start: int
    end: int
    gaz: bool  # a recogniser mention (gazetteer name)
    role: str  # literal, associative, demonym, or "" for capitalised phrases
    kind: str  # gazetteer kind of the best entry, or ""
    cue: str


# --------------------------------------------------------------------------------------------
# candidates


def _kind(rec: Recognition, key: str) -> str:
    entries = rec.candidates.get(key) or []
    return entries[0][0].kind if entries else ""


_AL_FORMS = sorted(_lexicon("arabic_name_prefixes"), key=lambda w: (-len(w), w))
_AL_PREFIX = re.compile(  # a lowercase Arabic-article name: "al-Bab", "ash-Shaykh"
    "(?:" + "|".join(map(re.escape, _AL_FORMS)) + r")[-‐][^\W\d_]"
)
_GLUE = {"-", "‐", "‘", "’", "'", "`"}
_QUOTE_OPEN = {"‘", "`", "'"}
_POSS = {"'s", "’s"}


def _units(text: str, toks: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges glued without spaces ("T-4", "‘Ayn", "Al-‘Arfi"), possessives kept off."""
    out: list[tuple[int, int]] = []
    i, n = 0, len(toks)
    while i < n:
        j = i + 1
        if toks[i].text in _QUOTE_OPEN and not (
            j < n and toks[j].start == toks[i].end and toks[j].text[:1].isalpha()
        ):
            out.append((i, j))
            i = j
            continue
        while j < n and toks[j].start == toks[j - 1].end and toks[j].sent == toks[i].sent:
            a, b = toks[j - 1].text, toks[j].text
            if b.lower() in _POSS:
                break
            if b in _GLUE:  # a hyphen/apostrophe inside: need a word or number right after
                nxt = toks[j + 1] if j + 1 < n else None
                if nxt is not None and nxt.start == toks[j].end and nxt.text[:1].isalnum():
                    j += 2
                    continue
                if (
                    b in {"-", "‐"}
                    and j + 2 < n
                    and toks[j + 1].text in _QUOTE_OPEN | {"’"}
                    and toks[j + 1].start == toks[j].end
                    and toks[j + 2].start == toks[j + 1].end
                    and toks[j + 2].text[:1].isalpha()
                ):
                    j += 3
                    continue
                break
            if a in _GLUE and (b[:1].isalnum()):
                j += 1
                continue
            break
        out.append((i, j))
        i = j
    return out


def _namey(text: str) -> int:
    """2 for a capitalised name unit, 1 for a lowercase "al-"/"el-" name, 0 otherwise."""
    core = text.lstrip("‘`'’")
    if not core or not core[0].isalpha():
        return 0
    if core[0].isupper():
        return 2
    if _AL_PREFIX.match(core):
        return 1
    return 0


def _name_runs(text: str, toks: Sequence[Token]) -> list[list[tuple[int, int]]]:
    """Runs of capitalised (or "al-x") units, with lowercase connectors inside."""
    units = _units(text, toks)
    runs: list[list[tuple[int, int]]] = []
    k, n = 0, len(units)
    while k < n:
        a, b = units[k]
        if not _namey(text[toks[a].start : toks[b - 1].end]):
            k += 1
            continue
        run = [units[k]]
        m = k + 1
        while m < n:
            pa, pb = units[m - 1]
            a, b = units[m]
            gap = text[toks[pb - 1].end : toks[a].start]
            if "\n" in gap or gap.strip() or len(gap) > 3 or toks[a].sent != toks[pa].sent:
                break
            w = text[toks[a].start : toks[b - 1].end]
            if _namey(w):
                run.append(units[m])
                m += 1
                continue
            if w.lower() in _INNER and m + 1 < n and b == a + 1:
                na, nb = units[m + 1]
                gap2 = text[toks[b - 1].end : toks[na].start]
                if (
                    not gap2.strip()
                    and len(gap2) <= 3
                    and _namey(text[toks[na].start : toks[nb - 1].end])
                ):
                    run.append(units[m])
                    m += 1
                    continue
            break
        runs.append(run)
        k = m
    return runs


def candidates(text: str, rec: Recognition, toks: Sequence[Token]) -> list[Cand]:
    """Recogniser mentions plus capitalised phrases (and their parts split at "and"/",")."""
    out: dict[tuple[int, int], Cand] = {}
    for m in rec.mentions:
        out[(m.start, m.end)] = Cand(m.start, m.end, True, m.role, _kind(rec, m.key), m.cue or "")
    for run in _name_runs(text, toks):
        words = [text[toks[a].start : toks[b - 1].end] for a, b in run]
        i, j = 0, len(run)
        # strip a leading article
        while i < j and words[i].lower() in _ARTICLES:
            i += 1
        if i >= j:
            continue
        pieces = [(i, j)]
        # split at lowercase connectors ("Salonika on Thursday") and at day/month names
        for k in range(i + 1, j):
            w = words[k]
            if (
                (_namey(w) != 2 and not _AL_PREFIX.match(w))
                or w.lower() in _MONTHS_DAYS
                or w == "&"
            ):
                pieces += [(i, k), (k + 1, j)]
        # also the run minus a leading title/demonym-like first word and minus a last head
        if j - i >= 2:
            pieces.append((i + 1, j))
            pieces.append((i, j - 1))
        if j - i >= 3:
            pieces.append((i + 2, j))
            pieces.append((i, j - 2))
        for a, b in pieces:
            if a >= b or words[a] in _INNER or words[b - 1] in _INNER:
                continue
            s, e = toks[run[a][0]].start, toks[run[b - 1][1] - 1].end
            if (s, e) in out:
                continue
            ws = [w.lower() for w in words[a:b]]
            if all(w in _MONTHS_DAYS for w in ws):
                continue
            out[(s, e)] = Cand(s, e, False, "", "", "")
    return sorted(out.values(), key=lambda c: (c.start, c.end))


# --------------------------------------------------------------------------------------------
# features


def _bucket(n: int) -> str:
    if n <= 0:
        return "0"
    if n <= 2:
        return str(n)
    if n <= 4:
        return "3-4"
    if n <= 8:
        return "5-8"
    if n <= 15:
        return "9-15"
    return "16+"


_OPENERS = {".", '"', "“", "'", "‘"}
_STOPS = {",", ";", ".", "(", ")"}


def pair_features(
    text: str,
    toks: Sequence[Token],
    starts: Sequence[int],
    c: Cand,
    trig: tuple[int, int],
    cands: Sequence[Cand],
    people: set[str],
    words: Sequence[str] | None = None,
) -> list[str]:
    """Sparse string features of one (candidate, trigger) pair (``words``: the tokens lower-
    cased, when the caller has them for every pair of the sentence)."""
    if words is None:
        words = [t.text.lower() for t in toks]
    ctx = _Context(text, toks, starts, cands, people, words)
    return ctx.features(ctx.candidate(c), ctx.trigger(trig))


_CLAUSE_PUNCT = frozenset({",", ";", "(", ")", "--", "—", "–"})


def _flag(name: str) -> tuple[str, str]:
    """The two features of a yes/no property, indexed by it: ("upper=False", "upper=True")."""
    return f"{name}=False", f"{name}=True"


# the features with few values, made once (a pair's list picks them rather than formats them)
_F_CONTAINER, _F_CONTAINED, _F_NESTED, _F_CONTAINS = map(
    _flag, ("container", "contained", "nested", "contains")
)
_F_LASTHEAD, _F_ORGHEAD, _F_TITLE, _F_PERSON = map(
    _flag, ("lasthead", "orghead", "title", "person")
)
_F_INITIAL, _F_POSS, _F_UPPER, _F_DIGIT, _F_HYPH = map(
    _flag, ("initial", "poss", "upper", "digit", "hyph")
)
_F_SAID_AFTER, _F_ADJ_USE, _F_LINK_AND, _F_LINK_COMMA = map(
    _flag, ("said_after", "adj_use", "link_and", "link_comma")
)
_F_PP_TRIG, _F_QUOTE_BETWEEN, _F_SENT_SAME = map(_flag, ("pp_trig", "quote_between", "sent_same"))
#: by side (0: after the trigger, "A"; 1: before it, "B")
_SIDES = ("A", "B")
_D = tuple(f"d={d}" for d in _SIDES)
_RANK = tuple(tuple(f"rank={d}{k}" for k in range(4)) for d in _SIDES)
_COMMAS = tuple(tuple(f"commas={d}{k}" for k in range(4)) for d in _SIDES)
_NB = tuple(tuple(f"nb={d}{k}" for k in range(4)) for d in _SIDES)
_VERBS = tuple(tuple(f"verbs={d}{k}" for k in range(3)) for d in _SIDES)
_SAID_BETWEEN = tuple((f"said_between=False{d}", f"said_between=True{d}") for d in _SIDES)
_BUCKETS = ("0", "1", "2", "3-4", "5-8", "9-15", "16+")
_DIST = tuple({b: f"dist={d}{b}" for b in _BUCKETS} for d in _SIDES)
#: what may stand between a place and its container ("the X area of Y", "X, Y", "X in Y")
_CONTAINER_GAP = re.compile(r"(?:\s+\w+)?\s*(?:,|of|in)\s*(?:the\s+)?")
_TRAILING_NONWORD = re.compile(r"\W+$")


class _Cand:
    """What the features of a candidate are, whatever the trigger: found once per sentence."""

    __slots__ = (
        "c",
        "ci",
        "cj",
        "fixed_a",
        "fixed_b",
        "head",
        "kind_gaz",
        "mid",
        "pk",
        "prep",
        "prep_kind_gaz",
        "tail",
    )

    def __init__(self, ctx: _Context, c: Cand) -> None:
        text, words, starts, cands = ctx.text, ctx.words, ctx.starts, ctx.cands
        self.c = c
        ci = self.ci = bisect_left(starts, c.start)
        cj = self.cj = bisect_left(starts, c.end)  # first token after the candidate
        self.mid = (c.start + c.end) / 2
        span = text[c.start : c.end]
        sw = span.split()
        n = len(words)
        prev1 = words[ci - 1] if ci >= 1 else "^"
        prev2 = words[ci - 2] if ci >= 2 else "^"
        prev3 = words[ci - 3] if ci >= 3 else "^"
        next1 = words[cj] if cj < n else "$"
        next2 = words[cj + 1] if cj + 1 < n else "$"
        # nearest preposition before the candidate (skipping determiners/adjectives)
        prep = "^"
        pk = -1  # its token index
        for k in range(ci - 1, max(ci - 5, -1), -1):
            if words[k] in _LOC:
                prep = words[k]
                pk = k
                break
            if words[k] in _STOPS:
                break
        self.prep, self.pk = prep, pk
        first = sw[0].lower()
        last = _TRAILING_NONWORD.sub("", sw[-1].lower())
        initial = ci == 0 or words[ci - 1] in _OPENERS
        cs, ce = c.start, c.end
        nested = contains = container = contained = False
        link_and = link_comma = False
        for o in cands:
            os_, oe = o.start, o.end
            if os_ == cs and oe == ce:
                continue  # itself (no other candidate has its span)
            if os_ <= cs and ce <= oe:
                nested = True
            if cs <= os_ and oe <= ce:
                contains = True
            if oe <= cs:  # before it
                gap = cs - oe
                # containers: "the Ghazi Qala area of Ghazni", "Suuqa Xoolaha neighborhood of
                # Mogadishu"
                if (
                    not container
                    and gap <= 25
                    and (o.gaz or not o.role)
                    and _CONTAINER_GAP.fullmatch(text, oe, cs) is not None
                ):
                    container = True
                if gap <= 45:
                    lk = _link(text, o, c)
                    link_and = link_and or lk == "and"
                    link_comma = link_comma or lk == "comma"
            elif ce <= os_:  # after it
                gap = os_ - ce
                if (
                    not contained
                    and gap <= 25
                    and _CONTAINER_GAP.fullmatch(text, ce, os_) is not None
                ):
                    contained = True
                if gap <= 45:
                    lk = _link(text, c, o)
                    link_and = link_and or lk == "and"
                    link_comma = link_comma or lk == "comma"
        kind, gaz = c.kind, c.gaz
        adj = next1[:1].isalpha() and next1[:1].islower() and next1 not in _FUNC
        self.kind_gaz = f"{kind}{gaz}"
        self.prep_kind_gaz = (f"prep_kind={prep}{kind}", f"prep_last={prep}_{last}")
        # the features before "trig_d" (the rank features come first), then those between
        # "d=" and the trigger's, per side (A: after the trigger, B: before it)
        cont_kind = f"cont_kind={container}{kind}"
        self.fixed_a, self.fixed_b = (
            [_F_CONTAINER[container], _F_CONTAINED[contained], cont_kind, d_] for d_ in _D
        )
        self.head = [
            f"gaz={gaz}",
            f"role={c.role}",
            f"kind={kind}",
            f"kind_d={kind}",  # + side
            f"cue={c.cue[:8]}",
            f"p1={prev1}",
            f"p2={prev2}",
            f"p21={prev2}_{prev1}",
            f"p321={prev3}_{prev2}_{prev1}",
            f"n1={next1}",
            f"n12={next1}_{next2}",
            f"prep={prep}",
            f"prep_d={prep}",  # + side
            f"prep_gaz={prep}{gaz}",
            f"p1_d={prev1}",  # + side
            f"n1_d={next1}",  # + side
            f"len={min(len(sw), 5)}",
            f"last={last}",
            _F_LASTHEAD[last in _PLACE_HEAD],
            _F_ORGHEAD[last in _ORG_HEAD],
            f"first={first}",
        ]
        self.tail = (
            [
                _F_TITLE[prev1 in TITLE_WORDS],
                _F_PERSON[any(w in ctx.people for w in sw)],
                _F_INITIAL[initial],
                _F_POSS[next1 in _POSS],
                _F_UPPER[span.isupper()],
                _F_DIGIT[any(map(str.isdigit, span))],
                _F_HYPH["-" in span],
                _F_NESTED[nested],
                _F_CONTAINS[contains],
                f"adjdemonym={c.role == 'demonym'}{next1[:1].islower()}",
                f"pp_head={words[pk - 1] if pk >= 1 else '^'}",
            ],
            _F_SAID_AFTER[any(w in _SAID for w in words[cj : cj + 3])],
            [
                _F_ADJ_USE[adj],
                f"adj_use_kind={adj}{kind}{gaz}",
            ],
            [
                _F_LINK_AND[link_and],
                _F_LINK_COMMA[link_comma],
                *[f"win={w_}" for w_ in words[max(0, ci - 4) : ci]],
                *[f"nwin={w_}" for w_ in words[cj : cj + 3]],
            ],
        )


class _Trig:
    """What the features of a trigger are, whatever the candidate."""

    __slots__ = ("mid", "next_a", "next_b", "side_a", "side_b", "span", "ti", "tj", "w")

    def __init__(self, ctx: _Context, trig: tuple[int, int]) -> None:
        self.span = trig
        self.ti = bisect_left(ctx.starts, trig[0])
        tj = self.tj = bisect_left(ctx.starts, trig[1])  # first token after the trigger
        self.mid = (trig[0] + trig[1]) / 2
        self.w = ctx.text[trig[0] : trig[1]].lower()
        nxt = ctx.words[tj] if tj < len(ctx.words) else "$"
        self.next_a, self.next_b = f"trig_next={nxt}A", f"trig_next={nxt}B"
        # the candidates on each side that do not overlap the trigger, with their distance
        t0, t1, mid = trig[0], trig[1], self.mid
        self.side_a: list[tuple[float, int, int]] = []
        self.side_b: list[tuple[float, int, int]] = []
        for o in ctx.cands:
            if o.start < t1 and t0 < o.end:
                continue
            side = self.side_a if o.start >= t1 else self.side_b
            side.append((abs((o.start + o.end) / 2 - mid), o.start, o.end))


class _Context:
    """One sentence's tokens and candidates, with what was found of each candidate."""

    __slots__ = ("_info", "cand_starts", "cands", "people", "starts", "text", "toks", "words")

    def __init__(
        self,
        text: str,
        toks: Sequence[Token],
        starts: Sequence[int],
        cands: Sequence[Cand],
        people: set[str],
        words: Sequence[str],
    ) -> None:
        self.text, self.toks, self.starts, self.cands = text, toks, starts, cands
        self.people, self.words = people, words
        self.cand_starts = sorted(o.start for o in cands)
        self._info: dict[Cand, _Cand] = {}

    def candidate(self, c: Cand) -> _Cand:
        info = self._info.get(c)
        if info is None:
            info = self._info[c] = _Cand(self, c)
        return info

    def trigger(self, trig: tuple[int, int]) -> _Trig:
        return _Trig(self, trig)

    def features(self, ci: _Cand, t: _Trig) -> list[str]:
        """The features of one pair, in the order the model was trained with."""
        c, words = ci.c, self.words
        trig = t.span
        ti, tj = t.ti, t.tj
        after = c.start >= trig[1]
        side = 0 if after else 1
        d = _SIDES[side]
        lo, hi = (min(ci.cj, ti), max(ci.ci, ti)) if after else (ci.cj, ti)
        between = words[lo:hi] if lo < hi else []
        dist = len(between)
        commas = 0
        for w in between:
            if w in _CLAUSE_PUNCT:
                commas += 1
        cs = self.cand_starts
        if after:
            n_between = max(0, bisect_left(cs, c.start) - bisect_left(cs, trig[1]))
        else:
            n_between = max(0, bisect_left(cs, trig[0]) - bisect_left(cs, c.end))
        # rank by distance among the candidates on the same side
        mine = abs(ci.mid - t.mid)
        closer = 0
        c0, c1 = c.start, c.end
        for dist_o, o0, o1 in t.side_a if after else t.side_b:
            if dist_o < mine and not (o0 <= c0 < o1 or c0 <= o0 < c1):
                closer += 1
        prep, pk = ci.prep, ci.pk
        trig_w = t.w
        bucket = _bucket(dist)
        r2 = min(closer, 2)
        f = [
            "bias",
            _RANK[side][min(closer, 3)],
            f"rank_prep={d}{r2}{prep}",
            f"rank_gaz={d}{r2}{c.gaz}",
            *ci.prep_kind_gaz,
            f"trig_d={trig_w}{d}",
            *(ci.fixed_a if after else ci.fixed_b),
            _DIST[side][bucket],
            _COMMAS[side][min(commas, 3)],
            _NB[side][min(n_between, 3)],
        ]
        head = ci.head
        f += head[:3]
        f.append(head[3] + d)
        f += head[4:12]
        f.append(head[12] + d)
        f.append(head[13])
        f.append(head[14] + d)
        f.append(head[15] + d)
        f += head[16:]
        f.append(f"trig={trig_w}")
        f.append(f"trig_prep={trig_w}_{prep}")
        tail, said_after, adj, rest = ci.tail
        f += tail
        # where the preposition attaches: right after the trigger ("killed in X") or to a noun
        pp = pk >= 0 and tj <= pk <= tj + 3
        f.append(_F_PP_TRIG[pp])
        f.append(f"pp_trig_prep={pp}{prep}")
        verbs = 0
        said = quote = False
        for w in between:
            if len(w) > 4 and (w.endswith("ed") or w.endswith("ing")):
                verbs += 1
            if w in _SAID:
                said = True
            if w in _QUOTES:
                quote = True
        f.append(_VERBS[side][min(verbs, 2)])
        f.append(f"prep_dist={prep}{d}{bucket}")
        f.append(f"prep_rank_dist={prep}{d}{r2}{bucket}")
        f.append(said_after)
        f.append(_SAID_BETWEEN[side][said])
        f.append(_F_QUOTE_BETWEEN[quote])
        f += adj
        toks = self.toks
        f.append(_F_SENT_SAME[toks[ci.ci].sent == toks[min(ti, len(toks) - 1)].sent])
        f.append(t.next_a if after else t.next_b)
        f += rest
        if between:
            f.append(f"b_first={between[0]}" if after else f"b_last={between[-1]}")
            if after and dist <= 6:
                f.append("bw=" + "_".join(between[:3]))
        for w in set(between):
            if w in _CLAUSE_CUES:
                f.append(f"bw_has={w}{d}")
        return f


# --------------------------------------------------------------------------------------------
# model

MODEL_RESOURCE = "models/event_location.json"  # the shipped weights (package data)
MODEL_FORMAT = 1  # the layout of that file: what :func:`load_model` reads and the trainer writes


def feature_key(f: str) -> int:
    """The model stores weights by a CRC-32 of the feature string (no corpus words kept)."""
    return zlib.crc32(f.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Model:
    """The two logistic stages, weights keyed by :func:`feature_key`.

    ``weights``: first stage, one (candidate, trigger) pair; ``event_weights``: second stage,
    does the event have a place in the sentence; ``split``: what it was fitted on.
    """

    weights: Mapping[int, float]
    event_weights: Mapping[int, float]
    split: str


def load_model(path: str | PathLike[str] | None = None) -> Model:
    """The shipped model (read once, on first use), or the model file at ``path``.

    A missing or corrupt file (not JSON, another format, a stage missing, a key that is not a
    CRC-32, a weight that is not a finite number) is a :class:`ResourceError`.
    """
    if path is None:
        return _shipped_model()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ResourceError(
            f"event-location model {str(path)!r} is missing or unreadable "
            f"({err.__class__.__name__})"
        ) from err
    except ValueError as err:  # not UTF-8, not JSON
        raise ResourceError(f"event-location model {str(path)!r} is not valid JSON: {err}") from err
    return _parse_model(data, f"event-location model {str(path)!r}")


@cache
def _shipped_model() -> Model:
    return _parse_model(read_json(MODEL_RESOURCE), f"geomap package data {MODEL_RESOURCE!r}")


def _fast_stage(table: dict[str, Any]) -> dict[int, float] | None:
    """A stage's weights when every key is a CRC-32 and every weight a finite number, checked
    a column at a time (the shipped model has some 35,000 weights, read at every start), else
    None."""
    keys, values = list(table), list(table.values())
    if not (all(map(str.isascii, keys)) and all(map(str.isdigit, keys))):
        return None
    ints = list(map(int, keys))
    if ints and max(ints) >= 2**32:
        return None
    if not set(map(type, values)) <= {int, float} or not all(map(math.isfinite, values)):
        return None
    return dict(zip(ints, map(float, values), strict=True))


def _parse_model(data: Any, where: str) -> Model:
    def bad(why: str) -> ResourceError:
        return ResourceError(
            f"{where} is not a usable event-location model: {why}; regenerate "
            "it with `python -m geomap.eval.train_evloc train` (CONTRIBUTING.md)"
        )

    if not isinstance(data, dict):
        raise bad("not a JSON object")
    fmt = data.get("format")
    if type(fmt) is not int or fmt != MODEL_FORMAT:
        raise bad(f"format {fmt!r}, expected {MODEL_FORMAT}")
    split = data.get("split")
    if not isinstance(split, str):
        raise bad("no 'split' text")
    stages: list[dict[int, float]] = []
    for name in ("weights", "event_weights"):
        table = data.get(name)
        if not isinstance(table, dict) or not table:
            raise bad(f"{name!r} is missing or empty")
        stage = _fast_stage(table)
        if stage is None:  # something is wrong: entry by entry, to say what
            stage = {}
            for k, v in table.items():
                if not (k.isascii() and k.isdigit() and int(k) < 2**32):
                    raise bad(f"{name!r} has the key {k!r}, not a CRC-32")
                if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                    raise bad(f"{name!r}[{k}] is {v!r}, not a finite number")
                stage[int(k)] = float(v)
        stages.append(stage)
    return Model(stages[0], stages[1], split)


#: feature string -> key, filled as features are met (the feature vocabulary is small and
#: fixed by the templates; bounded so that odd texts cannot grow it without end)
_KEYS: dict[str, int] = {}
_KEYS_MAX = 200_000


def _z(feats: Iterable[str], w: Mapping[int, float]) -> float:
    keys, get, z = _KEYS, w.get, 0.0
    for f in feats:
        k = keys.get(f)
        if k is None:
            k = feature_key(f)
            if len(keys) < _KEYS_MAX:
                keys[f] = k
        z += get(k, 0.0)
    return z


#: per model (held, so that its id stays its own): feature string -> weight, for each stage;
#: a :class:`Model` is frozen and its weights are not changed once it is made
_BY_FEATURE: dict[int, tuple[Model, dict[str, float], dict[str, float]]] = {}


def _feature_weights(model: Model) -> tuple[dict[str, float], dict[str, float]]:
    """The model's weights by feature string (filled as features are met), for each stage."""
    held = _BY_FEATURE.get(id(model))
    if held is None or held[0] is not model:
        if len(_BY_FEATURE) >= 8:
            _BY_FEATURE.clear()
        held = _BY_FEATURE[id(model)] = (model, {}, {})
    return held[1], held[2]


def _z_by_feature(feats: Iterable[str], w: Mapping[int, float], by: dict[str, float]) -> float:
    """:func:`_z` with the weights of the features met before looked up by their string."""
    get, z = by.get, 0.0
    for f in feats:
        v = get(f)
        if v is None:
            v = w.get(feature_key(f), 0.0)
            if len(by) < _KEYS_MAX:
                by[f] = v
        z += v
    return z


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def probability(feats: Iterable[str], weights: Mapping[int, float]) -> float:
    """The logistic score of a feature list under one stage's weights."""
    return _sigmoid(_z(feats, weights))


def analyse(text: str, rec: Recognition) -> tuple[list[Token], list[int], list[Cand]]:
    """The tokens of ``text`` (in the recogniser's sentences), their starts, the candidates."""
    toks = tokenize(text, rec.sentences)
    starts = [t.start for t in toks]
    return toks, starts, candidates(text, rec, toks)


_LINK_AND = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:,\s*)?(?:and|or|&|as well as|/)\s*(?:the\s+)?", re.I
)
_LINK_COMMA = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?,\s*(?:the\s+)?")


def _link(text: str, a: Cand, b: Cand) -> str:
    """How two candidates in text order are joined: "and" (a list), "comma", or ""."""
    gap = text[a.end : b.start]
    if len(gap) > 45:
        return ""
    if _LINK_AND.fullmatch(gap):
        return "and"
    if _LINK_COMMA.fullmatch(gap):
        return "comma"
    return ""


def _decode(
    text: str, scored: list[tuple[float, Cand]], th1: float, th2: float, th3: float
) -> list[Cand]:
    """The best candidate, and others listed with it ("A, B and C") or very likely."""
    if not scored:
        return []
    ranked = sorted(scored, key=lambda x: -x[0])
    if ranked[0][0] < th1:
        return []
    keep: list[tuple[float, Cand]] = []
    for p, c in ranked:
        if p < th2 and keep:
            break
        if any(o.start < c.end and c.start < o.end for _q, o in keep):
            continue
        keep.append((p, c))
    top = keep[0][1]
    pos = sorted((c for _p, c in keep), key=lambda c: c.start)
    links = [_link(text, pos[k], pos[k + 1]) for k in range(len(pos) - 1)]
    k = pos.index(top)
    lo = hi = k
    while lo > 0 and links[lo - 1]:
        lo -= 1
    while hi < len(pos) - 1 and links[hi]:
        hi += 1
    chosen = {top}
    if "and" in links[lo:hi]:
        chosen.update(pos[lo : hi + 1])
    chosen.update(c for p, c in keep if p >= th3)
    return sorted(chosen, key=lambda c: c.start)


_B_TH = (0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)


def event_features(
    text: str,
    toks: Sequence[Token],
    starts: Sequence[int],
    trig: tuple[int, int],
    scored: Sequence[tuple[float, Cand, list[str]]],
    words: Sequence[str] | None = None,
) -> list[str]:
    """Features of the per-trigger decision "does this event have a place in the sentence".

    ``scored`` holds each candidate's first-stage probability, the candidate and its pair
    features: the decision sees the best score, the margin to the second, how many
    candidates there are, the words around the trigger (auxiliaries: passive, future,
    negation), reported speech, and the best candidate's own features.
    """
    if words is None:
        words = [t.text.lower() for t in toks]
    ti = bisect_left(starts, trig[0])
    tj = bisect_left(starts, trig[1])
    tw = text[trig[0] : trig[1]].lower()
    ranked = sorted(scored, key=lambda x: -x[0])
    b = ranked[0][0] if ranked else 0.0
    b2 = ranked[1][0] if len(ranked) > 1 else 0.0
    f = [
        "bias",
        f"trig={tw}",
        f"tsuf={tw[-3:]}",
        f"tp1={words[ti - 1] if ti else '^'}",
        f"tp2={'_'.join(words[max(0, ti - 2) : ti])}",
        f"tn1={words[tj] if tj < len(words) else '$'}",
        f"tn12={'_'.join(words[tj : tj + 2])}",
    ]
    f += [f"b>={t}" for t in _B_TH if b >= t]
    f += [f"m>={t}" for t in (0.05, 0.1, 0.2, 0.3, 0.5, 0.7) if b - b2 >= t]
    f += [f"b2>={t}" for t in (0.1, 0.2, 0.3, 0.5) if b2 >= t]
    f.append(f"nc={_bucket(len(scored))}")
    f.append(f"ngaz={_bucket(sum(c.gaz for _p, c, _f in scored))}")
    f.append(f"len={_bucket(len(words) // 3)}")
    f.append("aux=" + "_".join(w for w in words[max(0, ti - 3) : ti] if w in _AUX))
    f.append(f"said={any(w in _SAID for w in words)}")
    f.append(f"said_after={any(w in _SAID for w in words[tj:])}")
    f.append(f"quote={any(w in _QUOTES for w in words)}")
    f.append(f"tpos={_bucket(ti // 3)}")
    locp = sum(
        1 for i, w in enumerate(words[:-1]) if w in _CORE_LOC and toks[i + 1].text[:1].isupper()
    )
    f.append(f"locp={min(locp, 3)}")
    f.append(f"first={words[0] if words else '^'}")
    if ranked:
        _p, c, feats = ranked[0]
        f.append(f"bkind={c.kind}{c.gaz}{c.role}")
        f += ["b_" + x for x in feats]
        f += [f"bk{t}={c.kind}{c.gaz}" for t in (0.2, 0.3, 0.5, 0.7) if b >= t]
    return f


def locate(
    text: str,
    triggers: Sequence[tuple[int, int]],
    recognition: Recognition,
    *,
    th2: float = 0.05,
    th3: float = 0.8,
    th_event: float = 0.55,
    model: Model | None = None,
) -> list[list[tuple[int, int]]]:
    """Location spans for each trigger (one list per trigger, possibly empty).

    ``recognition`` is the recogniser's result for ``text``. An event gets a place when the
    second stage's probability that it has one in the sentence reaches ``th_event``; then the
    best candidate is kept, with the candidates listed with it ("A, B and C", each at least
    ``th2``) and any other candidate reaching ``th3``. The thresholds were tuned on a
    validation slice of the training part. ``model``: other weights than the shipped ones
    (:func:`load_model`).
    """
    if not triggers:
        return []
    toks, starts, cands = analyse(text, recognition)
    if model is None:
        model = load_model()
    words = [t.text.lower() for t in toks]
    ctx = _Context(text, toks, starts, cands, recognition.people, words)
    by, by_event = _feature_weights(model)
    out: list[list[tuple[int, int]]] = []
    for trig in triggers:
        scored = _score(
            text, toks, starts, cands, recognition.people, trig, model.weights, words, ctx, by
        )
        pairs = [(p, c) for p, c, _f in scored]
        feats = event_features(text, toks, starts, trig, scored, words)
        pe = _sigmoid(_z_by_feature(feats, model.event_weights, by_event))
        chosen = _decode(text, pairs, 0.0, th2, th3) if pe >= th_event else []
        out.append([(c.start, c.end) for c in chosen])
    return out


def _score(
    text: str,
    toks: Sequence[Token],
    starts: Sequence[int],
    cands: Sequence[Cand],
    people: set[str],
    trig: tuple[int, int],
    w: Mapping[int, float],
    words: Sequence[str] | None = None,
    ctx: _Context | None = None,
    by_feature: dict[str, float] | None = None,
) -> list[tuple[float, Cand, list[str]]]:
    """Each candidate not overlapping ``trig``: its first-stage probability, itself and its
    :func:`pair_features` (``ctx``: the sentence's context when the caller scores several
    triggers of it, so that each candidate's own features are found once; ``by_feature``:
    the weights ``w`` by feature string, filled as features are met)."""
    if ctx is None:
        if words is None:
            words = [t.text.lower() for t in toks]
        ctx = _Context(text, toks, starts, cands, people, words)
    t = ctx.trigger(trig)
    out = []
    for c in cands:
        if c.start < trig[1] and trig[0] < c.end:
            continue
        feats = ctx.features(ctx.candidate(c), t)
        z = _z(feats, w) if by_feature is None else _z_by_feature(feats, w, by_feature)
        out.append((_sigmoid(z), c, feats))
    return out
