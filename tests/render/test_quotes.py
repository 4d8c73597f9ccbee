"""Shortened quotes of big maps' popups (geomap.render.quotes): verbatim, at most QUOTE_CHARS
characters, cut at word boundaries, centred on the event, each cut marked. Sentences made up."""

from __future__ import annotations

import random

import pytest

from geomap.render.quotes import CUT_MARK, QUOTE_CHARS, event_focus, quote

LONG = (
    "Made up for the tests: officials of Nowhereland said on Tuesday that, after weeks of "
    "talks about fishing rights and patrols, a coast guard vessel rammed a fishing boat near "
    "the Exampleton shoal late on Monday night, and that the crew of eleven was rescued by a "
    "passing freighter bound for a port further south along the coast of Fictivia."
)


def _words(s: str) -> list[str]:
    return s.split()


def test_short_sentences_stay_whole() -> None:
    s = "Made up: a ferry sank near Exampleton."
    assert quote(s) == (s, False)
    exact = "x" * QUOTE_CHARS
    assert quote(exact) == (exact, False)


@pytest.mark.parametrize("seed", range(30))
def test_quotes_are_verbatim_short_cut_at_words_and_marked(seed: int) -> None:
    rng = random.Random(seed)
    words = LONG.split()
    s = " ".join(rng.choice(words) for _ in range(rng.randint(40, 120)))
    a = rng.randrange(len(s) - 10)
    focus = (a, a + rng.randint(1, 10))
    limit = rng.choice([60, 120, QUOTE_CHARS])
    q, cut = quote(s, focus, limit=limit)
    assert cut and len(q) <= limit
    body = q.removeprefix(CUT_MARK).removesuffix(CUT_MARK)
    i = s.find(body)
    assert i >= 0  # verbatim
    assert q.startswith(CUT_MARK) == (i > 0) and q.endswith(CUT_MARK) == (i + len(body) < len(s))
    # cut at word boundaries: the quote's first and last words are whole words of the sentence
    assert i == 0 or s[i - 1] == " "
    assert i + len(body) == len(s) or s[i + len(body)] == " "
    # centred on the event: the focus is inside the quote (it is shorter than the quote)
    assert i <= focus[0] and focus[1] <= i + len(body)


def test_quote_is_centred_on_the_trigger_and_place() -> None:
    src = {"sentence_start": 500, "trigger_start": 500 + LONG.index("rammed"), "trigger_end": 0}
    src["trigger_end"] = src["trigger_start"] + len("rammed")
    focus = event_focus(LONG, src, "Exampleton")
    assert focus == (LONG.index("rammed"), LONG.index("Exampleton") + len("Exampleton"))
    q, cut = quote(LONG, focus, limit=120)
    assert cut and "rammed" in q and "Exampleton" in q
    assert q.startswith(CUT_MARK) and q.endswith(CUT_MARK)
    # the trigger's offsets are article offsets: a sentence elsewhere in the article
    assert event_focus(LONG, dict(src, sentence_start=0)) is None  # past the sentence: ignored


def test_without_offsets_the_place_or_the_sentence_start() -> None:
    q, _ = quote(LONG, event_focus(LONG, {}, "Fictivia"), limit=80)
    assert "Fictivia" in q and q.startswith(CUT_MARK) and not q.endswith(CUT_MARK)
    q, cut = quote(LONG, event_focus(LONG, {}), limit=80)
    assert cut and q.startswith("Made up for the tests:") and q.endswith(CUT_MARK)
    assert event_focus(LONG, {"trigger_start": "x", "sentence_start": None}) is None


def test_a_word_longer_than_the_quote_is_cut_inside() -> None:
    s = "Made up: " + "a" * 500 + " end."
    q, cut = quote(s, None, limit=50)
    assert cut and len(q) <= 50 and q.endswith(CUT_MARK)
