"""What a rule yields: a finding at exact offsets, and the fix its rewrite proposes."""

from __future__ import annotations

from dataclasses import dataclass, field


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
    # 1-based, columns in characters, as `--format json` gives them: set on the findings of a
    # report (engine.report.FileReport), None on a finding a rule has just made
    line: int | None = field(default=None, compare=False)
    column: int | None = field(default=None, compare=False)
    end_line: int | None = field(default=None, compare=False)
    end_column: int | None = field(default=None, compare=False)
