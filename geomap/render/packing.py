"""Packing a big map's data as compact text for the page (read by ``resources/web/unpack.js``).

* :func:`deflated`: JSON, deflated, base85. The page inflates it with Chromium's native
  ``DecompressionStream`` (fast: the data read at load).
* :func:`lzma_packed`: JSON, LZMA ("LZMA alone" format), base85. The page decodes it with
  ``geomapLzma`` (JavaScript, ~30 MB/s; for what a popup reads on click). On news text LZMA is
  about a quarter smaller than deflate, whose 32 KB window sees little of a long text.
* :func:`b85`: base85 with an alphabet of 85 characters none of which
  :func:`geomap.render.elements.js_json` escapes (5 characters for 4 bytes: base64 takes 5.33).

Big chunks are LZMA-packed on :data:`THREADS` threads (the lzma module releases the GIL).
"""

from __future__ import annotations

import base64
import json
import lzma
import os
import zlib
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any, TypeVar

import numpy as np

__all__ = [
    "THREADS",
    "Packed",
    "b85",
    "deflated",
    "lzma_packed",
    "lzma_packed_many",
    "unb85",
]

# Python's base85 alphabet without the characters js_json escapes (& < > @ { }) and two that
# could spell a token the offline check (offline.inline_assets) looks for in the page: "$(",
# "jQuery"
_B85_SAFE = bytes.maketrans(b"&<>@{}(Q", b",./:[]' ")
_B85_BACK = bytes.maketrans(b",./:[]' ", b"&<>@{}(Q")
#: LZMA settings: normal mode with a binary-tree match finder and short nice length, measured
#: on 10,000 popups of real news sentences: 0.77x the deflated size at ~2 MB/s (preset 6: 0.74x
#: at 1.6 MB/s; the fast presets 0.84-0.89x)
_LZMA_FILTERS = [
    {
        "id": lzma.FILTER_LZMA1,
        "dict_size": 1 << 22,
        "mode": lzma.MODE_NORMAL,
        "mf": lzma.MF_BT4,
        "nice_len": 32,
        "depth": 8,
    }
]
T = TypeVar("T")
#: threads packing LZMA chunks
THREADS = max(1, min(4, os.cpu_count() or 1))


#: the digits of base64.b85encode (RFC 1924's alphabet), then the page's
_RFC1924 = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz!#$%&()*+-;<=>?@^_`{|}~"
_ALPHABET = np.frombuffer(_RFC1924.translate(_B85_SAFE), dtype=np.uint8)


def b85(data: bytes) -> str:
    """``data`` as base85 text in the page's alphabet (``geomapBase85`` of unpack.js): Python's
    ``base64.b85encode`` (4 bytes big-endian -> 5 digits, a last group of ``k`` bytes -> ``k +
    1`` digits), vectorised (b85encode is ~0.6 s per 7 MB; this ~0.05 s).

    >>> b85(b"made up")
    "ZDC|'Aa!s"
    """
    pad = -len(data) % 4
    words = np.frombuffer(data + b"\0" * pad, dtype=">u4").astype(np.uint64)
    digits = np.empty((len(words), 5), dtype=np.uint8)
    for k in range(4, -1, -1):
        digits[:, k] = _ALPHABET[words % 85]
        words //= 85
    text = digits.tobytes()
    return (text[: len(text) - pad] if pad else text).decode("ascii")


def unb85(text: str) -> bytes:
    """The bytes of :func:`b85` text (for tests and tools; the page has ``geomapBase85``)."""
    return base64.b85decode(text.encode("ascii").translate(_B85_BACK))


def _json(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def deflated(value: Any) -> str:
    """``value`` as JSON, deflated (zlib format), base85."""
    return b85(zlib.compress(_json(value), 6))


def lzma_packed(value: Any) -> list[Any]:
    """``[base85 text, byte length]`` of ``value`` as JSON compressed with LZMA."""
    raw = _json(value)
    return [b85(lzma.compress(raw, format=lzma.FORMAT_ALONE, filters=_LZMA_FILTERS)), len(raw)]


def lzma_packed_many(
    values: Sequence[Any], meanwhile: Callable[[], T] | None = None
) -> tuple[list[list[Any]], T | None]:
    """:func:`lzma_packed` of each of ``values`` on :data:`THREADS` threads (in order), and the
    result of ``meanwhile()``, run on this thread while they work (zlib releases the GIL too)."""
    with ThreadPoolExecutor(THREADS) as pool:
        futures = [pool.submit(lzma_packed, v) for v in values]
        other = meanwhile() if meanwhile is not None else None
        return [f.result() for f in futures], other


@dataclass(frozen=True)
class Packed:
    """A JSON value LZMA-packed (:func:`lzma_packed`) for the page: ``js`` is the JavaScript
    expression that reads it back synchronously (``geomapUnpack`` of unpack.js)."""

    text: str
    size: int

    @classmethod
    def of(cls, value: Any) -> Packed:
        text, size = lzma_packed(value)
        return cls(text, size)

    @property
    def js(self) -> str:
        # base85 text and a number: nothing js_json would escape
        return f"geomapUnpack({json.dumps([self.text, self.size])})"
