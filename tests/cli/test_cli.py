"""The command line as a user meets it: real subprocesses, real files, bad inputs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import geopandas as gpd
import pytest

from tests.conftest import ROOT


def geomap(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory, gazetteer) -> Path:  # type: ignore[no-untyped-def]
    d = tmp_path_factory.mktemp("inputs")
    (d / "good.txt").write_text(
        "Fishermen were detained near Scarborough Shoal on Monday, officials in Manila said.",
        encoding="utf-8",
    )
    (d / "empty.txt").write_bytes(b"")
    (d / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (d / "latin1.txt").write_bytes(b"Caf\xe9 owners in Paris protested.")
    (d / "corpus.jsonl").write_text(
        json.dumps({"id": "c1", "text": "Floods hit Dhaka, Bangladesh."})
        + "\n"
        + '{"id": "c2", "text": \n'
        + json.dumps({"id": "c3", "text": "Talks were held in Geneva."})
        + "\n",
        encoding="utf-8",
    )
    return d


def test_batch_keeps_going_and_lists_failures(inputs: Path, tmp_path: Path) -> None:
    out, gj = tmp_path / "m.html", tmp_path / "m.geojson"
    proc = geomap(
        "map", str(inputs), str(inputs / "missing.txt"), "-o", str(out), "--geojson", str(gj)
    )
    assert proc.returncode == 1, proc.stderr  # partial success
    err = proc.stderr
    for name, why in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("corpus.jsonl:2", "malformed JSON"),
        ("missing.txt", "no such file"),
    ]:
        assert name in err and why in err, (name, err)
    assert "Traceback" not in err
    places = gpd.read_file(gj)
    assert {"Manila", "Dhaka", "Geneva"} <= set(places["mention"])
    assert "latin1.txt" not in err and "Paris" in set(places["mention"])  # Latin-1 is decoded
    assert out.stat().st_size > 10_000
    # no temporary files left beside the outputs
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.geojson", "m.html"]


def test_nothing_readable_is_fatal_and_writes_nothing(inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.html"
    proc = geomap("map", str(inputs / "empty.txt"), "-o", str(out))
    assert proc.returncode == 2
    assert "empty.txt: file is empty" in proc.stderr and "Traceback" not in proc.stderr
    assert not out.exists()


def test_toponyms_output_format(inputs: Path, tmp_path: Path) -> None:
    pred = tmp_path / "pred.jsonl"
    proc = geomap("toponyms", str(inputs / "corpus.jsonl"), "-o", str(pred))
    assert proc.returncode == 1  # line 2 is malformed, the others are done
    lines = [json.loads(x) for x in pred.read_text(encoding="utf-8").splitlines()]
    assert [x["id"] for x in lines] == ["c1", "c3"]
    dhaka = next(t for t in lines[0]["toponyms"] if t["name"] == "Dhaka")
    assert {"start", "end", "name", "lat", "lon", "geonameid", "feature"} <= dhaka.keys()
    assert abs(dhaka["lat"] - 23.7) < 0.5 and dhaka["feature"] == "city"


def test_gold_spans_mode(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "gold.jsonl"
    text = "Rain fell on Lima and on the Andes."
    corpus.write_text(
        json.dumps(
            {"id": "g1", "text": text, "toponyms": [{"start": 13, "end": 17, "name": "Lima"}]}
        )
        + "\n",
        encoding="utf-8",
    )
    pred = tmp_path / "pred.jsonl"
    assert geomap("toponyms", str(corpus), "-o", str(pred), "--gold-spans").returncode == 0
    (line,) = [json.loads(x) for x in pred.read_text(encoding="utf-8").splitlines()]
    assert [(t["start"], t["end"]) for t in line["toponyms"]] == [(13, 17)]
    assert abs(line["toponyms"][0]["lat"] + 12.0) < 0.5


def test_extract_formats_round_trip(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    sample = ROOT / "data" / "articles" / "blinken_wang_bali.txt"
    for ext in ("geojson", "gpkg", "parquet", "csv"):
        out = tmp_path / f"inc.{ext}"
        proc = geomap("extract", str(sample), "-o", str(out))
        assert proc.returncode == 0, proc.stderr
        if ext == "csv":
            import pandas as pd

            df = pd.read_csv(out)
            assert {"anchor_lon", "anchor_lat", "wkt"} <= set(df.columns) or "lon" in df.columns
        elif ext == "gpkg":
            assert len(gpd.read_file(out, layer="incidents")) > 0
            anchors = gpd.read_file(out, layer="incident_anchors")
            assert set(anchors.geom_type.dropna()) <= {"Point"}
        else:
            assert len(gpd.read_file(out) if ext == "geojson" else gpd.read_parquet(out)) > 0


def test_hostile_article_builds_a_map_and_runs_nothing(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    marker = tmp_path / "PWNED"
    (tmp_path / "evil.txt").write_text(
        "Troops attacked Paris on Monday {{ lipsum.__globals__['os'].mkdir('"
        + str(marker)
        + "') }} officials said. Jets struck Kyiv {{ 7*7 }} times on Sunday {# note.",
        encoding="utf-8",
    )
    (tmp_path / "evil.meta.json").write_text(
        json.dumps({"title": "{{cite web|url=x}} {% raw %}", "url": "javascript:alert(1)"}),
        encoding="utf-8",
    )
    (tmp_path / "old.txt").write_text(
        "A temple built 2500 years ago was shelled in Aleppo on Monday.", encoding="utf-8"
    )
    (tmp_path / "wiki.txt").write_text(
        "Protesters marched in Nairobi {{cite web|url=x}} and @import url(https://e.example/a.css);",
        encoding="utf-8",
    )
    out = tmp_path / "m.html"
    proc = geomap(
        "map",
        str(tmp_path / "evil.txt"),
        str(tmp_path / "old.txt"),
        str(tmp_path / "wiki.txt"),
        "-o",
        str(out),
        "--published",
        "2024-05-06",
    )
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert not marker.exists()
    page = out.read_text(encoding="utf-8")
    assert "7*7" in page and "Kyiv 49" not in page


def test_csv_cells_that_would_run_as_formulas_are_neutralised(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    import pandas as pd

    text = '=HYPERLINK("http://evil.example","x") Troops attacked Kandahar on Monday.'
    (tmp_path / "f.txt").write_text(text, encoding="utf-8")
    (tmp_path / "f.meta.json").write_text(json.dumps({"title": "@SUM(1+1)"}), encoding="utf-8")
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    assert geomap("extract", str(tmp_path / "f.txt"), "-o", str(safe)).returncode == 0
    assert (
        geomap("extract", str(tmp_path / "f.txt"), "-o", str(raw), "--csv-keep-formulas").returncode
        == 0
    )
    s, r = pd.read_csv(safe), pd.read_csv(raw)
    assert len(s) >= 1
    assert s["article_title"][0] == "'@SUM(1+1)" and r["article_title"][0] == "@SUM(1+1)"
    assert s["sentence"][0].startswith("'=HYPERLINK(") and r["sentence"][0].startswith("=HYP")
    for col in s.columns:  # no text cell of the safe file starts like a formula
        assert not s[col].map(lambda v: isinstance(v, str) and v[:1] in "=+-@\t\r").any(), col


def test_internal_errors_are_one_line_without_debug(tmp_path: Path) -> None:
    bad = tmp_path / "x.geojson"
    bad.write_text("{}", encoding="utf-8")
    proc = geomap("diff", str(bad), str(bad))  # not a readable incidents file
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"geomap: {bad}")


def test_eval_corpus_with_a_duplicate_id_is_one_line(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    corpus = tmp_path / "dup.jsonl"
    rec = {"id": "x", "text": "Talks in Geneva.", "toponyms": []}
    corpus.write_text(json.dumps(rec) + "\n" + json.dumps(rec) + "\n", encoding="utf-8")
    proc = geomap("eval", str(corpus))
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("geomap: ")
    assert "duplicate id 'x'" in lines[0]


def test_extract_to_stdout(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    import csv
    import io

    (tmp_path / "a.txt").write_text(
        "Gunmen attacked a market in Kano on Monday, killing 3.", encoding="utf-8"
    )
    proc = geomap("extract", str(tmp_path / "a.txt"), "-o", "-", "--published", "2020-05-12")
    assert proc.returncode == 0, proc.stderr
    fc = json.loads(proc.stdout)
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 1
    assert "incidents: <stdout>" in proc.stderr
    proc = geomap(
        "extract", str(tmp_path / "a.txt"), "-o", "-", "--output-format", "csv",
        "--schema", "acled", "--published", "2020-05-12",
    )  # fmt: skip
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert len(rows) == 1 and rows[0]["event_type"] == "Violence against civilians"
    assert rows[0]["fatalities"] == "3" and rows[0]["location"] == "Kano"


def test_a_command_runs_with_the_cli_collector_thresholds_and_restores_them(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import gc
    import importlib

    from geomap._gc import GC_THRESHOLD
    from geomap.cli import places as cli_places

    cli_main = importlib.import_module("geomap.cli.main")  # the module (the package exports main)

    seen: list[tuple[int, ...]] = []

    def fake_gazetteer(args: object) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(cli_places, "cmd_gazetteer", fake_gazetteer)
    before = gc.get_threshold()
    assert before != GC_THRESHOLD  # the test would prove nothing otherwise
    assert cli_main.main(["gazetteer"]) == 0
    assert seen == [GC_THRESHOLD]
    assert gc.get_threshold() == before
