"""Bytes to text: UTF-8, the input's own declared charset, else the common legacy encodings.

Order: a byte-order mark; the charset the input declares (an HTML ``<meta charset>``, an XML
declaration, an HTTP ``Content-Type``); strict UTF-8; then, for bytes that are not UTF-8 at
all, Windows-1252 (a superset of Latin-1's printable range) when the text reads as Western
European, else the best of charset-normalizer's guesses among the common legacy encodings.
Bytes that mix valid UTF-8 with invalid sequences are a damaged UTF-8 file, not a legacy one:
they keep the one-line "not valid UTF-8" error naming the line.
"""

from __future__ import annotations

import codecs
import re

from geomap.errors import InputError

__all__ = ["declared_charset", "decode_bytes"]

_META = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE | re.DOTALL
)
_XML = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""", re.IGNORECASE)
#: a valid UTF-8 multi-byte sequence: its presence beside invalid bytes means damaged UTF-8
_UTF8_SEQ = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_LEGACY = [
    "cp1251",
    "koi8_r",
    "cp1250",
    "iso8859_2",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "shift_jis",
    "euc_jp",
    "gb18030",
    "big5",
    "euc_kr",
]


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares in its first 4 KB, if Python knows it."""
    head = data[:4096]
    m = _XML.search(head) or _META.search(head)
    if not m:
        return None
    name = m.group(1).decode("ascii", "replace")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _western(text: str) -> bool:
    """True when few letters are non-ASCII: Western European text, not Cyrillic/Greek read
    as Windows-1252 (where nearly every letter would come out accented)."""
    letters = [c for c in text[:20000] if c.isalpha()]
    if not letters:
        return True
    high = sum(1 for c in letters if ord(c) > 127)
    return high <= 0.3 * len(letters)


def decode_bytes(data: bytes, source: str, *, declared: str | None = None) -> str:
    """``data`` as text (see the module docstring for the order); :class:`InputError` naming
    ``source`` and the line of the first bad byte when no encoding fits."""
    for bom, enc in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(enc)
            except UnicodeDecodeError:
                break
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        first = err
    if not _UTF8_SEQ.search(data):
        try:
            text = data.decode("cp1252")
            if _western(text):
                return text
        except UnicodeDecodeError:
            pass
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=_LEGACY).best()
        if best is not None:
            return str(best)
    line = data[: first.start].count(b"\n") + 1
    raise InputError(
        f"not valid UTF-8 (byte 0x{data[first.start]:02x} at offset {first.start}) and no "
        "legacy encoding fits; re-encode the file as UTF-8",
        source=source,
        line=line,
    ) from first
