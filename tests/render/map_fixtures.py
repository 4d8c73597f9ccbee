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


from geomap.frame import INCIDENT_COLUMNS  # noqa: E402


def _incident(**kw):
    import json

    sources = kw.pop("sources", None) or [
        {
            "article_id": kw.get("article_id", "a1"),
            "title": kw.get("article_title", "Ministers meet"),
            "url": kw.get("article_url", "https://example.org/a1"),
            "published": "2024-05-01",
            "sentence": kw.get("sentence", ""),
        }
    ]
    actors = kw.pop("actor_list", [])
    geom = kw["geometry"]
    anchor = geom if geom.geom_type == "Point" else geom.representative_point()
    base = dict(
        id="inc-x",
        member_ids=json.dumps([kw.get("id", "inc-x")]),
        article_id="a1",
        article_title="Ministers meet",
        article_url="https://example.org/a1",
        published="2024-05-01",
        category="other",
        domain="land",
        plover_event=None,
        cameo_root=None,
        quad_class=None,
        title="",
        trigger="",
        sentence="",
        sentence_start=0,
        sentence_end=0,
        actors=json.dumps([{"name": a, "kind": "state", "country_code": None} for a in actors]),
        actor_names="; ".join(actors),
        countries="",
        start=None,
        end=None,
        time_precision="day",
        modality="asserted",
        place_name=None,
        place_mention=None,
        entry_id=None,
        place_kind=None,
        country_code=None,
        geo_precision=3,
        confidence=0.8,
        n_sources=len(sources),
        n_articles=len({s.get("article_id") for s in sources}),
        sources=json.dumps(sources, ensure_ascii=False),
        anchor_lon=anchor.x,
        anchor_lat=anchor.y,
    )
    base.update(kw)
    return base


def incidents_gdf() -> gpd.GeoDataFrame:
    """Incidents in the geomap.frame schema: every precision level, a merged incident with two
    sources, a future one, hostile text in titles, sentences and actor names."""
    sea = Polygon([(109, 2), (120, 2), (121, 14), (110, 20), (105, 10), (109, 2)])
    country = Polygon([(95, -6), (141, -10), (141, 5), (95, 6), (95, -6)])
    rows = [
        _incident(
            id="i1",
            category="diplomatic_meeting",
            quad_class="verbal cooperation",
            title="Ministers meet <b>in</b> Bali",
            sentence="Ministers met in Denpasar <script>alert(1)</script> today.",
            sources=[
                {
                    "article_id": "a1",
                    "title": "Ministers meet",
                    "url": "https://example.org/a1",
                    "published": "2024-05-01",
                    "sentence": "Ministers met in Denpasar <script>alert(1)</script> today.",
                },
                {
                    "article_id": "a2",
                    "title": "<img src=x onerror=alert(1)>",
                    "url": "javascript:alert(1)",
                    "published": "2024-05-02",
                    "sentence": "Talks in Denpasar: \"quoted\" & 'single' </div> went on.",
                },
            ],
            start="2024-05-01",
            end="2024-05-02",
            geo_precision=3,
            actor_list=["Indonesia", "Australia"],
            place_name="Denpasar",
            confidence=0.8,
            geometry=Point(115.2167, -8.65),
        ),
        _incident(
            id="i2",
            category="airspace_incursion",
            quad_class="material conflict",
            title="Jets cross median line",
            sentence="Jets crossed the median line.",
            article_id="a3",
            article_title="Jets",
            article_url="https://example.org/a3",
            start="2024-05-03",
            end="2024-05-03",
            geo_precision=7,
            actor_list=["PLA <img src=x onerror=alert(3)>"],
            place_name="Taiwan Strait median line",
            confidence=0.7,
            geometry=LineString([(122, 27), (118, 23)]),
        ),
        _incident(
            id="i3",
            category="maritime_incident",
            quad_class="material conflict",
            title="Water cannon in the South China Sea",
            sentence="Coast guard ships used water cannon in the South China Sea.",
            start="2024-06-10",
            end="2024-06-10",
            geo_precision=7,
            actor_list=["China Coast Guard", "Philippines"],
            place_name="South China Sea",
            geometry=sea,
        ),
        _incident(
            id="i4",
            category="military_activity",
            quad_class="material conflict",
            title="Exercise planned in Indonesia",
            sentence="Indonesia will hold drills next month.",
            start="2024-07-01",
            end="2024-07-31",
            time_precision="month",
            modality="future",
            geo_precision=6,
            actor_list=["Indonesia"],
            place_name="Indonesia",
            geometry=country,
        ),
        _incident(
            id="i5",
            category="protest_unrest",
            quad_class="material conflict",
            title="Protest outside the embassy",
            sentence="Hundreds protested outside the embassy in Jakarta.",
            start="2024-05-20",
            end="2024-05-20",
            geo_precision=1,
            actor_list=["protesters"],
            place_name="Jakarta",
            geometry=Point(106.8272, -6.1754),
        ),
        _incident(
            id="i6",
            category="statement_accusation",
            quad_class="verbal conflict",
            title="Ministry criticises patrols",
            sentence="The ministry criticised the patrols near Manila.",
            start=None,
            end=None,
            time_precision="unknown",
            geo_precision=4,
            actor_list=["Foreign Ministry"],
            place_name="Metro Manila",
            geometry=Point(121.0, 14.6),
        ),
    ]
    return gpd.GeoDataFrame(rows, columns=INCIDENT_COLUMNS, geometry="geometry", crs="EPSG:4326")


def many_incidents(n: int, seed: int = 0) -> gpd.GeoDataFrame:
    """``n`` incidents spread over the world (points, boxes, lines; 1 % without a place, 1 %
    undated), for the big-map ("compact", canvas) path. Titles are ``Incident <i> near <place>``;
    incident 7 carries hostile text; incident 11 a long sentence (its quote is shortened in the
    popup) and three days."""
    import json

    import numpy as np
    from shapely.geometry import box

    rng = np.random.default_rng(seed)
    cats = [
        ("diplomatic_meeting", "verbal cooperation"),
        ("statement_accusation", "verbal conflict"),
        ("maritime_incident", "material conflict"),
        ("protest_unrest", "material conflict"),
        ("military_activity", "material conflict"),
    ]
    places = ["Manila", "Taipei", "Bali", "Jakarta", "Hanoi"]
    lon, lat = rng.uniform(-170, 170, n), rng.uniform(-55, 65, n)
    kind, day = rng.choice(3, n, p=[0.8, 0.1, 0.1]), rng.integers(0, 365, n)
    rows = []
    for i in range(n):
        x, y = float(lon[i]), float(lat[i])
        if kind[i] == 1:
            geom, precision = box(x, y, x + 2, y + 1.5), 5
        elif kind[i] == 2:
            geom, precision = LineString([(x, y), (x + 2, y + 1)]), 7
        else:
            geom, precision = Point(x, y), int(rng.choice([1, 2, 3, 4]))
        cat, quad = cats[i % len(cats)]
        place = places[i % len(places)]
        date = (pd.Timestamp("2024-01-01") + pd.Timedelta(days=int(day[i]))).date().isoformat()
        row = _incident(
            id=f"big-{i}",
            category=cat,
            quad_class=quad,
            title=f"Incident {i} near {place}"
            + (" <img src=x onerror=alert(7)>" if i == 7 else ""),
            sentence=f"Something happened near {place} ({i}).",
            start=None if i % 100 == 50 else date,
            end=None if i % 100 == 50 else date,
            geo_precision=precision,
            actor_list=["China", "Philippines"],
            place_name=place,
            geometry=geom,
        )
        if i == 11:  # a long sentence (made up) with its trigger's offsets, over three days
            pre = "Made up for the tests: " + "officials in the region said again " * 6
            long = pre + f"that a blast hit the harbour of {place} " + "and talks went on " * 8
            t0 = 1000 + long.index("blast")
            row.update(
                sentence=long,
                end=(pd.Timestamp(date) + pd.Timedelta(days=3)).date().isoformat(),
                place_mention=place,
                sources=json.dumps(
                    [
                        {
                            "article_id": "a11",
                            "title": "A long report",
                            "url": "https://example.org/a11",
                            "published": date,
                            "sentence": long,
                            "sentence_start": 1000,
                            "trigger_start": t0,
                            "trigger_end": t0 + 5,
                        }
                    ]
                ),
            )
        if i % 100 == 99:  # no place: listed, not drawn
            row.update(geometry=None, anchor_lon=None, anchor_lat=None, geo_precision=None)
        rows.append(row)
    return gpd.GeoDataFrame(rows, columns=INCIDENT_COLUMNS, geometry="geometry", crs="EPSG:4326")
