from __future__ import annotations

import pytest

from geomap.gazetteer import Gazetteer


@pytest.fixture(scope="session")
def gaz():
    """The real gazetteer from the cache ($GEOMAP_CACHE or ~/.cache/geomap), built if missing."""
    g = Gazetteer.open()
    yield g
    g.close()
