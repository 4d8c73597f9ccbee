"""The input boundary: what a value must be before it becomes an :class:`Article`.

Every reader of :mod:`geomap.io.ingest` (files, folders, JSONL lines, ``NAME.meta.json``,
HTML pages, feeds, WARC records, standard input), the corpus reader of :mod:`geomap.eval`
and :meth:`geomap.Pipeline.parse_article` pass their values through here, so that the NLP,
the frames and the writers only ever see clean, typed values:

* text: a lone surrogate (a JSON escape such as ``"\\udfff"`` has no UTF-8 form) becomes
  U+FFFD; a control character other than tab, newline, carriage return and form feed becomes
  a space: one character for one, so the offsets of gold spans still hold;
* JSON: at most :data:`MAX_JSON_DEPTH` levels of nesting and :data:`MAX_INT_DIGITS` digits an
  integer; deeper or longer is an :class:`~geomap.errors.InputError` naming file and line,
  never a ``RecursionError`` or Python's int-string ``ValueError``;
* metadata: ``id`` a string or an integer, ``title``, ``url``, ``site``, ``author`` strings,
  each at most :data:`MAX_FIELD_CHARS` characters (a list, an object or a boolean is a
  one-line error naming the field and its type); control characters and newlines in them
  become spaces;
* ``published``: an ISO date string (or a date) with a year from :data:`MIN_YEAR` to
  :data:`MAX_YEAR`; outside that range it is an error, not a date the time resolver would
  have to count from.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from geomap.errors import InputError
from geomap.models import Article

__all__ = [
    "MAX_FIELD_CHARS",
    "MAX_INT_DIGITS",
    "MAX_JSON_DEPTH",
    "MAX_YEAR",
    "MIN_YEAR",
    "check_date",
    "clean_article",
    "clean_field",
    "clean_text",
    "load_json",
]

#: deepest nesting of arrays and objects accepted in one JSON value (a corpus record needs 3)
MAX_JSON_DEPTH = 64
#: most digits of one JSON integer (a 64-bit integer has 19 or 20)
MAX_INT_DIGITS = 40
#: longest id, title, URL, site name or author accepted, in characters
MAX_FIELD_CHARS = 10_000
#: the publication years accepted
MIN_YEAR, MAX_YEAR = 1800, 2200

_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
_FIELD_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]+")
_DIRTY = re.compile("[\ud800-\udfff\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
#: a JSON string (the unrolled form: linear, no backtracking) and what is not a bracket
_STRING = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_BRACKETS = re.compile(rb"[^\[\]{}]+")


def clean_text(text: str) -> str:
    """``text`` with lone surrogates as U+FFFD and control characters (except tab, newline,
    carriage return, form feed) as spaces; as long as ``text``.

    >>> clean_text("Kyiv\\udfff\\x00\\nLviv")
    'Kyiv\\ufffd \\nLviv'
    """
    if not _DIRTY.search(text):
        return text
    return _CONTROL.sub(" ", _SURROGATE.sub("\ufffd", text))


def clean_field(
    value: Any,
    name: str,
    *,
    source: str | None = None,
    line: int | None = None,
    integer: bool = False,
) -> str | None:
    """A metadata field as a clean one-line string (None when missing or blank).

    ``integer`` also accepts an integer (an ``id`` such as ``123``). Any other type is an
    :class:`InputError` naming the field and the type.

    >>> clean_field("  Floods \\n in Kerala ", "title")
    'Floods in Kerala'
    >>> clean_field(123, "id", integer=True)
    '123'
    """
    if value is None:
        return None
    if integer and isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        kinds = "a string or an integer" if integer else "a string"
        raise InputError(
            f"field {name!r} must be {kinds}, not {_kind(value)}", source=source, line=line
        )
    if len(value) > MAX_FIELD_CHARS:
        raise InputError(
            f"field {name!r} is {len(value):,} characters, over the {MAX_FIELD_CHARS:,} limit",
            source=source,
            line=line,
        )
    value = _FIELD_CONTROL.sub(" ", _SURROGATE.sub("\ufffd", value))
    value = " ".join(value.split()) if "  " in value or value != value.strip() else value
    return value or None


def _kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        bool: "a boolean",
        int: "a number",
        float: "a number",
    }.get(type(value), type(value).__name__)


def check_date(
    value: date, *, source: str | None = None, line: int | None = None, what: str = "published"
) -> date:
    """``value`` if its year is within :data:`MIN_YEAR`..:data:`MAX_YEAR`, else InputError."""
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise InputError(
            f"{what} date {value.isoformat()} is outside the years {MIN_YEAR}-{MAX_YEAR}",
            source=source,
            line=line,
        )
    return value


def _bounded_int(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise _TooBig(len(digits.lstrip("-")))
    return int(digits)


class _TooBig(Exception):
    def __init__(self, n: int) -> None:
        super().__init__(n)
        self.n = n


def _too_deep(raw: bytes) -> bool:
    """True when JSON ``raw`` nests arrays and objects deeper than :data:`MAX_JSON_DEPTH`
    (brackets inside strings do not count). Linear, and it stops at the first level too deep."""
    depth = 0
    for c in _BRACKETS.sub(b"", _STRING.sub(b"", raw)):
        if c in (0x5B, 0x7B):  # [ {
            depth += 1
            if depth > MAX_JSON_DEPTH:
                return True
        else:
            depth -= 1
    return False


def load_json(raw: bytes | str, *, source: str | None = None, line: int | None = None) -> Any:
    """One JSON value (a JSONL line, a meta.json) with its nesting and integers bounded.

    A leading byte-order mark is skipped. Every problem is an :class:`InputError` naming
    ``source`` and ``line``: bytes that are not UTF-8, malformed JSON, nesting deeper than
    :data:`MAX_JSON_DEPTH`, an integer of more than :data:`MAX_INT_DIGITS` digits.
    """
    data = raw.encode("utf-8", "surrogatepass") if isinstance(raw, str) else raw
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    opens = data.count(b"[") + data.count(b"{")
    if opens > MAX_JSON_DEPTH and _too_deep(data):
        raise InputError(
            f"JSON nested deeper than {MAX_JSON_DEPTH} levels", source=source, line=line
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start})",
            source=source,
            line=line,
        ) from err
    try:
        return json.loads(text, parse_int=_bounded_int)
    except _TooBig as err:
        raise InputError(
            f"JSON integer of {err.n:,} digits, over the {MAX_INT_DIGITS}-digit limit",
            source=source,
            line=line,
        ) from None
    except json.JSONDecodeError as err:
        raise InputError(
            f"malformed JSON ({err.msg} at column {err.colno})", source=source, line=line
        ) from err
    except RecursionError:  # a nesting the pre-check missed (it never should)
        raise InputError(
            f"JSON nested deeper than {MAX_JSON_DEPTH} levels", source=source, line=line
        ) from None


def clean_article(article: Article) -> Article:
    """``article`` with its text and metadata cleaned (see the module docstring); the same
    object when nothing needed cleaning. Raises :class:`InputError` for wrong field types or
    a publication date out of range."""
    src = article.source or "<article>"
    if not isinstance(article.text, str):
        raise InputError(f"article text must be a string, not {_kind(article.text)}", source=src)
    fields: dict[str, Any] = {
        "id": clean_field(article.id, "id", source=src, integer=True) or "article",
        "title": clean_field(article.title, "title", source=src),
        "url": clean_field(article.url, "url", source=src),
        "source": clean_field(article.source, "source", source=src),
        "site": clean_field(article.site, "site", source=src),
        "author": clean_field(article.author, "author", source=src),
    }
    text = clean_text(article.text)
    published = article.published
    if published is not None:
        if isinstance(published, datetime):
            published = published.date()
        if not isinstance(published, date):
            raise InputError(f"published must be a date, not {_kind(published)}", source=src)
        check_date(published, source=src)
    if (
        text is article.text
        and published is article.published
        and all(getattr(article, k) == v for k, v in fields.items())
    ):
        return article
    return replace(article, text=text, published=published, **fields)
