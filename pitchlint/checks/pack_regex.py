"""Regular expressions from rule packs, run with a time limit.

A pack's pattern such as `(\\w+\\s?)+$` backtracks exponentially on some messages; Python's `re`
cannot be stopped once it starts. The `regex` module takes a timeout, so a pathological pattern
costs at most that long per search and is reported as its rule's failure.

Compiling has no timeout, so a pattern's shape is checked first: groups nested 5,000 deep made
the compiler recurse until it crashed, and `(?:a{1000}){1000}` compiled into 500 MB. A pack's
pattern may nest groups MAX_DEPTH deep and its counted repeats, multiplied through the nesting,
may reach MAX_REPEAT.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

import regex

TIMEOUT_SECONDS = 0.5  # per search; ordinary patterns take microseconds on a 100,000-character message
MAX_DEPTH = 20
MAX_REPEAT = 10_000
_COUNTED = re.compile(r"\{(\d*),?(\d*)\}")


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
    """Why a pattern does not compile (or is too big to compile), or None."""
    problem = _shape_problem(source)
    if problem:
        return problem
    try:
        compile_pattern(source)
    except regex.error as exc:
        return str(exc)
    except (RecursionError, MemoryError, OverflowError):
        return "it is too big to compile"
    return None


def _shape_problem(source: str) -> str | None:
    """Groups nested past MAX_DEPTH, or counted repeats past MAX_REPEAT (multiplied through the
    groups that hold them). A rough reading of the syntax, erring towards counting too much."""
    stack = [1]  # the largest repeat inside each open group, the outermost first
    last = 1  # the repeat of the atom just read, which a following {m,n} multiplies
    i = 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i, last = i + 2, 1
            continue
        if char == "[":  # a class: skip to its end ("[]" and "[^]" start with a literal "]")
            i += 2 if source[i + 1:i + 2] == "^" else 1
            i += 1 if source[i:i + 1] == "]" else 0
            while i < len(source) and source[i] != "]":
                i += 2 if source[i] == "\\" else 1
            i, last = i + 1, 1
            continue
        if char == "(":
            stack.append(1)
            if len(stack) > MAX_DEPTH + 1:
                return f"groups are nested more than {MAX_DEPTH} deep"
        elif char == ")" and len(stack) > 1:
            last = stack.pop()
        elif char == "{" and (counted := _COUNTED.match(source, i)) and any(counted.groups()):
            times = max(int(n) for n in counted.groups() if n)
            last *= max(times, 1)
            if last > MAX_REPEAT:
                return f"its counted repeats come to more than {MAX_REPEAT:,}"
            i = counted.end()
            stack[-1] = max(stack[-1], last)
            continue
        else:
            last = 1
        stack[-1] = max(stack[-1], last)
        i += 1
    return None
