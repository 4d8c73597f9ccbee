"""GeoJSON written from plain rows (``geomap extract -o FILE.geojson``, no GeoDataFrame) is
the text written from the incidents frame, byte for byte; and the extract command does not
import pandas for it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from geomap.frame import (
    INCIDENT_COLUMNS,
    incident_records,
    merge_incident_frames,
    merge_incident_rows,
)
from geomap.io.export import write_geojson
from geomap.io.geojson import write_geojson_rows
from geomap.pipeline import Pipeline
from tests.conftest import ROOT

ARTICLES = sorted((ROOT / "data/articles").glob("*.txt"))


def test_rows_and_frame_give_the_same_geojson(gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    copies = []  # two articles copied under other names: syndicated copies to merge
    for p in ARTICLES[:2]:
        copies.append(tmp_path / f"copy_of_{p.name}")
        copies[-1].write_text(p.read_text(encoding="utf-8"), encoding="utf-8")
    results = Pipeline(gazetteer).run([*ARTICLES, *copies])
    found = [i for r in results for i in r.incident_list]
    rows = merge_incident_rows(incident_records(found))
    frame = merge_incident_frames([], incident_records(found))
    assert len(rows) == len(frame) > 10 and (frame["n_sources"] > 1).any()  # merged copies
    a = write_geojson_rows(
        rows, tmp_path / "rows.geojson", columns=INCIDENT_COLUMNS, id_column="id"
    )
    b = write_geojson(frame, tmp_path / "frame.geojson", id_column="id")
    assert a.read_bytes() == b.read_bytes()


def test_extract_to_geojson_needs_no_pandas(gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "x.geojson"
    code = (
        "import sys\nfrom geomap.cli.main import main\n"
        f"rc = main(['extract', {str(ARTICLES[0])!r}, '-o', {str(out)!r}])\n"
        "print(rc, 'pandas' in sys.modules, 'geopandas' in sys.modules)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.split()[-3:] == ["0", "False", "False"], proc.stderr
    assert out.stat().st_size > 0
