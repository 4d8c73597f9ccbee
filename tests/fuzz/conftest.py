"""The fuzz suite: every test here is marked ``fuzz``; ``pytest -m fuzz`` (or
``HYPOTHESIS_PROFILE=fuzz``) runs it with the long profile (see :mod:`tests.fuzz.profiles`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.fuzz import profiles

HERE = Path(__file__).parent


def pytest_configure(config: pytest.Config) -> None:
    long_run = config.getoption("markexpr", "") == "fuzz"
    profiles.use("fuzz" if long_run else os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.fuzz)


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    """One pipeline (the real embedded gazetteer) for every example."""
    from geomap.pipeline import Pipeline

    return Pipeline()
