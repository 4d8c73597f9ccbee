"""Score geomap on an annotated corpus: run the stages over it, then the metrics."""

from __future__ import annotations

import time
from os import PathLike
from typing import Any

from geomap.errors import CorpusError
from geomap.eval import metrics
from geomap.eval.error_analysis import errors
from geomap.eval.reading import read_jsonl
from geomap.pipeline import Pipeline

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
