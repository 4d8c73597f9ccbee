"""Incidents in ACLED's column layout, so that analysts can put geomap's output beside a coded
data set (``geomap extract ... -o FILE.csv --schema acled``).

Column by column (ACLED's names; geomap's source in brackets):

- ``event_id_cnty`` [id], ``event_date`` [start; for an interval, its first day],
  ``year``, ``time_precision``: 1 a day, 2 within a week, 3 a month or more or unknown
  [time_precision day / week / month, year, unknown];
- ``event_type``, ``sub_event_type`` [acled_event_type, acled_sub_event_type; events that
  are neither political violence nor demonstrations, such as floods or accidents, have none];
- ``actor1``, ``assoc_actor_1`` [the first actor; the others, "; "-separated];
- ``country``, ``admin1``, ``admin2``, ``location`` [country, admin1, admin2, place_name],
  ``latitude``, ``longitude`` [the anchor point];
- ``geo_precision`` (:func:`acled_geo_precision`): 1 the named town or site, 2 near a town or a
  district, 3 only a province or a larger region, or placed only by the article's main place;
- ``source`` [the article titles], ``source_url``, ``notes`` [the first source sentence],
  ``fatalities`` [fatalities, 0 when the text gives no number, as ACLED does],
  ``tags`` ["fatalities at least" when the count was a lower bound].
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd

__all__ = ["ACLED_COLUMNS", "acled_frame", "acled_geo_precision"]

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "country",
    "admin1",
    "admin2",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_url",
    "notes",
    "fatalities",
    "tags",
]

_TIME_PRECISION = {"day": 1, "week": 2}


def acled_geo_precision(precision: Any, place_kind: Any) -> int:
    """ACLED's 1-3 scale from geomap's 1-7 one and the place's kind: 1 (exact site) and 3
    (city) -> 1; 2 (near a named place) and a district (admin2) -> 2; everything vaguer
    (province, region, country, sea; or an inherited place, whose precision is at least 4)
    -> 3."""
    try:
        p = int(precision)
    except (TypeError, ValueError):
        return 3
    if p in (1, 3):
        return 1
    if p == 2 or (p == 4 and place_kind == "admin2"):
        return 2
    return 3


def _actors(value: Any) -> list[str]:
    try:
        items = json.loads(value) if isinstance(value, str) else list(value or [])
    except (TypeError, ValueError):
        return []
    return [str(a.get("name")) for a in items if isinstance(a, dict) and a.get("name")]


def _sources(value: Any) -> tuple[str, str]:
    try:
        items = json.loads(value) if isinstance(value, str) else []
    except (TypeError, ValueError):
        items = []
    titles = [str(s.get("title")) for s in items if isinstance(s, dict) and s.get("title")]
    urls = [str(s.get("url")) for s in items if isinstance(s, dict) and s.get("url")]
    return "; ".join(dict.fromkeys(titles)), "; ".join(dict.fromkeys(urls))


def acled_frame(incidents: Any) -> pd.DataFrame:
    """The incidents frame (``geomap.frame.INCIDENT_COLUMNS``) in ACLED's layout."""
    rows = []
    for r in incidents.drop(columns=incidents.geometry.name).to_dict("records"):
        actors = _actors(r.get("actors"))
        source, url = _sources(r.get("sources"))
        raw_start = r.get("start")
        start = None if raw_start is None or pd.isna(raw_start) else str(raw_start)[:10] or None
        fatalities = r.get("fatalities")
        known = fatalities is not None and not pd.isna(fatalities)
        rows.append(
            {
                "event_id_cnty": r.get("id"),
                "event_date": start,
                "year": int(start[:4]) if start else None,
                "time_precision": _TIME_PRECISION.get(str(r.get("time_precision")), 3),
                "event_type": r.get("acled_event_type") or None,
                "sub_event_type": r.get("acled_sub_event_type") or None,
                "actor1": actors[0] if actors else None,
                "assoc_actor_1": "; ".join(actors[1:]) or None,
                "country": r.get("country"),
                "admin1": r.get("admin1"),
                "admin2": r.get("admin2"),
                "location": r.get("place_name"),
                "latitude": r.get("anchor_lat"),
                "longitude": r.get("anchor_lon"),
                "geo_precision": acled_geo_precision(r.get("geo_precision"), r.get("place_kind")),
                "source": source or None,
                "source_url": url or None,
                "notes": r.get("sentence"),
                "fatalities": int(fatalities) if known else 0,
                "tags": "fatalities at least" if r.get("casualties_at_least") else None,
            }
        )
    return pd.DataFrame(rows, columns=ACLED_COLUMNS)
