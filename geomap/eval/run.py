"""Score geomap on an annotated corpus: run the stages over it, then the metrics."""

from __future__ import annotations

import json
import time
from datetime import date
from os import PathLike
from typing import Any

from geomap.errors import CorpusError
from geomap.eval import metrics
from geomap.eval.error_analysis import errors
from geomap.eval.incidents import evaluate_incident_reports, is_incident_corpus, parse_day
from geomap.eval.reading import read_jsonl
from geomap.io.ingest import parse_date
from geomap.models import Article, Incident
from geomap.pipeline import Pipeline
from geomap.text.normalise import normalise

__all__ = ["evaluate_corpus"]


def evaluate_corpus(
    path: str | PathLike[str], *, n_errors: int = 0, pipeline: Pipeline | None = None
) -> tuple[dict[str, Any], str]:
    """The figures of geomap on the corpus at ``path`` and, with ``n_errors``, a listing of
    that many examples of each error class ('' otherwise).

    A toponym corpus (GeoWebNews, LGL: records with ``toponyms``) gives recognition,
    resolution and end-to-end figures plus resolution given the gold spans; an event-location
    corpus (records with ``events``) gives span and token figures.
    """
    gold = read_jsonl(path)
    if not gold:
        raise CorpusError("corpus is empty", source=str(path))
    pipe = pipeline or Pipeline(incidents=False)
    pipe.gazetteer  # noqa: B018 - open before timing
    results: dict[str, Any] = {"corpus": str(path)}
    listing = ""
    if is_incident_corpus(gold):
        t0 = time.perf_counter()
        full = pipe if pipe.with_incidents else Pipeline(gazetteer=pipe.gazetteer)
        cases: dict[str, list[str]] = {}
        results["incident_reports"] = _incident_reports(gold, full, cases)
        if n_errors:
            listing = _incident_listing(cases, n_errors)
        results["seconds"] = round(time.perf_counter() - t0, 2)
        return results, listing
    if any("events" in g for g in gold[:5]):
        from geomap.eval.corpus import event_locations

        t0 = time.perf_counter()
        pred = [event_locations(g, pipe) for g in gold]
        results["event_locations"] = metrics.evaluate_event_locations(gold, pred)
        results["seconds"] = round(time.perf_counter() - t0, 2)
        return results, listing
    words = sum(len(g["text"].split()) for g in gold)
    t0 = time.perf_counter()
    pred = [{"id": g["id"], "toponyms": pipe.toponyms(g["text"])} for g in gold]
    dt = time.perf_counter() - t0
    results["toponyms"] = metrics.evaluate_toponyms(gold, pred, words=words, seconds=dt)
    t0 = time.perf_counter()
    pred_gold = [
        {
            "id": g["id"],
            "toponyms": pipe.resolve_spans(
                g["text"], [(t["start"], t["end"]) for t in g.get("toponyms") or []]
            ),
        }
        for g in gold
    ]
    results["gold_spans"] = metrics.evaluate_resolution_given_spans(gold, pred_gold)
    results["gold_spans"]["seconds"] = round(time.perf_counter() - t0, 2)
    if n_errors:
        listing = errors(gold, pred, limit=n_errors, pred_given_spans=pred_gold)
    return results, listing


def _incident_record(inc: Incident) -> dict[str, Any]:
    e = inc.place.entry if inc.place is not None else None
    return {
        "lat": e.lat if e is not None else None,
        "lon": e.lon if e is not None else None,
        "start": inc.start.isoformat() if inc.start else None,
        "end": inc.end.isoformat() if inc.end else None,
        "category": inc.category,
        "acled_event_type": inc.acled_event_type,
        "confidence": inc.confidence,
    }


def _incident_reports(
    gold: list[dict[str, Any]], pipe: Pipeline, cases: dict[str, list[str]] | None = None
) -> dict[str, Any]:
    """Each report through the whole pipeline; its incidents ranked by confidence (then text
    order) against the coded event; plus two reference figures: the first literal place the
    toponym stage finds (a baseline) and the coder's own place name looked up in the
    gazetteer, its towns and areas first, else its villages and suburbs (about the ceiling the
    gazetteer allows)."""
    from geomap.geo import haversine_km

    pred: dict[str, list[dict[str, Any]]] = {}
    all_incidents: list[Incident] = []
    first_place = coder_place = 0
    for g in gold:
        text = str(g.get("text") or "")
        art = Article(
            id=str(g["id"]),
            text=text,
            published=parse_date(g.get("published")),
            source=str(g["id"]),
        )
        res = pipe.parse_article(art)
        all_incidents.extend(res.incident_list)
        ranked = sorted(enumerate(res.incident_list), key=lambda t: (-t[1].confidence, t[0]))
        pred[str(g["id"])] = [_incident_record(inc) for _, inc in ranked]
        gp = g["gold"]
        if cases is not None:
            first = ranked[0][1] if ranked else None
            cases.setdefault(_error_class(first, res.place_list, gp), []).append(
                f"{g['id']}: {text[:140]!r} (coded: {gp.get('location')}, "
                f"{gp.get('event_type')}; geomap: "
                + (
                    f"{first.place.mention.text if first.place else '-'}, "
                    f"{first.acled_event_type or first.category})"
                    if first is not None
                    else "no incident)"
                )
            )
        lit = next(
            (
                p.entry
                for p in res.place_list
                if p.entry is not None and p.mention.role == "literal"
            ),
            None,
        )
        if lit is not None and haversine_km(lit.lat, lit.lon, gp["lat"], gp["lon"]) <= 161:
            first_place += 1
        key = normalise(str(gp.get("location") or ""))
        cands = pipe.gazetteer.lookup([key]).get(key, []) if key else []
        if key and not cands:  # a village or suburb only
            cands = pipe.gazetteer.localities([key]).get(key, [])
        if cands:
            best = max(cands, key=lambda c: c[0].population)[0]
            if haversine_km(best.lat, best.lon, gp["lat"], gp["lon"]) <= 161:
                coder_place += 1
    out = evaluate_incident_reports(gold, pred)
    out.update(_merge_spread(gold, all_incidents))
    n = len(gold)
    out["baseline_first_literal_place_within_161km"] = round(first_place / n, 4)
    out["reference_coder_location_in_gazetteer_within_161km"] = round(coder_place / n, 4)
    return out


def _merge_spread(gold: list[dict[str, Any]], incidents: list[Incident]) -> dict[str, Any]:
    """Merge every report's incidents across the corpus, as ``geomap map`` does, and count the
    merged incidents whose reports' coded events lie more than 161 km or 7 days apart (each
    report codes one event, so such a merge fused different events)."""
    from itertools import combinations

    from geomap.frame import incident_records, merge_incident_frames
    from geomap.geo import haversine_km

    merged = merge_incident_frames([], incident_records(incidents))
    by_id = {str(g["id"]): g["gold"] for g in gold}
    multi = bad = 0
    for sources in merged["sources"]:
        reports = sorted({s.get("article_id") for s in json.loads(sources or "[]")})
        if len(reports) < 2:
            continue
        multi += 1
        golds = [by_id[r] for r in reports if r in by_id]
        for a, b in combinations(golds, 2):
            far = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) > 161
            da, db = _gold_day(a), _gold_day(b)
            late = da is not None and db is not None and abs((da - db).days) > 7
            if far or late:
                bad += 1
                break
    return {
        "incidents_after_merge": len(merged),
        "merged_across_reports": multi,
        "merged_reports_over_161km_or_7_days": bad,
    }


def _gold_day(g: dict[str, Any]) -> date | None:
    return parse_day(g.get("event_date")) or parse_day(g.get("date_start"))


def _error_class(first: Incident | None, places: list[Any], gold: dict[str, Any]) -> str:
    """The class of a report's outcome, for the error listing."""
    from geomap.geo import haversine_km

    if first is None:
        return "no incident found"
    if first.place is None or first.place.entry is None:
        if not any(p.entry is not None for p in places):
            return "the text names no place the gazetteer resolves"
        return "unplaced though the text names resolved places"
    e = first.place.entry
    if haversine_km(e.lat, e.lon, gold["lat"], gold["lon"]) <= 161:
        return "ok: within 161 km"
    if first.geo_precision >= 4:
        return "more than 161 km: a vague or inherited place"
    return "more than 161 km: another place or a namesake"


def _incident_listing(cases: dict[str, list[str]], limit: int) -> str:
    lines = []
    for cls, items in sorted(cases.items(), key=lambda kv: -len(kv[1])):
        lines.append(f"== {cls}: {len(items)}")
        lines += [f"  {item}" for item in items[:limit]]
    return "\n".join(lines)
