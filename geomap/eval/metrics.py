"""Evaluation of geoparsing output against human-annotated corpora.

Pure functions over plain dicts (one dict per JSONL line); only the standard library is used, plus
:class:`geomap.errors.CorpusError` for malformed corpora. Reading: :mod:`geomap.eval.reading`;
tables: :mod:`geomap.eval.report`; error listings: :mod:`geomap.eval.error_analysis`.

Corpus lines (gold)::

    {"id": ..., "text": ..., "toponyms": [{"start", "end", "name", "lat", "lon", "geonameid", ...}]}

Prediction lines::

    {"id": ..., "toponyms": [{"start", "end", "name", "lat", "lon", "geonameid", "feature",
                              "role" (optional)}]}

Metrics
-------
Recognition
    precision, recall and F1 by *exact* span (``start`` and ``end`` equal, one-to-one) and by
    *overlap*: a one-to-one matching of overlapping spans built greedily, largest character overlap
    first (ties: exact spans first, then the closest length, then text order). Every predicted
    toponym counts, whatever its ``role`` (GeoWebNews gold includes associative uses and demonyms).
Resolution (on recognised toponyms)
    over overlap-matched pairs where both gold and prediction have coordinates: Acc@161 (share of
    great-circle errors <= 161 km), mean and median error in km, and the AUC of the log-error curve.
End to end
    Acc@161 over *all* gold toponyms with coordinates; a miss, or a match without coordinates,
    counts as wrong.
Resolution given the gold spans
    see :func:`evaluate_resolution_given_spans`.

AUC (Gritta et al. 2018, "What's missing in geoparsing?")::

    y_i = ln(1 + err_i) / ln(20039)        for the n errors sorted ascending, i = 0 .. n-1
    AUC = trapz(y, dx=1) / (n - 1)          # trapezoid rule over the normalised index [0, 1]
        = (sum(y) - (y_0 + y_{n-1}) / 2) / (n - 1)

20039 km is the largest great-circle distance on Earth, so the AUC lies in [0, 1]; 0 is perfect,
lower is better. With a single error the curve is a point and the AUC is defined as ``y_0``.
This is the formula of the CamCoder evaluation code
(``np.trapz(log(err + 1)) / (log(20039) * (n - 1))``), with the errors sorted as in the paper's
definition (unsorted, the result depends on which errors happen to come first and last). That
code counts Acc@161 as ``err < 160`` (``ln(err + 1) < ln(161)``); here it is ``err <= 161`` km,
as usually stated.

Distances use the haversine formula on a sphere of radius 6371.0088 km (IUGG mean radius).
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from geomap.errors import CorpusError
from geomap.geo import EARTH_RADIUS_KM, haversine_km

__all__ = [
    "ACC_KM",
    "EARTH_RADIUS_KM",
    "MAX_ERROR_KM",
    "ScoredDoc",
    "Span",
    "auc_log_error",
    "coords_of",
    "evaluate_event_locations",
    "evaluate_resolution_given_spans",
    "evaluate_toponyms",
    "haversine_km",
    "match_exact",
    "match_overlap",
    "scored_docs",
    "word_tokens",
]

#: Largest great-circle distance on Earth (half the circumference), the AUC normaliser.
MAX_ERROR_KM = 20039.0
#: Acc@161: 161 km = 100 miles.
ACC_KM = 161.0

Span = tuple[int, int]


# --------------------------------------------------------------------------------------------
# Geometry and curve


def auc_log_error(errors_km: Iterable[float]) -> float | None:
    """Area under the sorted, normalised log-error curve (Gritta et al. 2018); lower is better.

    ``AUC = trapz(sorted(ln(1 + err)) / ln(20039)) / (n - 1)``; ``None`` for no errors, ``y_0``
    for one.
    """
    ys = sorted(math.log1p(max(0.0, e)) / math.log(MAX_ERROR_KM) for e in errors_km)
    n = len(ys)
    if n == 0:
        return None
    if n == 1:
        return ys[0]
    area = sum(ys) - (ys[0] + ys[-1]) / 2  # trapezoid rule, unit spacing
    return area / (n - 1)


def _distance_stats(errs: Sequence[float]) -> dict[str, Any]:
    n = len(errs)
    return {
        "n": n,
        "acc161": (sum(1 for e in errs if e <= ACC_KM) / n) if n else None,
        "mean_km": statistics.fmean(errs) if n else None,
        "median_km": statistics.median(errs) if n else None,
        "auc": auc_log_error(errs),
    }


# --------------------------------------------------------------------------------------------
# Span matching


def _span(item: dict[str, Any], where: str) -> Span:
    try:
        s, e = item["start"], item["end"]
    except (KeyError, TypeError):
        raise CorpusError(f"{where}: span without start/end: {item!r}") from None
    if not isinstance(s, int) or not isinstance(e, int) or isinstance(s, bool) or e < s:
        raise CorpusError(f"{where}: bad span start={s!r} end={e!r}")
    return s, e


def match_exact(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold_index, pred_index)`` of identical spans (in text order)."""
    free: dict[Span, list[int]] = {}
    for j, sp in enumerate(pred):
        free.setdefault(sp, []).append(j)
    pairs = []
    for i, sp in enumerate(gold):
        js = free.get(sp)
        if js:
            pairs.append((i, js.pop(0)))
    return pairs


def match_overlap(gold: Sequence[Span], pred: Sequence[Span]) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold_index, pred_index)`` of overlapping spans.

    Greedy: all overlapping pairs are taken in order of decreasing character overlap (ties:
    identical spans first, then the smallest difference in length, then text order), skipping a
    pair when its gold or its prediction is already used. Spans overlap when they share at least
    one character. Returned sorted by gold index.
    """
    cands = []
    order = sorted(range(len(pred)), key=lambda j: pred[j])
    starts = [pred[j][0] for j in order]
    for i, (gs, ge) in enumerate(gold):
        for k in range(len(order)):
            if starts[k] >= ge:
                break
            j = order[k]
            ps, pe = pred[j]
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                exact = (gs, ge) == (ps, pe)
                cands.append((-ov, not exact, abs((ge - gs) - (pe - ps)), gs, ps, i, j))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_, i, j in cands:
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        pairs.append((i, j))
    # identical zero-length spans cannot overlap; pair them as exact matches
    for i, j in match_exact(gold, pred):
        if gold[i][0] == gold[i][1] and i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    pairs.sort()
    return pairs


def _prf(tp: int, n_gold: int, n_pred: int) -> dict[str, Any]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": p, "r": r, "f1": f1, "tp": tp, "gold": n_gold, "pred": n_pred}


# --------------------------------------------------------------------------------------------
# Toponyms


def _index(records: Iterable[dict[str, Any]], what: str) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for n, rec in enumerate(records, start=1):
        if not isinstance(rec, dict) or "id" not in rec:
            raise CorpusError(f"{what} record {n} has no 'id'")
        key = str(rec["id"])
        if key in out:
            raise CorpusError(f"{what} record {n}: duplicate id {key!r}")
        out[key] = rec
    return out


def coords_of(item: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = item.get("lat"), item.get("lon")
    if lat is None or lon is None:
        return None
    try:
        flat, flon = float(lat), float(lon)
    except (TypeError, ValueError):
        return None
    if math.isnan(flat) or math.isnan(flon):
        return None
    return flat, flon


class ScoredDoc:
    """One article's gold and predicted toponyms with both matchings."""

    def __init__(self, doc_id: str, g: dict[str, Any], p: dict[str, Any] | None, key: str):
        self.id = doc_id
        self.text: str = g.get("text") or ""
        self.gold: list[dict[str, Any]] = list(g.get(key) or [])
        self.pred: list[dict[str, Any]] = list((p or {}).get(key) or [])
        self.gspans = [_span(t, f"gold {doc_id} {key}[{k}]") for k, t in enumerate(self.gold)]
        self.pspans = [_span(t, f"pred {doc_id} {key}[{k}]") for k, t in enumerate(self.pred)]
        self.exact = match_exact(self.gspans, self.pspans)
        self.overlap = match_overlap(self.gspans, self.pspans)
        self.g2p = dict(self.overlap)

    def error_km(self, i: int) -> float | None:
        """Error of gold i's overlap match; None if unmatched or either lacks coordinates."""
        j = self.g2p.get(i)
        if j is None:
            return None
        gc, pc = coords_of(self.gold[i]), coords_of(self.pred[j])
        if gc is None or pc is None:
            return None
        return haversine_km(gc[0], gc[1], pc[0], pc[1])


def scored_docs(
    gold: Iterable[dict], pred: Iterable[dict], key: str = "toponyms"
) -> tuple[list[ScoredDoc], int]:
    gi = _index(gold, "gold")
    pi = _index(pred, "pred")
    docs = [ScoredDoc(k, g, pi.get(k), key) for k, g in gi.items()]
    extra = sum(1 for k in pi if k not in gi)
    return docs, extra


def evaluate_toponyms(
    gold: Iterable[dict[str, Any]],
    pred: Iterable[dict[str, Any]],
    *,
    words: int | None = None,
    seconds: float | None = None,
) -> dict[str, Any]:
    """Recognition, resolution and end-to-end scores of predicted toponyms against gold.

    Articles are matched by ``id``; a gold article without a prediction line counts as an article
    where nothing was found, and prediction lines for unknown ids are ignored (counted in
    ``extra_pred_articles``). ``speed`` is given when ``seconds`` is (``words`` defaults to the
    whitespace-split words of the gold texts). A ``by_type`` recall breakdown is added when the
    gold spans carry ``type`` and/or ``literal`` (GeoWebNews).
    """
    docs, extra = scored_docs(gold, pred)
    n_gold = sum(len(d.gold) for d in docs)
    n_pred = sum(len(d.pred) for d in docs)
    tp_exact = sum(len(d.exact) for d in docs)
    tp_overlap = sum(len(d.overlap) for d in docs)

    res_errs: list[float] = []
    e2e_n = e2e_ok = 0
    geonameid_n = geonameid_ok = 0
    for d in docs:
        for i, j in d.overlap:
            e = d.error_km(i)
            if e is not None:
                res_errs.append(e)
            gid, pid = d.gold[i].get("geonameid"), d.pred[j].get("geonameid")
            if gid is not None and pid is not None:
                geonameid_n += 1
                geonameid_ok += str(gid) == str(pid)
        for i, g in enumerate(d.gold):
            if coords_of(g) is None:
                continue
            e2e_n += 1
            e = d.error_km(i)
            if e is not None and e <= ACC_KM:
                e2e_ok += 1

    resolution = _distance_stats(res_errs)
    resolution["geonameid_acc"] = geonameid_ok / geonameid_n if geonameid_n else None
    resolution["geonameid_n"] = geonameid_n
    result: dict[str, Any] = {
        "kind": "toponyms",
        "articles": len(docs),
        "extra_pred_articles": extra,
        "gold": n_gold,
        "gold_with_coords": e2e_n,
        "pred": n_pred,
        "pred_roles": dict(
            sorted(Counter(str(t.get("role") or "") for d in docs for t in d.pred).items())
        ),
        "recognition": {
            "exact": _prf(tp_exact, n_gold, n_pred),
            "overlap": _prf(tp_overlap, n_gold, n_pred),
        },
        "resolution": resolution,
        "end_to_end": {"n": e2e_n, "acc161": e2e_ok / e2e_n if e2e_n else None},
    }
    by_type = _by_type(docs)
    if by_type:
        result["by_type"] = by_type
    if seconds is not None:
        if words is None:
            words = sum(len(d.text.split()) for d in docs)
        result["speed"] = {
            "words": words,
            "seconds": seconds,
            "words_per_s": words / seconds if seconds > 0 else None,
        }
    elif words is not None:
        result["speed"] = {"words": words, "seconds": None, "words_per_s": None}
    return result


def _by_type(docs: list[ScoredDoc]) -> dict[str, dict[str, Any]]:
    groups: dict[str, list[int]] = {}  # label -> [gold, exact tp, overlap tp]
    for d in docs:
        ex = {i for i, _ in d.exact}
        ov = {i for i, _ in d.overlap}
        for i, g in enumerate(d.gold):
            labels = []
            if g.get("type") is not None:
                labels.append(f"type={g['type']}")
            if g.get("literal") is not None:
                labels.append(f"literal={bool(g['literal'])}")
            for lab in labels:
                c = groups.setdefault(lab, [0, 0, 0])
                c[0] += 1
                c[1] += i in ex
                c[2] += i in ov
    return {
        lab: {"gold": c[0], "r_exact": c[1] / c[0], "r_overlap": c[2] / c[0]}
        for lab, c in sorted(groups.items())
    }


def evaluate_resolution_given_spans(
    gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """Resolution when the recogniser is replaced by the gold spans ("gold-span mode").

    Every gold toponym with coordinates counts (``n``). Each is paired with a prediction by the
    same one-to-one overlap matching as :func:`evaluate_toponyms` (identical spans win). A gold
    span with no paired prediction, or whose prediction has no coordinates, is ``unresolved``: it
    counts as wrong for Acc@161 and as the maximum error, 20039 km, in mean, median and AUC.
    ``resolved_n`` / ``resolved_mean_km`` / ``resolved_median_km`` describe the resolved ones only.
    """
    docs, extra = scored_docs(gold, pred)
    errs: list[float] = []
    resolved: list[float] = []
    unresolved = 0
    for d in docs:
        for i, g in enumerate(d.gold):
            if coords_of(g) is None:
                continue
            e = d.error_km(i)
            if e is None:
                unresolved += 1
                errs.append(MAX_ERROR_KM)
            else:
                errs.append(e)
                resolved.append(e)
    out = _distance_stats(errs)
    out.update(
        {
            "kind": "resolution_given_spans",
            "articles": len(docs),
            "extra_pred_articles": extra,
            "unresolved": unresolved,
            "resolved_n": len(resolved),
            "resolved_mean_km": statistics.fmean(resolved) if resolved else None,
            "resolved_median_km": statistics.median(resolved) if resolved else None,
        }
    )
    return out


# --------------------------------------------------------------------------------------------
# Event locations

_WORD = re.compile(r"\w+")


def word_tokens(text: str) -> list[Span]:
    """Character spans of the word tokens of ``text`` (split at whitespace and punctuation)."""
    return [m.span() for m in _WORD.finditer(text)]


def evaluate_event_locations(
    gold: Iterable[dict[str, Any]], pred: Iterable[dict[str, Any]]
) -> dict[str, Any]:
    """Scores of predicted event locations (Halterman 2019 format).

    Gold lines carry
    ``events: [{"trigger": {start, end, text}, "locations": [{start, end, ...}]}]``;
    prediction lines ``events: [{"trigger": {start, end}, "locations": [{start, end}]}]``, one
    per gold trigger. A gold event is paired with the prediction whose trigger has the same
    span or, failing that, with the prediction at the same position (unless already paired).
    Counts are summed
    over events (micro average):

    - ``span.exact`` / ``span.overlap``: location spans matched exactly / one-to-one by overlap;
    - ``token``: word tokens of the sentence (see :func:`word_tokens`); a token is positive when
      it overlaps a location span of the event.
    """
    gi = _index(gold, "gold")
    pi = _index(pred, "pred")
    n_events = missing = 0
    n_g = n_p = tp_ex = tp_ov = 0
    t_tp = t_fp = t_fn = 0
    for doc_id, g in gi.items():
        p = pi.get(doc_id) or {}
        tokens = word_tokens(g.get("text") or "")
        pevents = list(p.get("events") or [])
        by_trigger: dict[Span, dict] = {}
        for k, pe in enumerate(pevents):
            trig = pe.get("trigger")
            if isinstance(trig, dict) and "start" in trig and "end" in trig:
                by_trigger.setdefault(_span(trig, f"pred {doc_id} events[{k}].trigger"), pe)
        taken: set[int] = set()
        for k, ge in enumerate(g.get("events") or []):
            n_events += 1
            pe = None
            trig = ge.get("trigger")
            if isinstance(trig, dict) and "start" in trig:
                pe = by_trigger.get(_span(trig, f"gold {doc_id} events[{k}].trigger"))
            if pe is None and k < len(pevents) and id(pevents[k]) not in taken:
                pe = pevents[k]
            if pe is not None:
                taken.add(id(pe))
            if pe is None:
                missing += 1
                pe = {}
            gs = [_span(x, f"gold {doc_id} events[{k}]") for x in ge.get("locations") or []]
            ps = [_span(x, f"pred {doc_id} events[{k}]") for x in pe.get("locations") or []]
            n_g += len(gs)
            n_p += len(ps)
            tp_ex += len(match_exact(gs, ps))
            tp_ov += len(match_overlap(gs, ps))
            for ts, te in tokens:
                in_g = any(min(te, e) > max(ts, s) for s, e in gs)
                in_p = any(min(te, e) > max(ts, s) for s, e in ps)
                t_tp += in_g and in_p
                t_fp += in_p and not in_g
                t_fn += in_g and not in_p
    return {
        "kind": "event_locations",
        "sentences": len(gi),
        "events": n_events,
        "events_without_pred": missing,
        "extra_pred_sentences": sum(1 for k in pi if k not in gi),
        "span": {"exact": _prf(tp_ex, n_g, n_p), "overlap": _prf(tp_ov, n_g, n_p)},
        "token": _prf(t_tp, t_tp + t_fn, t_tp + t_fp),
    }
