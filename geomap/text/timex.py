"""Time expressions in news sentences, resolved against the publication date.

Pure functions, standard library only. A :class:`TimeRef` is an interval of dates
(``start`` .. ``end``, both inclusive) with a precision: ``day``, ``week``, ``month``,
``year`` or ``unknown``.

Rules (English news conventions):

* weekday names ("on Saturday", "Friday morning") -> the most recent such day on or before
  the publication date (the next one when the sentence is future tense);
* "today", "yesterday", "tomorrow", "last night", "this morning";
* "N days/weeks earlier|ago|before|later" -> relative to an anchor (the previous event's date
  when one is given, else the publication date);
* "a day after" -> the anchor minus one day (the event is the earlier one);
* "last week|month|year", "this month", "next month";
* month names ("In May", "in November", "on July 8", "8 July 2022"): the most recent such
  month on or before publication; the next one when the sentence is future tense;
* explicit ISO dates and years ("in 2019").

>>> from datetime import date
>>> t = find_time("Diplomats met on Saturday.", date(2022, 7, 9))
>>> (t.start.isoformat(), t.precision)
('2022-07-09', 'day')
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from geomap.text.lexicon import table, words

__all__ = ["TimeRef", "find_all", "find_time"]


#: patterns of the rules below, compiled once
_MAY_PREP = re.compile(r"\b(in|since|until|by|of|late|early|mid)\s*$")


def _calendar_index(name: str, names: list[str]) -> int:
    """The number of a month or weekday name or abbreviation ("sept" -> 9), by its full name."""
    return next(i for i, full in enumerate(names) if full and full.lower().startswith(name))


_MONTH_NAMES = sorted(words("month_names"), key=lambda w: (-len(w), w))
_WEEKDAY_NAMES = sorted(words("weekday_names"), key=lambda w: (-len(w), w))
WEEKDAYS = {d: _calendar_index(d, list(calendar.day_name)) for d in _WEEKDAY_NAMES}
MONTHS = {m: _calendar_index(m, list(calendar.month_name)) for m in _MONTH_NAMES}
_NUM = {w: int(n) for w, n in table("number_words").items()}
_MONTH_RE = "(?:" + "|".join(m.capitalize() for m in _MONTH_NAMES) + r")\.?"
_DAY_RE = "(?:" + "|".join(d.capitalize() for d in _WEEKDAY_NAMES) + ")"
_NUMW = r"(?:\d+|" + "|".join(sorted(_NUM, key=lambda w: (-len(w), w))) + ")"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")),
    ("ymd", re.compile(r"\b(\d{4})/(\d{1,2})/(\d{1,2})\b")),
    ("numeric", re.compile(r"(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.]|\.\d)")),
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MONTH_RE})(?:,?\s+(\d{{4}}))?\b")),
    ("mdy", re.compile(rf"\b({_MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?")),
    (
        "clause",
        re.compile(
            rf"\b({_NUMW})\s+(day|days|week|weeks)\s+(after|before)\s+(?!that\b|this\b)", re.I
        ),
    ),
    (
        "relative",
        re.compile(
            rf"\b({_NUMW})\s+(day|days|week|weeks|month|months|year|years)\s+"
            r"(earlier|ago|before|later|after|previously)\b",
            re.I,
        ),
    ),
    ("weekday", re.compile(rf"\b{_DAY_RE}\b")),
    (
        "deictic",
        re.compile(
            r"\b(today|yesterday|tomorrow|tonight|last\s+night|this\s+(?:morning|afternoon|evening)"
            r"|overnight)\b",
            re.I,
        ),
    ),
    ("last_unit", re.compile(r"\b(last|this|next|past)\s+(week|month|year)\b", re.I)),
    ("month_year", re.compile(rf"\b({_MONTH_RE})(?:\s+(?:of\s+)?(\d{{4}}))?\b")),
    ("year", re.compile(r"\b(?:in|since|during|of|by)\s+((?:19|20)\d{2})\b")),
]


@dataclass(frozen=True, slots=True)
class TimeRef:
    """An interval of dates (inclusive) with a precision and the text it came from."""

    start: date | None
    end: date | None
    precision: str = "unknown"  # day, week, month, year, unknown
    text: str = ""
    offset: int = -1  # start offset of the expression in the searched text
    relative: bool = False  # resolved against an anchor (a previous event), not the text
    scope: str = "sentence"  # "following": applies to the events told after it only

    @property
    def known(self) -> bool:
        return self.start is not None


UNKNOWN = TimeRef(None, None, "unknown")


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _month(y: int, m: int, text: str, off: int) -> TimeRef:
    return TimeRef(date(y, m, 1), _month_end(y, m), "month", text, off)


def _day(d: date, text: str, off: int, relative: bool = False) -> TimeRef:
    return TimeRef(d, d, "day", text, off, relative)


def _month_num(name: str) -> int | None:
    return MONTHS.get(name.lower().rstrip("."))


def _resolve(
    kind: str, m: re.Match[str], published: date, anchor: date | None, future: bool
) -> TimeRef | None:
    text, off = m.group(), m.start()
    if kind == "iso":
        try:
            return _day(date(int(m[1]), int(m[2]), int(m[3])), text, off)
        except ValueError:
            return None
    if kind == "ymd":
        try:
            return _day(date(int(m[1]), int(m[2]), int(m[3])), text, off)
        except ValueError:
            return None
    if kind == "numeric":
        return _numeric(m, published, text, off)
    if kind in {"dmy", "mdy"}:
        d_s, mon_s, y_s = (m[1], m[2], m[3]) if kind == "dmy" else (m[2], m[1], m[3])
        mon = _month_num(mon_s)
        if mon is None or (
            mon_s.lower().rstrip(".") == "may"
            and kind == "mdy"
            and not y_s
            and m.group().split()[0] == "may"
        ):
            return None
        day = int(d_s)
        year = int(y_s) if y_s else published.year
        try:
            d = date(year, mon, day)
        except ValueError:
            return None
        if not y_s:
            if future and d < published:
                d = date(year + 1, mon, day)
            elif not future and d > published + timedelta(days=1):
                d = date(year - 1, mon, day)
        return _day(d, text, off)
    if kind == "relative":
        n = _NUM.get(m[1].lower()) if not m[1].isdigit() else int(m[1])
        if n is None:
            return None
        unit = m[2].lower().rstrip("s")
        sign = 1 if m[3].lower() in {"later", "after"} else -1
        base = anchor if (anchor is not None and m[3].lower() != "ago") else published
        if unit == "day":
            return _day(base + timedelta(days=sign * n), text, off, base is anchor)
        if unit == "week":
            d = base + timedelta(days=sign * 7 * n)
            return TimeRef(
                d - timedelta(days=3), d + timedelta(days=3), "week", text, off, base is anchor
            )
        if unit == "month":
            mm = base.month + sign * n
            y = base.year + (mm - 1) // 12
            mm = (mm - 1) % 12 + 1
            return TimeRef(date(y, mm, 1), _month_end(y, mm), "month", text, off, base is anchor)
        y = base.year + sign * n
        return TimeRef(date(y, 1, 1), date(y, 12, 31), "year", text, off, base is anchor)
    if kind == "clause":
        # "X happened, a day after they attended Y": Y is one day before X (the anchor);
        # applies to the events told after the expression only
        n = _NUM.get(m[1].lower()) if not m[1].isdigit() else int(m[1])
        if n is None:
            return None
        days = n * (7 if m[2].lower().startswith("week") else 1)
        base = anchor or published
        delta = -days if m[3].lower() == "after" else days
        d = base + timedelta(days=delta)
        if days >= 7:
            return TimeRef(
                d - timedelta(days=3),
                d + timedelta(days=3),
                "week",
                text.strip(),
                off,
                True,
                "following",
            )
        return TimeRef(d, d, "day", text.strip(), off, True, "following")
    if kind == "weekday":
        wd = WEEKDAYS[m.group().lower()]
        if future:
            delta = (wd - published.weekday()) % 7
            return _day(published + timedelta(days=delta), text, off)
        delta = (published.weekday() - wd) % 7
        return _day(published - timedelta(days=delta), text, off)
    if kind == "deictic":
        w = " ".join(m[1].lower().split())
        if w == "yesterday" or w == "last night":
            return _day(published - timedelta(days=1), text, off)
        if w == "tomorrow":
            return _day(published + timedelta(days=1), text, off)
        return _day(published, text, off)
    if kind == "last_unit":
        which, unit = m[1].lower(), m[2].lower()
        step = {"last": -1, "past": -1, "this": 0, "next": 1}[which]
        if unit == "week":
            monday = published - timedelta(days=published.weekday()) + timedelta(weeks=step)
            if which == "past":
                return TimeRef(published - timedelta(days=7), published, "week", text, off)
            return TimeRef(monday, monday + timedelta(days=6), "week", text, off)
        if unit == "month":
            mm = published.month + step
            y = published.year + (mm - 1) // 12
            mm = (mm - 1) % 12 + 1
            return _month(y, mm, text, off)
        y = published.year + step
        return TimeRef(date(y, 1, 1), date(y, 12, 31), "year", text, off)
    if kind == "month_year":
        name = m[1]
        if name.rstrip(".") == "May" and not m[2]:
            # "May" is also a modal verb: require a preposition before it
            before = m.string[max(0, m.start() - 6) : m.start()].lower()
            if not _MAY_PREP.search(before):
                return None
        if name[0].islower():
            return None
        mon = _month_num(name)
        if mon is None:
            return None
        if m[2]:
            return _month(int(m[2]), mon, text, off)
        y = published.year
        if future and mon < published.month:
            y += 1
        elif not future and mon > published.month:
            y -= 1
        return _month(y, mon, text, off)
    if kind == "year":
        y = int(m[1])
        return TimeRef(date(y, 1, 1), date(y, 12, 31), "year", text, m.start(1))
    return None  # pragma: no cover


def _numeric(m: re.Match[str], published: date, text: str, off: int) -> TimeRef | None:
    """A numeric date ("01/1/2000", "3.5.2020", "10/3/15"): day first or month first, as the
    numbers allow; when both readings are valid dates, the one nearer the publication date
    (day first on a tie, the international order)."""
    a, b, y_s = int(m[1]), int(m[3]), m[4]
    if m[2] == "." and len(y_s) != 4:
        return None  # "3.5.20" is more often a version or a score than a date
    year = int(y_s)
    if len(y_s) == 2:
        year += 2000 if year <= (published.year % 100) + 1 else 1900
    readings = []
    for day, month in ((a, b), (b, a)):
        try:
            readings.append(date(year, month, day))
        except ValueError:
            continue
    if not readings:
        return None
    best = min(readings, key=lambda d: abs((d - published).days))
    return _day(best, text, off)


# What each kind of expression cannot match without: a pattern whose one is missing from a text
# is not searched (the same expressions found, most sentences searched for few kinds). Each
# check is a part every match of the kind has, in the same regex syntax and flags: a digit
# (``\d``) for dates and years, a month name as the patterns spell it, a unit and a
# direction ("days after", "weeks earlier") for relative times.
_DIGIT = re.compile(r"\d")
_MONTH_NAME = re.compile(_MONTH_RE)
_UNIT_DIRECTION = re.compile(
    r"(?:day|week|month|year)s?\s+(?:after|before|earlier|ago|later|previously)", re.I
)
_UNCHECKED = frozenset({"weekday", "deictic", "last_unit"})


def _possible_kinds(text: str) -> frozenset[str]:
    """The kinds of :data:`_PATTERNS` that may match in ``text``."""
    digit = _DIGIT.search(text) is not None
    month = _MONTH_NAME.search(text) is not None
    kinds = set(_UNCHECKED)
    if digit:
        kinds |= {"iso", "ymd", "numeric", "year"}
    if month:
        kinds |= {"mdy", "month_year"}
        if digit:
            kinds.add("dmy")
    if _UNIT_DIRECTION.search(text) is not None:
        kinds |= {"clause", "relative"}
    return frozenset(kinds)


def find_all(
    text: str, published: date | None, *, anchor: date | None = None, future: bool = False
) -> list[TimeRef]:
    """Every time expression of ``text`` resolved, in text order (overlaps removed)."""
    if published is None:
        return []
    found: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    possible = _possible_kinds(text)
    for kind, pat in _PATTERNS:
        if kind not in possible:
            continue
        for m in pat.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                ref = _resolve(kind, m, published, anchor, future)
            except (ValueError, OverflowError):
                # a date outside the calendar ("2500 years ago", "106178 months later", a
                # weekday before 0001-01-01): the text gives no usable date here
                ref = None
            if ref is not None:
                found.append(ref)
                taken.append((m.start(), m.end()))
    found.sort(key=lambda r: r.offset)
    return found


_RANK = {"day": 0, "week": 1, "month": 2, "year": 3, "unknown": 4}


def find_time(
    text: str,
    published: date | None,
    *,
    anchor: date | None = None,
    future: bool = False,
    near: int | None = None,
) -> TimeRef:
    """The time of the event told by ``text`` (a sentence), or an unknown TimeRef.

    With ``near`` (offset of the event trigger in ``text``) the expression closest to the
    trigger wins; otherwise the most precise one.
    """
    refs = find_all(text, published, anchor=anchor, future=future)
    if not refs:
        return UNKNOWN
    if near is not None:
        return min(refs, key=lambda r: (abs(r.offset - near), _RANK[r.precision]))
    return min(refs, key=lambda r: (_RANK[r.precision], r.offset))
