"""Atomic file output: write to a temporary file beside the target, then rename.

A write that fails (no such folder, a file where the folder should be, permission denied, a
full disk, a file-size limit) raises :class:`~geomap.errors.ExportError` (an ``OSError`` too)
with a one-line message naming the target; the temporary file is removed and the target is
left as it was (the old file, or none).
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from geomap.errors import ExportError

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "file too large (over the file system's or the process's size limit)",
    errno.EROFS: "read-only file system",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}


def write_error(target: Path, err: OSError) -> ExportError:
    """A one-line :class:`ExportError` for ``err`` raised while writing ``target``."""
    if isinstance(err, ExportError):
        return err
    parent = target.parent
    if isinstance(err, FileExistsError | NotADirectoryError) and not parent.is_dir():
        reason = f"{_existing_file(parent)} is a file, not a folder"
    else:
        reason = _REASONS.get(err.errno or 0) or err.strerror or str(err) or type(err).__name__
    out = ExportError(f"cannot write {target}: {reason}")
    out.errno = err.errno
    return out


def _existing_file(folder: Path) -> Path:
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    return folder


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], suffix: str | None = None) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success rename it over ``path``.

    On any error the temporary file is removed and the target is left untouched.
    ``suffix`` defaults to the target's suffix, so drivers chosen by extension still work.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.",
            suffix=suffix if suffix is not None else target.suffix,
            dir=target.parent,
        )
    except OSError as err:
        raise write_error(target, err) from err
    os.close(fd)
    tmp_path = Path(tmp)
    tmp_path.unlink()  # some writers (GDAL) refuse to overwrite; let them create it
    try:
        yield tmp_path
        os.replace(tmp_path, target)
    except BaseException as err:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        if isinstance(err, OSError):
            raise write_error(target, err) from err
        raise


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically and return the path. A lone surrogate
    (``"\\udfff"``, which has no UTF-8 form) is written as U+FFFD."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        data = re.sub("[\ud800-\udfff]", "\ufffd", text).encode("utf-8")
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)
    return Path(path)


def write_with(path: str | os.PathLike[str], writer: Callable[[Path], object]) -> Path:
    """Call ``writer(tmp_path)`` and move the result to ``path`` atomically."""
    with atomic_path(path) as tmp:
        writer(tmp)
    return Path(path)
