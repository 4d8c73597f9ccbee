"""Resolver: priors, containment and document context."""

from __future__ import annotations

from typing import Any

from geomap.places import precision_of, recognise, resolve


def _us_row(
    i: str,
    name: str,
    kind: str,
    lat: float,
    lon: float,
    a1: str,
    pop: int,
    alt: list[tuple[str, str]] | None = None,
) -> tuple[Any, list[tuple[str, str]], None]:
    """A row of a made-up MemoryGazetteer: an entry in the United States, its alternate names."""
    from geomap.models import Entry

    entry = Entry(i, name, kind, lat, lon, country_code="US", admin1=a1, population=pop)
    return (entry, alt or [], None)


def resolved(text: str, gaz) -> dict[str, str | None]:  # type: ignore[no-untyped-def]
    rec = recognise(text, gaz)
    out = resolve(
        rec.mentions,
        rec.candidates,
        contains=gaz.contains,
        demonym_country=lambda k: gaz.country("CN") if k == "chinese" else None,
    )
    return {f"{r.mention.text}@{r.mention.start}": (r.entry.id if r.entry else None) for r in out}


def test_population_and_capital_prior(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = resolved("Protesters gathered in Paris.", small_gazetteer)
    assert got == {"Paris@23": "g:paris"}


def test_container_beats_prior(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    got = resolved("A tornado hit Paris, Texas on Monday.", small_gazetteer)
    assert got["Paris@14"] == "g:paris-tx"


def test_document_context(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Storms crossed Texas overnight. Officials in Texas said damage was worst "
        "in Austin and in Paris, where roofs were torn off."
    )
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
    assert [precision_of(g.get(i)) for i in ("g:paris", "a:bali", "c:cn", "s:scs", "l:median")] == [
        3,
        4,
        6,
        7,
        7,
    ]
    assert precision_of(None) == 7


def test_city_state_reads_as_the_city() -> None:
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    gaz = MemoryGazetteer(
        [
            (
                Entry(
                    "c:sg",
                    "Singapore",
                    "country",
                    1.36,
                    103.8,
                    country_code="SG",
                    population=5_600_000,
                ),
                [],
                None,
            ),
            (
                Entry(
                    "g:sg",
                    "Singapore",
                    "city",
                    1.29,
                    103.85,
                    country_code="SG",
                    population=5_600_000,
                ),
                [],
                None,
            ),
        ]
    )
    got = resolved("Ministers met in Singapore in June.", gaz)
    assert got == {"Singapore@17": "g:sg"}


def _r(entry, key: str, margin: float = 2.0):  # type: ignore[no-untyped-def]
    from geomap.models import Mention
    from geomap.places import Resolution

    return Resolution(Mention(0, len(key), key, key.lower()), entry, 1.0, margin)


def test_main_place_is_the_town_among_its_states_places() -> None:
    """A town named once among places of its own state beats a foreign town named more."""
    from geomap.models import Entry
    from geomap.places.resolve import main_place

    far = Entry("g:far", "Farham", "city", 51.4, -0.1, country_code="GB", admin1="ENG")
    home = Entry("g:home", "Homeville", "city", 38.7, -77.5, country_code="US", admin1="VA")
    near = Entry("g:near", "Neartown", "city", 38.8, -77.4, country_code="US", admin1="VA")
    state = Entry("a:va", "Virginia", "admin1", 37.5, -77.4, country_code="US", admin1="VA")
    out = [
        _r(far, "Farham"),
        _r(far, "Farham"),
        _r(far, "Farham"),
        _r(home, "Homeville"),
        _r(near, "Neartown", 0.4),
        _r(state, "Virginia"),
    ]
    assert main_place(out) == home


def test_second_round_follows_the_resolved_places() -> None:
    """An ambiguous town takes the reading near the article's confidently resolved towns,
    even when the other names' wrong readings would have voted elsewhere in pass one."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    def town(i: str, name: str, lat: float, lon: float, a1: str, pop: int):  # type: ignore[no-untyped-def]
        return (
            Entry(i, name, "city", lat, lon, country_code="US", admin1=a1, population=pop),
            [],
            None,
        )

    gaz = MemoryGazetteer(
        [
            town("g:alex-va", "Alexandria", 38.80, -77.05, "VA", 150_000),
            town("g:alex-mn", "Alexandria", 45.89, -95.38, "MN", 12_000),
            town("g:brandon-mn", "Brandon", 45.96, -95.60, "MN", 20_000),
            town("g:brandon-va", "Brandon", 38.85, -77.10, "VA", 300),
            town("g:garfield-mn", "Garfield", 45.94, -95.49, "MN", 20_000),
            town("g:garfield-va", "Garfield", 38.75, -77.00, "VA", 300),
        ]
    )
    got = resolved(
        "A crash near Brandon hurt a driver from Alexandria. Crews from Garfield helped.", gaz
    )
    assert got["Alexandria@40"] == "g:alex-mn"


def test_list_leans_to_its_kind(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    """A name listed among states reads as the state ("California or Washington")."""
    from geomap.places import find_places

    found = find_places(
        "Costs are high in states such as Texas or Washington.", small_gazetteer, geometry=False
    )
    got = {p.mention.text: p.entry.id for p in found.places if p.entry}
    assert got["Washington"] == "a:wa"


def _shared_state_gazetteer():  # type: ignore[no-untyped-def]
    """Made-up towns and counties: each name has a reading in one state they share (MN,
    readings hundreds of km apart, so distance says nothing) and a larger one elsewhere."""
    from geomap.gazetteer.memory import MemoryGazetteer

    place = _us_row

    return MemoryGazetteer(
        [
            place("g:pel-va", "Pellham", "city", 38.8, -77.1, "VA", 150_000),
            place("g:pel-mn", "Pellham", "city", 45.9, -95.4, "MN", 20_000),
            place("g:dor-ne", "Dorrick County", "admin2", 41.3, -96.1, "NE", 580_000),
            place("g:dor-mn", "Dorrick County", "admin2", 47.9, -91.5, "MN", 36_000),
            place("g:clo-fl", "Clover Falls", "city", 28.2, -81.3, "FL", 35_000),
            place("g:clo-mn", "Clover Falls", "city", 44.0, -93.0, "MN", 30_000),
        ]
    )


def test_names_sharing_a_state_settle_each_other(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Made-up story: three names whose only common state is Minnesota are read there, though
    two of them have a larger namesake elsewhere; without shared-state support they are not."""
    import importlib

    mod = importlib.import_module("geomap.places.resolve")
    gaz = _shared_state_gazetteer()
    text = (
        "Made-up report: crews from Pellham drove to Dorrick County on Monday, and the "
        "school board of Clover Falls met on Tuesday."
    )
    got = resolved(text, gaz)
    assert [got[k] for k in sorted(got)] == ["g:clo-mn", "g:dor-mn", "g:pel-mn"]
    monkeypatch.setattr(mod, "JOINT_STATE", 0.0)
    got = resolved(text, gaz)
    assert got["Pellham@27"] == "g:pel-va"


def test_a_state_name_gives_no_town_support_elsewhere() -> None:
    """Made-up: "Oregon" and "California" read as states give their support to those states
    only, not to the state that holds two small towns of those names (so "Pellham" stays the
    larger reading)."""
    from geomap.gazetteer.memory import MemoryGazetteer

    e = _us_row

    gaz = MemoryGazetteer(
        [
            e("a:or", "Oregon", "admin1", 44.0, -120.5, "OR", 4_000_000),
            e("g:or-mo", "Oregon", "city", 39.99, -95.14, "MO", 800),
            e("a:ca", "California", "admin1", 37.0, -120.0, "CA", 39_000_000),
            e("g:ca-mo", "California", "city", 38.63, -92.57, "MO", 4_400),
            e("g:pel-va", "Pellham", "city", 38.8, -77.1, "VA", 150_000),
            e("g:pel-mo", "Pellham", "city", 37.2, -93.3, "MO", 20_000),
        ]
    )
    got = resolved("Made-up: wildfires in Oregon and California; a fund in Pellham.", gaz)
    assert got["Pellham@55"] == "g:pel-va"
    assert got["Oregon@22"] == "a:or"


def test_state_named_like_another_country() -> None:
    """Made-up: "Carovia" is a small country and a state of the United States. In a story
    mostly set in the United States it is the state (the country reading's prior outweighs
    the plain country context there); with no other place it stays the country."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    def e(i: str, name: str, kind: str, lat: float, lon: float, cc: str, a1=None, pop=0.0):  # type: ignore[no-untyped-def]
        return (
            Entry(i, name, kind, lat, lon, country_code=cc, admin1=a1, population=pop),
            [],
            None,
        )

    gaz = MemoryGazetteer(
        [
            e("c:us", "United States", "country", 39.8, -98.6, "US"),
            e("c:cv", "Carovia", "country", 42.0, 43.5, "CV", pop=4e6),
            e("a:cv", "Carovia", "admin1", 32.7, -83.4, "US", "CV", 9e6),
            e("g:mill", "Millbrook", "city", 33.7, -84.4, "US", "OT", 5e5),
            e("g:ash", "Ashford", "city", 40.7, -74.0, "US", "NY", 8e6),
            e("g:vel", "Vellac", "city", 45.0, 1.5, "FR", "75", 5e5),
        ]
    )
    text = (
        "Made-up: firms in Millbrook and Ashford hired, a plant in Vellac shut, and the "
        "United States and Carovia grew."
    )
    assert resolved(text, gaz)[f"Carovia@{text.index('Carovia')}"] == "a:cv"
    assert resolved("Made-up: Carovia grew.", gaz)["Carovia@9"] == "c:cv"


def test_known_town_name_in_a_county_none_of_its_namesakes_lies_in() -> None:
    """Made-up: "Thornby, Wexcombe" puts a Thornby in the county of Wexcombe; the only
    Thornby known lies on another continent, so the name is a local one placed in the
    county, not the far namesake. Without the county, the namesake stands."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    gaz = MemoryGazetteer(
        [
            (
                Entry(
                    "g:thornby", "Thornby", "city", -31.9, 115.9, country_code="AU", population=5e4
                ),
                [],
                None,
            ),
            (
                Entry("a:wex", "Wexcombe", "admin2", 52.3, -0.9, country_code="GB", population=7e5),
                [],
                None,
            ),
        ]
    )
    text = "Made-up: the fair at Thornby, Wexcombe drew crowds."
    assert resolved(text, gaz)["Thornby@21"] == "a:wex"
    assert resolved("Made-up: the fair at Thornby drew crowds.", gaz)["Thornby@21"] == "g:thornby"


def test_a_state_among_many_named_pulls_its_towns_less(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Made-up sports story naming four states: the large city "Lorville" is not pulled to
    its small namesake in one of them (that state holds a quarter of the state votes, so it
    gives half the state bonus); with the full bonus for any named state, it would be."""
    import importlib

    from geomap.gazetteer.memory import MemoryGazetteer

    mod = importlib.import_module("geomap.places.resolve")

    e = _us_row

    gaz = MemoryGazetteer(
        [
            e("a:oa", "Ohara", "admin1", 40.3, -83.0, "OA", 11_000_000),
            e("a:ms", "Missala", "admin1", 33.0, -89.0, "MS", 3_000_000),
            e("a:ct", "Conwick", "admin1", 41.6, -72.7, "CT", 3_500_000),
            e("a:nc", "Carrowland", "admin1", 35.5, -80.0, "NC", 10_000_000),
            e("g:lor-ky", "Lorville", "city", 38.2, -85.8, "KY", 620_000),
            e("g:lor-oa", "Lorville", "city", 40.8, -81.1, "OA", 9_000),
        ]
    )
    text = (
        "Made-up: teams from Ohara, Missala, Conwick and Carrowland played; the final was "
        "against Lorville."
    )
    key = f"Lorville@{text.index('Lorville')}"
    assert resolved(text, gaz)[key] == "g:lor-ky"
    monkeypatch.setattr(mod, "STATE_SHARE", 100.0)
    assert resolved(text, gaz)[key] == "g:lor-oa"


def test_a_capital_supports_no_namesake_by_distance(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Made-up: a story names the capital "Velmar" (for its government) and "Tarnby". The
    small Tarnby 65 km from the capital gets no support from it; the larger Tarnby stays the
    reading. Were the capital an ordinary town, its nearness would carry the small one."""
    import importlib

    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    mod = importlib.import_module("geomap.places.coherence")

    def e(i: str, name: str, lat: float, lon: float, a1: str, pop: int, fcode=None):  # type: ignore[no-untyped-def]
        return (
            Entry(
                i, name, "city", lat, lon, country_code="XA", admin1=a1, population=pop, fcode=fcode
            ),
            [],
            None,
        )

    gaz = MemoryGazetteer(
        [
            e("g:velmar", "Velmar", 10.0, 10.0, "01", 900_000, "PPLC"),
            e("g:tarn-big", "Tarnby", 19.0, 10.0, "03", 150_000),
            e("g:tarn-small", "Tarnby", 10.5, 10.3, "02", 5_000),
        ]
    )
    text = "Made-up: officials in Velmar said the Tarnby firm would cut jobs."
    key = f"Tarnby@{text.index('Tarnby')}"
    assert resolved(text, gaz)[key] == "g:tarn-big"
    monkeypatch.setattr(mod, "_NO_SUPPORT_FCODES", frozenset())
    assert resolved(text, gaz)[key] == "g:tarn-small"


def test_a_national_park_outranks_a_small_town_of_its_name() -> None:
    """Made-up: "Silver Lodge" is a national park (no people) and a town of 11,000; with no
    context the park is the reading (its kind's prior), not the town."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    gaz = MemoryGazetteer(
        [
            (Entry("p:silver", "Silver Lodge", "park", 38.9, -77.0, country_code="US"), [], None),
            (
                Entry(
                    "g:silver",
                    "Silver Lodge",
                    "city",
                    36.5,
                    -86.6,
                    country_code="US",
                    admin1="TN",
                    population=11_000,
                ),
                [],
                None,
            ),
        ]
    )
    text = "Made-up: a dinner at Silver Lodge last week."
    assert resolved(text, gaz)[f"Silver Lodge@{text.index('Silver Lodge')}"] == "p:silver"


def test_main_place_lies_in_the_country_the_story_is_set_in(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Made-up: a story set in "Egyptia" (named four times, its capital twice) names a
    football club's home town abroad three times: the main place is the capital, not the
    club's town; counting mentions alone, it would be the club's town."""
    import importlib

    from geomap.models import Entry
    from geomap.places.resolve import main_place

    mod = importlib.import_module("geomap.places.mainplace")
    country = Entry("c:eg", "Egyptia", "country", 26.0, 30.0, country_code="EG")
    capital = Entry("g:kairo", "Kairo", "city", 30.0, 31.2, country_code="EG", admin1="11")
    club = Entry("g:livport", "Livport", "city", 53.4, -3.0, country_code="GB", admin1="ENG")
    out = [
        *(_r(country, "Egyptia") for _ in range(4)),
        *(_r(capital, "Kairo") for _ in range(2)),
        *(_r(club, "Livport") for _ in range(3)),
    ]
    assert main_place(out) == capital
    monkeypatch.setattr(mod, "MAIN_COUNTRY_POWER", 0.0)
    assert main_place(out) == club


def test_a_name_known_only_as_an_alternate_name_shares_its_states() -> None:
    """Made-up: "St. Clover" is only the alternate name of two towns called Saint Clover; with
    "Pellham" and "Dorrick County" it makes three names whose one common state is Minnesota,
    so all three are read there (without it, two names would not be enough)."""
    from geomap.gazetteer.memory import MemoryGazetteer

    def place(i: str, name: str, kind: str, lat: float, lon: float, a1: str, pop: int):  # type: ignore[no-untyped-def]
        alt = [("St. Clover", "alt")] if name == "Saint Clover" else []
        return _us_row(i, name, kind, lat, lon, a1, pop, alt)

    gaz = MemoryGazetteer(
        [
            place("g:pel-va", "Pellham", "city", 38.8, -77.1, "VA", 150_000),
            place("g:pel-mn", "Pellham", "city", 45.9, -95.4, "MN", 20_000),
            place("g:dor-ne", "Dorrick County", "admin2", 41.3, -96.1, "NE", 580_000),
            place("g:dor-mn", "Dorrick County", "admin2", 47.9, -91.5, "MN", 36_000),
            place("g:clo-fl", "Saint Clover", "city", 28.2, -81.3, "FL", 35_000),
            place("g:clo-mn", "Saint Clover", "city", 44.0, -93.0, "MN", 30_000),
        ]
    )
    text = (
        "Made-up report: crews from Pellham drove to Dorrick County on Monday, and a driver "
        "was taken to St. Clover on Tuesday."
    )
    got = resolved(text, gaz)
    assert [got[k] for k in sorted(got)] == ["g:dor-mn", "g:pel-mn", "g:clo-mn"]


def test_a_county_in_a_list_of_counties_has_no_county_container() -> None:
    """Made-up: in "Arlen, Bexley or Corrin counties" the comma after Arlen is the list's:
    a county lies in no county, so Bexley County does not carry the small Arlen County 35 km
    from it; Arlen is the larger county beside Corrin."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    def county(i: str, name: str, lat: float, lon: float, a1: str, pop: int):  # type: ignore[no-untyped-def]
        return (
            Entry(i, name, "admin2", lat, lon, country_code="US", admin1=a1, population=pop),
            [("".join(name.split(" County")), "alt")],
            None,
        )

    gaz = MemoryGazetteer(
        [
            county("g:arl-a", "Arlen County", 40.0, -84.0, "A1", 500_000),
            county("g:arl-b", "Arlen County", 30.3, -95.0, "B2", 10_000),
            county("g:bex-b", "Bexley County", 30.0, -95.0, "B2", 10_000),
            county("g:cor-a", "Corrin County", 40.1, -84.1, "A1", 50_000),
        ]
    )
    text = "Made-up: residents of Arlen, Bexley or Corrin counties may apply."
    got = resolved(text, gaz)
    assert got[f"Arlen@{text.index('Arlen')}"] == "g:arl-a"


def test_a_named_state_is_counted_once_for_its_towns() -> None:
    """Made-up: a story names the state "Missala", the town "Columba" (in Missala and
    elsewhere) and the large city "Lorville" (a small namesake lies in Missala, far from
    Columba). The state context rewards Lorville, Missala once; the state's name gives no
    shared-state support on top of it, so the large city stays the reading."""
    from geomap.gazetteer.memory import MemoryGazetteer

    e = _us_row

    gaz = MemoryGazetteer(
        [
            e("a:ms", "Missala", "admin1", 33.0, -89.7, "MS", 3_000_000),
            e("g:col-ms", "Columba", "city", 30.5, -89.0, "MS", 20_000),
            e("g:col-oh", "Columba", "city", 40.0, -83.0, "OH", 900_000),
            e("g:lor-ky", "Lorville", "city", 38.2, -85.8, "KY", 900_000),
            e("g:lor-ms", "Lorville", "city", 34.9, -90.8, "MS", 6_000),
        ]
    )
    text = "Made-up: fans from Missala and Columba travelled to the final against Lorville."
    assert resolved(text, gaz)[f"Lorville@{text.index('Lorville')}"] == "g:lor-ky"


def test_a_country_borrows_no_coherence_from_a_town_abroad() -> None:
    """Made-up: "Jordania" is a country and a small town beside "Shakopa" in another
    country's state; the story of the two towns reads Jordania as the town (the country is
    as coherent only as a Jordania town of its own would be)."""
    from geomap.gazetteer.memory import MemoryGazetteer
    from geomap.models import Entry

    def e(i: str, name: str, kind: str, lat: float, lon: float, cc: str, a1=None, pop=0):  # type: ignore[no-untyped-def]
        return (
            Entry(i, name, kind, lat, lon, country_code=cc, admin1=a1, population=pop),
            [],
            None,
        )

    gaz = MemoryGazetteer(
        [
            e("c:jx", "Jordania", "country", 31.0, 36.0, "JX", pop=10_000_000),
            e("g:jor-mn", "Jordania", "city", 44.67, -93.63, "US", "MN", 6_000),
            e("g:shak", "Shakopa", "city", 44.80, -93.53, "US", "MN", 40_000),
        ]
    )
    text = "Made-up: the Jordania school board and Shakopa teams met on Tuesday."
    assert resolved(text, gaz)[f"Jordania@{text.index('Jordania')}"] == "g:jor-mn"
