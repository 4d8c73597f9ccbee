"""The working record of one event while an article is read: a trigger and what it gathered.

A draft becomes an :class:`~geomap.models.Incident` at the end, unless coreference folded it
into another (``merged_into``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from geomap.incidents.triggers import Trig
from geomap.models import Actor, Place
from geomap.text.timex import TimeRef

__all__ = ["Draft"]


@dataclass(slots=True)
class Draft:
    trig: Trig
    sent: tuple[int, int]
    category: str
    domain: str
    modality: str
    time: TimeRef
    place: Place | None
    place_how: str  # "attached", "sentence", "inherited", "anaphora", ""
    actors: list[Actor]
    people: set[str]
    definite: bool
    sources: list[dict[str, Any]] = field(default_factory=list)
    merged_into: int | None = None
