"""The incident stage's vocabulary: its word tables, read from ``geomap/resources/lexicon/``.

The words are data (one file per list, each with a header saying what it holds); this module
only reads them through :mod:`geomap.text.lexicon` and compiles the lists that are searched as
regular expressions, once, at import. What stays code here: the shape of each pattern (word
boundaries, "at most two words before the end of the clause"), a few punctuation marks, and
the groups of categories and feature kinds the rules test.

Files read (``lexicon/NAME.txt`` or ``.tsv``): ``incident_crosswalk`` (category and trigger
stem -> PLOVER / CAMEO / quad class), ``incident_category_labels``, ``incident_triggers`` (the
event words); the domain words ``incident_{air,sea,cyber,space}_words``; the modality cues
``negation_cues``, ``future_cues``, ``hypothetical_cues``, ``hypothetical_clause_cues``,
``future_sentence_cues``, ``habitual_cues``; the topic cues ``topic_cues``,
``topic_list_cues``; clauses: ``clause_break_words``, ``verb_markers``, ``noun_only_triggers``,
``english_articles``, ``definite_determiners``, ``anaphoric_subjects``, ``sideline_cues``;
places: ``movement_triggers``, ``spatial_prepositions``, ``relational_prepositions``,
``other_prepositions``, ``place_of_nouns``; actors: ``actor_prepositions``, ``person_titles``,
``person_title_modifiers``, ``state_body_heads``, ``organisation_acronyms``,
``organisation_leading_words``; time: ``reporting_verbs``; who hurt whom (ACLED's types):
``armed_actor_words``, ``armed_men_words``, ``armed_target_words``, ``armed_post_words``,
``civilian_words``, ``armed_noun_modifiers``, ``harm_verbs``, ``victim_verbs``,
``harm_passive_verbs``, ``non_state_armed_words``, ``seizing_verbs``, ``reciprocal_words``,
``aircraft_words``, ``air_strike_verbs``, ``property_words``, ``destruction_verbs``,
``injury_words``, ``political_crowd_words``, ``former_modifiers``, ``defusal_words``,
``explosion_words``, ``protester_words``; the sub-event types of explosions:
``remote_sub_events``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Final

from geomap.incidents.prefilter import gate, prefixes
from geomap.kinds import Kind
from geomap.text.lexicon import rows, table, words

__all__ = [
    "ACLED",
    "ACRONYM_ORG",
    "ACTOR_PREP",
    "AIR_ATTACK",
    "AIR_WORDS",
    "ANAPHORIC_SUBJECT",
    "ARMED_ACTOR",
    "ARMED_VICTIM",
    "ARMED_VICTIM_HEADLINE",
    "ARMED_WORD",
    "ARTICLES",
    "CATEGORIES",
    "CIVILIAN_VICTIM",
    "CIVILIAN_VICTIM_HEADLINE",
    "CIVILIAN_WORD",
    "CLAUSE_BREAK",
    "CROSSWALK",
    "CROWD",
    "CROWD_DESTROYING",
    "CYBER_WORDS",
    "DEATH",
    "DEFINITE",
    "DEFUSAL",
    "DISASTER_CONTEXT",
    "EXPLOSION",
    "FORCES_AFTER",
    "FORMER_BEFORE",
    "FUTURE",
    "FUTURE_SENTENCE",
    "GATE_FROM",
    "HABITUAL",
    "HYPOTHETICAL",
    "HYPOTHETICAL_CLAUSE",
    "INJURY",
    "LABELS",
    "LEADING_TIME",
    "LOC_PREP",
    "MEETING",
    "MOVE_TRIGGERS",
    "NAME_FIRST_WORDS",
    "NAME_NEIGHBOURS",
    "NATURE_CONTEXT",
    "NEED_NOUN",
    "NEGATION",
    "NON_STATE_ARMED",
    "ORGANISED_ARMED",
    "ORG_LEADING",
    "ORG_RE",
    "PERSON_TITLES",
    "PLACE_OF",
    "POLICE",
    "POLITICAL_CROWD",
    "PROPERTY_VICTIM",
    "PROTESTER_VICTIM",
    "RECIPROCAL",
    "REPORTED_AT",
    "REPORTING",
    "SEA_CAPABLE",
    "SEA_KINDS",
    "SEA_WORDS",
    "SIDELINES",
    "SPACE_WORDS",
    "STOP_PREP",
    "STRONG_KINDS",
    "TERRITORY_AFTER",
    "TOPIC_CUES",
    "TOPIC_LIST",
    "TRIGGERS",
    "TRIGGER_CROSSWALK",
    "VERBAL",
    "VERB_AFTER",
    "Codes",
    "LazyPattern",
    "alternation",
    "group",
    "remote_sub_event",
    "word_regex",
]

#: (PLOVER event, CAMEO root code, quad class); empty strings for "no code"
Codes = tuple[str, str, str]


def alternation(entries: Iterable[str]) -> str:
    """A regex alternation of word-list entries: each entry literally, except that a trailing
    ``*`` stands for any continuation of the word (``cyber*``). Longest entries first, so the
    alternation prefers the longer of two entries that start alike."""
    alts = sorted(entries, key=lambda e: (-len(e), e))
    return "|".join(re.escape(e[:-1]) + r"\w*" if e.endswith("*") else re.escape(e) for e in alts)


#: alternations at least this long are searched behind a prefix gate (measured on the
#: incident reports: shorter ones are as fast without one)
GATE_FROM = 150


def group(alt: str) -> str:
    """``(?:alt)``, behind the lookahead of its prefix gate when it is long
    (:mod:`geomap.incidents.prefilter`: the same matches, found faster). For patterns compiled
    without flags."""
    ps = prefixes(alt) if len(alt) >= GATE_FROM else None
    return f"(?:{alt})" if ps is None else f"(?={gate(ps)})(?:{alt})"


def word_regex(name: str, flags: int = 0) -> re.Pattern[str]:
    r"""``\b(?:...)\b`` over the entries of ``lexicon/NAME.txt`` (see :func:`alternation`)."""
    alt = alternation(words(name))
    return re.compile(rf"\b{group(alt) if not flags else f'(?:{alt})'}\b", flags)


class LazyPattern:
    """A regular expression compiled on first use (the rules that need it run only on some
    sentences, and the stages that import this module without using it pay nothing): the
    ``re.Pattern`` methods the incident stage calls, and its source as ``pattern``."""

    def __init__(self, build: Callable[[], re.Pattern[str]]) -> None:
        self._build = build
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = self._build()
        return self._compiled

    @property
    def pattern(self) -> str:
        return self.compiled.pattern

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        if endpos is None:
            return self.compiled.search(text, pos)
        return self.compiled.search(text, pos, endpos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def sub(self, repl: str, text: str) -> str:
        return self.compiled.sub(repl, text)


# --------------------------------------------------------------------------------- crosswalk


def _codes(row: tuple[str, ...]) -> Codes:
    c = (*row[2:5], "", "", "")
    return c[0], c[1], c[2]


#: category -> (PLOVER event, CAMEO root, quad class), in the table's order
CROSSWALK: Final[dict[str, Codes]] = {
    r[1]: _codes(r) for r in rows("incident_crosswalk") if r[0] == "category"
}
#: finer crosswalk by trigger stem (the first matching stem wins)
TRIGGER_CROSSWALK: Final[dict[str, Codes]] = {
    r[1]: _codes(r) for r in rows("incident_crosswalk") if r[0] == "trigger"
}
CATEGORIES: Final[tuple[str, ...]] = tuple(CROSSWALK)
#: (category, trigger stem or "*") -> (ACLED event type, sub-event type), first row wins
ACLED: Final[list[tuple[str, str, str, str]]] = [
    (r[0], r[1], r[2], r[3]) for r in rows("incident_acled") if len(r) >= 4
]
#: category -> label for titles and legends
LABELS: Final[dict[str, str]] = table("incident_category_labels")

# category groups the rules test (the category names are the code's own vocabulary)
MEETING: Final = frozenset({"diplomatic_meeting", "summit_conference"})
VERBAL: Final = frozenset({"statement_accusation", "threat_warning", "agreement_cooperation"})
#: material conflict that is at sea when its place is a marine feature
SEA_CAPABLE: Final = frozenset({"military_activity", "armed_clash_attack", "coercion_enforcement"})

# ---------------------------------------------------------------------------------- triggers


def _trigger_families() -> list[tuple[re.Pattern[str], str, str]]:
    """Consecutive rows of one (category, stem) are one family: one whole-word pattern."""
    fams: list[tuple[list[str], str, str]] = []
    for pattern, cat, stem in rows("incident_triggers"):
        if fams and fams[-1][1:] == (cat, stem):
            fams[-1][0].append(pattern)
        else:
            fams.append(([pattern], cat, stem))
    return [(re.compile(rf"\b(?:{'|'.join(ps)})\b"), cat, stem) for ps, cat, stem in fams]


#: (whole-word pattern on the lower-cased sentence, category, stem), in priority order
TRIGGERS: Final[list[tuple[re.Pattern[str], str, str]]] = _trigger_families()

# ----------------------------------------------------------------------------------- domains

AIR_WORDS: Final = word_regex("incident_air_words")
SEA_WORDS: Final = word_regex("incident_sea_words")
CYBER_WORDS: Final = word_regex("incident_cyber_words")
SPACE_WORDS: Final = word_regex("incident_space_words")
#: kinds of place that make an event a sea event (marine areas as the news name them: reefs
#: included, the gazetteer's fjords, inlets and basins not; cf. geomap.kinds.MARINE_KINDS)
SEA_KINDS: Final[frozenset[Kind]] = frozenset(
    {"sea", "strait", "bay", "gulf", "ocean", "channel", "sound", "passage", "reef"}
)

# ---------------------------------------------------------------------------------- modality

#: a negation cue, then at most two words, at the end of the text before the trigger
NEGATION: Final = re.compile(
    rf"\b{group(alternation(words('negation_cues')))}\b(?:\s+\w+){{0,2}}\s*$"
)
FUTURE: Final = word_regex("future_cues")
HYPOTHETICAL: Final = word_regex("hypothetical_cues")
HYPOTHETICAL_CLAUSE: Final = word_regex("hypothetical_clause_cues")
FUTURE_SENTENCE: Final = word_regex("future_sentence_cues")
HABITUAL: Final = word_regex("habitual_cues")
#: what makes the count after "about" approximate ("about 300 protesters", "about a dozen")
_APPROXIMATE = alternation((set(table("count_words")) - {"a", "an"}) | words("approximate_counts"))
#: a topic cue at most three words before the trigger, at the end of its clause (group 1:
#: the cue; "about" before a count is no cue: "about 300 protesters gathered")
TOPIC_CUES: Final = re.compile(
    rf"\b(?!about\s+(?:\d|(?:{_APPROXIMATE})\b))"
    rf"({group(alternation(words('topic_cues')))})(?:\s+[\w'’-]+){{0,3}}\s*$"
)
TOPIC_LIST: Final = word_regex("topic_list_cues")

# ------------------------------------------------------------------------------- clauses

#: words and punctuation that end a clause when scanning from a trigger to a place (or back)
CLAUSE_BREAK: Final = words("clause_break_words") | frozenset(',;:—–()"“”')
#: after one of these, a noun-only trigger is a verb ("how to deal with")
VERB_AFTER: Final = words("verb_markers")
NEED_NOUN: Final = words("noun_only_triggers")
ARTICLES: Final = words("english_articles")
DEFINITE: Final = words("definite_determiners")
ANAPHORIC_SUBJECT: Final = word_regex("anaphoric_subjects")
SIDELINES: Final = word_regex("sideline_cues")

# -------------------------------------------------------------------------------- places

#: the movement triggers whose object is the event's place ("crossed the median line")
#: armed men ("soldiers", "militants", "gunmen"), and what makes a killing nature's or an
#: accident's
_ARMED_MEN = words("armed_actor_words") | words("armed_men_words")
ARMED_ACTOR: Final = re.compile(rf"\b{group(alternation(_ARMED_MEN))}\b")
#: the police
POLICE: Final = word_regex("police_words")
#: crowds and party followers
CROWD: Final = word_regex("crowd_words")
#: a death in the report
DEATH: Final = re.compile(r"\b(?:killed|killing|dead|died|death|deaths|shot dead|fatalit\w*)\b")
#: armed men other than the police: an army, rebels, militias, gunmen
ORGANISED_ARMED: Final = re.compile(
    rf"\b{group(alternation(_ARMED_MEN - words('police_words')))}\b"
)
_ARMED = alternation(_ARMED_MEN | words("armed_target_words") | words("armed_post_words"))
_VICTIM = alternation(words("victim_verbs") | words("harm_passive_verbs"))
_HURT = alternation(words("harm_verbs"))
#: a word of a noun phrase between a verb of harm and the one it hurts ("attacked SPLA/IO
#: positions", "shot the village's chief"): no preposition ("by" the one who hurt, "beaten in
#: a police station") nor clause break
_NP_STOP = alternation(
    words("spatial_prepositions") | words("other_prepositions") | words("clause_break_words")
)
_NP_WORD = rf"(?:(?!(?:{_NP_STOP})\b)[\w'’/.-]+\s+)"
#: ... and, before armed men, no word that makes them former ones ("killed two ex-rebel
#: fighters")
_NP_WORD_ARMED = (
    rf"(?:(?!(?:{_NP_STOP})\b|(?:{alternation(words('former_modifiers'))}))[\w'’/.-]+\s+)"
)
#: after a noun and a passive or headline verb of harm, what ends the clause ("three soldiers
#: killed and one injured", "were killed or wounded")
#: ("and" then another verb of harm is the noun's own act: "militants shot and killed")
_CLAUSE_AFTER = (
    rf"(?=\s*(?:$|[,.;:]|and\b(?!\s+(?:\w+ly\s+)?(?:{_HURT})\b)"
    r"|(?:or|by|in|near|when|after|during|while|following|of)\b))"
)


def _noun_group(alt: str, before: str = "", after: str = "") -> str:
    """``(?:alt)`` behind its prefix gate (as :func:`group`), with the lookarounds ``before``
    and ``after`` of the noun itself (after the gate, so that the gate still rejects most
    positions at once)."""
    ps = prefixes(alt) if len(alt) >= GATE_FROM else None
    lead = f"(?={gate(ps)})" if ps is not None else ""
    return f"{lead}{before}(?:{alt}){after}"


def _victim_pattern(
    nouns: str,
    before_passive: int = 2,
    headline: bool = False,
    np_word: str = _NP_WORD,
    before: str = "",
    after: str = "",
) -> re.Pattern[str]:
    """``nouns`` as the ones hurt: the object of a verb of harm ("attacked a military
    position", "killed two soldiers", "an attack by rebels on army posts"; not "attacked by
    soldiers"), or the subject of a passive verb of harm ("a policeman was shot"), with at most
    ``before_passive`` words between the noun and its verb. With ``headline``, only the noun
    before a bare verb of harm, as headlines put it ("three soldiers killed and one injured",
    "a conscript died of wounds"; not "soldiers killed three civilians"), which also reads
    as the noun doing the harm ("militants shot and injured a farmer"): the weaker sign.
    ``np_word`` is a word of the noun phrase between a verb and its object; ``before`` and
    ``after`` are lookarounds of the noun ("not after 'armed'")."""
    noun = f"{before}(?:{nouns}){after}"
    if headline:
        return re.compile(
            rf"\b{_noun_group(nouns, before, after)}(?:\s+[\w'’-]+){{0,{before_passive}}}?\s+"
            rf"(?:{_VICTIM}){_CLAUSE_AFTER}"
        )
    return re.compile(
        rf"\b{group(_HURT)}\s+(?:on\s+|at\s+)?{np_word}{{0,4}}?{noun}\b"
        rf"|\b(?:attack|assault|raid|ambush)s?\s+by\s+(?:[\w'’/.-]+\s+){{1,4}}?on\s+"
        rf"{np_word}{{0,4}}?{noun}\b"
        rf"|\b{_noun_group(nouns, before, after)}(?:\s+[\w'’-]+){{0,{before_passive}}}?\s+"
        rf"(?:was|were|is|are|has been|have been|had been|got|being)\s+(?:{_VICTIM})\b"
    )


#: armed men or their posts as the ones attacked (ACLED: a battle, whoever attacked), and as
#: the subject of a headline's bare verb of harm
#: (not former ones: "killed a former militant" hurt a civilian)
#: (armed men as the ones who hold a detainee, not the ones hurt: "injuries in police custody")
_NOT_HOLDER = r"(?!\s+(?:custody|detention)\b)"
_NOT_FORMER = "".join(
    f"(?<!{re.escape(w)}{'' if w.endswith('-') else ' '})"
    for w in sorted(words("former_modifiers"))
)
#: a word that makes the armed men after it former ones, then at most one word, at the end
FORMER_BEFORE: Final = LazyPattern(
    lambda: re.compile(
        rf"(?:^|(?<=\s))(?:{alternation(words('former_modifiers'))})\s*(?:[\w'’-]+\s+)?$"
    )
)
ARMED_VICTIM: Final = LazyPattern(
    lambda: _victim_pattern(_ARMED, np_word=_NP_WORD_ARMED, before=_NOT_FORMER, after=_NOT_HOLDER)
)
ARMED_VICTIM_HEADLINE: Final = LazyPattern(
    lambda: _victim_pattern(_ARMED, headline=True, before=_NOT_FORMER, after=_NOT_HOLDER)
)
#: a word for armed men or their posts, and one for unarmed people: what the victim
#: patterns need (searched first: most texts have neither, and these scans are cheaper)
ARMED_WORD: Final = LazyPattern(lambda: re.compile(rf"\b{group(_ARMED)}\b"))
CIVILIAN_WORD: Final = LazyPattern(
    lambda: re.compile(rf"\b{group(alternation(words('civilian_words')))}\b")
)
#: unarmed people as the ones hurt ("shot two villagers", "a woman was killed"; not "armed
#: men", "security men"): ACLED's violence against civilians
_CIVILIAN = alternation(words("civilian_words"))
_NOT_ARMED_BEFORE = "".join(f"(?<!{re.escape(w)} )" for w in sorted(words("armed_noun_modifiers")))
#: (a civilian noun, not its possessive: "the People's Liberation Army")
_NOT_POSSESSIVE = "(?!['’]s)"


CIVILIAN_VICTIM: Final = LazyPattern(
    lambda: _victim_pattern(_CIVILIAN, 4, before=_NOT_ARMED_BEFORE, after=_NOT_POSSESSIVE)
)
CIVILIAN_VICTIM_HEADLINE: Final = LazyPattern(
    lambda: _victim_pattern(
        _CIVILIAN, 4, headline=True, before=_NOT_ARMED_BEFORE, after=_NOT_POSSESSIVE
    )
)
#: armed men outside the state's forces as the ones who seize ("gunmen seized", "held by
#: militiamen"; not "arrested 12 militants"): a person they take is abducted, not arrested
NON_STATE_ARMED: Final = LazyPattern(
    lambda: re.compile(
        rf"\bby\s+(?:[\w'’-]+\s+){{0,3}}?(?:{alternation(words('non_state_armed_words'))})\b"
        rf"|\b(?:{alternation(words('non_state_armed_words'))})\s+(?:[\w'’-]+\s+){{0,2}}?"
        rf"(?:{alternation(words('seizing_verbs'))})\b"
    )
)
#: aircraft as the ones who strike ("jets struck rebel positions"): an air or drone strike
AIR_ATTACK: Final = LazyPattern(
    lambda: re.compile(
        rf"\b{_noun_group(alternation(words('aircraft_words')))}(?:\s+[\w'’-]+){{0,3}}?\s+"
        rf"(?:{alternation(words('air_strike_verbs'))})\b"
    )
)


def _remote_sub_events() -> re.Pattern[str]:
    alts = [f"(?P<r{i}>{alternation([w])})" for i, (w, _) in enumerate(rows("remote_sub_events"))]
    return re.compile(rf"\b(?:{'|'.join(alts)})\b")


_REMOTE_SUB = LazyPattern(_remote_sub_events)


def remote_sub_event(low: str) -> str | None:
    """The sub-event type of explosions/remote violence by the weapon ``low`` names: of the
    rows of ``remote_sub_events`` whose word stands in it, the first (one scan of the text);
    None when it names none."""
    hit = min(
        (int(m.lastgroup[1:]) for m in _REMOTE_SUB.finditer(low) if m.lastgroup), default=None
    )
    return None if hit is None else rows("remote_sub_events")[hit][1]


#: demonstrators or their gathering as the ones hurt ("police fired on protesters")
PROTESTER_VICTIM: Final = LazyPattern(
    lambda: _victim_pattern(alternation(words("protester_words")), 4)
)
#: property as what an attack hit ("attacked the house of", "a bus was attacked")
PROPERTY_VICTIM: Final = LazyPattern(lambda: _victim_pattern(alternation(words("property_words"))))
#: party followers and political crowds: their clashes are riots, fatal or not
POLITICAL_CROWD: Final = LazyPattern(lambda: word_regex("political_crowd_words"))
#: an explosive found or made safe, and one that went off or was thrown
DEFUSAL: Final = LazyPattern(lambda: word_regex("defusal_words"))
EXPLOSION: Final = LazyPattern(lambda: word_regex("explosion_words"))
#: someone hurt
INJURY: Final = LazyPattern(lambda: word_regex("injury_words"))
#: a crowd or unarmed people as the ones who destroyed property ("residents burned the
#: offices", "youths destroyed a checkpoint"; not "armed men torched")
_PEOPLE = alternation(words("crowd_words") | words("civilian_words"))
CROWD_DESTROYING: Final = LazyPattern(
    lambda: re.compile(
        rf"\b{_noun_group(_PEOPLE, _NOT_ARMED_BEFORE)}"
        rf"(?:\s+[\w'’-]+){{0,3}}?\s+(?:{alternation(words('destruction_verbs'))})\b"
    )
)
#: armed men fighting each other ("troops targeted each other's positions"): a battle
RECIPROCAL: Final = LazyPattern(lambda: word_regex("reciprocal_words"))
NATURE_CONTEXT: Final = re.compile(rf"\b{group(alternation(words('nature_context_words')))}\b")
DISASTER_CONTEXT: Final = re.compile(
    rf"\b{group(alternation(words('nature_context_words') | words('accident_context_words')))}\b"
)
#: a leading time phrase set off by a comma ("On 9 May 2020, in Kandahar, ...", "Late on
#: Friday, at the border, ..."): what may stand before a sentence-initial "In X,"
LEADING_TIME: Final = re.compile(
    r"^\W*[^,;]{0,30}?\b(?:\d{1,4}|"
    + alternation(words("month_names") | words("weekday_names"))
    + r")\b[^,;]{0,15},\s*",
    re.IGNORECASE,
)
#: right after a nationality: armed forces ("Kenyan forces", "Ethiopian military base")
FORCES_AFTER: Final = re.compile(
    rf"\s+(?:[\w'’-]+\s+){{0,2}}?(?:{alternation(words('foreign_force_nouns'))})\b", re.IGNORECASE
)
#: after a nationality, its country's ground, waters or sky ("on Rwandan soil")
TERRITORY_AFTER: Final = re.compile(rf"\s+(?:{alternation(words('territory_nouns'))})\b")
#: capitalised words that may stand next to a place name inside one name without making it
#: another name's part ("North Kivu", "Kandahar Province", "In Kabul", "on Monday"); any other
#: capitalised neighbour ("Boko Haram", "Abu Sleem", "Libya Herald") makes the match a fragment
#: words that open longer names ("Abu Salim", "Ceel Waaq")
NAME_FIRST_WORDS: Final = words("name_first_words") | words("arabic_name_prefixes")
NAME_NEIGHBOURS: Final = frozenset(
    w.lower()
    for w in words("function_words")
    | words("sentence_starters")
    | words("direction_adjectives")
    | words("direction_words")
    | words("generic_name_words")
    | words("place_name_heads")
    | words("admin_unit_words")
    | words("place_name_prefixes")
    | words("month_names")
    | words("weekday_names")
)
MOVE_TRIGGERS: Final = re.compile(rf"^(?:{alternation(words('movement_triggers'))})$")
LOC_PREP: Final = words("spatial_prepositions")
#: where the search back from a place for its preposition stops
STOP_PREP: Final = LOC_PREP | words("relational_prepositions") | words("other_prepositions")
#: "the island of X": the place after "of" is the event's place
PLACE_OF: Final = re.compile(rf"\b(?:{alternation(words('place_of_nouns'))})\s+of(?:\s+the)?\s*$")
#: kinds of place a trigger may be "on" ("patrols on the South China Sea")
STRONG_KINDS: Final[frozenset[Kind]] = SEA_KINDS | frozenset(
    {"line", "island", "archipelago", "zone"}
)

# -------------------------------------------------------------------------------- actors

ACTOR_PREP: Final = words("actor_prepositions")
PERSON_TITLES: Final = re.compile(
    r"\b"
    + group(
        rf"(?:(?:{alternation(words('person_title_modifiers'))}) )*"
        rf"(?:{alternation(words('person_titles'))})"
        r"(?: of [A-Z][\w]+(?: [A-Z][\w]+)*)?"
    )
    + r"\s+((?:[A-Z][\w'’-]+)(?:\s+[A-Z][\w'’-]+){0,2})"
)
ORG_RE: Final = re.compile(
    r"\b"
    + group(
        rf"((?:[A-Z][\w-]+\s+){{0,3}}(?:{alternation(words('state_body_heads'))})"
        r"(?:\s+of(?:\s+the)?\s+[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)?)"
    )
    + r"\b"
)
ACRONYM_ORG: Final = re.compile(rf"\b({alternation(words('organisation_acronyms'))})\b")
ORG_LEADING: Final = words("organisation_leading_words")

# ---------------------------------------------------------------------------------- time

#: a reporting verb and at most two words at the end of the text before a date
#: the words of reporting: a place between one and the event ("police in Lagos said the
#: bombing", "the army said in Islamabad that militants ambushed") is where it was said
REPORTING: Final[frozenset[str]] = words("reporting_verbs") | {"that"}
REPORTED_AT: Final = re.compile(
    rf"\b(?:{alternation(words('reporting_verbs'))})(?:\s+\w+){{0,2}}\s*$", re.IGNORECASE
)
