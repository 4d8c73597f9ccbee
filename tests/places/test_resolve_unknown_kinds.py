"""A name the gazetteer lacks but the text gives a kind ("Tarnby Township", "Orrin Island") is
a local name placed where the article is set (made-up places and sentences)."""

from __future__ import annotations

from geomap.models import Entry, Mention
from geomap.places.resolve import resolve

_VELMAR = Entry(
    "t:velmar", "Velmar", "city", 10.0, 10.0, country_code="XA", admin1="01", population=90_000
)


def _mentions(text: str, names: list[tuple[str, str | None]]) -> list[Mention]:
    out = []
    for name, cue in names:
        start = text.index(name)
        out.append(Mention(start, start + len(name), name, name.lower(), cue=cue))
    return out


def test_an_unknown_township_is_placed_in_the_main_place() -> None:
    text = "Made-up: in Velmar, the Tarnby Township board met; Velmar voted later."
    mentions = _mentions(text, [("Velmar", "loc:in"), ("Tarnby Township", "city")])
    out = resolve(mentions, {"velmar": [(_VELMAR, "name")]})
    assert out[1].entry is _VELMAR
    assert out[1].mention.cue == "local" and out[1].score < 0.5  # placed, not found


def test_an_unknown_name_without_a_kind_stays_unresolved() -> None:
    """Without a cue saying it is a place of some kind, an unknown name is not placed."""
    text = "Made-up: in Velmar, the Tarnby board met."
    mentions = _mentions(text, [("Velmar", "loc:in"), ("Tarnby", None)])
    out = resolve(mentions, {"velmar": [(_VELMAR, "name")]})
    assert out[1].entry is None


def test_an_associative_use_is_not_placed() -> None:
    text = "Made-up: in Velmar, Orrin Island said no."
    m = _mentions(text, [("Velmar", "loc:in"), ("Orrin Island", "island")])
    m[1] = Mention(m[1].start, m[1].end, m[1].text, m[1].key, role="associative", cue="island")
    out = resolve(m, {"velmar": [(_VELMAR, "name")]})
    assert out[1].entry is None
