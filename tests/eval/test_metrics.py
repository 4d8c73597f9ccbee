"""geomap.eval (metrics, reading, report, error analysis) on tiny made-up articles (no corpus
needed)."""

from __future__ import annotations

import json
import math

import pytest

import geomap.eval as ev
from geomap.errors import InputError, InputNotFoundError
from geomap.geo import EARTH_RADIUS_KM, haversine_km

KM_PER_DEG = 2 * math.pi * EARTH_RADIUS_KM / 360  # along a meridian, about 111.2 km


def span(text: str, name: str, nth: int = 0, **extra: object) -> dict:
    """A toponym dict for the nth occurrence of name in text."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return {"start": start, "end": start + len(name), "name": name, **extra}


TEXT = "Rain fell on Springfield and North Shelbyville while Ogdenville stayed dry."


def gold_article() -> dict:
    return {
        "id": "a1",
        "text": TEXT,
        "toponyms": [
            span(TEXT, "Springfield", lat=10.0, lon=20.0, geonameid=1),
            span(TEXT, "North Shelbyville", lat=30.0, lon=40.0, geonameid=2),
            span(TEXT, "Ogdenville", lat=-5.0, lon=-5.0, geonameid=3),
        ],
    }


def pred_article() -> dict:
    return {
        "id": "a1",
        "toponyms": [
            span(TEXT, "Springfield", lat=10.0, lon=20.0, geonameid=1),  # exact, 0 km
            span(TEXT, "Shelbyville", lat=32.0, lon=40.0, geonameid=9),  # overlap, 2 degrees off
            span(TEXT, "dry", lat=0.0, lon=0.0, role="associative"),  # false positive
        ],
    }


# ------------------------------------------------------------------ geometry and curve


def test_haversine_london_paris() -> None:
    d = haversine_km(51.5074, -0.1278, 48.8566, 2.3522)
    assert d == pytest.approx(344, abs=2)
    assert haversine_km(1.0, 2.0, 1.0, 2.0) == 0.0
    # antipodes: half the circumference, about 20015 km on this sphere
    assert haversine_km(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_KM)


def test_auc_by_hand() -> None:
    # sorted y = [0, 0, 1]: trapezoids (0+0)/2 + (0+1)/2 = 0.5, over n-1 = 2 -> 0.25
    assert ev.auc_log_error([ev.MAX_ERROR_KM - 1, 0.0, 0.0]) == pytest.approx(0.25)
    assert ev.auc_log_error([0.0, 0.0]) == 0.0
    assert ev.auc_log_error([ev.MAX_ERROR_KM - 1] * 4) == pytest.approx(1.0)
    # single error: the point itself
    assert ev.auc_log_error([math.e - 1]) == pytest.approx(1 / math.log(ev.MAX_ERROR_KM))
    assert ev.auc_log_error([]) is None
    # order of the input does not matter
    errs = [5.0, 1000.0, 0.0, 120.0]
    assert ev.auc_log_error(errs) == ev.auc_log_error(sorted(errs, reverse=True))


# ------------------------------------------------------------------ matching


def test_overlap_matching_is_one_to_one() -> None:
    # gold "New York" against predictions "New" and "York": one match, not two
    assert ev.match_overlap([(0, 8)], [(0, 3), (4, 8)]) == [(0, 1)]  # largest overlap wins
    # two gold spans (outer and embedded) against one prediction: one match, the identical one
    assert ev.match_overlap([(0, 17), (6, 17)], [(0, 17)]) == [(0, 0)]
    # and against two predictions, each gets its own
    assert ev.match_overlap([(0, 17), (6, 17)], [(6, 17), (0, 17)]) == [(0, 1), (1, 0)]
    # touching is not overlapping
    assert ev.match_overlap([(0, 5)], [(5, 9)]) == []
    # exact matching is one-to-one too (duplicate gold spans, one prediction)
    assert ev.match_exact([(3, 7), (3, 7)], [(3, 7)]) == [(0, 0)]


def test_overlap_matching_prefers_largest_overlap() -> None:
    # pred (2, 10) overlaps gold (0, 4) by 2 and gold (3, 12) by 7 -> takes the second;
    # then pred (0, 3) is left for gold (0, 4)
    pairs = ev.match_overlap([(0, 4), (3, 12)], [(2, 10), (0, 3)])
    assert pairs == [(0, 1), (1, 0)]


# ------------------------------------------------------------------ toponyms


def test_evaluate_toponyms_hand_calculated() -> None:
    r = ev.evaluate_toponyms([gold_article()], [pred_article()])
    assert r["articles"] == 1
    assert r["gold"] == 3 and r["pred"] == 3 and r["gold_with_coords"] == 3
    ex = r["recognition"]["exact"]
    assert ex["tp"] == 1
    assert ex["p"] == pytest.approx(1 / 3) and ex["r"] == pytest.approx(1 / 3)
    assert ex["f1"] == pytest.approx(1 / 3)
    ov = r["recognition"]["overlap"]
    assert ov["tp"] == 2
    assert ov["p"] == pytest.approx(2 / 3) and ov["r"] == pytest.approx(2 / 3)
    assert ov["f1"] == pytest.approx(2 / 3)

    res = r["resolution"]
    err = 2 * KM_PER_DEG  # about 222.4 km, beyond 161
    assert res["n"] == 2
    assert res["acc161"] == 0.5
    assert res["mean_km"] == pytest.approx(err / 2)
    assert res["median_km"] == pytest.approx(err / 2)
    # two errors [0, err]: one trapezoid (0 + y) / 2 over n - 1 = 1
    expected_auc = math.log1p(err) / math.log(ev.MAX_ERROR_KM) / 2
    assert res["auc"] == pytest.approx(expected_auc)
    assert res["geonameid_n"] == 2 and res["geonameid_acc"] == 0.5

    # end to end: 3 gold with coordinates, only Springfield right (Ogdenville missed)
    assert r["end_to_end"] == {"n": 3, "acc161": pytest.approx(1 / 3)}
    assert r["pred_roles"] == {"": 2, "associative": 1}
    assert "speed" not in r
    json.dumps(r)  # plain JSON for scripts


def test_miss_and_pred_without_coordinates_count_in_end_to_end() -> None:
    gold = gold_article()
    pred = {
        "id": "a1",
        "toponyms": [
            span(TEXT, "Springfield", lat=10.5, lon=20.0),  # about 56 km: right
            span(TEXT, "North Shelbyville", lat=None, lon=None),  # found, not placed: wrong
        ],
    }  # Ogdenville missed: wrong
    r = ev.evaluate_toponyms([gold], [pred])
    assert r["recognition"]["exact"]["tp"] == 2
    assert r["resolution"]["n"] == 1 and r["resolution"]["acc161"] == 1.0
    assert r["end_to_end"]["n"] == 3
    assert r["end_to_end"]["acc161"] == pytest.approx(1 / 3)


def test_gold_without_coordinates_counts_for_recognition_only() -> None:
    gold = gold_article()
    gold["toponyms"][2]["lat"] = gold["toponyms"][2]["lon"] = None
    r = ev.evaluate_toponyms([gold], [pred_article()])
    assert r["gold"] == 3 and r["gold_with_coords"] == 2
    assert r["end_to_end"] == {"n": 2, "acc161": 0.5}


def test_articles_matched_by_id_and_missing_pred_is_all_misses() -> None:
    text2 = "Visitors from Capital City arrived."
    g2 = {"id": "b2", "text": text2, "toponyms": [span(text2, "Capital City", lat=0, lon=0)]}
    stray = {"id": "zz", "toponyms": [{"start": 0, "end": 3}]}
    r = ev.evaluate_toponyms([gold_article(), g2], [stray, pred_article()])
    assert r["articles"] == 2 and r["extra_pred_articles"] == 1
    assert r["gold"] == 4 and r["pred"] == 3
    assert r["recognition"]["exact"]["r"] == pytest.approx(1 / 4)
    assert r["end_to_end"]["acc161"] == pytest.approx(1 / 4)


def test_perfect_prediction() -> None:
    g = gold_article()
    r = ev.evaluate_toponyms([g], [g])
    assert r["recognition"]["exact"]["f1"] == 1.0
    assert r["resolution"] == {
        "n": 3,
        "acc161": 1.0,
        "mean_km": 0.0,
        "median_km": 0.0,
        "auc": 0.0,
        "geonameid_acc": 1.0,
        "geonameid_n": 3,
    }
    assert r["end_to_end"]["acc161"] == 1.0


def test_empty_prediction_gives_zeros_not_errors() -> None:
    r = ev.evaluate_toponyms([gold_article()], [])
    assert r["recognition"]["overlap"] == {
        "p": 0.0,
        "r": 0.0,
        "f1": 0.0,
        "tp": 0,
        "gold": 3,
        "pred": 0,
    }
    assert r["resolution"]["n"] == 0 and r["resolution"]["acc161"] is None
    assert r["resolution"]["auc"] is None
    assert r["end_to_end"]["acc161"] == 0.0
    assert "matched (overlap)" in ev.format_table(r)


def test_speed() -> None:
    r = ev.evaluate_toponyms([gold_article()], [pred_article()], words=1000, seconds=0.5)
    assert r["speed"] == {"words": 1000, "seconds": 0.5, "words_per_s": 2000.0}
    # words default to the whitespace-split words of the gold texts
    r = ev.evaluate_toponyms([gold_article()], [pred_article()], seconds=2.0)
    assert r["speed"]["words"] == len(TEXT.split()) == 11
    assert r["speed"]["words_per_s"] == pytest.approx(5.5)


def test_recall_by_type() -> None:
    gold = gold_article()
    for t, (typ, lit) in zip(
        gold["toponyms"],
        [("Literal", True), ("Literal", True), ("Metonymic", False)],
        strict=True,
    ):
        t["type"], t["literal"] = typ, lit
    r = ev.evaluate_toponyms([gold], [pred_article()])
    bt = r["by_type"]
    assert bt["type=Literal"] == {"gold": 2, "r_exact": 0.5, "r_overlap": 1.0}
    assert bt["type=Metonymic"] == {"gold": 1, "r_exact": 0.0, "r_overlap": 0.0}
    assert bt["literal=True"]["gold"] == 2 and bt["literal=False"]["gold"] == 1
    assert "type=Metonymic" in ev.format_table(r)
    assert "by_type" not in ev.evaluate_toponyms([gold_article()], [pred_article()])


def test_duplicate_or_missing_ids_are_errors() -> None:
    with pytest.raises(ValueError, match="duplicate id"):
        ev.evaluate_toponyms([gold_article(), gold_article()], [])
    with pytest.raises(ValueError, match="no 'id'"):
        ev.evaluate_toponyms([{"text": "x", "toponyms": []}], [])
    with pytest.raises(ValueError, match="bad span"):
        ev.evaluate_toponyms([gold_article()], [{"id": "a1", "toponyms": [{"start": 5, "end": 2}]}])


# ------------------------------------------------------------------ given gold spans


def test_resolution_given_spans_counts_unresolved_as_wrong() -> None:
    gold = gold_article()
    pred = {
        "id": "a1",
        "toponyms": [
            span(TEXT, "Springfield", lat=11.0, lon=20.0),  # 1 degree: right
            span(TEXT, "North Shelbyville", lat=None, lon=None),  # unresolved
        ],
    }  # Ogdenville: no prediction at all -> unresolved
    r = ev.evaluate_resolution_given_spans([gold], [pred])
    assert r["n"] == 3 and r["unresolved"] == 2
    assert r["acc161"] == pytest.approx(1 / 3)
    assert r["mean_km"] == pytest.approx((KM_PER_DEG + 2 * ev.MAX_ERROR_KM) / 3)
    assert r["median_km"] == ev.MAX_ERROR_KM
    y0 = math.log1p(KM_PER_DEG) / math.log(ev.MAX_ERROR_KM)
    y1 = math.log1p(ev.MAX_ERROR_KM) / math.log(ev.MAX_ERROR_KM)  # 1.000005
    assert r["auc"] == pytest.approx(((y0 + y1) / 2 + y1) / 2)
    assert r["resolved_n"] == 1 and r["resolved_mean_km"] == pytest.approx(KM_PER_DEG)
    assert "unresolved 2" in ev.format_table(r)


def test_gold_span_errors_worst_first_by_class() -> None:
    gold = gold_article()
    pred = {
        "id": "a1",
        "toponyms": [
            span(TEXT, "Springfield", lat=11.0, lon=20.0),  # 1 degree: right
            span(TEXT, "North Shelbyville", lat=None, lon=None),  # unresolved
            span(TEXT, "Ogdenville", lat=40.0, lon=20.0),  # far off
        ],
    }
    r = ev.gold_span_errors([gold], [pred])
    assert r["count"] == 2 and r["classes"] == {"unresolved": 1, "same_entry": 0, "other": 1}
    assert [c["span"] for c in r["worst"]] == ["North Shelbyville", "Ogdenville"]
    text = ev.errors([gold], [pred], pred_given_spans=[pred])
    assert "given the gold spans (> 161 km or unresolved): 2" in text


# ------------------------------------------------------------------ event locations

SENT = "Crowds marched through Lakeview Heights on Monday before police fired near Elm Park."


def event_gold() -> dict:
    return {
        "id": "s1",
        "text": SENT,
        "events": [
            {"trigger": span(SENT, "marched"), "locations": [span(SENT, "Lakeview Heights")]},
            {"trigger": span(SENT, "fired"), "locations": [span(SENT, "Elm Park")]},
        ],
    }


def test_event_locations_hand_calculated() -> None:
    pred = {
        "id": "s1",
        "events": [
            {"trigger": span(SENT, "marched"), "locations": [span(SENT, "Lakeview")]},
            {
                "trigger": span(SENT, "fired"),
                "locations": [span(SENT, "Elm Park"), span(SENT, "Monday")],
            },
        ],
    }
    r = ev.evaluate_event_locations([event_gold()], [pred])
    assert r["sentences"] == 1 and r["events"] == 2 and r["events_without_pred"] == 0
    # spans: gold 2, pred 3; exact: Elm Park; overlap: + Lakeview
    assert r["span"]["exact"]["tp"] == 1
    assert r["span"]["exact"]["p"] == pytest.approx(1 / 3)
    assert r["span"]["exact"]["r"] == pytest.approx(1 / 2)
    assert r["span"]["overlap"]["tp"] == 2
    assert r["span"]["overlap"]["p"] == pytest.approx(2 / 3)
    assert r["span"]["overlap"]["r"] == 1.0
    # tokens: event 1 gold {Lakeview, Heights}, pred {Lakeview} -> tp 1, fn 1
    #         event 2 gold {Elm, Park}, pred {Elm, Park, Monday} -> tp 2, fp 1
    tok = r["token"]
    assert (tok["tp"], tok["gold"], tok["pred"]) == (3, 4, 4)
    assert tok["p"] == 0.75 and tok["r"] == 0.75 and tok["f1"] == 0.75
    assert "span overlap" in ev.format_table(r)


def test_event_locations_pairs_by_trigger_then_position() -> None:
    # predictions in the other order, paired by trigger span
    g = event_gold()
    swapped = {"id": "s1", "events": list(reversed(g["events"]))}
    r = ev.evaluate_event_locations([g], [swapped])
    assert r["span"]["exact"]["f1"] == 1.0
    # without triggers: by position; a missing second event predicts nothing
    bare = {"id": "s1", "events": [{"locations": [span(SENT, "Lakeview Heights")]}]}
    r = ev.evaluate_event_locations([g], [bare])
    assert r["events_without_pred"] == 1
    assert r["span"]["exact"]["p"] == 1.0 and r["span"]["exact"]["r"] == 0.5
    assert r["token"]["r"] == 0.5


def test_word_tokens_split_punctuation() -> None:
    text = "Fire in St. Ives, U.K.-based"
    assert [text[s:e] for s, e in ev.word_tokens(text)] == [
        "Fire",
        "in",
        "St",
        "Ives",
        "U",
        "K",
        "based",
    ]


# ------------------------------------------------------------------ loading


def test_read_jsonl(tmp_path) -> None:
    p = tmp_path / "ok.jsonl"
    p.write_text('{"id": 1}\n\n{"id": 2, "text": "é"}\n', encoding="utf-8")
    assert ev.read_jsonl(p) == [{"id": 1}, {"id": 2, "text": "é"}]


def test_read_jsonl_names_file_and_line(tmp_path) -> None:
    p = tmp_path / "bad.jsonl"
    p.write_text('{"id": 1}\n{"id": 2,,}\n', encoding="utf-8")
    with pytest.raises(InputError) as info:
        ev.read_jsonl(p)
    assert info.value.line == 2
    assert f"{p}:2" in str(info.value)
    assert "malformed JSON" in str(info.value)

    p.write_text('{"id": 1}\n\n[1, 2]\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"bad\.jsonl:3: expected a JSON object, got list"):
        ev.read_jsonl(p)

    with pytest.raises(InputNotFoundError):
        ev.read_jsonl(tmp_path / "missing.jsonl")


# ------------------------------------------------------------------ presentation


def test_format_table_and_errors() -> None:
    gold, pred = [gold_article()], [pred_article()]
    r = ev.evaluate_toponyms(gold, pred, words=11, seconds=1.0)
    table = ev.format_table(r)
    for needle in ("exact", "overlap", "Acc@161", "AUC", "end to end", "words/s", "0.333"):
        assert needle in table
    with pytest.raises(ValueError):
        ev.format_table({"kind": "nonsense"})

    cases = ev.error_cases(gold, pred)
    assert [c["span"] for c in cases["false_positives"]] == ["dry"]
    assert [c["span"] for c in cases["false_negatives"]] == ["Ogdenville"]
    worst = cases["worst_resolution"]
    assert [c["span"] for c in worst] == ["North Shelbyville"]
    assert worst[0]["km"] == pytest.approx(2 * KM_PER_DEG)
    assert "[[Ogdenville]]" in cases["false_negatives"][0]["context"]

    text = ev.errors(gold, pred, limit=5)
    assert "False positives" in text and "'dry'" in text
    assert "[[North Shelbyville]]" in text and "222 km" in text
    assert ev.error_cases(gold, pred, limit=0)["false_negatives"] == []
