"""The one normalisation of place names, shared by the gazetteer build and lookups."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_PUNCT = re.compile(r"[\u2018\u2019\u02bc`´]")  # curly apostrophes -> '
_DASH = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")
_INITIALS = re.compile(r"\b(?:[a-z] )+[a-z]\b")
_DROP = re.compile(r"[.\u00b7]")  # "U.S." -> "us", "St. Louis" -> "st louis"


@lru_cache(maxsize=200_000)
def normalise(name: str) -> str:
    """Return the lookup key of a place name.

    Case-folded, accents removed, dots dropped, dashes and apostrophes unified,
    whitespace collapsed, and a leading article ("the") removed.

    Examples
    --------
    >>> normalise("the South  China Sea")
    'south china sea'
    >>> normalise("U.S.")
    'us'
    >>> normalise("São Paulo")
    'sao paulo'
    """
    if name.isascii():
        s = name
    else:
        s = unicodedata.normalize("NFKD", name)
        s = "".join(c for c in s if not unicodedata.combining(c))
    s = _PUNCT.sub("'", s)
    s = _DASH.sub("-", s)
    s = _DROP.sub(" ", s).replace(" ,", ",")
    s = _SPACE.sub(" ", s).strip().casefold()
    # "u s" left by dot removal in abbreviations: join runs of single letters ("d c" -> "dc")
    s = _INITIALS.sub(lambda m: m.group().replace(" ", ""), s)
    if s.startswith("the "):
        s = s[4:]
    return s
