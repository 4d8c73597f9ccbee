"""Web archives: every HTML response record is an article; other records are counted."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from geomap.io.ingest import Failure, iter_inputs
from geomap.io.warc import WarcPage, iter_warc
from geomap.models import Article

DATA = Path(__file__).parent / "data"


def _response(w: WARCWriter, url: str, ctype: str, body: bytes, status: str = "200 OK") -> None:
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(
        w.create_warc_record(
            url, "response", payload=BytesIO(body), length=len(body), http_headers=http
        )
    )


def _warc(path: Path, *, gzip: bool) -> Path:
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=gzip)
        w.write_record(w.create_warcinfo_record(path.name, {"software": "geomap tests"}))
        _response(
            w,
            "https://news.example.org/dhaka",
            "text/html; charset=utf-8",
            (DATA / "page_dhaka.html").read_bytes(),
        )
        req = StatusAndHeaders(
            "GET /dhaka HTTP/1.1", [("Host", "news.example.org")], is_http_request=True
        )
        w.write_record(
            w.create_warc_record(
                "https://news.example.org/dhaka",
                "request",
                payload=BytesIO(b""),
                length=0,
                http_headers=req,
            )
        )
        _response(
            w, "https://news.example.org/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)
        )
        _response(w, "https://news.example.org/app.js", "application/javascript", b"var x='Paris';")
        _response(
            w, "https://news.example.org/gone", "text/html", b"<p>Not here</p>", "404 Not Found"
        )
        _response(
            w,
            "https://courier.example.com/nairobi",
            "text/html; charset=windows-1252",
            (DATA / "page_nairobi.html").read_bytes(),
        )
    return path  # fmt: skip


@pytest.mark.parametrize("gzip", [True, False])
def test_warc_html_records_become_articles(
    tmp_path: Path, gzip: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _warc(tmp_path / ("crawl.warc.gz" if gzip else "crawl.warc"), gzip=gzip)
    items = list(iter_inputs([path]))
    arts = [i for i in items if isinstance(i, Article)]
    assert not [i for i in items if isinstance(i, Failure)]
    assert [a.url for a in arts] == [
        "https://news.example.org/2023/06/12/dhaka-floods",  # the page's canonical URL
        "https://courier.example.com/news/nairobi-protest",
    ]
    for a, name in zip(arts, ["page_dhaka", "page_nairobi"], strict=True):
        assert a.text == (DATA / f"{name}.main.txt").read_text(encoding="utf-8").strip()
        assert a.source is not None and a.source.startswith(f"{path}#record")
    err = capsys.readouterr().err
    assert "2 HTML page(s) read, 5 other record(s) skipped" in err
    assert "request 1" in err and "image/png 1" in err and "HTTP 404" in err


def test_warc_record_url_when_page_has_none(tmp_path: Path) -> None:
    path = tmp_path / "one.warc"
    with path.open("wb") as fh:
        _response(WARCWriter(fh, gzip=False), "https://x.example/a", "text/html",
                  b"<html><body><article><p>" + b"Heavy rain fell on Manila on Monday. " * 8
                  + b"</p></article></body></html>")  # fmt: skip
    (a,) = iter_inputs([path])
    assert isinstance(a, Article) and a.url == "https://x.example/a"


def test_warc_streams_records(tmp_path: Path) -> None:
    path = tmp_path / "big.warc"
    with path.open("wb") as fh:
        w = WARCWriter(fh, gzip=False)
        for n in range(300):
            body = b"<html><body><p>Page %d about Quito.</p>" % n + b"<!-- pad -->" * 400
            _response(w, f"https://x.example/{n}", "text/html", body + b"</body></html>")
    with path.open("rb") as fh:
        first = next(r for r in iter_warc(fh, max_bytes=10_000) if isinstance(r, WarcPage))
        assert fh.tell() < path.stat().st_size / 20  # the rest is not read yet
    assert first.url == "https://x.example/0"
    small = [r for r in iter_warc(path, max_bytes=100) if not isinstance(r, WarcPage)]
    assert len(small) == 300 and all("over 100 bytes" in r.why for r in small)


def test_damaged_warc_is_a_one_line_failure(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc"
    bad.write_bytes(b"this is not an archive\n" * 10)
    (f,) = iter_inputs([bad])
    assert isinstance(f, Failure) and "not a readable WARC archive" in f.reason
