"""The one reader of word lists: ``geomap/resources/lexicon/NAME.txt`` and ``NAME.tsv``.

A word list (``.txt``) holds one entry per line (an entry may contain spaces: "last night");
a table (``.tsv``) holds ``key<TAB>value`` rows. In both, blank lines and lines starting with
``#`` are comments, and the file's header comment says where the words come from. Lists are read
once and cached; a missing file is a :class:`geomap.errors.ResourceError`.

>>> "near" in words("locative_prepositions")  # doctest: +SKIP
True
"""

from __future__ import annotations

from functools import cache

from geomap.resources import read_text

__all__ = ["rows", "table", "words"]


def _lines(rel: str) -> list[str]:
    return [ln for ln in read_text(rel).splitlines() if ln.strip() and not ln.startswith("#")]


@cache
def words(name: str) -> frozenset[str]:
    """The entries of ``lexicon/NAME.txt`` (surrounding whitespace stripped)."""
    return frozenset(ln.strip() for ln in _lines(f"lexicon/{name}.txt"))


@cache
def rows(name: str) -> tuple[tuple[str, ...], ...]:
    """The tab-separated rows of ``lexicon/NAME.tsv``, in file order."""
    return tuple(tuple(c.strip() for c in ln.split("\t")) for ln in _lines(f"lexicon/{name}.tsv"))


@cache
def table(name: str) -> dict[str, str]:
    """``lexicon/NAME.tsv`` as ``{key: value}`` (the first row of a key wins)."""
    out: dict[str, str] = {}
    for row in rows(name):
        if len(row) >= 2:
            out.setdefault(row[0], row[1])
    return out
