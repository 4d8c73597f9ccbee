"""Reading evaluation corpora: JSON Lines, one object per line, with file:line errors."""

from __future__ import annotations

import json
from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from typing import Any

from geomap.errors import InputError, InputNotFoundError
from geomap.io.ingest import Failure, jsonl_article

__all__ = ["corpus_records", "read_jsonl"]


def read_jsonl(path: str | PathLike[str]) -> list[dict[str, Any]]:
    """Read a JSON Lines file: one JSON object per line; blank lines are skipped.

    Raises :class:`~geomap.errors.InputNotFoundError` if the file does not exist and
    :class:`~geomap.errors.InputError` naming ``file:line`` for a line that is not a JSON object.
    """
    p = Path(path)
    source = str(path)
    try:
        fh = p.open(encoding="utf-8")
    except FileNotFoundError:
        raise InputNotFoundError("no such file", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", source=source) from exc
    records: list[dict[str, Any]] = []
    with fh:
        n = 0
        try:
            for n, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise InputError(
                        f"malformed JSON ({exc.msg} at column {exc.colno})", source=source, line=n
                    ) from None
                if not isinstance(obj, dict):
                    raise InputError(
                        f"expected a JSON object, got {type(obj).__name__}", source=source, line=n
                    )
                records.append(obj)
        except UnicodeDecodeError as exc:
            raise InputError(f"not UTF-8 text ({exc.reason})", source=source, line=n + 1) from None
    return records


def corpus_records(path: Path, failures: list[Failure]) -> Iterator[dict[str, Any]]:
    """Corpus records (id, text, gold toponyms) of a JSONL file; bad lines become failures."""
    if not path.exists():
        raise InputNotFoundError("no such file", source=str(path))
    with path.open("rb") as fh:
        for n, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            try:
                art = jsonl_article(raw, str(path), n)
            except InputError as err:
                failures.append(Failure(str(path), n, err.reason))
                continue
            rec = json.loads(raw)
            yield {"id": art.id, "text": art.text, "toponyms": rec.get("toponyms") or []}
