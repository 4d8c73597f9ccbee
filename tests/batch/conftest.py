"""A small corpus for batch runs: the sample articles, repeated with their own ids and dates,
plus one line that is not JSON (a failure the batch must list and survive)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

N_ARTICLES = 30


def write_corpus(path: Path, n: int = N_ARTICLES) -> Path:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "data/articles").glob("*.txt"))]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            rec = {"id": f"a{i:03d}", "text": texts[i % len(texts)]}
            rec["published"] = f"2024-03-{1 + i % 28:02d}"
            fh.write(json.dumps(rec) + "\n")
            if i == n // 2:
                fh.write('{"id": "broken", "text": \n')
    return path


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory, gazetteer) -> Path:  # type: ignore[no-untyped-def]
    return write_corpus(tmp_path_factory.mktemp("corpus") / "corpus.jsonl")


def geomap(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geomap", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=timeout,
    )
