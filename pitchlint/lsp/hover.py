"""What hover shows at an offset: what pitchlint took a word for, why a finding fired, and how the
ask scored. No LSP types here: the server wraps the Markdown and the span."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pitchlint.engine.report import FileReport, reader_view
from pitchlint.lsp.linting import Outcome

if TYPE_CHECKING:
    from pitchlint.analysis import Entity

TARGET_LABELS = {"COMPANY": "a company", "ROLE": "a role", "SECTOR": "a sector"}


def hover_markdown(outcome: Outcome, offset: int) -> tuple[str, tuple[int, int]] | None:
    """Markdown for the hover at `offset`, and the span it is about (the narrowest one)."""
    report = outcome.report
    if report is None:
        return None
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    for entity in report.entities:
        if entity.label in TARGET_LABELS and entity.start <= offset < entity.end:
            parts.append(_entity_text(entity))
            spans.append((entity.start, entity.end))
    for finding in report.findings:
        if finding.start <= offset < max(finding.end, finding.start + 1):
            rule = outcome.rules.get(finding.rule)
            text = rule.doc_text() if rule is not None else f"{finding.rule}\n"
            if finding.suggestion:
                text += f"\n**Try:** {finding.suggestion}\n"
            parts.append(text)
            spans.append((finding.start, finding.end))
    for ask in report.asks + report.goals:  # the ask, or the goal a pitch states instead
        if ask.start <= offset < ask.end:
            parts.append(_score_text(report))
            spans.append((ask.start, ask.end))
            break
    if not parts:
        return None
    narrowest = min(spans, key=lambda span: span[1] - span[0])
    return "\n\n---\n\n".join(part.strip() for part in parts), narrowest


def _entity_text(entity: Entity) -> str:
    what = TARGET_LABELS[entity.label]
    if entity.statement == "request":
        role = "a target of the ask: it tells the reader whom to think of"
    elif entity.statement == "goal":
        role = "a target you name as your goal: the reader can think of someone for it"
    else:
        role = "background, not a target of the ask (your past, the reader's job, or a passing mention)"
    return f"**{entity.label}** `{entity.text}`: pitchlint read this as {what}, {role}."


def _score_text(report: FileReport) -> str:
    breakdown = ", ".join(f"{k} {v:+d}" if k == "rules" else f"{k} {v}" for k, v in report.score.breakdown.items())
    return (f"**The ask:** {report.verdict}, score {report.score.total}/100 ({breakdown})\n\n"
            f"**The reader can think of:** {reader_view(report)}")
