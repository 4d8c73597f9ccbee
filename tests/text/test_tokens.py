"""Sentence splitting and tokens."""

from __future__ import annotations

from geomap.text.tokens import sentences


def split(text: str) -> list[str]:
    return [text[a:b] for a, b in sentences(text)]


def test_initials_end_a_sentence_only_before_a_sentence_opener() -> None:
    text = (
        "Tickets are sold in the U.S. Virgin Islands. Talks stalled in the U.S. The "
        "president left. U.S. officials said little."
    )
    assert split(text) == [
        "Tickets are sold in the U.S. Virgin Islands.",
        "Talks stalled in the U.S.",
        "The president left.",
        "U.S. officials said little.",
    ]


def test_title_abbreviation_and_initial_do_not_split() -> None:
    assert split("Mr. Smith met John F. Kennedy. Then he left.") == [
        "Mr. Smith met John F. Kennedy.",
        "Then he left.",
    ]
