"""The only orchestrator: ingest -> recognise -> resolve -> incidents -> frame.

Renderers and exporters are called by the CLI with the frames this module builds; they
never see the gazetteer or the NLP.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from geomap.text.normalise import normalise
from geomap.io.ingest import Failure, iter_inputs, parse_date
from geomap.models import Article, Incident, Place
from geomap.places.recognise import anchor_local, coordinated, recognise
from geomap.places.resolve import precision_of, resolve

if TYPE_CHECKING:
    import geopandas as gpd

    from geomap.gazetteer import Gazetteer


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


class Pipeline:
    """Holds the gazetteer (opened lazily) and runs the stages on articles."""

    def __init__(self, gazetteer: Gazetteer | None = None, *, incidents: bool = True) -> None:
        self._gazetteer = gazetteer
        self._lock = threading.Lock()
        self.with_incidents = incidents
        self._demonym_cache: dict[str, Any] = {}

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            with self._lock:
                if self._gazetteer is None:
                    from geomap.gazetteer import Gazetteer

                    self._gazetteer = Gazetteer.open()
        return self._gazetteer

    def _demonym_country(self, key: str) -> Any:
        """The place a demonym refers to: a country ("Chinese"), or a continent, region or
        state ("European", "Texan")."""
        if key in self._demonym_cache:
            return self._demonym_cache[key]
        from geomap.places.recognise import demonym_target
        from geomap.places.resolve import prior

        target = demonym_target(key)
        entry = None
        if target and target.startswith("@"):
            name = normalise(target[1:])
            cands = self.gazetteer.lookup([name]).get(name, [])
            if cands:
                entry = max(cands, key=lambda c: prior(*c))[0]
        elif target:
            entry = self.gazetteer.country(target)
        self._demonym_cache[key] = entry
        return entry

    # -- stages ---------------------------------------------------------------------------
    def resolve_places(self, text: str, *, geometry: bool = True) -> list[Place]:
        """Recognise and resolve the places of ``text``."""
        gaz = self.gazetteer
        rec = recognise(text, gaz)
        resolutions = resolve(
            rec.mentions, rec.candidates,
            demonym_country=self._demonym_country, contains=gaz.contains,
            lists=coordinated(text, rec.mentions),
        )
        starts = [s for s, _ in rec.sentences]
        places: list[Place] = []
        geoms: dict[str, Any] = {}
        for r in resolutions:
            si = max(bisect_right(starts, r.mention.start) - 1, 0)
            s0, s1 = rec.sentences[si] if rec.sentences else (0, len(text))
            geom = None
            if geometry and r.entry is not None and r.entry.has_geometry:
                # towns have no stored shape: the frame makes their point from lat/lon
                if r.entry.id not in geoms:
                    geoms[r.entry.id] = gaz.geometry(r.entry.id)
                geom = geoms[r.entry.id]
            places.append(Place(
                mention=r.mention, entry=r.entry, score=r.score,
                precision=precision_of(r.entry), sentence=text[s0:s1],
                sentence_start=s0, sentence_end=s1, geometry=geom,
            ))
        return places

    def parse_article(self, article: Article) -> Result:
        places = self.resolve_places(article.text)
        incidents: list[Incident] = []
        if self.with_incidents:
            from geomap.incidents.extract import extract_incidents

            incidents = extract_incidents(article, places, self.gazetteer)
        return Result(article, places, incidents)

    def toponyms(self, text: str) -> list[dict[str, Any]]:
        """Recognised and resolved toponyms as plain dicts (no geometry, no geopandas)."""
        out = []
        for p in self.resolve_places(text, geometry=False):
            e = p.entry
            out.append({
                "start": p.mention.start, "end": p.mention.end, "name": p.mention.text,
                "lat": e.lat if e else None, "lon": e.lon if e else None,
                "geonameid": e.geonameid if e else None,
                "feature": e.kind if e else None, "role": p.mention.role,
                "entry_id": e.id if e else None, "score": round(p.score, 3),
            })
        return out

    def resolve_spans(self, text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
        """Resolve given spans (e.g. a corpus's gold spans) instead of finding them."""
        gaz = self.gazetteer
        rec = recognise(text, gaz)  # for document context
        found = {(m.start, m.end): m for m in rec.mentions}
        keys = {normalise(text[s:e]) for s, e in spans}
        cands = dict(rec.candidates)
        subkeys = {k: _subkeys(k) for k in keys}
        missing = {k for k in keys if k not in cands}
        missing |= {sk for k in missing for sk in subkeys[k]}
        missing -= cands.keys()
        if missing:
            cands.update(gaz.lookup(missing))
        gold_mentions = [
            found.get((s, e)) or _span_mention(text, s, e, cands, subkeys)
            for s, e in spans
        ]
        given = set(spans)
        context = [m for m in rec.mentions if (m.start, m.end) not in given]
        mentions = anchor_local(text, gold_mentions + context)
        res = resolve(
            mentions, cands, demonym_country=self._demonym_country, contains=gaz.contains,
            lists=coordinated(text, mentions),
        )[: len(gold_mentions)]
        out = []
        for r in res:
            e = r.entry
            out.append({
                "start": r.mention.start, "end": r.mention.end, "name": r.mention.text,
                "lat": e.lat if e else None, "lon": e.lon if e else None,
                "geonameid": e.geonameid if e else None, "feature": e.kind if e else None,
            })
        return out

    def run(
        self, inputs: Iterable[str | Path], *, overrides: dict[str, Any] | None = None
    ) -> Iterator[Result | Failure]:
        """Parse every article of ``inputs``; a bad input yields a Failure, never stops."""
        for item in iter_inputs(inputs, overrides=overrides):
            if isinstance(item, Failure):
                yield item
                continue
            try:
                result = self.parse_article(item)
            except Exception as err:  # one article's fault never costs the rest of the batch
                yield article_failure(item, err)
                continue
            yield result


def article_failure(article: Article, err: BaseException) -> Failure:
    """A listed failure for an article whose processing raised ``err`` (the traceback is kept
    on the failure for ``--debug``)."""
    source, _, line = (article.source or article.id).rpartition(":")
    if not (source and line.isdigit()):
        source, line = article.source or article.id, ""
    detail = str(err).splitlines()[0] if str(err) else ""
    reason = f"could not be processed: {type(err).__name__}" + (f": {detail}" if detail else "")
    return Failure(source, int(line) if line else None, reason, error=err)


#: Kinds a name may be resolved to through a longer, unknown name that contains it.
_BROAD_KINDS = {"country", "admin1", "continent", "ocean", "sea", "region"}


#: Words that name a region somewhere ("West", Cameroon; "Centre", Burkina Faso) but inside a
#: longer unknown name are generic: never resolve the longer name through them alone.
_GENERIC_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western",
    "central", "centre", "center", "upper", "lower", "greater", "middle", "new", "old",
    "park", "lake", "lakes", "delta", "valley", "gulf", "bay", "coast", "grand", "republic",
    "national", "federal", "united", "city", "state", "county", "district", "island",
    "islands", "river", "mount", "port", "saint", "st", "san", "santa", "la", "el", "the",
}


def _subkeys(key: str) -> list[str]:
    """Word n-grams of a key, longest first ("colorado state university" -> ...)."""
    words = key.split()
    return [" ".join(words[i : i + n]) for n in range(len(words) - 1, 0, -1)
            for i in range(len(words) - n + 1)]


def _span_mention(
    text: str, s: int, e: int, cands: dict[str, Any], subkeys: dict[str, list[str]]
) -> Any:
    """A mention for a span given from outside (gold spans): a demonym ("North American"),
    a known name, the longest known name inside it ("Colorado State University" ->
    Colorado), or else a local name placed in the article's main place."""
    from geomap.models import Mention
    from geomap.places.recognise import FEATURE_SUFFIX, demonym_target, placed_after, word_frequency

    key = normalise(text[s:e])
    if demonym_target(key):
        return Mention(s, e, text[s:e], key, "demonym")
    if key in cands:
        return Mention(s, e, text[s:e], key)
    last = key.split()[-1]
    # "Washington County", "Main Street", "X Twp."; "University of St. Thomas in Houston":
    # placed by its hint (the town after it), not by a name inside it
    local_feature = last in FEATURE_SUFFIX or last == "twp" or placed_after(text, e)
    surface = text[s:e]
    words = surface.split()
    town = demonym = None
    for sk in [] if local_feature else subkeys.get(key, []):
        if sk in _GENERIC_WORDS:
            continue  # "South Kilburn Estate" is not Cameroon's South region
        if demonym_target(sk):
            demonym = demonym or sk
            continue
        for c, nt in cands.get(sk, ()):
            if (c.kind in _BROAD_KINDS and nt == "name") or (
                    c.kind == "country" and nt == "abbr" and sk.upper() in words):
                return Mention(s, e, surface, sk)  # "Colorado State ...", "US Federal Reserve"
            if (town is None and nt == "name" and not word_frequency(sk)
                    and _at_edge(sk, words)
                    and (c.kind == "admin2"
                         or (c.kind == "city" and c.population >= SUBKEY_TOWN))):
                town = sk  # "Robinson College Cambridge", "Belfast Magistrate's Court"
    if town:
        return Mention(s, e, surface, town)
    if demonym:
        return Mention(s, e, surface, demonym, "demonym")
    return Mention(s, e, surface, key, cue="local")


def _at_edge(sk: str, words: list[str]) -> bool:
    """Whether ``sk`` opens or closes the name ``words`` ("Tokyo" in "British Embassy Tokyo",
    not "Wilson" in "Ronald Wilson Reagan Middle")."""
    n = len(sk.split())
    return normalise(" ".join(words[:n])) == sk or normalise(" ".join(words[-n:])) == sk


#: A town named inside a longer unknown name stands for it only if it is this large.
SUBKEY_TOWN = 15_000


def places_of(results: Iterable[Result]) -> gpd.GeoDataFrame:
    """One places GeoDataFrame for many results (cheaper than concatenating their
    ``.places``: the frame's fixed cost is paid once)."""
    from geomap.frame import place_records, places_frame

    return places_frame([row for r in results for row in place_records(r.article, r.place_list)])


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
    from geomap.io.ingest import article_id

    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    art = Article(
        id=id or article_id("text", text), text=text, title=title, url=url,
        published=parse_date(published), source="<text>",
    )
    return default_pipeline().parse_article(art)


def toponyms(text: str) -> list[dict[str, Any]]:
    """Toponyms of ``text`` as dicts (the fast path used by ``geomap toponyms``)."""
    return default_pipeline().toponyms(text)
