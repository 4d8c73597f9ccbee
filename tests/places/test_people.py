"""People among capitalised names: titles, given names, speakers."""

from __future__ import annotations

from geomap.models import Entry, Mention
from geomap.places.people import people_of_run, person_mention, strong_place
from geomap.places.runs import capitalised_runs
from geomap.text.normalise import normalise
from geomap.text.tokens import sentences, tokenize

_AUSTIN = Entry("g:austin", "Austin", "city", 30.27, -97.74, country_code="US", population=960_000)
_CHINA = Entry("c:cn", "China", "country", 35.0, 103.0, country_code="CN")
_CANDS = {"austin": [(_AUSTIN, "name")], "china": [(_CHINA, "name")]}


def _people(text: str) -> list[str]:
    """The person tokens of every run of ``text``."""
    toks = tokenize(text, sentences(text))
    out = []
    for i, j in capitalised_runs(toks, text):
        low = [t.text.lower().rstrip(".") for t in toks[i:j]]
        full = normalise(text[toks[i].start : toks[j - 1].end])
        person = people_of_run(
            text, toks, i, j, low, full, full in _CANDS, frozenset({"Daniel", "Lloyd"}), _CANDS, {}
        )
        out += [toks[i + k].text for k in sorted(person)]
    return out


def test_title_then_name() -> None:
    assert _people("Talks with US Secretary of Defense Lloyd Austin began.") == ["Lloyd", "Austin"]


def test_first_name_and_speakers() -> None:
    assert _people("Officials met Daniel Russel today.") == ["Daniel", "Russel"]
    assert _people("Officials say Kim Haroun said no.") == ["Kim", "Haroun"]
    assert _people('"We will stay," said Noma.') == ["Noma"]


def test_strong_places_are_no_one() -> None:
    assert strong_place("china", _CANDS, {})
    assert strong_place("chinese", {}, {"chinese": "CN"})
    assert not strong_place("austin", _CANDS, {})


def test_a_person_named_earlier_is_no_place_later() -> None:
    text = "Austin said the talks went well."
    toks = tokenize(text, sentences(text))
    m = Mention(0, 6, "Austin", "austin")
    assert person_mention(m, {"Austin"}, _CANDS, toks, {0: 0})
    assert not person_mention(m, set(), _CANDS, toks, {0: 0})
