"""The built gazetteer as the stages see it: names that must resolve, the demonyms' countries."""

from __future__ import annotations

import pytest

from geomap.places.recognise import demonym_target
from geomap.resources import read_text
from geomap.text.normalise import normalise
from tests.gazetteer.helpers import ids


@pytest.mark.parametrize(
    ("key", "cc", "kind"),
    [
        ("indonesia", "ID", "country"),
        ("singapore", "SG", "country"),
        ("taiwan", "TW", "country"),
        ("ukraine", "UA", "country"),
        ("russia", "RU", "country"),
        ("beijing", "CN", "city"),
        ("us", "US", "country"),
        ("united states of america", "US", "country"),
        ("britain", "GB", "country"),
        ("burma", "MM", "country"),
        ("ivory coast", "CI", "country"),
    ],
)
def test_names_resolve(gaz, key, cc, kind):
    hits = gaz.lookup([key])[key]
    assert any(e.country_code == cc and e.kind == kind for e, _t in hits), hits


def test_washington(gaz):
    got = ids(gaz, "washington")
    assert "gn:4140963" in got and "gn:5815135" in got  # D.C. and the state
    for key in ("washington, dc", "washington dc", normalise("Washington, D.C.")):
        assert "gn:4140963" in ids(gaz, key)


def test_demonyms_name_countries_of_the_gazetteer(gaz):
    """The recogniser owns the demonyms; each country one names is in the gazetteer."""
    for dem, iso in [
        ("Chinese", "CN"),
        ("American", "US"),
        ("Americans", "US"),
        ("Indonesian", "ID"),
        ("Taiwanese", "TW"),
        ("Russian", "RU"),
        ("Russians", "RU"),
        ("British", "GB"),
        ("Filipino", "PH"),
    ]:
        assert demonym_target(normalise(dem)) == iso
        assert gaz.country(iso) is not None, iso
    rows = [
        ln.split("\t")
        for ln in read_text("demonyms.tsv").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    demonyms = [r[0] for r in rows if r[0].lower() != "demonym"]
    codes = {demonym_target(normalise(d)) for d in demonyms} - {None}
    countries = {c for c in codes if c and not c.startswith("@")}
    assert len(countries) > 190
    assert all(gaz.country(c) is not None for c in countries)
