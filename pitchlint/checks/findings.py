"""What a rule yields, and the severities that order findings."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITIES = ("info", "warning", "error")


def severity_rank(severity: str) -> int:
    return SEVERITIES.index(severity)


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
