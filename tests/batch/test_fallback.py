"""``geomap batch`` with the online fallback geocoder, against the loopback service of
``tests/places/test_fallback.py`` (a real HTTP server on 127.0.0.1 that answers like
Nominatim): every process builds its own geocoder from the spec, the processes share the
answer cache, and a second batch asks nothing. The article texts are made up for the tests."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest

from geomap.batch import BatchOptions, run_batch
from geomap.errors import UsageError
from geomap.places.fallback import FallbackSpec
from tests.batch.conftest import geomap
from tests.batch.test_engines import scheduler  # noqa: F401  (the module's LocalCluster)
from tests.places.test_fallback import Service, service  # noqa: F401  (the loopback service)

pytestmark = [pytest.mark.enable_socket, pytest.mark.allow_hosts(["127.0.0.1"])]

TEXTS = [
    "Clashes broke out in Qarvadun, police said.",
    "Farmers protested in Ombrel on 3 May 2024, and police arrested two of them.",
    "Ministers met in Paris on Tuesday.",
    "Traders closed their shops in Parvenche on 4 May 2024.",
]


def _corpus(path: Path) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(TEXTS):
            fh.write(json.dumps({"id": f"f{i}", "text": text, "published": "2024-05-06"}) + "\n")
    return path


def _spec(srv: Service, cache: Path) -> FallbackSpec:
    options = {"user_agent": "geomap-tests", "domain": srv.domain, "scheme": "http"}
    return FallbackSpec("nominatim", {**options, "timeout": 2.0}, str(cache), 0.0)


def _geocoded(out: Path) -> dict[str, str]:
    places = gpd.read_parquet(out / "places.parquet")
    return dict(zip(places["mention"], places["geocoder"], strict=True))


def test_a_batch_geocodes_once_and_a_second_batch_asks_nothing(
    gazetteer,  # type: ignore[no-untyped-def]
    service: Service,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    corpus, cache = _corpus(tmp_path / "c.jsonl"), tmp_path / "geocoder.sqlite"
    first = run_batch(
        BatchOptions([str(corpus)], tmp_path / "one", partition_size=2, quiet=True,
                     fallback=_spec(service, cache))
    )  # fmt: skip
    asked = len(service.log)
    assert first["geocoder"] == {"service": "nominatim", "domain": service.domain}
    assert first["geocoder_requests"] == asked >= 3  # Qarvadun, Ombrel, Parvenche
    geocoded = _geocoded(tmp_path / "one")
    assert geocoded["Qarvadun"] == geocoded["Ombrel"] == "nominatim"
    assert geocoded["Paris"] == "gazetteer"  # the gazetteer's names are never sent
    assert "Paris" not in " ".join(service.queries())

    again = run_batch(
        BatchOptions([str(corpus)], tmp_path / "two", partition_size=2, quiet=True,
                     fallback=_spec(service, cache))
    )  # fmt: skip
    assert again["geocoder_requests"] == 0 and len(service.log) == asked
    assert _geocoded(tmp_path / "two") == geocoded
    ids = [
        sorted(gpd.read_parquet(tmp_path / d / "incidents.parquet")["id"]) for d in ("one", "two")
    ]
    assert ids[0] and ids[0] == ids[1]


def test_a_batch_is_not_resumed_with_another_geocoder(
    gazetteer,  # type: ignore[no-untyped-def]
    service: Service,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    corpus, out = _corpus(tmp_path / "c.jsonl"), tmp_path / "out"
    run_batch(BatchOptions([str(corpus)], out, quiet=True))  # offline
    with pytest.raises(UsageError, match="other inputs or options"):
        run_batch(
            BatchOptions([str(corpus)], out, quiet=True,
                         fallback=_spec(service, tmp_path / "g.sqlite"))
        )  # fmt: skip


def test_the_spec_splits_the_rate_between_processes() -> None:
    spec = FallbackSpec("nominatim", {"user_agent": "geomap-tests"}, "/tmp/x.sqlite", 1.0)
    assert spec.shared_by(4).min_delay_seconds == 4.0 and spec.shared_by(0) == spec
    assert hash(spec) == hash(FallbackSpec("nominatim", {"user_agent": "geomap-tests"},
                                           "/tmp/x.sqlite", 1.0))  # fmt: skip
    with pytest.raises(UsageError, match="needs --user-agent"):
        FallbackSpec("nominatim", {}, "/tmp/x.sqlite").build()
    with pytest.raises(UsageError, match="not a geopy service"):
        FallbackSpec("no-such-service").build()


def test_dask_workers_share_the_cache(
    scheduler: str,  # noqa: F811
    service: Service,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
) -> None:
    corpus, cache = _corpus(tmp_path / "c.jsonl"), tmp_path / "geocoder.sqlite"
    flags = [
        "--partition-size", "1", "--quiet", "--fallback-geocoder", "nominatim",
        "--user-agent", "geomap-tests", "--geocoder-domain", service.domain,
        "--geocoder-scheme", "http", "--geocoder-cache", str(cache),
        "--geocoder-min-delay", "0",
    ]  # fmt: skip
    runs = []
    for name in ("one", "two"):
        out = tmp_path / name
        proc = geomap("batch", str(corpus), "-o", str(out), "--engine", "dask",
                      "--scheduler", scheduler, *flags)  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        runs.append(json.loads((out / "summary.json").read_text(encoding="utf-8")))
    assert runs[0]["geocoder_requests"] >= 3 and runs[1]["geocoder_requests"] == 0
    assert "request(s) to nominatim" in proc.stdout
    assert _geocoded(tmp_path / "one") == _geocoded(tmp_path / "two")
    assert _geocoded(tmp_path / "two")["Qarvadun"] == "nominatim"
