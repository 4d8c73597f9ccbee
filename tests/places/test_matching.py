"""Matching inside one run: the helpers of the longest-match loop."""

from __future__ import annotations

from geomap.places.matching import abbreviates


def test_state_abbreviations() -> None:
    assert abbreviates("Calif", "California") and abbreviates("Ky", "Kentucky")
    assert not abbreviates("Tex", "Oklahoma") and not abbreviates("Texas", "Texas")
