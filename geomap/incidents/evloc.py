"""Where did THIS event happen?  Location spans for given event triggers.

Candidates are the recogniser's place mentions (gazetteer names, any role) and capitalised
phrases the gazetteer does not know ("Reshimbagh", "Al-Zawraa Park", "Deir Ezzor
Governorate"), with sub-spans split at "and" / commas. Each (candidate, trigger) pair gets
sparse features (words around the candidate, preposition, direction and distance to the
trigger, clause breaks between them, gazetteer kind and role, person/organisation shape,
the trigger word, the preposition's attachment, reported speech, lists) scored by a
logistic model. Capitalised phrases include lowercase Arabic-article names ("al-Bab",
"Khan al-Assal") and glued forms ("T-4", "‘Ayn ‘Issa"). Whether the event has a place in
the sentence at all is a second, per-trigger decision (:func:`event_features`: the best
candidate's score, the margin to the next, the number of candidates, the words around the
trigger, reported speech, the best candidate's own features), trained on cross-fitted (5-fold)
first-stage scores. When it says yes, decoding keeps the best candidate, plus the candidates
listed with it ("A, B and C") and any other very likely one: the corpus names one (most
specific) place per event, not its containers.

The weights are the data file ``geomap/resources/models/event_location.json`` (written by
``python -m geomap.eval.train_evloc train CORPUS.jsonl``, which records the split it was fitted
on: 80 % of the event-location development file, by a hash of the line id), loaded once on first
use by :func:`load_model`; a missing or corrupt file is a :class:`~geomap.errors.ResourceError`.
The candidates and the features are made in :mod:`geomap.incidents.evfeatures` (re-exported
here); the word lists behind them are files in ``geomap/resources/lexicon/``.

Annotation conventions of the event-location corpus (Halterman 2019), learnt here:

* the span is the proper name only: "the West Bank city of Nablus" -> "Nablus", "her
  Reshimbagh residence" -> "Reshimbagh", "western Baghdad" -> "Baghdad";
* capitalised generic heads belong to the name: "Sadr City", "Deir Ezzor Governorate",
  "Gaza Strip", "Tahrir Square", "T-4 Military Airport";
* common-noun places ("a refugee camp", "the clashes") are not annotated;
* every place where the event happened counts ("in the provinces of Ghazni and Paktika" ->
  two spans); places that describe actors ("Iraqi forces", "Police in X said") or other
  events do not.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from os import PathLike
from pathlib import Path
from typing import Any

from geomap.errors import ResourceError
from geomap.incidents.evfeatures import (
    Cand,
    Context,
    analyse,
    candidates,
    event_features,
    link,
    pair_features,
)
from geomap.places.recognise import Recognition
from geomap.resources import read_json
from geomap.text.tokens import Token

__all__ = [
    "MODEL_FORMAT",
    "MODEL_RESOURCE",
    "Cand",
    "Model",
    "analyse",
    "candidates",
    "event_features",
    "feature_key",
    "load_model",
    "locate",
    "pair_features",
    "probability",
]


# --------------------------------------------------------------------------------------------
# model

MODEL_RESOURCE = "models/event_location.json"  # the shipped weights (package data)
#: the layout of that file: what :func:`load_model` reads and the trainer writes (2: each stage
#: as two lists, ``{"keys": [CRC-32, ...], "values": [weight, ...]}``, read about three times
#: as fast at every start as format 1's object of decimal-string keys)
MODEL_FORMAT = 2


def feature_key(f: str) -> int:
    """The model stores weights by a CRC-32 of the feature string (no corpus words kept)."""
    return zlib.crc32(f.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class Model:
    """The two logistic stages, weights keyed by :func:`feature_key`.

    ``weights``: first stage, one (candidate, trigger) pair; ``event_weights``: second stage,
    does the event have a place in the sentence; ``split``: what it was fitted on.
    """

    weights: Mapping[int, float]
    event_weights: Mapping[int, float]
    split: str


def load_model(path: str | PathLike[str] | None = None) -> Model:
    """The shipped model (read once, on first use), or the model file at ``path``.

    A missing or corrupt file (not JSON, another format, a stage missing, a key that is not a
    CRC-32, a weight that is not a finite number) is a :class:`ResourceError`.
    """
    if path is None:
        return _shipped_model()
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as err:
        raise ResourceError(
            f"event-location model {str(path)!r} is missing or unreadable "
            f"({err.__class__.__name__})"
        ) from err
    except ValueError as err:  # not UTF-8, not JSON
        raise ResourceError(f"event-location model {str(path)!r} is not valid JSON: {err}") from err
    return _parse_model(data, f"event-location model {str(path)!r}")


@cache
def _shipped_model() -> Model:
    return _parse_model(read_json(MODEL_RESOURCE), f"geomap package data {MODEL_RESOURCE!r}")


def _fast_stage(keys: list[Any], values: list[Any]) -> dict[int, float] | None:
    """A stage's weights (``keys`` and ``values`` of one length) when every key is a CRC-32
    and every weight a finite number, checked a column at a time (the shipped model has some
    35,000 weights, read at every start), else None."""
    if not set(map(type, keys)) <= {int}:
        return None
    if keys and (min(keys) < 0 or max(keys) >= 2**32):
        return None
    types = set(map(type, values))
    if not types <= {int, float} or not all(map(math.isfinite, values)):
        return None
    stage = dict(zip(keys, map(float, values) if int in types else values, strict=True))
    return stage if len(stage) == len(keys) else None  # a key twice


def _parse_model(data: Any, where: str) -> Model:
    def bad(why: str) -> ResourceError:
        return ResourceError(
            f"{where} is not a usable event-location model: {why}; regenerate "
            "it with `python -m geomap.eval.train_evloc train` (CONTRIBUTING.md)"
        )

    if not isinstance(data, dict):
        raise bad("not a JSON object")
    fmt = data.get("format")
    if type(fmt) is not int or fmt != MODEL_FORMAT:
        raise bad(f"format {fmt!r}, expected {MODEL_FORMAT}")
    split = data.get("split")
    if not isinstance(split, str):
        raise bad("no 'split' text")
    stages: list[dict[int, float]] = []
    for name in ("weights", "event_weights"):
        table = data.get(name)
        if not isinstance(table, dict) or not table:
            raise bad(f"{name!r} is missing or empty")
        keys, values = table.get("keys"), table.get("values")
        if not isinstance(keys, list) or not isinstance(values, list) or not keys:
            raise bad(f"{name!r} is missing or empty (a 'keys' and a 'values' list)")
        if len(keys) != len(values):
            raise bad(f"{name!r} has {len(keys)} keys but {len(values)} values")
        stage = _fast_stage(keys, values)
        if stage is None:  # something is wrong: entry by entry, to say what
            stage = {}
            for k, v in zip(keys, values, strict=True):
                if type(k) is not int or not 0 <= k < 2**32:
                    raise bad(f"{name!r} has the key {k!r}, not a CRC-32")
                if k in stage:
                    raise bad(f"{name!r} has the key {k} twice")
                if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(v):
                    raise bad(f"{name!r}[{k}] is {v!r}, not a finite number")
                stage[k] = float(v)
        stages.append(stage)
    return Model(stages[0], stages[1], split)


#: feature string -> key, filled as features are met (the feature vocabulary is small and
#: fixed by the templates; bounded so that odd texts cannot grow it without end)
_KEYS: dict[str, int] = {}
_KEYS_MAX = 200_000


def _z(feats: Iterable[str], w: Mapping[int, float]) -> float:
    keys, get, z = _KEYS, w.get, 0.0
    for f in feats:
        k = keys.get(f)
        if k is None:
            k = feature_key(f)
            if len(keys) < _KEYS_MAX:
                keys[f] = k
        z += get(k, 0.0)
    return z


class _ByFeature(dict[str, float]):
    """One stage's weights by feature string, each looked up by its key when first met
    (bounded as :data:`_KEYS` is: past the bound a weight is looked up and not kept)."""

    def __init__(self, weights: Mapping[int, float]) -> None:
        super().__init__()
        self.weights = weights

    def __missing__(self, feature: str) -> float:
        v = self.weights.get(feature_key(feature), 0.0)
        if len(self) < _KEYS_MAX:
            self[feature] = v
        return v


#: per model (held, so that its id stays its own): feature string -> weight, for each stage;
#: a :class:`Model` is frozen and its weights are not changed once it is made
_BY_FEATURE: dict[int, tuple[Model, _ByFeature, _ByFeature]] = {}


def _feature_weights(model: Model) -> tuple[_ByFeature, _ByFeature]:
    """The model's weights by feature string (filled as features are met), for each stage."""
    held = _BY_FEATURE.get(id(model))
    if held is None or held[0] is not model:
        if len(_BY_FEATURE) >= 8:
            _BY_FEATURE.clear()
        held = _BY_FEATURE[id(model)] = (
            model,
            _ByFeature(model.weights),
            _ByFeature(model.event_weights),
        )
    return held[1], held[2]


def _z_by_feature(feats: Iterable[str], by: _ByFeature) -> float:
    """:func:`_z` with the weights looked up by feature string (a C loop over the features
    met before)."""
    return float(sum(map(by.__getitem__, feats)))


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def probability(feats: Iterable[str], weights: Mapping[int, float]) -> float:
    """The logistic score of a feature list under one stage's weights."""
    return _sigmoid(_z(feats, weights))


def _decode(
    text: str, scored: list[tuple[float, Cand]], th1: float, th2: float, th3: float
) -> list[Cand]:
    """The best candidate, and others listed with it ("A, B and C") or very likely."""
    if not scored:
        return []
    ranked = sorted(scored, key=lambda x: -x[0])
    if ranked[0][0] < th1:
        return []
    keep: list[tuple[float, Cand]] = []
    for p, c in ranked:
        if p < th2 and keep:
            break
        if any(o.start < c.end and c.start < o.end for _q, o in keep):
            continue
        keep.append((p, c))
    top = keep[0][1]
    pos = sorted((c for _p, c in keep), key=lambda c: c.start)
    links = [link(text, pos[k], pos[k + 1]) for k in range(len(pos) - 1)]
    k = pos.index(top)
    lo = hi = k
    while lo > 0 and links[lo - 1]:
        lo -= 1
    while hi < len(pos) - 1 and links[hi]:
        hi += 1
    chosen = {top}
    if "and" in links[lo:hi]:
        chosen.update(pos[lo : hi + 1])
    chosen.update(c for p, c in keep if p >= th3)
    return sorted(chosen, key=lambda c: c.start)


def locate(
    text: str,
    triggers: Sequence[tuple[int, int]],
    recognition: Recognition,
    *,
    th2: float = 0.05,
    th3: float = 0.8,
    th_event: float = 0.55,
    model: Model | None = None,
) -> list[list[tuple[int, int]]]:
    """Location spans for each trigger (one list per trigger, possibly empty).

    ``recognition`` is the recogniser's result for ``text``. An event gets a place when the
    second stage's probability that it has one in the sentence reaches ``th_event``; then the
    best candidate is kept, with the candidates listed with it ("A, B and C", each at least
    ``th2``) and any other candidate reaching ``th3``. The thresholds were tuned on a
    validation slice of the training part. ``model``: other weights than the shipped ones
    (:func:`load_model`).
    """
    if not triggers:
        return []
    toks, starts, cands = analyse(text, recognition)
    if model is None:
        model = load_model()
    words = [t.text.lower() for t in toks]
    ctx = Context(text, toks, starts, cands, recognition.people, words)
    by, by_event = _feature_weights(model)
    out: list[list[tuple[int, int]]] = []
    for trig in triggers:
        scored = _score(
            text, toks, starts, cands, recognition.people, trig, model.weights, words, ctx, by
        )
        pairs = [(p, c) for p, c, _f in scored]
        feats = event_features(text, toks, starts, trig, scored, words)
        pe = _sigmoid(_z_by_feature(feats, by_event))
        chosen = _decode(text, pairs, 0.0, th2, th3) if pe >= th_event else []
        out.append([(c.start, c.end) for c in chosen])
    return out


def _score(
    text: str,
    toks: Sequence[Token],
    starts: Sequence[int],
    cands: Sequence[Cand],
    people: set[str],
    trig: tuple[int, int],
    w: Mapping[int, float],
    words: Sequence[str] | None = None,
    ctx: Context | None = None,
    by_feature: _ByFeature | None = None,
) -> list[tuple[float, Cand, list[str]]]:
    """Each candidate not overlapping ``trig``: its first-stage probability, itself and its
    :func:`pair_features` (``ctx``: the sentence's context when the caller scores several
    triggers of it, so that each candidate's own features are found once; ``by_feature``:
    the weights ``w`` by feature string, filled as features are met)."""
    if ctx is None:
        if words is None:
            words = [t.text.lower() for t in toks]
        ctx = Context(text, toks, starts, cands, people, words)
    t = ctx.trigger(trig)
    out = []
    for c in cands:
        if c.start < trig[1] and trig[0] < c.end:
            continue
        feats = ctx.features(ctx.candidate(c), t)
        z = _z(feats, w) if by_feature is None else _z_by_feature(feats, by_feature)
        out.append((_sigmoid(z), c, feats))
    return out
