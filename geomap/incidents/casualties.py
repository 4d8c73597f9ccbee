"""Casualty counts as numbers: "killing at least 23 soldiers", "two people were wounded",
"12 killed and four injured", "the death toll rose to 40".

A count is read next to a casualty word: before it ("four policemen were injured", at most
three words between, an auxiliary allowed) or after it ("killing at least 23", "death toll
rose to 40"). A qualifier before the count ("at least", "more than") marks it a lower bound.
Each casualty word takes one count (the first pattern that reads one); the counts of one kind
add up over a sentence's casualty words ("12 killed and four injured": 12 killed, 4 injured).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from geomap.incidents.lexicon import alternation
from geomap.text.lexicon import rows, table

__all__ = ["Casualties", "casualties"]

_COUNT_WORDS = {w: int(n) for w, n in table("count_words").items()}
_CASUALTY = {r[0]: r[1] for r in rows("casualty_words")}
_AFTER_COUNT = [r[0] for r in rows("casualty_words") if r[2] in ("after", "both")]
_BEFORE_COUNT = [r[0] for r in rows("casualty_words") if r[2] in ("before", "both")]
_QUALIFIER = table("count_qualifiers")

_NUMBER = (
    r"(?:\d{1,3}(?:,\d{3})+|\d+|"
    + r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[- ](?:"
    + alternation(w for w, n in _COUNT_WORDS.items() if 0 < int(n) < 10 and w not in {"a", "an"})
    + r"))|"
    + alternation(w for w in _COUNT_WORDS if w not in {"a", "an"})
    + r")"
)
#: "a soldier was killed": "a" counts one only right before a noun and a singular verb
_ONE = r"(?:an?(?=\s+[\w'’-]+\s+(?:was|has been|had been)\s))"
_QUAL = r"(?:(?P<qual>" + alternation(_QUALIFIER) + r")\s+)?"
#: words that may stand between a count and its casualty word ("four policemen were"): not a
#: conjunction or another casualty word
_BETWEEN = r"(?:(?!(?:and|or|but|while|after|including)\b)[\w'’-]+\s+){0,3}?"
#: "four policemen were injured", "12 killed", "at least 30 people died"
_BEFORE = re.compile(
    r"(?<!including )\b"
    + _QUAL
    + r"(?P<num>"
    + _NUMBER
    + "|"
    + _ONE
    + r")\s+"
    + _BETWEEN
    + r"(?:(?:were|was|have been|had been|are|is|being)\s+)?(?P<word>"
    + alternation(_AFTER_COUNT)
    + r")\b",
    re.IGNORECASE,
)
#: "killing at least 23 soldiers", "the death toll rose to 40", "injuring two"
_AFTER = re.compile(
    r"\b(?P<word>" + alternation(_BEFORE_COUNT) + r")\s+"
    r"(?:(?:rose|climbed|reached|stood|stands)\s+(?:to|at)\s+)?"
    + _QUAL
    + r"(?P<num>"
    + _NUMBER
    + r"|an?(?=\s))\b",
    re.IGNORECASE,
)


#: patterns of the rules below, compiled once
_HYPHEN_OR_SPACE = re.compile(r"[- ]")
_YEAR = re.compile(r"(?:19|20)\d\d")


#: a casualty word anywhere (the words the two patterns read a count next to), behind a
#: lookahead for their first letters: a sentence without one reports no casualties and is
#: not searched with the patterns (compiled with the same flag, the lookahead and the words
#: accept the same letters as the patterns do)
_WORDS = sorted(set(_AFTER_COUNT) | set(_BEFORE_COUNT))
_ANY_WORD = re.compile(
    "(?=[" + "".join(sorted({w[0] for w in _WORDS})) + "])(?:" + alternation(_WORDS) + ")",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Casualties:
    """Deaths and injuries a sentence reports (None where it gives no number)."""

    killed: int | None = None
    injured: int | None = None
    at_least: bool = False  # a count was given as a lower bound ("at least", "more than")


def _value(num: str) -> int | None:
    s = num.lower().replace(",", "")
    if s.isdigit():
        return int(s) if len(s) <= 9 else None
    if s in _COUNT_WORDS:
        return _COUNT_WORDS[s]
    parts = _HYPHEN_OR_SPACE.split(s)
    if len(parts) == 2 and all(p in _COUNT_WORDS for p in parts):
        return _COUNT_WORDS[parts[0]] + _COUNT_WORDS[parts[1]]  # "twenty-three"
    return None


@lru_cache(maxsize=1024)
def casualties(sentence: str) -> Casualties:
    """The deaths and injuries ``sentence`` reports as numbers.

    >>> casualties("Gunmen attacked a bus, killing at least 23 people and wounding two.")
    Casualties(killed=23, injured=2, at_least=True)
    """
    if _ANY_WORD.search(sentence) is None:
        return Casualties()
    found: dict[tuple[int, int], tuple[str, int, bool]] = {}  # casualty word span -> count
    for pat in (_BEFORE, _AFTER):
        for m in pat.finditer(sentence):
            value = _value(m.group("num"))
            if value is None or _YEAR.fullmatch(m.group("num")):
                continue  # "in 2019 killed" is a year, not a count
            kind = _CASUALTY[m.group("word").lower()]
            qual = (m.group("qual") or "").lower()
            span = m.span("word")
            if span not in found:
                found[span] = (kind, value, _QUALIFIER.get(qual) == "min")
    killed = [v for k, v, _ in found.values() if k == "killed"]
    injured = [v for k, v, _ in found.values() if k == "injured"]
    return Casualties(
        killed=sum(killed) if killed else None,
        injured=sum(injured) if injured else None,
        at_least=any(b for _, _, b in found.values()),
    )
