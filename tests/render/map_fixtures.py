"""Hand-made places/incidents GeoDataFrames for render/export tests (no gazetteer needed)."""

from __future__ import annotations

import geopandas as gpd
import pandas as pd
from shapely.geometry import LineString, Point, Polygon

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"quoted\" & 'single' </div>",
]


def _row(**kw):
    base = dict(
        article_id="a1",
        article_title="Ministers meet",
        article_url="https://example.org/a1",
        published="2024-05-01",
        mention="",
        start=0,
        end=0,
        role="literal",
        sentence="",
        name="",
        entry_id="",
        geonameid=pd.NA,
        country_code=None,
        kind="city",
        precision=3,
        score=0.9,
        lat=0.0,
        lon=0.0,
        geometry=None,
    )
    base.update(kw)
    if base["mention"] and not base["end"]:
        base["end"] = base["start"] + len(base["mention"])
    return base


def places_gdf() -> gpd.GeoDataFrame:
    """Bali-ish city (mentioned twice), a sea, a line, a country, a province, and noise."""
    sea = Polygon([(109, 2), (120, 2), (121, 14), (110, 20), (105, 10), (109, 2)])
    country = Polygon([(95, -6), (141, -10), (141, 5), (95, 6), (95, -6)])
    province = Polygon([(114.4, -8.9), (115.8, -8.9), (115.8, -8.0), (114.4, -8.0)])
    line = LineString([(122, 27), (118, 23)])
    rows = [
        _row(
            mention="Denpasar",
            start=10,
            sentence="Ministers met in Denpasar <script>alert(1)</script> today.",
            name="Denpasar",
            entry_id="gn:1645528",
            geonameid=1645528,
            country_code="ID",
            kind="city",
            precision=3,
            lat=-8.65,
            lon=115.2167,
            geometry=Point(115.2167, -8.65),
        ),
        _row(
            article_id="a2",
            article_title="<img src=x onerror=alert(1)>",
            article_url="javascript:alert(1)",
            mention="Denpasar",
            start=4,
            sentence="In Denpasar, officials said \"quoted\" & 'single' </div> things.",
            name="Denpasar",
            entry_id="gn:1645528",
            geonameid=1645528,
            country_code="ID",
            kind="city",
            precision=3,
            lat=-8.65,
            lon=115.2167,
            geometry=Point(115.2167, -8.65),
        ),
        _row(
            mention="South China Sea",
            start=50,
            sentence="Ships sailed in the South China Sea.",
            name="South China Sea",
            entry_id="sea:scs",
            country_code=None,
            kind="sea",
            precision=7,
            lat=12.0,
            lon=113.0,
            geometry=sea,
        ),
        _row(
            mention="median line",
            start=80,
            sentence="Jets crossed the median line.",
            name="Taiwan Strait median line",
            entry_id="line:median",
            kind="line",
            precision=7,
            lat=25.0,
            lon=120.0,
            geometry=line,
        ),
        _row(
            mention="Indonesia",
            start=100,
            sentence="Indonesia hosted the talks.",
            name="Indonesia",
            entry_id="gn:1643084",
            geonameid=1643084,
            country_code="ID",
            kind="country",
            precision=6,
            lat=-2.0,
            lon=118.0,
            geometry=country,
        ),
        _row(
            mention="Bali",
            start=120,
            sentence="Bali prepared for the summit.",
            name="Bali",
            entry_id="gn:1650535",
            geonameid=1650535,
            country_code="ID",
            kind="admin1",
            precision=4,
            lat=-8.4,
            lon=115.1,
            geometry=province,
        ),
        _row(
            mention="Indonesian",
            start=140,
            sentence="Indonesian diplomats arrived.",
            name="Indonesia",
            entry_id="gn:1643084",
            geonameid=1643084,
            country_code="ID",
            kind="country",
            precision=6,
            role="demonym",
            lat=-2.0,
            lon=118.0,
            geometry=country,
        ),
    ]
    gdf = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
    gdf["geonameid"] = gdf["geonameid"].astype("Int64")
    gdf["start"] = gdf["start"].astype(int)
    gdf["end"] = gdf["end"].astype(int)
    gdf["precision"] = gdf["precision"].astype(int)
    return gdf


def incidents_gdf() -> gpd.GeoDataFrame:
    rows = [
        dict(
            id="i1",
            category="diplomatic_meeting",
            title="Ministers meet <b>in</b> Bali",
            sentence="Ministers met in Denpasar <script>alert(1)</script> today.",
            start_date="2024-05-01",
            end_date="2024-05-02",
            geo_precision=3,
            actors=["Indonesia", "Australia"],
            modality="asserted",
            confidence=0.8,
            article_title="Ministers meet",
            article_url="https://example.org/a1",
            anchor_lon=115.2167,
            anchor_lat=-8.65,
            geometry=Point(115.2167, -8.65),
        ),
        dict(
            id="i2",
            category="airspace_incursion",
            title="Jets cross median line",
            sentence="Jets crossed the median line.",
            start_date="2024-05-03",
            end_date=None,
            geo_precision=7,
            actors="PLA",
            modality="asserted",
            confidence=0.7,
            article_title="Jets",
            article_url="https://example.org/a3",
            anchor_lon=120.0,
            anchor_lat=25.0,
            geometry=LineString([(122, 27), (118, 23)]),
        ),
    ]
    return gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:4326")
