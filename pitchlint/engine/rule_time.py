"""A time budget for each plug-in rule on each message.

A Python rule from an installed package is anyone's code: one that loops forever would hang every
front end (a hook, the editor, a batch worker). Its check runs under a trace function that looks
at the thread's CPU clock every few hundred lines and stops it with RuleOverran once it has used
RULE_CPU_SECONDS on one message; the engine reports that in the report's internal errors and the
run exits 2. The clock is CPU time of the running thread, so a busy machine does not trip it.
Built-in rule kinds are not traced (their regular expressions have their own timeout).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from types import FrameType
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from _typeshed import TraceFunction

RULE_CPU_SECONDS = 2.0  # a plug-in check on one message; a built-in rule takes well under 1 ms
_CHECK_EVERY = 256  # trace events between looks at the clock

_T = TypeVar("_T")


class RuleOverran(BaseException):
    """A rule ran past its budget. A BaseException, so a plug-in's `except Exception` cannot
    swallow it; it is raised again every few lines if the plug-in catches it anyway."""


def run_budgeted(check: Callable[[], Iterable[_T]], into: list[_T], seconds: float = RULE_CPU_SECONDS) -> None:
    """Extend `into` with what `check()` yields (so what it found before it overran still stands);
    RuleOverran once it has used `seconds` of this thread's CPU."""
    deadline = time.thread_time() + seconds
    events = 0

    def on_event(frame: FrameType, event: str, arg: object) -> TraceFunction:
        nonlocal events
        events += 1
        if events % _CHECK_EVERY == 0 and time.thread_time() > deadline:
            raise RuleOverran
        return on_event

    previous = sys.gettrace()
    sys.settrace(on_event)
    try:
        for item in check():
            into.append(item)
    finally:
        sys.settrace(previous)
