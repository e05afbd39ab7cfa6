"""Findings as LSP diagnostics.

Each diagnostic has `code` = the rule id and `source` = "pitchlint". The rule's explanation (the
same text as `pitchlint explain RULE`) travels in `data`, not in `codeDescription`: that field
must hold a URL, pitchlint has no documentation site, and a link that leads nowhere is worse
than none. Hover shows the explanation, and `data` keeps it with the diagnostic for clients that
look there.
"""

from __future__ import annotations

from lsprotocol import types

from pitchlint.lsp.linting import Outcome
from pitchlint.lsp.positions import PositionMap

SOURCE = "pitchlint"
SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def lsp_range(positions: PositionMap, start: int, end: int) -> types.Range:
    (start_line, start_char), (end_line, end_char) = positions.position(start), positions.position(end)
    return types.Range(types.Position(start_line, start_char), types.Position(end_line, end_char))


def top_range(positions: PositionMap) -> types.Range:
    """The first line: where a message about the whole document goes."""
    return types.Range(types.Position(0, 0), types.Position(0, positions.line_length(0)))


def to_diagnostics(outcome: Outcome, positions: PositionMap) -> list[types.Diagnostic]:
    if outcome.report is None:
        if outcome.problem is None:
            return []
        return [types.Diagnostic(range=top_range(positions), message=outcome.problem,
                                 severity=SEVERITY[outcome.problem_severity], source=SOURCE)]
    out = []
    for finding in outcome.report.findings:
        rule = outcome.rules.get(finding.rule)
        data = {"rule": finding.rule}
        if rule is not None:
            data["explanation"] = rule.doc_text()
        if finding.suggestion:
            data["suggestion"] = finding.suggestion
        out.append(types.Diagnostic(
            range=lsp_range(positions, finding.start, finding.end),
            message=finding.message,
            severity=SEVERITY.get(finding.severity, types.DiagnosticSeverity.Warning),
            code=finding.rule,
            source=SOURCE,
            data=data,
        ))
    return out
