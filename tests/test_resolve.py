"""Resolver: priors, containment and document context."""

from __future__ import annotations

from geomap.places.recognise import recognise
from geomap.places.resolve import precision_of, resolve


def resolved(text: str, gaz) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    rec = recognise(text, gaz)
    out = resolve(rec.mentions, rec.candidates, contains=gaz.contains,
                  demonym_country=lambda k: gaz.country("CN") if k == "chinese" else None)
    return {f"{r.mention.text}@{r.mention.start}": (r.entry.id if r.entry else None) for r in out}


def test_population_and_capital_prior(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = resolved("Protesters gathered in Paris.", small_gazetteer)
    assert got == {"Paris@23": "g:paris"}


def test_container_beats_prior(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = resolved("A tornado hit Paris, Texas on Monday.", small_gazetteer)
    assert got["Paris@14"] == "g:paris-tx"


def test_document_context(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = ("Storms crossed Texas overnight. Officials in Texas said damage was worst "
            "in Austin and in Paris, where roofs were torn off.")
    got = resolved(text, small_gazetteer)
    paris = next(v for k, v in got.items() if k.startswith("Paris"))
    assert paris == "g:paris-tx"


def test_state_abbreviation_container(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = resolved("He grew up in Springfield, Ill., and moved away.", small_gazetteer)
    assert got["Springfield@14"] == "g:springfield-il"


def test_washington_city_over_state(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = resolved("Relations between Washington and Beijing soured.", small_gazetteer)
    assert got["Washington@18"] == "g:dc"


def test_demonym_is_country(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = resolved("Chinese diplomats arrived.", small_gazetteer)
    assert got == {"Chinese@0": "c:cn"}


def test_precision_scale(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    g = small_gazetteer
    assert [precision_of(g.get(i)) for i in ("g:paris", "a:bali", "c:cn", "s:scs",
                                             "l:median")] == [3, 4, 6, 7, 7]
    assert precision_of(None) == 7


def test_city_state_reads_as_the_city() -> None:
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    gaz = MemoryGazetteer([
        (Entry("c:sg", "Singapore", "country", 1.36, 103.8, country_code="SG",
               population=5_600_000), [], None),
        (Entry("g:sg", "Singapore", "city", 1.29, 103.85, country_code="SG",
               population=5_600_000), [], None),
    ])
    got = resolved("Ministers met in Singapore in June.", gaz)
    assert got == {"Singapore@17": "g:sg"}


def _r(entry, key: str, margin: float = 2.0):  # type: ignore[no-untyped-def]
    from geomap.models import Mention
    from geomap.places.resolve import Resolution

    return Resolution(Mention(0, len(key), key, key.lower()), entry, 1.0, margin)


def test_main_place_is_the_town_among_its_states_places() -> None:
    """A town named once among places of its own state beats a foreign town named more."""
    from geomap.models import Entry
    from geomap.places.resolve import main_place

    far = Entry("g:far", "Farham", "city", 51.4, -0.1, country_code="GB", admin1="ENG")
    home = Entry("g:home", "Homeville", "city", 38.7, -77.5, country_code="US", admin1="VA")
    near = Entry("g:near", "Neartown", "city", 38.8, -77.4, country_code="US", admin1="VA")
    state = Entry("a:va", "Virginia", "admin1", 37.5, -77.4, country_code="US", admin1="VA")
    out = [_r(far, "Farham"), _r(far, "Farham"), _r(far, "Farham"), _r(home, "Homeville"),
           _r(near, "Neartown", 0.4), _r(state, "Virginia")]
    assert main_place(out) == home


def test_second_round_follows_the_resolved_places() -> None:
    """An ambiguous town takes the reading near the article's confidently resolved towns,
    even when the other names' wrong readings would have voted elsewhere in pass one."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    def town(i: str, name: str, lat: float, lon: float, a1: str, pop: int):  # type: ignore[no-untyped-def]
        return (Entry(i, name, "city", lat, lon, country_code="US", admin1=a1,
                      population=pop), [], None)

    gaz = MemoryGazetteer([
        town("g:alex-va", "Alexandria", 38.80, -77.05, "VA", 150_000),
        town("g:alex-mn", "Alexandria", 45.89, -95.38, "MN", 12_000),
        town("g:brandon-mn", "Brandon", 45.96, -95.60, "MN", 20_000),
        town("g:brandon-va", "Brandon", 38.85, -77.10, "VA", 300),
        town("g:garfield-mn", "Garfield", 45.94, -95.49, "MN", 20_000),
        town("g:garfield-va", "Garfield", 38.75, -77.00, "VA", 300),
    ])
    got = resolved("A crash near Brandon hurt a driver from Alexandria. Crews from Garfield "
                   "helped.", gaz)
    assert got["Alexandria@40"] == "g:alex-mn"


def test_span_mention_skips_generic_words() -> None:
    """A gold span the gazetteer lacks is not read through a generic word inside it
    ("South Kilburn Estate" is not a region called "South")."""
    from geomap.models import Entry
    from geomap.places.spans import _span_mention, _subkeys

    south = Entry("a:south", "South", "admin1", 2.75, 11.6, country_code="CM", admin1="14")
    text = "Residents of South Kilburn Estate protested."
    key = "south kilburn estate"
    m = _span_mention(text, 13, 33, {"south": [(south, "name")]}, {key: _subkeys(key)})
    assert m.key == key and m.cue == "local"


def test_local_name_lies_in_the_town_named_after_it() -> None:
    """A building the gazetteer lacks followed by "in X" lies in X, not in the article's
    main place; without such a town it falls back to the main place."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry
    from geomap.pipeline import Pipeline

    gaz = MemoryGazetteer([
        (Entry("g:liverpool", "Liverpool", "city", 53.41, -2.98, country_code="GB",
               population=500_000), [], None),
        (Entry("g:rome", "Rome", "city", 41.89, 12.48, country_code="IT",
               population=2_300_000), [], None),
    ])
    text = ("Doctors in Liverpool met in Liverpool again. The parents wanted to take "
            "their son to the Bambino Gesu Hospital in Rome. Doctors at the Alder Hey "
            "Hospital refused.")
    pipe = Pipeline(gazetteer=gaz)
    spans = [(text.index("Bambino"), text.index(" in Rome")),
             (text.index("Alder"), text.index(" refused"))]
    got = {t["name"]: (t["lat"], t["lon"]) for t in pipe.resolve_spans(text, spans)}
    assert got["Bambino Gesu Hospital"] == (41.89, 12.48)
    assert got["Alder Hey Hospital"] == (53.41, -2.98)


def test_span_mention_reads_a_town_or_country_inside_a_name() -> None:
    """A town at either end of a longer unknown name stands for it ("British Embassy
    Tokyo"); an upper-case country abbreviation does too ("US Federal Reserve"); a town
    in the middle of a person's name does not."""
    from geomap.gazetteer import normalise
    from geomap.models import Entry
    from geomap.places.spans import _span_mention, _subkeys

    tokyo = Entry("g:tokyo", "Tokyo", "city", 35.69, 139.69, country_code="JP",
                  population=9_000_000)
    wilson = Entry("g:wilson", "Wilson", "city", 35.7, -77.9, country_code="US",
                   population=50_000)
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


def test_list_leans_to_its_kind(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A name listed among states reads as the state ("California or Washington")."""
    from geomap.pipeline import Pipeline

    places = Pipeline(small_gazetteer, incidents=False).resolve_places(
        "Costs are high in states such as Texas or Washington.", geometry=False)
    got = {p.mention.text: p.entry.id for p in places if p.entry}
    assert got["Washington"] == "a:wa"

