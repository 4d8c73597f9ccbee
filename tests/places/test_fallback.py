"""The online fallback geocoder against a real HTTP server on loopback that answers like
Nominatim's /search (format=json) and injects faults: 429 with Retry-After, 500, answers
slower than the geocoder's timeout, malformed JSON. The suite stays offline: only these
tests may open sockets, and only to 127.0.0.1."""

from __future__ import annotations

import itertools
import json
import logging
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pandas as pd
import pytest
from geopy.geocoders import Nominatim

from geomap.errors import UsageError
from geomap.pipeline import Pipeline
from geomap.places.fallback import Fallback, answer_kind

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

LICENCE = "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright"


def _answer(name: str, lat: float, lon: float, **extra: Any) -> dict[str, Any]:
    """One result as Nominatim's /search?format=json&addressdetails=1 writes it."""
    out = {
        "place_id": 1000 + int(abs(lat * 100)),
        "licence": LICENCE,
        "osm_type": "node",
        "osm_id": 4000 + int(abs(lon * 100)),
        "lat": f"{lat}",
        "lon": f"{lon}",
        "class": "place",
        "type": "village",
        "place_rank": 19,
        "importance": 0.31,
        "addresstype": "village",
        "name": name,
        "display_name": f"{name}, Bali, Indonesia",
        "address": {"village": name, "state": "Bali", "country": "Indonesia", "country_code": "id"},
        "boundingbox": [f"{lat - 0.02}", f"{lat + 0.02}", f"{lon - 0.02}", f"{lon + 0.02}"],
    }
    out.update(extra)
    return out


#: what the test service knows (query as sent -> results)
KNOWN: dict[str, list[dict[str, Any]]] = {
    "qarvadun": [_answer("Qarvadun", -8.51, 115.26)],
    "zamalek, bali": [_answer("Zamalek", -8.65, 115.21)],
    "velmora, bali": [_answer("Velmora", 52.1, 5.2, display_name="Velmora, Netherlands")],
    "tessaly": [
        _answer(
            "Tessaly",
            -2.0,
            118.0,
            **{"class": "boundary", "type": "administrative", "addresstype": "state"},
            place_rank=8,
        )
    ],
    "ombrel": [_answer("Ombrel", -8.3, 115.1)],
    "parvenche": [_answer("Parvenche", -8.4, 115.3)],
}


class Service(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.log: list[tuple[float, str]] = []  # (time, q) of every request
        self.params: list[dict[str, str]] = []
        self.fault: str | None = None  # None, "429", "500", "slow", "malformed"
        self.lock = threading.Lock()

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"

    def queries(self) -> list[str]:
        with self.lock:
            return [q for _, q in self.log]


class _Handler(BaseHTTPRequestHandler):
    server: Service

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        url = urlparse(self.path)
        params = {k: v[0] for k, v in parse_qs(url.query).items()}
        with self.server.lock:
            self.server.log.append((time.monotonic(), params.get("q", "")))
            self.server.params.append(params)
        fault = self.server.fault
        if url.path != "/search":
            self._send(404, b"not found")
        elif fault == "429":
            self._send(429, b"Too Many Requests", {"Retry-After": "1"})
        elif fault == "500":
            self._send(500, b"<html>Internal Server Error</html>", {"Content-Type": "text/html"})
        elif fault == "slow":
            time.sleep(1.5)  # longer than the geocoder's timeout (0.3 s)
            self._send(200, b"[]")
        elif fault == "unhurried":  # slow, but within the timeout: answered
            time.sleep(0.5)
            self._send(200, json.dumps(KNOWN.get(params.get("q", "").lower(), [])).encode())
        elif fault == "malformed":
            self._send(200, b'[{"place_id": 1, "lat": "14.79", "lon": ', {})
        else:
            body = KNOWN.get(params.get("q", "").lower(), [])
            self._send(200, json.dumps(body).encode())

    def _send(self, code: int, body: bytes, headers: dict[str, str] | None = None) -> None:
        try:
            self.send_response(code)
            for k, v in {"Content-Type": "application/json", **(headers or {})}.items():
                self.send_header(k, v)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout)
            pass


@pytest.fixture
def service() -> Iterator[Service]:
    srv = Service()
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def _geocoder(service: Service, timeout: float = 2.0) -> Nominatim:
    return Nominatim(
        domain=service.domain, scheme="http", user_agent="geomap-tests", timeout=timeout
    )


def _pipeline(
    gaz: Any, service: Service, cache: Path, *, timeout: float = 2.0, **kw: Any
) -> Pipeline:
    settings = {"min_delay_seconds": 0.0, "backoff_seconds": 0.05, "max_retries": 1, **kw}
    fallback = Fallback(_geocoder(service, timeout), cache, **settings)
    return Pipeline(gaz, incidents=False, fallback_geocoder=fallback)


def _row(places: Any, mention: str) -> Any:
    rows = places[places["mention"] == mention]
    assert len(rows) == 1, places[["mention", "name", "reason"]]
    return rows.iloc[0]


# ----------------------------------------------------------------------------- answers


def test_a_name_the_gazetteer_lacks_is_geocoded(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Talks were held in Qarvadun."
    offline = Pipeline(small_gazetteer, incidents=False).parse(text).places
    assert _row(offline, "Qarvadun")["geometry"] is None  # unresolved offline
    places = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite").parse(text).places
    row = _row(places, "Qarvadun")
    assert row["geocoder"] == "nominatim" and pd.isna(row["reason"])
    assert (row["name"], row["kind"], row["precision"]) == ("Qarvadun", "city", 3)
    assert row["entry_id"] == f"nominatim:node/{KNOWN['qarvadun'][0]['osm_id']}"
    assert (row["lat"], row["lon"]) == (-8.51, 115.26)
    assert (row.geometry.x, row.geometry.y) == (115.26, -8.51)
    assert (row["country_code"], row["country"], row["admin1"]) == ("ID", "Indonesia", "Bali")
    assert "OpenStreetMap" in row["source"]
    # what geopy's Nominatim asked: the JSON search with the address details
    assert service.params[0]["format"] == "json" and service.params[0]["addressdetails"] == "1"


def test_names_the_gazetteer_resolves_are_not_sent(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Diplomats met in Paris and in Austin, Texas. Talks were held in Qarvadun."
    places = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite").parse(text).places
    sent = service.queries()  # Qarvadun, asked in the article's main place
    assert len(sent) == 1 and sent[0].startswith("Qarvadun, "), sent
    assert set(places.loc[places["mention"] != "Qarvadun", "geocoder"]) == {"gazetteer"}


def test_a_second_run_asks_nothing(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Talks were held in Qarvadun. Nobody lives in Zorbulak."
    cache = tmp_path / "cache" / "geocoder.sqlite"
    first = _pipeline(small_gazetteer, service, cache).parse(text).places
    n = len(service.log)
    assert n >= 1 and cache.exists()
    again = _pipeline(small_gazetteer, service, cache).parse(text).places  # a new pipeline
    assert len(service.log) == n  # zero requests
    cols = ["mention", "name", "entry_id", "lat", "lon", "geocoder", "reason"]
    assert again[cols].equals(first[cols])


def test_no_result_is_cached_and_kept_as_unresolved(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Troops were deployed in Zorbulak."
    cache = tmp_path / "c.sqlite"
    places = _pipeline(small_gazetteer, service, cache).parse(text).places
    row = _row(places, "Zorbulak")
    assert row.geometry is None and pd.isna(row["geocoder"])
    assert row["reason"].endswith("; nominatim: no result")
    assert service.queries() == ["Zorbulak"]
    _pipeline(small_gazetteer, service, cache).parse(text)
    assert service.queries() == ["Zorbulak"]  # the empty answer was cached


def test_a_placed_local_name_is_asked_in_its_container(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "Zamalek" after "in", in a story about Bali: the resolver put it in Bali; the service
    is asked "Zamalek, Bali" and its answer, inside Bali and finer, replaces that. An answer
    outside the container ("Velmora" in the Netherlands) is not taken."""
    text = "Diplomats met in Bali. Protesters gathered in Zamalek. Others gathered in Velmora."
    offline = Pipeline(small_gazetteer, incidents=False).parse(text).places
    assert _row(offline, "Zamalek")["reason"] == "not in gazetteer: placed in Bali"
    places = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite").parse(text).places
    assert sorted(service.queries()) == ["Velmora, Bali", "Zamalek, Bali"]
    zamalek = _row(places, "Zamalek")
    assert (zamalek["geocoder"], zamalek["name"], zamalek["precision"]) == (
        "nominatim",
        "Zamalek",
        3,
    )
    velmora = _row(places, "Velmora")
    assert velmora["name"] == "Bali" and velmora["geocoder"] == "gazetteer"  # offline stands
    assert velmora["reason"] == (
        "not in gazetteer: placed in Bali; nominatim: no result finer than and inside Bali"
    )


def test_kind_and_precision_come_from_the_answer() -> None:
    state = KNOWN["tessaly"][0]
    assert answer_kind(state) == ("admin1", 4)
    assert answer_kind({"class": "natural", "type": "peak"}) == ("mountain", 2)
    assert answer_kind({"class": "amenity", "type": "hospital"}) == ("landmark", 1)
    # a "site" whose box is a town wide is not drawn as a site
    assert answer_kind({"class": "amenity", "type": "x", "boundingbox": [0, 0.1, 0, 0.1]})[1] >= 2
    # Photon's GeoJSON features
    assert answer_kind({"properties": {"osm_key": "place", "osm_value": "town"}}) == ("city", 3)
    # nothing said: coarse, never an exact point
    assert answer_kind({}) == ("local", 5)
    assert answer_kind({"boundingbox": ["0", "4", "0", "4"]}) == ("local", 6)  # 630 km wide


def test_a_vague_answer_is_not_an_exact_point(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Fighting spread in Tessaly."
    places = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite").parse(text).places
    row = _row(places, "Tessaly")
    assert (row["kind"], row["precision"], row["geocoder"]) == ("admin1", 4, "nominatim")
    assert row["admin1"] == "Tessaly"


# ----------------------------------------------------------------------------- faults


@pytest.mark.parametrize(
    ("fault", "says"),
    [
        ("429", "rate limited (HTTP 429, Retry-After 1 s)"),
        ("500", "service error"),
        ("slow", "timed out"),
        ("malformed", "malformed answer"),
    ],
)
def test_a_failing_service_is_a_warning_and_the_offline_result_stands(
    small_gazetteer,  # type: ignore[no-untyped-def]
    service,
    tmp_path,
    caplog,
    fault,
    says,
) -> None:
    text = "Chinese officials said talks were held in Qarvadun."
    offline = Pipeline(small_gazetteer, incidents=False).parse(text).places
    service.fault = fault
    cache = tmp_path / "c.sqlite"
    pipe = _pipeline(small_gazetteer, service, cache, timeout=0.3, max_wait_seconds=2.0)
    t0 = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="geomap.places.fallback"):
        places = pipe.parse(text).places
    dt = time.monotonic() - t0
    warnings = [r.getMessage() for r in caplog.records]
    assert len(warnings) == 1 and "\n" not in warnings[0], warnings
    assert warnings[0].startswith("geomap: warning: nominatim could not geocode 'Qarvadun': ")
    assert says in warnings[0] and warnings[0].endswith("the offline result stands")
    cols = ["mention", "name", "entry_id", "lat", "lon", "precision", "geocoder"]
    assert places[cols].equals(offline[cols])
    assert places.geometry.isna().tolist() == offline.geometry.isna().tolist()
    assert _row(places, "Qarvadun")["reason"].endswith("nominatim: no answer (the service failed)")
    retried = fault != "malformed"  # an unreadable answer is not asked again
    assert service.queries() == ["Qarvadun"] * (2 if retried else 1)
    if fault == "429":  # the retry waited for Retry-After
        (t1, _), (t2, _) = service.log
        assert t2 - t1 >= 0.95 and dt >= 0.95
    # a failure is not cached: the next run asks again, and gets the answer
    service.fault = None
    again = _pipeline(small_gazetteer, service, cache).parse(text).places
    assert _row(again, "Qarvadun")["geocoder"] == "nominatim"


def test_a_slow_answer_within_the_timeout_is_taken(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    service.fault = "unhurried"
    pipe = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite", timeout=2.0)
    row = _row(pipe.parse("Talks were held in Qarvadun.").places, "Qarvadun")
    assert row["geocoder"] == "nominatim" and len(service.log) == 1


def test_a_retry_after_longer_than_the_longest_wait_is_not_waited(
    small_gazetteer, service, tmp_path, caplog
) -> None:  # type: ignore[no-untyped-def]
    service.fault = "429"  # Retry-After: 1
    pipe = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite", max_wait_seconds=0.5)
    t0 = time.monotonic()
    with caplog.at_level(logging.WARNING, logger="geomap.places.fallback"):
        pipe.parse("Talks were held in Qarvadun.")
    assert len(service.log) == 1 and time.monotonic() - t0 < 0.9
    assert "HTTP 429" in caplog.records[0].getMessage()


def test_an_unreadable_cache_is_a_warning_and_the_run_goes_on(
    small_gazetteer, service, tmp_path, caplog
) -> None:  # type: ignore[no-untyped-def]
    cache = tmp_path / "c.sqlite"
    cache.write_bytes(b"this is not a SQLite database" * 100)
    with caplog.at_level(logging.WARNING, logger="geomap.places.fallback"):
        places = _pipeline(small_gazetteer, service, cache).parse("Talks were held in Qarvadun.")
    assert _row(places.places, "Qarvadun")["geocoder"] == "nominatim"
    assert "cannot open the geocoder cache" in caplog.records[0].getMessage()


def test_the_cache_lives_in_the_cache_folder(small_gazetteer, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GEOMAP_CACHE", str(tmp_path / "cache"))
    geocoder = Nominatim(domain="127.0.0.1:9", scheme="http", user_agent="geomap-tests")
    pipe = Pipeline(small_gazetteer, fallback_geocoder=geocoder)
    assert pipe.fallback is not None
    assert pipe.fallback.cache.path == tmp_path / "cache" / "geocoder-cache.sqlite"
    assert pipe.fallback.cache_service == "nominatim@127.0.0.1:9"


def test_a_service_that_keeps_failing_is_switched_off(
    small_gazetteer, service, tmp_path, caplog
) -> None:  # type: ignore[no-untyped-def]
    service.fault = "500"
    text = "Talks were held in Qarvadun, then in Ombrel, in Parvenche and in Zorbulak."
    pipe = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite", max_failures=2)
    with caplog.at_level(logging.WARNING, logger="geomap.places.fallback"):
        places = pipe.parse(text).places
    assert len(service.log) == 4  # two names, each asked twice; then no more
    assert any("off for the rest of this run" in r.getMessage() for r in caplog.records)
    assert places.geometry.isna().sum() == 4  # all four kept, unresolved


def test_the_rate_limiter_spaces_the_requests(small_gazetteer, service, tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = "Talks were held in Qarvadun, then in Ombrel and in Parvenche."
    pipe = _pipeline(small_gazetteer, service, tmp_path / "c.sqlite", min_delay_seconds=0.4)
    pipe.parse(text)
    times = [t for t, _ in service.log]
    assert len(times) == 3
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) >= 0.38, gaps


def test_nominatim_with_geopys_default_user_agent_is_refused(small_gazetteer) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(UsageError, match="user agent"):
        Pipeline(small_gazetteer, fallback_geocoder=Nominatim(domain="127.0.0.1:9"))


# ----------------------------------------------------------------------------- the CLI


def test_cli_flags_end_to_end(service, tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from geomap.cli.main import main

    article = tmp_path / "a.txt"
    article.write_text("Talks were held in Qarvadun.\n")
    flags = [
        "--fallback-geocoder",
        "nominatim",
        "--geocoder-domain",
        service.domain,
        "--geocoder-scheme",
        "http",
        "--geocoder-min-delay",
        "0",
        "--geocoder-cache",
        str(tmp_path / "geocoder.sqlite"),
    ]
    out = tmp_path / "map.html"
    geojson = tmp_path / "places.geojson"
    # Nominatim without a user agent naming the application: a usage error, nothing asked
    assert main(["map", str(article), "-o", str(out), *flags]) == 2
    assert "--user-agent" in capsys.readouterr().err and not service.log
    argv = ["map", str(article), "-o", str(out), "--geojson", str(geojson), *flags]
    assert main([*argv, "--user-agent", "geomap-tests"]) == 0
    features = json.loads(geojson.read_text())["features"]
    qarvadun = [f for f in features if f["properties"]["mention"] == "Qarvadun"]
    assert qarvadun[0]["properties"]["geocoder"] == "nominatim"
    assert qarvadun[0]["geometry"]["coordinates"] == [115.26, -8.51]
    assert service.queries() == ["Qarvadun"]
    assert main([*argv, "--user-agent", "geomap-tests"]) == 0
    assert service.queries() == ["Qarvadun"]  # the second run answered from the cache
