"""The only orchestrator: ingest -> recognise -> resolve -> incidents -> frame.

Renderers and exporters are called by the CLI with the frames this module builds; they
never see the gazetteer or the NLP.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.errors import first_line
from geomap.io.boundary import clean_article
from geomap.io.ingest import Failure, iter_inputs, parse_date
from geomap.models import Article, Incident, Place
from geomap.places.find import AdminNames, Demonyms, FoundPlaces, find_places, toponym_record
from geomap.places.spans import resolve_spans

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.gazetteer.base import Gazetteer
    from geomap.places.fallback import Fallback


@dataclass
class Result:
    """What geomap found in one article. ``places`` is the places GeoDataFrame."""

    article: Article
    place_list: list[Place]
    incident_list: list[Incident] = field(default_factory=list)

    @cached_property
    def places(self) -> gpd.GeoDataFrame:
        from geomap.frame import place_records, places_frame

        return places_frame(place_records(self.article, self.place_list))

    @cached_property
    def incidents(self) -> gpd.GeoDataFrame:
        from geomap.frame import incidents_frame

        return incidents_frame(self.incident_list)


#: articles parsed stage by stage together (:meth:`Pipeline.parse_articles`): enough for the
#: caches to pay, few enough that holding their recognitions costs little memory
RUN_GROUP = 256


class Pipeline:
    """Holds the gazetteer (opened lazily) and runs the stages on articles.

    Parameters
    ----------
    gazetteer : the gazetteer (default: the embedded one, opened on first use).
    incidents : also extract incidents (``parse_article``, ``run``).
    fallback_geocoder : off by default. Any geopy geocoder (``Nominatim(user_agent=...)``,
        ``Photon()``, ...), or a :class:`geomap.places.fallback.Fallback` for other rate,
        retry or cache settings: the names the gazetteer does not resolve are sent to it,
        answers cached in ``geocoder_cache`` (see :mod:`geomap.places.fallback`).
    geocoder_cache : the fallback's SQLite cache (default ``geocoder-cache.sqlite`` in the
        gazetteer's cache folder, ``$GEOMAP_CACHE`` or ``~/.cache/geomap``).
    """

    def __init__(
        self,
        gazetteer: Gazetteer | None = None,
        *,
        incidents: bool = True,
        fallback_geocoder: Any = None,
        geocoder_cache: str | Path | None = None,
    ) -> None:
        self._gazetteer = gazetteer
        self._lock = threading.Lock()
        self.with_incidents = incidents
        self._demonyms: Demonyms | None = None
        self._admin_names: AdminNames | None = None
        self.fallback: Fallback | None = None
        if fallback_geocoder is not None:
            from geomap.places.fallback import CACHE_NAME, Fallback

            if isinstance(fallback_geocoder, Fallback):
                self.fallback = fallback_geocoder
            else:
                if geocoder_cache is None:
                    from geomap.gazetteer.cache import cache_dir

                    geocoder_cache = cache_dir() / CACHE_NAME
                self.fallback = Fallback(fallback_geocoder, geocoder_cache)

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            with self._lock:
                if self._gazetteer is None:
                    from geomap.gazetteer import open_gazetteer

                    self._gazetteer = open_gazetteer()
        return self._gazetteer

    @property
    def demonyms(self) -> Demonyms:
        """The demonym resolver shared by every article of this pipeline (its cache)."""
        if self._demonyms is None:
            self._demonyms = Demonyms(self.gazetteer)
        return self._demonyms

    @property
    def admin_names(self) -> AdminNames:
        """The admin-name lookup shared by every article of this pipeline (its cache)."""
        if self._admin_names is None:
            self._admin_names = AdminNames(self.gazetteer)
        return self._admin_names

    # -- stages ---------------------------------------------------------------------------
    def find(self, text: str, *, geometry: bool = True) -> FoundPlaces:
        """Recognise and resolve the places of ``text`` (the names the gazetteer does not
        resolve then go to the fallback geocoder, when there is one)."""
        found = find_places(
            text,
            self.gazetteer,
            demonyms=self.demonyms,
            admin_names=self.admin_names,
            geometry=geometry,
        )
        if self.fallback is not None:
            found = FoundPlaces(found.recognition, self.fallback.fill(found.places, self.gazetteer))
        return found

    def resolve_places(self, text: str, *, geometry: bool = True) -> list[Place]:
        """The resolved places of ``text``."""
        return self.find(text, geometry=geometry).places

    def parse_article(self, article: Article) -> Result:
        article = clean_article(article)  # the input boundary (geomap.io.boundary)
        return self._result(article, self.find(article.text))

    def _result(self, article: Article, found: FoundPlaces) -> Result:
        """The Result of a cleaned article whose places are ``found`` (its incidents too)."""
        incidents: list[Incident] = []
        if self.with_incidents:
            from geomap.incidents import extract_incidents

            incidents = extract_incidents(
                article, found.places, found.recognition.sentences, found.recognition
            )
        return Result(article, found.places, incidents)

    def parse_articles(self, articles: Iterable[Article]) -> Iterator[Result | Failure]:
        """:meth:`parse_article` of each article, in order; an article that raises gives its
        Failure. Stage by stage over groups of :data:`RUN_GROUP` articles (the places of the
        group, then its incidents), so that each stage's code and tables stay in the CPU's
        caches: the same results, about 5 % sooner than article by article."""
        group: list[Article] = []
        for article in articles:
            group.append(article)
            if len(group) >= RUN_GROUP:
                yield from self._parse_group(group)
                group = []
        yield from self._parse_group(group)

    def _parse_group(self, articles: list[Article]) -> Iterator[Result | Failure]:
        found: list[tuple[Article, FoundPlaces | Exception]] = []
        for article in articles:
            try:
                clean = clean_article(article)  # the input boundary (geomap.io.boundary)
                found.append((clean, self.find(clean.text)))
            except Exception as err:  # one article's fault never costs the rest
                found.append((article, err))
        for article, places in found:
            if isinstance(places, Exception):
                yield article_failure(article, places)
                continue
            try:
                yield self._result(article, places)
            except Exception as err:
                yield article_failure(article, err)

    def parse(
        self,
        text: str,
        *,
        published: date | str | None = None,
        title: str | None = None,
        url: str | None = None,
        id: str | None = None,
    ) -> Result:
        """Find the places (and incidents) of one article text.

        >>> r = Pipeline().parse("Diplomats met in Bali.", published="2022-07-09")  # doctest: +SKIP
        >>> r.places[["mention", "name", "kind", "geocoder"]]  # doctest: +SKIP
        """
        from geomap.io.ingest import article_id

        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        art = Article(
            id=id or article_id("text", text),
            text=text,
            title=title,
            url=url,
            published=parse_date(published),
            source="<text>",
        )
        return self.parse_article(art)

    def toponyms(self, text: str) -> list[dict[str, Any]]:
        """Recognised and resolved toponyms as plain dicts (no geometry, no geopandas)."""
        return [
            toponym_record(p.mention, p.entry, p.score, reason=p.reason, geocoder=p.geocoder)
            for p in self.find(text, geometry=False).places
        ]

    def resolve_spans(self, text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
        """Resolve given spans (e.g. a corpus's gold spans) instead of finding them."""
        return [
            toponym_record(r.mention, r.entry)
            for r in resolve_spans(text, spans, self.gazetteer, demonyms=self.demonyms)
        ]

    def run(
        self, inputs: Iterable[str | Path], *, overrides: dict[str, Any] | None = None
    ) -> Iterator[Result | Failure]:
        """Parse every article of ``inputs``; a bad input yields a Failure, never stops.
        Results and failures come in input order (the articles stage by stage in groups of
        :data:`RUN_GROUP`, see :meth:`parse_articles`)."""
        group: list[Article] = []
        for item in iter_inputs(inputs, overrides=overrides):
            if isinstance(item, Failure):  # in its place: after the articles read before it
                yield from self._parse_group(group)
                group = []
                yield item
                continue
            group.append(item)
            if len(group) >= RUN_GROUP:
                yield from self._parse_group(group)
                group = []
        yield from self._parse_group(group)


def article_failure(article: Article, err: BaseException) -> Failure:
    """A listed failure for an article whose processing raised ``err`` (the traceback is kept
    on the failure for ``--debug``)."""
    source, _, line = (article.source or article.id).rpartition(":")
    if not (source and line.isdigit()):
        source, line = article.source or article.id, ""
    detail = first_line(err, default="")
    reason = f"could not be processed: {type(err).__name__}" + (f": {detail}" if detail else "")
    return Failure(source, int(line) if line else None, reason, error=err)


def places_of(results: Iterable[Result]) -> gpd.GeoDataFrame:
    """One places GeoDataFrame for many results (cheaper than concatenating their
    ``.places``: the frame's fixed cost is paid once)."""
    from geomap.frame import place_records, places_frame

    return places_frame([row for r in results for row in place_records(r.article, r.place_list)])


def incidents_of(results: Iterable[Result]) -> gpd.GeoDataFrame:
    """One incidents GeoDataFrame for many results, merged across articles (the same
    incident reported by several articles becomes one row with every source)."""
    from geomap.frame import incident_records, merge_incident_frames

    return merge_incident_frames(
        [], incident_records([i for r in results for i in r.incident_list])
    )


_default: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _default
    if _default is None:
        _default = Pipeline()
    return _default


def parse(
    text: str,
    *,
    published: date | str | None = None,
    title: str | None = None,
    url: str | None = None,
    id: str | None = None,
) -> Result:
    """Find the places (and incidents) of one article text.

    >>> r = parse("Diplomats met in Bali, Indonesia.")  # doctest: +SKIP
    >>> r.places[["mention", "name", "kind"]]  # doctest: +SKIP
    """
    return default_pipeline().parse(text, published=published, title=title, url=url, id=id)


def toponyms(text: str) -> list[dict[str, Any]]:
    """Toponyms of ``text`` as dicts (the fast path used by ``geomap toponyms``)."""
    return default_pipeline().toponyms(text)
