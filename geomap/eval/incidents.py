"""Incident reports against a coder's record (ACLED-style event notes).

Corpus lines: ``{"id", "text", "published", "gold": {"lat", "lon", "date_start", "date_end",
"event_date", "event_type", "sub_event_type", "geo_precision", ...}}`` (one coded event per
report; see ``../shared/eval/README.md``). Predictions: one list of incidents per report, each a
dict with ``lat``/``lon`` (None when unplaced), ``start``/``end`` (ISO dates or None),
``category``, ``acled_event_type`` and ``confidence``, ranked best first.

Figures, over every report (a report without an incident counts as a miss everywhere):

- ``placed``: the first-ranked incident has a place;
- ``within_10km`` / ``within_50km`` / ``within_161km``: its point lies that close to the coded
  point (``nearest_within_161km``: the nearest incident of the report);
- ``date_contains``: its date interval contains the coded event date;
- ``category_agrees``: its ACLED event type (geomap's crosswalk) is the coded one, compared in
  the families of ACLED's typologies before and after 2019 (see :func:`acled_family`);
- ``no_incident``: reports with no incident at all.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any

from geomap.errors import CorpusError
from geomap.geo import haversine_km

__all__ = ["acled_family", "evaluate_incident_reports", "is_incident_corpus", "parse_day"]

#: ACLED event types (both typologies) -> one family name
_FAMILIES = {
    "battles": "battles",
    "battle-no change of territory": "battles",
    "battle-government regains territory": "battles",
    "battle-non-state actors overtake territory": "battles",
    "non-violent transfer of territory": "strategic developments",
    "headquarters or base established": "strategic developments",
    "strategic development": "strategic developments",
    "strategic developments": "strategic developments",
    "remote violence": "explosions/remote violence",
    "explosions/remote violence": "explosions/remote violence",
    "violence against civilians": "violence against civilians",
    "riots/protests": "protests/riots",
    "protests": "protests/riots",
    "riots": "protests/riots",
}


def acled_family(event_type: str | None) -> str:
    """The family of an ACLED event type ("Battle-No change of territory" -> "battles");
    '' for none. Riots and protests are one family (the old typology does not tell them
    apart)."""
    if not event_type:
        return ""
    key = event_type.strip().lower()
    return _FAMILIES.get(key, key)


def is_incident_corpus(records: Sequence[dict[str, Any]]) -> bool:
    """Whether ``records`` are coded incident reports (a ``gold`` with a point and a type)."""
    return any(isinstance(r.get("gold"), dict) and "event_type" in r["gold"] for r in records[:5])


def parse_day(value: Any) -> date | None:
    """An ISO date (or the date part of a datetime string), None when missing or bad."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _km(inc: dict[str, Any], gold: dict[str, Any]) -> float | None:
    if inc.get("lat") is None or inc.get("lon") is None:
        return None
    lat, lon = float(inc["lat"]), float(inc["lon"])
    return haversine_km(lat, lon, float(gold["lat"]), float(gold["lon"]))


def evaluate_incident_reports(
    gold: Sequence[dict[str, Any]], pred: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """The figures above; ``pred`` maps a report id to its ranked incidents."""
    n = len(gold)
    if n == 0:
        raise CorpusError("no incident reports to evaluate")
    counts: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    for rec in gold:
        if "id" not in rec or not isinstance(rec.get("gold"), dict):
            raise CorpusError(f"incident report without id or gold: {str(rec)[:80]}")
        g = rec["gold"]
        incs = pred.get(str(rec["id"])) or []
        if not incs:
            counts["no_incident"] += 1
            confusion[(acled_family(g.get("event_type")), "(none)")] += 1
            continue
        first = incs[0]
        km = _km(first, g)
        if km is not None:
            counts["placed"] += 1
            for limit in (10, 50, 161):
                if km <= limit:
                    counts[f"within_{limit}km"] += 1
        dists = [d for d in (_km(i, g) for i in incs) if d is not None]
        if dists and min(dists) <= 161:
            counts["nearest_within_161km"] += 1
        day = parse_day(g.get("event_date")) or parse_day(g.get("date_start"))
        start, end = (
            parse_day(first.get("start")),
            parse_day(first.get("end")) or parse_day(first.get("start")),
        )
        if day is not None and start is not None and end is not None and start <= day <= end:
            counts["date_contains"] += 1
        gf, pf = acled_family(g.get("event_type")), acled_family(first.get("acled_event_type"))
        confusion[(gf, pf or "(no ACLED type)")] += 1
        if gf and gf == pf:
            counts["category_agrees"] += 1
    keys = (
        "placed",
        "within_10km",
        "within_50km",
        "within_161km",
        "nearest_within_161km",
        "date_contains",
        "category_agrees",
        "no_incident",
    )
    out: dict[str, Any] = {"kind": "incident_reports", "reports": n}
    out.update({k: round(counts[k] / n, 4) for k in keys})
    out["confusion"] = [
        {"coded": gf, "geomap": pf, "n": c} for (gf, pf), c in confusion.most_common()
    ]
    return out
