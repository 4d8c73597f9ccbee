"""Capitalised runs: where the recogniser looks for names."""

from __future__ import annotations

from geomap.places.runs import (
    TakenSpans,
    capitalised_runs,
    headlines,
    joined_names,
    merge_joined,
)
from geomap.text.tokens import Token, sentences, tokenize


def _tokens(text: str) -> list[Token]:
    return tokenize(text, sentences(text))


def _runs(text: str) -> list[str]:
    toks = _tokens(text)
    return [text[toks[i].start : toks[j - 1].end] for i, j in capitalised_runs(toks, text)]


def test_connectors_and_periods_stay_inside_a_run() -> None:
    assert _runs("Flights from St. Louis to the Isle of Man and Rio de Janeiro.") == [
        "Flights",
        "St. Louis",
        "Isle of Man",
        "Rio de Janeiro",
    ]


def test_trailing_connector_is_trimmed() -> None:
    assert _runs("He met Bandar of the guards.") == ["He", "Bandar"]


def test_title_case_lines_are_headlines() -> None:
    text = "Storms Batter Coastal Towns Overnight\nResidents of the town said it rained."
    assert headlines(_tokens(text)) == {0}


def test_two_runs_joined_by_and_make_one_name() -> None:
    text = "Aid reached Bosnia and Herzegovina and Washington, D.C. today."
    toks = _tokens(text)
    runs = capitalised_runs(toks, text)
    joined = joined_names(text, toks, runs)
    assert ("bosnia and herzegovina", (runs[1][0], runs[2][1])) in joined
    assert any(key == "washington, dc" and span == (-1, -1) for key, span in joined)
    merged = merge_joined(runs, [(runs[1][0], runs[2][1])])
    assert len(merged) == len(runs) - 1


def test_taken_spans() -> None:
    taken = TakenSpans(20)
    taken.append((3, 7))
    assert list(taken) == [(3, 7)]
    assert [taken.covers(p) for p in (2, 3, 6, 7)] == [False, True, True, False]


def test_taken_spans_overlap_agrees_with_the_pairwise_check() -> None:
    """Nested, equal and touching spans: what resolve_spans and the initialism rule ask of
    TakenSpans (made-up offsets)."""
    import random

    rng = random.Random(3)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 80)
            spans.append((s, s + rng.randint(1, 25)))
        taken = TakenSpans(110)
        for span in spans:
            taken.append(span)
        for _ in range(30):
            a = rng.randint(0, 100)
            b = a + rng.randint(1, 10)
            assert taken.overlaps(a, b) == any(s < b and a < e for s, e in spans)
