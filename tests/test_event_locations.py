"""Event locations for given triggers (own example sentences; no corpus text)."""

from __future__ import annotations

import pytest

from geomap.eval.corpus import event_locations
from geomap.eval.metrics import evaluate_event_locations
from geomap.incidents.evloc import split_of
from geomap.pipeline import Pipeline


@pytest.fixture(scope="module")
def pipe(gazetteer):  # type: ignore[no-untyped-def]
    return Pipeline(gazetteer, incidents=False)


def _line(text: str, *triggers: str, locs: tuple[tuple[str, ...], ...] = ()):  # type: ignore[no-untyped-def]
    events = []
    for k, t in enumerate(triggers):
        s = text.index(t)
        gold = [{"start": text.index(n), "end": text.index(n) + len(n), "name": n}
                for n in (locs[k] if k < len(locs) else ())]
        events.append({"trigger": {"start": s, "end": s + len(t), "text": t}, "locations": gold})
    return {"id": "t-" + str(abs(hash(text)) % 10_000), "text": text, "events": events}


CASES = [
    ("A car bomb exploded in Kandahar on Monday, killing four people.", "exploded",
     ("Kandahar",)),
    ("Police said protesters marched through the streets of Lagos on Friday.", "marched",
     ("Lagos",)),
    ("Rebels shelled the town of Mopti, officials in Bamako said.", "shelled", ("Mopti",)),
    ("The minister criticised the government over rising prices.", "criticised", ()),
]


@pytest.mark.parametrize(("text", "trigger", "gold"), CASES)
def test_locations(pipe, text, trigger, gold) -> None:  # type: ignore[no-untyped-def]
    line = _line(text, trigger, locs=(gold,))
    out = event_locations(line, pipe)
    assert out["id"] == line["id"]
    assert len(out["events"]) == 1
    got = [text[x["start"] : x["end"]] for x in out["events"][0]["locations"]]
    assert got == list(gold)


def test_one_entry_per_trigger_in_order(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "Gunmen attacked a checkpoint in Mosul, and troops patrolled Kirkuk."
    line = _line(text, "attacked", "patrolled")
    out = event_locations(line, pipe)
    assert [e["trigger"]["start"] for e in out["events"]] == [
        text.index("attacked"), text.index("patrolled")]
    assert event_locations({"id": "x", "text": "Nothing here.", "events": []}, pipe) == \
        {"id": "x", "events": []}


def test_scores_with_evaluator(pipe) -> None:  # type: ignore[no-untyped-def]
    gold = [_line(t, trig, locs=(g,)) for t, trig, g in CASES]
    pred = [event_locations(g, pipe) for g in gold]
    r = evaluate_event_locations(gold, pred)
    assert r["token"]["f1"] >= 0.99


def test_split_is_stable() -> None:
    assert split_of("evloc-1") == split_of("evloc-1")
    share = sum(split_of(f"evloc-{i}") == "test" for i in range(5000)) / 5000
    assert 0.17 < share < 0.23


def test_candidates_cover_unknown_arabic_names(pipe) -> None:  # type: ignore[no-untyped-def]
    from geomap.incidents.evloc import _analyse

    text = "A bomb went off near the al-Zawraa Park and in Khan al-Sabil, close to ‘Ayn Tala."
    spans = {text[c.start : c.end] for c in _analyse(text, pipe)[3]}
    assert {"al-Zawraa Park", "Khan al-Sabil", "‘Ayn Tala"} <= spans


def test_decode_keeps_one_place_unless_listed() -> None:
    from geomap.incidents.evloc import Cand, _decode

    text = "Shells hit Alpha, Beta and Gamma in Delta."
    c = {n: Cand(text.index(n), text.index(n) + len(n), False, "", "", "")
         for n in ("Alpha", "Beta", "Gamma", "Delta")}
    scored = [(0.6, c["Alpha"]), (0.2, c["Beta"]), (0.1, c["Gamma"]), (0.4, c["Delta"])]
    got = [text[x.start : x.end] for x in _decode(text, scored, 0.3, 0.05, 0.8)]
    assert got == ["Alpha", "Beta", "Gamma"]
    text2 = "Shells hit Alpha in Delta."
    a = Cand(11, 16, False, "", "", "")
    d = Cand(20, 25, False, "", "", "")
    assert [text2[x.start : x.end] for x in _decode(text2, [(0.6, a), (0.5, d)], 0.3, 0.05, 0.8)] \
        == ["Alpha"]
    assert _decode(text2, [(0.2, a)], 0.3, 0.05, 0.8) == []


def test_second_stage_decides_whether_an_event_has_a_place(pipe) -> None:  # type: ignore[no-untyped-def]
    from geomap.incidents.evloc import _analyse, _score, event_features
    from geomap.incidents.evloc_model import EVENT_WEIGHTS

    assert EVENT_WEIGHTS
    text = "A car bomb exploded in Kandahar on Monday, killing four people."
    _rec, toks, starts, cands = _analyse(text, pipe)
    trig = (text.index("exploded"), text.index("exploded") + len("exploded"))
    scored = _score(text, toks, starts, cands, _rec.people, trig)
    f = event_features(text, toks, starts, trig, scored)
    assert "bias" in f and "trig=exploded" in f and any(x.startswith("b_") for x in f)
    assert event_features(text, toks, starts, trig, []) and not any(
        x.startswith("b_") for x in event_features(text, toks, starts, trig, []))


def test_validation_slice_is_a_second_hash() -> None:
    from geomap.incidents.evloc import valid_of

    ids = [f"evloc-{i}" for i in range(5000)]
    train = [i for i in ids if split_of(i) == "train"]
    share = sum(valid_of(i) for i in train) / len(train)
    assert 0.17 < share < 0.23
