"""One name in several spellings: "X" and "X City", "X" and "City of X".

The resolver leaves a name's own mentions out of the context that scores its readings (a
name does not vote for itself). A longer form made of the name and a generic part of a
local-government name (``lexicon/admin_name_affixes.tsv``: "city", "town of", "district") is
the same name: its mentions do not vote for the shorter one either ("X City Council", read as
a capital abroad, does not pull a story's town "X" abroad).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from geomap.text.lexicon import rows
from geomap.text.normalise import normalise

__all__ = ["name_base"]


@cache
def _affixes() -> re.Pattern[str]:
    by_place: dict[str, list[str]] = {"of": [], "after": []}
    for word, place, *_ in rows("admin_name_affixes"):
        if place in by_place:
            by_place[place].append(re.escape(normalise(word)))
    of = "|".join(sorted(by_place["of"], key=len, reverse=True))
    after = "|".join(sorted(by_place["after"], key=len, reverse=True))
    return re.compile(rf"^(?:{of}) of (?=\S)|(?<=\S) (?:{after})$")


@lru_cache(maxsize=1 << 16)  # bounded: the keys of a stream of articles are not
def name_base(key: str) -> str:
    """``key`` without a generic prefix ("city of ...") or suffix ("... city"): the key its
    mentions are left out of the context of. A key that is all affix stays itself."""
    base = _affixes().sub("", key, count=1)
    return base or key
