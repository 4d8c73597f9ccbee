"""The recogniser's vocabulary: word tables and name lists, read once from package data.

Every table is a file under ``geomap/resources/lexicon/`` (its header says what it holds and
where it comes from), read through :mod:`geomap.text.lexicon` at import; the large lists (first
names, surnames, common words with their frequency, demonyms) are read on first use and cached.
"""

from __future__ import annotations

from functools import cache
from typing import Final, cast

from geomap.errors import ResourceError
from geomap.kinds import KINDS, LOCAL_CUES, Kind, LocalCue
from geomap.resources import read_text
from geomap.text.lexicon import rows, table, words
from geomap.text.normalise import normalise


def _kinds(name: str) -> dict[str, Kind | LocalCue]:
    """``lexicon/NAME.tsv`` as ``{word: kind}``; every kind must be a known kind or cue."""
    out = table(name)
    for word, kind in out.items():
        if kind not in KINDS and kind not in LOCAL_CUES:
            raise ResourceError(f"lexicon/{name}.tsv: {kind!r} ({word!r}) is no feature kind")
    return cast("dict[str, Kind | LocalCue]", dict(out))


def _capitalised(entries: frozenset[str]) -> frozenset[str]:
    return frozenset(w[:1].upper() + w[1:] for w in entries)


# -- names and their parts ------------------------------------------------------------------
#: lower-case words allowed inside a capitalised run ("Isle of Man", "Rio de Janeiro")
CONNECTORS: Final = words("place_name_connectors")
#: first words of place names ("North", "Fort", "San"): no person's first name after all
PLACE_PREFIX: Final = words("place_name_prefixes")
#: feature words ending a place's name but never a person's ("Royal Street")
NOT_A_SURNAME: Final = words("not_surname_words")
#: particles inside a person's name ("Mike de Kock")
NAME_PARTICLES: Final = words("name_particles")
#: lower-case articles joined by a hyphen to the next word of a name ("Bab el-Mandeb",
#: "Ras al-Khaimah") and elided particles before an apostrophe ("Côte d'Ivoire")
HYPHENED_PARTICLES: Final = words("arabic_name_prefixes")
ELIDED_PARTICLES: Final = words("elided_name_particles")
#: the feature word ending a name -> kind or local cue ("Royal Street" -> street)
FEATURE_SUFFIX: Final = _kinds("feature_suffixes")
#: the feature word opening a name -> kind or local cue ("Lake Lanier" -> lake)
FEATURE_PREFIX: Final = _kinds("feature_prefixes")
#: a lower-case type word after a name -> the kind it points to ("Helmand province")
CUE_WORDS: Final = _kinds("cue_words")
#: abbreviations ending with a period that name no place ("No. 5", "Ms. Smith")
TITLE_ABBREV: Final = words("title_abbreviations")
#: capitalised month and weekday names, their abbreviations, feasts ("May", "Sun", "Easter")
CALENDAR: Final = _capitalised(
    words("month_names") | words("weekday_names") | words("calendar_words")
)
#: capitalised qualifiers that alone name no place ("Western", "Upper", "Greater")
DIRECTION_ADJ: Final = words("direction_adjectives")
#: compass words making a loose part of a state ("East Texas")
DIRECTION_WORDS: Final = words("direction_words")
#: US state postal codes before a route number ("KY 52")
US_STATE_CODES: Final = words("us_state_codes")
#: ship prefixes ("USS", "BRP"): what follows names a vessel
VESSEL_PREFIXES: Final = words("vessel_prefixes")
#: words that start sentences in capitals but name no person or place
FUNCTION_WORDS: Final = words("function_words")

# -- people and organisations ---------------------------------------------------------------
#: titles before a person's name ("Secretary", "Gen")
TITLE_WORDS: Final = words("title_words")
#: words continuing a title ("Secretary of State", "Foreign Minister")
TITLE_CONT: Final = words("title_continuations")
#: words making a capitalised name an organisation ("Group", "University")
ORG_WORDS: Final = words("organisation_words")
#: heads after which "of" names an organisation's field ("Ministry of Commerce")
ORG_OF: Final = words("organisation_field_heads")
#: nouns after a leader's name ("the Obama administration")
LEADER_NOUNS: Final = words("leader_nouns")
#: verbs after a name that make it a speaker ("Daniel Russel said")
PERSON_VERBS: Final = words("speaker_verbs")
#: verbs before a speaker's name ('..., said Noma.')
SPEECH_VERBS: Final = words("speech_verbs")
#: two words before a name that make it a person's ("led by", "loyal to", "son of")
PERSON_CONTEXT: Final = frozenset(tuple(w.split()) for w in words("person_context_cues"))
#: verbs after a country or capital that make it an actor ("Washington warned")
ASSOCIATIVE_VERBS: Final = PERSON_VERBS | words("associative_verbs")

# -- places in context ----------------------------------------------------------------------
#: words before a name recorded as its cue ("loc:in", "loc:north", "loc:visited"): the shared
#: prepositions of place and of relation, compass words and verbs of visiting
LOCATIVE: Final = (
    words("spatial_prepositions")
    | words("relational_prepositions")
    | DIRECTION_WORDS
    | words("visit_verbs")
)
#: prepositions whose name counts as confirmed ("in Lincoln")
STRONG_LOCATIVE: Final = words("strong_locative_prepositions")
#: prepositions that support a place reading less surely ("from", "to", "of")
WEAK_LOCATIVE: Final = words("weak_locative_prepositions")
#: prepositions that place a name in the next one ("X in Y") or make a local place ("in X")
PLACING: Final = words("placing_prepositions")
#: nouns after which "of" names a place ("the city of Douma")
PLACE_NOUNS: Final = words("place_nouns")
#: nouns after a place's possessive that keep it a location ("China's coast")
PLACE_PART_NOUNS: Final = words("place_part_nouns")
#: abbreviated first words whose period belongs to the name ("St. Louis")
ABBREVIATED_PREFIXES: Final = words("abbreviated_name_prefixes")
#: abbreviated street types whose period belongs to the name ("Main St.")
ABBREVIATED_STREET_TYPES: Final = words("abbreviated_street_types")
#: lower-case prefixes joined to a name by a hyphen ("anti-Russian")
HYPHEN_PREFIXES: Final = words("hyphen_prefixes")
#: plural type words after a list of names -> the kind of each ("... counties")
PLURAL_HEADS: Final = tuple((word, kind) for word, kind in _kinds("plural_heads").items())


# -- large name lists, read on first use ----------------------------------------------------
def census(word: str) -> str:
    """A word as the census name lists spell it ("McGregor" -> "Mcgregor")."""
    return word[:1].upper() + word[1:].lower()


@cache
def _ranked_surnames() -> tuple[str, ...]:
    """US census surnames, most frequent first (the rank is used)."""
    return tuple(read_text("lexicon/last_names.txt").split())


@cache
def surnames() -> frozenset[str]:
    """The 20,000 most frequent US census surnames, census-spelled ("Mcgregor")."""
    return frozenset(_ranked_surnames())


@cache
def first_names() -> frozenset[str]:
    """US census first names, census-spelled."""
    return words("first_names")


@cache
def given_names() -> frozenset[str]:
    """First names and the 5,000 most frequent surnames: names common enough as people
    that a small town of the same name needs support ("Nelson", "Allen")."""
    return first_names() | frozenset(_ranked_surnames()[:5000])


@cache
def common_words() -> dict[str, float]:
    """Common lower-case English words with their Zipf frequency."""
    return {row[0]: float(row[1]) for row in rows("common_words") if len(row) >= 2 and row[1]}


@cache
def demonyms() -> dict[str, str]:
    """Demonym key -> an ISO country code ("CN") or "@Place name" for continents, regions
    and states ("european" -> "@Europe")."""
    out: dict[str, str] = {}
    for line in read_text("demonyms.tsv").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] and not line.startswith("#"):
            if parts[0].lower() == "demonym":
                continue
            out[normalise(parts[0])] = parts[1].strip().upper()
    # the more precise reading wins: "English" -> England, "Tibetan" -> Tibet (not GB, CN)
    for line in read_text("demonyms_regions.tsv").splitlines():
        dem, _, place = line.partition("\t")
        if place and not line.startswith("#") and dem != "demonym":
            out[normalise(dem)] = "@" + place.strip()
    # "African Americans": Americans of an origin (US); "Latin American" and "North American"
    # keep their own entries; "Russian-American" (relations) stays two demonyms
    for dem in [d for d in out if " " not in d and "-" not in d]:
        for tail in ("american", "americans"):
            out.setdefault(f"{dem} {tail}", "US")
    return out


def demonym_target(key: str) -> str | None:
    """ISO country code, or "@Place name", that a demonym key refers to."""
    return demonyms().get(key)


def word_frequency(word: str) -> float:
    """Zipf frequency of a lower-case English word (0.0 if not a common word)."""
    return common_words().get(word, 0.0)
