"""Initialisms read as the place the article spells out with those initials (made-up places
and sentences)."""

from __future__ import annotations

from geomap.models import Entry, Mention
from geomap.places.acronyms import expand_initialisms, initials
from geomap.places.resolve import Resolution, resolve


def _country(i: str, name: str, cc: str, lat: float, lon: float) -> Entry:
    return Entry(i, name, "country", lat, lon, country_code=cc, population=5_000_000)


_VERDANT = _country("c:vt", "Verdant and Tolmar", "VT", 12.0, -60.0)
_SOUTH_ARIA = _country("c:sa", "South Aria", "SA", -30.0, 25.0)
_SOUTH_AMBER = Entry(
    "a:sam", "South Amber", "admin1", -30.0, 135.0, country_code="AM", admin1="05", population=1
)


def _res(start: int, text: str, entry: Entry | None, cue: str | None = None) -> Resolution:
    m = Mention(start, start + len(text), text, text.lower(), cue=cue)
    return Resolution(m, entry, 5.0 if entry else 0.0, 2.0 if entry else 0.0)


def test_initials_skip_lowercase_words() -> None:
    assert initials("Verdant and Tolmar") == "VT"
    assert initials("Republic of the Verdant Isles") == "RVI"
    assert initials("South Arians") == "SA"


def test_an_unknown_initialism_takes_the_place_spelled_out() -> None:
    out = [_res(0, "Verdant and Tolmar", _VERDANT), _res(40, "V&T", None, cue="local")]
    got = expand_initialisms(out)
    assert got[1].entry is _VERDANT
    assert got[1].mention.cue is None  # resolved as itself, not a local name placed somewhere
    assert got[0] == out[0]


def test_a_known_initialism_gives_way_to_a_country_spelled_out() -> None:
    """ "SA" is South Amber (a state) by the gazetteer; in a story that names South Aria, the
    country, it is South Aria."""
    out = [_res(0, "South Aria", _SOUTH_ARIA), _res(30, "SA", _SOUTH_AMBER)]
    assert expand_initialisms(out)[1].entry is _SOUTH_ARIA


def test_two_places_of_the_same_initials_leave_it_alone() -> None:
    out = [
        _res(0, "South Aria", _SOUTH_ARIA),
        _res(20, "South Amber", _SOUTH_AMBER),
        _res(40, "SA", _SOUTH_AMBER),
    ]
    assert expand_initialisms(out)[2].entry is _SOUTH_AMBER


def test_a_town_spelled_out_does_not_displace_a_known_reading() -> None:
    town = Entry("t:pa", "Port Aldo", "city", 48.0, -123.0, country_code="AM", population=20_000)
    state = Entry("a:pa", "Pallas", "admin1", 41.0, -77.0, country_code="AM", admin1="PA")
    out = [_res(0, "Port Aldo", town), _res(30, "PA", state)]
    assert expand_initialisms(out)[1].entry is state
    # ... but an initialism the gazetteer lacks takes the town
    out = [_res(0, "Port Aldo", town), _res(30, "PA", None, cue="local")]
    assert expand_initialisms(out)[1].entry is town


def test_not_an_initialism() -> None:
    """Words in capitals of more than five letters, or one letter, are not initialisms."""
    big = _country("c:ab", "Alpha Beta Gamma Delta Epsilon Zeta", "AB", 0.0, 0.0)
    out = [_res(0, big.name, big), _res(50, "ABGDEZ", None, cue="local"), _res(60, "A", None)]
    got = expand_initialisms(out)
    assert got[1].entry is None and got[2].entry is None


def test_resolve_reads_the_initialism_in_context() -> None:
    """Through the resolver: the story names South Aria, then says "SA"."""
    text = "Made-up: South Aria signed the deal. Officials in SA said so."
    sa, spelled = text.index("SA"), text.index("South Aria")
    mentions = [
        Mention(spelled, spelled + 10, "South Aria", "south aria"),
        Mention(sa, sa + 2, "SA", "sa"),
    ]
    candidates = {"south aria": [(_SOUTH_ARIA, "name")], "sa": [(_SOUTH_AMBER, "abbr")]}
    out = resolve(mentions, candidates)
    assert out[1].entry is _SOUTH_ARIA
    # without the spelled-out name the gazetteer's reading stands
    alone = resolve(mentions[1:], candidates)
    assert alone[0].entry is _SOUTH_AMBER


def test_initialisms_count_as_context() -> None:
    """ "V&T" written three times after "Verdant and Tolmar" votes for Verdant and Tolmar:
    "Tolmar" is then its island, not the town of Amberland (named twice)."""
    amberland = _country("c:am", "Amberland", "AM", 40.0, -100.0)
    island = Entry("i:tol", "Tolmar", "island", 11.0, -61.0, country_code="VT")
    town = Entry("t:tol", "Tolmar", "city", 37.0, -104.0, country_code="AM", population=8_000)
    text = "Verdant and Tolmar. V&T, V&T, V&T. Amberland, Amberland. Tolmar."
    spans = [("Verdant and Tolmar", 0), ("V&T", 20), ("V&T", 25), ("V&T", 30)]
    spans += [("Amberland", 35), ("Amberland", 46), ("Tolmar", 57)]
    mentions = []
    for surface, start in spans:
        assert text[start : start + len(surface)] == surface
        mentions.append(Mention(start, start + len(surface), surface, surface.lower()))
    candidates = {
        "verdant and tolmar": [(_VERDANT, "name")],
        "amberland": [(amberland, "name")],
        "tolmar": [(island, "name"), (town, "name")],
    }
    assert resolve(mentions, candidates)[-1].entry is island
    # without the initialisms Amberland has the votes
    assert resolve(mentions[:1] + mentions[4:], candidates)[-1].entry is town
