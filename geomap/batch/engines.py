"""Where partitions are processed: in this process (``local``) or on Dask (``dask``).

An engine maps :func:`~geomap.batch.work.run_partition` over a stream of partitions and
yields their stats as they finish, holding at most a few partitions in flight, so memory stays
bounded by the partition size. :func:`engine` holds one for the length of a block. The Dask
engine uses ``distributed``: a ``LocalCluster`` of N single-threaded worker processes by
default, or a running scheduler by address. Dask is imported only here, only when asked for
(``pip install 'geomap[dask]'``).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator
from typing import Any

from geomap.batch.partitions import Partition
from geomap.batch.work import run_partition
from geomap.errors import UsageError

__all__ = ["ENGINES", "DaskEngine", "LocalEngine", "engine"]

ENGINES = ("local", "dask")


class LocalEngine:
    """Partitions processed one after the other in this process."""

    name = "local"

    def __init__(self, fallback: Any = None) -> None:
        self.fallback = fallback

    def run(
        self, parts: Iterable[Partition], out_dir: str, *, incidents: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Process and write ``parts``; yield their stats as they finish."""
        for part in parts:
            yield run_partition(part, incidents, out_dir, self.fallback)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise UsageError(
            "the dask engine needs Dask's distributed scheduler: pip install 'geomap[dask]' "
            "(or use --engine local)"
        ) from err
    return distributed


class DaskEngine:
    """Partitions processed on the workers of a Dask ``distributed`` client."""

    name = "dask"

    def __init__(self, client: Any, distributed: Any, fallback: Any = None) -> None:
        self.client = client
        self.distributed = distributed
        info = client.scheduler_info().get("workers", {})
        self.n_workers = max(1, len(info))
        self.fallback = fallback.shared_by(self.n_workers) if fallback is not None else None

    def run(
        self,
        parts: Iterable[Partition],
        out_dir: str,
        *,
        incidents: bool = True,
        in_flight: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Process and write ``parts`` on the workers, at most ``in_flight`` (default twice
        the workers) submitted at a time; yield their stats as they finish."""
        limit = in_flight or 2 * self.n_workers
        pending = self.distributed.as_completed()
        it = iter(parts)
        for n, part in enumerate(it, 1):
            pending.add(self._submit(part, incidents, out_dir))
            if n >= limit:
                break
        for fut in pending:
            out = fut.result()
            fut.release()
            yield out
            nxt = next(it, None)
            if nxt is not None:
                pending.add(self._submit(nxt, incidents, out_dir))

    def _submit(self, part: Partition, incidents: bool, out_dir: str) -> Any:
        # pure=False: a partition is always run, never taken from a cache by its key
        return self.client.submit(
            run_partition, part, incidents, out_dir, self.fallback, pure=False
        )


def _check(name: str, workers: int | None, scheduler: str | None) -> None:
    if name not in ENGINES:
        raise UsageError(f"unknown engine {name!r} (use {', '.join(ENGINES)})")
    if name == "local" and (scheduler or (workers and workers > 1)):
        raise UsageError("--workers and --scheduler need --engine dask")


@contextlib.contextmanager
def engine(
    name: str,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    fallback: Any = None,
    processes: bool = True,
) -> Iterator[LocalEngine | DaskEngine]:
    """The engine ``name`` for the length of the block: ``local``, or ``dask`` on the running
    scheduler at ``scheduler`` (``tcp://host:8786``) or else on a ``LocalCluster`` of
    ``workers`` single-threaded workers started here and stopped at the end. ``fallback`` (a
    :class:`~geomap.places.fallback.FallbackSpec`): each process builds its own geocoder
    from it; on Dask each waits the workers' number times its delay between requests, so
    that the cluster together keeps the service's rate."""
    _check(name, workers, scheduler)
    if name == "local":
        yield LocalEngine(fallback)
        return
    distributed = _distributed()
    with contextlib.ExitStack() as stack:
        if scheduler:
            client = stack.enter_context(distributed.Client(scheduler))
        else:
            import dask

            # the workers' statistical profiler samples every thread's stack every 10 ms
            # (for the dashboard): a cost on every partition that nobody reads here
            stack.enter_context(dask.config.set({"distributed.worker.profile.enabled": False}))
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
        yield DaskEngine(client, distributed, fallback)
