"""A file's report: what the engine found in one message (findings, score, verdict, targets,
asks), and its data as the JSON contract gives it (docs/cli.md, "JSON output"), which the API's
`to_dict`, the `--format json` output, `pitchlint batch` rows and the editor's hover all share."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pitchlint.analysis import Entity, Statement, Stretch
from pitchlint.checks.findings import Finding
from pitchlint.engine.score import Score
from pitchlint.reading.positions import UTF32, Positions
from pitchlint.terms import severity_rank

if TYPE_CHECKING:
    from pitchlint.config.settings import Config


@dataclass
class FileReport:
    path: str
    text: str
    score: Score
    entities: list[Entity]
    findings: list[Finding]
    asks: list[Stretch] = field(default_factory=list)
    targets: list[Entity] = field(default_factory=list)  # what a reader can think of someone for
    goals: list[Stretch] = field(default_factory=list)  # sentences that state what the writer wants
    statements: list[Statement] = field(default_factory=list)  # the clauses that request or want
    notes: list[str] = field(default_factory=list)
    internal_errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        # each finding knows its line and column, the same as the JSON report gives
        self.findings = [dataclasses.replace(f, line=row["line"], column=row["column"], end_line=row["end_line"],
                                             end_column=row["end_column"])
                         for f, row in zip(self.findings, finding_positions(self), strict=True)]

    @property
    def verdict(self) -> str:
        return self.score.verdict

    def to_dict(self) -> dict[str, Any]:
        """This file's entry in `--format json` (one element of its "files" list)."""
        return file_json(self)

    def fails(self, config: Config) -> bool:
        """Whether the configuration's thresholds fail this file: a finding at or above `fail-on`,
        or a score under `fail-under`."""
        if self.has_finding_at(config.fail_on):
            return True
        return config.fail_under is not None and self.score.total < config.fail_under

    def has_finding_at(self, severity: str) -> bool:
        """Whether a finding is at `severity` or above."""
        threshold = severity_rank(severity)
        return any(severity_rank(f.severity) >= threshold for f in self.findings)


def finding_positions(report: FileReport) -> list[dict[str, Any]]:
    lines = Positions(report.text)  # the file's own line breaks; the JSON counts columns in characters

    rows: list[dict[str, Any]] = []  # JSON objects
    for f in report.findings:
        line, column = lines.one_based(f.start, UTF32)
        end_line, end_column = lines.one_based(f.end, UTF32)
        row: dict[str, Any] = {
            "rule": f.rule, "severity": f.severity, "message": f.message,
            "line": line, "column": column, "end_line": end_line, "end_column": end_column,
            "start": f.start, "end": f.end, "suggestion": f.suggestion,
        }
        if f.fix is not None:
            row["fix"] = {"start": f.fix.start, "end": f.fix.end, "replacement": f.fix.text}
        rows.append(row)
    return rows


NOTHING = "nothing to act on"


def reader_view(report: FileReport) -> str:
    """What a reader can act on, the product's whole point: the targets by kind, or nothing."""
    if report.verdict != "specific" or not report.targets:
        return NOTHING
    seen = dict.fromkeys((e.label, e.text, e.kind_guessed) for e in report.targets)
    return " · ".join(f"{label} {text}" + (" (kind guessed)" if guessed else "") for label, text, guessed in seen)


def file_json(report: FileReport) -> dict[str, Any]:
    return {
        "path": report.path,
        "verdict": report.verdict,
        "score": report.score.total,
        "breakdown": report.score.breakdown,
        "entities": [
            {"label": e.label, "text": e.text, "start": e.start, "end": e.end, "in_ask": e.in_ask,
             "statement": e.statement, "kind_from": e.source}
            for e in report.entities
        ],
        "targets": [
            {"label": e.label, "text": e.text, "start": e.start, "end": e.end, "statement": e.statement,
             "kind_from": e.source}
            for e in report.targets
        ],
        "reader_view": reader_view(report),
        "asks": [{"text": a.text, "start": a.start, "end": a.end} for a in report.asks],
        "goals": [{"text": g.text, "start": g.start, "end": g.end} for g in report.goals],
        "statements": [{"statement": s.statement, "text": s.text, "start": s.start, "end": s.end, "by": s.by}
                       for s in report.statements],
        "findings": finding_positions(report),
        "notes": report.notes,
        "internal_errors": report.internal_errors,
    }
