"""The overlap test of resolve_spans' context: exact for nested, equal and touching spans."""

from __future__ import annotations

import random

from geomap.places.spans import _overlap_test


def test_overlap_test_agrees_with_the_pairwise_check() -> None:
    rng = random.Random(3)
    for _ in range(200):
        spans = []
        for _ in range(rng.randint(0, 12)):
            s = rng.randint(0, 80)
            spans.append((s, s + rng.randint(1, 25)))  # nested and overlapping spans too
        test = _overlap_test(spans)
        for _ in range(30):
            a = rng.randint(0, 100)
            b = a + rng.randint(1, 10)
            assert test(a, b) == any(s < b and a < e for s, e in spans)


def test_touching_spans_do_not_overlap() -> None:
    test = _overlap_test([(10, 15), (20, 30)])
    assert not test(15, 20) and not test(0, 10) and not test(30, 40)
    assert test(14, 16) and test(25, 26) and test(0, 11)
