"""Prefix gates: lookaheads that let a regular expression reject a position at its first
characters instead of trying every alternative there.

A big alternation of word patterns (the trigger table: hundreds of words in 23 families) is
tried by the regex engine alternative by alternative at every word start. :func:`prefixes`
works out, from a pattern's text, the strings that every match of it starts with (up to ``n``
characters); :func:`gate` turns them into a lookahead body (``s(?:u|a)|co``...). Put in front
of the pattern, the lookahead changes nothing that matches (it only rejects positions where
the pattern cannot match) and rejects the others cheaply.

Only a small regex syntax is understood (literals, escaped punctuation, ``[...]`` sets
(one that is negated or holds an escape or a wide range stands for any character), groups
(``(...)``, ``(?:...)``, ``(?P<name>...)``), lookarounds, ``?``, ``*``, ``+``, ``{m,n}``,
``\\b``, ``^``, ``$``, ``.``, ``\\w`` and the like); on anything else (flags, backreferences,
``\\n``-style escapes ...) :func:`prefixes` gives ``None`` and the pattern gets no gate
(correct, only slower). Patterns compiled with flags that change what a literal matches
(``re.IGNORECASE``) must not be gated.
"""

from __future__ import annotations

import re

__all__ = ["gate", "gated", "prefixes"]

#: (string, exact): the item matched exactly ``string``, or (exact False) its match starts
#: with ``string`` and may go on with anything
_Starts = set[tuple[str, bool]]

_ZERO_WIDTH_ESCAPES = frozenset("bBAZ")
_CLASS_ESCAPES = frozenset("wWdDsS")


class _Unknown(Exception):
    """A construct the analysis does not understand: no gate."""


class _Parser:
    """A recursive-descent reader of the small regex syntax, giving each item's starts."""

    def __init__(self, pattern: str, n: int) -> None:
        self.p = pattern
        self.i = 0
        self.n = n

    def alternation(self) -> _Starts:
        out = self.sequence()
        while self.i < len(self.p) and self.p[self.i] == "|":
            self.i += 1
            out |= self.sequence()
        return out

    def sequence(self) -> _Starts:
        n = self.n
        partial = {""}  # exact strings so far (shorter than n)
        done: set[str] = set()  # prefixes whose continuation is unknown (or of length n)
        while self.i < len(self.p) and self.p[self.i] not in "|)":
            item = self.quantified(self.atom())
            grown: set[str] = set()
            for a in partial:
                for s, exact in item:
                    c = a + s
                    if len(c) >= n:
                        done.add(c[:n])
                    elif exact:
                        grown.add(c)
                    else:
                        done.add(c)
            partial = grown
        return {(s, False) for s in done} | {(s, True) for s in partial}

    def atom(self) -> _Starts:
        p, i = self.p, self.i
        c = p[i]
        if c == "(":
            if p.startswith("(?:", i):
                self.i = i + 3
                inner = self.alternation()
                self._close()
                return inner
            for look in ("(?=", "(?!", "(?<=", "(?<!"):
                if p.startswith(look, i):
                    self.i = i + len(look)
                    self.alternation()  # read and ignored: zero width
                    self._close()
                    return {("", True)}
            if p.startswith("(?P<", i):
                close = p.find(">", i)
                if close < 0:
                    raise _Unknown("(?P<")
                self.i = close + 1
            elif p.startswith("(?", i):
                raise _Unknown(p[i : i + 3])  # flags, atomic groups, conditionals, ...
            else:
                self.i = i + 1
            # a capturing group matches what its contents match
            inner = self.alternation()
            self._close()
            return inner
        if c == "[":
            return self._charset()
        if c == "\\":
            if i + 1 >= len(p):
                raise _Unknown("\\")
            e = p[i + 1]
            self.i = i + 2
            if e in _ZERO_WIDTH_ESCAPES:
                return {("", True)}
            if e in _CLASS_ESCAPES:
                return {("", False)}
            if e.isalnum():
                raise _Unknown("\\" + e)  # \n, \t, \1, \x.., \u....: not needed here
            return {(e, True)}
        if c in "^$":
            self.i = i + 1
            return {("", True)}
        if c == ".":
            self.i = i + 1
            return {("", False)}
        if c in "*+?{)|":
            raise _Unknown(c)
        self.i = i + 1
        return {(c, True)}

    def _close(self) -> None:
        if self.i >= len(self.p) or self.p[self.i] != ")":
            raise _Unknown("unbalanced")
        self.i += 1

    def _charset(self) -> _Starts:
        p = self.p
        j = self.i + 1
        negated = j < len(p) and p[j] == "^"
        if negated:
            j += 1
        chars: set[str] = set()
        known = not negated  # a negated set or one with escapes: any character, for this
        first = True
        while j < len(p) and (p[j] != "]" or first):
            c = p[j]
            if c == "\\":
                known = False
                j += 2
            elif c == "[":
                known = False
                j += 1
            elif j + 2 < len(p) and p[j + 1] == "-" and p[j + 2] != "]":
                lo, hi = ord(c), ord(p[j + 2])
                if hi - lo > 64:
                    known = False
                chars.update(chr(x) for x in range(lo, min(hi, lo + 64) + 1))
                j += 3
            else:
                chars.add(c)
                j += 1
            first = False
        if j >= len(p):
            raise _Unknown("unterminated set")
        self.i = j + 1
        if not known:
            return {("", False)}
        return {(c, True) for c in chars}

    def quantified(self, item: _Starts) -> _Starts:
        p = self.p
        if self.i >= len(p) or p[self.i] not in "?*+{":
            return item
        q = p[self.i]
        self.i += 1
        if q == "{":
            m = re.compile(r"(\d*)(?:(,)(\d*))?\}").match(p, self.i)
            if m is None or not m.group(1):
                raise _Unknown("{")
            self.i = m.end()
            lo = int(m.group(1))
            hi = (int(m.group(3)) if m.group(3) else None) if m.group(2) else lo
        else:
            lo, hi = {"?": (0, 1), "*": (0, None), "+": (1, None)}[q]
        if self.i < len(p) and p[self.i] in "?+":
            self.i += 1  # lazy or possessive: the same strings
        return _repeat(item, lo, hi, self.n)


def _repeat(item: _Starts, lo: int, hi: int | None, n: int) -> _Starts:
    """The starts of ``item`` repeated ``lo`` to ``hi`` (None: no limit) times."""
    out: _Starts = {("", True)} if lo == 0 else set()
    states = {""}  # exact strings after ``reps`` repetitions (shorter than n)
    reps = 0
    while states and (hi is None or reps < hi) and reps <= n:
        grown: set[str] = set()
        for a in states:
            for s, exact in item:
                c = a + s
                if exact and len(c) < n:
                    grown.add(c)
                else:
                    out.add((c[:n], False))  # a known start, however it goes on
        reps += 1
        states = grown
        if reps >= lo:
            out |= {(a, True) for a in states}
    if states and (hi is None or reps < hi):
        # more repetitions than were followed: what comes after them is unknown
        out |= {(a, False) for a in states}
    return out


def prefixes(pattern: str, n: int = 3) -> set[str] | None:
    """Strings of at most ``n`` characters such that every match of ``pattern`` (compiled
    without flags) begins with one of them, or None when the pattern is not understood or
    some match may begin with anything (the empty string would be among them)."""
    parser = _Parser(pattern, n)
    try:
        starts = parser.alternation()
    except _Unknown:
        return None
    if parser.i != len(pattern):
        return None  # an unmatched ")"
    out = {s for s, _exact in starts}
    return None if "" in out or not out else out


def gate(strings: set[str]) -> str:
    """A regex body matching exactly the texts that begin with one of ``strings`` (a trie:
    ``s(?:u|a)|co``)."""

    def trie(strs: set[str]) -> str:
        if "" in strs:
            return ""
        heads: dict[str, set[str]] = {}
        for s in strs:
            heads.setdefault(s[0], set()).add(s[1:])
        for c, tails in heads.items():
            if "" in tails:  # anything may follow: the longer strings add nothing
                heads[c] = {""}
        # first characters with the same continuations share a set: "[bc]a"
        by_tail: dict[frozenset[str], list[str]] = {}
        for c, tails in heads.items():
            by_tail.setdefault(frozenset(tails), []).append(c)
        alts = []
        for tail, cs in sorted(by_tail.items(), key=lambda x: sorted(x[1])):
            cs.sort()
            head = re.escape(cs[0]) if len(cs) == 1 else "[" + "".join(_in_set(c) for c in cs) + "]"
            rest = trie(set(tail))
            alts.append(head + (f"(?:{rest})" if "|" in rest else rest))
        return "|".join(alts)

    return trie(strings)


def _in_set(c: str) -> str:
    return "\\" + c if c in "\\]^-[" else c


def gated(pattern: str, n: int = 3) -> str:
    """``pattern`` behind the lookahead of its :func:`gate` (unchanged when it has none)."""
    ps = prefixes(pattern, n)
    return pattern if ps is None else f"(?={gate(ps)})(?:{pattern})"
