"""Package data and THE loader for it: every file geomap ships is read through here.

Lexicons (``lexicon/``), model weights (``models/``), curated gazetteer sources
(``gazetteer/``), web assets (``web/`` for geomap's own JavaScript and CSS, ``vendor/`` for the
vendored libraries) and the basemap. Paths are ``/``-separated and relative to this folder. A
missing or unreadable file is a :class:`ResourceError` naming it, never a silent fallback.

>>> read_text("lexicon/first_names.txt")[:20]  # doctest: +SKIP
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from geomap.errors import ResourceError

__all__ = ["ResourceError", "read_bytes", "read_json", "read_text", "resource"]


def resource(rel: str) -> Traversable:
    """The package file ``rel`` (``"lexicon/first_names.txt"``); it need not exist."""
    node = resources.files(__name__)
    for part in rel.split("/"):
        if part in ("", ".", ".."):
            raise ResourceError(f"bad resource path {rel!r}")
        node = node.joinpath(part)
    return node


def read_bytes(rel: str) -> bytes:
    """The bytes of the package file ``rel``."""
    try:
        return resource(rel).read_bytes()
    except OSError as err:
        raise ResourceError(
            f"geomap package data {rel!r} is missing or unreadable ({err.__class__.__name__}); "
            "reinstall geomap (pip install -e .) or regenerate it (CONTRIBUTING.md)"
        ) from err


@cache
def read_text(rel: str) -> str:
    """The UTF-8 text of the package file ``rel`` (read once, then cached)."""
    try:
        return read_bytes(rel).decode("utf-8")
    except UnicodeDecodeError as err:
        raise ResourceError(f"geomap package data {rel!r} is not UTF-8: {err}") from err


@cache
def read_json(rel: str) -> Any:
    """The parsed JSON of the package file ``rel`` (read once, then cached)."""
    try:
        return json.loads(read_text(rel))
    except ValueError as err:
        raise ResourceError(f"geomap package data {rel!r} is not valid JSON: {err}") from err
