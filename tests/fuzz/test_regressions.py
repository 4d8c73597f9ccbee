"""One test per crash class issue 15 lists (and the ones the fuzz suite found since), each
the smallest input of its class: what used to escape as a traceback is now a listed failure
naming file and line, a :class:`~geomap.errors.GeomapError`, or a clean result."""

from __future__ import annotations

import itertools
import json
import sys
from datetime import date
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
from shapely.geometry import LineString, Point

import geomap
from geomap.errors import ExportError, InputError
from geomap.eval.reading import corpus_records, read_jsonl
from geomap.io.export import write_csv, write_geojson, write_gpkg, write_parquet
from geomap.io.ingest import Failure, iter_inputs
from geomap.models import Article
from geomap.text.timex import find_all


def _jsonl(tmp_path: Path, *lines: bytes) -> Path:
    path = tmp_path / "batch.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


GOOD = b'{"id": "ok", "text": "Floods hit Lagos on Monday.", "published": "2024-05-01"}'


# -- 1. deeply nested JSON on one JSONL line: RecursionError ended the corpus run ------------
@pytest.mark.parametrize(
    "line", [b"[" * 100_000, b'{"text": "x", "y": ' + b"[" * 5000 + b"]" * 5000 + b"}"]
)
def test_deeply_nested_json_line_is_a_listed_failure(
    tmp_path: Path, pipeline: geomap.Pipeline, line: bytes
) -> None:
    path = _jsonl(tmp_path, line, GOOD)
    out = list(pipeline.run([path]))
    assert isinstance(out[0], Failure)
    assert str(out[0]) == f"{path}:1: JSON nested deeper than 64 levels"
    assert isinstance(out[1], geomap.Result)  # the next line is still read
    failures: list[Failure] = []
    assert [r["id"] for r in corpus_records(path, failures)] == ["ok"]
    assert [f.line for f in failures] == [1]
    with pytest.raises(InputError, match=r"batch.jsonl:1: JSON nested deeper"):
        read_jsonl(path)


@pytest.mark.parametrize(
    "first",
    [
        b'{"x": ' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"text": "Lagos ' + b"a" * 9000 + b'", "id": []}',
    ],
)
def test_sniffing_a_deep_or_long_first_line(tmp_path: Path, first: bytes) -> None:
    """A file whose name does not say its kind, and stdin, are sniffed from their first line:
    a record nested 5,000 deep raised RecursionError there (found after the first fuzz run)."""
    import io

    from geomap.io.ingest import sniff_format

    assert sniff_format(first + b"\n" + GOOD) == "jsonl"
    path = tmp_path / "corpus"
    path.write_bytes(first + b"\n" + GOOD + b"\n")
    got = list(iter_inputs([path]))
    assert [type(x) for x in got] == [Failure, Article]
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(path.read_bytes())))
    try:
        assert [type(x) for x in iter_inputs(["-"])] == [Failure, Article]
    finally:
        sys.stdin = saved


def test_brackets_inside_strings_are_not_nesting(tmp_path: Path) -> None:
    text = "[" * 500 + " Paris " + "{" * 500
    path = _jsonl(tmp_path, json.dumps({"text": text}).encode())
    (a,) = iter_inputs([path])
    assert isinstance(a, Article) and a.text == text


# -- 2. dates at the ends of the calendar: ValueError/OverflowError from the time resolver ---
@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31", date.min, date.max])
def test_publication_dates_out_of_range_are_a_clear_error(
    tmp_path: Path, pipeline: geomap.Pipeline, published: object
) -> None:
    text = "Yesterday, last week, next year, Jul 8: 106178 months later, 4437 years ago, May 0000."
    with pytest.raises(InputError, match=r"outside the years 1800-2200"):
        geomap.parse(text, published=published)  # type: ignore[arg-type]
    iso = published if isinstance(published, str) else published.isoformat()  # type: ignore[attr-defined]
    path = _jsonl(tmp_path, json.dumps({"text": text, "published": iso}).encode(), GOOD)
    first, second = pipeline.run([path])
    assert isinstance(first, Failure) and first.line == 1
    assert first.reason == f"published date {iso} is outside the years 1800-2200"
    assert isinstance(second, geomap.Result)


@pytest.mark.parametrize("published", [date.min, date.max, date(1800, 1, 1), date(2200, 12, 31)])
def test_time_resolver_never_raises_at_the_calendar_ends(published: date) -> None:
    text = (
        "yesterday, the day before yesterday, last week, next year, Jul 8, on Monday, "
        "106178 months later, 4437 years ago, 99999999999999999999 days ago, May 0000"
    )
    for ref in find_all(text, published, anchor=published, future=True):
        assert ref.start is not None and ref.end is not None and ref.start <= ref.end


def test_absurd_counts_are_no_date() -> None:
    refs = find_all("106178 months later and 4437 years ago", date(2024, 5, 1))
    assert all(r.text not in ("106178 months later",) for r in refs)


# -- 3. lone surrogates in text, ids or URLs: UnicodeEncodeError when hashed or written -------
def test_lone_surrogates_are_replaced_at_the_boundary(tmp_path: Path) -> None:
    r = geomap.parse("Bombs hit Paris \udfff on Monday.", id="a\ud800", url="http://x/\udfff")
    assert r.article.id == "a\ufffd" and r.article.url == "http://x/\ufffd"
    assert "\ufffd" in r.article.text and len(r.article.text) == len(
        "Bombs hit Paris \udfff on Monday."
    )
    for ext in ("geojson", "parquet", "gpkg", "csv"):
        geomap.write_incidents(r.incidents, tmp_path / f"i.{ext}")
    geomap.write_geojson(r.places, tmp_path / "p.geojson")
    rec = b'{"id": "a\\ud800", "text": "Paris \\udfff", "url": "http://x/\\udfff"}'
    (a,) = iter_inputs([_jsonl(tmp_path, rec)])
    assert isinstance(a, Article)
    assert (a.id, a.text, a.url) == ("a\ufffd", "Paris \ufffd", "http://x/\ufffd")


def test_surrogates_in_meta_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Floods hit Lagos.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_bytes(b'{"title": "T\\udfff", "id": "x\\ud800"}')
    (a,) = iter_inputs([tmp_path / "a.txt"])
    assert isinstance(a, Article) and (a.title, a.id) == ("T\ufffd", "x\ufffd")


def test_writers_replace_surrogates_in_user_frames(tmp_path: Path) -> None:
    frame = pd.DataFrame({"name": pd.Series(["Kyiv\ud800"], dtype=object)})
    frame.columns = pd.Index(["name\udfff"], dtype=object)  # pandas' str type refuses it
    gdf = gpd.GeoDataFrame(frame, geometry=[Point(30.5, 50.4)], crs=4326)
    for write, name in (
        (write_geojson, "a.geojson"),
        (write_parquet, "a.parquet"),
        (write_csv, "a.csv"),
    ):
        write(gdf, tmp_path / name)
    write_gpkg(gdf, tmp_path / "a.gpkg", layer="a")
    assert gpd.read_parquet(tmp_path / "a.parquet")["name\ufffd"].tolist() == ["Kyiv\ufffd"]


# -- 4. fields of the wrong type: AttributeError deep in the incident stage ------------------
@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("title", ["a"], "field 'title' must be a string, not a list"),
        ("id", {"x": 1}, "field 'id' must be a string or an integer, not an object"),
        ("url", 5, "field 'url' must be a string, not a number"),
        (
            "published",
            [2024],
            "field 'published' must be an ISO date string (YYYY-MM-DD), not list",
        ),
        ("text", {"p": "Paris"}, "field 'text' must be a string, not dict"),
        ("title", True, "field 'title' must be a string, not a boolean"),
    ],
)
def test_wrong_field_types_are_one_line_failures(
    tmp_path: Path, pipeline: geomap.Pipeline, field: str, value: object, message: str
) -> None:
    rec = {"text": "Bombs hit Paris on Monday.", field: value}
    path = _jsonl(tmp_path, json.dumps(rec).encode(), GOOD)
    first, second = pipeline.run([path])
    assert str(first) == f"{path}:1: {message}"
    assert isinstance(second, geomap.Result)


def test_wrong_field_types_in_meta_json(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Floods hit Lagos.", encoding="utf-8")
    (tmp_path / "a.meta.json").write_text('{"title": {"en": "x"}}', encoding="utf-8")
    (f,) = iter_inputs([tmp_path / "a.txt"])
    assert str(f) == f"{tmp_path / 'a.txt'}: field 'title' must be a string, not an object"


def test_wrong_types_through_parse() -> None:
    with pytest.raises(InputError, match="field 'title' must be a string, not a list"):
        geomap.parse("Floods hit Lagos.", title=["x"])  # type: ignore[arg-type]


# -- 5. integers of thousands of digits (Python's int-string limit) and beyond int64 ---------
def test_huge_json_integers_are_a_listed_failure(tmp_path: Path) -> None:
    path = _jsonl(tmp_path, b'{"text": "Paris", "id": ' + b"9" * 5000 + b"}", GOOD)
    first, second = iter_inputs([path])
    assert str(first) == f"{path}:1: JSON integer of 5,000 digits, over the 40-digit limit"
    assert isinstance(second, Article)
    meta = tmp_path / "a.meta.json"
    (tmp_path / "a.txt").write_text("Floods hit Lagos.", encoding="utf-8")
    meta.write_bytes(b'{"id": ' + b"1" * 5000 + b"}")
    (f,) = iter_inputs([tmp_path / "a.txt"])
    assert isinstance(f, Failure) and "5,000 digits" in f.reason and f.source == str(meta)


def test_integers_beyond_int64_are_exported_as_text(tmp_path: Path) -> None:
    big = 2**70
    gdf = gpd.GeoDataFrame(
        {"n": pd.Series([big, 1], dtype=object), "mixed": pd.Series([1, "a"], dtype=object)},
        geometry=[Point(0, 0), Point(1, 1)],
        crs=4326,
    )
    write_parquet(gdf, tmp_path / "a.parquet")
    assert gpd.read_parquet(tmp_path / "a.parquet")["n"].tolist() == [str(big), "1"]
    write_geojson(gdf, tmp_path / "a.geojson")
    props = [f["properties"] for f in json.loads((tmp_path / "a.geojson").read_text())["features"]]
    assert [p["n"] for p in props] == [str(big), 1]
    write_csv(gdf, tmp_path / "a.csv")
    assert pd.read_csv(tmp_path / "a.csv", dtype=str)["n"].tolist() == [str(big), "1"]
    write_gpkg(gdf, tmp_path / "a.gpkg", layer="a")


# -- 6. deep recursion in the export ---------------------------------------------------------
def test_deeply_nested_cell_is_an_export_error(tmp_path: Path) -> None:
    deep: list[object] = []
    for _ in range(sys.getrecursionlimit() * 2):
        deep = [deep]
    gdf = gpd.GeoDataFrame({"v": pd.Series([deep], dtype=object)}, geometry=[Point(0, 0)], crs=4326)
    for write, name in (
        (write_geojson, "a.geojson"),
        (write_csv, "a.csv"),
        (write_parquet, "a.parquet"),
    ):
        with pytest.raises(ExportError, match="nested more than 100 levels"):
            write(gdf, tmp_path / name)
        assert not (tmp_path / name).exists()


# -- found by the fuzz suite -----------------------------------------------------------------
def test_warc_record_without_target_uri(tmp_path: Path) -> None:
    """warcio raised AttributeError on a response record with no WARC-Target-URI."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "a.warc"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "", "response", payload=io.BytesIO(b""), length=0, http_headers=http
            )
        )
    (f,) = iter_inputs([path])
    assert isinstance(f, Failure) and f.reason.startswith("not a readable WARC archive")


def test_feed_entry_dated_year_one(tmp_path: Path) -> None:
    """feedparser's deprecated updated -> published fallback was read (a warning)."""
    path = tmp_path / "f.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><item><title>t</title>'
        "<pubDate>Mon, 01 Jan 0001 00:00:00 GMT</pubDate>"
        "<description>Floods in Lagos.</description></item></channel></rss>",
        encoding="utf-8",
    )
    (a,) = iter_inputs([path])
    assert isinstance(a, Article) and a.published is None


def test_byte_order_mark_alone_is_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"\xef\xbb\xbf")
    (f,) = iter_inputs([path])
    assert isinstance(f, Failure) and "no text" in f.reason


def test_line_longer_than_180_degrees_is_split_into_short_segments(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"n": [1]}, geometry=[LineString([(0, 0), (361, 0)])], crs=4326)
    write_geojson(gdf, tmp_path / "a.geojson")
    geom = json.loads((tmp_path / "a.geojson").read_text())["features"][0]["geometry"]
    for part in geom["coordinates"]:
        xs = [c[0] for c in part]
        assert all(-180 <= x <= 180 for x in xs)
        assert all(abs(b - a) <= 180 for a, b in itertools.pairwise(xs))


def test_carriage_return_in_a_csv_cell_round_trips(tmp_path: Path) -> None:
    gdf = gpd.GeoDataFrame({"name": ["a\rb", "\r"]}, geometry=[Point(0, 0), Point(1, 1)], crs=4326)
    write_csv(gdf, tmp_path / "a.csv", neutralise_formulas=False)
    back = pd.read_csv(tmp_path / "a.csv", dtype=str, keep_default_na=False)
    assert back["name"].tolist() == ["a\rb", "\r"]


def test_empty_jsonl_file_is_a_listed_failure(tmp_path: Path) -> None:
    """Found by the extended fuzz run: an empty .jsonl gave neither an article nor a failure."""
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"\n  \n")
    assert [str(f) for f in iter_inputs([path])] == [
        f"{path}: JSONL input holds no records (every line is blank)"
    ]


def test_feed_entry_of_control_characters_only_is_skipped(tmp_path: Path) -> None:
    """Found by the extended fuzz run: a description of one backspace became a blank article."""
    path = tmp_path / "f.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel>'
        "<item><title>t</title><description>\x08</description></item>"
        "<item><title>u</title><description>Floods in Lagos.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    got = list(iter_inputs([path]))
    assert [type(x) for x in got] == [Failure, Article]
    assert got[0].reason == "entry has neither content nor a summary"  # type: ignore[union-attr]


def test_map_title_with_a_lone_surrogate(tmp_path: Path) -> None:
    """Found by the extended fuzz run: render_map(title="\\ud800") raised UnicodeEncodeError
    when the page was written (every text writer goes through geomap._atomic.write_text)."""
    r = geomap.parse("Floods hit Lagos, Nigeria on Monday.", published="2024-05-01")
    page = geomap.render_map(r.places, tmp_path / "m.html", incidents=r.incidents, title="\ud800")
    assert "\ufffd" in page.read_text(encoding="utf-8")
