"""Names in relation: local names placed by the next name, coordinated lists."""

from __future__ import annotations

from geomap.models import Mention
from geomap.places.context import anchor_local, coordinated, placed_after


def test_coordinated_lists() -> None:
    text = (
        "Offices in Los Angeles, Miami, New York, and Detroit. A tornado hit Paris, Texas. "
        "States such as California or Washington. He lived in Atlanta and Florida."
    )

    def m(word: str, **kw: str) -> Mention:
        s = text.index(word)
        return Mention(s, s + len(word), word, word.lower(), **kw)

    ms = [
        m("Los Angeles", hint="miami"),
        m("Miami"),
        m("New York"),
        m("Detroit"),
        m("Paris", hint="texas"),
        m("Texas"),
        m("California"),
        m("Washington"),
        m("Atlanta"),
        m("Florida"),
    ]
    got = [[ms[i].text for i in g] for g in coordinated(text, ms)]
    assert got == [
        ["Los Angeles", "Miami", "New York", "Detroit"],
        ["California", "Washington"],
        ["Atlanta", "Florida"],
    ]


def test_placed_after_and_anchor_local() -> None:
    """A local name followed by "in X", "at the X" or ", X" lies in X; "from X" says nothing."""
    text = "the Bambino Gesu Hospital in Rome, the Alder Hey Hospital from Liverpool"
    hosp = text.index("Bambino"), text.index(" in Rome")
    alder = text.index("Alder"), text.index(" from")
    assert placed_after(text, hosp[1]) and not placed_after(text, alder[1])
    ms = [
        Mention(*hosp, text[slice(*hosp)], "bambino gesu hospital", cue="local"),
        Mention(text.index("Rome"), text.index("Rome") + 4, "Rome", "rome"),
        Mention(*alder, text[slice(*alder)], "alder hey hospital", cue="local"),
        Mention(text.index("Liverpool"), len(text), "Liverpool", "liverpool"),
    ]
    assert [m.hint for m in anchor_local(text, ms)] == ["rome", None, None, None]


def test_anchor_local_needs_a_place_name_after_it() -> None:
    """Made-up: "Lark Bistro in Pellham Township" (a township read only by the town inside
    its name) is not placed in that town; "Lark Bistro in Pellham" is."""

    def ms(text: str, place: str, key: str) -> list[Mention]:
        b, p = text.index("Lark"), text.index("Pellham")
        return [
            Mention(b, b + len("Lark Bistro"), "Lark Bistro", "lark bistro", cue="local"),
            Mention(p, p + len(place), place, key),
        ]

    text = "a dinner at Lark Bistro in Pellham Township"
    assert anchor_local(text, ms(text, "Pellham Township", "pellham"))[0].hint is None
    text = "a dinner at Lark Bistro in Pellham"
    assert anchor_local(text, ms(text, "Pellham", "pellham"))[0].hint == "pellham"
