"""Names with a shape: roads, median lines, named features, hyphenated and listed names."""

from __future__ import annotations

from geomap.models import Entry, Mention
from geomap.places.features import (
    LINE_RE,
    PREFIXED,
    ROAD_RE,
    feature_run,
    hyphen_parts,
    line_keys,
    plural_heads,
)
from geomap.places.runs import capitalised_runs
from geomap.text.tokens import Token, sentences, tokenize

_KISH = Entry("g:kish", "Kish", "island", 26.5, 53.98, country_code="IR")
_US = Entry("c:us", "United States", "country", 39.8, -98.6, country_code="US")
_CN = Entry("c:cn", "China", "country", 35.0, 103.0, country_code="CN")
_LONDON = Entry("g:london", "London", "city", 51.5, -0.12, country_code="GB", population=8_900_000)


def test_numbered_roads() -> None:
    text = "Crashes on Highway 19, KY 52, Interstate 45 and SR-24, not in AB 12."
    assert [m.group() for m in ROAD_RE.finditer(text)] == [
        "Highway 19",
        "KY 52",
        "Interstate 45",
        "SR-24",
    ]


def test_median_lines() -> None:
    m = next(LINE_RE.finditer("jets crossed the centre line of the Taiwan Strait"))
    assert line_keys(m)[:2] == ["taiwan strait median line", "taiwan strait centre line"]
    assert line_keys(m)[-1] == "center line"


def test_feature_run_keeps_a_river_off_its_island() -> None:
    text = "Boats sailed up the Kish River on Sunday."
    toks = tokenize(text, sentences(text))
    i, j = next((i, j) for i, j in capitalised_runs(toks, text) if toks[i].text == "Kish")
    found = feature_run(text, toks, i, j, set(), i, {"kish": [(_KISH, "name")]})
    assert found is not None
    mention, end = found
    assert (mention.text, mention.key, mention.cue) == ("Kish River", "kish river", "river")
    assert toks[end - 1].text == "River"


def test_hyphenated_parts_and_prefixes() -> None:
    cands = {"us": [(_US, "abbr")], "china": [(_CN, "name")], "london": [(_LONDON, "name")]}
    out: list[Mention] = []
    for word in ("US-China", "London-based"):
        hyphen_parts(word, Token(0, len(word), word, 0, False, True), cands, {}, out)
    assert [(m.text, m.role) for m in out] == [
        ("US", "associative"),
        ("China", "associative"),
        ("London", "literal"),
    ]
    assert [
        m.group(1) for m in PREFIXED.finditer("anti-Russian and pro-Moscow, not semi-Arid")
    ] == ["Russian", "Moscow"]


def test_plural_heads() -> None:
    text = "Storms hit Becker and Clay counties and Bourbon and Dauphine streets."
    county = Entry("g:clay", "Clay", "admin2", 46.9, -96.5, country_code="US")
    got = plural_heads(text, [], {"clay": [(county, "name")]})
    assert [(m.text, m.key, m.cue) for m in got] == [
        ("Clay", "clay", "admin2"),
        ("Bourbon", "bourbon street", "street"),
        ("Dauphine", "dauphine street", "street"),
    ]
