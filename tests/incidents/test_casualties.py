"""Casualty counts as numbers, on sentences written for the tests."""

from __future__ import annotations

import pytest

from geomap.incidents.casualties import Casualties, casualties


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Gunmen attacked a bus, killing at least 23 people and wounding two.",
            Casualties(23, 2, True),
        ),
        ("Two people were wounded in the blast.", Casualties(None, 2, False)),
        ("12 killed and four injured in a suicide bombing.", Casualties(12, 4, False)),
        ("The death toll rose to 40 on Monday.", Casualties(40, None, False)),
        ("Twenty-three soldiers were killed.", Casualties(23, None, False)),
        ("Militants killed 5 soldiers and injured 3 civilians.", Casualties(5, 3, False)),
        ("More than 1,200 people were hurt.", Casualties(None, 1200, True)),
        ("More than 120 workers staged a sit-in.", Casualties(None, None, False)),
        ("A memorial to those killed in 2019 was opened.", Casualties(None, None, False)),
        # a subset is no count of the whole
        ("Nine people, including three women, were hurt.", Casualties(None, None, False)),
    ],
)
def test_counts(sentence: str, expected: Casualties) -> None:
    assert casualties(sentence) == expected


def test_counts_reach_the_incident(run) -> None:  # type: ignore[no-untyped-def]
    incs = run("Gunmen attacked a market in Gao, killing at least 12 people.")
    attack = next(i for i in incs if i.category == "armed_clash_attack")
    assert attack.fatalities == 12 and attack.casualties_at_least
    assert attack.injured is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("A soldier was killed near the border.", Casualties(1, None, False)),
        ("Gunmen shot a man, killing a bystander.", Casualties(1, None, False)),
    ],
)
def test_one_in_words(sentence: str, expected: Casualties) -> None:
    assert casualties(sentence) == expected
