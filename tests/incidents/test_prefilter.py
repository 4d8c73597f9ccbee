"""Prefix gates: what every match of a pattern begins with, and that a gated pattern matches
exactly what the pattern matches (all test texts made up)."""

from __future__ import annotations

import random
import re

import pytest

from geomap.incidents.lexicon import TRIGGERS
from geomap.incidents.prefilter import gate, gated, prefixes
from geomap.incidents.triggers import _COMBINED, trigger_hits

#: patterns in the syntax the trigger table uses, and some beyond it
PATTERNS = [
    "summit(?:s)?",
    r"\b(?:met|meet|meets|held talks|visit(?:ed|s|ing)?)\b",
    "assembly(?= of)",
    "(?:(?<=on )|(?<=general ))strikes?",
    "vandali[sz](?:ed|ing)",
    "burn(?:ed|t|ing)(?! injuries)",
    "a?b",
    "(?:ab)*c",
    "x{2,3}y",
    "(?:a|b?)+z",
    "[a-c]d|e.f",
    r"q\wr",
    "(?:)a",
    "o{0}p",
    "(?:ha)+!",
    "n+?o",
    r"\.\.x",
    "^st|t$",
    "(ab|c)d",
    "(?P<w>x|yz)+q",
    "[^a]b",
    r"[\w']x|[a\]]y",
    "[]a]z",
    r"\b(?:(?:(?:vi|ex) )*(?:pre|ab))\s+([A-Z][\w'’-]+)",
]


def test_prefixes_of_simple_patterns() -> None:
    assert prefixes("summit(?:s)?") == {"sum"}
    assert prefixes("met|meet|held talks", 3) == {"met", "mee", "hel"}
    assert prefixes("visit(?:ed|s)?", 6) == {"visit", "visite", "visits"}
    assert prefixes("a?b", 2) == {"ab", "b"}
    assert prefixes("vandali[sz]e", 8) == {"vandalis", "vandaliz"}
    # a lookbehind or lookahead takes no characters
    assert prefixes("(?<=on )strike(?= over)", 3) == {"str"}
    # a class escape: anything may follow what comes before it
    assert prefixes(r"q\wr", 3) == {"q"}
    # repetitions: as many as the length needs, then anything
    assert prefixes("(?:ab)*c", 3) == {"c", "abc", "aba"}
    assert prefixes("x{2,3}y", 4) == {"xxy", "xxxy"}
    # groups, capturing or named, match what they hold; a set with an escape, anything
    assert prefixes("(ab|c)d", 3) == {"abd", "cd"}
    assert prefixes("(?P<w>ab)c", 2) == {"ab"}
    assert prefixes(r"a[\w']b", 3) == {"a"}
    assert prefixes("[]a]z", 2) == {"]z", "az"}


def test_no_gate_when_a_match_may_begin_with_anything() -> None:
    assert prefixes(r"\w+ed") is None
    assert prefixes(".a") is None
    assert prefixes("a|") is None  # the empty alternative
    assert prefixes("x*") is None
    assert prefixes("[^a]b") is None  # a negated set: any character
    assert prefixes(r"[\w-]b") is None
    # syntax the analysis does not read
    assert prefixes("(?i)ab") is None
    assert prefixes("(a)\\1") is None
    assert prefixes("(?P<g>a)(?P=g)") is None
    assert prefixes(r"\d\n") is None
    assert prefixes("a)") is None
    assert prefixes("(?:a") is None
    assert prefixes("a{,2}") is None
    assert gated(r"\w+ed") == r"\w+ed"


def test_gate_is_a_trie_of_the_strings() -> None:
    g = re.compile(f"(?:{gate({'sum', 'con', 'cop', 'b'})})")
    assert [w for w in ("summit", "conf", "cope", "bob", "sun", "co", "x") if g.match(w)] == [
        "summit",
        "conf",
        "cope",
        "bob",
    ]
    assert re.compile(gate({"a-", "]x", "^"})).match("]x")


@pytest.mark.parametrize("pattern", PATTERNS)
def test_gated_pattern_matches_exactly_what_the_pattern_does(pattern: str) -> None:
    plain, gat = re.compile(pattern), re.compile(gated(pattern, 3))
    rng = random.Random(pattern)
    alphabet = "abcdefghopqrstuvxyz.! -"
    texts = ["on strikes", "general strike", "met held talks visited", "burnt injuries"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(400)]
    for text in texts:
        for pos in range(len(text) + 1):
            a, b = plain.match(text, pos), gat.match(text, pos)
            assert (a and a.span()) == (b and b.span()), (pattern, text, pos)


def test_every_trigger_family_is_gated() -> None:
    # a family the analysis cannot read would lose its speed-up silently
    assert all(prefixes(p.pattern) for p, _, _ in TRIGGERS)
    assert _COMBINED.pattern.startswith(r"\b(?=[a-z0-9])(?=")


def test_trigger_hits_are_those_of_the_ungated_alternation() -> None:
    plain = re.compile(
        r"\b(?=[a-z0-9])(?:"
        + "|".join(f"(?P<f{k}>{p.pattern})" for k, (p, _, _) in enumerate(TRIGGERS))
        + ")"
    )
    text = (  # made up
        "Ministers met and held talks on Friday; a summit was planned. Troops took control "
        "of the town after heavy fighting, and militants attacked a convoy, killing three. "
        "Workers went on strike over pay as protesters marched; floods and a quake struck. "
        "Hackers hit the ministry in a cyber-attack. The general strikes continued. "
        "Police arrested ten, sanctions followed, jets crossed the line, boats sailed by."
    ).lower()
    want = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in plain.finditer(text) if m.lastgroup]
    assert len(want) > 15
    assert trigger_hits(text) == want
    words = re.findall(r"\S+", text)
    rng = random.Random(7)
    for _ in range(50):  # the same words shuffled and glued in other ways
        rng.shuffle(words)
        t = " ".join(words)
        assert trigger_hits(t) == [
            (m.start(), m.end(), int(m.lastgroup[1:])) for m in plain.finditer(t) if m.lastgroup
        ]
