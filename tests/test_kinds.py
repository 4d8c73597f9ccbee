"""The one vocabulary of feature kinds covers what the gazetteer holds."""

from __future__ import annotations

import sqlite3

from geomap.kinds import KINDS, LOCAL_CUES, MARINE_KINDS


def test_the_gazetteer_writes_only_known_kinds(gazetteer) -> None:  # type: ignore[no-untyped-def]
    con = sqlite3.connect(f"file:{gazetteer.path}?mode=ro", uri=True)
    try:
        kinds = {k for (k,) in con.execute("SELECT DISTINCT kind FROM entries")}
    finally:
        con.close()
    assert kinds <= KINDS, kinds - KINDS
    assert {"city", "country", "sea", "line"} <= kinds


def test_groups_are_inside_the_vocabulary() -> None:
    assert MARINE_KINDS <= KINDS
    assert {"street", "river", "lake", "mountain", "local"} == LOCAL_CUES
