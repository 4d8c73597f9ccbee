"""Event triggers: the words that report an event, what kind of event, and how sure it is.

Per sentence, event words ("met", "talks", "summit", "crossed", "patrols", "warned",
"criticized", "sanctions", "shelling", "protest" ...) give a category (the trigger table,
``lexicon/incident_triggers.tsv``) with its PLOVER / CAMEO / quad crosswalk
(:func:`crosswalk`). A trigger used as a topic ("issues such as tariffs"), an infinitive ("how
to deal with"), inside a quotation or as a habit ("regularly patrol") is no event. The
**modality** of an event: negated ("did not meet": dropped), future ("was to", "will", "due
to"), hypothetical ("possibly", "hoped", "the possibility of"), else asserted. The
**domain** (land, sea, air, cyber, space) comes from the sentence's words and the kind of the
event's place, which also tells a "cross"/"patrol" word's category apart.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from geomap.incidents.lexicon import (
    ACLED,
    AIR_ATTACK,
    AIR_WORDS,
    ARMED_ACTOR,
    ARMED_VICTIM,
    ARMED_VICTIM_HEADLINE,
    ARMED_WORD,
    CIVILIAN_VICTIM,
    CIVILIAN_VICTIM_HEADLINE,
    CIVILIAN_WORD,
    CROSSWALK,
    CROWD,
    CROWD_DESTROYING,
    CYBER_WORDS,
    DEATH,
    DEFUSAL,
    DISASTER_CONTEXT,
    EXPLOSION,
    FORMER_BEFORE,
    FUTURE,
    HABITUAL,
    HYPOTHETICAL,
    HYPOTHETICAL_CLAUSE,
    INJURY,
    MEETING,
    NATURE_CONTEXT,
    NEED_NOUN,
    NEGATION,
    NON_STATE_ARMED,
    ORGANISED_ARMED,
    POLICE,
    POLITICAL_CROWD,
    PROPERTY_VICTIM,
    PROTESTER_VICTIM,
    RECIPROCAL,
    SEA_CAPABLE,
    SEA_KINDS,
    SEA_WORDS,
    SPACE_WORDS,
    TOPIC_CUES,
    TOPIC_LIST,
    TRIGGER_CROSSWALK,
    TRIGGERS,
    VERB_AFTER,
    Codes,
    LazyPattern,
    remote_sub_event,
    word_regex,
)
from geomap.incidents.prefilter import gate, gated, prefixes
from geomap.models import Place

__all__ = [
    "Trig",
    "crosswalk",
    "domain_of",
    "find_triggers",
    "modality_of",
    "quoted",
    "refine_category",
    "trigger_hits",
]


#: of the armed stems of one clause, the one that names ACLED's type (an explosion that
#: injured three is remote violence; a clash in which two died is a battle)
_ARMED_STEM_ORDER = ("remote", "battle", "ambush", "attack", "sexual")
#: the trigger stems of armed fighting, and of one side harming another
_FIGHT_STEMS = frozenset({"battle", "ambush", "attack", "remote"})
_HARM_STEMS = frozenset({"ambush", "attack", "remote", "sexual"})
#: categories that are often told about an act of violence
_ABOUT_VIOLENCE = frozenset({"statement_accusation", "coercion_enforcement"})
#: the trigger stems of demonstrations and riots
_STREET_STEMS = frozenset({"protest", "walkout", "riot"})
#: categories that, beside a protest or riot word, report the state's answer to it
_STREET_ANSWERABLE = frozenset({"coercion_enforcement", "military_activity", "threat_warning"})
#: movements and deployments of armed men, which ACLED codes as the violence they are told
#: with ("launched airstrikes on", "an incursion into the village, killing one", "wounded by
#: a roadside bomb while on patrol"): a strategic development only without one; and people
#: who fled the violence ("fled their homes as clashes resumed": no ACLED event without it)
_BESIDE_VIOLENCE = frozenset(
    {"military_activity", "airspace_incursion", "maritime_incident", "displacement"}
)


#: patterns of the rules below, compiled once
_CLASH = re.compile(r"\bclash")
_DOUBLE_QUOTE = re.compile('[“”"]')
_WORD = re.compile(r"[\w'’-]+")
_CLAUSE_SPLIT = re.compile(r"[,;:]|\band the\b")
_CLAUSE_END = re.compile(r"[,;.:]")
_NOT = re.compile(r"\b(?:did not|didn't|never)\b")
_POSSIBLY = re.compile(r"\bpossibly\b")
#: a transfer of territory without a fight; the state's armed forces (lexicon files)
_NON_VIOLENT_TRANSFER = LazyPattern(lambda: word_regex("non_violent_transfer_words"))
_STATE_FORCES = LazyPattern(lambda: word_regex("state_force_words"))
#: incendiary weapons, which ACLED does not count as explosive ("a petrol bomb")
_INCENDIARY = LazyPattern(lambda: word_regex("incendiary_words"))


def acled_codes(
    category: str,
    stem: str,
    sentence: str = "",
    stems: set[str] | None = None,
    event_stems: set[str] | None = None,
) -> tuple[str, str]:
    """(ACLED event type, sub-event type) of an incident, '' for none (not political violence
    or a demonstration).

    The other trigger words of the sentence refine it: armed violence told with an explosive
    word is remote violence, with a word of fighting a battle; armed violence by protesters
    or rioters is a riot; a one-sided attack with armed men named on both sides ("soldiers
    killed three militants") is a battle.
    """
    low = sentence.lower()
    if stems is None:  # the trigger stems of ``sentence``, unless the caller has them
        stems = {TRIGGERS[k][2] for _, _, k in trigger_hits(low)} if low else set()
    if category in ("armed_clash_attack", "protest_unrest") and _mob_on_people(low):
        # a mob killing, beating or burning people ("lynched", "mob justice"): ACLED's
        # violence against civilians (by rioters), not a riot
        return "Violence against civilians", "Attack"
    if category == "armed_clash_attack":
        if "remote" in stems | {stem} and _INCENDIARY.search(low):
            # the only "bomb" a petrol bomb: an attack with fire, coded by the rules below
            rest = _INCENDIARY.sub(" ", low)
            left = {TRIGGERS[k][2] for _, _, k in trigger_hits(rest)}
            if "remote" not in left:
                return acled_codes(category, "attack", rest, left | {"attack"}, event_stems)
        if stems & _STREET_STEMS and "remote" not in stems | {stem}:
            # violence beside a demonstration's words is the demonstration's, unless it is an
            # explosive weapon's (ACLED's explosions/remote violence, whoever threw it; an
            # incendiary one was set apart above): a violent demonstration, or, when the
            # demonstrators were the ones hurt ("police opened fire on protesters, killing
            # two"), excessive force against protesters
            if (
                "riot" not in stems
                and not ARMED_VICTIM.search(low)
                and (
                    PROTESTER_VICTIM.search(low)
                    or (ARMED_ACTOR.search(low) and (DEATH.search(low) or INJURY.search(low)))
                )
            ):
                return "Protests", "Excessive force against protesters"
            return "Riots", "Violent demonstration"
        stem = next((s for s in _ARMED_STEM_ORDER if s in stems | {stem}), stem)
        if (
            stem == "remote"
            and DEFUSAL.search(low)
            and not EXPLOSION.search(low)
            and not DEATH.search(low)
            and not INJURY.search(low)
        ):
            # bombs found, seized or defused before they went off: ACLED's disrupted weapons
            # use (a strategic development), not an explosion
            return "Strategic developments", "Disrupted weapons use"
        if (
            stem == "battle"
            and _CLASH.search(low)
            and not ORGANISED_ARMED.search(low)
            and (
                POLITICAL_CROWD.search(low)
                or ((CROWD.search(low) or POLICE.search(low)) and not DEATH.search(low))
            )
        ):
            # a clash of party followers, fatal or not, or of other crowds, or of a crowd with
            # the police, in which no one died: a riot (a fatal clash of villagers is one of
            # identity militias, a battle)
            return "Riots", "Mob violence"
        if stem == "arson":  # property set on fire: a mob's unless armed men did it
            if CROWD_DESTROYING.search(low):  # "residents burned the police offices"
                return "Riots", "Mob violence"
            if ARMED_ACTOR.search(low):
                return "Violence against civilians", "Attack"
            return "Riots", "Mob violence"
    elif category in _ABOUT_VIOLENCE and (
        stems & _HARM_STEMS or (event_stems or set()) & _FIGHT_STEMS
    ):
        # an accusation, a condemnation or an arrest told with the violence it is about
        # ("accused the army of shooting dead two civilians", "arrested by troops and
        # killed"): coded as that violence; a war or a battle only when told as an event
        # (``event_stems``: not the topic of "refused to criticize the invasion")
        fight = next(s for s in _ARMED_STEM_ORDER if s in stems)
        return acled_codes("armed_clash_attack", fight, sentence, stems)
    elif category == "military_activity" and stem == "takeover":
        # territory taken by armed men: a battle (ACLED's "Government regains territory",
        # "Non-state actor overtakes territory"), unless the other side left it without a
        # fight ("took control of the town after the troops withdrew")
        if _NON_VIOLENT_TRANSFER.search(low) and not stems & _FIGHT_STEMS:
            return "Strategic developments", "Non-violent transfer of territory"
        if _STATE_FORCES.search(low):
            return "Battles", "Government regains territory"
        return "Battles", "Non-state actor overtakes territory"
    elif category == "military_activity" and stem == "territory" and stems & _FIGHT_STEMS:
        # territory taken in a fight: "took control ... after heavy fighting"
        return "Battles", "Armed clash"
    elif (
        category == "protest_unrest"
        and stem == "riot"
        and ORGANISED_ARMED.search(low)
        and not CROWD.search(low)
        and not stems & _STREET_STEMS - {"riot"}
    ):
        # shops looted or property wrecked by armed men, not by a crowd: ACLED's looting and
        # property destruction (a strategic development), not a riot
        return "Strategic developments", "Looting/property destruction"
    elif category in _STREET_ANSWERABLE and stems & _STREET_STEMS:
        # arrests, dispersals or deployments against a demonstration: ACLED codes the
        # demonstration ("police arrested 30 youths who were protesting")
        if "riot" in stems:
            return "Riots", "Violent demonstration"
        return "Protests", "Protest with intervention"
    elif (
        category == "protest_unrest"
        and stem == "walkout"
        and "remote" in (stems if event_stems is None else event_stems)
    ):
        # a strike, a shutdown or a blockade told as the time of the bombs that went off during
        # it ("on the eighth day of the strike, three bombs exploded"): the explosion is the
        # event (not a demonstration against a bombing)
        return acled_codes("armed_clash_attack", "remote", sentence, stems, event_stems)
    elif category == "statement_accusation" and stems & _STREET_STEMS:
        # what a demonstration demands or denounces ("protested ..., demanding the release
        # of"): ACLED codes the demonstration
        if "riot" in stems:
            return "Riots", "Violent demonstration"
        return "Protests", "Peaceful protest"
    elif category in _BESIDE_VIOLENCE and (
        stems & _HARM_STEMS or (event_stems or set()) & _FIGHT_STEMS
    ):
        # a deployment, an incursion or a patrol told with its violence: that violence
        fight = next((s for s in _ARMED_STEM_ORDER if s in stems), "battle")
        return acled_codes("armed_clash_attack", fight, sentence, stems)
    elif category == "coercion_enforcement" and stem == "disperse" and _DISPERSAL.search(low):
        # crowd weapons used to disperse people: the state's answer to a gathering (ACLED:
        # protest with intervention), whether or not the sentence calls it a protest
        return "Protests", "Protest with intervention"
    elif category == "coercion_enforcement" and _by_non_state(low):
        # people seized or a village raided by rebels, militias or gunmen, not by the state:
        # an abduction or an attack (violence against civilians unless armed men are hurt),
        # not an arrest
        if stem == "raid":
            return _attack_codes(low)
        return "Violence against civilians", "Abduction/forced disappearance"
    for cat, key, event_type, sub in ACLED:
        if cat == category and key in (stem, "*"):
            if event_type == "Explosions/Remote violence":
                # the sub-event type by the weapon ("a roadside bomb", "a grenade", "drones")
                sub = remote_sub_event(low) or sub
            if stem in ("attack", "ambush"):
                # an ambush is a battle unless those ambushed were unarmed people
                return _attack_codes(low, one_sided=stem == "attack")
            return event_type, sub
    return "", ""


#: a mob as the ones who hurt ("a mob beat", "lynched", "mob justice")
_MOB = re.compile(r"\b(?:mobs?|lynch(?:ed|ing|es)?|lynch-mob|mob justice|jungle justice)\b")


def _mob_on_people(low: str) -> bool:
    """Whether ``low`` tells a mob hurting people, not armed men nor only property."""
    return (
        _MOB.search(low) is not None
        and (DEATH.search(low) is not None or INJURY.search(low) is not None or "beat" in low)
        and (
            CIVILIAN_VICTIM.search(low) is not None
            or _headline_victim(CIVILIAN_VICTIM_HEADLINE, low)
        )
        and ARMED_VICTIM.search(low) is None
    )


#: a crowd dispersed ("used tear gas to disperse the crowd")
_DISPERSAL = re.compile(r"\bdispers(?:e|ed|es|ing|al)\b")


def _attack_codes(low: str, one_sided: bool = True) -> tuple[str, str]:
    """ACLED's codes of a one-sided attack told in ``low``: a battle when the ones hurt are
    armed men or their posts ("killed two soldiers", "attacked a checkpoint"), or armed men
    fought each other ("troops targeted each other's posts"); an air strike when aircraft struck
    ("jets struck the camp"); violence against civilians when
    they are unarmed people ("army soldiers shot two farmers"); a headline's bare verb ("two
    soldiers killed") is a weaker sign than an object or a passive ("militants shot and
    injured a farmer"); else a battle when armed men are named on two sides ("soldiers killed
    three militants"); a riot's mob violence when only property was hit and no armed men are
    named ("a gang attacked the mayor's house"); else violence against civilians if
    ``one_sided`` (a battle if not)."""
    if AIR_ATTACK.search(low):
        return "Explosions/Remote violence", "Air/drone strike"
    battle, against = ("Battles", "Armed clash"), ("Violence against civilians", "Attack")
    armed = ARMED_WORD.search(low) is not None
    civilian = CIVILIAN_WORD.search(low) is not None
    if armed and ARMED_VICTIM.search(low):
        return battle
    if civilian and CIVILIAN_VICTIM.search(low):
        return against
    if armed and (
        _headline_victim(ARMED_VICTIM_HEADLINE, low)
        or (RECIPROCAL.search(low) and ARMED_ACTOR.search(low))
    ):
        return battle
    if civilian and _headline_victim(CIVILIAN_VICTIM_HEADLINE, low):
        return against
    if (
        PROPERTY_VICTIM.search(low)
        and not ARMED_ACTOR.search(low)
        and not DEATH.search(low)
        and not INJURY.search(low)
    ):
        # property attacked by people who are not armed men, no one hurt: a mob's violence
        return "Riots", "Mob violence"
    return battle if _armed_sides(low) >= 2 or not one_sided else against


def _headline_victim(pattern: re.Pattern[str] | LazyPattern, low: str) -> bool:
    """Whether ``pattern`` (a headline's noun and bare verb of harm) matches ``low`` with a
    noun that is not the agent of a passive before it ("arrested by the army and killed": the
    army did the killing)."""
    for m in pattern.finditer(low):
        if _BY.search(low, max(0, m.start() - _BY_REACH), m.start()) is None:
            return True
    return False


#: "by" at most three words before a noun: the noun is who did it
_BY = re.compile(r"\bby(?:\s+[\w'’-]+){0,2}\s+$")
_BY_REACH = 40


def _armed_sides(low: str) -> int:
    """How many sides of armed men ``low`` names: runs of armed-actor words (the words of one
    run name one side: "army soldiers", "security forces personnel"), counted when their
    words differ (a side named twice is one); former ones ("ex-soldiers") are none."""
    sides: list[set[str]] = []
    end = -1
    for m in ARMED_ACTOR.finditer(low):
        if FORMER_BEFORE.search(low, max(0, m.start() - 24), m.start()):
            continue  # "former soldiers" are no side
        w = m.group().removesuffix("s")
        if sides and not low[end : m.start()].strip():
            sides[-1].add(w)
        elif not sides or any(w not in side for side in sides):
            sides.append({w})
        end = m.end()
    return len(sides)


def _by_non_state(low: str) -> bool:
    """Whether ``low`` names armed men outside the state's forces and no police or state
    forces (who would be the ones arresting)."""
    return (
        NON_STATE_ARMED.search(low) is not None
        and POLICE.search(low) is None
        and _STATE_FORCES.search(low) is None
    )


@lru_cache(maxsize=1024)
def crosswalk(category: str, trigger: str = "") -> Codes:
    """(PLOVER event, CAMEO root code, quad class) of a category, refined by the trigger."""
    t = trigger.lower()
    for stem, cw in TRIGGER_CROSSWALK.items():
        if t.startswith(stem) or stem in t.split():
            # only refine within the same broad class
            base = CROSSWALK.get(category, CROSSWALK["other"])
            if base[2].split()[-1] == cw[2].split()[-1]:
                return cw
    return CROSSWALK.get(category, CROSSWALK["other"])


@dataclass(slots=True)
class Trig:
    """One trigger word of the article (absolute offsets)."""

    start: int
    end: int
    text: str
    category: str
    stem: str


def find_triggers(
    sentence: str, offset: int, matches: Sequence[tuple[int, int, int]] | None = None
) -> list[Trig]:
    """Event triggers of one sentence (absolute offsets).

    ``matches`` are (start, end, pattern index) hits of :func:`trigger_hits` on the whole
    lower-cased text (found once per article); without them the sentence is scanned.
    """
    if matches is None:
        matches = [(s + offset, e + offset, k) for s, e, k in trigger_hits(sentence.lower())]
    out: list[Trig] = []
    for s, e, k in matches:
        _, cat, stem = TRIGGERS[k]
        rel = s - offset
        word = sentence[rel : e - offset]
        # skip capitalised uses inside names ("Strike Group", "Summit County")
        if word[0].isupper() and rel > 0 and not _sentence_initial(sentence, rel):
            if cat not in MEETING or _organisation_name(sentence, rel, word):
                continue
        elif cat == "summit_conference" and _ORG_AFTER.match(sentence, rel + len(word)):
            continue  # "a congress candidate", "Congress workers" at the start
        if not _event_use(sentence, rel, word):
            continue
        out.append(Trig(s, e, word, cat, stem))
    return out


# one pass over the text: one named group per family, in priority order; the first
# alternative that matches at a position is the first family that does (same as trying
# each family's pattern there in turn)
# (only tried at the start of a word: the leading check spares the engine the alternatives
# everywhere else; then the first six characters must begin some trigger word, and each
# family is tried only where its first three characters can begin one of its words: the
# lookaheads of :mod:`geomap.incidents.prefilter` reject only positions where nothing could
# match, so the hits are the same as without them)
def _combined() -> re.Pattern[str]:
    union: set[str] | None = set()
    for p, _, _ in TRIGGERS:
        ps = prefixes(p.pattern, 6)
        union = None if ps is None or union is None else union | ps
    lead = f"(?={gate(union)})" if union else ""
    return re.compile(
        r"\b(?=[a-z0-9])"
        + lead
        + "(?:"
        + "|".join(f"(?P<f{k}>{gated(p.pattern)})" for k, (p, _, _) in enumerate(TRIGGERS))
        + ")"
    )


#: compiled on first use (the stages that import this module without finding triggers pay
#: nothing for it)
_COMBINED = LazyPattern(_combined)


def trigger_hits(low: str) -> list[tuple[int, int, int]]:
    """(start, end, index into TRIGGERS) of every trigger word of a lower-cased text."""
    return [
        (m.start(), m.end(), int(m.lastgroup[1:])) for m in _COMBINED.finditer(low) if m.lastgroup
    ]


#: an auxiliary verb: what turns the words before a trigger into a clause of their own
_PREDICATE = re.compile(r"\b(?:was|were|is|are|has|have|had|been|being|got)\b")


def _after_aside(window: str, cue: re.Match[str], word: str) -> bool:
    """Whether the trigger ``word``, a past verb, comes right after an aside that ``cue``
    opened after a comma and a comma closed (", including A and B, surrendered")."""
    return (
        word.lower().endswith("ed")
        and window[: cue.start()].rstrip().endswith(",")
        and window.rstrip().endswith(",")
        and "," not in window[cue.end() : len(window.rstrip()) - 1]
    )


def _event_use(sentence: str, pos: int, word: str) -> bool:
    """False for topic, infinitive, quoted or habitual uses of a trigger word."""
    before = sentence[:pos]
    if word.lower() in NEED_NOUN:
        prev = _WORD.findall(before.lower())[-1:]
        if prev and prev[0] in VERB_AFTER:
            return False
    if quoted(sentence, pos):
        return False
    clause = _CLAUSE_SPLIT.split(before)[-1].lower()
    window = before[-160:].split(";")[-1].lower()
    cues = list(TOPIC_LIST.finditer(window))
    # a cue then a finite verb before the trigger ("three, including two soldiers, were
    # killed") is a sentence about the event, not a list of topics; so is a past verb right
    # after an aside the cue opened and commas close ("40 rebels, including two commanders,
    # surrendered")
    if (
        cues
        and not _PREDICATE.search(window, cues[-1].end())
        and not _after_aside(window, cues[-1], word)
    ):
        return False
    # (unless a finite verb follows the cue: "militants, including two commanders, were
    # killed")
    last = max((m.end(1) for m in TOPIC_CUES.finditer(clause)), default=-1)
    if last >= 0 and not _PREDICATE.search(clause, last):
        return False
    return not HABITUAL.search(clause)


#: after a capitalised meeting word, what makes it part of an organisation's name
#: ("Youth Congress workers", "National Democratic Congress (NDC)"), not a meeting
_ORG_AFTER = re.compile(
    r"\s*\((?:[A-Z][\w-]*){1,3}\)|\s+(?:workers?|supporters?|members?|activists?|leaders?|"
    r"cadres?|party|president|chairman|chairperson|candidates?|MPs?|lawmakers?|officials?|"
    r"youth|councillors?|councilors?|ticket)\b",
    re.IGNORECASE,
)


def _organisation_name(sentence: str, pos: int, word: str) -> bool:
    """A capitalised meeting word that ends an organisation's name: followed by its acronym
    or a member noun, or after three or more capitalised words ("South African National
    Editors Forum")."""
    if _ORG_AFTER.match(sentence, pos + len(word)):
        return True
    before = sentence[:pos].split()[-3:]
    return len(before) == 3 and all(w[:1].isupper() for w in before)


def quoted(sentence: str, pos: int) -> bool:
    """Whether position ``pos`` of ``sentence`` lies inside a quotation."""
    if pos < 0:  # counted from the end
        before = sentence[:pos]
        return before.count("“") > before.count("”") or before.count('"') % 2 == 1
    opening, closing, straight = _quote_marks(sentence)
    return bisect_left(opening, pos) > bisect_left(closing, pos) or (
        bisect_left(straight, pos) % 2 == 1
    )


@lru_cache(maxsize=256)
def _quote_marks(sentence: str) -> tuple[list[int], list[int], list[int]]:
    """Where a sentence's opening, closing and straight double quotes are (found once per
    sentence: each of its triggers asks how many stand before it)."""
    opening: list[int] = []
    closing: list[int] = []
    straight: list[int] = []
    for m in _DOUBLE_QUOTE.finditer(sentence):
        c = m.group()
        (opening if c == "“" else closing if c == "”" else straight).append(m.start())
    return opening, closing, straight


def _sentence_initial(sentence: str, pos: int) -> bool:
    return not sentence[:pos].strip() or sentence[:pos].rstrip()[-1:] in '"“‘:(—'


def modality_of(sentence: str, rel: int, trig: Trig) -> str | None:
    """'asserted', 'future', 'hypothetical', or None for a negated event (dropped)."""
    before = sentence[:rel]
    # the clause before the trigger: from the last clause break
    cut = max(before.rfind(","), before.rfind(";"), before.rfind(" but "), before.rfind(":"))
    clause = before[cut + 1 :].lower() if cut >= 0 else before.lower()
    tail = " ".join(clause.split()[-6:])
    if NEGATION.search(tail):
        return None
    after = sentence[rel + len(trig.text) :].lower()
    after_clause = _CLAUSE_END.split(after, maxsplit=1)[0]
    if _NOT.search(tail):
        return None
    if HYPOTHETICAL.search(tail) or _POSSIBLY.search(after_clause[:60]):
        return "hypothetical"
    if FUTURE.search(tail):
        return "future"
    # "a G20 summit in Bali in November" inside a hypothetical sentence part
    if HYPOTHETICAL_CLAUSE.search(clause):
        return "hypothetical"
    return "asserted"


#: (id of a module-level word pattern, lower-cased sentence) -> whether it matches; bounded
_IN_SEEN: dict[tuple[int, str], bool] = {}
_IN_SEEN_MAX = 4096


def _in(words: re.Pattern[str] | LazyPattern, sentence_low: str) -> bool:
    """Whether ``sentence_low`` has one of ``words`` (asked for each trigger of a sentence:
    searched once per sentence). Keyed by the pattern's id: hashing a compiled pattern hashes
    its whole program (1.5 us for a long word list, more than most searches), a text's hash
    is kept by the string. ``words`` is one of this module's patterns, which live as long as
    the process."""
    key = (id(words), sentence_low)
    found = _IN_SEEN.get(key)
    if found is None:
        if len(_IN_SEEN) >= _IN_SEEN_MAX:
            _IN_SEEN.clear()
        found = _IN_SEEN[key] = words.search(sentence_low) is not None
    return found


def domain_of(sentence_low: str, category: str, place: Place | None) -> str:
    """land, sea, air, cyber or space: from the sentence's words and the place's kind."""
    if _in(CYBER_WORDS, sentence_low):
        return "cyber"
    if _in(SPACE_WORDS, sentence_low):
        return "space"
    if category == "airspace_incursion":
        return (
            "air"
            if _in(AIR_WORDS, sentence_low)
            or place is None
            or (place.entry is not None and place.entry.kind == "line")
            else ("sea" if _in(SEA_WORDS, sentence_low) else "land")
        )
    if category == "maritime_incident":
        return "sea"
    if _in(AIR_WORDS, sentence_low):
        return "air"
    if _in(SEA_WORDS, sentence_low) or (
        place is not None
        and place.entry is not None
        and place.entry.kind in SEA_KINDS
        and category in SEA_CAPABLE
    ):
        return "sea"
    return "land"


def refine_category(cat: str, sentence_low: str, place: Place | None) -> str:
    """'cross'/'patrol' words: airspace, maritime or land military activity."""
    kind = place.entry.kind if place is not None and place.entry is not None else None
    air = _in(AIR_WORDS, sentence_low)
    sea = _in(SEA_WORDS, sentence_low) or kind in SEA_KINDS
    if cat == "airspace_incursion":
        if air or kind == "line":
            return "airspace_incursion"
        if sea:
            return "maritime_incident"
        return "military_activity"
    if cat == "armed_clash_attack" and _in(DISASTER_CONTEXT, sentence_low):
        # "an earthquake struck", "floods killed 12": nature or an accident, unless armed men
        # are named
        if not _in(ARMED_ACTOR, sentence_low):
            return "natural_disaster" if _in(NATURE_CONTEXT, sentence_low) else "accident"
    if cat == "maritime_incident":
        if sea or "navigation" in sentence_low:
            return "maritime_incident"
        if air:
            return "airspace_incursion"
        return "military_activity"
    return cat
