"""Reading evaluation corpora: JSON Lines, one object per line, with file:line errors."""

from __future__ import annotations

from collections.abc import Iterator
from os import PathLike
from pathlib import Path
from typing import Any

from geomap.errors import InputError, InputNotFoundError
from geomap.io.boundary import load_json
from geomap.io.ingest import Failure, jsonl_record, record_article

__all__ = ["corpus_records", "read_jsonl"]


def read_jsonl(path: str | PathLike[str]) -> list[dict[str, Any]]:
    """Read a JSON Lines file: one JSON object per line; blank lines are skipped.

    Raises :class:`~geomap.errors.InputNotFoundError` if the file does not exist and
    :class:`~geomap.errors.InputError` naming ``file:line`` for a line that is not a JSON object
    (nesting and integers bounded as for every JSON input, :mod:`geomap.io.boundary`).
    """
    p = Path(path)
    source = str(path)
    try:
        fh = p.open("rb")
    except FileNotFoundError:
        raise InputNotFoundError("no such file", source=source) from None
    except OSError as exc:
        raise InputError(f"cannot open: {exc.strerror or exc}", source=source) from exc
    records: list[dict[str, Any]] = []
    with fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            obj = load_json(line, source=source, line=n)
            if not isinstance(obj, dict):
                raise InputError(
                    f"expected a JSON object, got {type(obj).__name__}", source=source, line=n
                )
            records.append(obj)
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
                rec = jsonl_record(raw, str(path), n)
                art = record_article(rec, str(path), n)
                spans = _gold_spans(rec.get("toponyms"), len(art.text), str(path), n)
            except InputError as err:
                failures.append(Failure(str(path), n, err.reason))
                continue
            yield {"id": art.id, "text": art.text, "toponyms": spans}


def _gold_spans(value: Any, size: int, source: str, n: int) -> list[dict[str, Any]]:
    """A record's gold toponyms: a list of objects whose ``start``/``end`` (when given) are
    integer offsets inside the text."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise InputError(
            f"'toponyms' must be a list, not {type(value).__name__}", source=source, line=n
        )
    for k, t in enumerate(value):
        if not isinstance(t, dict):
            raise InputError(f"toponym {k} is not an object", source=source, line=n)
        start, end = t.get("start"), t.get("end")
        if start is None and end is None:
            continue
        if not all(isinstance(v, int) and not isinstance(v, bool) for v in (start, end)) or not (
            0 <= start <= end <= size  # type: ignore[operator]
        ):
            raise InputError(
                f"toponym {k} has no integer start/end inside the text ({start!r}, {end!r})",
                source=source,
                line=n,
            )
    return value
