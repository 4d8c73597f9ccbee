"""Where the built gazetteer lives, and opening it (building it first when it is missing).

The file is ``$GEOMAP_CACHE`` (default ``~/.cache/geomap/``) /
``gazetteer-v<BUILD_VERSION>-<data hash>.sqlite``: a change of the build logic (a new
``BUILD_VERSION``) or of the curated data (a new hash) names a new file, and the build removes
the caches of earlier builds beside it. Concurrent first uses build once: a lock file (and a
thread lock) serialise the build, and the build writes a temp file it renames into place.
"""

from __future__ import annotations

import contextlib
import os
import threading
from functools import lru_cache
from pathlib import Path

from geomap.errors import GazetteerError
from geomap.gazetteer.sqlite import SqliteGazetteer

__all__ = ["cache_dir", "default_path", "open_gazetteer"]

_build_lock = threading.Lock()


def cache_dir() -> Path:
    """The folder of the gazetteer cache: ``$GEOMAP_CACHE`` or ``~/.cache/geomap``."""
    env = os.environ.get("GEOMAP_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "geomap"


def default_path() -> Path:
    """Cache file for the current build logic and curated data (name carries the version)."""
    from geomap.gazetteer.build import BUILD_VERSION  # light: the sources load in build()

    return cache_dir() / f"gazetteer-v{BUILD_VERSION}-{_data_hash()}.sqlite"


@lru_cache(maxsize=1)
def _data_hash() -> str:
    from geomap.gazetteer.build import data_hash

    return data_hash()


def open_gazetteer(path: str | Path | None = None, *, build: bool = True) -> SqliteGazetteer:
    """Open the embedded SQLite gazetteer at ``path`` (default: the cache file), building it
    first if it is missing (unless ``build`` is false: then a missing file is an error)."""
    p = Path(path) if path is not None else default_path()
    if not p.exists():
        if not build:
            raise GazetteerError(
                f"gazetteer not found at {p}; run 'python -m geomap.gazetteer.build'"
            )
        try:
            _build_locked(p)
        except GazetteerError:
            raise
        except Exception as exc:
            raise GazetteerError(f"cannot build the gazetteer at {p}: {exc}") from exc
    return SqliteGazetteer.open(p)


def _build_locked(path: Path) -> None:
    """Build ``path`` unless another process did so while we waited for the lock."""
    from geomap.gazetteer.build import build

    path.parent.mkdir(parents=True, exist_ok=True)
    lock_path = path.with_name(path.name + ".lock")
    with _build_lock, open(lock_path, "a+b") as lock:
        try:
            import fcntl

            fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - non-POSIX: rely on the atomic rename
            pass
        if not path.exists():
            build(path)
            _prune_old(path)


def _prune_old(current: Path) -> None:
    """Remove caches of earlier builds (other versions) beside ``current``."""
    for old in current.parent.glob("gazetteer-v*.sqlite*"):
        if old.name.startswith(current.name):
            continue
        with contextlib.suppress(OSError):
            old.unlink()
