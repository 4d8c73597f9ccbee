"""What the source modules share: where installed packages and curated files are, the cleaning
of shapes, slugs, and name tables that assign a feature kind by the words of a name."""

from __future__ import annotations

import csv
import gzip
import io
import re
from collections.abc import Iterator
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, TextIO

from geomap.errors import GazetteerError
from geomap.resources import read_bytes, read_text, resource
from geomap.text.lexicon import rows
from geomap.text.normalise import normalise

#: all-caps short codes (airport and station codes: "TMZ", "KBR"): noise as alternate names
CODE = re.compile(r"^[A-Z0-9]{2,5}$")


def pkg_dir(mod: str) -> Path:
    """The folder of the installed package ``mod`` (a source of the build)."""
    import importlib.util

    spec = importlib.util.find_spec(mod)
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerError(f"gazetteer build: package {mod!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def version(dist: str) -> str:
    """The installed version of distribution ``dist`` ("missing" if it is not installed)."""
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "missing"


# ------------------------------------------------------------ curated data (resources/gazetteer)


def curated_tsv(name: str) -> Iterator[dict[str, str]]:
    """The rows of the curated table ``gazetteer/NAME`` (``#`` lines are comments)."""
    f = io.StringIO(read_text(f"gazetteer/{name}"), newline="")
    lines = (ln for ln in f if ln.strip() and not ln.startswith("#"))
    yield from csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)


def curated_gzip(name: str, encoding: str) -> TextIO:
    """The text of the gzipped curated file ``gazetteer/NAME``, as an open text stream."""
    return gzip.open(io.BytesIO(read_bytes(f"gazetteer/{name}")), "rt", encoding=encoding)


def curated_exists(name: str) -> bool:
    return resource(f"gazetteer/{name}").is_file()


# ------------------------------------------------------------------------------ names, shapes


def slug(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalise(s)).strip("-")


def clean(geom: Any, tol: float) -> Any:
    """A valid (multi)polygon, simplified by ``tol`` degrees (0: not simplified)."""
    import shapely

    geom = shapely.make_valid(geom)
    if tol:
        geom = shapely.simplify(geom, tol, preserve_topology=True)
        geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        polys = [p for p in shapely.get_parts(geom) if p.geom_type in ("Polygon", "MultiPolygon")]
        geom = shapely.union_all(polys) if polys else geom
    return geom


@cache
def kind_words(name: str) -> tuple[tuple[re.Pattern[str], str], ...]:
    """The word table ``lexicon/NAME.tsv`` (``word<TAB>kind``) as one pattern per kind, in the
    order the kinds first appear. A word matches a whole word of a normalised name; a word
    written ``*word*`` matches anywhere in it ("*fjord*": "sognefjorden")."""
    alts: dict[str, list[str]] = {}
    for word, kind, *_ in rows(name):
        if word.startswith("*") and word.endswith("*"):
            alts.setdefault(kind, []).append(re.escape(word[1:-1]))
        else:
            alts.setdefault(kind, []).append(rf"\b{re.escape(word)}\b")
    return tuple((re.compile("|".join(a)), kind) for kind, a in alts.items())


def kind_by_words(key: str, table: str, default: str) -> str:
    """The kind of the first pattern of ``kind_words(table)`` the normalised ``key`` matches."""
    for pat, kind in kind_words(table):
        if pat.search(key):
            return kind
    return default
