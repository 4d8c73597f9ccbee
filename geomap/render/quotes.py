"""Shortened quotes of source sentences for the popups of big (compact) maps.

A big map's popup quotes the part of each source sentence around its event rather than the
whole sentence (a product decision: a popup is read on a laptop or a phone, and the sentences
are most of a big map's bytes). The quote is verbatim: at most :data:`QUOTE_CHARS` characters
of the sentence (the marks included), cut at word boundaries, every cut marked with
:data:`CUT_MARK`, centred on the event: its trigger (``trigger_start``/``trigger_end`` of the
source, offsets in the article like ``sentence_start``) together with the incident's place
mention where it is found near it in the sentence; the place mention alone when there is no
trigger offset; else the sentence start. Shorter sentences stay whole. Exports keep every
sentence whole; small (detailed) maps quote them whole.
"""

from __future__ import annotations

__all__ = ["CUT_MARK", "QUOTE_CHARS", "event_focus", "quote"]

#: longest quote of a source sentence in a compact map's popup, the cut marks included.
#: Measured on the 23,095 distinct sentences of the four ../shared/eval corpora (median 130
#: characters) and the 100,000-incident map of benchmarks/bench_map.py --sentences: at 200,
#: 16 % of the sentences are shortened and the map is 9.51 MB (120: 56 %, 8.44 MB; 160: 34 %,
#: 9.15 MB; 250: 5 %, 9.66 MB; whole sentences 9.73 MB): most sentences stay whole, the long
#: ones (lists, run-on sentences) lose what is far from the event, and the map keeps 5 % of
#: room below 10 MB for article titles and URLs longer than the benchmark's.
QUOTE_CHARS = 200
#: marks a cut (at the start, the end or both) of a shortened quote
CUT_MARK = "\u2026"


def event_focus(
    sentence: str,
    source: dict[str, object],
    mention: str = "",
) -> tuple[int, int] | None:
    """The ``(start, end)`` of the event in ``sentence`` (offsets in the sentence), or None.

    The trigger's span from the source's ``trigger_start``/``trigger_end`` and
    ``sentence_start`` (when they lie inside the sentence), widened to the occurrence of
    ``mention`` (the incident's place mention) nearest to it when both fit in one quote; the
    first occurrence of ``mention`` when there is no trigger offset.

    >>> s = "Made up: after the talks, a fire broke out in the port of Exampleton on Monday."
    >>> src = {"sentence_start": 100, "trigger_start": 128, "trigger_end": 132}
    >>> s[28:32]
    'fire'
    >>> event_focus(s, src, "Exampleton")
    (28, 68)
    >>> event_focus(s, {}, "Exampleton")
    (58, 68)
    >>> event_focus(s, {}) is None
    True
    """
    trig = _trigger_span(sentence, source)
    spans = _occurrences(sentence, mention) if mention else []
    if trig is None:
        return spans[0] if spans else None
    if not spans:
        return trig
    near = min(spans, key=lambda m: abs((m[0] + m[1]) - (trig[0] + trig[1])))
    both = (min(trig[0], near[0]), max(trig[1], near[1]))
    return both if both[1] - both[0] <= QUOTE_CHARS - 2 * len(CUT_MARK) else trig


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value == value:
        return int(value)
    return None


def _trigger_span(sentence: str, source: dict[str, object]) -> tuple[int, int] | None:
    s0 = _as_int(source.get("sentence_start"))
    t0 = _as_int(source.get("trigger_start"))
    t1 = _as_int(source.get("trigger_end"))
    if s0 is None or t0 is None or t1 is None:
        return None
    a, b = t0 - s0, t1 - s0
    if not 0 <= a < b <= len(sentence):
        return None
    return a, b


def _occurrences(sentence: str, mention: str, most: int = 8) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i = sentence.find(mention)
    while i >= 0 and len(out) < most:
        out.append((i, i + len(mention)))
        i = sentence.find(mention, i + 1)
    return out


def quote(
    sentence: str, focus: tuple[int, int] | None = None, limit: int = QUOTE_CHARS
) -> tuple[str, bool]:
    """``(quote, shortened)``: ``sentence`` whole when it has at most ``limit`` characters,
    else at most ``limit`` characters of it around ``focus`` (the sentence start without one),
    cut at word boundaries, each cut marked with :data:`CUT_MARK`. Verbatim: the quote without
    its marks is a substring of the sentence.

    >>> quote("Made up: a short sentence stays whole.")
    ('Made up: a short sentence stays whole.', False)
    >>> s = "Made up: " + "word " * 30 + "the blast hit Exampleton " + "word " * 30
    >>> q, cut = quote(s, (s.index("blast"), s.index("blast") + 5), limit=60)
    >>> q, cut, len(q) <= 60
    ('…word word word word the blast hit Exampleton word word…', True, True)
    """
    n = len(sentence)
    if n <= limit:
        return sentence, False
    mark = len(CUT_MARK)
    width = max(1, limit - 2 * mark)
    if focus is None or not 0 <= focus[0] <= focus[1] <= n:
        start = 0
    elif focus[1] - focus[0] >= width:
        start = focus[0]
    else:
        start = (focus[0] + focus[1]) // 2 - width // 2
    start = max(0, min(start, n - width))
    end = min(n, start + width)
    if start == 0:  # only one cut: its room goes to the text
        end = min(n, limit - mark)
    elif end == n:
        start = max(0, n - (limit - mark))
    a, b = start, end
    if a > 0 and not (sentence[a - 1].isspace() or sentence[a].isspace()):
        sp = _next_space(sentence, a, b)
        a = sp if sp is not None else a
    if b < n and not (sentence[b].isspace() or sentence[b - 1].isspace()):
        sp = sentence.rfind(" ", a, b)
        b = sp if sp > a else b
    while a < b and sentence[a].isspace():
        a += 1
    while b > a and sentence[b - 1].isspace():
        b -= 1
    return (CUT_MARK if a > 0 else "") + sentence[a:b] + (CUT_MARK if b < n else ""), True


def _next_space(s: str, a: int, b: int) -> int | None:
    for i in range(a, b):
        if s[i].isspace():
            return i
    return None
