"""Great-circle distance, the one implementation used across geomap (scalar and pairwise)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

#: IUGG mean Earth radius.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points given in degrees.

    >>> round(haversine_km(51.5074, -0.1278, 48.8566, 2.3522))
    344
    """
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dphi, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def pairwise_km(
    lat_a: Sequence[float], lon_a: Sequence[float], lat_b: Sequence[float], lon_b: Sequence[float]
) -> Any:
    """Distances in km between every point of A (rows) and every point of B (columns)."""
    import numpy as np

    la = np.radians(np.asarray(lat_a, dtype=float))[:, None]
    oa = np.radians(np.asarray(lon_a, dtype=float))[:, None]
    lb = np.radians(np.asarray(lat_b, dtype=float))[None, :]
    ob = np.radians(np.asarray(lon_b, dtype=float))[None, :]
    h = np.sin((lb - la) / 2) ** 2 + np.cos(la) * np.cos(lb) * np.sin((ob - oa) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0.0, 1.0)))
