"""The progress bar of a batch: tqdm on stderr, only when stderr is a terminal."""

from __future__ import annotations

import sys
from typing import Any

__all__ = ["Progress"]


class Progress:
    """Articles done (and their rate); silent with ``quiet`` or when stderr is not a tty."""

    def __init__(self, *, quiet: bool = False, initial: int = 0) -> None:
        self._bar: Any = None
        if quiet or not sys.stderr.isatty():
            return
        from tqdm import tqdm

        self._bar = tqdm(total=None, initial=initial, unit=" articles", file=sys.stderr)

    def update(self, articles: int, incidents: int, failures: int) -> None:
        if self._bar is not None:
            self._bar.update(articles)
            self._bar.set_postfix(incidents=incidents, failures=failures, refresh=False)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
