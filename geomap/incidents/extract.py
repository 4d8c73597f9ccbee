"""Incidents: who did what, where and when, from one article's text and resolved places.

Rule-based and general (no article-specific rules). Per sentence with event words:

1. **Triggers** (:mod:`geomap.incidents.triggers`): event words give a category, with the
   PLOVER / CAMEO / quad crosswalk, a modality (a negated event is dropped; future and
   hypothetical events are flagged and never shown as having happened) and a domain (land,
   sea, air, cyber, space).
2. **Place** (:mod:`geomap.incidents.attach`): the place attached to THIS trigger, in its
   clause, or null.
3. **Time** (:mod:`geomap.incidents.timing`): the time expression that belongs to the trigger.
4. **Actors** (:mod:`geomap.incidents.actors`): people by title, countries, organisations.

Then, over the article, **coreference** (:mod:`geomap.incidents.coref`) folds mentions of one
event into one incident, and each remaining draft becomes an :class:`~geomap.models.Incident`
with its crosswalk codes, a title and a confidence.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

from geomap.incidents.actors import People, actors_of, country_names, learn_people
from geomap.incidents.attach import (
    attach,
    is_name_fragment,
    is_place_use,
    is_small_town,
    specific_place,
)
from geomap.incidents.casualties import casualties
from geomap.incidents.coref import corefer, fold, is_definite, separate, sidelines
from geomap.incidents.draft import Draft
from geomap.incidents.evloc import locate
from geomap.incidents.lexicon import (
    ANAPHORIC_SUBJECT,
    CATEGORIES,
    FORCES_AFTER,
    FUTURE_SENTENCE,
    LABELS,
    MEETING,
    TERRITORY_AFTER,
    TRIGGERS,
    VERBAL,
)
from geomap.incidents.timing import segments, time_for
from geomap.incidents.triggers import (
    Trig,
    acled_codes,
    crosswalk,
    domain_of,
    find_triggers,
    modality_of,
    quoted,
    refine_category,
    trigger_hits,
)
from geomap.models import Actor, Article, Incident, Place
from geomap.places.recognise import Recognition
from geomap.places.runs import TakenSpans
from geomap.text.timex import find_all
from geomap.text.tokens import sentences

__all__ = [
    "CATEGORIES",
    "crosswalk",
    "extract_incidents",
    "incident_id",
    "main_place",
]

#: verbal events that, in a sentence reporting a protest, are what the protest says
_PROTEST_CONTENT = frozenset({"statement_accusation", "threat_warning"})

#: characters either side of a trigger whose words refine its ACLED type
ACLED_WINDOW = 80

#: categories whose sentences' casualty counts are not theirs (a statement about deaths)
VERBAL_OR_MEETING = VERBAL | MEETING

#: an event placed only by the article's main place is at least this vague (4: province)
INHERITED_PRECISION = 4
#: an asserted event the text gives no date for happened within this many days before the
#: publication date
REPORTED_WITHIN_DAYS = 6

#: added to the confidence of the events of an article's lede
LEDE_CONFIDENCE = 0.1
#: confidence added by how the event's place was found (any other way: 0.1)
_PLACE_CONFIDENCE = {
    "attached": 0.25,
    "sentence": 0.2,
    "learned": 0.2,
    "anaphora": 0.15,
    "in sentence": 0.15,
    "inherited": 0.05,
}


def incident_id(
    article_id: str,
    sentence_start: int,
    sentence_end: int,
    category: str,
    trigger_start: int | None = None,
) -> str:
    """Stable id: a hash of article id, sentence offsets, category (and trigger offset)."""
    key = f"{article_id}|{sentence_start}|{sentence_end}|{category}"
    if trigger_start is not None:
        key += f"|{trigger_start}"
    return "inc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def extract_incidents(
    article: Article,
    places: Sequence[Place],
    sents: Sequence[tuple[int, int]] | None = None,
    recognition: Recognition | None = None,
) -> list[Incident]:
    """Incidents of one article from its text, its resolved places and (when the recogniser
    has them already) its sentence spans and recognition (see module doc). With the
    recognition, an event the rules cannot place asks the learned event-location finder
    (:mod:`geomap.incidents.evloc`) which of its sentence's places is its own."""
    text = article.text
    sents = list(sents) if sents is not None else sentences(text)
    starts = [s for s, _ in sents]
    names_of_countries = country_names(places)
    # a nationality before its country's ground, waters or sky names the country as a place
    # ("shot on Rwandan soil", "crossed into Kenyan territory")
    places = [_territory(text, p) for p in places]
    # a match inside a longer unknown name ("Boko Haram") places no event
    taken = TakenSpans(len(text))
    for p in places:
        taken.append((p.mention.start, p.mention.end))
    small = {p.mention.start for p in places if is_small_town(p)}
    places = [p for p in places if not is_name_fragment(text, p, taken, small)]
    places_by_sent: dict[int, list[Place]] = {}
    for p in places:
        si = max(bisect_right(starts, p.mention.start) - 1, 0)
        places_by_sent.setdefault(si, []).append(p)

    people = People()
    drafts: list[Draft] = []
    pub = article.published
    anchor: date | None = None  # date of the last absolutely dated event
    hits = trigger_hits(text.lower())
    hit_starts = [h[0] for h in hits]
    told: dict[tuple[int, int], list[Trig]] = {}  # each sentence's triggers told as events
    for si, (s0, s1) in enumerate(sents):
        sentence = text[s0:s1]
        k0 = bisect_right(hit_starts, s0 - 1)
        k1 = bisect_right(hit_starts, s1 - 1)
        if k0 >= k1:
            learn_people(sentence, s0, places_by_sent.get(si, []), people)
            continue
        if si == 0 and article.title and sentence.strip().startswith(article.title.strip()[:40]):
            continue  # the headline restates the story; the body gives time and place
        trigs = find_triggers(sentence, s0, [h for h in hits[k0:k1] if h[1] <= s1])
        told[(s0, s1)] = trigs
        sp = places_by_sent.get(si, [])
        if not trigs:
            learn_people(sentence, s0, sp, people)
            continue
        sent_drafts = _sentence_drafts(article, sentence, (s0, s1), trigs, sp, people, anchor)
        sidelines(sentence, s0, sent_drafts)
        for d in sent_drafts:
            if d.time.known and not d.time.relative and d.modality == "asserted":
                anchor = d.time.start
        drafts.extend(sent_drafts)
        if anchor is None and pub is not None:
            anchor = pub
    drafts = corefer(drafts)
    main = main_place(text, places, drafts)
    if recognition is not None:
        _learned_places(text, drafts, places_by_sent, starts, recognition, main)
        main = main_place(text, places, drafts)
    countries = Counter(
        p.entry.country_code for p in places if p.entry is not None and p.entry.country_code
    )
    for d in drafts:
        # the event's own sentence gives no place for it: the article's main place, marked
        # as inherited (lower precision and confidence) unless the sentence itself names it
        # ("police in Nairobi said farmers demonstrated in the city"); unplaced only if the
        # article names no place at all
        if d.place is None and main is not None and d.merged_into is None:
            own = d.sent[0] <= main.mention.start < d.sent[1]
            d.place, d.place_how = main, ("in sentence" if own else "inherited")
        if d.place is not None and d.merged_into is None:
            si = max(bisect_right(starts, d.place.mention.start) - 1, 0)
            d.place = specific_place(d.place, places_by_sent.get(si, []), text, countries)
    # the lede: the first sentence that reports an event as happened (news tells its main
    # event first)
    lede = next(
        (d.sent for d in drafts if d.merged_into is None and d.modality == "asserted"), None
    )
    out = []
    for d in drafts:
        if d.merged_into is None:
            a = max(d.sent[0], d.trig.start - ACLED_WINDOW)
            b = min(d.sent[1], d.trig.end + ACLED_WINDOW)
            lo, hi = bisect_right(hit_starts, a - 1), bisect_right(hit_starts, b)
            # the event words of the neighbourhood, but for quoted ones ('“hijack” support')
            s0 = d.sent[0]
            sentence = text[s0 : d.sent[1]]
            window = [h for h in hits[lo:hi] if h[1] <= b]
            near = {TRIGGERS[k][2] for s, _e, k in window if not quoted(sentence, s - s0)}
            # ... and those told as events (not topics: "refused to criticize the invasion")
            events = {t.stem for t in told.get(d.sent, ()) if a <= t.start and t.end <= b}
            out.append(_finish(article, d, names_of_countries, near, d.sent == lede, events))
    return out


#: a dateline: the place names that open a story before a dash or an agency ("ADEN, Yemen -",
#: "KABUL (AP) -", "Mogadishu, 3 May (Reuters) —")
_DATELINE = re.compile(r"^[^\n.!?]{0,60}?(?:\(\w[\w .&-]{0,20}\))?\s*[-–—:]\s")


def main_place(text: str, places: Sequence[Place], drafts: Sequence[Draft] = ()) -> Place | None:
    """The article's main place: the place of its dateline when it has one, else the place of
    its first event that the text places itself (the lede's event), else the first place it
    names as a place (literally, or after a locative). An article that names its places only
    in other names ("protesters at Dhaka University", "the Benghazi Medical Centre") is
    placed at the first of them; one that names only a nationality, at that country unless
    the nationality is of armed forces, which fight abroad ("Kenyan forces repelled ...")."""
    literal = [p for p in places if is_place_use(p)]
    if not literal:
        resolved = [p for p in places if p.entry is not None]
        assoc = [p for p in resolved if p.mention.role == "associative"]
        if assoc:
            return min(assoc, key=lambda p: p.mention.start)
        home = [
            p
            for p in resolved
            if p.mention.role == "demonym"
            and p.entry is not None
            and p.entry.kind == "country"
            and not FORCES_AFTER.match(text, p.mention.end)
        ]
        return min(home, key=lambda p: p.mention.start) if home else None
    m = _DATELINE.match(text)
    if m is not None:
        in_dateline = [p for p in literal if p.mention.end <= m.end()]
        if in_dateline:
            return min(in_dateline, key=lambda p: (p.precision, p.mention.start))
    placed = [
        d
        for d in drafts
        if d.place is not None
        and d.place_how in ("attached", "sentence")
        and d.modality == "asserted"
    ]
    if placed:
        return min(placed, key=lambda d: d.trig.start).place
    return min(literal, key=lambda p: p.mention.start)


def _territory(text: str, place: Place) -> Place:
    """``place`` read literally when it is a country's nationality before its ground, waters
    or sky ("on Rwandan soil"), else itself."""
    m, e = place.mention, place.entry
    if (
        m.role != "demonym"
        or e is None
        or e.kind != "country"
        or TERRITORY_AFTER.match(text, m.end) is None
    ):
        return place
    return replace(place, mention=replace(m, role="literal"))


def _learned_places(
    text: str,
    drafts: Sequence[Draft],
    places_by_sent: dict[int, list[Place]],
    starts: Sequence[int],
    recognition: Recognition,
    main: Place | None,
) -> None:
    """Place the events the rules left unplaced with the learned finder, sentence by sentence
    (the finder sees only the event's own sentence: linear in the article). A sentence whose
    only places are the article's main place is left to inheritance, which gives the same
    place."""
    pending: dict[tuple[int, int], list[Draft]] = {}
    for d in drafts:
        if d.place is None and d.merged_into is None:
            pending.setdefault(d.sent, []).append(d)
    mentions = sorted(recognition.mentions, key=lambda m: m.start)
    mention_starts = [m.start for m in mentions]
    for (s0, s1), ds in pending.items():
        si = max(bisect_right(starts, s0) - 1, 0)
        sp = [p for p in places_by_sent.get(si, []) if p.entry is not None]
        main_id = main.entry.id if main is not None and main.entry is not None else None
        if not sp or all(p.entry is not None and p.entry.id == main_id for p in sp):
            continue
        # the sentence's own mentions (found by offset: linear in the article)
        lo, hi = bisect_left(mention_starts, s0), bisect_left(mention_starts, s1)
        sub = Recognition(
            text[s0:s1],
            [
                replace(m, start=m.start - s0, end=m.end - s0)
                for m in mentions[lo:hi]
                if m.end <= s1
            ],
            recognition.candidates,
            [(0, s1 - s0)],
            recognition.people,
        )
        spans = locate(sub.text, [(d.trig.start - s0, d.trig.end - s0) for d in ds], sub)
        for d, found in zip(ds, spans, strict=True):
            for a, b in found:
                hit = next(
                    (p for p in sp if p.mention.start < b + s0 and a + s0 < p.mention.end), None
                )
                if hit is not None:
                    d.place, d.place_how = hit, "learned"
                    break


def _sentence_drafts(
    article: Article,
    sentence: str,
    span: tuple[int, int],
    trigs: list[Trig],
    sp: list[Place],
    people: People,
    anchor: date | None,
) -> list[Draft]:
    """The drafts of one sentence's triggers (one per category and clause)."""
    s0, s1 = span
    low = sentence.lower()
    future_sentence = bool(FUTURE_SENTENCE.search(low))
    refs = find_all(sentence, article.published, anchor=anchor, future=future_sentence)
    rels = [t.start - s0 for t in trigs]
    bounds = segments(sentence, rels, refs)
    sent_drafts: list[Draft] = []
    for k, trig in enumerate(trigs):
        rel = rels[k]
        modality = modality_of(sentence, rel, trig)
        if modality is None:
            continue  # negated
        place, how = attach(trig, sp, sentence, s0)
        category = refine_category(trig.category, low, place)
        domain = domain_of(low, category, place)
        time = time_for(refs, rel, rels, sentence)
        seg = bounds[k]
        seg_places = [p for p in sp if seg[0] <= p.mention.start - s0 < seg[1]]
        actors, names = actors_of(sentence, s0, seg_places, people, trig, place, seg)
        if not names and sent_drafts and ANAPHORIC_SUBJECT.search(sentence[seg[0] : rel].lower()):
            prev_d = sent_drafts[-1]
            names = set(prev_d.people)
            actors = [a for a in prev_d.actors if a.kind != "organisation"] + [
                a for a in actors if a not in prev_d.actors
            ]
        d = Draft(
            trig,
            (s0, s1),
            category,
            domain,
            modality,
            time,
            place,
            how,
            actors,
            names,
            is_definite(sentence, rel),
        )
        d.sources.append(_source(article, s0, s1, trig))
        # one incident per category and clause: "met in Taiwan in a virtual meeting"
        prev = next((x for x in reversed(sent_drafts) if x.category == category), None)
        if prev is not None and not separate(prev, d):
            fold(prev, d, keep_sources=False)
            continue
        sent_drafts.append(d)
    if any(d.category == "protest_unrest" and d.modality == "asserted" for d in sent_drafts):
        # "protesters ... demanding X", "rallied, condemning Y": the demand is what the protest
        # says, not an event of its own
        sent_drafts = [d for d in sent_drafts if d.category not in _PROTEST_CONTENT]
    return sent_drafts


def _source(article: Article, s0: int, s1: int, trig: Trig) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "title": article.title,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "sentence": article.text[s0:s1],
        "sentence_start": s0,
        "sentence_end": s1,
        "trigger": trig.text,
        "trigger_start": trig.start,
        "trigger_end": trig.end,
    }


def _finish(
    article: Article,
    d: Draft,
    names_of_countries: dict[str, str],
    near_stems: set[str],
    in_lede: bool = False,
    event_stems: set[str] | None = None,
) -> Incident:
    s0, s1 = d.sent
    actors = []
    for a in d.actors:
        if a.kind == "country" and a.country_code in names_of_countries:
            a = Actor(names_of_countries[a.country_code], "country", a.country_code)
        if a not in actors:
            actors.append(a)
    conf = 0.45
    if d.place is not None:
        conf += _PLACE_CONFIDENCE.get(d.place_how, 0.1)
    if d.time.known:
        conf += 0.1
    if actors:
        conf += 0.1
    if in_lede:
        conf += LEDE_CONFIDENCE
    if d.modality != "asserted":
        conf -= 0.15
    where = d.place.entry.name if d.place is not None and d.place.entry is not None else None
    who = ", ".join(a.name for a in actors if a.kind == "country")[:80]
    title = LABELS.get(d.category, d.category)
    if who:
        title += f": {who}"
    if where:
        title += f" ({where})"
    if d.modality != "asserted":
        title += f" [{d.modality}]"
    precision = d.place.precision if d.place is not None else 7
    if d.place_how == "inherited":
        # the event lies somewhere in the article's area, not at its main place's point
        precision = max(precision, INHERITED_PRECISION)
    start, end, time_precision = d.time.start, d.time.end, d.time.precision
    if not d.time.known and d.modality == "asserted" and article.published is not None:
        # a report of an undated event: it happened on or shortly before publication
        start = article.published - timedelta(days=REPORTED_WITHIN_DAYS)
        end, time_precision = article.published, "week"
    plover, cameo, quad = crosswalk(d.category, d.trig.text)
    # the trigger's neighbourhood (its clause and the next), not the whole sentence
    near = article.text[max(s0, d.trig.start - ACLED_WINDOW) : min(s1, d.trig.end + ACLED_WINDOW)]
    acled_type, acled_sub = acled_codes(d.category, d.trig.stem, near, near_stems, event_stems)
    hurt = casualties(article.text[s0:s1]) if d.category not in VERBAL_OR_MEETING else None
    return Incident(
        id=incident_id(article.id, s0, s1, d.category, d.trig.start),
        article_id=article.id,
        category=d.category,
        domain=d.domain,
        title=title,
        sentence=article.text[s0:s1],
        sentence_start=s0,
        sentence_end=s1,
        trigger=d.trig.text,
        actors=tuple(actors),
        start=start,
        end=end,
        time_precision=time_precision,
        modality=d.modality,
        place=d.place,
        geo_precision=precision,
        confidence=round(max(0.05, min(conf, 0.95)), 2),
        sources=tuple(d.sources),
        plover_event=plover,
        cameo_root=cameo,
        quad_class=quad,
        acled_event_type=acled_type,
        acled_sub_event_type=acled_sub,
        fatalities=hurt.killed if hurt else None,
        injured=hurt.injured if hurt else None,
        casualties_at_least=bool(hurt and hurt.at_least),
    )
