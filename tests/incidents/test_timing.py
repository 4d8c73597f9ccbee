"""Time: which time expression of a sentence belongs to which trigger."""

from __future__ import annotations

from datetime import date

from geomap.incidents.timing import segments, time_for
from geomap.incidents.triggers import find_triggers
from geomap.text.timex import TimeRef, find_all


def test_each_trigger_gets_its_own_date() -> None:
    s = "Troops attacked the town on Monday; protesters marched there on Tuesday."
    refs = find_all(s, date(2024, 3, 15))
    rels = [t.start for t in find_triggers(s, 0)]
    assert [time_for(refs, r, rels, s).start for r in rels] == [
        date(2024, 3, 11),
        None,
        date(2024, 3, 12),
    ]  # "protesters" has no date of its own
    cut = s.index(";")
    assert segments(s, rels, refs) == [(0, cut), (cut, len(s)), (cut, len(s))]


def test_report_date_is_skipped() -> None:
    s = "The ministry said on Saturday that planes crossed the line on Friday."
    refs = find_all(s, date(2022, 7, 9))
    rels = [t.start for t in find_triggers(s, 0)]
    assert [time_for(refs, r, rels, s).start for r in rels] == [date(2022, 7, 8)]


def test_clause_scoped_time_dates_what_follows() -> None:
    s = "Later, troops attacked."
    ref = TimeRef(date(2024, 1, 2), date(2024, 1, 2), "day", "Later", 0, scope="following")
    rel = s.index("attacked")
    assert time_for([ref], rel, [rel], s) == ref
    assert segments(s, [rel], [ref]) == [(0, len(s))]
    assert not time_for([], rel, [rel], s).known
