"""The orchestrator: one article's failure is listed and never costs the rest of a batch."""

from __future__ import annotations

from pathlib import Path

from geomap import Pipeline, Result
from geomap.io.ingest import Failure
from geomap.models import Article


class _FaultyStage(Pipeline):
    """A pipeline whose stages raise on one article (a fault injected into a real run)."""

    def parse_article(self, article: Article) -> Result:
        if "BOOM" in article.text:
            raise ValueError("injected fault\nsecond line of detail")
        return super().parse_article(article)


def test_an_article_that_raises_is_listed_and_the_batch_goes_on(
    tmp_path: Path,
    small_gazetteer,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "a.txt").write_text("Diplomats met in Bali on Saturday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("BOOM in Paris.", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(
        '{"id": "c1", "text": "Talks in Austin, Texas."}\n{"id": "c2", "text": "BOOM here."}\n',
        encoding="utf-8",
    )
    out = list(_FaultyStage(small_gazetteer).run([tmp_path]))
    results = [r for r in out if isinstance(r, Result)]
    failures = [f for f in out if isinstance(f, Failure)]
    assert sorted(r.article.text for r in results) == [
        "Diplomats met in Bali on Saturday.",
        "Talks in Austin, Texas.",
    ]
    assert len(failures) == 2
    by_source = {Path(f.source).name: f for f in failures}
    assert by_source["b.txt"].line is None
    assert by_source["corpus.jsonl"].line == 2  # the JSONL line is named
    for f in failures:
        assert f.reason == "could not be processed: ValueError: injected fault"
        assert isinstance(f.error, ValueError)  # kept for --debug
        assert "\n" not in str(f)


def test_parse_on_a_pipeline_takes_the_metadata(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    pipe = Pipeline(small_gazetteer, incidents=False)
    r = pipe.parse(
        "Diplomats met in Bali.", published="2022-07-09", title="T", url="https://x.org/a"
    )
    assert (r.article.title, r.article.url, str(r.article.published)) == (
        "T",
        "https://x.org/a",
        "2022-07-09",
    )
    assert r.places["name"].tolist() == ["Bali"] and r.places["geocoder"].tolist() == ["gazetteer"]
    again = pipe.parse(
        "Diplomats met in Bali.", published="2022-07-09", title="T", url="https://x.org/a"
    )
    assert again.article.id == r.article.id  # the id is derived from the text


def test_toponyms_say_what_resolved_each_name_and_why_not(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    pipe = Pipeline(small_gazetteer, incidents=False)
    by = {t["name"]: t for t in pipe.toponyms("Officials said talks were held in Qarvadun.")}
    assert by["Qarvadun"]["lat"] is None and by["Qarvadun"]["geocoder"] is None
    assert by["Qarvadun"]["reason"] == "not in gazetteer, and no town in the text to place it in"
    by = {t["name"]: t for t in pipe.toponyms("Talks were held in Qarvadun and in Paris.")}
    assert by["Paris"]["geocoder"] == "gazetteer" and by["Paris"]["reason"] is None
    assert by["Qarvadun"]["reason"] == "not in gazetteer: placed in Paris"
    assert by["Qarvadun"]["lat"] == by["Paris"]["lat"]
