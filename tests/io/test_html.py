"""Web pages: main text only (trafilatura), the page's metadata, offsets that quote the text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geomap.io.html import extract_page, html_to_text
from geomap.io.ingest import iter_inputs, read_file
from geomap.models import Article

DATA = Path(__file__).parent / "data"
PAGES = ["page_dhaka", "page_nairobi"]
BOILERPLATE = {
    "page_dhaka": ["cookies", "Berlin", "Tokyo", "Nairobi", "Lima", "Toronto", "Sydney", "Paris"],
    "page_nairobi": ["cookies", "Frankfurt", "Johannesburg", "Mogadishu", "Kampala", "Cairo",
                     "Lagos", "Addis Ababa", "London", "Dubai", "Kisumu", "Kenya Courier Ltd"],
}  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_page_keeps_main_text_only(name: str) -> None:
    a = read_file(DATA / f"{name}.html")
    assert a.text == (DATA / f"{name}.main.txt").read_text(encoding="utf-8").strip()
    for word in BOILERPLATE[name]:
        assert word not in a.text, word
    # the old visible-text pass kept all of it
    raw, _ = html_to_text((DATA / f"{name}.html").read_bytes().decode("cp1252"))
    assert all(word in raw for word in BOILERPLATE[name][1:4])


def test_page_metadata_is_read() -> None:
    d = read_file(DATA / "page_dhaka.html")
    assert d.title == "Floods force thousands from homes in Dhaka"
    assert d.published == date(2023, 6, 12)  # article:published_time
    assert d.url == "https://news.example.org/2023/06/12/dhaka-floods"  # rel=canonical
    assert (d.site, d.author) == ("Daily Planet", "Rina Akter")  # kept on the Article
    n = read_file(DATA / "page_nairobi.html")  # windows-1252, JSON-LD date
    assert n.published == date(2024, 6, 25) and "café owners" in n.text
    page = extract_page((DATA / "page_dhaka.html").read_text(encoding="utf-8"))
    assert (page.site, page.author, page.extractor) == ("Daily Planet", "Rina Akter", "trafilatura")
    assert extract_page((DATA / "page_nairobi.html").read_bytes().decode("cp1252")).author == (
        "Joseph Kamau"
    )


def test_sidecar_and_flags_against_page_metadata(tmp_path: Path) -> None:
    page = tmp_path / "p.html"
    page.write_bytes((DATA / "page_dhaka.html").read_bytes())
    (tmp_path / "p.meta.json").write_text(json.dumps({"title": "Sidecar title"}))
    a = read_file(page, overrides={"published": "2000-01-01", "title": "Flag"})
    assert a.title == "Sidecar title" and a.published == date(2023, 6, 12)
    b = read_file(page, overrides={"published": "2000-01-01", "override_metadata": True})
    assert b.published == date(2000, 1, 1) and b.title == "Sidecar title"


def test_inline_markup_stays_in_its_paragraph(tmp_path: Path) -> None:
    p = tmp_path / "small.html"
    p.write_text(
        "<html><head><title>Page</title></head><body><p>Fire in <b>Lyon</b>.</p>"
        "<p>Smoke over <a href='/x'>Grenoble</a> and <i>Annecy</i>, officials said.</p>"
        "</body></html>",
        encoding="utf-8",
    )
    assert read_file(p).text == "Fire in Lyon.\n\nSmoke over Grenoble and Annecy, officials said."


def test_page_without_main_text_falls_back_and_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "menu.html"
    p.write_text("<html><body><footer>Rome</footer></body></html>", encoding="utf-8")
    items = list(iter_inputs([p]))
    assert [i.text for i in items if isinstance(i, Article)] == ["Rome"]
    assert "no main text found" in capsys.readouterr().err


def test_empty_page_is_a_failure(tmp_path: Path) -> None:
    p = tmp_path / "blank.html"
    p.write_text("<html><body><script>x()</script></body></html>", encoding="utf-8")
    (item,) = iter_inputs([p])
    assert not isinstance(item, Article) and "no visible text" in str(item)


@pytest.mark.parametrize("name", PAGES)
def test_places_quote_the_extracted_text(name: str, gazetteer) -> None:  # type: ignore[no-untyped-def]
    from geomap.pipeline import Pipeline

    pipe = Pipeline(gazetteer)
    page = read_file(DATA / f"{name}.html")
    gold = Article(id="gold", text=(DATA / f"{name}.main.txt").read_text(encoding="utf-8"))
    got = pipe.parse_article(page)
    for p in got.place_list:
        assert page.text[p.mention.start : p.mention.end] == p.mention.text
        assert page.text[p.sentence_start : p.sentence_end] == p.sentence
    ids = {p.entry.id for p in got.place_list if p.entry is not None}
    gold_ids = {p.entry.id for p in pipe.parse_article(gold).place_list if p.entry is not None}
    assert ids and ids == gold_ids  # precision 1.0, recall 1.0 on these pages


_BODY = (
    "<article><p>" + "Heavy rain fell on Manila on Monday and rivers rose. " * 6 + "</p></article>"
)
DATED = {
    "og": '<meta property="article:published_time" content="2022-03-04T10:00:00Z">',
    "json-ld": '<script type="application/ld+json">'
    '{"@type": "NewsArticle", "datePublished": "2022-05-06"}</script>',
    "time": '<time datetime="2022-07-08T09:00">8 July</time>',
    "meta-date": '<meta name="date" content="2022-09-10">',
    "microdata": '<span itemprop="datePublished" content="2022-11-12">12 Nov</span>',
    "canonical-url": '<link rel="canonical" href="https://x.example/2022/02/03/rain">',
    "dublin-core": '<meta name="DC.date.issued" content="2022-01-02">',
    "parsely": '<meta name="parsely-pub-date" content="2022-03-14T05:06:07Z">',
    "byline": '<p class="date">Published 14 April 2022</p>',
}


@pytest.mark.parametrize("form", DATED)
def test_publication_date_from_page_metadata(form: str) -> None:
    page = extract_page(f"<html><head></head><body>{DATED[form]}{_BODY}</body></html>")
    assert page.published is not None and page.published.year == 2022, form


def test_no_date_guessed_from_a_copyright_line() -> None:
    page = extract_page(f"<html><body>{_BODY}<footer>© 2019 Daily Planet</footer></body></html>")
    assert page.published is None
