"""The fuzz suite's Hypothesis profiles and its example budgets.

``ci`` (the default): a fixed, derandomized budget per test, no example database, so the
suite is deterministic and takes about a minute. ``fuzz`` (``HYPOTHESIS_PROFILE=fuzz`` or
``pytest -m fuzz``): :data:`FUZZ_FACTOR` times the examples, random seeds, for a nightly-style
run. Failing examples are printed with their reproduction blob.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

#: how many more examples a test gets under the ``fuzz`` profile
FUZZ_FACTOR = int(os.environ.get("GEOMAP_FUZZ_FACTOR", "100"))
_SLOW = [
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
    HealthCheck.large_base_example,
]
settings.register_profile(
    "ci",
    derandomize=True,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW,
)
settings.register_profile(
    "fuzz",
    derandomize=False,
    database=None,
    deadline=None,
    print_blob=True,
    suppress_health_check=_SLOW,
)
_state = {"profile": os.environ.get("HYPOTHESIS_PROFILE", "ci")}


def use(profile: str) -> None:
    """Load ``profile`` (``ci`` or ``fuzz``) for the tests collected from now on."""
    _state["profile"] = profile if profile in ("ci", "fuzz") else "ci"
    settings.load_profile(_state["profile"])


def budget(n: int) -> settings:
    """Settings for a test that runs ``n`` examples in the ``ci`` profile."""
    factor = FUZZ_FACTOR if _state["profile"] == "fuzz" else 1
    return settings(max_examples=n * factor)
