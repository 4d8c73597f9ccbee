"""Coreference in one article: definite mentions, folding, inherited places."""

from __future__ import annotations

from datetime import date

from geomap.incidents.coref import corefer, fold, is_definite, separate, sidelines
from geomap.incidents.draft import Draft
from geomap.incidents.triggers import find_triggers
from geomap.models import Actor, Place
from geomap.text.timex import TimeRef

from .conftest import place_in

UNKNOWN = TimeRef(None, None, "unknown")
MONDAY = TimeRef(date(2024, 3, 11), date(2024, 3, 11), "day", "Monday")


def _draft(
    sentence: str,
    word: str,
    *,
    place: Place | None = None,
    time: TimeRef = UNKNOWN,
    people: frozenset[str] = frozenset(),
    modality: str = "asserted",
    definite: bool = False,
) -> Draft:
    t = next(t for t in find_triggers(sentence, 0) if t.text == word)
    d = Draft(
        t,
        (0, len(sentence)),
        t.category,
        "land",
        modality,
        time,
        place,
        "attached" if place else "",
        [Actor(p, "person") for p in sorted(people)],
        set(people),
        definite,
    )
    d.sources.append({"sentence": sentence, "trigger": word})
    return d


def test_is_definite() -> None:
    assert is_definite("They attended the meeting", len("They attended the "))
    assert is_definite("They held the same talks", len("They held the same "))
    assert not is_definite("They attended a meeting", len("They attended a "))


def test_separate_and_fold() -> None:
    s = "Ministers met in Rome and met again in Paris."
    rome, paris = place_in(s, "Rome"), place_in(s, "Paris")
    a = _draft(s, "met", place=rome)
    b = _draft(s, "met", place=paris)
    assert separate(a, b)  # two places
    c = _draft("Li met them on Monday.", "met", time=MONDAY, people=frozenset({"Li"}))
    assert not separate(a, _draft(s, "met"))
    fold(a, c)
    assert a.place is rome and a.time == MONDAY and a.people == {"Li"}
    assert len(a.sources) == 2


def test_sidelines_share_place_and_time() -> None:
    s = "They met on the sidelines of the summit in Bali."
    bali = place_in(s, "Bali", "admin1")
    meet, summit = _draft(s, "met"), _draft(s, "summit", place=bali, time=MONDAY)
    sidelines(s, 0, [meet, summit])
    assert meet.place is bali and meet.time == MONDAY


def test_corefer_definite_mention_gives_its_place() -> None:
    first = _draft("The ministers met on Monday.", "met", time=MONDAY, people=frozenset({"Li"}))
    s = "The meeting in Singapore was long."
    later = _draft(s, "meeting", place=place_in(s, "Singapore"), definite=True)
    out = corefer([first, later])
    assert later.merged_into == 0
    assert out[0].place is not None and out[0].place_how == "anaphora"


def test_corefer_folds_repeated_reports_and_inherits_place() -> None:
    s = "Li and Wang met in Bali."
    meeting = _draft(
        s, "met", place=place_in(s, "Bali", "admin1"), people=frozenset({"Li", "Wang"})
    )
    again = _draft("Li met Wang for hours.", "met", people=frozenset({"Li"}))
    warning = _draft("Li warned of risks.", "warned", people=frozenset({"Li"}))
    out = corefer([meeting, again, warning])
    assert again.merged_into == 0 and warning.merged_into is None
    assert out[2].place is meeting.place and out[2].place_how == "inherited"
