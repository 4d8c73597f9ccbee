"""Fixtures of the incident-stage tests: a pipeline on the embedded gazetteer, the sample
article parsed once, hand-made places, and a helper that runs the stage on a text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest

from geomap.incidents import extract_incidents
from geomap.models import Article, Entry, Incident, Mention, Place
from geomap.pipeline import Pipeline, Result

from ..conftest import SAMPLE

PUBLISHED = date(2022, 7, 9)


@pytest.fixture(scope="package")
def pipe(gazetteer) -> Pipeline:  # type: ignore[no-untyped-def]
    return Pipeline(gazetteer)


@pytest.fixture(scope="package")
def sample(pipe: Pipeline) -> Result:
    text = SAMPLE.read_text(encoding="utf-8")
    art = Article(
        id="sample",
        text=text,
        title="Blinken and Wang meet in bid to defuse US-China tensions",
        url="https://example.org/sample",
        published=PUBLISHED,
    )
    return pipe.parse_article(art)


@pytest.fixture(scope="package")
def run(pipe: Pipeline) -> Callable[..., list[Incident]]:
    """``run(text, published=..., aid=...)``: the incidents of one text."""

    def _run(
        text: str, published: date | None = date(2024, 3, 15), aid: str = "t"
    ) -> list[Incident]:
        art = Article(
            id=aid, text=text, title=None, url=f"https://example.org/{aid}", published=published
        )
        found = pipe.find(text)
        return extract_incidents(art, found.places, found.recognition.sentences, found.recognition)

    return _run


def place_in(
    sentence: str,
    name: str,
    kind: str = "city",
    *,
    role: str = "literal",
    cue: str | None = None,
    cc: str | None = None,
    nth: int = 0,
) -> Place:
    """A resolved place for the ``nth`` occurrence of ``name`` in a one-sentence text."""
    start = -1
    for _ in range(nth + 1):
        start = sentence.index(name, start + 1)
    m = Mention(start, start + len(name), name, name.lower(), role, cue=cue)  # type: ignore[arg-type]
    e = Entry(id=f"t:{name.lower()}", name=name, kind=kind, lat=0.0, lon=0.0, country_code=cc)
    return Place(m, e, 1.0, 4, sentence, 0, len(sentence))
