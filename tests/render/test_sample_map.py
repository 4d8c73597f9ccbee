"""The sample article's real map (not a fixture) in headless Chromium, network cut off."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SAMPLE

pytestmark = pytest.mark.browser


def test_sample_map_opens_offline(open_map, gazetteer, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    html = tmp_path / "sample.html"
    proc = subprocess.run(
        [sys.executable, "-m", "geomap", "map", str(SAMPLE), "-o", str(html)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    log = open_map(html)
    page = log.page
    page.wait_for_function("window.geomap && window.geomap.ready", timeout=15_000)
    # with incidents on the map, the mentioned places are listed but off by default: tick them
    # (the layer control starts collapsed: the pointer opens it)
    page.locator(".leaflet-control-layers").hover()
    page.wait_for_timeout(50)
    for name in ("Lines", "Seas & straits"):
        box = page.locator(".leaflet-control-layers-overlays label", has_text=name).locator("input")
        if box.count() and not box.first.is_checked():
            box.first.click()
    # the median line is drawn as a line, the South China Sea as a polygon
    assert page.locator("path.geomap-lines").count() >= 1
    assert page.locator("path.geomap-seas").count() >= 2
    assert "GeoNames" in page.locator(".leaflet-control-attribution").inner_text()
    log.assert_clean()
    assert all(u.startswith(("file:", "data:", "blob:", "about:")) for u in log.requests)
