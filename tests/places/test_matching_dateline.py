"""A dateline names a town: the name that opens a story before an agency or a dash is read as
the town of that name rather than its state (made-up places and sentences)."""

from __future__ import annotations

from geomap.gazetteer.memory import MemoryGazetteer
from geomap.models import Entry
from geomap.places import recognise, resolve


def _gaz() -> MemoryGazetteer:
    rows = [
        Entry(
            "s:orr",
            "Orrindale",
            "admin1",
            43.0,
            -75.5,
            country_code="XA",
            admin1="OR",
            population=19_000_000,
        ),
        Entry(
            "c:orr",
            "Orrindale",
            "city",
            40.7,
            -74.0,
            country_code="XA",
            admin1="OR",
            population=3_000_000,
        ),
    ]
    return MemoryGazetteer([(e, [], None) for e in rows])


def _first(text: str) -> tuple[str | None, str | None]:
    gaz = _gaz()
    rec = recognise(text, gaz)
    out = resolve(rec.mentions, rec.candidates, contains=gaz.contains)
    first = min(out, key=lambda r: r.mention.start)
    return first.mention.cue, first.entry.id if first.entry else None


def test_a_dateline_is_the_town() -> None:
    assert _first("Orrindale (AP) - Officials said the bridge would reopen.") == (
        "dateline",
        "c:orr",
    )
    assert _first("(Orrindale) - Officials said the bridge would reopen.")[1] == "c:orr"


def test_the_same_name_mid_story_is_the_state() -> None:
    cue, eid = _first("Officials across Orrindale said the bridge would reopen.")
    assert cue != "dateline" and eid == "s:orr"
    # a name that opens a sentence without a dash after it is no dateline
    assert _first("Orrindale officials said the bridge would reopen.")[1] == "s:orr"


def test_a_dateline_after_the_headline() -> None:
    """Local papers put the dateline after the headline, in capitals."""
    text = "Bridge to reopen in spring. ORRINDALE -- Officials said the bridge would reopen."
    gaz = _gaz()
    rec = recognise(text, gaz)
    out = resolve(rec.mentions, rec.candidates, contains=gaz.contains)
    got = {(r.mention.text, r.mention.cue, r.entry.id if r.entry else None) for r in out}
    assert ("ORRINDALE", "dateline", "c:orr") in got
    # not written in capitals, a name after the headline is no dateline
    text = text.replace("ORRINDALE", "Orrindale")
    rec = recognise(text, gaz)
    assert all(m.cue != "dateline" for m in rec.mentions)
