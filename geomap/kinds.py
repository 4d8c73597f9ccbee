"""The one typed vocabulary of feature kinds (what a gazetteer entry is), and their groups.

Every module that tests a kind uses these names; the gazetteer build writes only these kinds.
"""

from __future__ import annotations

from typing import Final, Literal, get_args

__all__ = ["KINDS", "LOCAL_CUES", "MARINE_KINDS", "Kind", "LocalCue", "MarineKind"]

#: marine areas (a "sea" in the broad sense)
MarineKind = Literal[
    "ocean",
    "sea",
    "strait",
    "bay",
    "gulf",
    "channel",
    "sound",
    "passage",
    "fjord",
    "inlet",
    "basin",
]
Kind = Literal[
    # settlements and administrative units
    "city",
    "admin3",
    "admin2",
    "admin1",
    "country",
    "region",
    "continent",
    # sites
    "landmark",
    "airport",
    # land and water features
    "island",
    "archipelago",
    "reef",
    "lake",
    "river",
    "mountain",
    "range",
    "cape",
    "peninsula",
    "desert",
    "plateau",
    "plain",
    "valley",
    "delta",
    "coast",
    "waterfall",
    # parks and disputed areas (Natural Earth cultural layers)
    "park",
    "disputed",
    # villages, suburbs and localities (GeoNames postal place names): resolve names the
    # recogniser found by context, never evidence that a word is a place
    "locality",
    # curated geopolitical shapes
    "line",
    "zone",
    MarineKind,
]
KINDS: Final[frozenset[str]] = frozenset(get_args(Kind))
MARINE_KINDS: Final[frozenset[str]] = frozenset(get_args(MarineKind))

#: Mention cues of local names the gazetteer lacks (streets, buildings, neighbourhoods): they
#: are placed in the town the text puts them in, else in the article's main place.
LocalCue = Literal["street", "river", "lake", "mountain", "local"]
LOCAL_CUES: Final[frozenset[str]] = frozenset(get_args(LocalCue))
