"""RSS/Atom feeds: one article per entry, full content when present, else the summary."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from geomap.io.ingest import Failure, iter_inputs
from geomap.models import Article

DATA = Path(__file__).parent / "data"


def test_feed_with_full_content(capsys: pytest.CaptureFixture[str]) -> None:
    items = list(iter_inputs([DATA / "feed_full.rss"]))
    arts = [i for i in items if isinstance(i, Article)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert [a.title for a in arts] == [
        "Floods force thousands from homes in Dhaka",
        "Protesters gather outside parliament in Nairobi",
    ]
    dhaka = arts[0]
    assert dhaka.url == "https://news.example.org/2023/06/12/dhaka-floods"
    assert dhaka.published == date(2023, 6, 12)
    assert "Buriganga" in dhaka.text and "<p>" not in dhaka.text  # content:encoded, as text
    assert "Monsoon rains flood the capital" not in dhaka.text  # not the summary
    # the page and the feed entry give the same body text
    page = next(iter(iter_inputs([DATA / "page_dhaka.html"])))
    assert isinstance(page, Article) and dhaka.text in page.text
    assert [(Path(f.source).name, f.reason) for f in fails] == [
        ("feed_full.rss#entry3", "entry has neither content nor a summary")
    ]
    assert "only a summary" not in capsys.readouterr().err


def test_feed_with_summaries_only_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    xml = tmp_path / "courier.xml"  # .xml: sniffed as a feed
    shutil.copy(DATA / "feed_summary.atom", xml)
    arts = [i for i in iter_inputs([xml]) if isinstance(i, Article)]
    assert [a.text for a in arts] == [
        "Police fired tear gas at protesters in Nairobi; demonstrations were also reported "
        "in Mombasa.",
        "Government and opposition leaders met in Naivasha.",
    ]
    assert [a.published for a in arts] == [date(2024, 6, 25), date(2024, 6, 27)]
    assert arts[1].url == "https://courier.example.com/news/naivasha-talks"
    assert "2 of 2 feed entries carry only a summary" in capsys.readouterr().err


def test_flags_fill_entries_without_a_date(tmp_path: Path) -> None:
    feed = tmp_path / "f.rss"
    feed.write_text(
        "<rss version='2.0'><channel><title>t</title><item><title>A</title>"
        "<description>Storm over Manila.</description></item>"
        "<item><title>B</title><pubDate>Mon, 12 Jun 2023 08:30:00 GMT</pubDate>"
        "<description>Rain in Cebu.</description></item></channel></rss>",
        encoding="utf-8",
    )
    arts = [i for i in iter_inputs([feed], overrides={"published": "2020-05-05"})]
    assert [a.published for a in arts if isinstance(a, Article)] == [
        date(2020, 5, 5),
        date(2023, 6, 12),
    ]


def test_bad_feeds_are_one_line_failures(tmp_path: Path) -> None:
    (tmp_path / "notes.xml").write_text("<notes><n>Paris</n></notes>", encoding="utf-8")
    (tmp_path / "broken.rss").write_bytes(b"\x01\x02 <<< not xml")
    (tmp_path / "empty.rss").write_text("<rss><channel><title>t</title></channel></rss>")
    items = list(iter_inputs(sorted(tmp_path.iterdir())))
    reasons = {Path(i.source).name: i.reason for i in items if isinstance(i, Failure)}
    assert reasons["notes.xml"] == "XML file is not an RSS or Atom feed"
    assert "feed" in reasons["broken.rss"] and "\n" not in reasons["broken.rss"]
    assert reasons["empty.rss"] == "feed has no entries"
