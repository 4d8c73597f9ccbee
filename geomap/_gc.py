"""The cyclic garbage collector's thresholds for a long run (a command, a batch partition).

A run allocates millions of short-lived containers that form few cycles; with CPython's
default first threshold (700) the collector traverses the young objects every 700
allocations and everything still alive (the gazetteer's caches, the lexicons, the incidents
gathered so far) every 70,000. Measured with ``gc.callbacks`` on the 1,433 incident reports:
``geomap extract`` spent about 0.10 s of its 2 s collecting, ``geomap toponyms`` about 0.05 s
of its 0.9 s; with 10,000 about 0.03 s and 0.01 s; with 50,000 (since 2026-12-04, when
articles began to be parsed in groups, which keeps more young objects alive) 0.012 s and
0.011 s. Cyclic garbage still goes, 50,000 objects later.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["GC_THRESHOLD", "long_run"]

#: the collector's thresholds while a long run goes on
GC_THRESHOLD = (50_000, 10, 10)


@contextmanager
def long_run() -> Iterator[None]:
    """Run the block with :data:`GC_THRESHOLD`, then restore the thresholds it found (the
    block may be a command called in-process, by a test or a notebook)."""
    before = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLD)
    try:
        yield
    finally:
        gc.set_threshold(*before)
