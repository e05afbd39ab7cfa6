"""The engine behind the server: one lint thread per process runs every lint, in arrival order.

spaCy's pipeline is shared by the whole process, so lints never overlap. Requests that arrive
while one is being linted wait together and then go through the engine in one pass (up to
GATHER messages), as `lint_many` batches messages, which is what keeps the server's throughput
close to the in-process API's under many clients. Concurrency is bounded by a count of requests
held (running or waiting), past which a request is turned away at once with 503 and Retry-After
instead of queueing without end. Each request has a time budget: one that has not finished
within it gets 503, and if it had not started it never will. Other work on the pipeline (the
coach's questions) goes through the same thread, one request at a time, under the same bounds.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.engine.records import Record, Result, lint_records
from pitchlint.errors import PitchlintError
from pitchlint.serve.requests import ApiError, Message

WARM_UP_TEXT = "Hi! If you know anyone, or hear of any leads, please send them my way."
GATHER = 32  # messages from waiting requests linted in one pass at most
T = TypeVar("T")


@dataclass
class _Job:
    messages: list[Message]
    future: Future[Any] = field(default_factory=Future)
    work: Callable[[], Any] | None = None  # instead of messages: a call that uses the pipeline


class Linter:
    def __init__(self, config: Config, max_pending: int, timeout: float) -> None:
        self.config = config
        self.max_pending = max_pending
        self.timeout = timeout
        self._pending = 0
        self._lock = threading.Lock()
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._closed = False
        self._thread = threading.Thread(target=self._work, name="pitchlint-lint", daemon=True)
        self._thread.start()

    @property
    def pending(self) -> int:
        return self._pending

    def warm_up(self) -> None:
        """Load the pipeline and the templates now, so the first request does not wait for them."""
        lint_records(self.config, [Record(text=WARM_UP_TEXT, where="warm-up")])

    def close(self) -> None:
        self._closed = True
        self._jobs.put(None)

    async def lint(self, messages: list[Message]) -> list[Result]:
        """A report or an error for each message, in order."""
        results: list[Result] = await self._submit(_Job(messages))
        return results

    async def call(self, work: Callable[[], T]) -> T:
        """`work()` run on the lint thread (so it never overlaps a lint), with a lint's bounds."""
        result: T = await self._submit(_Job([], work=work))
        return result

    async def _submit(self, job: _Job) -> Any:
        with self._lock:
            if self._closed:
                raise ApiError(503, "pitchlint is shutting down", retry_after=5)
            if self._pending >= self.max_pending:
                raise ApiError(503, f"pitchlint is busy ({self._pending} requests in hand); try again shortly",
                               retry_after=1)
            self._pending += 1
        job.future.add_done_callback(self._release)  # when linted, failed or cancelled before its turn
        self._jobs.put(job)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(job.future), self.timeout)
        except TimeoutError:  # wait_for cancelled the future: if it had not started, it never will
            raise ApiError(503, f"the request took longer than its {self.timeout:g} s budget; "
                                "try again, or send a shorter message", retry_after=2) from None

    def _release(self, future: Future[Any]) -> None:
        with self._lock:
            self._pending -= 1

    def _work(self) -> None:
        held: _Job | None = None  # taken from the queue while gathering, for the next turn
        while True:
            job, held = (held, None) if held is not None else (self._jobs.get(), None)
            if job is None:
                return
            if job.work is not None:
                self._call(job)
                continue
            jobs = [job]
            while sum(len(j.messages) for j in jobs) < GATHER:
                try:
                    more = self._jobs.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._jobs.put(None)  # stop after this pass
                    break
                if more.work is not None:  # it runs on its own, after this pass
                    held = more
                    break
                jobs.append(more)
            self._run([j for j in jobs if j.future.set_running_or_notify_cancel()])

    @staticmethod
    def _call(job: _Job) -> None:
        assert job.work is not None
        if not job.future.set_running_or_notify_cancel():
            return
        try:
            job.future.set_result(job.work())
        except Exception as exc:  # a bug or an error for the request: it gets it, and the thread goes on
            job.future.set_exception(exc)

    @staticmethod
    def _run(jobs: list[_Job]) -> None:
        if not jobs:
            return
        try:
            results = _lint_all([m for job in jobs for m in job.messages])
        except Exception as exc:  # a bug: each request gets it, and the thread goes on
            for job in jobs:
                job.future.set_exception(exc)
            return
        start = 0
        for job in jobs:
            job.future.set_result(results[start:start + len(job.messages)])
            start += len(job.messages)


def _lint_all(messages: list[Message]) -> list[Result]:
    """Neighbours with the same configuration go through the engine together, in order."""
    results: list[Result] = []
    start = 0
    while start < len(messages):
        end = start + 1
        while end < len(messages) and messages[end].config == messages[start].config:
            end += 1
        config = messages[start].config
        try:
            engine_for(config)
        except PitchlintError as error:  # e.g. a profile the templates cannot take
            results += [error] * (end - start)
        else:
            results += lint_records(config, [m.record for m in messages[start:end]])
        start = end
    return results
