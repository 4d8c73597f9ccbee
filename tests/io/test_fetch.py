"""Fetching is optional and explicit: a URL is read only with ``fetch``, against a loopback
server here."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from geomap.io.fetch import FetchOptions
from geomap.io.ingest import Failure, iter_inputs
from geomap.models import Article

DATA = Path(__file__).parent / "data"


class _Handler(http.server.BaseHTTPRequestHandler):
    agents: list[str] = []  # noqa: RUF012

    def do_GET(self) -> None:
        self.agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/dhaka":
            body, ctype = (DATA / "page_dhaka.html").read_bytes(), "text/html; charset=utf-8"
        elif self.path == "/feed":
            body, ctype = (DATA / "feed_full.rss").read_bytes(), "application/rss+xml"
        elif self.path == "/big":
            body, ctype = b"<p>" + b"x" * 50_000 + b"</p>", "text/html"
        else:
            self.send_error(404, "Not Found")
            return
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_no_request_without_fetch() -> None:
    # sockets are disabled in the tests: a request would raise, not yield this Failure
    (f,) = iter_inputs(["https://news.example.org/a"])
    assert isinstance(f, Failure) and "pass --fetch" in f.reason


@pytest.mark.enable_socket
def test_fetch_page_and_feed(server: str) -> None:
    opts = {"fetch": FetchOptions(timeout=5, user_agent="geomap-test/1")}
    items = list(
        iter_inputs([f"{server}/dhaka", f"{server}/feed", f"{server}/nope"], overrides=opts)
    )
    arts = [i for i in items if isinstance(i, Article)]
    fails = [i for i in items if isinstance(i, Failure)]
    page = arts[0]
    assert page.text == (DATA / "page_dhaka.main.txt").read_text(encoding="utf-8").strip()
    assert page.published == date(2023, 6, 12) and page.source == f"{server}/dhaka"
    assert [a.title for a in arts[1:3]] == [
        "Floods force thousands from homes in Dhaka",
        "Protesters gather outside parliament in Nairobi",
    ]
    assert any(f.source == f"{server}/nope" and "HTTP 404" in f.reason for f in fails)
    assert set(_Handler.agents) == {"geomap-test/1"}


@pytest.mark.enable_socket
def test_fetch_size_cap_and_timeout(server: str) -> None:
    opts = {"fetch": FetchOptions(timeout=5, max_bytes=10_000)}
    (f,) = iter_inputs([f"{server}/big"], overrides=opts)
    assert isinstance(f, Failure) and "cap" in f.reason
    # nothing listens on this port (the server above took another, and we closed none)
    opts = {"fetch": FetchOptions(timeout=0.5)}
    (g,) = iter_inputs(["http://127.0.0.1:9/x"], overrides=opts)
    assert isinstance(g, Failure) and g.reason.startswith("fetch failed")
