"""Incident reports against a coder's record, on made-up reports (no corpus needed)."""

from __future__ import annotations

import pytest

from geomap.errors import CorpusError
from geomap.eval.incidents import acled_family, evaluate_incident_reports, is_incident_corpus


def _gold(i: str, lat: float, lon: float, day: str, etype: str) -> dict:  # type: ignore[type-arg]
    return {
        "id": i,
        "text": "...",
        "gold": {"lat": lat, "lon": lon, "event_date": day, "event_type": etype},
    }


def test_figures_count_every_report_and_rank_first() -> None:
    gold = [
        _gold("a", 34.0, 65.0, "2020-05-09", "Battles"),
        _gold("b", 2.0, 45.3, "2020-05-10", "Remote violence"),
        _gold("c", 10.0, 10.0, "2020-05-11", "Riots/Protests"),
        _gold("d", 0.0, 0.0, "2020-05-12", "Protests"),
    ]
    pred = {
        # 30 km away, dated right, the right family
        "a": [
            {
                "lat": 34.27,
                "lon": 65.0,
                "start": "2020-05-09",
                "end": "2020-05-09",
                "acled_event_type": "Battle-No change of territory",
            },
        ],
        # first-ranked unplaced, the second one near: counts only for "nearest"
        "b": [
            {
                "lat": None,
                "lon": None,
                "start": "2020-05-01",
                "end": "2020-05-31",
                "acled_event_type": "Explosions/Remote violence",
            },
            {"lat": 2.05, "lon": 45.3, "start": None, "end": None, "acled_event_type": ""},
        ],
        # placed far away, riots vs protests are one family
        "c": [
            {
                "lat": 20.0,
                "lon": 10.0,
                "start": "2020-05-12",
                "end": "2020-05-12",
                "acled_event_type": "Protests",
            }
        ],
    }
    r = evaluate_incident_reports(gold, pred)
    assert r["reports"] == 4
    assert r["placed"] == 0.5
    assert r["within_10km"] == 0.0 and r["within_50km"] == 0.25 and r["within_161km"] == 0.25
    assert r["nearest_within_161km"] == 0.5
    assert r["date_contains"] == 0.5  # a (the day) and b (the month)
    assert r["category_agrees"] == 0.75
    assert r["no_incident"] == 0.25


def test_families_span_both_typologies() -> None:
    assert acled_family("Battle-Government regains territory") == acled_family("Battles")
    assert acled_family("Remote violence") == acled_family("Explosions/Remote violence")
    assert acled_family("Violence Against Civilians") == acled_family("Violence against civilians")
    assert acled_family("Riots") == acled_family("Riots/Protests") == acled_family("Protests")
    assert acled_family(None) == ""


def test_corpus_kind_and_bad_input() -> None:
    assert is_incident_corpus([_gold("a", 0, 0, "2020-01-01", "Battles")])
    assert not is_incident_corpus([{"id": "x", "text": "t", "toponyms": []}])
    with pytest.raises(CorpusError):
        evaluate_incident_reports([], {})
    with pytest.raises(CorpusError):
        evaluate_incident_reports([{"text": "no id"}], {})
