"""Fuzzing the readers: JSONL lines, text/HTML files with their meta.json, feeds, WARC
records, standard input and the corpus reader. The property: no exception other than a
:class:`~geomap.errors.GeomapError` escapes, every non-blank JSONL line gives exactly one
article or one listed failure, and every article that comes out is clean (no lone surrogate,
no control character, a date in range)."""

from __future__ import annotations

import contextlib
import io
import re
import sys
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from geomap.errors import GeomapError
from geomap.eval.reading import corpus_records, read_jsonl
from geomap.io.boundary import MAX_YEAR, MIN_YEAR
from geomap.io.ingest import Failure, iter_inputs
from geomap.models import Article
from tests.fuzz import strategies as S
from tests.fuzz.profiles import budget

_UNCLEAN = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def assert_clean(item: Article | Failure) -> None:
    if isinstance(item, Failure):
        assert item.reason and "\n" not in item.reason
        return
    assert isinstance(item, Article)
    assert isinstance(item.text, str) and item.text.strip()
    assert not _UNCLEAN.search(item.text)
    for value in (item.id, item.title, item.url, item.site, item.author):
        assert value is None or (isinstance(value, str) and not _UNCLEAN.search(value))
    assert item.published is None or MIN_YEAR <= item.published.year <= MAX_YEAR
    item.id.encode("utf-8")  # hashable into incident ids


def read_all(paths: list[str | Path]) -> list[Article | Failure]:
    out = list(iter_inputs(paths))
    for item in out:
        assert_clean(item)
    return out


@budget(150)
@given(st.lists(S.jsonl_lines(), min_size=1, max_size=6))
def test_jsonl_lines_are_articles_or_listed_failures(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "corpus.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        items = read_all([path])
    # one item a non-blank line (one bad line ends nothing); a file of blank lines: one failure
    assert len(items) == (sum(1 for ln in lines if ln.strip()) or 1)


@budget(100)
@given(
    data=st.one_of(
        S.encoded(S.texts()),
        st.binary(max_size=300),
        st.lists(S.jsonl_lines(), min_size=1, max_size=3).map(b"\n".join),
    ),
    meta=st.none() | S.meta_json(),
    name=st.sampled_from(["a.txt", "a.md", "a.html", "a", "a.xml", "a.rss", "a.jsonl"]),
)
def test_files_with_meta_json(data: bytes, meta: bytes | None, name: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        if meta is not None:
            path.with_name(path.stem + ".meta.json").write_bytes(meta)
        items = read_all([path])
        assert items  # an article or a failure, never nothing
        assert read_all([tmp])  # the folder reader too


@budget(80)
@given(page=S.html_pages(), enc=S.encodings())
def test_html_pages(page: str, enc: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "page.html"
        path.write_bytes(page.encode(enc, errors="replace"))
        assert len(read_all([path])) == 1


@budget(60)
@given(S.feeds())
def test_feeds(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "feed.rss"
        path.write_bytes(data)
        assert read_all([path])


def _warc_bytes(pages: list[tuple[str, str, bytes]], gzip: bool) -> bytes:
    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gzip)
    for url, ctype, body in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http
            )
        )
    return buf.getvalue()


@budget(40)
@given(
    pages=st.lists(
        st.tuples(
            st.text(S.ANY_CHAR.filter(lambda c: c.isprintable() and c.isascii()), max_size=30),
            st.sampled_from(
                ["text/html", "text/html; charset=bogus", "text/html; charset=utf-16", "image/png"]
            ),
            S.html_pages().map(lambda s: s.encode("utf-8", "surrogatepass")),
        ),
        max_size=3,
    ),
    gzip=st.booleans(),
    cut=st.none() | st.integers(0, 10_000),
    stdin=st.booleans(),
)
def test_warc_records(
    pages: list[tuple[str, str, bytes]], gzip: bool, cut: int | None, stdin: bool
) -> None:
    data = _warc_bytes(pages, gzip)
    if cut is not None:
        data = data[:cut]
    if stdin:
        assert _from_stdin(data) is not None
        return
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "crawl.warc.gz" if gzip else Path(tmp) / "crawl.warc"
        path.write_bytes(data)
        read_all([path])


def _from_stdin(data: bytes) -> list[Article | Failure]:
    """``-`` read from a real stream holding ``data`` (sys.stdin swapped for the call)."""
    stream = io.TextIOWrapper(io.BufferedReader(io.BytesIO(data)), encoding="utf-8")
    saved = sys.stdin
    sys.stdin = stream
    try:
        return read_all(["-"])
    finally:
        sys.stdin = saved


@budget(100)
@given(
    st.one_of(
        st.lists(S.jsonl_lines(), min_size=1, max_size=4).map(lambda ls: b"\n".join(ls)),
        S.encoded(S.texts()),
        S.html_pages().map(lambda s: s.encode("utf-8", "surrogatepass")),
        S.feeds(),
        st.binary(max_size=300),
    )
)
def test_stdin(data: bytes) -> None:
    _from_stdin(data)


@budget(100)
@given(st.lists(S.jsonl_lines(), min_size=1, max_size=5))
def test_corpus_reader(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gold.jsonl"
        path.write_bytes(b"\n".join(lines) + b"\n")
        with contextlib.suppress(GeomapError):
            records = read_jsonl(path)
            assert all(isinstance(r, dict) for r in records)
        failures: list[Failure] = []
        recs = list(corpus_records(path, failures))
        assert len(recs) + len(failures) == sum(1 for ln in lines if ln.strip())
        for rec in recs:
            assert not _UNCLEAN.search(rec["text"])
            for t in rec["toponyms"]:
                if "start" in t or "end" in t:
                    assert 0 <= t["start"] <= t["end"] <= len(rec["text"])
