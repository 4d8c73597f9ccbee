"""Incidents in ACLED's column layout, read back from the CSV."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from geomap.errors import UsageError
from geomap.io import write_incidents
from geomap.io.acled import ACLED_COLUMNS, acled_frame, acled_geo_precision
from tests.render.map_fixtures import incidents_gdf


def test_layout_and_values(tmp_path: Path) -> None:
    gdf = incidents_gdf()
    gdf["acled_event_type"] = "Protests"
    gdf["fatalities"] = pd.array([3] + [None] * (len(gdf) - 1), dtype="Int64")
    gdf["casualties_at_least"] = [True] + [False] * (len(gdf) - 1)
    path = write_incidents(gdf, tmp_path / "acled.csv", schema="acled")
    back = pd.read_csv(path)
    assert list(back.columns) == ACLED_COLUMNS
    assert len(back) == len(gdf)
    first = back.iloc[0]
    assert first["event_id_cnty"] == gdf.iloc[0]["id"]
    assert first["event_date"] == "2024-05-01" and first["year"] == 2024
    assert first["fatalities"] == 3 and first["tags"] == "fatalities at least"
    assert (back["fatalities"].iloc[1:] == 0).all()
    assert back["actor1"].iloc[0] == "Indonesia"
    assert set(back["geo_precision"]) <= {1, 2, 3}
    # text cells are neutralised as in every CSV export
    assert not back["notes"].fillna("").str.match(r"[=+\-@]").any()


def test_geo_precision_scale() -> None:
    assert [acled_geo_precision(p, "city") for p in range(1, 8)] == [1, 2, 1, 3, 3, 3, 3]
    assert acled_geo_precision(4, "admin2") == 2
    assert acled_geo_precision(None, None) == 3


def test_only_csv(tmp_path: Path) -> None:
    with pytest.raises(UsageError):
        write_incidents(incidents_gdf(), tmp_path / "x.geojson", schema="acled")
    with pytest.raises(UsageError):
        write_incidents(incidents_gdf(), tmp_path / "x.csv", schema="gdelt")
    assert len(acled_frame(incidents_gdf().iloc[0:0])) == 0
