"""Where partitions are processed: in this process (``local``) or on Dask (``dask``).

An engine maps :func:`~geomap.batch.work.run_partition` over a stream of partitions and
yields their stats as they finish, holding at most a few partitions in flight, so memory stays
bounded by the partition size. The Dask engine uses ``distributed``: a ``LocalCluster`` of N
single-threaded worker processes by default, or a running scheduler by address. Dask is
imported only here, only when asked for (``pip install 'geomap[dask]'``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from geomap.batch.partitions import Partition
from geomap.batch.work import run_partition
from geomap.errors import UsageError

__all__ = ["ENGINES", "dask_outputs", "local_outputs", "outputs"]

ENGINES = ("local", "dask")


def local_outputs(
    parts: Iterable[Partition], out_dir: str, *, incidents: bool = True, fallback: Any = None
) -> Iterator[dict[str, Any]]:
    """Process and write partitions one after the other in this process."""
    for part in parts:
        yield run_partition(part, incidents, out_dir, fallback)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise UsageError(
            "the dask engine needs Dask's distributed scheduler: pip install 'geomap[dask]' "
            "(or use --engine local)"
        ) from err
    return distributed


def dask_outputs(
    parts: Iterable[Partition],
    out_dir: str,
    *,
    incidents: bool = True,
    workers: int | None = None,
    scheduler: str | None = None,
    in_flight: int | None = None,
    processes: bool = True,
    fallback: Any = None,
) -> Iterator[dict[str, Any]]:
    """Process and write partitions on Dask workers; yield their stats as they finish.

    ``scheduler`` is the address of a running scheduler (``tcp://host:8786``); without it a
    ``LocalCluster`` of ``workers`` single-threaded workers is started (and stopped at the end).
    At most ``in_flight`` partitions (default twice the workers) are submitted at a time.
    ``fallback`` (a :class:`~geomap.places.fallback.FallbackSpec`): each worker builds its
    own geocoder from it, waiting the workers' number times its delay between requests, so
    that the cluster together keeps the service's rate.
    """
    distributed = _distributed()
    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(distributed.Client(scheduler))
        else:
            cluster = stack.enter_context(
                distributed.LocalCluster(
                    n_workers=workers or 2,
                    threads_per_worker=1,
                    processes=processes,
                    dashboard_address=":0",
                    host="127.0.0.1",
                )
            )
            client = stack.enter_context(distributed.Client(cluster))
        n_workers = max(1, len(client.scheduler_info().get("workers", {})) or (workers or 2))
        limit = in_flight or 2 * n_workers
        if fallback is not None:
            fallback = fallback.shared_by(n_workers)
        pending = distributed.as_completed()
        it = iter(parts)
        for n, part in enumerate(it, 1):
            # pure=False: a partition is always run, never taken from a cache by its key
            pending.add(
                client.submit(run_partition, part, incidents, out_dir, fallback, pure=False)
            )
            if n >= limit:
                break
        for fut in pending:
            out = fut.result()
            fut.release()
            yield out
            nxt = next(it, None)
            if nxt is not None:
                pending.add(
                    client.submit(run_partition, nxt, incidents, out_dir, fallback, pure=False)
                )


def outputs(
    engine: str,
    parts: Iterable[Partition],
    out_dir: str,
    *,
    incidents: bool = True,
    workers: int | None = None,
    scheduler: str | None = None,
    fallback: Any = None,
) -> Iterator[dict[str, Any]]:
    """The stats of ``parts`` processed and written under ``out_dir`` by ``engine``."""
    if engine == "local":
        if scheduler or (workers and workers > 1):
            raise UsageError("--workers and --scheduler need --engine dask")
        return local_outputs(parts, out_dir, incidents=incidents, fallback=fallback)
    if engine == "dask":
        return dask_outputs(
            parts,
            out_dir,
            incidents=incidents,
            workers=workers,
            scheduler=scheduler,
            fallback=fallback,
        )
    raise UsageError(f"unknown engine {engine!r} (use {', '.join(ENGINES)})")
