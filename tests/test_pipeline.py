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
