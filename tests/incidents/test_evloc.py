"""Event locations for given triggers (own example sentences; no corpus text), the model file
and its trainer (:mod:`geomap.eval.train_evloc`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from geomap.errors import ResourceError
from geomap.eval.corpus import event_locations
from geomap.eval.metrics import evaluate_event_locations
from geomap.eval.train_evloc import evaluate, model_json, part_of, split_of, train, valid_of
from geomap.incidents.evloc import MODEL_FORMAT, analyse, load_model, locate
from geomap.pipeline import Pipeline
from geomap.places.recognise import recognise


@pytest.fixture(scope="module")
def pipe(gazetteer):  # type: ignore[no-untyped-def]
    return Pipeline(gazetteer, incidents=False)


def _line(text: str, *triggers: str, locs: tuple[tuple[str, ...], ...] = ()):  # type: ignore[no-untyped-def]
    events = []
    for k, t in enumerate(triggers):
        s = text.index(t)
        gold = [
            {"start": text.index(n), "end": text.index(n) + len(n), "name": n}
            for n in (locs[k] if k < len(locs) else ())
        ]
        events.append({"trigger": {"start": s, "end": s + len(t), "text": t}, "locations": gold})
    return {"id": "t-" + str(abs(hash(text)) % 10_000), "text": text, "events": events}


CASES = [
    ("A car bomb exploded in Kandahar on Monday, killing four people.", "exploded", ("Kandahar",)),
    (
        "Police said protesters marched through the streets of Lagos on Friday.",
        "marched",
        ("Lagos",),
    ),
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
        text.index("attacked"),
        text.index("patrolled"),
    ]
    assert event_locations({"id": "x", "text": "Nothing here.", "events": []}, pipe) == {
        "id": "x",
        "events": [],
    }


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
    text = "A bomb went off near the al-Zawraa Park and in Khan al-Sabil, close to ‘Ayn Tala."
    spans = {text[c.start : c.end] for c in analyse(text, recognise(text, pipe.gazetteer))[2]}
    assert {"al-Zawraa Park", "Khan al-Sabil", "‘Ayn Tala"} <= spans


def test_decode_keeps_one_place_unless_listed() -> None:
    from geomap.incidents.evloc import Cand, _decode

    text = "Shells hit Alpha, Beta and Gamma in Delta."
    c = {
        n: Cand(text.index(n), text.index(n) + len(n), False, "", "", "")
        for n in ("Alpha", "Beta", "Gamma", "Delta")
    }
    scored = [(0.6, c["Alpha"]), (0.2, c["Beta"]), (0.1, c["Gamma"]), (0.4, c["Delta"])]
    got = [text[x.start : x.end] for x in _decode(text, scored, 0.3, 0.05, 0.8)]
    assert got == ["Alpha", "Beta", "Gamma"]
    text2 = "Shells hit Alpha in Delta."
    a = Cand(11, 16, False, "", "", "")
    d = Cand(20, 25, False, "", "", "")
    assert [
        text2[x.start : x.end] for x in _decode(text2, [(0.6, a), (0.5, d)], 0.3, 0.05, 0.8)
    ] == ["Alpha"]
    assert _decode(text2, [(0.2, a)], 0.3, 0.05, 0.8) == []


def test_second_stage_decides_whether_an_event_has_a_place(pipe) -> None:  # type: ignore[no-untyped-def]
    from geomap.incidents.evloc import _score, event_features

    text = "A car bomb exploded in Kandahar on Monday, killing four people."
    rec = recognise(text, pipe.gazetteer)
    toks, starts, cands = analyse(text, rec)
    trig = (text.index("exploded"), text.index("exploded") + len("exploded"))
    scored = _score(text, toks, starts, cands, rec.people, trig, load_model().weights)
    f = event_features(text, toks, starts, trig, scored)
    assert "bias" in f and "trig=exploded" in f and any(x.startswith("b_") for x in f)
    assert event_features(text, toks, starts, trig, []) and not any(
        x.startswith("b_") for x in event_features(text, toks, starts, trig, [])
    )


def test_validation_slice_is_a_second_hash() -> None:
    ids = [f"evloc-{i}" for i in range(5000)]
    train = [i for i in ids if split_of(i) == "train"]
    share = sum(valid_of(i) for i in train) / len(train)
    assert 0.17 < share < 0.23


def test_locate_takes_the_recognition(pipe) -> None:  # type: ignore[no-untyped-def]
    text = "A car bomb exploded in Kandahar on Monday, killing four people."
    s = text.index("exploded")
    rec = recognise(text, pipe.gazetteer)
    assert locate(text, [], rec) == []
    [[span]] = locate(text, [(s, s + len("exploded"))], rec)
    assert text[span[0] : span[1]] == "Kandahar"


# --------------------------------------------------------------------------------------------
# the model file


def test_shipped_model_loads_once() -> None:
    m = load_model()
    assert m is load_model()
    assert len(m.weights) > 1000 and len(m.event_weights) > 1000
    assert "80 % 'train' split" in m.split
    assert all(isinstance(k, int) and isinstance(v, float) for k, v in m.weights.items())


def _model_doc() -> dict[str, Any]:
    return json.loads(model_json({1: 0.5, 2: -0.25}, {3: 1.0}, "a test split"))


def test_model_file_round_trip(tmp_path: Path) -> None:
    p = tmp_path / "m.json"
    p.write_text(model_json({1: 0.5, 2: -0.25}, {3: 1.0}, "a test split"), encoding="utf-8")
    m = load_model(p)
    assert dict(m.weights) == {1: 0.5, 2: -0.25}
    assert dict(m.event_weights) == {3: 1.0}
    assert m.split == "a test split"
    assert _model_doc()["format"] == MODEL_FORMAT


def _corrupt(doc: dict[str, Any], path: tuple[str | int, ...], value: object) -> dict[str, Any]:
    node = doc
    for k in path[:-1]:
        node = node[k]
    if value is KeyError:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    return doc


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (("weights",), KeyError, "'weights' is missing"),
        (("event_weights",), KeyError, "'event_weights' is missing"),
        (("event_weights",), {}, "'event_weights' is missing or empty"),
        (("weights",), [1, 2], "'weights' is missing"),
        (("weights", "keys"), KeyError, "'weights' is missing or empty (a 'keys'"),
        (("weights", "values"), {"1": 0.5}, "'weights' is missing or empty (a 'keys'"),
        (("weights", "values"), [0.5], "'weights' has 2 keys but 1 values"),
        (("format",), 1, "format 1"),
        (("format",), KeyError, "format None"),
        (("split",), KeyError, "'split'"),
        (("weights", "values", 0), "0.5", "not a finite number"),
        (("weights", "values", 0), None, "not a finite number"),
        (("weights", "values", 0), True, "not a finite number"),
        (("weights", "keys", 0), "1", "not a CRC-32"),
        (("weights", "keys", 0), 1.0, "not a CRC-32"),
        (("weights", "keys", 0), -1, "not a CRC-32"),
        (("weights", "keys", 0), 2**32, "not a CRC-32"),
        (("weights", "keys", 0), 2, "the key 2 twice"),
    ],
)
def test_corrupt_model_is_a_resource_error(
    tmp_path: Path, path: tuple[str | int, ...], value: object, message: str
) -> None:
    p = tmp_path / "m.json"
    p.write_text(json.dumps(_corrupt(_model_doc(), path, value)), encoding="utf-8")
    with pytest.raises(ResourceError, match="not a usable event-location model") as err:
        load_model(p)
    assert message in str(err.value)


@pytest.mark.parametrize(
    "text",
    [
        '{"format": 2, "split": "s", "weights": {"keys": [1], "values": [NaN]}, '
        '"event_weights": {"keys": [2], "values": [1.0]}}',
        "[1, 2]",
    ],
)
def test_non_finite_or_non_object_model_is_a_resource_error(tmp_path: Path, text: str) -> None:
    p = tmp_path / "m.json"
    p.write_text(text, encoding="utf-8")
    with pytest.raises(ResourceError, match="not a usable event-location model"):
        load_model(p)


def test_unreadable_model_is_a_resource_error(tmp_path: Path) -> None:
    with pytest.raises(ResourceError, match="missing or unreadable"):
        load_model(tmp_path / "absent.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": 1, "weights": {', encoding="utf-8")
    with pytest.raises(ResourceError, match="not valid JSON"):
        load_model(bad)
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ResourceError, match="not valid JSON"):
        load_model(binary)


def test_trainer_writes_a_loadable_model(pipe, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A tiny corpus of made-up sentences, every line in the 'train' part."""
    places = ["Kandahar", "Lagos", "Mosul", "Kirkuk", "Bamako", "Mopti", "Kabul", "Herat"]
    verbs = ["exploded", "marched", "clashed", "attacked"]
    lines = []
    for i in range(40):
        place, verb = places[i % len(places)], verbs[i % len(verbs)]
        text = (
            f"Gunmen {verb} in {place} on Monday."
            if i % 3
            else f"Officials said the group {verb} the convoy."
        )
        gold = [(place,)] if i % 3 else [()]
        lines.append({**_line(text, verb, locs=tuple(gold)), "id": f"own-{i}"})
    corpus = tmp_path / "own.jsonl"
    corpus.write_text("".join(json.dumps(ln) + "\n" for ln in lines), encoding="utf-8")
    out = tmp_path / "models" / "m.json"
    w1, w2 = train(corpus, out, held_out_pct=0, gazetteer=pipe.gazetteer)
    assert w1 and w2
    m = load_model(out)
    assert "100 % 'train' split" in m.split and "40 lines" in m.split
    assert len(m.weights) == len(w1) and len(m.event_weights) == len(w2)
    assert [p.name for p in out.parent.iterdir()] == ["m.json"]  # no temporary file left


def test_parts_partition_the_lines() -> None:
    ids = [f"evloc-{i}" for i in range(3000)]
    for i in ids:
        p = part_of(i)
        assert p == ("test" if split_of(i) == "test" else "valid" if valid_of(i) else "fit")
    assert {part_of(i) for i in ids} == {"test", "valid", "fit"}


def test_evaluate_scores_one_part_with_a_given_model(pipe, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The held-out report: made-up sentences, a model trained on them, scored by part."""
    places = ["Kandahar", "Lagos", "Mosul", "Kirkuk", "Bamako", "Mopti", "Kabul", "Herat"]
    lines = []
    for i in range(60):
        place = places[i % len(places)]
        text = f"Gunmen attacked a market in {place} on Monday." if i % 2 else "Gunmen attacked."
        lines.append({**_line(text, "attacked", locs=((place,) if i % 2 else (),)), "id": f"e-{i}"})
    corpus = tmp_path / "own.jsonl"
    corpus.write_text("".join(json.dumps(ln) + "\n" for ln in lines), encoding="utf-8")
    model = tmp_path / "m.json"
    train(corpus, model, held_out_pct=0, gazetteer=pipe.gazetteer)
    r = evaluate(corpus, part="all", model=model, gazetteer=pipe.gazetteer)
    assert r["part"] == "all" and r["sentences"] == 60 and r["events"] == 60
    assert r["token"]["f1"] > 0.95 and r["span"]["exact"]["f1"] > 0.95
    n_test = sum(part_of(ln["id"]) == "test" for ln in lines)
    assert evaluate(corpus, model=model, gazetteer=pipe.gazetteer)["sentences"] == n_test
    with pytest.raises(ValueError, match="part 'dev'"):
        evaluate(corpus, part="dev", model=model, gazetteer=pipe.gazetteer)
