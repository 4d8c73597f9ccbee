"""The recogniser's vocabulary: lexicon files, their kinds, the large name lists."""

from __future__ import annotations

import pytest

from geomap.errors import ResourceError
from geomap.kinds import KINDS, LOCAL_CUES
from geomap.places import lexicons
from geomap.resources import read_text
from geomap.text.lexicon import words

#: The lexicon files the place stage reads (beyond the shared ones).
OWN_FILES = [
    "abbreviated_name_prefixes.txt",
    "abbreviated_street_types.txt",
    "associative_verbs.txt",
    "calendar_words.txt",
    "cue_words.tsv",
    "direction_adjectives.txt",
    "direction_words.txt",
    "feature_prefixes.tsv",
    "feature_suffixes.tsv",
    "function_words.txt",
    "hyphen_prefixes.txt",
    "leader_nouns.txt",
    "name_particles.txt",
    "not_surname_words.txt",
    "organisation_field_heads.txt",
    "organisation_words.txt",
    "place_name_connectors.txt",
    "place_name_prefixes.txt",
    "place_nouns.txt",
    "place_part_nouns.txt",
    "placing_prepositions.txt",
    "plural_heads.tsv",
    "speaker_verbs.txt",
    "speech_verbs.txt",
    "strong_locative_prepositions.txt",
    "title_abbreviations.txt",
    "title_continuations.txt",
    "title_words.txt",
    "us_state_codes.txt",
    "vessel_prefixes.txt",
    "visit_verbs.txt",
    "weak_locative_prepositions.txt",
]


@pytest.mark.parametrize("name", OWN_FILES)
def test_every_word_list_says_what_it_is(name: str) -> None:
    lines = read_text(f"lexicon/{name}").splitlines()
    header = " ".join(ln[2:] for ln in lines if ln.startswith("# "))
    assert lines[0].startswith("# ") and "not taken from any evaluation corpus" in header


def test_feature_words_point_to_kinds() -> None:
    for table in (
        lexicons.FEATURE_SUFFIX,
        lexicons.FEATURE_PREFIX,
        lexicons.CUE_WORDS,
        dict(lexicons.PLURAL_HEADS),
    ):
        assert table and set(table.values()) <= KINDS | LOCAL_CUES
    assert lexicons.FEATURE_SUFFIX["st"] == "street" and lexicons.CUE_WORDS["oblast"] == "admin1"


def test_a_kind_table_with_an_unknown_kind_is_an_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicons, "table", lambda name: {"street": "streeet"})
    with pytest.raises(ResourceError, match="streeet"):
        lexicons._kinds("feature_suffixes")


def test_shared_lists_are_used_as_they_are() -> None:
    """The cue words are the shared prepositions plus compass words and visiting verbs; the
    calendar is the shared month and weekday names, capitalised, plus abbreviations."""
    assert words("spatial_prepositions") | words("relational_prepositions") <= lexicons.LOCATIVE
    assert {"north", "northeastern", "visited"} <= lexicons.LOCATIVE
    assert words("spatial_prepositions") >= lexicons.STRONG_LOCATIVE
    assert lexicons.PLACING <= lexicons.STRONG_LOCATIVE
    assert {"May", "September", "Sept", "Sunday", "Tues", "Easter"} <= lexicons.CALENDAR
    assert "may" not in lexicons.CALENDAR
    assert lexicons.PERSON_VERBS <= lexicons.ASSOCIATIVE_VERBS


def test_name_lists() -> None:
    assert lexicons.census("McGregor") == "Mcgregor"
    assert "Daniel" in lexicons.first_names() and "Smith" in lexicons.surnames()
    assert (
        lexicons.first_names()
        <= lexicons.given_names()
        <= (lexicons.first_names() | lexicons.surnames())
    )
    assert lexicons.word_frequency("the") > 6 and lexicons.word_frequency("zamalek") == 0.0


def test_demonyms() -> None:
    assert lexicons.demonym_target("chinese") == "CN"
    assert lexicons.demonym_target("european") == "@Europe"
    assert lexicons.demonym_target("english") == "@England"  # the more precise reading
    assert lexicons.demonym_target("african americans") == "US"
    assert lexicons.demonym_target("paris") is None
