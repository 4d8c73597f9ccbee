"""Ingest: every kind of bad input gets a clear message naming the file (and line)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from geomap.errors import InputError, InputNotFoundError
from geomap.io.ingest import Failure, html_to_text, iter_inputs, read_file, read_jsonl
from geomap.models import Article


def test_text_file_with_meta(tmp_path: Path) -> None:
    p = tmp_path / "story.txt"
    p.write_text("Ministers met in Jakarta on Monday.\n", encoding="utf-8")
    (tmp_path / "story.meta.json").write_text(
        json.dumps({"title": "T", "published": "2022-07-09", "url": "https://example.org/a"})
    )
    a = read_file(p)
    assert a.title == "T" and a.published == date(2022, 7, 9)
    assert a.url == "https://example.org/a"
    assert a.id.startswith("story-") and a.id == read_file(p).id  # stable


def test_flags_fill_gaps_unless_asked_to_override(tmp_path: Path) -> None:
    p = tmp_path / "s.txt"
    p.write_text("Text about Paris.", encoding="utf-8")
    (tmp_path / "s.meta.json").write_text(json.dumps({"published": "2020-01-01"}))
    flags = {"published": "2021-02-03", "title": "From the flag"}
    a = read_file(p, overrides=flags)
    assert a.published == date(2020, 1, 1)  # the input's own date wins
    assert a.title == "From the flag"  # the flag fills what the input lacks
    b = read_file(p, overrides={**flags, "override_metadata": True})
    assert b.published == date(2021, 2, 3) and b.title == "From the flag"


def test_jsonl_record_wins_over_flags(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_bytes(
        b'{"id": "a", "text": "Rain in Lima.", "published": "2022-01-02"}\n'
        b'{"id": "b", "text": "Snow in Oslo."}\n'
    )
    a, b = read_jsonl(p, overrides={"published": "2023-03-03"})
    assert isinstance(a, Article) and isinstance(b, Article)
    assert a.published == date(2022, 1, 2) and b.published == date(2023, 3, 3)
    (c,) = [
        x
        for x in read_jsonl(p, overrides={"published": "2023-03-03", "override_metadata": True})
        if isinstance(x, Article) and x.id == "a"
    ]
    assert c.published == date(2023, 3, 3)


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        (b"", "empty"),
        (b"   \n\t ", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    ],
)
def test_bad_files_named_in_message(tmp_path: Path, data: bytes, needle: str) -> None:
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    with pytest.raises(InputError) as ei:
        read_file(p)
    assert needle in str(ei.value) and str(p) in str(ei.value)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        (b"Caf\xe9 owners in Paris protested.", "Café owners in Paris protested."),
        (
            "Le café «Chez Léon» à Montréal – fermé".encode("cp1252"),
            "Le café «Chez Léon» à Montréal – fermé",
        ),
        (
            "Кафе в Москве закрыли после протестов".encode("cp1251"),
            "Кафе в Москве закрыли после протестов",
        ),
        ("Grüße aus Zürich".encode("utf-16"), "Grüße aus Zürich"),
    ],
)
def test_legacy_encodings_are_decoded(tmp_path: Path, data: bytes, text: str) -> None:
    p = tmp_path / "legacy.txt"
    p.write_bytes(data)
    assert read_file(p).text == text


def test_declared_charset_of_a_page_is_used(tmp_path: Path) -> None:
    p = tmp_path / "p.html"
    p.write_bytes(
        b'<html><head><meta charset="iso-8859-15"></head><body><p>'
        + ("Le prix du café à Montréal est de 3 \u20ac. " * 12).encode("iso-8859-15")
        + b"</p></body></html>"
    )
    assert "3 \u20ac" in read_file(p).text


def test_undecodable_reports_line(tmp_path: Path) -> None:
    # valid UTF-8 beside a stray byte: a damaged UTF-8 file, not a legacy one
    p = tmp_path / "bad.txt"
    p.write_bytes("Zürich one\nline two\n".encode() + b"bad \xff here\n")
    with pytest.raises(InputError, match=r"bad\.txt:3: not valid UTF-8"):
        read_file(p)


def test_huge_file_refused(tmp_path: Path) -> None:
    p = tmp_path / "huge.txt"
    with p.open("wb") as fh:
        fh.write(b"Paris is a city. " * (50 * 1024 * 1024 // 17 + 1))
    assert p.stat().st_size >= 50 * 1024 * 1024
    with pytest.raises(InputError, match="over the"):
        read_file(p)


def test_missing_path() -> None:
    with pytest.raises(InputNotFoundError, match="no such file"):
        read_file("/nonexistent/x.txt")


def test_jsonl_bad_lines_do_not_cost_the_others(tmp_path: Path) -> None:
    p = tmp_path / "c.jsonl"
    p.write_bytes(
        b'{"id": "a", "text": "Rain in Lima.", "published": "2022-01-02"}\n'
        b'{"id": "b", "text": \n'
        b"[1, 2]\n"
        b'{"id": "d"}\n'
        b'{"id": "e", "text": "x", "published": "yesterday"}\n'
        b"\n"
        b'{"id": "f", "text": "Snow in Oslo."}\n'
    )
    items = list(read_jsonl(p))
    ok = [i.id for i in items if not isinstance(i, Failure)]
    bad = [(i.line, i.reason) for i in items if isinstance(i, Failure)]
    assert ok == ["a", "f"]
    assert [ln for ln, _ in bad] == [2, 3, 4, 5]
    assert "malformed JSON" in bad[0][1] and "JSON object" in bad[1][1]
    assert "'text'" in bad[2][1] and "ISO date" in bad[3][1]
    assert all(str(p) in str(i) for i in items if isinstance(i, Failure))


def test_folder_and_missing_in_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Floods in Dhaka.", encoding="utf-8")
    (tmp_path / "b.md").write_text("", encoding="utf-8")
    (tmp_path / "c.html").write_text(
        "<html><head><title>Page</title><script>var x='Paris';</script></head>"
        "<body><p>Fire in <b>Lyon</b>.</p></body></html>",
        encoding="utf-8",
    )
    items = list(iter_inputs([tmp_path, tmp_path / "nope.txt"]))
    arts = [i for i in items if not isinstance(i, Failure)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert sorted(a.text for a in arts) == ["Fire in Lyon.", "Floods in Dhaka."]
    assert [a.title for a in arts if a.text == "Fire in Lyon."] == ["Page"]
    assert {Path(f.source).name for f in fails} == {"b.md", "nope.txt"}


def test_html_to_text_drops_scripts() -> None:
    text, title = html_to_text("<title>A &amp; B</title><p>One</p><script>evil()</script><p>Two")
    assert title == "A & B"
    assert text == "One\n\nTwo"


def test_folder_skips_readme_and_hidden(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# About these articles", encoding="utf-8")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "x.txt").write_text("Hidden text about Rome.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Storm over Manila.", encoding="utf-8")
    items = list(iter_inputs([tmp_path]))
    assert [i.text for i in items] == ["Storm over Manila."]
