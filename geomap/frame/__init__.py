"""Build the places GeoDataFrame (EPSG:4326) with a fixed, documented schema.

This is the only module that turns lat/lon into a shapely ``Point(lon, lat)``.

Places schema, one row per place mention, resolved or not: a recognised name the gazetteer
(and the fallback geocoder, when one is set) cannot place is kept as a row with no geometry
(None), null ``name``/``entry_id``/``lat``/``lon`` and a ``reason``, so that the gaps can be
listed (``places[places.geometry.isna()]``) and fixed. Maps do not draw such rows; the
exports write them with a null geometry (valid GeoJSON, RFC 7946 section 3.2):

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
name            str      resolved name (null when unresolved)
entry_id        str      gazetteer id ("gn:1650535", "ne:marine:...", "geomap:..."), or the
                         fallback service's ("nominatim:relation/305092"); null unresolved
geonameid       Int64    GeoNames id, if any
country_code    str      ISO 3166-1 alpha-2
country, admin1, admin2  str  names of the country, state/province, county/district (null
                         where the gazetteer does not know them)
kind            str      country, admin1, admin2, city, region, continent, sea, strait,
                         bay, gulf, ocean, channel, island, archipelago, reef, line ...
precision       int      1 (exact site) ... 7 (sea, strait, line; or unresolved); README
                         "Location precision"; for a fallback answer, what its type says
score           float    resolution score (higher is surer; 0 unresolved)
lat, lon        float    representative point (inside polygons, on lines); null unresolved
source          str      the data source of the entry (a gazetteer layer, or the service
                         and its licence for a fallback answer)
geocoder        str      what resolved the name: "gazetteer", or the fallback geocoder's
                         service name ("nominatim", "photon", ...); null when unresolved
reason          str      why the name is not resolved as itself (null when it is): "not in
                         gazetteer", "demonym of no known place", "not in gazetteer: placed
                         in X" (a local name put in the town or country the text puts it
                         in), with "; nominatim: no result" etc. when a fallback was asked
geometry        geometry Point, LineString, Polygon or MultiPolygon (EPSG:4326); None
                         when unresolved
=============== ======== ==========================================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from geomap.models import Article, Incident, Place

if TYPE_CHECKING:
    import geopandas as gpd

__all__ = [
    "INCIDENT_COLUMNS",
    "MEMBER_FIELDS",
    "MERGE_DAYS",
    "MERGE_FIELDS",
    "MERGE_KM",
    "MERGE_MAX_PRECISION",
    "MERGE_MAX_SPAN_DAYS",
    "PLACE_COLUMNS",
    "aggregate_places",
    "best_member",
    "copy_text",
    "incident_anchor_layer",
    "incident_records",
    "incidents_frame",
    "merge_groups",
    "merge_incident_frames",
    "merge_incident_rows",
    "merged_record",
    "place_records",
    "places_frame",
    "same_incident",
    "sort_incidents",
    "sort_reports",
    "typed_incident_row",
]


PLACE_COLUMNS = [
    "article_id",
    "article_title",
    "article_url",
    "published",
    "mention",
    "start",
    "end",
    "role",
    "sentence",
    "name",
    "entry_id",
    "geonameid",
    "country_code",
    "country",
    "admin1",
    "admin2",
    "kind",
    "precision",
    "score",
    "lat",
    "lon",
    "source",
    "geocoder",
    "reason",
    "geometry",
]


def place_records(article: Article, places: Iterable[Place]) -> list[dict[str, Any]]:
    """Plain dict rows (no shapely Point built yet) for one article's places, the
    unresolved ones included (no entry: null name, point and geometry, and a reason)."""
    head = {
        "article_id": article.id,
        "article_title": article.title,
        "article_url": article.url,
        "published": article.published.isoformat() if article.published else None,
    }
    rows = []
    for p in places:
        e = p.entry
        row: dict[str, Any] = {
            **head,
            "mention": p.mention.text,
            "start": p.mention.start,
            "end": p.mention.end,
            "role": p.mention.role,
            "sentence": p.sentence,
        }
        if e is None:
            row.update(dict.fromkeys(_ENTRY_FIELDS))
            row.update(
                precision=p.precision,
                score=round(p.score, 3),
                reason=p.reason or "not resolved",
            )
        else:
            row.update(
                {
                    "name": e.name,
                    "entry_id": e.id,
                    "geonameid": e.geonameid,
                    "country_code": e.country_code,
                    "country": p.country,
                    "admin1": p.admin1,
                    "admin2": p.admin2,
                    "kind": e.kind,
                    "precision": p.precision,
                    "score": round(p.score, 3),
                    "lat": e.lat,
                    "lon": e.lon,
                    "source": e.source,
                    "geocoder": p.geocoder or "gazetteer",
                    "reason": p.reason,
                    "geometry": p.geometry,
                }
            )
        rows.append(row)
    return rows


#: the columns an unresolved mention leaves empty: those of the entry it has not got
_ENTRY_FIELDS = tuple(
    PLACE_COLUMNS[PLACE_COLUMNS.index("name") : PLACE_COLUMNS.index("geometry") + 1]
)


def aggregate_places(places: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per place per article, for exports (an unresolved name: one row per distinct
    name as written, case aside, with no geometry).

    Keeps the places schema (``mention``, ``start``, ``end`` and ``sentence`` are those of
    the first mention; ``role`` is "literal" if any mention is literal, else "associative",
    else "demonym"; ``reason`` is null when any mention names the place itself) and adds
    ``count`` and ``mentions``: a JSON list of every mention as ``{"text", "start", "end",
    "role", "sentence"}``. Geometries are not repeated.
    """
    import json

    import geopandas as gpd

    if places.empty:
        out = places.copy()
        out["count"] = []
        out["mentions"] = []
        return out
    keys = ["article_id", "_key"]
    rank = {"literal": 0, "associative": 1, "demonym": 2}
    # unresolved rows (no entry) group by their name as written, case aside
    key = places["entry_id"].where(
        places["entry_id"].notna(), "?" + places["mention"].astype(str).str.casefold()
    )
    ordered = places.assign(_rank=places["role"].map(rank).fillna(3), _key=key).sort_values(
        "start", kind="stable"
    )
    grouped = ordered.groupby(keys, sort=False)
    first = ordered.drop_duplicates(keys).set_index(keys)
    first["role"] = grouped["_rank"].min().map({v: k for k, v in rank.items()})
    first["count"] = grouped.size()
    # a place named as itself anywhere in the article has no reason ("placed in X" is for
    # the local names that were only put there)
    first["reason"] = grouped["reason"].agg(lambda r: r.iloc[0] if r.notna().all() else None)
    first["mentions"] = grouped.apply(
        lambda g: json.dumps(
            [
                {"text": t, "start": int(s), "end": int(e), "role": r, "sentence": sen}
                for t, s, e, r, sen in zip(
                    g["mention"], g["start"], g["end"], g["role"], g["sentence"], strict=True
                )
            ],
            ensure_ascii=False,
        ),
        include_groups=False,
    )
    out = first.reset_index()[[*PLACE_COLUMNS[:-1], "count", "mentions", "geometry"]]
    return gpd.GeoDataFrame(out, geometry="geometry", crs=places.crs)


_PLACE_DTYPES = {
    "start": "int64",
    "end": "int64",
    "precision": "int64",
    "score": "float64",
    "lat": "float64",
    "lon": "float64",
    "geonameid": "Int64",
}


def places_frame(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    """A GeoDataFrame in the places schema from :func:`place_records` rows.

    Build one frame for many articles at once where you can: the frame's fixed cost
    (a few milliseconds) is larger than the NLP on a short article.
    """
    import geopandas as gpd
    import pandas as pd
    import shapely

    cols: dict[str, Any] = {c: [r[c] for r in rows] for c in PLACE_COLUMNS[:-1]}
    geoms = [r["geometry"] for r in rows]
    # resolved rows without a stored shape get their point; unresolved rows stay None
    missing = [
        i
        for i, g in enumerate(geoms)
        if g is None and cols["lat"][i] is not None and cols["lon"][i] is not None
    ]
    if missing:
        pts = shapely.points([cols["lon"][i] for i in missing], [cols["lat"][i] for i in missing])
        for i, pt in zip(missing, pts, strict=True):
            geoms[i] = pt
    data = {
        c: pd.array(v, dtype=_PLACE_DTYPES[c]) if c in _PLACE_DTYPES else pd.array(v, dtype=object)
        for c, v in cols.items()
    }
    geometry = gpd.GeoSeries(geoms, crs="EPSG:4326")
    return gpd.GeoDataFrame(pd.DataFrame(data), geometry=geometry.values, crs="EPSG:4326")


# --------------------------------------------------------------------------------------------
# Incidents
#
# Incidents schema, one row per incident (an event reported by one or more articles):
#
# =============== ======== ==================================================================
# column          dtype    meaning
# =============== ======== ==================================================================
# id              str      stable id: hash of article id + sentence offsets + category (+
#                          trigger offset); a merged incident keeps its smallest member id
# member_ids      str      JSON list of the ids merged into this row (itself included)
# article_id      str      the first reporting article
# article_title   str      its title, if known
# article_url     str      its url, if known
# published       str      its publication date, ISO 8601, if known
# category        str      diplomatic_meeting, summit_conference, ... (geomap.incidents.CATEGORIES)
# domain          str      land | sea | air | cyber | space
# plover_event    str      PLOVER event (CONSULT, ACCUSE, MOBILIZE, ...)
# cameo_root      str      CAMEO root code ("04", "15", ...)
# quad_class      str      verbal/material cooperation/conflict
# acled_event_type      str  ACLED event type (Battles, Protests ...), empty for other events
# acled_sub_event_type  str  ACLED sub-event type (Armed clash, Peaceful protest ...)
# fatalities      Int64    deaths the text reports as a number (null: none given)
# injured         Int64    injuries the text reports as a number
# casualties_at_least bool the counts are lower bounds ("at least 23")
# title           str      short label for maps and lists
# trigger         str      the event word as written ("met", "crossed", "patrols")
# sentence        str      the first source sentence (untrusted text)
# sentence_start  int      its character offsets in the first article
# sentence_end    int
# actors          str      JSON list of {name, kind, country_code}
# actor_names     str      actor names joined with "; "
# countries       str      ISO 3166-1 alpha-2 codes of the actors joined with ","
# start, end      str      ISO dates of the event interval (inclusive), null when unknown
# time_precision  str      day | week | month | year | unknown
# modality        str      asserted | future | hypothetical (negated events are dropped)
# place_name      str      the event's place (gazetteer name), null when none is known
# place_mention   str      the place as written in the sentence
# entry_id        str      gazetteer id of the place
# place_kind      str      country, admin1, city, sea, strait, line, ...
# country_code    str      ISO code of the place, if any
# country, admin1, admin2  str  names of the place's country, state/province and county/district
# geo_precision   int      1 (exact site) ... 7 (sea, strait, line, or no place); README.md
# confidence      float    0-1 (place attached, time known, actors found, modality)
# n_sources       int      number of source sentences
# n_articles      int      number of distinct reporting articles
# sources         str      JSON list of {article_id, title, url, published, sentence, ...}
# anchor_lon      float    representative point of the footprint (on lines, inside polygons)
# anchor_lat      float
# geometry        geometry the footprint: Point, LineString (median line), Polygon (sea)
# =============== ======== ==================================================================

INCIDENT_COLUMNS = [
    "id",
    "member_ids",
    "article_id",
    "article_title",
    "article_url",
    "published",
    "category",
    "domain",
    "plover_event",
    "cameo_root",
    "quad_class",
    "acled_event_type",
    "acled_sub_event_type",
    "fatalities",
    "injured",
    "casualties_at_least",
    "title",
    "trigger",
    "sentence",
    "sentence_start",
    "sentence_end",
    "actors",
    "actor_names",
    "countries",
    "start",
    "end",
    "time_precision",
    "modality",
    "place_name",
    "place_mention",
    "entry_id",
    "place_kind",
    "country_code",
    "country",
    "admin1",
    "admin2",
    "geo_precision",
    "confidence",
    "n_sources",
    "n_articles",
    "sources",
    "anchor_lon",
    "anchor_lat",
    "geometry",
]


def incident_records(incidents: Iterable[Incident]) -> list[dict[str, Any]]:
    """Plain dict rows for :class:`~geomap.models.Incident` values (footprint kept as is)."""
    import json

    rows = []
    for inc in incidents:
        src0 = inc.sources[0] if inc.sources else {}
        p = inc.place
        e = p.entry if p is not None else None
        geom = p.geometry if p is not None else None
        lon = lat = None
        if geom is not None and not geom.is_empty:
            if geom.geom_type == "Point":
                rp = geom
            elif geom.geom_type in {"LineString", "MultiLineString"}:
                rp = geom.interpolate(0.5, normalized=True)  # the middle of the line
            else:
                rp = geom.representative_point()
            lon, lat = round(rp.x, 7), round(rp.y, 7)
        elif e is not None:
            lon, lat = e.lon, e.lat
        actors = [
            {"name": a.name, "kind": a.kind, "country_code": a.country_code} for a in inc.actors
        ]
        ccs = sorted({a.country_code for a in inc.actors if a.country_code})
        sources = list(inc.sources) or [{"article_id": inc.article_id, "sentence": inc.sentence}]
        rows.append(
            {
                "id": inc.id,
                "member_ids": json.dumps([inc.id]),
                "article_id": inc.article_id,
                "article_title": src0.get("title"),
                "article_url": src0.get("url"),
                "published": src0.get("published"),
                "category": inc.category,
                "domain": inc.domain,
                "plover_event": inc.plover_event or None,
                "cameo_root": inc.cameo_root or None,
                "quad_class": inc.quad_class or None,
                "acled_event_type": inc.acled_event_type or None,
                "acled_sub_event_type": inc.acled_sub_event_type or None,
                "fatalities": inc.fatalities,
                "injured": inc.injured,
                "casualties_at_least": bool(inc.casualties_at_least),
                "title": inc.title,
                "trigger": inc.trigger,
                "sentence": inc.sentence,
                "sentence_start": inc.sentence_start,
                "sentence_end": inc.sentence_end,
                "actors": json.dumps(actors, ensure_ascii=False),
                "actor_names": "; ".join(a.name for a in inc.actors),
                "countries": ",".join(ccs),
                "start": inc.start.isoformat() if inc.start else None,
                "end": inc.end.isoformat() if inc.end else None,
                "time_precision": inc.time_precision,
                "modality": inc.modality,
                "place_name": e.name if e is not None else None,
                "place_mention": p.mention.text if p is not None else None,
                "entry_id": e.id if e is not None else None,
                "place_kind": e.kind if e is not None else None,
                "country_code": e.country_code if e is not None else None,
                "country": p.country if p is not None else None,
                "admin1": p.admin1 if p is not None else None,
                "admin2": p.admin2 if p is not None else None,
                "geo_precision": int(inc.geo_precision),
                "confidence": float(inc.confidence),
                "n_sources": len(sources),
                "n_articles": len({s.get("article_id") for s in sources}),
                "sources": json.dumps(sources, ensure_ascii=False, default=str),
                "anchor_lon": lon,
                "anchor_lat": lat,
                "geometry": geom
                if geom is not None
                else (None if lon is None or lat is None else _point(lon, lat)),
            }
        )
    return rows


def _point(lon: float, lat: float) -> Any:
    from shapely.geometry import Point

    return Point(lon, lat)


def _incidents_gdf(rows: list[dict[str, Any]]) -> gpd.GeoDataFrame:
    import geopandas as gpd
    import pandas as pd

    df = pd.DataFrame(rows, columns=INCIDENT_COLUMNS)
    for col in ("sentence_start", "sentence_end", "geo_precision", "n_sources", "n_articles"):
        df[col] = df[col].astype("int64")
    for col in ("confidence", "anchor_lon", "anchor_lat"):
        df[col] = df[col].astype("float64")
    for col in ("fatalities", "injured"):
        df[col] = pd.to_numeric(df[col], errors="coerce").astype("Int64")
    df["casualties_at_least"] = [v is True or v == 1 for v in df["casualties_at_least"]]
    for col in INCIDENT_COLUMNS:
        if col not in {
            "fatalities",
            "injured",
            "casualties_at_least",
            "sentence_start",
            "sentence_end",
            "geo_precision",
            "n_sources",
            "n_articles",
            "confidence",
            "anchor_lon",
            "anchor_lat",
            "geometry",
        }:
            df[col] = df[col].astype(object)
    return gpd.GeoDataFrame(df, geometry="geometry", crs="EPSG:4326")


def incidents_frame(incidents: list[Any]) -> gpd.GeoDataFrame:
    """A GeoDataFrame in the incidents schema (see above), footprint as geometry.

    >>> incidents_frame([]).columns.tolist() == INCIDENT_COLUMNS
    True
    """
    return _incidents_gdf(incident_records(incidents))


def incident_anchor_layer(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """The same rows with the anchor point as geometry (for the GeoPackage point layer)."""
    import geopandas as gpd

    pts = [
        None if (lon is None or lat is None or lon != lon) else _point(lon, lat)
        for lon, lat in zip(gdf["anchor_lon"], gdf["anchor_lat"], strict=True)
    ]
    out = gpd.GeoDataFrame(gdf.drop(columns=gdf.geometry.name), geometry=pts, crs="EPSG:4326")
    return out


# merging across articles lives in geomap.frame.merge (imported last: it uses the above)
from geomap.frame.merge import (  # noqa: E402
    MEMBER_FIELDS,
    MERGE_DAYS,
    MERGE_FIELDS,
    MERGE_KM,
    MERGE_MAX_PRECISION,
    MERGE_MAX_SPAN_DAYS,
    best_member,
    copy_text,
    merge_groups,
    merge_incident_frames,
    merge_incident_rows,
    merged_record,
    same_incident,
    sort_incidents,
    sort_reports,
    typed_incident_row,
)
