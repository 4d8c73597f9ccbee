"""Gold-span reading: spans given from outside become mentions and are resolved in context."""

from __future__ import annotations

from geomap.gazetteer.memory import MemoryGazetteer
from geomap.models import Entry
from geomap.places import resolve_spans
from geomap.places.spans import _span_mention, _subkeys
from geomap.text.normalise import normalise


def test_span_mention_skips_generic_words() -> None:
    """A gold span the gazetteer lacks is not read through a generic word inside it
    ("South Kilburn Estate" is not a region called "South")."""

    south = Entry("a:south", "South", "admin1", 2.75, 11.6, country_code="CM", admin1="14")
    text = "Residents of South Kilburn Estate protested."
    key = "south kilburn estate"
    m = _span_mention(text, 13, 33, {"south": [(south, "name")]}, {key: _subkeys(key)})
    assert m.key == key and m.cue == "local"


def test_local_name_lies_in_the_town_named_after_it() -> None:
    """A building the gazetteer lacks followed by "in X" lies in X, not in the article's
    main place; without such a town it falls back to the main place."""

    gaz = MemoryGazetteer(
        [
            (
                Entry(
                    "g:liverpool",
                    "Liverpool",
                    "city",
                    53.41,
                    -2.98,
                    country_code="GB",
                    population=500_000,
                ),
                [],
                None,
            ),
            (
                Entry(
                    "g:rome", "Rome", "city", 41.89, 12.48, country_code="IT", population=2_300_000
                ),
                [],
                None,
            ),
        ]
    )
    text = (
        "Doctors in Liverpool met in Liverpool again. The parents wanted to take "
        "their son to the Bambino Gesu Hospital in Rome. Doctors at the Alder Hey "
        "Hospital refused."
    )
    spans = [
        (text.index("Bambino"), text.index(" in Rome")),
        (text.index("Alder"), text.index(" refused")),
    ]
    got = {r.mention.text: r.entry.id if r.entry else None for r in resolve_spans(text, spans, gaz)}
    assert got == {"Bambino Gesu Hospital": "g:rome", "Alder Hey Hospital": "g:liverpool"}


def test_span_mention_reads_a_town_or_country_inside_a_name() -> None:
    """A town at either end of a longer unknown name stands for it ("British Embassy
    Tokyo"); an upper-case country abbreviation does too ("US Federal Reserve"); a town
    in the middle of a person's name does not."""

    tokyo = Entry(
        "g:tokyo", "Tokyo", "city", 35.69, 139.69, country_code="JP", population=9_000_000
    )
    wilson = Entry("g:wilson", "Wilson", "city", 35.7, -77.9, country_code="US", population=50_000)
    us = Entry("c:us", "United States", "country", 39.76, -98.5, country_code="US")
    cands = {"tokyo": [(tokyo, "name")], "wilson": [(wilson, "name")], "us": [(us, "abbr")]}

    def key_of(text: str) -> str | None:
        key = normalise(text)
        m = _span_mention(text, 0, len(text), cands, {key: _subkeys(key)})
        return None if m.cue == "local" else m.key

    assert key_of("British Embassy Tokyo") == "tokyo"
    assert key_of("US Federal Reserve") == "us"
    assert key_of("Ronald Wilson Reagan Middle") is None
    assert key_of("the us team") is None


def test_span_named_after_a_person_is_not_read_as_a_small_town() -> None:
    """Made-up: "Pemberton Centre" is named after a person, not after the small town of Pemberton
    (a surname): it stays a local name; a large town opening a name still stands for it."""

    pemberton = Entry(
        "g:pemberton", "Pemberton", "city", 45.2, -122.7, country_code="US", population=20e3
    )
    text = "Made-up: readers met at the Pemberton Centre yesterday."
    key = "pemberton centre"
    m = _span_mention(text, 28, 44, {"pemberton": [(pemberton, "name")]}, {key: _subkeys(key)})
    assert m.key == key and m.cue == "local"
    big = Entry(
        "g:pemberton2", "Pemberton", "city", 45.2, -122.7, country_code="US", population=2e5
    )
    m = _span_mention(text, 28, 44, {"pemberton": [(big, "name")]}, {key: _subkeys(key)})
    assert m.key == "pemberton"
