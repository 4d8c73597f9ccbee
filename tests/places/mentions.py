"""Mentions of made-up names in a made-up text, for resolver tests."""

from __future__ import annotations

from geomap.models import Mention


def mentions_of(text: str, names: list[str]) -> list[Mention]:
    """One Mention per name, found in ``text`` in order (each after the one before)."""
    out, pos = [], 0
    for name in names:
        start = text.index(name, pos)
        out.append(Mention(start, start + len(name), name, name.lower()))
        pos = start + len(name)
    return out
