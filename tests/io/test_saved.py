"""Saved outputs read back: ``geomap map`` and ``geomap extract`` take what geomap wrote
(GeoParquet, GeoJSON, GeoPackage, a batch folder) without parsing the articles again."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest

from geomap.cli import main
from geomap.errors import InputError
from geomap.io.ingest import Failure
from geomap.io.saved import is_saved, read_saved, read_saved_inputs
from tests.batch.conftest import geomap
from tests.conftest import ROOT

ARTICLES = ROOT / "data/articles"


@pytest.fixture(scope="module")
def saved(tmp_path_factory: pytest.TempPathFactory, gazetteer) -> Path:  # type: ignore[no-untyped-def]
    from geomap.frame import aggregate_places
    from geomap.io.export import write_geojson, write_incidents
    from geomap.pipeline import Pipeline, incidents_of, places_of

    d = tmp_path_factory.mktemp("saved")
    results = [r for r in Pipeline().run([ARTICLES]) if not isinstance(r, Failure)]
    incidents = incidents_of(results)
    for ext in ("parquet", "geojson", "gpkg"):
        write_incidents(incidents, d / f"incidents.{ext}")
    write_geojson(aggregate_places(places_of(results)), d / "p.geojson")
    return d


@pytest.mark.parametrize("ext", ["parquet", "geojson", "gpkg"])
def test_incidents_read_back_in_every_format(saved: Path, ext: str) -> None:
    ref = gpd.read_parquet(saved / "incidents.parquet")
    back = read_saved([saved / f"incidents.{ext}"])
    (gdf,) = back.incidents
    assert sorted(gdf["id"]) == sorted(ref["id"]) and not back.places
    assert set(ref.columns) <= set(gdf.columns)
    assert {type(v) for v in gdf["published"].dropna()} <= {str}


@pytest.mark.parametrize("ext", ["parquet", "geojson", "gpkg"])
def test_extract_converts_a_saved_output(
    saved: Path, ext: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "converted.csv"
    assert main(["extract", str(saved / f"incidents.{ext}"), "-o", str(out)]) == 0
    assert "0 words" in capsys.readouterr().out  # nothing parsed
    ref = gpd.read_parquet(saved / "incidents.parquet")
    import pandas as pd

    assert sorted(pd.read_csv(out)["id"]) == sorted(ref["id"])


def test_map_draws_saved_incidents_and_places(saved: Path, tmp_path: Path) -> None:
    out = tmp_path / "m.html"
    proc = geomap("map", str(saved / "incidents.gpkg"), str(saved / "p.geojson"), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    ref = gpd.read_parquet(saved / "incidents.parquet")
    assert str(ref["id"].iloc[0]) in html
    assert "place mentions" in proc.stdout and " 0 places" not in proc.stdout


def test_a_batch_folder_is_a_saved_output(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in sorted(ARTICLES.glob("*.txt"))]
    corpus.write_text("".join(json.dumps({"text": t}) + "\n" for t in texts), encoding="utf-8")
    assert main(["batch", str(corpus), "-o", str(tmp_path / "b"), "--quiet"]) == 0
    assert is_saved(tmp_path / "b") and not is_saved(tmp_path)
    out = tmp_path / "x.geojson"
    assert main(["extract", str(tmp_path / "b"), "-o", str(out)]) == 0
    ids = sorted(gpd.read_file(out)["id"])
    assert ids == sorted(gpd.read_parquet(tmp_path / "b" / "incidents.parquet")["id"])
    assert main(["map", str(tmp_path / "b"), "-o", str(tmp_path / "b.html")]) == 0


def test_files_that_are_not_geomap_outputs_are_listed(tmp_path: Path) -> None:
    other = tmp_path / "other.geojson"
    other.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    junk = tmp_path / "junk.parquet"
    junk.write_bytes(b"not parquet")
    failures: list[Failure] = []
    saved = read_saved_inputs([other, junk, tmp_path / "gone.parquet"], failures)
    assert not saved.incidents and not saved.places
    assert [Path(f.source).name for f in failures] == [
        "other.geojson",
        "junk.parquet",
        "gone.parquet",
    ]
    with pytest.raises(InputError, match=r"junk\.parquet"):
        read_saved([junk])
    proc = geomap("map", str(junk), "-o", str(tmp_path / "m.html"))
    assert proc.returncode == 2 and "junk.parquet" in proc.stderr
    assert "Traceback" not in proc.stderr
