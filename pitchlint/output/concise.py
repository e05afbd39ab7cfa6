"""One line per finding, `path:line:col: severity [rule] message`, as ruff's `concise` format
and compilers print them; and `--statistics`, the count of findings per rule."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from pitchlint.engine.report import FileReport, finding_positions
from pitchlint.errors import one_line
from pitchlint.output.emitters import EmitContext, Emitter

if TYPE_CHECKING:
    from pitchlint.output.emitters import Run


def render_concise(report: FileReport) -> list[str]:
    path = one_line(report.path)
    lines = [f"{path}: note: {note}" for note in report.notes]
    for row in finding_positions(report):
        lines.append(f"{path}:{row['line']}:{row['column']}: {row['severity']} [{row['rule']}] {row['message']}")
    lines += [f"{path}: internal error: {problem}" for problem in report.internal_errors]
    return lines


def statistics(reports: list[FileReport]) -> list[dict[str, Any]]:
    """[{rule, severity, count}], most frequent first, then by rule id."""
    counts: dict[tuple[str, str], int] = {}
    for report in reports:
        for finding in report.findings:
            key = (finding.rule, finding.severity)
            counts[key] = counts.get(key, 0) + 1
    rows = [{"rule": rule, "severity": severity, "count": n} for (rule, severity), n in counts.items()]
    return sorted(rows, key=lambda row: (-row["count"], row["rule"], row["severity"]))


def render_statistics(reports: list[FileReport], summaries: Mapping[str, str], as_json: bool) -> str:
    rows = statistics(reports)
    if as_json:
        return json.dumps(rows, indent=2)
    if not rows:
        return "no findings"
    width = max(len(str(row["count"])) for row in rows)
    rule_width = max(len(row["rule"]) for row in rows)
    return "\n".join(f"{row['count']:>{width}}  {row['rule']:<{rule_width}}  {row['severity']:<7}  "
                     f"{summaries.get(row['rule'], '')}".rstrip() for row in rows)


class ConciseEmitter(Emitter):
    """Each file's lines as it is linted."""

    def file(self, report: FileReport) -> list[str]:
        return render_concise(report)


class StatisticsEmitter(Emitter):
    """`--statistics`: nothing per file; the counts per rule at the end, as JSON for `--format json`
    and as a table for every other format."""

    def __init__(self, context: EmitContext | None = None, as_json: bool = False) -> None:
        super().__init__(context)
        self.as_json = as_json

    def finish(self, run: Run) -> list[str]:
        summaries = {rule_id: rule.summary for rule_id, rule in run.rules.items()}
        return [render_statistics(run.reports, summaries, as_json=self.as_json)]
