"""Merging incident reports across articles: which rows report one incident
(:func:`same_incident`, blocked so that the cost grows with the candidate pairs, not the
square of the batch) and the merged row of each incident. Part of :mod:`geomap.frame`, which
re-exports its public names."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any, TypeVar

from geomap.frame import INCIDENT_COLUMNS, _incidents_gdf

if TYPE_CHECKING:
    import geopandas as gpd

_Row = TypeVar("_Row", bound=Mapping[str, Any])

#: kilometres under which two places of one incident count as the same place when merging
MERGE_KM = 50.0


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


def copy_text(sentence: Any) -> str:
    """A report's sentence as copies of it compare: whitespace and case aside."""
    return _copy_text(str(sentence or ""))


@lru_cache(maxsize=8192)  # each row's sentence is compared several times while merging
def _copy_text(sentence: str) -> str:
    return " ".join(sentence.lower().split())


def _copy_key(row: Any) -> tuple[str, str, str]:
    """Rows with this key are copies of one report (syndication): same category, modality and
    sentence (:func:`copy_text`)."""
    return (row["category"], row["modality"], copy_text(row["sentence"]))


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


def _cell(row: Mapping[str, Any]) -> tuple[int, int] | None:
    """The grid cell of a placed row's anchor (None without a place entry or anchor, or when
    its place is too vague to merge by place: such a row merges only with its copies)."""
    lon, lat = row.get("anchor_lon"), row.get("anchor_lat")
    if not row.get("entry_id") or lon is None or lat is None or lon != lon or lat != lat:
        return None
    if int(row["geo_precision"]) > MERGE_MAX_PRECISION:
        return None
    cy = int((float(lat) + 90) // _CELL_DEG)
    return cy, int((float(lon) + 180) // _CELL_DEG) % _N_CELLS_X


def _blocks(row: Mapping[str, Any]) -> list[tuple[Any, ...]]:
    """The blocking keys under which ``row`` is filed (its report text; its cell and day)."""
    keys: list[tuple[Any, ...]] = [("copy", *_copy_key(row))]
    iv, cell = _interval(row), _cell(row)
    if iv is not None and cell is not None:
        keys.append(("near", row["category"], row["modality"], iv[0], cell))
    return keys


def _probes(row: Mapping[str, Any]) -> list[tuple[Any, ...]]:
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


def sort_reports(rows: Sequence[_Row]) -> list[_Row]:
    """The rows in merging order: an id given twice (one article read twice) once, its first
    copy; by publication date (undated last), then id, as a stable sort."""
    first: dict[Any, _Row] = {}
    for r in rows:
        first.setdefault(r["id"], r)
    out = list(first.values())
    out.sort(key=lambda r: (_missing(r["published"]), str(r["published"]), str(r["id"])))
    return out


def merge_groups(rows: Sequence[Mapping[str, Any]]) -> list[list[int]]:
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


def best_member(ms: Sequence[Mapping[str, Any]]) -> int:
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
