"""The engine behind the server: one worker thread per process runs every lint, in arrival order.

spaCy's pipeline is shared by the whole process, so lints never overlap; concurrency is bounded
by a count of requests held (running or waiting), past which a request is turned away at once
with 503 and Retry-After instead of queueing without end. Each request has a time budget: one
that has not finished within it gets 503, and if it had not started it never will.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.engine.records import Record, Result, lint_records
from pitchlint.errors import PitchlintError
from pitchlint.serve.requests import ApiError, Message

T = TypeVar("T")

WARM_UP_TEXT = "Hi! If you know anyone, or hear of any leads, please send them my way."


class Linter:
    def __init__(self, config: Config, max_pending: int, timeout: float) -> None:
        self.config = config
        self.max_pending = max_pending
        self.timeout = timeout
        self._pending = 0
        self._lock = threading.Lock()
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pitchlint-lint")

    @property
    def pending(self) -> int:
        return self._pending

    def warm_up(self) -> None:
        """Load the pipeline and the templates now, so the first request does not wait for them."""
        lint_records(self.config, [Record(text=WARM_UP_TEXT, where="warm-up")])

    def close(self) -> None:
        self._thread.shutdown(wait=False, cancel_futures=True)

    async def lint(self, messages: list[Message]) -> list[Result]:
        """A report or an error for each message, in order (one `nlp.pipe` pass when they share a
        configuration, as `pitchlint batch` does)."""
        return await self._run(lambda: _lint_all(messages))

    async def _run(self, work: Callable[[], T]) -> T:
        with self._lock:
            if self._pending >= self.max_pending:
                raise ApiError(503, f"pitchlint is busy ({self._pending} requests in hand); try again shortly",
                               retry_after=1)
            self._pending += 1
        try:
            future = self._thread.submit(work)
        except RuntimeError:  # shutting down
            self._release()
            raise ApiError(503, "pitchlint is shutting down", retry_after=5) from None
        future.add_done_callback(self._released)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(future), self.timeout)
        except TimeoutError:
            future.cancel()  # if it has not started, it never will; if it has, it runs to its bounds
            raise ApiError(503, f"the request took longer than its {self.timeout:g} s budget; "
                                "try again, or send a shorter message", retry_after=2) from None

    def _released(self, future: Future[Any]) -> None:
        self._release()

    def _release(self) -> None:
        with self._lock:
            self._pending -= 1


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
