"""The orchestrator: one article's failure is listed and never costs the rest of a batch."""

from __future__ import annotations

from pathlib import Path

from geomap import Pipeline, Result
from geomap.io.ingest import Failure
from geomap.models import Article
from geomap.places.find import FoundPlaces


class _FaultyStage(Pipeline):
    """A pipeline whose place stage raises on one article and whose incident stage raises on
    another (faults injected into a real run)."""

    def find(self, text: str, *, geometry: bool = True) -> FoundPlaces:
        if "BOOM" in text:
            raise ValueError("injected fault\nsecond line of detail")
        return super().find(text, geometry=geometry)

    def _result(self, article: Article, found: FoundPlaces) -> Result:
        if "CRASH" in article.text:
            raise ValueError("injected fault\nsecond line of detail")
        return super()._result(article, found)


def test_an_article_that_raises_is_listed_and_the_batch_goes_on(
    tmp_path: Path,
    small_gazetteer,  # type: ignore[no-untyped-def]
) -> None:
    (tmp_path / "a.txt").write_text("Diplomats met in Bali on Saturday.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("BOOM in Paris.", encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(
        '{"id": "c1", "text": "Talks in Austin, Texas."}\n{"id": "c2", "text": "BOOM here."}\n'
        '{"id": "c3", "text": "A CRASH in Lyon."}\n',
        encoding="utf-8",
    )
    out = list(_FaultyStage(small_gazetteer).run([tmp_path]))
    results = [r for r in out if isinstance(r, Result)]
    failures = [f for f in out if isinstance(f, Failure)]
    assert sorted(r.article.text for r in results) == [
        "Diplomats met in Bali on Saturday.",
        "Talks in Austin, Texas.",
    ]
    assert len(failures) == 3
    assert {(Path(f.source).name, f.line) for f in failures} == {
        ("b.txt", None),
        ("corpus.jsonl", 2),  # the JSONL line is named
        ("corpus.jsonl", 3),
    }
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


def test_run_in_groups_keeps_the_input_order_and_the_results(  # type: ignore[no-untyped-def]
    tmp_path: Path, small_gazetteer, monkeypatch
) -> None:
    """Stage by stage in groups (here of 2), with an unreadable line and a failing article
    among them: the same results as article by article, in input order."""
    import geomap.pipeline as pipeline_module

    monkeypatch.setattr(pipeline_module, "RUN_GROUP", 2)
    texts = [
        "Diplomats met in Bali on Saturday.",
        "Talks in Austin, Texas.",
        "BOOM here.",
        "Protesters marched in Paris on Monday.",
        "Officials met in Bali and in Austin.",
    ]
    lines = [f'{{"id": "a{i}", "text": "{t}"}}' for i, t in enumerate(texts)]
    lines.insert(2, "{not json")
    corpus = tmp_path / "c.jsonl"
    corpus.write_text("\n".join(lines) + "\n", encoding="utf-8")
    pipe = _FaultyStage(small_gazetteer)
    out = list(pipe.run([corpus]))
    kinds = [("R", o.article.id) if isinstance(o, Result) else ("F", o.line) for o in out]
    assert kinds == [("R", "a0"), ("R", "a1"), ("F", 3), ("F", 4), ("R", "a3"), ("R", "a4")]
    for o in out:
        if isinstance(o, Result):
            one = pipe.parse_article(o.article)
            assert [p.entry.id for p in o.place_list if p.entry] == [
                p.entry.id for p in one.place_list if p.entry
            ]
            assert [i.id for i in o.incident_list] == [i.id for i in one.incident_list]
