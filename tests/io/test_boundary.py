"""The input boundary (geomap.io.boundary): clean text, typed fields, bounded JSON, sane
dates."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from geomap.errors import InputError
from geomap.io.boundary import (
    MAX_FIELD_CHARS,
    MAX_INT_DIGITS,
    MAX_JSON_DEPTH,
    check_date,
    clean_article,
    clean_field,
    clean_text,
    load_json,
)
from geomap.models import Article


def test_clean_text_keeps_length_and_ordinary_text() -> None:
    text = "Kyiv\udfff\x00\x1b[0m\x7f\x85 Lviv\r\n\tx\f"
    out = clean_text(text)
    assert len(out) == len(text)
    assert out == "Kyiv\ufffd  [0m   Lviv\r\n\tx\f"
    plain = "Floods hit Lagos. Talks in Москва, 北京 \U0001f600\n\n"
    assert clean_text(plain) is plain


@pytest.mark.parametrize(
    ("value", "want"),
    [
        (None, None),
        ("", None),
        ("  Floods\n in\tKerala \x00", "Floods in Kerala"),
        ("Title\udfff", "Title\ufffd"),
        ("a\u2028b", "a b"),
    ],
)
def test_clean_field(value: object, want: str | None) -> None:
    assert clean_field(value, "title") == want


def test_clean_field_types() -> None:
    assert clean_field(42, "id", integer=True) == "42"
    with pytest.raises(
        InputError, match="field 'id' must be a string or an integer, not a boolean"
    ):
        clean_field(True, "id", integer=True)
    with pytest.raises(
        InputError, match=r"f\.jsonl:3: field 'title' must be a string, not a number"
    ):
        clean_field(1.5, "title", source="f.jsonl", line=3)
    with pytest.raises(InputError, match="over the 10,000 limit"):
        clean_field("x" * (MAX_FIELD_CHARS + 1), "url")


def test_load_json_bounds_depth_and_integers() -> None:
    ok = "[" * MAX_JSON_DEPTH + "]" * MAX_JSON_DEPTH
    assert load_json(ok.encode()) is not None
    too_deep = "[" * (MAX_JSON_DEPTH + 1) + "]" * (MAX_JSON_DEPTH + 1)
    with pytest.raises(InputError, match=r"^c.jsonl:7: JSON nested deeper than 64 levels$"):
        load_json(too_deep.encode(), source="c.jsonl", line=7)
    assert load_json(b"1" * MAX_INT_DIGITS) == int("1" * MAX_INT_DIGITS)
    with pytest.raises(InputError, match="JSON integer of 41 digits, over the 40-digit limit"):
        load_json(b"-" + b"1" * (MAX_INT_DIGITS + 1))
    # brackets and escaped quotes inside strings are not nesting
    s = json.dumps({"text": '["\\"' * 200 + "{" * 200})
    assert load_json(s.encode())["text"].startswith('["\\"')
    assert load_json(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}  # a byte-order mark is skipped
    with pytest.raises(InputError, match=r"not valid UTF-8 \(byte 0xff"):
        load_json(b'{"a": "\xff"}')
    with pytest.raises(InputError, match="malformed JSON"):
        load_json(b'{"a": ')


def test_check_date_range() -> None:
    assert check_date(date(1800, 1, 1)) == date(1800, 1, 1)
    assert check_date(date(2200, 12, 31)) == date(2200, 12, 31)
    for d in (date(1799, 12, 31), date(2201, 1, 1), date.min, date.max):
        with pytest.raises(InputError, match="outside the years 1800-2200"):
            check_date(d)


def test_clean_article() -> None:
    a = Article(id="a", text="Floods hit Lagos.")
    assert clean_article(a) is a
    dirty = Article(id="a\ud800", text="Lagos\x00", title="T\n", published=datetime(2024, 5, 1, 9))
    got = clean_article(dirty)
    assert (got.id, got.text, got.title, got.published) == (
        "a\ufffd",
        "Lagos ",
        "T",
        date(2024, 5, 1),
    )
    with pytest.raises(InputError, match="outside the years"):
        clean_article(Article(id="a", text="x", published=date(1, 1, 1)))
    with pytest.raises(InputError, match="field 'title' must be a string, not a list"):
        clean_article(Article(id="a", text="x", title=["t"]))  # type: ignore[arg-type]
