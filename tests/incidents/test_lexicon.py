"""The incident stage's word tables: read from the data files, consistent with each other."""

from __future__ import annotations

import re

from geomap.incidents import CATEGORIES
from geomap.incidents.lexicon import (
    CROSSWALK,
    LABELS,
    TRIGGER_CROSSWALK,
    TRIGGERS,
    alternation,
    word_regex,
)


def test_alternation_escapes_and_expands_stars() -> None:
    pat = re.compile(rf"\b(?:{alternation(['coast guard', 'cyber*', 'a.b'])})\b")
    assert pat.search("the coast guard") and pat.search("cyberattacks")
    assert not pat.search("axb") and pat.search("a.b")
    assert alternation(["ab", "abc"]) == "abc|ab"  # longest first


def test_word_regex_reads_a_lexicon() -> None:
    air = word_regex("incident_air_words")
    assert air.search("warplanes flew") and not air.search("warships sailed")


def test_tables_are_consistent() -> None:
    assert CATEGORIES[-1] == "other" and CROSSWALK["other"] == ("", "", "")
    assert set(LABELS) == set(CATEGORIES)
    assert {cat for _, cat, _ in TRIGGERS} <= set(CATEGORIES)
    quads = {
        "verbal cooperation",
        "material cooperation",
        "verbal conflict",
        "material conflict",
        "",
    }
    for plover, cameo, quad in [*CROSSWALK.values(), *TRIGGER_CROSSWALK.values()]:
        assert quad in quads
        assert (cameo == "") == (plover == "") and (cameo == "" or re.fullmatch(r"\d\d", cameo))
    # one family per (category, stem), in the table's priority order
    assert len({(cat, stem) for _, cat, stem in TRIGGERS}) == len(TRIGGERS)
    assert TRIGGERS[0][1] == "summit_conference"
