from __future__ import annotations

import pytest

from geomap.gazetteer import open_gazetteer


@pytest.fixture(scope="session")
def gaz():
    """The real gazetteer from the cache ($GEOMAP_CACHE or ~/.cache/geomap), built if missing."""
    g = open_gazetteer()
    yield g
    g.close()
