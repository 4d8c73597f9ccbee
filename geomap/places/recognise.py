"""Find place mentions in text: spans with character offsets, no resolution.

A gazetteer-driven recogniser with general context rules:

* capitalised token runs (with "of", "de", "al" ... inside) are looked up as n-grams in
  one batched gazetteer query, longest match first;
* people are spotted by titles ("Secretary of Defense Lloyd Austin"), first names
  ("Daniel Russel") and name shapes, and their names are then kept off the map for the
  rest of the article ("Austin said" later is the person, not the city);
* organisations ("... Group", "... University") hold place names as associative uses;
* demonyms ("Chinese") and metonymy ("Washington said") get their own role;
* common English words at the start of a sentence or in a headline ("Just", "Top")
  need strong support to count as places;
* "X, Y" gives X a container hint; a following "province", "county", "city" gives a cue.

Finding (this module) is kept apart from resolving (:mod:`geomap.places.resolve`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib.resources import files
from itertools import pairwise
from typing import Protocol

from geomap.models import LOCAL_CUES, Entry, Mention, Role
from geomap.text.normalise import normalise
from geomap.text.tokens import Token, sentences, tokenize


class Lookup(Protocol):
    """What the recogniser needs from a gazetteer."""

    def lookup(self, keys: Iterable[str]) -> dict[str, list[tuple[Entry, str]]]: ...


Candidates = dict[str, list[tuple[Entry, str]]]

MAX_NGRAM = 7
CONNECTORS = {"of", "de", "del", "della", "da", "do", "dos", "das", "la", "le", "les", "du",
              "al", "el", "upon", "on", "the", "di", "van", "von", "den", "der", "y"}
# words that continue a title: "Secretary of State", "Foreign Minister", "Vice President"
TITLE_CONT = {"foreign", "defense", "defence", "state", "interior", "home", "finance",
              "prime", "deputy", "vice", "assistant", "attorney", "surgeon", "chief", "staff",
              "affairs", "security", "justice", "trade", "commerce", "treasury", "energy",
              "health", "education", "transportation", "labor", "labour", "agriculture",
              "homeland", "national", "general", "executive", "first", "senior", "former",
              "acting", "lieutenant", "major", "rear", "supreme", "grand", "crown"}
TITLE_WORDS = {
    "president", "vice", "secretary", "minister", "premier", "chancellor", "general", "gen",
    "admiral", "adm", "colonel", "col", "lt", "lieutenant", "sgt", "sergeant", "capt", "captain",
    "major", "commander", "mr", "mrs", "ms", "miss", "dr", "sen", "senator", "rep",
    "representative", "congressman", "congresswoman", "gov", "governor", "mayor", "chairman",
    "chairwoman", "chair", "judge", "justice", "prince", "princess", "king", "queen", "pope",
    "sheikh", "ambassador", "envoy", "commissioner", "director", "officer", "detective",
    "sheriff", "coach", "professor", "prof", "rev", "reverend", "father", "sister", "brother",
    "deputy", "spokesman", "spokeswoman", "spokesperson", "attorney", "councilman",
    "councilwoman", "councillor", "trooper", "chief", "ceo", "founder", "leader", "emir",
    "ayatollah", "marshal", "sir", "lord", "lady", "dame", "cardinal", "bishop", "rabbi",
    "imam", "superintendent", "principal", "dean", "pastor", "agent", "pres", "supt",
}
ORG_WORDS = {
    "group", "university", "college", "school", "academy", "institute", "party", "ministry",
    "council", "committee", "company", "corp", "corporation", "inc", "ltd", "llc", "bank",
    "times", "post", "news", "herald", "tribune", "journal", "gazette", "press", "airlines",
    "airways", "association", "agency", "department", "court", "club", "church", "hospital",
    "foundation", "fund", "union", "army", "navy", "force", "forces", "police", "office",
    "administration", "commission", "service", "services", "chiefs", "staff", "guard",
    "federation", "league", "society", "network", "media", "telegraph", "observer", "daily",
    "magazine", "review", "records", "studios", "motors", "energy", "airport", "station",
    "stadium", "center", "centre", "museum", "library", "hotel", "restaurant", "bureau",
    "board", "authority", "organization", "organisation", "alliance", "coalition", "front",
    "movement", "brigade", "battalion", "regiment", "command", "cup", "open", "championship",
    "senate", "assembly", "parliament", "congress", "cabinet", "embassy", "consulate",
    "high", "elementary", "fc", "team", "county-wide", "district", "capital", "fire",
}
PERSON_VERBS = {"said", "says", "told", "added", "wrote", "tweeted", "explained", "noted",
                "argued", "stated", "asked", "replied", "recalled"}
# verbs after a country or capital that make it an actor, not a location
ASSOCIATIVE_VERBS = PERSON_VERBS | {
    "has", "had", "have", "is", "was", "wants", "wanted", "considers", "considered", "claims",
    "claimed", "accused", "accuses", "warned", "warns", "urged", "urges", "demanded",
    "demands", "denied", "denies", "announced", "announces", "insists", "insisted",
    "believes", "sees", "hopes", "hoped", "refused", "refuses", "rejected", "rejects",
    "condemned", "condemns", "criticized", "criticised", "signed", "agreed", "vowed",
    "threatened", "responded", "sent", "imposed", "launched", "will", "would", "could",
    "should", "must", "may", "might", "can", "did", "does", "plans", "planned", "seeks",
    "sought", "supports", "supported", "backed", "backs", "opposes", "opposed", "called",
}
CUE_WORDS = {"province": "admin1", "state": "admin1", "county": "admin2", "city": "city",
             "town": "city", "village": "city", "island": "island", "islands": "archipelago",
             "region": "region", "district": "admin2", "prefecture": "admin1",
             "governorate": "admin1", "oblast": "admin1", "parish": "admin2",
             "municipality": "admin2", "township": "city", "borough": "city",
             "airport": "airport"}
LOCATIVE = {"in", "at", "near", "from", "to", "into", "across", "outside", "inside", "around",
            "toward", "towards", "throughout", "within", "via", "through", "off",
            "over", "visited", "visit", "visiting", "entered", "between", "north", "south",
            "east", "west", "northern", "southern", "eastern", "western", "central", "of"}
# "the median line", "the centre line of the Taiwan Strait": lowercase line names
_LINE_RE = re.compile(
    # "the Taiwan Strait median line" | "the centre line of the Taiwan Strait" | "median line"
    r"\b(?:((?:[A-Z][\w'-]*\s+)*(?:Strait|Channel))\s+)?(?:median|centre|center|middle)"
    r"\s+line(?:\s+(?:of|in|across)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'-]*\s+)*(?:Strait|Channel|Sea|Gulf|Bay)))?",
)
_LINE_WORDS = ("median line", "centre line", "center line")
# numbered roads: "Highway 19", "County Road 43", "Interstate 45", "US-24", "KY 52", "W.Va. 61"
#: US postal codes of the states, as used before a route number ("KY 52").
US_STATE_CODES = (
    "AK", "AL", "AR", "AZ", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "IA", "ID", "IL", "IN",
    "KS", "KY", "LA", "MA", "MD", "ME", "MI", "MN", "MO", "MS", "MT", "NC", "ND", "NE", "NH",
    "NJ", "NM", "NV", "NY", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VA",
    "VT", "WA", "WI", "WV", "WY",
)
_ROAD_RE = re.compile(
    r"\b(?:(?:(?:State |U\.S\. |US )?(?:Highway|Route|Hwy\.?|Interstate|County Road|"
    r"State Road|Farm[- ]to[- ]Market Road))[- ]?\d{1,4}"
    r"|(?:SR|FM|I|" + "|".join(US_STATE_CODES)
    + r"|(?!U\.S\.)[A-Z][a-z]?\.\s?[A-Z][a-z]?\.)[- ]\d{1,3})[A-Z]?\b"
)


def _census(word: str) -> str:
    """A word as the census name lists spell it ("McGregor" -> "Mcgregor")."""
    return word[:1].upper() + word[1:].lower()


@lru_cache(maxsize=1)
def _surnames() -> frozenset[str]:
    res = files("geomap.resources")
    return frozenset(res.joinpath("lexicon/last_names.txt").read_text("utf-8").split())


@lru_cache(maxsize=1)
def _lexicons() -> tuple[frozenset[str], dict[str, float], dict[str, str]]:
    """First names, common words (with Zipf frequency) and demonyms.

    A demonym maps to an ISO country code ("CN") or to "@Place name" for continents,
    regions and states ("European" -> "@Europe").
    """
    res = files("geomap.resources")
    first = frozenset(
        n.strip() for n in res.joinpath("lexicon/first_names.txt").read_text("utf-8").split()
    )
    common: dict[str, float] = {}
    for line in res.joinpath("lexicon/common_words.tsv").read_text("utf-8").splitlines():
        w, _, z = line.partition("\t")
        if z:
            common[w] = float(z)
    demonyms: dict[str, str] = {}
    dem_file = res.joinpath("demonyms.tsv")
    if dem_file.is_file():
        for line in dem_file.read_text("utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) >= 2 and parts[0] and not line.startswith("#"):
                if parts[0].lower() == "demonym":
                    continue
                demonyms[normalise(parts[0])] = parts[1].strip().upper()
    # the more precise reading wins: "English" -> England, "Tibetan" -> Tibet (not GB, CN)
    for line in res.joinpath("demonyms_regions.tsv").read_text("utf-8").splitlines():
        dem, _, place = line.partition("\t")
        if place and not line.startswith("#") and dem != "demonym":
            demonyms[normalise(dem)] = "@" + place.strip()
    # "African Americans": Americans of an origin (US); "Latin American" and "North American"
    # keep their own entries; "Russian-American" (relations) stays two demonyms
    for dem in [d for d in demonyms if " " not in d and "-" not in d]:
        for tail in ("american", "americans"):
            demonyms.setdefault(f"{dem} {tail}", "US")
    return first, common, demonyms


def demonym_target(key: str) -> str | None:
    """ISO country code, or "@Place name", that a demonym key refers to."""
    return _lexicons()[2].get(key)


@dataclass(slots=True)
class Recognition:
    """Mentions found in one text, plus the gazetteer candidates that were looked up."""

    text: str
    mentions: list[Mention]
    candidates: Candidates
    sentences: list[tuple[int, int]]
    people: set[str] = field(default_factory=set)


def _is_cap(tok: Token) -> bool:
    return tok.cap


def _runs(tokens: list[Token], text: str) -> list[tuple[int, int]]:
    """Index ranges [i, j) of capitalised runs, connectors allowed inside."""
    runs: list[tuple[int, int]] = []
    n = len(tokens)
    i = 0
    while i < n:
        if not _is_cap(tokens[i]) or not tokens[i].text[0].isalpha():
            i += 1
            continue
        j = i + 1
        while j < n:
            t = tokens[j]
            gap = text[tokens[j - 1].end : t.start]
            if "\n" in gap or len(gap) > 1 or t.sent != tokens[i].sent:
                break
            if _is_cap(t) and t.text[0].isalpha():
                j += 1
                continue
            prev_t = tokens[j - 1].text
            if t.text == "." and (prev_t.lower() in {"st", "mt", "ft", "pt", "ste"}
                                  or (len(prev_t) == 1 and prev_t.isupper())):
                # "St. Louis", "W. Va.": the period belongs to the name
                j += 1
                continue
            if t.text.lower() in CONNECTORS and j + 1 < n and _is_cap(tokens[j + 1]):
                j += 1
                continue
            if t.text.lower() == "the" or (
                t.text.lower() in CONNECTORS and j + 1 < n and tokens[j + 1].text.lower() == "the"
            ):
                j += 1
                continue
            break
        # trim trailing connectors
        while j > i + 1 and not _is_cap(tokens[j - 1]):
            j -= 1
        runs.append((i, j))
        i = j
    return runs


def _headlines(tokens: list[Token]) -> set[int]:
    """Sentences written in Title Case (headlines): capitals there say nothing."""
    n: dict[int, int] = {}
    caps: dict[int, int] = {}
    for t in tokens:
        w = t.text
        if len(w) > 3 and w[0].isalpha():
            n[t.sent] = n.get(t.sent, 0) + 1
            if t.cap:
                caps[t.sent] = caps.get(t.sent, 0) + 1
    return {s for s, k in n.items() if k >= 3 and caps.get(s, 0) >= 0.8 * k}


def recognise(text: str, gazetteer: Lookup) -> Recognition:
    """Find place mentions in ``text`` using ``gazetteer`` for names.

    Returns a :class:`Recognition`: mentions sorted by offset (roles literal, associative
    or demonym) and the candidate entries per looked-up key.
    """
    first_names, common, demonyms = _lexicons()
    sents = sentences(text)
    tokens = tokenize(text, sents)
    runs = _runs(tokens, text)
    headlines = _headlines(tokens)

    # 1. every n-gram of every run (and hyphen parts) -> one batched lookup
    keys: set[str] = set()
    for i, j in runs:
        for a in range(i, j):
            if not _is_cap(tokens[a]):
                continue
            for b in range(a + 1, min(j, a + MAX_NGRAM) + 1):
                last = tokens[b - 1]
                if _is_cap(last) or last.text == ".":
                    keys.add(normalise(text[tokens[a].start : last.end]))
                    if b > a + 1 and "-" in last.text:  # "Los Angeles-based"
                        hy = last.text.find("-")
                        keys.add(normalise(text[tokens[a].start : last.start + hy]))
            if "-" in tokens[a].text:
                keys.update(normalise(p) for p in tokens[a].text.split("-") if p)
                head = tokens[a].start + tokens[a].text.rfind("-") + 1
                for b in range(a + 2, min(j, a + 4) + 1):  # "DPRK-South Korea"
                    keys.add(normalise(text[head : tokens[b - 1].end]))
            cue = tokens[j].text.lower() if j < len(tokens) else ""
            if cue in CUE_WORDS:
                keys.add(normalise(text[tokens[a].start : tokens[j].end]))
    prefixed = list(_PREFIXED.finditer(text))
    keys.update(normalise(m.group(1)) for m in prefixed)
    line_hits = list(_LINE_RE.finditer(text))
    for m in line_hits:
        keys.update(_line_keys(m))
    joined = _joined_names(text, tokens, runs)
    keys.update(k for k, _ in joined)
    cands = gazetteer.lookup(keys) if keys else {}
    runs = _merge_joined(runs, [r for k, r in joined if k in cands and r[0] >= 0])

    people: set[str] = set()
    mentions: list[Mention] = []
    taken = _Spans(len(text))
    deferred: list[Mention] = []

    # 2a. numbered roads, placed later in the article's main place
    for m in _ROAD_RE.finditer(text):
        if not any(a < m.end() and m.start() < b for a, b in taken):
            mentions.append(Mention(m.start(), m.end(), m.group(), normalise(m.group()),
                                    "literal", cue="street"))
            taken.append((m.start(), m.end()))

    # 2b. lines such as "the center line of the Taiwan Strait"
    for m in line_hits:
        key = next((k for k in _line_keys(m) if k in cands), None)
        if key is None:
            continue
        if m.group(1) is None and m.group(2) is None and not _line_context_ok(
                text, m.start(), sents):
            continue
        mentions.append(Mention(m.start(), m.end(), m.group(), key, "literal", cue="line"))
        taken.append((m.start(), m.end()))

    # 3. runs: people and organisations first, then longest gazetteer matches
    for i, j in runs:
        run = tokens[i:j]
        words = [t.text for t in run]
        low = [w.lower().rstrip(".") for w in words]
        head = 1 if low[0] == "the" and len(run) > 2 else 0
        if low[head] in VESSEL_PREFIXES and len(run) >= head + 2:
            continue  # "USS Ronald Reagan", "BRP Sierra Madre": ships, not places
        full_key = normalise(text[run[0].start : run[-1].end])
        full_match = full_key in cands
        person = _people_in_run(run, words, low, full_match, first_names, cands, text,
                                demonyms)
        if not person and j < len(tokens) and tokens[j].text.lower() in PERSON_VERBS:
            # "Daniel Russel said": a two/three-word name that is not a place
            if 2 <= len(run) <= 3 and not full_match and all(_is_cap(t) for t in run):
                person = set(range(len(run)))
        if (not person and i > 0 and tokens[i - 1].text.lower() in SPEECH_VERBS
                and (j == len(tokens) or tokens[j].text in {".", ","})
                and len(run) <= 3 and all(_is_cap(t) for t in run)
                and not _strong_place(full_key, cands, demonyms)
                and not any(e.population >= 100_000 for e, _ in cands.get(full_key, []))):
            # '..., said Noma.': the speaker ("told DeSmog Canada": not Canada)
            person = {k for k in range(len(run))
                      if not _strong_place(normalise(run[k].text), cands, demonyms)}
        for k in person:
            if not _strong_place(normalise(run[k].text), cands, demonyms):
                people.add(run[k].text)
        org = not full_match and len(run) >= 2 and (
            low[-1] in ORG_WORDS
            # "Ministry of Commerce", "University of California", "Bank of America"
            or (low[0] in ORG_WORDS and len(run) >= 3 and low[1] == "of")
        )
        n_before = len(mentions)
        _match_run(
            text, tokens, i, j, person, org, cands, common, demonyms, people,
            headlines, mentions, taken, deferred, low,
        )
        if len(mentions) == n_before and not person and not org:
            unknown = _unknown_after_locative(text, tokens, i, j, first_names, common, taken,
                                              cands)
            if unknown is not None:
                mentions.append(unknown)
                taken.append((unknown.start, unknown.end))

    # 3b. "anti-Russian", "pro-Moscow": a demonym or place after a lower-case prefix
    for m in prefixed:
        s0, e0 = m.span(1)
        if not any(a < e0 and s0 < b for a, b in taken):
            _hyphen_parts(text, Token(s0, e0, m.group(1), 0, False, True), cands, demonyms,
                          mentions)
            taken.append((s0, e0))

    # 4. single capitalised tokens outside runs handled above; drop later mentions of people
    # one sense per discourse: a name confirmed as a place ("in Lincoln", "Lincoln, Neb.")
    # is a place in its other mentions too
    confirmed = {m.key for m in mentions if m.hint or (m.cue or "")[4:] in STRONG_LOCATIVE}
    # a hamlet is also supported by its state being in the article ("Elbow Lake" in a
    # story that names Minnesota or its towns)
    states = _article_states(mentions, cands)
    mentions.extend(
        replace(m, cue=None) for m in deferred
        if m.text not in people and (
            m.key in confirmed
            or (m.cue == "hamlet" and any((e.country_code, e.admin1) in states
                                          for e, _ in cands.get(m.key, [])))
        )
    )
    mentions = _plural_heads(text, mentions, cands)
    by_start = {t.start: n for n, t in enumerate(tokens)}
    mentions = [m for m in mentions if not _person_mention(m, people, cands, tokens, by_start)]
    mentions.sort(key=lambda m: (m.start, -m.end))
    return Recognition(text, anchor_local(text, mentions), cands, sents, people)


#: A local name followed by ", X", "in X", "at X" or "near X" (X another mention) lies in X.
_PLACING = r"(?:\s*,\s*|\s+(?:in|at|near|outside)\s+(?:the\s+)?)"
_ANCHOR_GAP = re.compile(_PLACING + r"\Z")
_PLACED_AFTER = re.compile(_PLACING + r"[A-Z]")


def placed_after(text: str, end: int) -> bool:
    """Whether ", X", " in X", " at the X" ... follows offset ``end``: the text then says
    where the name ending there lies (see :func:`anchor_local`)."""
    return _PLACED_AFTER.match(text, end) is not None


#: What joins the names of a list: "A, B and C", "A or B", "A & B".
_LIST_GAP = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+")
_AND_OR = re.compile(r"\s+(?:and|or|&)\s+")


def coordinated(text: str, mentions: list[Mention]) -> list[list[int]]:
    """Lists of coordinated place names ("Los Angeles, Miami, New York and Detroit";
    "states such as California or Washington"), as index lists into ``mentions`` (which need
    not be sorted). A list has three names or more, or two joined by "and"/"or". The names of
    a list are usually of one kind: the resolver leans each towards the kind of the others."""
    order = sorted((i for i, m in enumerate(mentions) if m.role != "demonym"),
                   key=lambda i: (mentions[i].start, -mentions[i].end))
    groups: list[list[int]] = []
    run: list[int] = []
    joined_by_and = False
    container = False

    def close() -> None:
        if len(run) >= 3 or (len(run) == 2 and joined_by_and and not container):
            groups.append(list(run))

    for i in order:
        m = mentions[i]
        if run:
            prev = mentions[run[-1]]
            if m.start >= prev.end and _LIST_GAP.fullmatch(text, prev.end, m.start):
                joined_by_and = joined_by_and or bool(_AND_OR.fullmatch(text, prev.end, m.start))
                container = container or prev.hint == m.key
                run.append(i)
                continue
            if m.start < prev.end:
                continue  # a name inside the previous one
            close()
        run, joined_by_and, container = [i], False, False
    close()
    return groups


def anchor_local(text: str, mentions: list[Mention]) -> list[Mention]:
    """Give each local name the gazetteer lacks ("Bambino Gesu Hospital in Rome", "Federal
    University of Technology, Owerri") the key of the mention right after it as ``hint``:
    the resolver places the local name there rather than in the article's main place."""
    starts = {m.start: m for m in mentions}
    out = []
    for m in mentions:
        if m.cue in LOCAL_CUES and m.hint is None:
            for gap in range(1, 16):
                nxt = starts.get(m.end + gap)
                if nxt is not None and nxt.cue not in LOCAL_CUES and nxt.role != "demonym":
                    if _ANCHOR_GAP.match(text, m.end, m.end + gap):
                        m = replace(m, hint=nxt.key)
                    break
        out.append(m)
    return out


#: Words that join the two parts of one name: "Bosnia and Herzegovina", "Trinidad & Tobago".
_JOINERS = {"and", "&", "'s", "’s"}


def _joined_names(
    text: str, tokens: list[Token], runs: list[tuple[int, int]]
) -> list[tuple[str, tuple[int, int]]]:
    """Keys of names made of two capitalised runs joined by "and" ("Bosnia and Herzegovina",
    "Turks and Caicos Islands"), with the run span they would make; and of names with a
    comma ("Washington, D.C."), with span (-1, -1): those are matched in :func:`_match_run`."""
    out = []
    for (i1, j1), (i2, j2) in pairwise(runs):
        if i2 == j1 + 1 and tokens[j1].text == ",":
            # "Washington, D.C.": a name with a comma, matched whole in _match_run
            for b in range(i2 + 1, min(j2, i2 + 3) + 1):
                out.append((normalise(text[tokens[i1].start : tokens[b - 1].end]), (-1, -1)))
            continue
        if i2 != j1 + 1 or tokens[j1].text.lower() not in _JOINERS:
            continue  # _JOINERS: "and", "&", and the possessive of "People's Republic"
        for a in range(max(i1, j1 - 3), j1):
            for b in range(i2 + 1, min(j2, i2 + 3) + 1):
                out.append((normalise(text[tokens[a].start : tokens[b - 1].end]), (i1, j2)))
    return out


def _merge_joined(
    runs: list[tuple[int, int]], spans: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Runs with each joined name's two runs made one (the n-gram matching then finds it)."""
    if not spans:
        return runs
    starts = {i: j for i, j in spans}
    out: list[tuple[int, int]] = []
    for i, j in runs:
        if out and out[-1][1] > i:
            continue  # the second half of a merged pair
        out.append((i, starts.get(i, j)))
    return out


#: Verbs of speech before a speaker's name ("... ," said Noma.").
SPEECH_VERBS = {"said", "says", "told", "added", "asked", "explained", "recalled", "wrote",
                "tweeted", "insisted", "noted", "warned", "argued", "replied", "according"}


def word_frequency(word: str) -> float:
    """Zipf frequency of a lower-case English word (0.0 if not a common word)."""
    return _lexicons()[1].get(word, 0.0)


def _hyphenated_given_name(
    word: str, first_names: frozenset[str], cands: Candidates, demonyms: dict[str, str]
) -> bool:
    """ "Lin-Manuel", "Jean-Pierre": given names on both sides of the hyphen, neither a
    strong place ("Paris-Henry County" is no one)."""
    parts = word.split("-")
    return len(parts) == 2 and all(
        _census(p) in first_names and not _strong_place(normalise(p), cands, demonyms)
        for p in parts)


def _people_in_run(
    run: list[Token],
    words: list[str],
    low: list[str],
    full_match: bool,
    first_names: frozenset[str],
    cands: Candidates,
    text: str,
    demonyms: dict[str, str],
) -> set[int]:
    """Run-relative indices of tokens that name a person.

    "US Secretary of Defense Lloyd Austin": a title word, its continuation ("of Defense"),
    then up to four capitalised name tokens. "Daniel Russel": a first name that does not
    start a place name.
    """
    person: set[int] = set()
    n = len(run)
    if full_match:
        return person
    k = 0
    while k < n:
        if low[k] not in TITLE_WORDS:
            k += 1
            continue
        k += 1
        while k < n:
            if low[k] in TITLE_WORDS or low[k] in TITLE_CONT:
                k += 1
            elif low[k] in {"of", "for"} and k + 1 < n:
                k += 2 if low[k + 1] != "the" else 3  # "of State", "of the Navy"
            else:
                break
        start = k
        while k < n and _is_cap(run[k]) and low[k] not in TITLE_WORDS and k - start < 4:
            person.add(k)
            k += 1
    if low[0] in FUNCTION_WORDS or low[-1].rstrip(".") in _NOT_A_SURNAME:
        return person  # "Royal Street", "Edgar County" name no one
    # "Daniel Russel", "Kobe Bryant", "Mike de Kock": two or three capitalised words, name
    # particles allowed between them
    caps = [k for k, t in enumerate(run) if _is_cap(t)]
    if (
        not person and 2 <= len(caps) <= 4 and caps[0] == 0 and caps[-1] == n - 1
        and all((_is_cap(t) and t.text[0].isalpha()) or low[k] in NAME_PARTICLES
                or t.text == "." for k, t in enumerate(run))
    ):
        two = normalise(text[run[0].start : run[1].end])
        head = normalise(words[0])
        if two not in cands and not _strong_place(head, cands, demonyms) and (
            _census(words[0]) in first_names
            or _hyphenated_given_name(words[0], first_names, cands, demonyms)
            # "Kobe Bryant": a surname after a word that is not a place-name prefix
            or (_census(words[-1]) in _surnames() and low[0] not in PLACE_PREFIX
                and not _strong_place(normalise(words[-1]), cands, demonyms))
        ):
            person = set(range(n))
        elif (n == 2 and two not in cands and head not in demonyms
              and _census(words[0]) in first_names and _census(words[1]) in _surnames()
              and not _strong_place(normalise(words[1]), cands, demonyms)
              and max((e.population for e, _ in cands.get(normalise(words[1]), [])),
                      default=0) < 100_000
              and word_frequency(low[1]) < 4.5):
            person = {0, 1}  # "Chad Walker", "Jordan Smith": a given name that is a country too
    return person


#: Feature words that end a place's name but (almost) never a person's.
_NOT_A_SURNAME = {
    "street", "st", "avenue", "ave", "road", "rd", "drive", "boulevard", "blvd", "lane",
    "parkway", "highway", "hwy", "square", "plaza", "bridge", "county", "parish", "township",
    "river", "creek", "stadium", "arena", "airport", "cathedral", "basilica", "mosque",
    "racecourse", "expressway", "freeway", "turnpike", "province", "district", "reservoir",
}


NAME_PARTICLES = {"de", "van", "von", "da", "di", "del", "der", "den", "la", "le", "bin", "ibn",
                  "al", "dos", "du"}


PLACE_PREFIX = {"north", "south", "east", "west", "new", "old", "upper", "lower", "lake",
                "mount", "mt", "fort", "ft", "port", "san", "santa", "saint", "st", "el",
                "la", "los", "las", "cape", "point", "glen", "great", "little", "big",
                "grand", "royal", "camp", "bay", "isle", "ile", "monte", "villa", "puerto",
                "n.w", "n.e", "s.w", "s.e", "nw", "ne", "sw", "se"}


def _strong_place(key: str, cands: Candidates, demonyms: dict[str, str]) -> bool:
    """A name too strongly a place to be read as part of a person's name."""
    if key in demonyms:
        return True
    return any(
        e.kind in {"country", "admin1", "continent", "ocean", "sea", "region"}
        or e.population >= 1_000_000
        for e, nt in cands.get(key, [])
        if nt == "name" or (nt == "abbr" and e.kind == "country")  # "U.S. Fish" is no one
    )


_PLURAL_HEAD = re.compile(
    r"((?:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?(?:,? (?:and|or|&) |, ))+"
    r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?)"
    r" (counties|parishes|provinces|states|districts|islands|rivers|cities|streets|avenues"
    r"|roads)\b"
)
_PLURAL_KIND = {"counties": "admin2", "parishes": "admin2", "provinces": "admin1",
                "states": "admin1", "districts": "admin2", "islands": "island",
                "rivers": "river", "cities": "city", "streets": "street", "avenues": "street",
                "roads": "street"}


def _plural_heads(text: str, mentions: list[Mention], cands: Candidates) -> list[Mention]:
    """ "Becker, Clay and Douglas counties": each listed name is a county (a kind cue), even
    where the name alone would not pass as a place. "Bourbon and Dauphine streets": each is
    a street (key "bourbon street"), not the town of Bourbon."""
    found = list(_PLURAL_HEAD.finditer(text))
    if not found:
        return mentions
    by_span = {(m.start, m.end): m for m in mentions}
    for match in found:
        kind = _PLURAL_KIND[match.group(2)]
        for name in re.finditer(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?", match.group(1)):
            s, e = match.start(1) + name.start(), match.start(1) + name.end()
            key = normalise(name.group())
            old = by_span.get((s, e))
            if kind == "street":
                key = normalise(f"{name.group()} {match.group(2)[:-1]}")
                if old is not None or not any(a < e and s < b for a, b in by_span):
                    by_span[(s, e)] = Mention(s, e, name.group(), key, "literal", cue="street")
            elif old is not None:
                by_span[(s, e)] = replace(old, cue=kind)
            elif key in cands and any(c.kind == kind for c, _ in cands[key]) and not any(
                    a < e and s < b for a, b in by_span):
                by_span[(s, e)] = Mention(s, e, name.group(), key, "literal", cue=kind)
    return sorted(by_span.values(), key=lambda m: (m.start, -m.end))


def _article_states(mentions: list[Mention], cands: Candidates) -> set[tuple[str | None, str]]:
    """(country, admin1) of the states named in the article and of its unambiguous towns."""
    states: set[tuple[str | None, str]] = set()
    for m in mentions:
        entries = cands.get(m.key, [])
        admin1 = [e for e, nt in entries if e.kind == "admin1" and nt != "alt" and e.admin1]
        if admin1:
            states.add((admin1[0].country_code, admin1[0].admin1 or ""))
        elif len(entries) == 1 and entries[0][0].admin1:
            e = entries[0][0]
            states.add((e.country_code, e.admin1 or ""))
    return states


def _unknown_after_locative(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    first_names: frozenset[str],
    common: dict[str, float],
    taken: _Spans,
    cands: Candidates,
) -> Mention | None:
    """ "in Zamalek", "near Khayelitsha", "Thruxton, Hampshire": a capitalised name the
    gazetteer lacks, right after a locative preposition or right before ", <state or
    county>", is most likely a place (a district, a village). It is resolved later to its
    container, else the article's main place, at that place's precision, with a low score."""
    container = None
    if j + 1 < len(tokens) and tokens[j].text == "," and _is_cap(tokens[j + 1]):
        container = _container_key(text, tokens, j + 1, cands)
        if container is not None and not any(
                e.kind in {"admin1", "admin2"} and nt != "alt" for e, nt in cands[container]):
            container = None
    if container is None and (i == 0 or tokens[i - 1].text not in {"in", "near", "outside",
                                                                    "at"}):
        return None
    run = tokens[i:j]
    if not 1 <= len(run) <= 3 or taken.covers(run[0].start):
        return None
    words = [t.text for t in run]
    if not all(w[0].isupper() and w.isalpha() and not w.isupper() for w in words):
        return None
    low = [w.lower() for w in words]
    if (
        any(w in CALENDAR or _census(w) in first_names for w in words)
        or any(w in FUNCTION_WORDS or w in TITLE_WORDS or w in ORG_WORDS for w in low)
        or any(common.get(w, 0.0) >= 3.0 for w in low)
    ):
        return None
    nxt = tokens[j].text if j < len(tokens) else ""
    if nxt[:1].isupper() or nxt in {"'s", "’s"}:
        return None
    start, end = run[0].start, run[-1].end
    return Mention(start, end, text[start:end], normalise(text[start:end]), "literal",
                   hint=container, cue="local")


def _person_mention(
    m: Mention, people: set[str], cands: Candidates, tokens: list[Token], by_start: dict[int, int]
) -> bool:
    """Is this single-word mention a person named earlier ("Austin said ...") or a leader's
    name ("the Obama administration")?"""
    if m.role == "demonym" or m.cue == "line":
        return False
    i = by_start.get(m.start, -1)
    nxt = tokens[i + 1].text.lower() if 0 <= i < len(tokens) - 1 else ""
    if nxt in LEADER_NOUNS and " " not in m.text and not any(
            e.kind == "country" for e, _ in cands.get(m.key, [])):
        return True
    if m.text not in people:
        return False
    if (m.cue or "loc:")[4:] in STRONG_LOCATIVE:
        return False
    entries = cands.get(m.key, [])
    weak = not any(e.kind in _STRONG for e, _ in entries) and max(
        (e.population for e, _ in entries), default=0) < 100_000
    if weak:
        return True
    prev = tokens[i - 1].text.lower().rstrip(".") if i > 0 else ""
    return nxt in ASSOCIATIVE_VERBS or prev in TITLE_WORDS


def _line_keys(m: re.Match[str]) -> list[str]:
    place = m.group(1) or m.group(2)
    out = []
    if place:
        p = normalise(place)
        out += [f"{p} median line", f"{p} centre line", f"{p} center line",
                f"median line of {p}", f"centre line of {p}", f"center line of {p}"]
    out += [normalise(w) for w in _LINE_WORDS]
    return out


def _line_context_ok(text: str, pos: int, sents: list[tuple[int, int]]) -> bool:
    """A bare "median line" needs a strait named in the same sentence."""
    for a, b in sents:
        if a <= pos < b:
            return "Strait" in text[a:b]
    return False


def _match_run(
    text: str,
    tokens: list[Token],
    i: int,
    j: int,
    person: set[int],
    org: bool,
    cands: Candidates,
    common: dict[str, float],
    demonyms: dict[str, str],
    people: set[str],
    headlines: set[int],
    mentions: list[Mention],
    taken: _Spans,
    deferred: list[Mention],
    low: list[str],
) -> None:
    """Greedy longest gazetteer match inside one capitalised run (``low``: its words in
    lower case, without a final period).

    Matches that fail the plausibility test mid-sentence go to ``deferred``: they are
    kept after all if the same name is used as a place elsewhere in the article.
    """
    a = i
    has_feature = not _FEATURE_WORDS.isdisjoint(low)
    while a < j:
        tok = tokens[a]
        if (
            (a - i) in person
            or not _is_cap(tok)
            or (tok.text.lower() in FUNCTION_WORDS and not tok.text.isupper())
            or taken.covers(tok.start)
        ):
            a += 1
            continue
        best: tuple[int, str, str | None, int | None] | None = None
        # demonyms, two words first ("South Korean", "Latin Americans")
        dem = None
        if a + 1 < j and (a + 1 - i) not in person:
            key2 = normalise(text[tok.start : tokens[a + 1].end])
            if key2 in demonyms:
                dem = (a + 2, key2)
        key1 = normalise(tok.text)
        if dem is None and key1 in demonyms and (a + 1 == j or normalise(
                text[tok.start : tokens[a + 1].end]) not in cands):
            dem = (a + 1, key1)
        if dem is not None:
            end = tokens[dem[0] - 1].end
            mentions.append(Mention(tok.start, end, text[tok.start : end], dem[1], "demonym"))
            taken.append((tok.start, end))
            a = dem[0]
            continue
        feat = _feature_run(text, tokens, a, j, person, i, cands) if has_feature else None
        if feat is not None:
            mentions.append(feat[0])
            taken.append((feat[0].start, feat[0].end))
            a = feat[1]
            continue
        if "-" in tok.text and a + 1 < j and _hyphen_head(text, tokens, a, j, cands, mentions,
                                                          taken, demonyms):
            a += 1  # "DPRK-South Korea": "South Korea" after the hyphen, "DPRK" before it
            continue
        for b in range(min(j, a + MAX_NGRAM), a, -1):
            if person and any((k - i) in person for k in range(a, b)):
                continue
            last = tokens[b - 1]
            if not (_is_cap(last) or last.text == "."):
                continue
            key = normalise(text[tok.start : last.end])
            cue_kind = None
            if b == j and j < len(tokens) and tokens[j].text.lower() in CUE_WORDS:
                cue_key = normalise(text[tok.start : tokens[j].end])
                if cue_key in cands:
                    # "Cork City" is one name; in "Cork city" the name is "Cork"
                    best = (b + 1, cue_key, None, None) if _is_cap(tokens[j]) else (
                        b, cue_key, None, None)
                    break
                cue_kind = CUE_WORDS[tokens[j].text.lower()]
            if key in cands:
                best = (b, key, cue_kind, None)
                break
            hy = last.text.find("-")
            if b > a + 1 and hy > 0 and last.text[hy + 1 : hy + 2].islower():
                # "Los Angeles-based": the name ends at the hyphen
                at = last.start + hy
                key = normalise(text[tok.start : at])
                if key in cands:
                    best = (b, key, None, at)
                    break
        if best is None:
            # hyphenated parts ("US-China", "US-Taiwanese")
            if "-" in tok.text:
                _hyphen_parts(text, tok, cands, demonyms, mentions)
            a += 1
            continue
        b, key, cue_kind, cut = best
        head_word, _, rest = key.partition(" ")
        if (
            head_word in DIRECTION_WORDS and rest in cands
            and all(e.kind == "region" for e, _ in cands[key])
            and any(e.kind in {"admin1", "country"} and nt == "name" for e, nt in cands[rest])
        ):
            # "Western Pennsylvania", "East Texas": a loose part of a state; the state is
            # the place named
            a += 1
            tok, key = tokens[a], rest
        end_tok = tokens[b - 1]
        start, end = tok.start, cut or end_tok.end
        span = text[start:end]
        n_tokens = sum(1 for t in tokens[a:b] if t.text != ".")
        # "Dublin City" where the town's own name is "Dublin": the town, without "City"
        if n_tokens == 2 and tokens[b - 1].text in {"City", "Town"} and normalise(
                tok.text) in cands and not any(
                nt == "name" and normalise(e.name) == key for e, nt in cands[key]):
            b, key, n_tokens = a + 1, normalise(tok.text), 1
            end = tok.end
            span = text[start:end]
        if (
            n_tokens == 1 and end < len(text) and text[end] == "." and len(span) <= 5
            and not span.isupper()
            and any(e.kind == "admin1" and nt != "name" and _abbreviates(span, e.name)
                    and not e.name.startswith(span + " ") for e, nt in cands[key])
        ):
            end += 1  # "Calif.", "Ky.": the abbreviation's own period
            span = text[start:end]
        elif (
            n_tokens > 1 and end < len(text) and text[end] == "." and len(tokens[b - 1].text) <= 3
            and tokens[b - 2].text == "." and any(nt == "abbr" for _, nt in cands[key])
        ):
            end += 1  # "W. Va."
            span = text[start:end]
        k = a - 1
        prev = tokens[k].text.lower() if k >= 0 else ""
        if prev == "the" and k > 0:
            k -= 1
            prev = tokens[k].text.lower()
        if prev == "of" and k > 0:
            # "the city of Douma" is as good as "in Douma"; "the Ministry of Commerce" is not
            noun = tokens[k - 1].text.lower()
            one = noun[:-1] if noun.endswith("s") and noun[:-1] in ORG_OF else noun
            if (one in ORG_OF and n_tokens == 1 and common.get(span.lower(), 0.0) >= 3.0
                    and not _strong_place(key, cands, demonyms)):
                a += 1  # "Chambers of Commerce", "Ministry of Defence": a field, not a place
                continue
            prev = "in" if noun in PLACE_NOUNS else (
                "" if noun in ORG_WORDS or noun in TITLE_WORDS or one in ORG_OF else "of")
        if (span.isupper() and n_tokens == 1 and common.get(span.lower(), 0.0) >= 4.0
                and _shouting(tokens, a, b)):
            a += 1  # "KOBE IN THE HOUSE", "SURGE IN MURALS": a word in capitals, not Indiana
            continue
        locative = prev in STRONG_LOCATIVE or prev in {"from", "to", "of", "into", "toward"}
        # "Kabul airport", "Helmand province": the lower-case type word is the evidence
        by_cue = b < len(tokens) and key.endswith(" " + tokens[b].text.lower()) and \
            tokens[b].text.lower() in CUE_WORDS and not _is_cap(tokens[b])
        if not by_cue and not _plausible(tok, span, key, n_tokens, cands[key], common,
                                         headlines, locative, prev):
            if not (tok.first or tok.sent in headlines):
                hamlet = (_census(span) not in _given_names()
                          and common.get(span.lower(), 0.0) == 0.0)
                deferred.append(Mention(start, end, span, key, "literal",
                                        cue="hamlet" if hamlet else None))
            a += 1
            continue
        if org and n_tokens == 1 and b == j and tok.text.lower() in ORG_WORDS:
            a += 1  # "Medical Center", "Trade Union": the organisation's own word
            continue
        role: Role = "associative" if org else "literal"
        if role == "literal" and _associative(tokens, a, b, cands[key]):
            role = "associative"
        hint = None
        if b + 1 < len(tokens) and tokens[b].text == "," and a == i:
            # "Washington, D.C.": the gazetteer holds the name with its comma
            for n in (3, 2, 1):
                if b + n < len(tokens) and all(_is_cap(t) for t in tokens[b + 1 : b + 1 + n]):
                    comb = normalise(text[start : tokens[b + n].end])
                    if comb in cands and any(e.kind in {"city", "admin1", "country"}
                                             for e, _ in cands[comb]):
                        end, key, b = tokens[b + n].end, comb, b + 1 + n
                        span = text[start:end]
                        break
        if b + 1 < len(tokens) and tokens[b].text == "," and _is_cap(tokens[b + 1]):
            hint = _container_key(text, tokens, b + 1, cands)
        cue = cue_kind
        if cue is None and a > 0:
            prev = tokens[a - 1].text.lower()
            if prev == "the" and a > 1:
                prev = tokens[a - 2].text.lower()
            if prev in LOCATIVE:
                cue = "loc:" + prev
        mentions.append(Mention(start, end, span, key, role, hint=hint, cue=cue))
        taken.append((start, end))
        a = b


FEATURE_SUFFIX = {
    "street": "street", "st": "street", "avenue": "street", "ave": "street", "road": "street",
    "rd": "street", "drive": "street", "boulevard": "street", "blvd": "street",
    "lane": "street", "parkway": "street", "highway": "street", "hwy": "street",
    "square": "street", "plaza": "street", "bridge": "street", "trail": "street",
    "pike": "street", "turnpike": "street", "expressway": "street", "freeway": "street",
    "river": "river", "creek": "river", "lake": "lake", "reservoir": "lake",
    "mountain": "mountain", "mountains": "mountain", "hills": "mountain", "valley": "region",
    "canyon": "region", "forest": "region", "desert": "region", "beach": "city",
    "county": "admin2", "parish": "admin2", "township": "city", "borough": "city",
    "heights": "city", "springs": "city", "falls": "city", "harbor": "city", "harbour": "city",
    "park": "street", "airport": "street", "island": "island", "islands": "archipelago",
    "peninsula": "region", "province": "admin1", "region": "region", "district": "admin2",
    # sites and buildings: located in the article's main place
    "estate": "street", "lagoon": "lake", "cathedral": "street", "basilica": "street",
    "mosque": "street", "temple": "street", "palace": "street", "castle": "street",
    "racecourse": "street", "stadium": "street", "arena": "street", "wharf": "street",
}


FEATURE_PREFIX = {"lake": "lake", "mount": "mountain", "mt": "mountain", "cape": "region",
                  "isle": "island", "river": "river", "loch": "lake", "fort": "city"}
_FEATURE_WORDS = frozenset(FEATURE_SUFFIX) | frozenset(FEATURE_PREFIX)


def _hyphen_head(
    text: str, tokens: list[Token], a: int, j: int, cands: Candidates,
    mentions: list[Mention], taken: list[tuple[int, int]], demonyms: dict[str, str],
) -> bool:
    """ "DPRK-South Korea": a name that starts after the hyphen of token ``a`` and goes on
    into the next tokens. Adds it (and the parts before the hyphen) and says so."""
    tok = tokens[a]
    hy = tok.text.rfind("-")
    head = tok.text[hy + 1 :]
    if not head[:1].isupper():
        return False
    start = tok.start + hy + 1
    for b in range(min(j, a + 4), a + 1, -1):
        if not _is_cap(tokens[b - 1]):
            continue
        key = normalise(text[start : tokens[b - 1].end])
        if key in cands and any(e.kind in _STRONG for e, _ in cands[key]):
            end = tokens[b - 1].end
            _hyphen_parts(text, Token(tok.start, start - 1, text[tok.start : start - 1],
                                      tok.sent, tok.first, tok.cap), cands, demonyms, mentions)
            mentions.append(Mention(start, end, text[start:end], key, "literal"))
            taken.append((tok.start, end))
            return True
    return False


class _Spans(list[tuple[int, int]]):
    """Character spans already taken by mentions, with an O(1) "is this offset taken"."""

    def __init__(self, n: int) -> None:
        super().__init__()
        self.mask = bytearray(n + 1)

    def append(self, span: tuple[int, int]) -> None:
        super().append(span)
        s, e = span
        self.mask[s:e] = b"\x01" * (e - s)

    def covers(self, pos: int) -> bool:
        return self.mask[pos] == 1


def _shouting(tokens: list[Token], a: int, b: int) -> bool:
    """Whether the words right before and after tokens [a, b) are written in capitals too."""
    def caps(k: int) -> bool:
        t = tokens[k].text
        return len(t) >= 2 and t.isalpha() and t.isupper()

    before = a > 0 and caps(a - 1)
    after = b < len(tokens) and caps(b)
    return before or after


def _feature_run(
    text: str, tokens: list[Token], a: int, j: int, person: set[int], i: int, cands: Candidates
) -> tuple[Mention, int] | None:
    """ "Royal Street", "Neches River", "Lake Lanier": a named feature the gazetteer may lack,
    starting at token ``a`` of the run ``[i, j)``; returns the mention and the token index
    after it.

    The whole span is the mention; its key is the gazetteer name without the feature word
    when that exists (resolved with a kind cue), else the whole name (resolved later from
    the article's context). Streets, rivers, lakes and mountains, which the gazetteer does
    not hold, keep their whole name and are placed as local names.
    """
    if any((k - i) in person for k in range(a, j)):
        return None
    kind = None
    for b in range(min(j, a + 5), a + 1, -1):
        # the run's last word, or the last before a connector ("the Kish River on Sunday")
        if b < j and _is_cap(tokens[b]):
            continue
        kind = FEATURE_SUFFIX.get(tokens[b - 1].text.lower().rstrip("."))
        if kind is not None:
            j = b
            break
    if kind is None:
        kind = FEATURE_PREFIX.get(tokens[a].text.lower().rstrip("."))
        if kind is not None:  # "Lake Lanier", "Mount Hood": the capitalised words after it
            b = a + 1
            while b < min(j, a + 5) and _is_cap(tokens[b]):
                b += 1
            j = b
    if kind is None or not 2 <= j - a <= 5 or not all(
            _is_cap(t) or t.text.lower() in CONNECTORS for t in tokens[a:j]):
        return None
    last = tokens[j - 1].text.lower().rstrip(".")
    start, end = tokens[a].start, tokens[j - 1].end
    if end < len(text) and text[end] == "." and last in {"st", "ave", "rd", "blvd", "hwy"}:
        end += 1
    full = normalise(text[start:end])
    if full in cands:
        return None  # the gazetteer knows it: ordinary matching handles it
    if last in FEATURE_SUFFIX:
        base = normalise(text[start : tokens[j - 2].end])
    else:  # "Lake Lanier" -> "lanier"
        base = normalise(text[tokens[a + 1].start : end])
    if kind in _LOCAL_FEATURES:
        # the gazetteer holds no streets, rivers, lakes or mountains: "Kish River" is not the
        # island of Kish; the feature is placed in the article's town (a local name)
        return Mention(start, end, text[start:end], full, "literal", cue=kind), j
    key = base if base in cands else full
    return Mention(start, end, text[start:end], key, "literal", cue=kind), j


#: Feature kinds the gazetteer has no entries of: such names are local names.
_LOCAL_FEATURES = LOCAL_CUES - {"local"}


def _abbreviates(short: str, name: str) -> bool:
    """ "Calif" abbreviates "California", "Ky" "Kentucky": same first letter, the rest in
    order, and shorter."""
    short, name = short.lower(), name.lower()
    if len(short) >= len(name) or not short or short[0] != name[0]:
        return False
    pos = 0
    for ch in short:
        pos = name.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _container_key(text: str, tokens: list[Token], k: int, cands: Candidates) -> str | None:
    """Key of the place after "X, " (longest match up to three tokens)."""
    for n in (3, 2, 1):
        if k + n <= len(tokens):
            key = normalise(text[tokens[k].start : tokens[k + n - 1].end])
            if key in cands:
                return key
    return None


#: Lower-case prefixes joined to a place name or demonym: "anti-Russian", "ex-Soviet".
_PREFIXED = re.compile(r"\b(?:anti|pro|ex|non|pan|inter|post|pre|neo|trans)-([A-Z][\w'’]*)")


def _hyphen_parts(
    text: str, tok: Token, cands: Candidates, demonyms: dict[str, str], out: list[Mention]
) -> None:
    """ "US-China": both associative; "London-based": London, literal."""
    pos = tok.start
    parts = tok.text.split("-")
    lower_rest = any(p and p[0].islower() for p in parts)
    for part in parts:
        key = normalise(part)
        if part and part[0].isupper():
            if key in demonyms:
                out.append(Mention(pos, pos + len(part), part, key, "demonym"))
            elif key in cands and any(
                e.kind in {"country", "admin1", "region", "continent"}
                or (e.population >= 100_000 and nt == "name")
                for e, nt in cands[key]
            ):
                role: Role = "literal" if lower_rest else "associative"
                out.append(Mention(pos, pos + len(part), part, key, role))
        pos += len(part) + 1


#: Population under which a lone one-word town name needs support (a locative word, a
#: container, or another confirmed mention of the same name).
SMALL_PLACE = 3_000

#: Abbreviations that end with a period but name no place ("No. 5", "Ms. Smith").
TITLE_ABBREV = {"No", "Nos", "Ms", "Mr", "Mrs", "Dr", "Jr", "Sr", "Inc", "Co", "Ltd", "Gen",
                "St", "Mt", "Ft", "Sens", "Reps", "Messrs", "Mmes", "Drs", "Corp", "Bros",
                "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt", "Prof", "Rev", "Vs", "Op", "Ed",
                "Vol", "Ch", "Art", "Fig", "Sec"}

CALENDAR = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
            "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December", "Christmas", "Easter",
            "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
            "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "St"}
DIRECTION_ADJ = {"Western", "Eastern", "Northern", "Southern", "Central", "North", "South",
                 "East", "West", "Northwest", "Northeast", "Southwest", "Southeast",
                 "Upper", "Lower", "Greater", "Middle", "Inner", "Outer"}
DIRECTION_WORDS = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                   "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
                   "northwestern", "southeastern", "southwestern", "upstate", "downstate"}

#: Nouns after a leader's name: "the Obama administration", "the Bush presidency".
LEADER_NOUNS = {"administration", "presidency", "campaign", "era", "doctrine", "cabinet"}

#: "the city of X": nouns after which "of" names a place as surely as "in".
PLACE_NOUNS = {"city", "town", "village", "province", "state", "county", "region", "district",
               "island", "islands", "capital", "port", "suburb", "suburbs", "outskirts",
               "municipality", "governorate", "prefecture", "township", "borough", "parish",
               "neighbourhood", "neighborhood", "republic", "kingdom", "emirate", "territory"}
#: "the Ministry of Commerce": heads after which "of" names an organisation's field.
ORG_OF = {"ministry", "minister", "secretary", "chamber", "bureau", "institute", "school",
          "faculty", "museum", "bank", "order", "society", "board", "house", "court", "office"}

#: Ship prefixes (navies and coast guards): what follows names a vessel.
VESSEL_PREFIXES = {"uss", "usns", "uscgc", "hms", "hmas", "hmcs", "hmnzs", "brp", "ins", "roks",
                   "js", "rfs", "fs", "tcg", "pns", "kri", "rss", "hnlms", "mv", "ss", "cns"}

#: Words that start sentences in capitals but never name a person or a place.
FUNCTION_WORDS = {
    "in", "on", "at", "the", "a", "an", "of", "for", "to", "by", "with", "from", "as", "but",
    "and", "or", "if", "so", "it", "he", "she", "we", "they", "this", "that", "these", "those",
    "his", "her", "its", "our", "their", "my", "your", "when", "while", "after", "before",
    "during", "since", "until", "there", "here", "then", "now", "not", "no", "yes", "all",
    "some", "many", "most", "more", "one", "two", "i", "you", "who", "what", "where", "why",
    "how", "is", "was", "are", "were", "be", "been", "has", "have", "had", "do", "did", "will",
}
STRONG_LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "throughout", "across",
                   "within"}
_STRONG = {"country", "admin1", "continent", "ocean", "sea", "strait", "gulf", "bay",
           "region", "line", "archipelago", "reef", "channel"}


@lru_cache(maxsize=1)
def _given_names() -> frozenset[str]:
    """First names and the 5,000 most frequent surnames: names common enough as people
    that a small town of the same name needs support ("Nelson", "Allen")."""
    res = files("geomap.resources")
    top = res.joinpath("lexicon/last_names.txt")
    ranked = [n for n in top.read_text("utf-8").split()]
    return _lexicons()[0] | frozenset(ranked[:5000])


def _plausible(
    tok: Token,
    span: str,
    key: str,
    n_tokens: int,
    entries: list[tuple[Entry, str]],
    common: dict[str, float],
    headlines: set[int],
    locative: bool = False,
    tok_prev: str = "",
) -> bool:
    """Reject capitalised common words and all-caps noise that happen to be place names."""
    if span.isupper() and len(span.replace(".", "")) <= 4:
        # "US", "UK", "EU", "DC": only as a recorded abbreviation of a country, state or region
        return any(
            (nt == "abbr" and e.kind in {"country", "admin1", "region", "city"})
            or (e.kind == "country" and nt == "name")
            for e, nt in entries
        )
    if n_tokens > 1:
        words = span.split()
        if (
            words[-1].lower().rstrip(".") not in FEATURE_SUFFIX  # "Royal Street" is a street
            and all(common.get(w.lower(), 0.0) >= 3.5 for w in words)
            and not any(e.kind in _STRONG for e, _ in entries)
            and max((e.population for e, _ in entries), default=0) < 50_000
            and not locative
        ):
            return False  # "White House", "Clear Lake": common words naming a small place
        return True
    bare = span.replace(".", "")
    if bare in TITLE_ABBREV:
        return False
    if all(nt == "abbr" for _, nt in entries) and not bare.isupper() and "." not in span:
        return False  # "On" is not Ontario's "ON"
    if "." in span:
        return True
    if bare in CALENDAR or span in DIRECTION_ADJ:
        return False
    if len(span) <= 2 and not bare.isupper():
        return False  # "Li", "Xi": two letters are rarely a place name as written
    if all(nt == "alt" for _, nt in entries) and not any(e.kind in _STRONG for e, _ in entries) \
            and max((e.population for e, _ in entries), default=0) < 500_000 \
            and not (locative and tok_prev in STRONG_LOCATIVE):
        return False  # a town's alternate spelling is weak evidence ("Hamas" is not Hamm)
    strong = any(e.kind in _STRONG and nt != "alt" for e, nt in entries)
    strong_any = any(e.kind in _STRONG for e, _ in entries)
    big = max((e.population for e, nt in entries if nt == "name"), default=0)
    z = common.get(span.lower(), 0.0)
    if _census(span) in _given_names() and not locative and big < 150_000 and not any(
        e.kind in _STRONG and (e.kind == "country" or e.population >= 100_000)
        for e, _ in entries
    ):
        return False  # "Nelson", "Flores": a person's name more often than a town
    if z == 0.0:
        # a hamlet's name with no support around it ("McGregor", "Kock") is more often a
        # surname or a brand; kept if the article confirms it elsewhere (see `deferred`)
        return strong_any or locative or big >= SMALL_PLACE
    if tok.first or tok.sent in headlines:
        # sentence-initial common word: needs a country/sea/... or a big city; in a title-case
        # line a strong locative still counts ("Reporting by X in Boston")
        return strong or (big >= 1_000_000 and z < 5.0) or (
            locative and tok_prev in STRONG_LOCATIVE and big >= 100_000 and not tok.first)
    # mid-sentence capitalised common word ("Rich", "Bath", "Mobile", "More")
    if z >= 4.5:
        town = max((e.population for e, nt in entries if nt == "name" and e.kind == "city"),
                   default=0)
        return town >= 500_000 or (locative and (big >= 100_000 or strong)) or any(
            e.kind in {"ocean", "continent", "country", "sea"} for e, nt in entries)
    return strong_any or big >= 100_000 or locative


def _associative(tokens: list[Token], a: int, b: int, entries: list[tuple[Entry, str]]) -> bool:
    """Metonymy: "Washington said", "Beijing's support": a country or capital as actor."""
    if not any(
        e.kind == "country" or (e.fcode or "") == "PPLC" for e, _ in entries[:3]
    ):
        return False
    nxt = tokens[b].text.lower() if b < len(tokens) else ""
    if nxt in ASSOCIATIVE_VERBS:
        return True
    return nxt in {"'s", "’s"} and b + 1 < len(tokens) and tokens[b + 1].text[0].islower() \
        and tokens[b + 1].text.lower() not in {"north", "south", "east", "west", "capital",
                                                "border", "borders", "coast", "territory",
                                                "city", "province", "island", "islands"}
