"""Sentences and tokens with character offsets (pure functions; word lists from the lexicon)."""

from __future__ import annotations

import re
from typing import NamedTuple

from geomap.text.lexicon import words

__all__ = ["TOKEN_RE", "Token", "sentences", "tokenize"]

# Abbreviations that end with a period but do not end a sentence.
_ABBREV = words("period_abbreviations")

#: Words that open sentences and (capitalised) rarely continue a name: after "U.S." they
#: mean a new sentence.
_SENT_STARTERS = words("sentence_starters")
_LAST_WORD = re.compile(r"([\w.]+)$")
_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
_SENT_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+|\n\s*\n|\n(?=[A-Z\"“‘'])")

TOKEN_RE = re.compile(
    r"(?:[A-Z][a-z]?\.){2,}"  # U.S., D.C., N.C., W.Va.
    r"|[^\W\d_][\w]*(?:[-'’][^\W\d_][\w]*)*"  # words, hyphenated words, O'Neill
    r"|\d+(?:[.,:]\d+)*"  # numbers
    r"|[^\w\s]",  # punctuation
)


_OPENERS = frozenset('"“‘:;|—–-•*#>(')


#: patterns of the rules below, compiled once
_NEXT_WORD = re.compile(r"[\w'’]+")


class Token(NamedTuple):
    """A token with offsets (a tuple: hundreds of thousands are made per corpus)."""

    start: int
    end: int
    text: str
    sent: int  # index of the sentence holding the token
    first: bool  # first word of its sentence (or after an opening quote/colon)
    cap: bool  # starts with a capital letter


def sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentence spans ``(start, end)`` (end exclusive, stripped)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        end = m.start() + len(m.group().rstrip())
        # do not split after a known abbreviation ("Mr. Smith", "U.S. officials")
        if m.group()[0] == ".":
            word = _LAST_WORD.search(text, max(start, m.start() - 40), m.start())
            w = word.group(1).lower() if word else ""
            initials = _INITIALS.fullmatch(w) is not None
            if len(w) == 1 and w.isalpha():
                continue  # an initial: "John F. Kennedy", "W. Va."
            if (w in _ABBREV or initials) and "\n" not in m.group():
                nxt = _NEXT_WORD.match(text[m.end() : m.end() + 20])
                # "U.S. officials" and "the U.S. Virgin Islands" go on; "... in the U.S. The
                # next" ends: after initials, a sentence starts with a function word
                if not (
                    initials
                    and nxt
                    and nxt.group()[0].isupper()
                    and nxt.group().lower() in _SENT_STARTERS
                ):
                    continue
        _add_span(text, start, end, spans)
        start = m.end()
    _add_span(text, start, len(text), spans)
    return spans


#: Longest sentence, in characters: a longer one (a list of thousands of names, a page of
#: capitals with no stop) is split into sections of at most this length, at its last comma,
#: semicolon or space before the limit, so that the steps that work sentence by sentence do
#: a bounded amount of work per sentence. Every text kept; no sentence of the development
#: corpora comes near it (the longest has 935 characters).
MAX_SENTENCE = 2000


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    while end - start > MAX_SENTENCE:
        # a section: up to the last comma or semicolon in the second half of the window,
        # else the last space, else the window itself (one very long word)
        window = text[start : start + MAX_SENTENCE]
        comma = max(window.rfind(", "), window.rfind("; "))
        cut = comma + 1 if comma >= MAX_SENTENCE // 2 else window.rfind(" ")
        cut = start + (cut if cut > 0 else MAX_SENTENCE)
        _add_span(text, start, cut, spans)
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        spans.append((start, end))


def tokenize(text: str, sents: list[tuple[int, int]] | None = None) -> list[Token]:
    """Tokens of ``text`` with offsets, sentence index and sentence-initial flag.

    A possessive "'s" is split off its word ("Russia's" -> "Russia", "'s").
    """
    if sents is None:
        sents = sentences(text)
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # NamedTuple construction without its Python-level __new__: hot
    for si, (a, b) in enumerate(sents):
        expect_first = True
        for m in TOKEN_RE.finditer(text, a, b):
            s, e = m.span()
            tok = m.group()
            c = tok[0]
            if len(tok) > 2 and tok[-2] in "'’" and tok[-1] in "sS":
                append(new(Token, (s, e - 2, tok[:-2], si, expect_first, c.isupper())))
                append(new(Token, (e - 2, e, tok[-2:], si, False, False)))
                expect_first = False
                continue
            is_word = c.isalnum()
            append(new(Token, (s, e, tok, si, expect_first and is_word, c.isupper())))
            if is_word:
                expect_first = False
            elif tok in _OPENERS:
                expect_first = True
    return out
