"""An online geocoder as a cached fallback for the names the gazetteer cannot place.

Off by default: nothing here runs unless a caller hands a geopy geocoder to
``Pipeline(fallback_geocoder=...)`` (or ``geomap map --fallback-geocoder nominatim``). Then:

* only the recognised names the gazetteer does not resolve as themselves are sent (a
  :class:`~geomap.models.Place` with a ``reason``: no entry at all, or a local name the
  resolver only put in its container, "Roxas Boulevard" in Manila, which is asked as
  "Roxas Boulevard, Manila" and kept only when the answer lies in that container);
* every answer, an empty one too, is stored in a SQLite cache keyed by service (and domain)
  and normalised query, so a second run asks nothing;
* requests go through geopy's :class:`~geopy.extra.rate_limiter.RateLimiter` (one a second by
  default, Nominatim's policy) and are retried with exponential backoff on timeouts, 429s
  (honouring Retry-After), 5xx and unreachable services;
* a failure (after the retries), a malformed answer or a refused query is one warning line
  on the ``geomap.places.fallback`` logger and the offline result stands; after
  ``max_failures`` failed names in a row the fallback is switched off for the rest of the run;
* a geocoded place records its service (``Place.geocoder``), and its kind and precision are
  what the answer's type says (Nominatim's ``addresstype``/``type``/``class``, Photon's
  ``osm_value``/``type``), else what its bounding box allows, else coarse: a vague answer is
  never drawn as an exact point.

>>> from geopy.geocoders import Nominatim                       # doctest: +SKIP
>>> pipe = Pipeline(fallback_geocoder=Nominatim(user_agent="my-newsroom-map/1.0"))  # +SKIP
"""

from __future__ import annotations

import json
import logging
import math
import sqlite3
import threading
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from geopy import exc as gexc
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import SERVICE_TO_GEOCODER, Nominatim, Photon

from geomap.errors import UsageError, first_line
from geomap.gazetteer.base import Gazetteer
from geomap.geo import haversine_km
from geomap.models import Entry, Place
from geomap.places.resolve import PRECISION
from geomap.text.normalise import normalise

__all__ = [
    "CACHE_NAME",
    "AnswerCache",
    "Fallback",
    "FallbackSpec",
    "answer_kind",
    "check_user_agent",
    "service_name",
]

logger = logging.getLogger(__name__)

#: the cache file's name in geomap's cache folder (``$GEOMAP_CACHE``, ``~/.cache/geomap``)
CACHE_NAME = "geocoder-cache.sqlite"
#: user agents Nominatim's usage policy (and geopy) refuse: geopy's default and its samples
_SAMPLE_AGENTS = frozenset(
    {"my-application", "my_app/1", "my_user_agent/1.0", "specify_your_app_name_here"}
)
#: raw answer fields not kept in the cache (shapes and extras: large, unused)
_BULKY = frozenset(
    {"geojson", "geotext", "svg", "geokml", "polygonpoints", "extratags", "namedetails"}
)
_MAX_RAW_CHARS = 4000
#: a placed local name's answer counts as inside a town this close to it (km)
_TOWN_KM = 30.0


def service_name(geocoder: Any) -> str:
    """geopy's service name of a geocoder ("nominatim", "photon" ...), else its class name."""
    for name, cls in SERVICE_TO_GEOCODER.items():
        if type(geocoder) is cls:
            return name
    return type(geocoder).__name__.lower()


def check_user_agent(geocoder: Any) -> None:
    """Refuse a Nominatim geocoder that sends geopy's default (or a sample) user agent:
    Nominatim's usage policy asks for one that names the application."""
    if not isinstance(geocoder, Nominatim):
        return
    ua = str(getattr(geocoder, "headers", {}).get("User-Agent") or "").strip()
    if not ua or ua.startswith("geopy/") or ua in _SAMPLE_AGENTS:
        raise UsageError(
            f"Nominatim needs a user agent that names your application (--user-agent NAME, "
            f"or Nominatim(user_agent=...)); {ua or 'none'!r} breaks its usage policy "
            "(https://operations.osmfoundation.org/policies/nominatim/)"
        )


# ------------------------------------------------------------------------------------- cache


class AnswerCache:
    """Answers by (service, normalised query), in SQLite; an empty list is a cached "no
    result". A cache that cannot be opened is a warning: answers are then kept in memory."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._memo: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self._con: sqlite3.Connection | None = None
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = sqlite3.connect(str(self.path), timeout=30, check_same_thread=False)
            con.execute(
                "CREATE TABLE IF NOT EXISTS answers_v1 (service TEXT NOT NULL, query TEXT NOT "
                "NULL, answers TEXT NOT NULL, fetched REAL NOT NULL, PRIMARY KEY (service, query))"
            )
            con.commit()
            self._con = con
        except (OSError, sqlite3.Error) as err:
            logger.warning(
                "geomap: warning: cannot open the geocoder cache %s (%s); answers are kept "
                "for this run only",
                self.path,
                _first_line(err),
            )

    def get(self, service: str, key: str) -> list[dict[str, Any]] | None:
        with self._lock:
            hit = self._memo.get((service, key))
            if hit is not None or self._con is None:
                return hit
            try:
                row = self._con.execute(
                    "SELECT answers FROM answers_v1 WHERE service = ? AND query = ?",
                    (service, key),
                ).fetchone()
            except sqlite3.Error:
                return None
            if row is None:
                return None
            try:
                answers = json.loads(row[0])
            except ValueError:
                return None  # a damaged row: asked again, and replaced
            if not isinstance(answers, list):
                return None
            self._memo[(service, key)] = answers
            return answers

    def put(self, service: str, key: str, answers: list[dict[str, Any]]) -> None:
        with self._lock:
            self._memo[(service, key)] = answers
            if self._con is None:
                return
            try:
                self._con.execute(
                    "INSERT OR REPLACE INTO answers_v1 VALUES (?, ?, ?, ?)",
                    (
                        service,
                        key,
                        json.dumps(answers, ensure_ascii=False, default=str),
                        time.time(),
                    ),
                )
                self._con.commit()
            except sqlite3.Error as err:
                logger.warning(
                    "geomap: warning: cannot write the geocoder cache %s (%s)",
                    self.path,
                    _first_line(err),
                )

    def close(self) -> None:
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None


# ----------------------------------------------------------------------------- kinds


#: an answer's type (Nominatim's addresstype or type, Photon's osm_value or type) -> kind
_TYPE_KIND = {
    "continent": "continent",
    "country": "country",
    "state": "admin1",
    "province": "admin1",
    "region": "admin1",
    "state_district": "admin2",
    "county": "admin2",
    "district": "admin2",
    "municipality": "admin2",
    **dict.fromkeys(
        (
            "city",
            "town",
            "village",
            "hamlet",
            "suburb",
            "borough",
            "quarter",
            "neighbourhood",
            "city_district",
            "isolated_dwelling",
            "locality",
            "farm",
        ),
        "city",
    ),
    "island": "island",
    "islet": "island",
    "archipelago": "archipelago",
    "reef": "reef",
    **dict.fromkeys(("lake", "water", "reservoir", "lagoon"), "lake"),
    **dict.fromkeys(("river", "stream", "canal", "riverbank"), "river"),
    **dict.fromkeys(("peak", "volcano", "hill", "mountain_range", "ridge"), "mountain"),
    **{k: k for k in ("sea", "ocean", "bay", "strait", "gulf", "channel", "sound", "fjord")},
    "aerodrome": "airport",
    "airport": "airport",
    **dict.fromkeys(("road", "street"), "street"),
    **dict.fromkeys(("house", "building"), "landmark"),
}
#: an answer's class (Nominatim's class/category, Photon's osm_key) -> kind
_CLASS_KIND = {
    **dict.fromkeys(
        (
            "amenity",
            "building",
            "tourism",
            "historic",
            "shop",
            "office",
            "leisure",
            "man_made",
            "military",
            "craft",
            "healthcare",
            "railway",
        ),
        "landmark",
    ),
    "aeroway": "airport",
    "highway": "street",
    "waterway": "river",
}
#: precisions where a type says more than its kind's (a peak is a site, a range is wide)
_TYPE_PRECISION = {"peak": 2, "volcano": 2, "hill": 2, "mountain_range": 5, "ridge": 5}
_KIND_PRECISION = {**PRECISION, "street": 3, "mountain": 3}
#: what an answer that says nothing of its type and extent is: a local place, coarsely placed
UNKNOWN_KIND, UNKNOWN_PRECISION = "local", 5


def _rank_kind(rank: int) -> str:
    """Nominatim's place_rank (2 continent ... 30 building) as a kind."""
    for upto, kind in ((3, "continent"), (4, "country"), (9, "admin1"), (12, "admin2")):
        if rank <= upto:
            return kind
    return "city" if rank <= 25 else "street" if rank <= 27 else "landmark"


def _bbox_km(raw: dict[str, Any]) -> float | None:
    """The diagonal of an answer's bounding box (Nominatim's boundingbox [s, n, w, e],
    Photon's extent [w, n, e, s]), None when it has none."""
    try:
        if "boundingbox" in raw:
            s, n, w, e = (float(v) for v in raw["boundingbox"])
        elif isinstance(raw.get("properties"), dict) and "extent" in raw["properties"]:
            w, n, e, s = (float(v) for v in raw["properties"]["extent"])
        else:
            return None
    except (TypeError, ValueError):
        return None
    if not all(map(math.isfinite, (s, n, w, e))):
        return None
    return haversine_km(s, w, n, e)


def _bbox_precision(km: float) -> int:
    for upto, precision in ((2.0, 1), (25.0, 3), (150.0, 4), (600.0, 5)):
        if km <= upto:
            return precision
    return 6


def answer_kind(raw: dict[str, Any]) -> tuple[str, int]:
    """(kind, precision) of one raw answer: from its type where the answer gives one, else
    from its rank or the size of its bounding box, else ``("local", 5)``: coarse."""
    props = _dict(raw, "properties")
    types = [raw.get("addresstype"), raw.get("type"), props.get("osm_value"), props.get("type")]
    classes = [raw.get("class"), raw.get("category"), props.get("osm_key")]
    kind = precision = None
    for t in types:
        if isinstance(t, str) and t in _TYPE_KIND:
            kind = _TYPE_KIND[t]
            precision = _TYPE_PRECISION.get(t, _KIND_PRECISION.get(kind, 3))
            break
    if kind is None:
        for c in classes:
            if isinstance(c, str) and c in _CLASS_KIND:
                kind = _CLASS_KIND[c]
                break
    if kind is None and isinstance(raw.get("place_rank"), int | str):
        try:
            kind = _rank_kind(int(raw["place_rank"]))
        except ValueError:
            kind = None
    km = _bbox_km(raw)
    if kind is None:
        return UNKNOWN_KIND, _bbox_precision(km) if km is not None else UNKNOWN_PRECISION
    if precision is None:
        precision = _KIND_PRECISION.get(kind, 3)
    if km is not None:  # a "site" whose box is a town wide is not a site
        precision = max(precision, _bbox_precision(km) - 1)
    return kind, min(precision, 7)


def _country_code(raw: dict[str, Any]) -> str | None:
    address = _dict(raw, "address")
    props = _dict(raw, "properties")
    cc = address.get("country_code") or props.get("countrycode")
    return str(cc).upper() if isinstance(cc, str) and len(cc) == 2 else None


def _admin_names(raw: dict[str, Any]) -> tuple[str | None, str | None]:
    address = _dict(raw, "address")
    props = _dict(raw, "properties")
    admin1 = address.get("state") or props.get("state")
    admin2 = address.get("county") or address.get("state_district") or props.get("county")
    return (
        admin1 if isinstance(admin1, str) else None,
        admin2 if isinstance(admin2, str) else None,
    )


def _dict(raw: dict[str, Any], key: str) -> dict[str, Any]:
    value = raw.get(key)
    return value if isinstance(value, dict) else {}


def _dumps(answers: list[dict[str, Any]]) -> str:
    return json.dumps(answers, ensure_ascii=False, default=str)


def _first_line(err: BaseException, limit: int = 160) -> str:
    line = first_line(err)
    return line if len(line) <= limit else line[: limit - 3] + "..."


def _what_failed(err: BaseException) -> str:
    """A short, one-line account of a failed request."""
    if isinstance(err, gexc.GeocoderRateLimited):
        after = f", Retry-After {err.retry_after:g} s" if err.retry_after else ""
        return f"rate limited (HTTP 429{after})"
    if isinstance(err, gexc.GeocoderTimedOut):
        return f"timed out ({_first_line(err)})"
    if isinstance(err, gexc.GeocoderUnavailable):
        return f"unavailable ({_first_line(err)})"
    if isinstance(err, gexc.GeocoderParseError) or not isinstance(err, gexc.GeopyError):
        return f"malformed answer ({_first_line(err)})"
    return f"service error ({_first_line(err)})"


def _retryable(err: BaseException) -> bool:
    """Timeouts, 429s, unreachable services and bare service errors (5xx) are retried;
    refused queries, bad keys and unreadable answers are not."""
    if isinstance(err, gexc.GeocoderTimedOut | gexc.GeocoderUnavailable | gexc.GeocoderRateLimited):
        return True
    return type(err) is gexc.GeocoderServiceError


# ----------------------------------------------------------------------------- fallback


class Fallback:
    """A geopy geocoder behind a persistent cache, a rate limiter and retries.

    Parameters
    ----------
    geocoder : any geopy geocoder (``Nominatim(user_agent=...)``, ``Photon()``, ...).
    cache_path : the SQLite cache file (the pipeline uses ``<cache folder>/`` +
        :data:`CACHE_NAME`).
    min_delay_seconds : at least this long between two requests (default 1: Nominatim's
        policy).
    max_retries : retries of one name after a timeout, 429, 5xx or unreachable service.
    backoff_seconds : the first retry waits this long, each next one twice as long (a 429's
        Retry-After, when longer, is waited instead).
    max_wait_seconds : a name whose next wait would be longer is given up.
    max_failures : after this many names in a row fail, ask nothing more in this run.
    limit : answers asked for per name (the one in the article's countries wins).
    language : the language of the answers' names, where the service takes one.
    """

    def __init__(
        self,
        geocoder: Any,
        cache_path: str | Path,
        *,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        backoff_seconds: float = 1.0,
        max_wait_seconds: float = 30.0,
        max_failures: int = 3,
        limit: int = 5,
        language: str | None = "en",
    ) -> None:
        if not callable(getattr(geocoder, "geocode", None)):
            raise UsageError(f"not a geocoder (no geocode method): {type(geocoder).__name__}")
        check_user_agent(geocoder)
        self.geocoder = geocoder
        self.service = service_name(geocoder)
        domain = getattr(geocoder, "domain", None)
        self.cache_service = f"{self.service}@{domain}" if domain else self.service
        self.cache = AnswerCache(cache_path)
        self.max_retries = max(0, int(max_retries))
        self.backoff_seconds = float(backoff_seconds)
        self.max_wait_seconds = float(max_wait_seconds)
        self.max_failures = max(1, int(max_failures))
        self.requests = 0  # requests sent to the service in this run (retries included)
        self.disabled = False
        self._failures = 0
        self._lock = threading.Lock()
        _no_hidden_retries(geocoder)
        self._geocode = RateLimiter(
            geocoder.geocode,
            min_delay_seconds=float(min_delay_seconds),
            max_retries=0,
            swallow_exceptions=False,
        )
        self._kwargs: dict[str, Any] = {"exactly_one": False}
        if isinstance(geocoder, Nominatim | Photon):
            self._kwargs["limit"] = limit
            if language:
                self._kwargs["language"] = language
        if isinstance(geocoder, Nominatim):
            self._kwargs["addressdetails"] = True

    # --------------------------------------------------------------- asking

    def answers(self, query: str) -> list[dict[str, Any]] | None:
        """The service's answers for ``query`` (from the cache when asked before; [] for no
        result), or None when the service failed (a warning was logged)."""
        key = normalise(query)
        if not key:
            return []
        cached = self.cache.get(self.cache_service, key)
        if cached is not None:
            return cached
        with self._lock:
            if self.disabled:
                return None
        got = self._ask(query)
        with self._lock:
            if got is None:
                self._failures += 1
                if self._failures >= self.max_failures and not self.disabled:
                    self.disabled = True
                    logger.warning(
                        "geomap: warning: %s failed for %d names in a row; the fallback "
                        "geocoder is off for the rest of this run",
                        self.service,
                        self._failures,
                    )
                return None
            self._failures = 0
        self.cache.put(self.cache_service, key, got)
        return got

    def _ask(self, query: str) -> list[dict[str, Any]] | None:
        last: BaseException | None = None
        for attempt in range(self.max_retries + 1):
            with self._lock:
                self.requests += 1
            try:
                got = self._geocode(query, **self._kwargs)
                return _answers(got)
            except Exception as err:  # a failing service never stops the run
                last = err
                if not _retryable(err) or attempt == self.max_retries:
                    break
                wait = self.backoff_seconds * 2**attempt
                after = getattr(err, "retry_after", None)
                if after:
                    wait = max(wait, float(after))
                if wait > self.max_wait_seconds:
                    break
                time.sleep(wait)
        assert last is not None
        logger.warning(
            "geomap: warning: %s could not geocode %r: %s; the offline result stands",
            self.service,
            query,
            _what_failed(last),
        )
        return None

    # --------------------------------------------------------------- places

    def fill(self, places: list[Place], gazetteer: Gazetteer) -> list[Place]:
        """``places`` with the names the gazetteer did not resolve as themselves geocoded
        where the service knows them (the others keep their row, their reason now saying
        what the service answered)."""
        wanted = [i for i, p in enumerate(places) if _wanted(p)]
        if not wanted:
            return places
        countries = Counter(
            p.entry.country_code
            for p in places
            if p.entry is not None and p.entry.country_code and p.reason is None
        )
        out = list(places)
        decided: dict[tuple[str, str | None], tuple[Place | None, str]] = {}
        for i in wanted:
            p = places[i]
            container = p.entry
            query = f"{p.mention.text}, {container.name}" if container else p.mention.text
            memo = (query, container.id if container else None)
            if memo not in decided:
                decided[memo] = self._decide(p, query, countries, gazetteer)
            new, note = decided[memo]
            if new is not None:
                out[i] = replace(
                    new,
                    mention=p.mention,
                    sentence=p.sentence,
                    sentence_start=p.sentence_start,
                    sentence_end=p.sentence_end,
                )
            else:
                out[i] = replace(p, reason=f"{p.reason}; {self.service}: {note}")
        return out

    def _decide(
        self, p: Place, query: str, countries: Counter[str], gazetteer: Gazetteer
    ) -> tuple[Place | None, str]:
        answers = self.answers(query)
        if answers is None:
            return None, "no answer (the service failed)"
        if not answers:
            return None, "no result"
        container = p.entry
        fits = [a for a in answers if self._fits(a, container, p.precision, gazetteer)]
        if not fits:
            where = f" finer than and inside {container.name}" if container else ""
            return None, f"no result{where}"
        ranked = sorted(
            enumerate(fits),
            key=lambda t: (-countries.get(_country_code(t[1]["raw"]) or "", 0), t[0]),
        )
        return self._place(ranked[0][1], p, gazetteer), ""

    def _fits(
        self, a: dict[str, Any], container: Entry | None, precision: int, gazetteer: Gazetteer
    ) -> bool:
        """An answer for a local name the resolver put in ``container`` must be finer than
        it and lie inside it; any answer fits an unresolved name."""
        if container is None:
            return True
        _kind, prec = answer_kind(a["raw"])
        if prec >= precision:
            return False  # no finer than the offline result: keep that
        lat, lon = a["lat"], a["lon"]
        if container.has_geometry:
            return bool(gazetteer.contains(container.id, lon, lat))
        if container.kind in {"city", "admin3"}:
            return haversine_km(lat, lon, container.lat, container.lon) <= _TOWN_KM
        cc = _country_code(a["raw"])
        return cc is not None and cc == container.country_code

    def _place(self, a: dict[str, Any], p: Place, gazetteer: Gazetteer) -> Place:
        raw = a["raw"]
        kind, precision = answer_kind(raw)
        props = _dict(raw, "properties")
        osm = (
            raw.get("osm_type") or props.get("osm_type"),
            raw.get("osm_id") or props.get("osm_id"),
        )
        ident = f"{osm[0]}/{osm[1]}" if all(osm) else normalise(str(a["address"] or p.mention.text))
        name = raw.get("name") or props.get("name") or str(a["address"] or "").split(",")[0]
        cc = _country_code(raw)
        country = None
        if cc:
            c = gazetteer.country(cc)
            country = c.name if c is not None else None
        admin1, admin2 = _admin_names(raw)
        licence = raw.get("licence")
        source = f"{self.service}: {licence}" if isinstance(licence, str) else self.service
        score = raw.get("importance")
        entry = Entry(
            id=f"{self.service}:{ident}",
            name=str(name or p.mention.text),
            kind=kind,
            lat=a["lat"],
            lon=a["lon"],
            country_code=cc,
            source=source,
        )
        return replace(
            p,
            entry=entry,
            score=round(float(score), 3) if isinstance(score, int | float) else 0.5,
            precision=precision,
            geometry=None,
            country=country if kind != "country" else entry.name,
            admin1=admin1 if kind != "admin1" else entry.name,
            admin2=admin2 if kind != "admin2" else entry.name,
            reason=None,
            geocoder=self.service,
        )


def _no_hidden_retries(geocoder: Any) -> None:
    """Turn off the retries of geopy's requests adapter (it retries read timeouts itself,
    unseen by the rate limiter): the fallback does the retrying, with its backoff."""
    session = getattr(getattr(geocoder, "adapter", None), "session", None)
    adapters = getattr(session, "adapters", None)
    if not adapters:
        return
    try:
        from urllib3.util.retry import Retry
    except ImportError:  # pragma: no cover - requests always brings urllib3
        return
    for adapter in adapters.values():
        if hasattr(adapter, "max_retries"):
            adapter.max_retries = Retry(0, read=False)  # requests' own default


def _wanted(p: Place) -> bool:
    """Is ``p`` a name the gazetteer did not resolve as itself (and not a demonym)?"""
    return p.reason is not None and p.mention.role != "demonym"


def _answers(got: Any) -> list[dict[str, Any]]:
    """geopy's answer (None, a Location or a list of them) as cacheable dicts; a ValueError
    when the answer holds locations but none with usable coordinates."""
    if got is None:
        return []
    locations = got if isinstance(got, list) else [got]
    out = []
    for loc in locations:
        try:
            lat, lon = float(loc.latitude), float(loc.longitude)
        except (AttributeError, TypeError, ValueError):
            continue
        if not (math.isfinite(lat) and math.isfinite(lon) and abs(lat) <= 90 and abs(lon) <= 180):
            continue
        raw = getattr(loc, "raw", None)
        raw = {k: v for k, v in raw.items() if k not in _BULKY} if isinstance(raw, dict) else {}
        if len(json.dumps(raw, default=str)) > _MAX_RAW_CHARS:
            raw = {k: v for k, v in raw.items() if isinstance(v, str | int | float | bool)}
        out.append({"address": getattr(loc, "address", None), "lat": lat, "lon": lon, "raw": raw})
    if locations and not out:
        raise ValueError("no answer with usable coordinates")
    return out


@dataclass(frozen=True)
class FallbackSpec:
    """How to build a :class:`Fallback` by a geopy service name: a plain value (picklable),
    so that each process of a batch builds its own geocoder, rate limiter and cache
    connection (a geocoder and an SQLite connection do not travel to Dask workers).

    ``options`` are the geocoder's keyword arguments (``user_agent``, ``domain``,
    ``scheme``, ``timeout``). The processes of one batch share the cache file (SQLite
    serialises their writes) and split the request rate: with N processes, each waits N
    times ``min_delay_seconds`` between its requests (:meth:`shared_by`), so that the
    service sees no more than the one process would send.
    """

    service: str
    options: dict[str, Any] = field(default_factory=dict)
    cache_path: str = ""
    min_delay_seconds: float = 1.0

    def __hash__(self) -> int:
        return hash((self.service, tuple(sorted(self.options.items())), self.cache_path))

    def shared_by(self, processes: int) -> FallbackSpec:
        """The spec for one of ``processes`` processes asking the same service."""
        return replace(self, min_delay_seconds=self.min_delay_seconds * max(1, processes))

    def describe(self) -> dict[str, Any]:
        """The service and where it is (for a batch's manifest and summary; no user agent)."""
        where = self.options.get("domain")
        return {"service": self.service, **({"domain": where} if where else {})}

    def build(self) -> Fallback:
        """The fallback: a :class:`UsageError` names what is wrong with the settings."""
        from geopy.exc import ConfigurationError, GeocoderNotFound
        from geopy.geocoders import get_geocoder_for_service

        try:
            cls = get_geocoder_for_service(self.service.lower())
        except GeocoderNotFound:
            raise UsageError(
                f"--fallback-geocoder {self.service}: not a geopy service (try nominatim or photon)"
            ) from None
        if issubclass(cls, Nominatim) and not self.options.get("user_agent"):
            raise UsageError(
                f"--fallback-geocoder {self.service} needs --user-agent NAME (a name for your "
                "application, e.g. 'newsroom-map/1.0 (you@example.org)'): Nominatim's usage "
                "policy refuses geopy's default"
            )
        try:
            geocoder = cls(**self.options)
        except (ConfigurationError, TypeError, ValueError) as exc:
            raise UsageError(f"--fallback-geocoder {self.service}: {first_line(exc)}") from None
        return Fallback(
            geocoder, self.cache_path, min_delay_seconds=max(0.0, self.min_delay_seconds)
        )
