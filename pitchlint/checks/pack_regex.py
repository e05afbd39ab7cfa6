"""Regular expressions from rule packs, run with a time limit.

A pack's pattern such as `(\\w+\\s?)+$` backtracks exponentially on some messages; Python's `re`
cannot be stopped once it starts. The `regex` module takes a timeout, so a pathological pattern
costs at most that long per search and is reported as its rule's failure.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

import regex

TIMEOUT_SECONDS = 0.5  # per search; ordinary patterns take microseconds on a 100,000-character message


class RegexBudgetError(RuntimeError):
    """A pack's pattern took too long on this message."""


@lru_cache(maxsize=512)
def compile_pattern(source: str, ignore_case: bool = False) -> regex.Pattern[str]:
    return regex.compile(source, regex.I if ignore_case else 0)


def finditer(pattern: regex.Pattern[str], text: str, start: int = 0,
             end: int | None = None) -> Iterator[regex.Match[str]]:
    try:
        yield from pattern.finditer(text, start, len(text) if end is None else end, timeout=TIMEOUT_SECONDS)
    except TimeoutError:
        raise RegexBudgetError(f"a pattern took more than {TIMEOUT_SECONDS} s on this message "
                               f"(it backtracks without end; rewrite it): {pattern.pattern[:120]}") from None


def search(pattern: regex.Pattern[str], text: str, start: int = 0, end: int | None = None) -> regex.Match[str] | None:
    return next(finditer(pattern, text, start, end), None)


def check_syntax(source: str) -> str | None:
    """Why a pattern does not compile, or None."""
    try:
        compile_pattern(source)
    except regex.error as exc:
        return str(exc)
    return None
