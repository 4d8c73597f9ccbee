"""One exception root; subclasses also inherit the matching builtin."""

from __future__ import annotations


class GeomapError(Exception):
    """Root of every error geomap raises on purpose."""


class InputError(GeomapError, ValueError):
    """An input file or record cannot be read. The message names the file (and line)."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None):
        where = source or "<input>"
        if line is not None:
            where = f"{where}:{line}"
        super().__init__(f"{where}: {message}")
        self.source = source
        self.line = line
        self.reason = message


class InputNotFoundError(InputError, FileNotFoundError):
    """A path given as input does not exist."""


class GazetteerError(GeomapError, RuntimeError):
    """The embedded gazetteer cannot be built or opened."""


class ExportError(GeomapError, OSError):
    """An output cannot be written."""


class ResourceError(GeomapError, RuntimeError):
    """A data file geomap ships (lexicon, model weights, web asset) is missing or corrupt."""


class UsageError(GeomapError, ValueError):
    """An argument or option has a value geomap cannot use."""


class CorpusError(InputError):
    """An evaluation corpus is malformed (duplicate ids, missing fields)."""


def first_line(err: BaseException, default: str | None = None) -> str:
    """The first line of an exception's message, for one-line messages to the user; when
    the message is empty, ``default`` (the exception's type name unless given)."""
    text = str(err).strip()
    if text:
        return text.splitlines()[0]
    return type(err).__name__ if default is None else default
