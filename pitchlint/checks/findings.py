"""What a rule yields: a finding at exact offsets, and the fix its rewrite proposes."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fix:
    """Replace text[start:end] with `text`: the rewrite a suggestion proposes."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: str
    message: str
    start: int
    end: int
    suggestion: str | None = None
    fix: Fix | None = None
