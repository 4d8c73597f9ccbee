"""Standard input: ``-`` reads a text, an HTML page, JSONL, a feed or a WARC (sniffed or
``--format``)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
READ = (
    "import json, sys\n"
    "from geomap.io.ingest import Failure, iter_inputs\n"
    "opts = json.loads(sys.argv[1])\n"
    "for i in iter_inputs(['-'], overrides=opts):\n"
    "    if isinstance(i, Failure):\n"
    "        print(json.dumps({'failure': str(i)}))\n"
    "    else:\n"
    "        print(json.dumps({'text': i.text, 'title': i.title, 'source': i.source,\n"
    "                          'published': str(i.published)}))\n"
)


def read_stdin(data: bytes, **options: object) -> list[dict[str, str]]:
    proc = subprocess.run(
        [sys.executable, "-c", READ, json.dumps(options)],
        input=data,
        capture_output=True,
        timeout=60,
        check=True,
    )
    return [json.loads(line) for line in proc.stdout.decode().splitlines()]


def test_stdin_text() -> None:
    (a,) = read_stdin(b"Floods hit Dhaka on Monday.\n", published="2024-01-02")
    assert a["text"] == "Floods hit Dhaka on Monday.\n" and a["published"] == "2024-01-02"
    assert a["source"] == "<stdin>"


def test_stdin_html_page_is_extracted() -> None:
    (a,) = read_stdin((DATA / "page_dhaka.html").read_bytes())
    assert a["text"] == (DATA / "page_dhaka.main.txt").read_text(encoding="utf-8").strip()
    assert a["published"] == "2023-06-12"


def test_stdin_jsonl_is_one_article_per_line() -> None:
    data = (
        b'{"id": "a", "text": "Rain in Lima."}\n{"id": "b", "text": \n{"text": "Snow in Oslo."}\n'
    )
    items = read_stdin(data)
    assert [i.get("text") for i in items] == ["Rain in Lima.", None, "Snow in Oslo."]
    assert items[1]["failure"].startswith("<stdin>:2: malformed JSON")


def test_stdin_feed_and_forced_format() -> None:
    items = read_stdin((DATA / "feed_full.rss").read_bytes())
    assert [i["title"] for i in items if "title" in i] == [
        "Floods force thousands from homes in Dhaka",
        "Protesters gather outside parliament in Nairobi",
    ]
    # --format text: the same bytes are one plain text
    (raw,) = read_stdin((DATA / "feed_full.rss").read_bytes(), format="text")
    assert raw["text"].startswith("<?xml")


@pytest.mark.parametrize(("data", "why"), [(b"", "input is empty"), (b"\x00\x01" * 50, "binary")])
def test_stdin_bad_input_is_one_line(data: bytes, why: str) -> None:
    (f,) = read_stdin(data)
    assert f["failure"].startswith("<stdin>") and why in f["failure"]


def test_geomap_map_reads_a_page_from_stdin(tmp_path: Path, gazetteer) -> None:  # type: ignore[no-untyped-def]
    import geopandas as gpd

    out, gj = tmp_path / "m.html", tmp_path / "m.geojson"
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "map", "-", "-o", str(out), "--geojson", str(gj)],
        input=(DATA / "page_nairobi.html").read_bytes(),
        capture_output=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    mentions = set(gpd.read_file(gj)["mention"])
    assert {"Nairobi", "Mombasa", "Naivasha"} <= mentions
    assert not mentions & {"Mogadishu", "Kampala", "Lagos", "Frankfurt"}  # boilerplate


def test_dev_stdin_and_unnamed_files_are_sniffed(tmp_path: Path) -> None:
    jsonl = b'{"text": "Rain in Lima."}\n{"text": "Snow in Oslo."}\n'
    script = READ.replace("['-']", "['/dev/stdin']")
    proc = subprocess.run(
        [sys.executable, "-c", script, "{}"], input=jsonl, capture_output=True, timeout=60
    )
    assert [json.loads(x)["text"] for x in proc.stdout.decode().splitlines()] == [
        "Rain in Lima.",
        "Snow in Oslo.",
    ]
    from geomap.io.ingest import iter_inputs
    from geomap.models import Article

    (tmp_path / "corpus").write_bytes(jsonl)  # no suffix
    (tmp_path / "page").write_bytes((DATA / "page_dhaka.html").read_bytes())
    arts = [
        a for a in iter_inputs([tmp_path / "corpus", tmp_path / "page"]) if isinstance(a, Article)
    ]
    assert [a.text[:13] for a in arts] == ["Rain in Lima.", "Snow in Oslo.", "Floods force "]
