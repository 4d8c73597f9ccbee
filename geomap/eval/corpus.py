"""Corpus adapters: an evaluation corpus's records -> geomap's stages -> the corpus's format."""

from __future__ import annotations

from typing import Any

from geomap.incidents.evloc import locate
from geomap.pipeline import Pipeline
from geomap.places.recognise import recognise

__all__ = ["event_locations"]


def event_locations(line: dict[str, Any], pipeline: Pipeline) -> dict[str, Any]:
    """Locations of each given trigger of one corpus line.

    ``line`` has ``id``, ``text`` and ``events: [{"trigger": {start, end}}, ...]``; the answer
    has one entry per input trigger, in order, with the location spans found (possibly
    none): ``{"id", "events": [{"trigger": {start, end}, "locations": [{start, end}]}]}``.
    The text is recognised with the pipeline's gazetteer and the recognition handed to
    :func:`geomap.incidents.evloc.locate`.
    """
    text = line.get("text") or ""
    triggers = [
        (int(e["trigger"]["start"]), int(e["trigger"]["end"])) for e in line.get("events") or []
    ]
    spans = locate(text, triggers, recognise(text, pipeline.gazetteer)) if triggers else []
    return {
        "id": line.get("id"),
        "events": [
            {
                "trigger": {"start": s, "end": e},
                "locations": [{"start": a, "end": b, "name": text[a:b]} for a, b in locs],
            }
            for (s, e), locs in zip(triggers, spans, strict=True)
        ],
    }
