"""The features of the event-location finder (:mod:`geomap.incidents.evloc`): its candidate
location spans and the sparse string features of each (candidate, trigger) pair and of each
trigger, in the templates and the order the shipped model was trained with.

Each candidate's own features (its words, preposition, containers, links, the shape of its
name) do not depend on the trigger: a sentence's :class:`Context` finds them once per
candidate, whatever the number of triggers scored, and the features with few values are
strings made once rather than formatted per pair. The word lists behind the features are
files in ``geomap/resources/lexicon/``: changing one changes what the model sees (retrain).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from geomap.places.recognise import TITLE_WORDS, Recognition
from geomap.text.lexicon import words as _lexicon
from geomap.text.tokens import Token, tokenize

__all__ = [
    "Cand",
    "Context",
    "analyse",
    "candidates",
    "event_features",
    "link",
    "pair_features",
]

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
    ctx = Context(text, toks, starts, cands, people, words)
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
        "kind_gaz",
        "mid",
        "pk",
        "prep",
        "prep_kind_gaz",
        "sided",
        "tail",
    )

    def __init__(self, ctx: Context, c: Cand) -> None:
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
        gaps = ctx.gap
        for o in cands:
            os_, oe = o.start, o.end
            if os_ == cs and oe == ce:
                continue  # itself (no other candidate has its span)
            if os_ <= cs and ce <= oe:
                nested = True
            if cs <= os_ and oe <= ce:
                contains = True
            if oe <= cs:  # before it
                if cs - oe <= 45:
                    # containers: "the Ghazi Qala area of Ghazni", "Suuqa Xoolaha neighborhood
                    # of Mogadishu"
                    inner, lk = gaps(oe, cs)
                    if inner and (o.gaz or not o.role):
                        container = True
                    link_and = link_and or lk == "and"
                    link_comma = link_comma or lk == "comma"
            elif ce <= os_ and os_ - ce <= 45:  # after it
                inner, lk = gaps(ce, os_)
                contained = contained or inner
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
        head = [
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
        # with the side appended (A: after the trigger, B: before it) where the model has it
        self.sided = tuple(
            [
                *head[:3],
                head[3] + d_,
                *head[4:12],
                head[12] + d_,
                head[13],
                head[14] + d_,
                head[15] + d_,
                *head[16:],
            ]
            for d_ in _SIDES
        )
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

    __slots__ = (
        "_tp",
        "mid",
        "next_a",
        "next_b",
        "side_a",
        "side_b",
        "span",
        "ti",
        "tj",
        "trig_d",
        "trig_f",
        "w",
    )

    def __init__(self, ctx: Context, trig: tuple[int, int]) -> None:
        self.span = trig
        self.ti = bisect_left(ctx.starts, trig[0])
        tj = self.tj = bisect_left(ctx.starts, trig[1])  # first token after the trigger
        self.mid = (trig[0] + trig[1]) / 2
        w = self.w = ctx.text[trig[0] : trig[1]].lower()
        self.trig_d = (f"trig_d={w}A", f"trig_d={w}B")
        self.trig_f = f"trig={w}"
        self._tp: dict[str, str] = {}
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

    def trig_prep(self, prep: str) -> str:
        """The trigger word with a candidate's preposition (made once per preposition)."""
        f = self._tp.get(prep)
        if f is None:
            f = self._tp[prep] = f"trig_prep={self.w}_{prep}"
        return f


class Context:
    """One sentence's tokens and candidates, with what was found of each candidate."""

    __slots__ = (
        "_gaps",
        "_info",
        "cand_starts",
        "cands",
        "people",
        "starts",
        "text",
        "toks",
        "words",
    )

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
        self._gaps: dict[tuple[int, int], tuple[bool, str]] = {}

    def gap(self, end: int, start: int) -> tuple[bool, str]:
        """What joins two places at most 45 characters apart, the first ending at ``end``, the
        second starting at ``start``: whether the text between may stand between a place and
        its container (at most 25 characters), and their :func:`link` (found once per gap:
        both places of a pair ask)."""
        got = self._gaps.get((end, start))
        if got is None:
            text = self.text
            inner = start - end <= 25 and _CONTAINER_GAP.fullmatch(text, end, start) is not None
            gap = text[end:start]
            lk = (
                "and" if _LINK_AND.fullmatch(gap) else "comma" if _LINK_COMMA.fullmatch(gap) else ""
            )
            got = self._gaps[(end, start)] = (inner, lk)
        return got

    def candidate(self, c: Cand) -> _Cand:
        info = self._info.get(c)
        if info is None:
            info = self._info[c] = _Cand(self, c)
        return info

    def trigger(self, trig: tuple[int, int]) -> _Trig:
        return _Trig(self, trig)

    def features(self, ci: _Cand, t: _Trig) -> list[str]:
        """The features of one pair (a set: their order does not count)."""
        c, words = ci.c, self.words
        trig = t.span
        ti, tj = t.ti, t.tj
        after = c.start >= trig[1]
        side = 0 if after else 1
        d = _SIDES[side]
        lo, hi = (min(ci.cj, ti), max(ci.ci, ti)) if after else (ci.cj, ti)
        between = words[lo:hi] if lo < hi else []
        dist = len(between)
        # one pass over the words between: clause punctuation, verb-like words, reported
        # speech, quotes, clause cues
        commas = verbs = 0
        said = quote = False
        cues: list[str] = []
        for w in between:
            if w in _CLAUSE_PUNCT:
                commas += 1
            if len(w) > 4 and (w.endswith("ed") or w.endswith("ing")):
                verbs += 1
            if w in _SAID:
                said = True
            if w in _QUOTES:
                quote = True
            if w in _CLAUSE_CUES and w not in cues:
                cues.append(w)
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
        bucket = _bucket(dist)
        r2 = min(closer, 2)
        f = [
            "bias",
            _RANK[side][min(closer, 3)],
            f"rank_prep={d}{r2}{prep}",
            f"rank_gaz={d}{r2}{c.gaz}",
            *ci.prep_kind_gaz,
            t.trig_d[side],
            *(ci.fixed_a if after else ci.fixed_b),
            _DIST[side][bucket],
            _COMMAS[side][min(commas, 3)],
            _NB[side][min(n_between, 3)],
            *ci.sided[side],
            t.trig_f,
            t.trig_prep(prep),
        ]
        tail, said_after, adj, rest = ci.tail
        f += tail
        # where the preposition attaches: right after the trigger ("killed in X") or to a noun
        pp = pk >= 0 and tj <= pk <= tj + 3
        f.append(_F_PP_TRIG[pp])
        f.append(f"pp_trig_prep={pp}{prep}")
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
        for w in cues:
            f.append(f"bw_has={w}{d}")
        return f


def analyse(text: str, rec: Recognition) -> tuple[list[Token], list[int], list[Cand]]:
    """The tokens of ``text`` (in the recogniser's sentences), their starts, the candidates."""
    toks = tokenize(text, rec.sentences)
    starts = [t.start for t in toks]
    return toks, starts, candidates(text, rec, toks)


_LINK_AND = re.compile(
    r"\s*(?:\([^()]{0,30}\)\s*)?(?:,\s*)?(?:and|or|&|as well as|/)\s*(?:the\s+)?", re.I
)
_LINK_COMMA = re.compile(r"\s*(?:\([^()]{0,30}\)\s*)?,\s*(?:the\s+)?")


def link(text: str, a: Cand, b: Cand) -> str:
    """How two candidates in text order are joined: "and" (a list), "comma", or ""."""
    gap = text[a.end : b.start]
    if len(gap) > 45:
        return ""
    if _LINK_AND.fullmatch(gap):
        return "and"
    if _LINK_COMMA.fullmatch(gap):
        return "comma"
    return ""


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
