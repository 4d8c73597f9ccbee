"""Incidents: who did what, where and when, from one article's text and resolved places.

Rule-based and general (no article-specific rules):

1. **Triggers**: per sentence, event words ("met", "talks", "summit", "crossed", "patrols",
   "warned", "criticized", "sanctions", "shelling", "protest" ...) give a ``category`` from
   docs/MAPS.md (see :mod:`geomap.incidents.lexicon`), with the PLOVER / CAMEO / quad
   crosswalk and a ``domain`` (land, sea, air, cyber, space) from the sentence's words and
   the kind of the event's place.
2. **Modality**: a negated event ("did not meet") is dropped; future ("was to", "will",
   "due to") and hypothetical ("possibly", "hoped", "the possibility of") events are
   flagged and never shown as having happened.
3. **Location**: the place attached to THIS trigger: a literal place mention after a
   locative preposition ("in", "at", "near", "over", "through", "on the island of") or the
   object of a movement verb ("crossed the median line"), in the trigger's clause; a
   sentence-initial "In X," / "At X," applies to the sentence. A place that modifies another
   noun ("warnings ... not to support Russia's war in Ukraine") is not the event's place.
   Verbal events (statements, warnings) by the main event's people with no place of their
   own inherit the main event's place (with lower confidence); otherwise the place is null.
4. **Time**: :mod:`geomap.text.timex` against the publication date ("on Saturday", "last month",
   "two days earlier" relative to the last absolutely dated event, "in November" in a future
   sentence -> next November).
5. **Actors**: people by title ("US Secretary of State Antony Blinken" -> person, US), later
   by surname; countries from associative/demonym mentions and from literal countries that
   are subjects or follow "from"/"between"/"with"; organisations ("... Ministry", "NATO").
6. **Coreference in one article**: "the same meeting in Singapore" gives its place to the
   earlier conference; a second report of the same event (same category, compatible time
   and place, shared actors) is folded into the first, keeping every source sentence.

Also here: :func:`event_locations`, the per-trigger location finder for event-location
corpora (Halterman 2019 format), and :func:`incident_id` (stable ids).
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from geomap.incidents.lexicon import (
    AIR_WORDS,
    CLAUSE_BREAK,
    CROSSWALK,
    CYBER_WORDS,
    FUTURE,
    HABITUAL,
    HYPOTHETICAL,
    NEGATION,
    SEA_KINDS,
    SEA_WORDS,
    SPACE_WORDS,
    TOPIC_CUES,
    TRIGGER_CROSSWALK,
    TRIGGERS,
    VERB_AFTER,
)
from geomap.models import Actor, Article, Incident, Place
from geomap.text.timex import TimeRef, find_all
from geomap.text.tokens import sentences

__all__ = [
    "CATEGORIES",
    "crosswalk",
    "extract_incidents",
    "incident_id",
]

CATEGORIES = tuple(CROSSWALK)

_VERBAL = {"statement_accusation", "threat_warning", "agreement_cooperation"}
_MEETING = {"diplomatic_meeting", "summit_conference"}
_MOVE_TRIGGERS = re.compile(r"^(?:cross\w*|flew|flown|flies|entered|breach\w*|violat\w*|"
                            r"sail\w*|transit\w*|patrol\w*|visit\w*|invaded|marched|stormed)$")
_DEFINITE = {"the", "this", "that", "same", "these", "those"}
_PERSON_TITLES = re.compile(
    r"\b(?:(?:Vice |Deputy |Prime |Foreign |Defen[cs]e |Finance |Trade |Interior |Chief )*"
    r"(?:President|Secretary(?: of (?:State|Defen[cs]e|the Navy|the Treasury|Commerce))?|"
    r"Minister|Premier|Chancellor|General|Gen\.|Admiral|Adm\.|Ambassador|Envoy|Chairman|"
    r"Spokes(?:man|woman|person)|King|Queen|Leader|Senator|Sen\.|Governor|Mayor|Commander)"
    r"(?: of [A-Z][\w]+(?: [A-Z][\w]+)*)?)\s+"
    r"((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})")
_ORG_RE = re.compile(
    r"\b((?:[A-Z][\w-]+\s+){0,3}(?:Ministry|Department|Army|Navy|Air Force|Coast Guard|"
    r"Council|Commission|Agency|Office|Parliament|Congress|Government|Administration|"
    r"Forces|Command)(?:\s+of(?:\s+the)?\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?)\b")
_ACRONYM_ORG = re.compile(r"\b(NATO|ASEAN|EU|UN|G7|G20|WTO|IAEA|AU|OPEC|IMF|WHO|Quad)\b")


# --------------------------------------------------------------------------------------------
# small helpers


def crosswalk(category: str, trigger: str = "") -> tuple[str, str, str]:
    """(PLOVER event, CAMEO root code, quad class) of a category, refined by the trigger."""
    t = trigger.lower()
    for stem, cw in TRIGGER_CROSSWALK.items():
        if t.startswith(stem) or stem in t.split():
            # only refine within the same broad class
            base = CROSSWALK.get(category, CROSSWALK["other"])
            if base[2].split()[-1] == cw[2].split()[-1]:
                return cw
    return CROSSWALK.get(category, CROSSWALK["other"])


def incident_id(article_id: str, sentence_start: int, sentence_end: int, category: str,
                trigger_start: int | None = None) -> str:
    """Stable id: a hash of article id, sentence offsets, category (and trigger offset)."""
    key = f"{article_id}|{sentence_start}|{sentence_end}|{category}"
    if trigger_start is not None:
        key += f"|{trigger_start}"
    return "inc-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(slots=True)
class _Trig:
    start: int  # absolute offsets
    end: int
    text: str
    category: str
    stem: str


@dataclass(slots=True)
class _Draft:
    trig: _Trig
    sent: tuple[int, int]
    category: str
    domain: str
    modality: str
    time: TimeRef
    place: Place | None
    place_how: str  # "attached", "sentence", "inherited", "anaphora", ""
    actors: list[Actor]
    people: set[str]
    definite: bool
    sources: list[dict[str, Any]] = field(default_factory=list)
    merged_into: int | None = None


def find_triggers(sentence: str, offset: int,
                  matches: Sequence[tuple[int, int, int]] | None = None) -> list[_Trig]:
    """Event triggers of one sentence (absolute offsets).

    ``matches`` are (start, end, pattern index) hits of :data:`_COMBINED` on the whole
    lower-cased text (found once per article); without them the sentence is scanned.
    """
    if matches is None:
        matches = [(s + offset, e + offset, k) for s, e, k in _trigger_hits(sentence.lower())]
    out: list[_Trig] = []
    for s, e, k in matches:
        _, cat, stem = TRIGGERS[k]
        rel = s - offset
        word = sentence[rel : e - offset]
        # skip capitalised uses inside names ("Strike Group", "Summit County")
        if word[0].isupper() and rel > 0 and not _sentence_initial(sentence, rel):
            if cat not in _MEETING:
                continue
        if not _event_use(sentence, rel, word):
            continue
        out.append(_Trig(s, e, word, cat, stem))
    return out


# one pass over the text: alternatives in priority order (non-capturing: fast)
_COMBINED = re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in TRIGGERS))


def _trigger_hits(low: str) -> list[tuple[int, int, int]]:
    """(start, end, index into TRIGGERS) of every trigger word of a lower-cased text."""
    out = []
    for m in _COMBINED.finditer(low):
        s, e = m.span()
        for k, (pat, _, _) in enumerate(TRIGGERS):
            m2 = pat.match(low, s)
            if m2 is not None and m2.end() == e:
                out.append((s, e, k))
                break
    return out


# words that are events as nouns but not as verbs ("how to deal with")
_NEED_NOUN = {"deal", "aid", "accord", "threat", "exercise", "exercises"}


def _event_use(sentence: str, pos: int, word: str) -> bool:
    """False for topic, infinitive, quoted or habitual uses of a trigger word."""
    before = sentence[:pos]
    prev = re.findall(r"[\w'’-]+", before.lower())[-1:]
    if word.lower() in _NEED_NOUN and prev and prev[0] in VERB_AFTER:
        return False
    # inside a quotation
    opened = before.count("“") - before.count("”")
    if opened > 0 or (before.count('"') % 2 == 1):
        return False
    clause = re.split(r"[,;:]|\band the\b", before)[-1].lower()
    if re.search(r"\b(?:such as|including|issues|ranging from|discuss\w*|address\w*)\b",
                 before[-160:].split(";")[-1].lower()):
        return False
    if TOPIC_CUES.search(clause):
        return False
    if HABITUAL.search(clause):
        return False
    return True


def _sentence_initial(sentence: str, pos: int) -> bool:
    return not sentence[:pos].strip() or sentence[:pos].rstrip()[-1:] in "\"“‘:(—"


def _modality(sentence: str, rel: int, trig: _Trig) -> str | None:
    """'asserted', 'future', 'hypothetical', or None for a negated event (dropped)."""
    before = sentence[:rel]
    # the clause before the trigger: from the last clause break
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(" but "), before.rfind(":"))
    clause = before[cut + 1 :].lower() if cut >= 0 else before.lower()
    tail = " ".join(clause.split()[-6:])
    if NEGATION.search(tail):
        return None
    after = sentence[rel + len(trig.text) :].lower()
    after_clause = re.split(r"[,;.:]", after, maxsplit=1)[0]
    if re.search(r"\b(?:did not|didn't|never)\b", tail):
        return None
    if HYPOTHETICAL.search(tail) or re.search(r"\bpossibly\b", after_clause[:60]):
        return "hypothetical"
    if FUTURE.search(tail):
        return "future"
    # "a G20 summit in Bali in November" inside a hypothetical sentence part
    if re.search(r"\b(?:possibility|possibly|hope[sd]?|could|might)\b", clause):
        return "hypothetical"
    return "asserted"


def _domain(sentence_low: str, category: str, place: Place | None) -> str:
    if CYBER_WORDS.search(sentence_low):
        return "cyber"
    if SPACE_WORDS.search(sentence_low):
        return "space"
    if category == "airspace_incursion":
        return "air" if AIR_WORDS.search(sentence_low) or place is None or \
            (place.entry is not None and place.entry.kind == "line") else \
            ("sea" if SEA_WORDS.search(sentence_low) else "land")
    if category == "maritime_incident":
        return "sea"
    if AIR_WORDS.search(sentence_low):
        return "air"
    if SEA_WORDS.search(sentence_low) or (
        place is not None and place.entry is not None and place.entry.kind in SEA_KINDS
        and category in {"military_activity", "armed_clash_attack", "coercion_enforcement"}
    ):
        return "sea"
    return "land"


def _refine_category(cat: str, sentence_low: str, place: Place | None) -> str:
    """'cross'/'patrol' words: airspace, maritime or land military activity."""
    kind = place.entry.kind if place is not None and place.entry is not None else None
    air = bool(AIR_WORDS.search(sentence_low))
    sea = bool(SEA_WORDS.search(sentence_low)) or kind in SEA_KINDS
    if cat == "airspace_incursion":
        if air or kind == "line":
            return "airspace_incursion"
        if sea:
            return "maritime_incident"
        return "military_activity"
    if cat == "maritime_incident":
        if sea or "navigation" in sentence_low:
            return "maritime_incident"
        if air:
            return "airspace_incursion"
        return "military_activity"
    return cat


# --------------------------------------------------------------------------------------------
# location attachment

_LOC_PREP = {"in", "at", "near", "over", "through", "across", "into", "off", "inside",
             "outside", "around", "along", "within", "throughout", "onto", "above", "under",
             "beyond", "past", "via", "toward", "towards"}
_STRONG_KINDS = SEA_KINDS | {"line", "island", "archipelago", "zone"}


def _prep_before(sentence: str, rel_start: int) -> tuple[str, str]:
    """(preposition, words between it and the place) before a place mention."""
    words = re.findall(r"[\w'’-]+|[,;:()]", sentence[:rel_start])
    between: list[str] = []
    for w in reversed(words[-6:]):
        lw = w.lower()
        if lw in _LOC_PREP or lw in {"on", "to", "from", "of", "between", "with", "by",
                                     "against", "for", "about"} or w in ",;:()":
            return lw, " ".join(reversed(between))
        between.append(lw)
    return "", " ".join(reversed(between))


def _place_ok_for(trig: _Trig, place: Place, sentence: str, s0: int) -> tuple[bool, str]:
    """Is this place attached to this trigger?  Returns (ok, how)."""
    m = place.mention
    if place.entry is None:
        return False, ""
    if m.role != "literal" and not (m.role == "associative" and m.cue in
                                    {"loc:in", "loc:at", "loc:near"}):
        return False, ""
    rel_p = m.start - s0
    prep, _between = _prep_before(sentence, rel_p)
    kind = place.entry.kind
    if m.start >= trig.end:
        gap = sentence[trig.end - s0 : rel_p]
        words = re.findall(r"[\w'’-]+|[,;:()\"“”]", gap)
        # the clause must not break between trigger and place
        if any(w.lower() in CLAUSE_BREAK or (w in {"to", "not"} and i > 0) for i, w in
               enumerate(words) if w.lower() not in {"as"} or True):
            # "to" directly after the trigger is a direction ("flew to X")
            if not (words and words[0].lower() == "to" and _MOVE_TRIGGERS.match(
                    trig.text.lower()) and len(words) <= 3):
                return False, ""
        if len(words) > 12:
            return False, ""
        if m.cue == "line" or (_MOVE_TRIGGERS.match(trig.text.lower()) and len(words) <= 3
                               and prep in {"", "the"} | _LOC_PREP):
            return True, "attached"
        if prep in _LOC_PREP:
            # "war in Ukraine": the preposition must follow the trigger or its own phrase,
            # not another content noun between them
            pre_words = [w for w in words[:-1] if w not in {"the", "a", "an"}]
            nouns_between = [w for w in pre_words
                             if w.lower() not in _LOC_PREP and w[0].islower() and len(w) > 3
                             and not w.endswith("ly")]
            if len(nouns_between) > 3:
                return False, ""
            return True, "attached"
        if prep == "of" and re.search(r"\b(?:island|city|town|village|province|region|"
                                      r"capital|port|coast|waters|streets|outskirts)\s+of"
                                      r"(?:\s+the)?\s*$", sentence[:rel_p].lower()):
            return True, "attached"
        if prep == "on" and kind in _STRONG_KINDS:
            return True, "attached"
        if prep == "to" and _MOVE_TRIGGERS.match(trig.text.lower()):
            return True, "attached"
        return False, ""
    # place before the trigger: "In Bali, ministers met", "the Taiwan Strait crossing"
    if prep in {"in", "at"}:
        before = sentence[:rel_p]
        if not re.search(r"[,;]", before) and re.search(r"^\W*(?:in|at)\b", before, re.I):
            return True, "sentence"
        gap = sentence[rel_p + len(m.text) : trig.start - s0]
        if len(gap.split()) <= 4 and not re.search(r"[,;]", gap):
            return True, "attached"
    return False, ""


def _attach(trig: _Trig, places: Sequence[Place], sentence: str, s0: int) -> tuple[Place |
                                                                               None, str]:
    best: tuple[int, Place, str] | None = None
    for p in places:
        ok, how = _place_ok_for(trig, p, sentence, s0)
        if not ok:
            continue
        dist = abs(p.mention.start - trig.end)
        if how == "sentence":
            dist += 1000
        # prefer the most precise of nested/adjacent places ("Bali, Indonesia")
        if best is None or dist < best[0]:
            best = (dist, p, how)
    if best is None:
        return None, ""
    return best[1], best[2]


# --------------------------------------------------------------------------------------------
# actors


class _People:
    """People met so far in the article: full name -> country code, surname -> full name."""

    def __init__(self) -> None:
        self.country: dict[str, str | None] = {}
        self.by_part: dict[str, str] = {}

    def add(self, name: str, cc: str | None) -> None:
        if name not in self.country or (cc and not self.country[name]):
            self.country[name] = cc
        for part in name.split():
            if len(part) > 1:
                self.by_part.setdefault(part, name)

    def find(self, sentence: str) -> list[str]:
        out = []
        for m in re.finditer(r"\b[A-Z][\w'’-]+\b", sentence):
            full = self.by_part.get(m.group())
            if full and full not in out:
                out.append(full)
        return out


def _country_of_prefix(prefix: str, places: Sequence[Place], s0: int, start: int
                       ) -> str | None:
    """Country code of a demonym/country mention right before a title ("US Secretary")."""
    for p in places:
        if p.entry is None:
            continue
        if start - 30 <= p.mention.start < start and p.entry.country_code and (
            p.mention.role in {"demonym", "associative"} or p.entry.kind == "country"
        ):
            between = prefix[p.mention.end - s0 :] if p.mention.end - s0 <= len(prefix) else ""
            if len(between.split()) <= 4:
                return p.entry.country_code
    return None


def _actors(
    sentence: str, s0: int, sent_places: Sequence[Place], people: _People,
    trig: _Trig, event_place: Place | None, seg: tuple[int, int],
) -> tuple[list[Actor], set[str]]:
    actors: list[Actor] = []
    names: set[str] = set()
    _learn_people(sentence, s0, sent_places, people)
    for name in people.find(sentence[seg[0] : seg[1]]):
        cc = people.country.get(name)
        actors.append(Actor(name, "person", cc))
        names.add(name)
    # countries
    countries: list[Actor] = []
    for p in sent_places:
        e = p.entry
        if e is None or p is event_place:
            continue
        cc = e.country_code
        if not cc:
            continue
        role = p.mention.role
        rel = p.mention.start - s0
        if event_place is not None and role == "demonym" and \
                0 <= event_place.mention.start - p.mention.end <= 25:
            continue  # "the Indonesian island of Bali": describes the place
        prep, _ = _prep_before(sentence, rel)
        if role in {"associative", "demonym"} or (
            e.kind == "country" and (prep in {"from", "between", "with", "", "and", "of"}
                                     or p.mention.start < trig.start)
        ) or (e.kind == "city" and role == "associative"):
            if all(a.country_code != cc for a in countries):
                countries.append(Actor(_country_name(e), "country", cc))
    actors.extend(countries)
    # organisations
    for m in _ORG_RE.finditer(sentence):
        org = m.group(1).strip()
        if org.split()[0] in {"The", "A", "An", "At", "In", "On"}:
            org = org.split(" ", 1)[1] if " " in org else org
        if not seg[0] <= m.start() < seg[1]:
            continue
        if len(org) > 3 and all(a.name != org for a in actors):
            actors.append(Actor(org, "organisation", None))
    for m in _ACRONYM_ORG.finditer(sentence[seg[0] : seg[1]]):
        if all(a.name != m.group(1) for a in actors):
            actors.append(Actor(m.group(1), "organisation", None))
    return actors, names


def _country_name(e: Any) -> str:
    if e.kind == "country":
        return str(e.name)
    return str(e.country_code or e.name)


# --------------------------------------------------------------------------------------------
# extraction


def extract_incidents(
    article: Article,
    places: Sequence[Place],
    sents: Sequence[tuple[int, int]] | None = None,
) -> list[Incident]:
    """Incidents of one article from its text, its resolved places and (when the recogniser
    has them already) its sentence spans (see module doc)."""
    text = article.text
    sents = list(sents) if sents is not None else sentences(text)
    starts = [s for s, _ in sents]
    places_by_sent: dict[int, list[Place]] = {}
    for p in places:
        si = max(bisect_right(starts, p.mention.start) - 1, 0)
        places_by_sent.setdefault(si, []).append(p)
    country_names = _country_names(places)

    people = _People()
    drafts: list[_Draft] = []
    pub = article.published
    anchor: date | None = None  # date of the last absolutely dated event
    hits = _trigger_hits(text.lower())
    hit_starts = [h[0] for h in hits]
    for si, (s0, s1) in enumerate(sents):
        sentence = text[s0:s1]
        k0 = bisect_right(hit_starts, s0 - 1)
        k1 = bisect_right(hit_starts, s1 - 1)
        if k0 >= k1:
            _learn_people(sentence, s0, places_by_sent.get(si, []), people)
            continue
        if si == 0 and article.title and sentence.strip().startswith(article.title.strip()[:40]):
            continue  # the headline restates the story; the body gives time and place
        trigs = find_triggers(sentence, s0, [h for h in hits[k0:k1] if h[1] <= s1])
        sp = places_by_sent.get(si, [])
        if not trigs:
            _learn_people(sentence, s0, sp, people)
            continue
        low = sentence.lower()
        future_sentence = bool(re.search(r"\b(?:will|would|was to|due to|possibly|next)\b", low))
        refs = find_all(sentence, pub, anchor=anchor, future=future_sentence)
        rels = [t.start - s0 for t in trigs]
        bounds = _segments(sentence, rels, refs)
        sent_drafts: list[_Draft] = []
        for k, trig in enumerate(trigs):
            rel = rels[k]
            modality = _modality(sentence, rel, trig)
            if modality is None:
                continue  # negated
            place, how = _attach(trig, sp, sentence, s0)
            category = _refine_category(trig.category, low, place)
            domain = _domain(low, category, place)
            time = _time_for(refs, rel, rels, sentence)
            seg = bounds[k]
            seg_places = [p for p in sp if seg[0] <= p.mention.start - s0 < seg[1]]
            actors, names = _actors(sentence, s0, seg_places, people, trig, place, seg)
            if not names and sent_drafts and re.search(
                    r"\b(?:they|both|he|she|the two)\b", sentence[seg[0] : rel].lower()):
                prev_d = sent_drafts[-1]
                names = set(prev_d.people)
                actors = [a for a in prev_d.actors if a.kind != "organisation"] + [
                    a for a in actors if a not in prev_d.actors]
            d = _Draft(trig, (s0, s1), category, domain, modality, time, place, how, actors,
                       names, _is_definite(sentence, rel))
            d.sources.append(_source(article, text, s0, s1, trig))
            # one incident per category and clause: "met in Taiwan in a virtual meeting"
            prev = next((x for x in reversed(sent_drafts) if x.category == category), None)
            if prev is not None and not _separate(prev, d):
                _fold(prev, d, keep_sources=False)
                continue
            sent_drafts.append(d)
        _sidelines(sentence, s0, sent_drafts)
        for d in sent_drafts:
            if d.time.known and not d.time.relative and d.modality == "asserted":
                anchor = d.time.start
        drafts.extend(sent_drafts)
        if anchor is None and pub is not None:
            anchor = pub
    drafts = _corefer(drafts)
    return [_finish(article, d, country_names) for d in drafts if d.merged_into is None]


def _learn_people(sentence: str, s0: int, sp: Sequence[Place], people: _People) -> None:
    """Remember titled people ("Defence Minister Jane Doe") met in a sentence."""
    for m in _PERSON_TITLES.finditer(sentence):
        name = m.group(1)
        if name.split()[0] in {"The", "Of"} or len(name) < 3:
            continue
        people.add(name, _country_of_prefix(sentence[: m.start()], sp, s0, s0 + m.start()))


def _segments(sentence: str, rels: list[int], refs: list[TimeRef]) -> list[tuple[int, int]]:
    """Sentence-relative [a, b) region of each trigger, cut at clause-scoped time phrases."""
    cuts = sorted({r.offset for r in refs if r.scope == "following"}
                  | {m.start() for m in re.finditer(r";", sentence)})
    out = []
    for rel in rels:
        a = max([c for c in cuts if c <= rel], default=0)
        b = min([c for c in cuts if c > rel], default=len(sentence))
        out.append((a, b))
    return out


def _country_names(places: Sequence[Place]) -> dict[str, str]:
    names: dict[str, str] = {}
    for p in places:
        if p.entry is not None and p.entry.kind == "country" and p.entry.country_code:
            names[p.entry.country_code] = p.entry.name
    return names


def _is_definite(sentence: str, rel: int) -> bool:
    words = re.findall(r"[\w'’-]+", sentence[:rel].lower())[-3:]
    return any(w in _DEFINITE for w in words) and not any(
        w in {"a", "an"} for w in words[-1:]
    )


def _time_for(refs: list[TimeRef], rel: int, rels: list[int], sentence: str = "") -> TimeRef:
    """The time expression of a trigger at ``rel``: a clause-scoped one before it, or a
    sentence-scoped one that belongs to it (see :func:`_owner`)."""
    # "the ministry said on Saturday that planes crossed ... on Friday": the time right after
    # a reporting verb dates the report, not the event
    refs = [r for r in refs if not _REPORTED_AT.search(sentence[max(0, r.offset - 30):r.offset])]
    following = [r for r in refs if r.scope == "following" and r.offset < rel]
    if following:
        return following[-1]
    mine = [r for r in refs if r.scope == "sentence" and _owner(r.offset, rels, sentence) == rel]
    if not mine:
        return TimeRef(None, None, "unknown")
    return min(mine, key=lambda r: abs(r.offset - rel))


_REPORTED_AT = re.compile(
    r"\b(?:said|says|told|announced|reported|stated|added|confirmed|disclosed|revealed)"
    r"(?:\s+\w+){0,2}\s*$", re.IGNORECASE)


def _owner(offset: int, rels: list[int], sentence: str) -> int:
    """The trigger a time phrase at ``offset`` belongs to: the last trigger before it in the
    same clause ("protested in Nairobi on Tuesday, demanding ..."), else the nearest."""
    before = [r for r in rels if r < offset and not re.search(r"[,;]", sentence[r:offset])]
    if before:
        return before[-1]
    return min(rels, key=lambda x: abs(x - offset))


def _separate(a: _Draft, b: _Draft) -> bool:
    """Two same-category triggers of one sentence are two events?"""
    if a.time.scope != b.time.scope and (a.time.known or b.time.known):
        return True
    if a.time.known and b.time.known and a.time.start != b.time.start:
        return True
    if a.place is not None and b.place is not None and \
            a.place.entry is not None and b.place.entry is not None and \
            a.place.entry.id != b.place.entry.id:
        return True
    return a.modality != b.modality


def _sidelines(sentence: str, s0: int, ds: list[_Draft]) -> None:
    """"a meeting ... on the sidelines of a summit in Bali": the meeting is where and when
    the summit is."""
    for i, d in enumerate(ds):
        for e in ds[i + 1 :]:
            gap = sentence[d.trig.end - s0 : e.trig.start - s0].lower()
            if len(gap.split()) <= 24 and re.search(r"\b(?:sidelines of|during|on the margins "
                                                    r"of|ahead of)\b", gap):
                if d.place is None and e.place is not None:
                    d.place, d.place_how = e.place, "attached"
                if not d.time.known and e.time.known:
                    d.time = e.time
                break


def _fold(into: _Draft, d: _Draft, *, keep_sources: bool = True) -> None:
    if into.place is None and d.place is not None:
        into.place, into.place_how = d.place, d.place_how
        if into.category in _MEETING | {"military_activity"} and d.domain != "land":
            into.domain = d.domain
    if not into.time.known and d.time.known:
        into.time = d.time
    for a in d.actors:
        if a not in into.actors:
            into.actors.append(a)
    into.people |= d.people
    if keep_sources:
        for s in d.sources:
            if s not in into.sources:
                into.sources.append(s)


def _anaphora(into: _Draft, d: _Draft) -> None:
    """A definite reference adds its place (and its sentence) to the antecedent, no actors."""
    if into.place is None and d.place is not None:
        into.place, into.place_how = d.place, "anaphora"
        for src in d.sources:
            if src not in into.sources:
                into.sources.append(src)


def _same_place(a: Place | None, b: Place | None) -> bool:
    if a is None or b is None or a.entry is None or b.entry is None:
        return True
    return a.entry.id == b.entry.id


def _group(cat: str) -> str:
    return "meeting" if cat in _MEETING else cat


def _corefer(drafts: list[_Draft]) -> list[_Draft]:
    """Fold anaphoric mentions ("the same meeting") and repeated reports into one."""
    lead = next((i for i, d in enumerate(drafts) if d.modality == "asserted"), None)
    for i, d in enumerate(drafts):
        if d.merged_into is not None:
            continue
        cands = [j for j in range(i) if drafts[j].merged_into is None
                 and _group(drafts[j].category) == _group(d.category)
                 and _same_place(drafts[j].place, d.place)
                 and (not d.time.known or not drafts[j].time.known
                      or drafts[j].time.start == d.time.start)]
        if not cands:
            continue
        if d.definite and not d.time.known:
            # "the same meeting in Singapore" -> the nearest; "the meeting" -> the most
            # salient (most shared people, then the earliest)
            same = re.search(r"\bsame\b", d.sources[0]["sentence"][: d.trig.start
                                                                 - d.sent[0]][-30:])
            # named participants not in the antecedent ("the meeting between Li and
            # Milley"): another event
            after = d.sources[0]["sentence"][d.trig.end - d.sent[0] :][:60]
            named = re.match(r"\s+(?:between|with)\s+([A-Z][\w-]+)", after)
            if named and not any(named.group(1) in p for j in cands for p in drafts[j].people):
                continue
            if not cands:
                continue
            if same:
                j = cands[-1]
            else:
                j = max(cands, key=lambda x: (len(drafts[x].people & d.people), -x))
            a = drafts[j]
            if d.modality == "asserted" or a.modality == d.modality:
                _anaphora(a, d)
            d.merged_into = j
            continue
        if d.category != drafts[cands[-1]].category and not d.definite:
            cands = [j for j in cands if drafts[j].category == d.category]
        for j in reversed(cands):
            a = drafts[j]
            if a.modality != d.modality or a.category != d.category:
                continue
            people = bool(a.people & d.people)
            lead_rule = (j == lead and not d.time.known and _actor_overlap(a.actors, d.actors))
            if people or lead_rule:
                _fold(a, d)
                d.merged_into = j
                break
    # verbal events by the main event's people with no place inherit its place
    main = next((d for d in drafts if d.merged_into is None and d.place is not None
                 and d.modality == "asserted" and d.category in _MEETING), None)
    if main is not None:
        for d in drafts:
            if d.merged_into is not None or d.place is not None or d is main:
                continue
            if d.category not in _VERBAL:
                continue
            time_ok = not d.time.known or d.time.start == main.time.start
            if time_ok and d.people & main.people:
                d.place, d.place_how = main.place, "inherited"
    return drafts


def _actor_overlap(a: Sequence[Actor], b: Sequence[Actor]) -> bool:
    ka = {(x.kind, x.country_code or x.name) for x in a if x.kind != "organisation"}
    kb = {(x.kind, x.country_code or x.name) for x in b if x.kind != "organisation"}
    if not ka or not kb:
        return not ka and not kb
    return bool(ka & kb)


def _source(article: Article, text: str, s0: int, s1: int, trig: _Trig) -> dict[str, Any]:
    return {
        "article_id": article.id,
        "title": article.title,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "sentence": text[s0:s1],
        "sentence_start": s0,
        "sentence_end": s1,
        "trigger": trig.text,
        "trigger_start": trig.start,
        "trigger_end": trig.end,
    }


_LABEL = {
    "diplomatic_meeting": "Diplomatic meeting", "summit_conference": "Summit / conference",
    "agreement_cooperation": "Agreement / cooperation",
    "statement_accusation": "Statement / accusation", "threat_warning": "Threat / warning",
    "military_activity": "Military activity", "airspace_incursion": "Airspace incursion",
    "maritime_incident": "Maritime incident", "sanctions_trade": "Sanctions / trade",
    "coercion_enforcement": "Coercion / enforcement", "armed_clash_attack": "Armed clash / attack",
    "protest_unrest": "Protest / unrest", "other": "Other",
}


def _finish(article: Article, d: _Draft, country_names: dict[str, str]) -> Incident:
    s0, s1 = d.sent
    actors = []
    for a in d.actors:
        if a.kind == "country" and a.country_code in country_names:
            a = Actor(country_names[a.country_code], "country", a.country_code)
        if a not in actors:
            actors.append(a)
    conf = 0.45
    if d.place is not None:
        conf += {"attached": 0.25, "sentence": 0.2, "anaphora": 0.15,
                 "inherited": 0.05}.get(d.place_how, 0.1)
    if d.time.known:
        conf += 0.1
    if actors:
        conf += 0.1
    if d.modality != "asserted":
        conf -= 0.15
    where = d.place.entry.name if d.place is not None and d.place.entry is not None else None
    who = ", ".join(a.name for a in actors if a.kind == "country")[:80]
    title = _LABEL.get(d.category, d.category)
    if who:
        title += f": {who}"
    if where:
        title += f" ({where})"
    if d.modality != "asserted":
        title += f" [{d.modality}]"
    precision = d.place.precision if d.place is not None else 7
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
        start=d.time.start,
        end=d.time.end,
        time_precision=d.time.precision,
        modality=d.modality,
        place=d.place,
        geo_precision=precision,
        confidence=round(max(0.05, min(conf, 0.95)), 2),
        sources=tuple(d.sources),
    )
