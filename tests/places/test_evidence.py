"""The evidence for and against reading one capitalised name as a place."""

from __future__ import annotations

from geomap.models import Entry
from geomap.places.evidence import (
    associative,
    container_key,
    plausible,
    shouting,
    unknown_after_locative,
)
from geomap.places.runs import TakenSpans, capitalised_runs
from geomap.text.tokens import Token, sentences, tokenize

_TOWN = Entry("g:rich", "Rich", "city", 32.3, -4.5, country_code="MA", population=20_000)
_BIG = Entry("g:mobile", "Mobile", "city", 30.7, -88.0, country_code="US", population=190_000)
_COUNTRY = Entry("c:cn", "China", "country", 35.0, 103.0, country_code="CN")
_STATE = Entry("a:hants", "Hampshire", "admin2", 51.0, -1.3, country_code="GB")


def _tokens(text: str) -> list[Token]:
    return tokenize(text, sentences(text))


def _tok(text: str, word: str) -> Token:
    return next(t for t in _tokens(text) if t.text == word)


def test_common_words_need_support() -> None:
    """A town named by a very common word needs a locative word and some size."""
    common = {"rich": 4.8, "mobile": 4.9}
    text = "They said Rich was there, and Mobile too."
    rich, mobile = _tok(text, "Rich"), _tok(text, "Mobile")
    assert not plausible(
        rich, "Rich", "rich", 1, [(_TOWN, "name")], common, set(), locative=True, tok_prev="in"
    )
    assert not plausible(mobile, "Mobile", "mobile", 1, [(_BIG, "name")], common, set())
    assert plausible(
        mobile, "Mobile", "mobile", 1, [(_BIG, "name")], common, set(), locative=True, tok_prev="in"
    )


def test_calendar_words_and_title_abbreviations_are_no_places() -> None:
    text = "On Sunday Gen. Lee left."
    for word in ("Sunday", "Gen"):
        assert not plausible(
            _tok(text, word), word, word.lower(), 1, [(_BIG, "name")], {}, set(), locative=True
        )


def test_country_as_actor() -> None:
    toks = _tokens("China warned Japan. China's coast is long. China's support grew.")
    starts = [k for k, t in enumerate(toks) if t.text == "China"]
    cands = [(_COUNTRY, "name")]
    assert [associative(toks, k, k + 1, cands) for k in starts] == [True, False, True]


def test_shouting_and_container() -> None:
    toks = _tokens("KOBE IN THE HOUSE and Thruxton, Hampshire.")
    assert shouting(toks, 1, 2) and not shouting(toks, 5, 6)
    k = next(k for k, t in enumerate(toks) if t.text == "Hampshire")
    text = "KOBE IN THE HOUSE and Thruxton, Hampshire."
    assert container_key(text, toks, k, {"hampshire": [(_STATE, "name")]}) == "hampshire"


def test_unknown_name_after_in_is_a_local_place() -> None:
    text = "Protests spread in Zamalek and Thruxton, Hampshire, but not Monday."
    toks = _tokens(text)
    runs = {text[toks[i].start : toks[j - 1].end]: (i, j) for i, j in capitalised_runs(toks, text)}
    cands = {"hampshire": [(_STATE, "name")]}

    def local(name: str) -> tuple[str | None, str | None] | None:
        m = unknown_after_locative(
            text, toks, *runs[name], frozenset(), {}, TakenSpans(len(text)), cands
        )
        return None if m is None else (m.cue, m.hint)

    assert local("Zamalek") == ("local", None)
    assert local("Thruxton") == ("local", "hampshire")
    assert local("Monday") is None
