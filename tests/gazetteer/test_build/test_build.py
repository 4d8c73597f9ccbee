"""The build's face: its version, the hash of the curated data, the command."""

from __future__ import annotations

import re
import subprocess
import sys

from geomap.gazetteer import default_path
from geomap.gazetteer.build import BUILD_VERSION, data_hash
from geomap.gazetteer.build.common import curated_tsv, kind_words, slug


def test_cache_name_carries_version_and_data_hash():
    h = data_hash()
    assert re.fullmatch(r"[0-9a-f]{10}", h) and h == data_hash()
    assert default_path().name == f"gazetteer-v{BUILD_VERSION}-{h}.sqlite"


def test_command_help():
    r = subprocess.run(
        [sys.executable, "-m", "geomap.gazetteer.build", "--help"], capture_output=True, text=True
    )
    assert r.returncode == 0 and "--out" in r.stdout, r.stderr


def test_curated_tsv_skips_comments():
    rows = list(curated_tsv("country_aliases.tsv"))
    assert rows and {"iso2", "alias"} <= set(rows[0])
    assert not any(r["iso2"].startswith("#") for r in rows)


def test_kind_words_whole_words_and_parts():
    pats = dict((kind, pat) for pat, kind in kind_words("marine_kind_words"))
    assert pats["strait"].search("taiwan strait") and not pats["strait"].search("straitjacket")
    assert pats["fjord"].search("sognefjorden")


def test_slug():
    assert slug("Gulf of St. Lawrence") == "gulf-of-st-lawrence"
