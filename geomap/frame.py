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

#: kilometres under which two places of one incident count as the same place when merging
MERGE_KM = 50.0


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


#: incidents of two articles merge only when their dates lie at most this many days apart and
#: each is dated to within this many days (a day, or a few: not "the week before publication",
#: which is what an undated report gets)
MERGE_DAYS = 3
MERGE_MAX_SPAN_DAYS = 3
#: incidents merge across articles only when both are placed this precisely (3: a city or
#: district); vaguer places (a province, a country, a place inherited from the article) are
#: too coarse to tell two events apart
MERGE_MAX_PRECISION = 3
#: grid cell of the spatial blocking, in degrees (larger than MERGE_KM everywhere)
_CELL_DEG = 1.0


def _day(value: Any) -> int | None:
    """Days since 0001-01-01 of an ISO date (or date), None when missing or unreadable."""
    import datetime as dt

    if value is None or value != value or value == "":
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return None


def _interval(row: Any) -> tuple[int, int] | None:
    start = _day(row.get("start"))
    if start is None:
        return None
    end = _day(row.get("end"))
    return (start, end if end is not None and end >= start else start)


def _km(a: Any, b: Any) -> float | None:
    from geomap.geo import haversine_km

    if any(
        v is None or v != v
        for v in (a["anchor_lon"], a["anchor_lat"], b["anchor_lon"], b["anchor_lat"])
    ):
        return None
    return haversine_km(a["anchor_lat"], a["anchor_lon"], b["anchor_lat"], b["anchor_lon"])


def _actor_keys(row: Any) -> set[str]:
    import json

    keys = set()
    for a in json.loads(row["actors"] or "[]"):
        if a.get("kind") == "organisation":
            continue
        keys.add(a.get("country_code") or a.get("name"))
    return keys


def _copy_key(row: Any) -> tuple[str, str, str]:
    """Rows with this key are copies of one report (syndication): same category, modality and
    sentence, whitespace and case aside."""
    return (row["category"], row["modality"], " ".join(str(row["sentence"] or "").lower().split()))


def same_incident(a: Any, b: Any, *, km: float = MERGE_KM) -> bool:
    """Do two incident rows of different articles report one event?

    Copies of one report (same category, modality and sentence) do. Otherwise both must have
    a place (of precision ``MERGE_MAX_PRECISION`` or better) and a date: the same category
    and modality, dates at most ``MERGE_DAYS`` apart and each dated to within
    ``MERGE_MAX_SPAN_DAYS``, the same place entry or anchors closer than ``km``, and
    overlapping actors when both name some (a report that names none does not contradict).
    A placeless or undated incident merges only with copies of its own report.
    """
    if a["category"] != b["category"] or a["modality"] != b["modality"]:
        return False
    if _copy_key(a) == _copy_key(b) and _copy_key(a)[2]:
        return True
    ia, ib = _interval(a), _interval(b)
    if ia is None or ib is None:
        return False
    if max(ia[1] - ia[0], ib[1] - ib[0]) > MERGE_MAX_SPAN_DAYS:
        return False
    if ia[0] - ib[1] > MERGE_DAYS or ib[0] - ia[1] > MERGE_DAYS:
        return False
    ea, eb = a["entry_id"], b["entry_id"]
    if not ea or not eb:
        return False
    if max(int(a["geo_precision"]), int(b["geo_precision"])) > MERGE_MAX_PRECISION:
        return False  # "somewhere in Mali" twice is not one place
    if ea != eb:
        d = _km(a, b)
        if d is None or d >= km:
            return False
    ka, kb = _actor_keys(a), _actor_keys(b)
    # actors named on both sides must overlap; a report that names none does not contradict
    return bool(ka & kb) if ka and kb else True


_N_CELLS_X = int(360 // _CELL_DEG)


def _cell(row: dict[str, Any]) -> tuple[int, int] | None:
    """The grid cell of a placed row's anchor (None without a place entry or anchor)."""
    lon, lat = row.get("anchor_lon"), row.get("anchor_lat")
    if not row.get("entry_id") or lon is None or lat is None or lon != lon or lat != lat:
        return None
    cy = int((float(lat) + 90) // _CELL_DEG)
    return cy, int((float(lon) + 180) // _CELL_DEG) % _N_CELLS_X


def _blocks(row: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The blocking keys under which ``row`` is filed (its report text; its cell and day)."""
    keys: list[tuple[Any, ...]] = [("copy", *_copy_key(row))]
    iv, cell = _interval(row), _cell(row)
    if iv is not None and cell is not None:
        keys.append(("near", row["category"], row["modality"], iv[0], cell))
    return keys


def _probes(row: dict[str, Any]) -> list[tuple[Any, ...]]:
    """The blocking keys where a row's possible partners are filed: its report text, and the
    neighbouring cells on the days a partner could start."""
    keys: list[tuple[Any, ...]] = [("copy", *_copy_key(row))]
    iv, cell = _interval(row), _cell(row)
    if iv is None or cell is None or iv[1] - iv[0] > MERGE_MAX_SPAN_DAYS:
        return keys
    cy, cx = cell
    for day in range(iv[0] - MERGE_DAYS - MERGE_MAX_SPAN_DAYS, iv[1] + MERGE_DAYS + 1):
        for dy in (-1, 0, 1):
            for dx in (-1, 0, 1):
                near = (cy + dy, (cx + dx) % _N_CELLS_X)
                keys.append(("near", row["category"], row["modality"], day, near))
    return keys


#: the fields of an incident row that deciding the merge reads (:func:`merge_groups`)
MERGE_FIELDS = (
    "id", "published", "category", "modality", "sentence", "start", "end", "entry_id",
    "geo_precision", "anchor_lon", "anchor_lat", "actors", "article_id", "confidence",
)  # fmt: skip
#: the fields of each member that a merged row is built from, besides its best member's row
MEMBER_FIELDS = (
    "id", "published", "member_ids", "article_id", "article_title", "article_url", "actors",
    "sources", "start", "end",
)  # fmt: skip


def sort_reports(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows in merging order: an id given twice (one article read twice) once, its first
    copy; by publication date (undated last), then id, as a stable sort."""
    first: dict[Any, dict[str, Any]] = {}
    for r in rows:
        first.setdefault(r["id"], r)
    out = list(first.values())
    out.sort(key=lambda r: (_missing(r["published"]), str(r["published"]), str(r["id"])))
    return out


def merge_groups(rows: list[dict[str, Any]]) -> list[list[int]]:
    """Which rows (in :func:`sort_reports` order; only :data:`MERGE_FIELDS` are read) report
    one incident: groups of row numbers.

    Linear in the number of rows (plus candidate pairs): candidates come from blocking keys
    (category, day and a 1-degree cell for placed and dated rows; the report's own text for
    copies), never from all pairs. A row joins a group only when it reports the same event as
    every member (complete linkage), so groups never chain beyond the bounds.
    """
    groups: list[list[int]] = []
    index: dict[tuple[Any, ...], list[int]] = {}  # blocking key -> group numbers
    for i, r in enumerate(rows):
        seen: set[int] = set()
        joined = None
        for key in _probes(r):
            for g in index.get(key, ()):
                if g in seen:
                    continue
                seen.add(g)
                members = groups[g]
                if all(
                    rows[j]["article_id"] != r["article_id"] and same_incident(rows[j], r)
                    for j in members
                ):
                    joined = g
                    break
            if joined is not None:
                break
        if joined is None:
            joined = len(groups)
            groups.append([])
        groups[joined].append(i)
        for key in _blocks(r):
            bucket = index.setdefault(key, [])
            if not bucket or bucket[-1] != joined:
                bucket.append(joined)
    return groups


def best_member(ms: list[dict[str, Any]]) -> int:
    """The position of the member whose fields a merged row takes: the most confident, then
    the most precisely placed, then the first."""
    return max(range(len(ms)), key=lambda k: (ms[k]["confidence"], -ms[k]["geo_precision"]))


def merged_record(best: dict[str, Any], ms: list[dict[str, Any]]) -> dict[str, Any]:
    """One incident from its reports: the ``best`` member's row (every column), with the
    union of the members' actors and sources (``ms``, in merging order, need only
    :data:`MEMBER_FIELDS`), the smallest member id, the first article and a confidence raised
    by the number of articles."""
    import json

    rec = {c: best[c] for c in INCIDENT_COLUMNS}
    if len(ms) < 2:
        return rec
    ids = sorted({i for r in ms for i in json.loads(r["member_ids"])})
    rec["id"] = ids[0]
    rec["member_ids"] = json.dumps(ids)
    first = min(ms, key=lambda r: (str(r["published"] or "9999"), r["id"]))
    for c in ("article_id", "article_title", "article_url", "published"):
        rec[c] = first[c]
    actors = _json_union(ms, "actors")
    rec["actors"] = json.dumps(actors, ensure_ascii=False)
    rec["actor_names"] = "; ".join(a["name"] for a in actors)
    rec["countries"] = ",".join(
        sorted({a["country_code"] for a in actors if a.get("country_code")})
    )
    sources = _json_union(ms, "sources")
    rec["sources"] = json.dumps(sources, ensure_ascii=False)
    rec["n_sources"] = len(sources)
    rec["n_articles"] = len({s.get("article_id") for s in sources})
    starts = [r["start"] for r in ms if r["start"]]
    ends = [r["end"] for r in ms if r["end"]]
    if starts and best["time_precision"] != "day":
        rec["start"], rec["end"] = max(starts), min(ends) if ends else None
        if rec["end"] and rec["end"] < rec["start"]:
            rec["start"], rec["end"] = best["start"], best["end"]
    rec["confidence"] = round(
        min(0.99, float(best["confidence"]) + 0.05 * (rec["n_articles"] - 1)), 2
    )
    return rec


def sort_incidents(out: list[dict[str, Any]]) -> None:
    """Merged incidents in output order: by publication date, then id."""
    out.sort(key=lambda r: (str(r["published"] or ""), r["id"]))


_INT_COLUMNS = ("sentence_start", "sentence_end", "geo_precision", "n_sources", "n_articles")
_FLOAT_COLUMNS = ("confidence", "anchor_lon", "anchor_lat")


def _count(value: Any) -> int | None:
    """A casualty count as the frame's nullable integer column holds it."""
    if value is None or isinstance(value, bool):
        return None if value is None else int(value)
    try:
        f = float(value)
    except (TypeError, ValueError):
        return None
    return int(f) if f == f and f not in (float("inf"), float("-inf")) else None


def typed_incident_row(row: dict[str, Any]) -> dict[str, Any]:
    """``row`` with the value types of the incidents frame's columns (what
    :func:`incidents_frame` makes of it): counts as int, coordinates and confidence as float,
    casualty counts as int or None, ``casualties_at_least`` as bool; missing columns None."""
    out: dict[str, Any] = {c: row.get(c) for c in INCIDENT_COLUMNS}
    for c in _INT_COLUMNS:
        out[c] = int(out[c])
    for c in _FLOAT_COLUMNS:
        out[c] = None if out[c] is None else float(out[c])
    for c in ("fatalities", "injured"):
        out[c] = _count(out[c])
    v = out["casualties_at_least"]
    out["casualties_at_least"] = v is True or v == 1
    return out


def merge_incident_rows(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`merge_incident_frames` on plain rows (:func:`incident_records`), giving plain
    rows typed as the frame's columns (:func:`typed_incident_row`): no frame is built."""
    rows = sort_reports(rows)
    out = []
    for members in merge_groups(rows):
        ms = [rows[i] for i in members]
        out.append(merged_record(ms[best_member(ms)], ms))
    sort_incidents(out)
    return [typed_incident_row(r) for r in out]


def merge_incident_frames(
    frames: list[gpd.GeoDataFrame], records: list[dict[str, Any]] | None = None
) -> gpd.GeoDataFrame:
    """One row per incident across articles: rows that report the same event (see
    :func:`same_incident` and :func:`merge_groups`) become one, keeping every source
    sentence and article. The merged row takes the most confident member's fields, the union
    of actors and sources, and the smallest member id (so ids stay stable as articles are
    added): :func:`merged_record`.

    ``records``: more incidents as plain rows (:func:`incident_records`), merged with the
    frames' rows without building a frame of them first.
    """
    import pandas as pd

    frames = [f for f in frames if f is not None and len(f)]
    rows: list[dict[str, Any]] = []
    if frames:
        rows = pd.concat(frames, ignore_index=True).to_dict("records")
    return _incidents_gdf(merge_incident_rows(rows + (records or [])))


def _missing(value: Any) -> bool:
    """None, NaN, pandas' NA or NaT: what ``sort_values`` puts last."""
    if value is None or (isinstance(value, float) and value != value):
        return True
    return type(value).__name__ in ("NAType", "NaTType")


def _json_union(rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    """The distinct items of a JSON-list column over rows, in first-seen order."""
    import json

    out: list[dict[str, Any]] = []
    for r in rows:
        for item in json.loads(r[column] or "[]"):
            if item not in out:
                out.append(item)
    return out
