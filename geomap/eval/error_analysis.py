"""Error analysis: the toponyms geomap got wrong, by class, with their context."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from geomap.eval.metrics import ACC_KM, MAX_ERROR_KM, ScoredDoc, coords_of, scored_docs
from geomap.eval.report import fmt

__all__ = ["error_cases", "errors", "gold_span_errors"]


def _context(text: str, start: int, end: int, width: int = 60) -> str:
    left = text[max(0, start - width // 2) : start]
    right = text[end : end + width // 2]
    s = f"{'…' if start - width // 2 > 0 else ''}{left}[[{text[start:end]}]]{right}"
    s += "…" if end + width // 2 < len(text) else ""
    return " ".join(s.split())


def _case(d: ScoredDoc, s: int, e: int) -> dict[str, Any]:
    """One listed span: article id, offsets, its text and its context."""
    return {
        "id": d.id,
        "start": s,
        "end": e,
        "span": d.text[s:e],
        "context": _context(d.text, s, e),
    }


def _brief(t: dict[str, Any]) -> dict[str, Any]:
    return {k: t.get(k) for k in ("name", "lat", "lon", "geonameid")}


def error_cases(
    gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]], limit: int = 20
) -> dict[str, list[dict[str, Any]]]:
    """False positives, false negatives (overlap matching) and the worst resolution errors.

    Each entry has ``id``, ``start``, ``end``, ``span`` (its text) and ``context`` (about 60
    characters around it, the span in ``[[...]]``); resolution entries add ``km``, ``gold`` and
    ``pred`` (name, lat, lon, geonameid). At most ``limit`` entries per list. For a terminal only:
    the contexts quote the corpus text.
    """
    docs, _ = scored_docs(gold, pred)
    fps: list[dict[str, Any]] = []
    fns: list[dict[str, Any]] = []
    worst: list[tuple[float, dict[str, Any]]] = []
    for d in docs:
        used_g = {i for i, _ in d.overlap}
        used_p = {j for _, j in d.overlap}
        for j, (s, e) in enumerate(d.pspans):
            if j not in used_p and len(fps) < limit:
                fps.append(_case(d, s, e) | {"pred": _brief(d.pred[j])})
        for i, (s, e) in enumerate(d.gspans):
            if i not in used_g and len(fns) < limit:
                fns.append(_case(d, s, e))
        for i, j in d.overlap:
            km = d.error_km(i)
            if km is not None and km > ACC_KM:
                s, e = d.gspans[i]
                worst.append(
                    (
                        km,
                        _case(d, s, e)
                        | {"km": km, "gold": _brief(d.gold[i]), "pred": _brief(d.pred[j])},
                    )
                )
    worst.sort(key=lambda x: -x[0])
    return {
        "false_positives": fps,
        "false_negatives": fns,
        "worst_resolution": [w for _, w in worst[:limit]],
    }


def gold_span_errors(
    gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]], limit: int = 20
) -> dict[str, Any]:
    """The gold toponyms (with coordinates) that resolution given the gold spans places more
    than 161 km off or leaves unresolved, worst first, and their count by class:
    ``unresolved``, ``same_entry`` (the gold's own GeoNames id, at another point: a
    convention or version difference) and ``other``. Entries as in :func:`error_cases`."""
    docs, _ = scored_docs(gold, pred)
    rows: list[tuple[float, dict[str, Any]]] = []
    classes = {"unresolved": 0, "same_entry": 0, "other": 0}
    for d in docs:
        for i, g in enumerate(d.gold):
            if coords_of(g) is None:
                continue
            km = d.error_km(i)
            if km is not None and km <= ACC_KM:
                continue
            j = d.g2p.get(i)
            p = d.pred[j] if j is not None else {}
            if km is None:
                cls = "unresolved"
            elif g.get("geonameid") is not None and p.get("geonameid") == g.get("geonameid"):
                cls = "same_entry"
            else:
                cls = "other"
            classes[cls] += 1
            rows.append(
                (
                    km if km is not None else MAX_ERROR_KM,
                    _case(d, *d.gspans[i])
                    | {"km": km, "class": cls, "gold": _brief(g), "pred": _brief(p)},
                )
            )
    rows.sort(key=lambda x: -x[0])
    return {"count": len(rows), "classes": classes, "worst": [r for _, r in rows[:limit]]}


def errors(
    gold: Iterable[dict[str, Any]],
    pred: Iterable[dict[str, Any]],
    limit: int = 20,
    pred_given_spans: Iterable[dict[str, Any]] | None = None,
) -> str:
    """:func:`error_cases` (and, given ``pred_given_spans``, :func:`gold_span_errors`) as
    text for a terminal."""
    gold = list(gold)
    cases = error_cases(gold, pred, limit)
    out: list[str] = []
    titles = {
        "false_positives": "False positives (predicted, not in gold)",
        "false_negatives": "False negatives (gold, not found)",
        "worst_resolution": f"Worst resolution errors (> {ACC_KM:.0f} km)",
    }
    for key, title in titles.items():
        items = cases[key]
        more = f" (first {limit})" if len(items) >= limit else ""
        out.append(f"{title}: {len(items)}{more}")
        for c in items:
            head = f"  {c['id']} {c['start']}-{c['end']} {c['span']!r}"
            if key == "worst_resolution":
                g, p = c["gold"], c["pred"]
                head += (
                    f"  {c['km']:,.0f} km: gold {g['name']} "
                    f"({fmt(g['lat'], 2)}, {fmt(g['lon'], 2)})"
                    f" vs {p['name']} ({fmt(p['lat'], 2)}, {fmt(p['lon'], 2)})"
                )
            out.append(head)
            out.append(f"      {c['context']}")
        out.append("")
    if pred_given_spans is not None:
        gs = gold_span_errors(gold, pred_given_spans, limit)
        by = ", ".join(f"{k} {v}" for k, v in gs["classes"].items())
        out.append(
            f"Resolution errors given the gold spans (> {ACC_KM:.0f} km or unresolved): "
            f"{gs['count']} ({by})"
        )
        for c in gs["worst"]:
            g, p = c["gold"], c["pred"]
            km = "unresolved" if c["km"] is None else f"{c['km']:,.0f} km"
            out.append(
                f"  {c['id']} {c['start']}-{c['end']} {c['span']!r}  {km}: gold "
                f"({fmt(g['lat'], 2)}, {fmt(g['lon'], 2)}) vs {p['name']} "
                f"({fmt(p['lat'], 2)}, {fmt(p['lon'], 2)})"
            )
            out.append(f"      {c['context']}")
    return "\n".join(out).rstrip() + "\n"
