"""Shared fixtures: a small in-memory gazetteer, and the real embedded one (built once)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from shapely.geometry import LineString, box

from geomap.gazetteer.memory import MemoryGazetteer
from geomap.models import Entry

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "articles" / "blinken_wang_bali.txt"
SHARED = Path(os.environ.get("GEOMAP_SHARED", ROOT.parent / "shared"))


def _e(
    id: str,
    name: str,
    kind: str,
    lat: float,
    lon: float,
    cc: str | None = None,
    pop: int = 0,
    admin1: str | None = None,
    fcode: str | None = None,
) -> Entry:
    return Entry(
        id=id,
        name=name,
        kind=kind,
        lat=lat,
        lon=lon,
        country_code=cc,
        population=pop,
        admin1=admin1,
        fcode=fcode,
        source="test",
    )


@pytest.fixture(scope="session")
def small_gazetteer() -> MemoryGazetteer:
    """Made-up-but-plausible entries covering the recogniser's and resolver's rules."""
    return MemoryGazetteer(
        [
            (
                _e("c:us", "United States", "country", 39.8, -98.6, "US", 330_000_000),
                [("US", "abbr"), ("U.S.", "abbr"), ("America", "alt")],
                box(-125, 25, -66, 49),
            ),
            (
                _e("c:cn", "China", "country", 35.0, 103.0, "CN", 1_400_000_000),
                [],
                box(73, 18, 135, 53),
            ),
            (
                _e("c:id", "Indonesia", "country", -2.0, 118.0, "ID", 270_000_000),
                [],
                box(95, -11, 141, 6),
            ),
            (
                _e("a:bali", "Bali", "admin1", -8.4, 115.2, "ID", 4_000_000, "02"),
                [],
                box(114.4, -8.9, 115.8, -8.0),
            ),
            (_e("g:austin", "Austin", "city", 30.27, -97.74, "US", 960_000, "TX"), [], None),
            (_e("g:paris", "Paris", "city", 48.85, 2.35, "FR", 2_100_000, "11", "PPLC"), [], None),
            (_e("g:paris-tx", "Paris", "city", 33.66, -95.56, "US", 25_000, "TX"), [], None),
            (
                _e("a:tx", "Texas", "admin1", 31.0, -99.0, "US", 29_000_000, "TX"),
                [("Tex.", "abbr")],
                box(-106.6, 25.8, -93.5, 36.5),
            ),
            (_e("g:rich", "Rich", "city", 32.3, -4.5, "MA", 20_000), [], None),
            (_e("g:wang", "Wang", "city", 48.5, 11.9, "DE", 2_500), [], None),
            (
                _e("g:dc", "Washington", "city", 38.9, -77.04, "US", 690_000, "DC", "PPLC"),
                [("Washington, D.C.", "alt")],
                None,
            ),
            (
                _e("a:wa", "Washington", "admin1", 47.5, -120.5, "US", 7_700_000, "WA"),
                [],
                box(-124.8, 45.5, -116.9, 49.0),
            ),
            (_e("s:scs", "South China Sea", "sea", 12.0, 114.0), [], box(105, 3, 121, 23)),
            (_e("s:ts", "Taiwan Strait", "strait", 24.0, 119.5), [], box(117.5, 22.5, 121, 26)),
            (
                _e("l:median", "Taiwan Strait median line", "line", 25.0, 120.0),
                [
                    ("median line", "alt"),
                    ("centre line", "alt"),
                    ("center line", "alt"),
                    ("Taiwan Strait median line", "alt"),
                ],
                LineString([(122, 27), (118, 23)]),
            ),
            (
                _e(
                    "g:springfield-il",
                    "Springfield",
                    "city",
                    39.8,
                    -89.65,
                    "US",
                    115_000,
                    "IL",
                    "PPLA",
                ),
                [],
                None,
            ),
            (
                _e("g:springfield-ma", "Springfield", "city", 42.1, -72.59, "US", 155_000, "MA"),
                [],
                None,
            ),
            (
                _e("a:il", "Illinois", "admin1", 40.0, -89.0, "US", 12_800_000, "IL"),
                [("Ill.", "abbr")],
                box(-91.5, 37.0, -87.5, 42.5),
            ),
        ]
    )


@pytest.fixture(scope="session")
def gazetteer():  # type: ignore[no-untyped-def]
    """The real embedded gazetteer (built into the cache on first use)."""
    from geomap.gazetteer import open_gazetteer

    return open_gazetteer()
