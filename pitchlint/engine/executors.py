"""Where chunks are linted: in this process, on a pool of local processes (`--jobs`), or on a Dask
cluster. Each yields results in the order of the chunks, with a bounded number in flight, so
memory does not grow with the input.

A lost chunk (its worker process died) is sent again: the local pool is restarted, and Dask's
scheduler recomputes it on another worker. A chunk that keeps killing its worker is given up and
becomes error rows, so the run goes on and every record still appears once.
"""

from __future__ import annotations

import logging
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any, TypeVar, TypeVarTuple

from pitchlint.errors import PitchlintError

if TYPE_CHECKING:
    import distributed

C = TypeVar("C")  # what every chunk is linted with (a Config)
K = TypeVar("K")  # a chunk (a list of records)
R = TypeVar("R")  # what linting a chunk gives
Ts = TypeVarTuple("Ts")

EXTRA_HINT = "pip install 'pitchlint[batch]'"  # what Dask and Parquet need

ATTEMPTS = 3  # times a local chunk is sent before its rows become errors (Dask: allowed-failures)
RECYCLE_AFTER = 250_000  # messages a local pool's processes lint before fresh ones take over


class InProcess:
    window = 1

    def submit(self, fn: Callable[[*Ts], R], *args: *Ts) -> Future[R]:
        future: Future[R] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:
            future.set_exception(exc)
        return future

    def restart(self, exc: BaseException) -> bool:
        return False

    def close(self) -> None:
        pass


class LocalPool:
    """N spawned processes; each builds the pipeline once, at its first chunk, and the pool is
    replaced by fresh processes after RECYCLE_AFTER messages.

    Why replaced: spaCy's memory zones drop every string a message adds, but the hash tables that
    indexed them (preshed's, in the string store and the vocabulary) keep a tombstone for each and
    double their size when live entries plus tombstones fill them, so a worker's memory still grows
    with the number of distinct words it has seen: about 60 MiB per worker over 500,000 messages
    with unique names. Fresh processes cost one pipeline load (about 5 s here) per RECYCLE_AFTER
    messages: about 1 % of a 2-worker run at 475 short messages a second. (ProcessPoolExecutor's max_tasks_per_child would do it per
    process, but on Python 3.11 it can hang: CPython gh-115634.)"""

    def __init__(self, jobs: int, recycle_after: int | None = None):
        self.jobs, self.window = jobs, 2 * jobs
        self.recycle_after = RECYCLE_AFTER if recycle_after is None else recycle_after
        self.sent = 0  # messages sent to the current processes
        self.pool = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=exit_with_parent)

    def submit(self, fn: Callable[[*Ts], R], *args: *Ts) -> Future[R]:
        if self.sent >= self.recycle_after:
            # the chunks in flight finish first (their futures keep their results), then new processes
            self.pool.shutdown(wait=True)
            self.pool, self.sent = self._start(), 0
        chunk = args[-1] if args else None  # in_order submits fn(config, chunk)
        self.sent += len(chunk) if isinstance(chunk, list) else 1
        return self.pool.submit(fn, *args)

    def restart(self, exc: BaseException) -> bool:
        if not isinstance(exc, BrokenProcessPool):
            return False
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool, self.sent = self._start(), 0
        return True

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


def exit_with_parent() -> None:
    """In a pool worker: end this process when the process that started it dies. A worker waits for
    work on a queue whose writing end it holds itself, so `kill -9` of `pitchlint batch` would
    otherwise leave it waiting forever (holding its pipeline, ~150 MB). The spawned process has a
    sentinel of its parent that becomes ready when the parent ends; a thread waits on it."""
    import os
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch() -> None:
        wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="pitchlint-exit-with-parent", daemon=True).start()


class DaskCluster:
    """A Dask distributed client: to a scheduler's address, or to a LocalCluster it starts."""

    def __init__(self, address: str | None, local_workers: int):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise PitchlintError("--dask" if address is None else "--scheduler",
                                 f"running on Dask needs dask[distributed]: {EXTRA_HINT}") from None
        self.cluster = None
        if address is None:
            self.cluster = LocalCluster(n_workers=local_workers, threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            address = self.cluster.scheduler_address
        try:
            self.client = Client(address, timeout="20s")
        except (OSError, TimeoutError) as exc:
            raise PitchlintError(address, f"cannot reach the Dask scheduler ({exc})") from None
        self.address = address
        self._check_workers()
        self.window = max(8, 2 * sum(self.client.nthreads().values()))

    def _check_workers(self) -> None:
        from pitchlint.engine.records import worker_version
        from pitchlint.version import __version__

        try:
            self.client.wait_for_workers(1, timeout=60)
        except TimeoutError:
            self.close()
            raise PitchlintError(self.address, "the Dask scheduler has no workers (start some with `dask worker`)") from None
        try:
            versions = self.client.run(worker_version)
        except Exception as exc:
            self.close()
            raise PitchlintError(self.address, f"the Dask workers cannot run pitchlint ({type(exc).__name__}: {exc}); "
                                 f"install the same pitchlint on every worker: {EXTRA_HINT}") from None
        other = {worker: v for worker, v in versions.items() if v != __version__}
        if other:
            self.close()
            worker, version = next(iter(other.items()))
            raise PitchlintError(self.address, f"worker {worker} runs pitchlint {version}, this is {__version__}: "
                                 "answers could differ; install one version everywhere")

    def submit(self, fn: Callable[[*Ts], R], *args: *Ts) -> distributed.Future[R]:
        return self.client.submit(fn, *args, pure=False)

    def restart(self, exc: BaseException) -> bool:
        if self.client.status not in ("running", "connecting"):
            raise PitchlintError(self.address, f"lost the Dask scheduler ({exc}); run again with --resume") from None
        return False  # the scheduler already retried on other workers (allowed-failures)

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()


Executor = InProcess | LocalPool | DaskCluster


def in_order(executor: Executor, fn: Callable[[C, K], R], config: C, chunks: Iterable[K],
             lost: Callable[[K, BaseException], R]) -> Iterator[R]:
    """fn(config, chunk) for each chunk, in order; lost(chunk, error) for a chunk given up."""
    pending: deque[list[Any]] = deque()  # [chunk: K, future of R, attempts: int], changed in place
    source = iter(chunks)

    def fill() -> None:
        while len(pending) < executor.window:
            chunk = next(source, None)
            if chunk is None:
                return
            pending.append([chunk, executor.submit(fn, config, chunk), 1])

    fill()
    while pending:
        item = pending[0]
        try:
            result: R = item[1].result()
        except Exception as exc:
            if executor.restart(exc):  # a restarted local pool lost every chunk in flight
                given_up = item[2] >= ATTEMPTS
                for waiting in list(pending)[given_up:]:
                    waiting[1] = executor.submit(fn, config, waiting[0])
                    waiting[2] += 1
                if not given_up:
                    continue
            result = lost(item[0], exc)
        pending.popleft()
        fill()  # keep the workers busy while the caller writes this result
        yield result
