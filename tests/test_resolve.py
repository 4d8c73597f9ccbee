"""Resolver: priors, containment and document context."""

from __future__ import annotations

from geomap.recognise import recognise
from geomap.resolve import precision_of, resolve


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
