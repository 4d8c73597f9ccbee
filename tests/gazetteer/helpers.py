"""Helpers of the gazetteer tests."""

from __future__ import annotations

import math
from typing import Any


def km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371 * math.asin(math.sqrt(a))


def ids(gaz: Any, key: str) -> set[str]:
    return {e.id for e, _t in gaz.lookup([key]).get(key, [])}
