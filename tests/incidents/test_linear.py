"""Coreference's work per article grows with its length: the mechanism, not timings.

The indexed coreference (:func:`geomap.incidents.coref.corefer`) looks at a bounded number of
antecedents per draft; within that bound it folds exactly as the comparison of every draft
with every earlier one did (written out here as the reference).
"""

from __future__ import annotations

import random
from datetime import date

from geomap.incidents import coref
from geomap.incidents.coref import ANTECEDENT_WINDOW, corefer, fold
from geomap.incidents.draft import Draft
from geomap.incidents.triggers import find_triggers
from geomap.models import Actor, Place
from geomap.text.timex import TimeRef

from .conftest import place_in

SENTENCES = {
    "met": "Ministers met in Rome, Paris or Lyon.",
    "talks": "The talks in Rome, Paris or Lyon ended.",
    "attacked": "Gunmen attacked a post in Rome, Paris or Lyon.",
    "condemned": "The minister condemned Rome, Paris or Lyon.",
    "summit": "The summit in Rome, Paris or Lyon ended.",
}
PEOPLE = ["Li", "Wang", "Austin", "Blinken", "Milley", "Rossi"]
DAYS = [None, date(2024, 3, 11), date(2024, 3, 12)]


def _drafts(n: int, seed: int) -> list[Draft]:
    rng = random.Random(seed)
    places = {
        (w, city): place_in(s, city) for w, s in SENTENCES.items() for city in ("Rome", "Paris")
    }
    out: list[Draft] = []
    for _ in range(n):
        word = rng.choice(list(SENTENCES))
        sentence = SENTENCES[word]
        t = next(t for t in find_triggers(sentence, 0) if t.text == word)
        city = rng.choice([None, "Rome", "Paris"])
        place: Place | None = places[(word, city)] if city else None
        day = rng.choice(DAYS)
        time = TimeRef(day, day, "day", "on that day") if day else TimeRef(None, None)
        people = set(rng.sample(PEOPLE, rng.randint(0, 2)))
        d = Draft(
            t,
            (0, len(sentence)),
            t.category,
            "land",
            rng.choice(["asserted", "asserted", "asserted", "planned"]),
            time,
            place,
            "attached" if place else "",
            [Actor(p, "person") for p in sorted(people)],
            people,
            rng.random() < 0.3,
        )
        d.sources.append({"sentence": sentence, "trigger": word, "n": len(out) % 7})
        out.append(d)
    return out


def _reference(drafts: list[Draft]) -> list[Draft]:
    """Coreference comparing each draft with every earlier open one (the former loop): the
    candidates from all pairs rather than the index, then corefer's own decision."""
    lead = next((i for i, d in enumerate(drafts) if d.modality == "asserted"), None)
    for i, d in enumerate(drafts):
        if d.merged_into is not None:
            continue
        cands = [
            j
            for j in range(i)
            if drafts[j].merged_into is None
            and coref._group(drafts[j].category) == coref._group(d.category)
            and coref._same_place(drafts[j].place, d.place)
            and (
                not d.time.known or not drafts[j].time.known or drafts[j].time.start == d.time.start
            )
        ]
        # the same decision as corefer's, over every earlier draft (a fresh key cache each
        # time: the former loop had none)
        coref._corefer_one(drafts, d, cands, lead, {})
    coref._inherit_main_place(drafts)
    return drafts


def _summary(drafts: list[Draft]) -> list[tuple[object, ...]]:
    return [
        (
            d.merged_into,
            d.place.entry.id if d.place is not None and d.place.entry is not None else None,
            d.place_how,
            d.time.start,
            sorted(d.people),
            [a.name for a in d.actors],
            [(s["trigger"], s["n"]) for s in d.sources],
        )
        for d in drafts
    ]


def test_indexed_coreference_folds_as_all_pairs() -> None:
    """Articles of up to 60 drafts (within the window): the same folds, places, times,
    people and sources as comparing every pair."""
    merged = 0
    for seed in range(40):
        n = random.Random(seed).randint(2, 60)
        got, want = corefer(_drafts(n, seed)), _reference(_drafts(n, seed))
        assert _summary(got) == _summary(want), seed
        merged += sum(d.merged_into is not None for d in got)
    assert merged > 100  # the draws do fold many drafts


def test_antecedents_looked_at_are_bounded() -> None:
    """Thousands of meetings at one place by different people (none folds): each draft looks
    at a bounded number of antecedents, so the work grows with the number of drafts."""
    s = "Ministers met in Rome."
    rome = place_in(s, "Rome")
    t = next(t for t in find_triggers(s, 0) if t.text == "met")
    drafts = []
    for k in range(3000):
        who = {f"Person{k}"}
        d = Draft(t, (0, len(s)), t.category, "land", "asserted", TimeRef(None, None), rome,
                  "attached", [Actor(f"Person{k}", "person")], who, False)  # fmt: skip
        d.sources.append({"sentence": s, "trigger": "met", "n": k})
        drafts.append(d)
    looked_at: list[int] = []
    out = corefer(drafts, looked_at=looked_at)
    assert all(d.merged_into is None for d in out[1:])
    assert len(looked_at) == 3000
    assert max(looked_at) <= 2 * ANTECEDENT_WINDOW + 1
    assert sum(looked_at) <= 3000 * (2 * ANTECEDENT_WINDOW + 1)


def test_fold_with_seen_keys_keeps_each_source_once() -> None:
    """Folding many reports of one event keeps each distinct source once, in order, as the
    list scan did."""
    s = "Ministers met in Rome."
    t = next(t for t in find_triggers(s, 0) if t.text == "met")

    def draft(n: int) -> Draft:
        d = Draft(t, (0, len(s)), t.category, "land", "asserted", TimeRef(None, None), None,
                  "", [], set(), False)  # fmt: skip
        d.sources.append({"sentence": s, "trigger": "met", "n": n})
        return d

    a, b = draft(0), draft(0)
    seen = {coref.source_key(src) for src in a.sources}
    for n in [1, 2, 1, 3, 0, 2, 4]:
        fold(a, draft(n), seen=seen)
        fold(b, draft(n))
    assert a.sources == b.sources
    assert [src["n"] for src in a.sources] == [0, 1, 2, 3, 4]
