"""The place stage's work per article grows with its length: the mechanisms, not timings.

Each bounded step is checked two ways: on an article small enough for the bound not to bite it
gives what the all-pairs computation gives (written out here as the reference), and its count
of evaluations grows in proportion to the article.
"""

from __future__ import annotations

import importlib
import random
import re
from collections import Counter

import pytest

from geomap.geo import haversine_km
from geomap.models import Entry, Mention
from geomap.places import Resolution
from geomap.places.features import (
    LINE_RE,
    LINE_REACH,
    PLURAL_HEADS,
    _listed_before_head,
    feature_run,
    line_matches,
    plural_heads,
)
from geomap.places.runs import TakenSpans
from geomap.text.tokens import MAX_SENTENCE, sentences, tokenize

rs = importlib.import_module(
    "geomap.places.resolve"
)  # the module (the package exports the function)
coh = importlib.import_module("geomap.places.coherence")


def _article(
    n_keys: int, seed: int, per_key: int = 3, spread: float = 4.0
) -> tuple[list[Mention], dict[str, list[tuple[Entry, str]]]]:
    """``n_keys`` names with ``per_key`` town readings each, around one region (so that many
    pairs lie within the 300 km the coherence weights reach)."""
    rng = random.Random(seed)
    mentions, cands = [], {}
    for k in range(n_keys):
        key = f"name{k}"
        mentions.append(Mention(10 * k, 10 * k + 5, key, key))
        cands[key] = [
            (
                Entry(
                    f"g:{k}:{c}",
                    key,
                    "city",
                    40 + rng.uniform(-spread, spread),
                    10 + rng.uniform(-spread, spread),
                    country_code="XX",
                    population=rng.randint(100, 100_000),
                ),
                "name",
            )
            for c in range(per_key)
        ]
    return mentions, cands


def _weight(d: float) -> float:
    return 1.0 if d < 30 else 0.6 if d < 100 else 0.3 if d < 300 else 0.0


def _all_pairs_coherence(
    mentions: list[Mention], cands: dict[str, list[tuple[Entry, str]]]
) -> dict[tuple[str, str], float]:
    """The coherence of every candidate against the nearest candidate of every other name."""
    keys = list(dict.fromkeys(m.key for m in mentions))
    top = {
        k: [e for _, e in sorted(((rs.prior(e, nt), e) for e, nt in cands[k]), key=lambda x: -x[0])]
        for k in keys
    }
    out = {}
    for k in keys:
        for e in top[k][: coh._TOP_K]:
            w = [
                _weight(
                    min(haversine_km(e.lat, e.lon, o.lat, o.lon) for o in top[k2][: coh._TOP_K])
                )
                for k2 in keys
                if k2 != k
            ]
            b = coh.COHERENCE * sum(w) / (len(keys) - 1)
            if b > 0:
                out[(k, e.id)] = b
    return out


def test_coherence_equals_all_pairs_within_the_window() -> None:
    n = 2 * coh.COHERENCE_WINDOW + 1  # every name in every other name's window
    mentions, cands = _article(n, seed=1)
    got = coh._coherence(mentions, cands)
    want = _all_pairs_coherence(mentions, cands)
    assert got.keys() == want.keys()
    assert all(got[k] == pytest.approx(want[k], abs=1e-9) for k in want)


def test_coherence_pairs_grow_linearly() -> None:
    counts = []
    for n in (1000, 2000, 4000):
        evaluated: list[int] = []
        mentions, cands = _article(n, seed=2, per_key=2, spread=1.0)
        bonus = coh._coherence(mentions, cands, evaluated)
        assert len(bonus) == 2 * n  # every candidate near others: all get a bonus
        counts.append(sum(evaluated))
        # per row: at most the candidates of a block and its two half-windows of names
        assert sum(evaluated) <= (2 * n) * 2 * (coh._BLOCK + 2 * coh.COHERENCE_WINDOW + 1)
    assert counts[2] / counts[0] < 4.5  # 4 times the names, about 4 times the pairs


def _all_pairs_resolved(
    mentions: list[Mention], cands: dict[str, list[tuple[Entry, str]]], out: list[Resolution]
) -> dict[tuple[str, str], float]:
    chosen: dict[str, Entry] = {}
    for r in out:
        if r.entry is not None:
            chosen.setdefault(r.mention.key, r.entry)
    res = {}
    for k in dict.fromkeys(m.key for m in mentions):
        others = [e for k2, e in chosen.items() if k2 != k]
        for e, _ in cands[k]:
            w = [_weight(haversine_km(e.lat, e.lon, o.lat, o.lon)) for o in others]
            b = coh.COHERENCE * sum(w) / len(others)
            if b > 0:
                res[(k, e.id)] = b
    return res


def test_resolved_coherence_equals_all_pairs_within_the_window() -> None:
    n = 2 * coh.COHERENCE_WINDOW + 1
    mentions, cands = _article(n, seed=3)
    rng = random.Random(3)
    # some names resolved, some not (a name left unresolved still scores its readings)
    out = [
        Resolution(m, rng.choice(cands[m.key])[0] if rng.random() < 0.8 else None, 1.0, 1.0)
        for m in mentions
    ]
    got = coh._coherence_resolved(mentions, cands, out)
    want = _all_pairs_resolved(mentions, cands, out)
    assert got.keys() == want.keys()
    assert all(got[k] == pytest.approx(want[k], abs=1e-9) for k in want)


def test_resolved_coherence_pairs_grow_linearly() -> None:
    counts = []
    for n in (1000, 4000):
        mentions, cands = _article(n, seed=4, per_key=2, spread=1.0)
        out = [Resolution(m, cands[m.key][0][0], 1.0, 1.0) for m in mentions]
        evaluated: list[int] = []
        coh._coherence_resolved(mentions, cands, out, evaluated)
        assert sum(evaluated) <= (2 * n) * (coh._BLOCK + 2 * coh.COHERENCE_WINDOW + 1)
        counts.append(sum(evaluated))
    assert counts[1] / counts[0] < 4.5


def test_list_kinds_equal_the_pairwise_votes() -> None:
    """The votes of a list, counted once per list, equal those counted for each pair."""
    rng = random.Random(5)
    kinds = ["city", "admin1", "admin2", "country", "island"]
    out: list[Resolution] = []
    groups: list[list[int]] = []
    for _ in range(60):
        group = []
        for _ in range(rng.randint(2, 7)):
            key = f"k{rng.randint(0, 5)}"
            entry = Entry(f"e{len(out)}", key, rng.choice(kinds), 0.0, 0.0)
            cue = "county" if rng.random() < 0.1 else None
            m = Mention(len(out), len(out) + 1, key, key, cue=cue)
            group.append(len(out))
            out.append(Resolution(m, entry if rng.random() < 0.9 else None, 1.0, rng.random() * 2))
        groups.append(group)
    want: dict[int, str] = {}
    for group in groups:  # the reference: a vote count for every mention of the list
        for i in group:
            if out[i].mention.cue:
                continue
            votes = Counter(
                e.kind
                for j in group
                if j != i
                and (e := out[j].entry) is not None
                and out[j].margin > 0.5
                and e.kind in rs._LIST_KINDS
                and out[j].mention.key != out[i].mention.key
            )
            if votes:
                kind, n = votes.most_common(1)[0]
                if n >= 2 * (sum(votes.values()) - n) and (
                    n >= 2 or (len(group) == 2 and kind in rs._PAIR_KINDS)
                ):
                    want[i] = kind
    assert want  # the draw leaves some lists leaning
    assert rs._list_kinds(groups, out) == want


# the combined pattern the plural-head pass used before (backtracks from every listed name)
_COMBINED = re.compile(
    r"((?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?(?:,? (?:and|or|&) |, ))+"
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)"
    r" (" + "|".join(re.escape(word) for word, _ in PLURAL_HEADS) + r")\b"
)


@pytest.mark.parametrize(
    "text",
    [
        "Floods hit Becker, Clay and Douglas counties on Monday.",
        "Visit Paris, London and Lyon counties, then Rome or Milan provinces.",
        "Alpha Beta Gamma, Delta counties and McDonald, Clay & Ray districts.",
        "Bourbon and Dauphine streets were closed; Ohio, Iowa, Utah states too.",
        "Paris, London, Berlin and Madrid met. Kano and Kaduna states voted.",
        "The A, B, and C counties. D, E and F villages and G or H Counties.",
    ],
)
def test_list_before_head_as_the_combined_pattern(text: str) -> None:
    want = [(m.start(1), m.group(1), m.group(2)) for m in _COMBINED.finditer(text)]
    assert _listed_before_head(text) == want


def test_long_list_without_head_is_one_pass() -> None:
    """A chain of names with no plural type word after it: no list, and the same names as
    its first half followed by a type word give a list of exactly those names."""
    names = [f"Name{i}" for i in range(3000)]
    assert _listed_before_head(", ".join(names) + ".") == []
    text = ", ".join(names[:1500]) + " counties."
    assert _listed_before_head(text) == [(0, ", ".join(names[:1500]), "counties")]


def test_plural_heads_overlap_by_mask() -> None:
    """A listed name overlapping an earlier mention is not added again (the character mask
    stands for the scan over every mention)."""
    text = "Floods hit Becker, Clay and Douglas counties."
    clay = Entry("g:clay", "Clay", "admin2", 0.0, 0.0)
    cands = {"clay": [(clay, "name")], "douglas": [(clay, "name")]}
    taken = Mention(text.index("Clay"), text.index("Clay") + 4, "Clay", "clay")
    inside = Mention(text.index("ouglas"), text.index("ouglas") + 3, "oug", "oug")
    got = plural_heads(text, [taken, inside], cands)
    assert [(m.text, m.cue) for m in got] == [("Clay", "admin2"), ("oug", None)]


def test_taken_spans_overlap() -> None:
    rng = random.Random(6)
    taken = TakenSpans(500)
    for _ in range(40):
        s = rng.randint(0, 480)
        taken.append((s, s + rng.randint(1, 15)))
    for _ in range(500):
        s = rng.randint(0, 490)
        e = s + rng.randint(1, 10)
        assert taken.overlaps(s, e) == any(a < e and s < b for a, b in taken)


@pytest.mark.parametrize(
    "text",
    [
        "Ships crossed the median line of the Taiwan Strait on Monday.",
        "The Taiwan Strait median line and the centre line in the English Channel.",
        "A center line, a middle line across the Gulf and the East China Sea median line.",
        "No line here at all, only Strait Channel Strait words.",
        "xmedian line and median line of the Bay median line",
    ],
)
def test_line_matches_as_finditer(text: str) -> None:
    want = [(m.span(), m.groups()) for m in LINE_RE.finditer(text)]
    assert [(m.span(), m.groups()) for m in line_matches(text)] == want


def test_line_matches_in_a_long_capitalised_run() -> None:
    """A median line after thousands of capitalised words is found with its strait, looked
    for within LINE_REACH characters of the line words only."""
    run = " ".join(["Alpha Beta Gamma"] * 3000)
    text = f"{run} Taiwan Strait median line, said {run}."
    got = line_matches(text)
    assert len(got) == 1 and got[0].group().endswith("Taiwan Strait median line")
    assert got[0].group(1).endswith(" Taiwan Strait") and len(got[0].group(1)) <= LINE_REACH


def test_long_sentences_are_split_into_sections() -> None:
    """A sentence longer than MAX_SENTENCE becomes sections at commas, each no longer than
    the limit; together they keep every word of the text."""
    names = [f"Town{i}" for i in range(3000)]
    text = "Delegates came from " + ", ".join(names) + ". The end."
    spans = sentences(text)
    assert len(spans) > 10
    assert all(b - a <= MAX_SENTENCE for a, b in spans)
    assert all(text[a:b].endswith((",", ".")) for a, b in spans)
    assert " ".join(text[a:b] for a, b in spans).split() == text.split()
    # no punctuation at all: split at spaces, no word cut
    caps = " ".join(["Word"] * 2000)
    assert [w for a, b in sentences(caps) for w in caps[a:b].split()] == caps.split()


def test_features_see_a_person_anywhere_later_in_the_run() -> None:
    """The feature test of a run position asks whether a person stands at or after it (the
    run's last person, computed once), as scanning the rest of the run did."""
    text = "Lake Lanier Austin Smith Royal Street"
    toks = tokenize(text)
    cands: dict[str, list[tuple[Entry, str]]] = {}
    j = len(toks)
    for person in (set(), {2, 3}, {0}, {5}):
        for a in range(j):
            scan = any((k - 0) in person for k in range(a, j))
            got = feature_run(text, toks, a, j, person, 0, cands)
            given = feature_run(text, toks, a, j, person, 0, cands, max(person, default=-1))
            assert (got is None) or not scan
            assert got == given
    assert feature_run(text, toks, 0, j, set(), 0, cands) is not None  # "Lake Lanier"
    assert feature_run(text, toks, 0, j, {5}, 0, cands) is None
