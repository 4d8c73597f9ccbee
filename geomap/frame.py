"""Build the places GeoDataFrame (EPSG:4326) with a fixed, documented schema.

This is the only module that turns lat/lon into a shapely ``Point(lon, lat)``.

Places schema, one row per place mention:

=============== ======== ==========================================================
column          dtype    meaning
=============== ======== ==========================================================
article_id      str      stable article id
article_title   str      title, if known
article_url     str      url, if known
published       str      publication date, ISO 8601, if known
mention         str      the text exactly as written
start, end      int      character offsets of the mention in the article text
role            str      literal | associative ("Washington said") | demonym ("Chinese")
sentence        str      the sentence that mentions the place (untrusted text)
name            str      resolved gazetteer name
entry_id        str      gazetteer id ("gn:1650535", "ne:marine:...", "geomap:...")
geonameid       Int64    GeoNames id, if any
country_code    str      ISO 3166-1 alpha-2
kind            str      country, admin1, admin2, city, region, continent, sea, strait,
                         bay, gulf, ocean, channel, island, archipelago, reef, line ...
precision       int      1 (exact site) ... 7 (sea, strait, line); see docs/MAPS.md
score           float    resolution score (higher is surer)
lat, lon        float    representative point (inside polygons, on lines)
source          str      the gazetteer source of the entry
geometry        geometry Point, LineString, Polygon or MultiPolygon (EPSG:4326)
=============== ======== ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from .models import Article, Place

if TYPE_CHECKING:
    import geopandas as gpd

PLACE_COLUMNS = [
    "article_id", "article_title", "article_url", "published", "mention", "start", "end",
    "role", "sentence", "name", "entry_id", "geonameid", "country_code", "kind", "precision",
    "score", "lat", "lon", "source", "geometry",
]


def place_records(article: Article, places: Iterable[Place]) -> list[dict[str, Any]]:
    """Plain dict rows (no shapely Point built yet) for one article's resolved places."""
    rows = []
    for p in places:
        e = p.entry
        if e is None:
            continue
        rows.append({
            "article_id": article.id,
            "article_title": article.title,
            "article_url": article.url,
            "published": article.published.isoformat() if article.published else None,
            "mention": p.mention.text,
            "start": p.mention.start,
            "end": p.mention.end,
            "role": p.mention.role,
            "sentence": p.sentence,
            "name": e.name,
            "entry_id": e.id,
            "geonameid": e.geonameid,
            "country_code": e.country_code,
            "kind": e.kind,
            "precision": p.precision,
            "score": round(p.score, 3),
            "lat": e.lat,
            "lon": e.lon,
            "source": e.source,
            "geometry": p.geometry,
        })
    return rows


def places_frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """A GeoDataFrame in the places schema from :func:`place_records` rows."""
    import geopandas as gpd
    import pandas as pd
    from shapely.geometry import Point

    for r in rows:
        if r["geometry"] is None:
            r["geometry"] = Point(r["lon"], r["lat"])
    df = pd.DataFrame(rows, columns=PLACE_COLUMNS)
    df["geonameid"] = df["geonameid"].astype("Int64")
    for col in ("start", "end", "precision"):
        df[col] = df[col].astype("int64")
    for col in ("score", "lat", "lon"):
        df[col] = df[col].astype("float64")
    return gpd.GeoDataFrame(df, geometry="geometry", crs="EPSG:4326")
