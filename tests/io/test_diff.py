"""geomap diff: new, changed, merged and removed incidents between two outputs."""

from __future__ import annotations

import json

import pytest
from shapely.geometry import Point

from geomap.frame import INCIDENT_COLUMNS, _incidents_gdf
from geomap.io.diff import diff_files, diff_frames, format_diff


def _row(id: str, **kw):  # type: ignore[no-untyped-def]
    r = {c: None for c in INCIDENT_COLUMNS}
    r.update(
        {
            "id": id,
            "member_ids": json.dumps([id]),
            "article_id": "a",
            "category": "protest_unrest",
            "domain": "land",
            "title": f"incident {id}",
            "trigger": "x",
            "sentence": "s",
            "sentence_start": 0,
            "sentence_end": 1,
            "actors": "[]",
            "actor_names": "",
            "countries": "",
            "time_precision": "day",
            "start": "2024-03-12",
            "end": "2024-03-12",
            "modality": "asserted",
            "geo_precision": 3,
            "confidence": 0.6,
            "n_sources": 1,
            "n_articles": 1,
            "sources": "[]",
            "anchor_lon": 36.8,
            "anchor_lat": -1.3,
            "geometry": Point(36.8, -1.3),
        }
    )
    r.update(kw)
    return r


def _frames():  # type: ignore[no-untyped-def]
    old = _incidents_gdf([_row("inc-a"), _row("inc-b"), _row("inc-c"), _row("inc-d")])
    new = _incidents_gdf(
        [
            _row("inc-a"),  # unchanged
            _row("inc-b", start="2024-03-13", end="2024-03-13"),  # changed
            _row(
                "inc-c", member_ids=json.dumps(["inc-c", "inc-d"]), n_sources=2, n_articles=2
            ),  # d merged into c
            _row("inc-e"),  # new
        ]
    )
    return old, new


def test_diff_frames() -> None:
    old, new = _frames()
    d = diff_frames(old, new)
    assert [x["id"] for x in d["new"]] == ["inc-e"]
    assert [x["id"] for x in d["changed"]] == ["inc-b"]
    assert d["changed"][0]["fields"] == ["start", "end"]
    assert [x["id"] for x in d["merged"]] == ["inc-c"]
    assert d["merged"][0]["members"] == ["inc-c", "inc-d"]
    assert d["removed"] == []  # inc-d lives on inside inc-c
    text = format_diff(d)
    assert "+ inc-e" in text and "~ inc-b" in text and "= inc-c" in text


def test_removed() -> None:
    old, new = _frames()
    d = diff_frames(new, old)  # backwards: e disappears
    assert [x["id"] for x in d["removed"]] == ["inc-e"]


@pytest.mark.parametrize("ext", ["geojson", "gpkg", "parquet", "csv"])
def test_diff_files_round_trip(tmp_path, ext) -> None:  # type: ignore[no-untyped-def]
    from geomap.io import write_incidents

    old, new = _frames()
    write_incidents(old, tmp_path / f"old.{ext}")
    write_incidents(new, tmp_path / f"new.{ext}")
    d = diff_files(tmp_path / f"old.{ext}", tmp_path / f"new.{ext}")
    assert [x["id"] for x in d["new"]] == ["inc-e"]
    assert [x["id"] for x in d["changed"]] == ["inc-b"]
    assert [x["id"] for x in d["merged"]] == ["inc-c"]
    assert d["removed"] == []


def test_same_file_has_no_differences(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from geomap.io import write_incidents

    old, _ = _frames()
    write_incidents(old, tmp_path / "x.geojson")
    d = diff_files(tmp_path / "x.geojson", tmp_path / "x.geojson")
    assert all(not v for v in d.values())
