"""Villages and suburbs (GeoNames postal place names, kind ``locality``): never recognition
evidence, never a rival of a town of the same name."""

from __future__ import annotations

import sqlite3

import pytest

from geomap.gazetteer import MemoryGazetteer
from geomap.gazetteer.base import LOCALITY_KM, choose_locality
from geomap.places.recognise import recognise
from tests.conftest import _e


def _local_keys(gaz, n=300):
    con = sqlite3.connect(f"file:{gaz.path}?mode=ro", uri=True)
    try:
        return [k for (k,) in con.execute(f"SELECT key FROM local_names LIMIT {n}")], con
    except sqlite3.Error:
        con.close()
        pytest.skip("this gazetteer has no localities (postal_places.tsv.gz absent)")


def test_lookup_never_returns_a_locality(gaz):
    keys, con = _local_keys(gaz)
    try:
        assert keys
        found = gaz.lookup(keys)
        assert not [e for v in found.values() for e, _ in v if e.kind == "locality"]
        assert not con.execute(
            "SELECT count(*) FROM names n JOIN entries e ON e.rid = n.rid WHERE e.kind = 'locality'"
        ).fetchone()[0]
        # a locality's name is no other entry's name (it never competes with a town)
        assert not con.execute(
            "SELECT count(*) FROM local_names l JOIN names n ON n.key = l.key"
        ).fetchone()[0]
    finally:
        con.close()
    local = gaz.localities(keys[:50])
    assert local and all(e.kind == "locality" for v in local.values() for e, _ in v)
    assert all(e.population == 0 for v in local.values() for e, _ in v)
    # admin1 codes as the admin2 rows have them (polygon, else the nearest town)
    ents = [e for v in local.values() for e, _ in v]
    assert sum(e.admin1 is not None for e in ents) >= 0.9 * len(ents)


def test_a_capitalised_word_known_only_as_a_locality_is_no_mention(gaz):
    keys, con = _local_keys(gaz, 2000)
    con.close()
    name = next(k for k in keys if k.isalpha() and len(k) >= 6 and not gaz.lookup([k]))
    word = name.capitalize()
    rec = recognise(f"Reporters asked {word} about the plan on Monday.", gaz)
    assert not [m for m in rec.mentions if m.key == name]


def test_memory_gazetteer_keeps_localities_apart():
    town = _e("t", "Springfield", "city", 39.8, -89.6, "US", 114_000)
    loc = _e("l", "Springfield", "locality", 10.0, 10.0, "NG")
    village = _e("v", "Ogbodo", "locality", 6.5, 7.5, "NG")
    g = MemoryGazetteer([(town, [], None), (loc, [], None), (village, [], None)])
    assert [e.id for e, _ in g.lookup(["springfield"])["springfield"]] == ["t"]
    assert g.lookup(["ogbodo"]) == {}
    assert g.localities(["springfield"]) == {}  # the town's name: no locality rivals it
    assert [e.id for e, _ in g.localities(["ogbodo"])["ogbodo"]] == ["v"]


def test_choose_locality():
    near = _e("c", "Enugu", "city", 6.45, 7.5, "NG", 700_000)
    a = _e("a", "Amaeke", "locality", 6.6, 7.6, "NG")  # ~20 km
    b = _e("b", "Amaeke", "locality", 9.0, 7.5, "NG")  # ~280 km
    c = _e("x", "Amaeke", "locality", 6.5, 7.4, "CM")  # other country
    assert choose_locality([b, a, c], near) is a
    assert choose_locality([b], near) is None  # farther than LOCALITY_KM
    assert LOCALITY_KM < 280
    assert choose_locality([c], near) is None
    # no place to put it in: the name's only locality, in one of the article's countries
    assert choose_locality([a], None) is a
    assert choose_locality([a], None, frozenset({"NG", "CM"})) is a
    assert choose_locality([a], None, frozenset({"DE"})) is None
    assert choose_locality([a, b], None) is None  # namesakes: left unplaced
    country = _e("ng", "Nigeria", "country", 9.0, 8.0, "NG", 200_000_000)
    assert choose_locality([b, c], country) is b  # the country's only one
    assert choose_locality([a, b], country) is None
