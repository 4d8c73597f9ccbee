"""Triggers: finding event words, their category and crosswalk, modality and domain."""

from __future__ import annotations

from geomap.incidents.triggers import (
    crosswalk,
    domain_of,
    find_triggers,
    modality_of,
    refine_category,
    trigger_hits,
)

from .conftest import place_in


def _words(sentence: str) -> list[tuple[str, str]]:
    return [(t.text, t.category) for t in find_triggers(sentence, 0)]


def test_triggers_and_their_categories() -> None:
    assert _words("Ministers held talks in Rome.") == [("held talks", "diplomatic_meeting")]
    assert _words("They signed a deal.") == [
        ("signed", "agreement_cooperation"),
        ("deal", "agreement_cooperation"),
    ]
    # a government's protest is a statement, not unrest
    assert _words("Manila lodged a diplomatic protest.") == [
        ("diplomatic protest", "statement_accusation")
    ]
    assert _words("Manila lodged a protest.") == [("lodged a protest", "statement_accusation")]
    assert _words("Police arrested ten men after the riots.") == [
        ("arrested", "coercion_enforcement"),
        ("riots", "protest_unrest"),
    ]


def test_offsets_are_absolute() -> None:
    text = "Nothing here. Protesters marched on Friday."
    s0 = text.index("Protesters")
    trigs = find_triggers(text[s0:], s0)
    assert [(t.start, t.end, text[t.start : t.end]) for t in trigs] == [
        (s0, s0 + 10, "Protesters"),
        (s0 + 11, s0 + 18, "marched"),
    ]
    hits = trigger_hits(text.lower())
    assert [(s, e) for s, e, _ in hits] == [(t.start, t.end) for t in trigs]


def test_words_that_are_no_event() -> None:
    assert not _words("They discussed issues such as tariffs and drills.")  # topics
    assert not _words('He said "we will attack" again.')  # quoted
    assert not _words("Navies regularly patrol the strait.")  # habitual
    assert not _words("They want to deal with it.")  # a verb, not the noun "deal"
    # a capitalised trigger inside a name is none, except meeting words ("Summit")
    assert _words("The Carrier Strike Group sailed north.") == [("sailed", "maritime_incident")]


def _modality(sentence: str) -> str | None:
    t = find_triggers(sentence, 0)[-1]
    return modality_of(sentence, t.start, t)


def test_modality() -> None:
    assert _modality("The ministers did not meet.") is None
    assert _modality("The ministers never met.") is None
    assert _modality("The ministers will meet.") == "future"
    assert _modality("The ministers are due to meet.") == "future"
    assert _modality("Officials hoped the leaders could meet.") == "hypothetical"
    assert _modality("There is a possibility of a summit in Bali in November.") == "hypothetical"
    assert _modality("The ministers met.") == "asserted"


def test_crosswalk_refined_by_trigger_within_its_class() -> None:
    assert crosswalk("statement_accusation", "condemned") == ("ACCUSE", "11", "verbal conflict")
    assert crosswalk("statement_accusation", "demanded") == ("REQUEST", "10", "verbal conflict")
    assert crosswalk("armed_clash_attack", "clashes") == ("ASSAULT", "19", "material conflict")
    # "aid" is cooperation: it does not refine a conflict category
    assert crosswalk("armed_clash_attack", "aid") == ("ASSAULT", "18", "material conflict")
    assert crosswalk("other") == ("", "", "")
    assert crosswalk("no_such_category") == ("", "", "")


def test_domain_and_refined_category() -> None:
    s = "two navy warships patrolled the black sea"
    assert domain_of(s, "maritime_incident", None) == "sea"
    assert domain_of("jets crossed the line", "airspace_incursion", None) == "air"
    assert domain_of("a cyberattack hit the ministry", "coercion_enforcement", None) == "cyber"
    assert domain_of("a satellite was launched", "military_activity", None) == "space"
    sentence = "Troops clashed in the South China Sea."
    sea = place_in(sentence, "South China Sea", "sea")
    assert domain_of(sentence.lower(), "armed_clash_attack", sea) == "sea"
    assert domain_of(sentence.lower(), "protest_unrest", sea) == "land"
    assert (
        refine_category("airspace_incursion", "warships crossed the strait", None)
        == "maritime_incident"
    )
    assert (
        refine_category("airspace_incursion", "troops crossed the border", None)
        == "military_activity"
    )
    assert refine_category("maritime_incident", "jets patrolled", None) == "airspace_incursion"
    assert refine_category("protest_unrest", "jets", None) == "protest_unrest"


def test_quoted_counts_the_quotes_before_the_position() -> None:
    from geomap.incidents.triggers import quoted

    for sentence in (  # made up
        'He said “we will strike” and then "they struck" again.',
        "“Open “nested” and unclosed",
        "No quotes here at all.",
        '"',
    ):
        for pos in range(-len(sentence) - 2, len(sentence) + 3):
            before = sentence[:pos]
            want = before.count("“") > before.count("”") or before.count('"') % 2 == 1
            assert quoted(sentence, pos) == want, (sentence, pos)
