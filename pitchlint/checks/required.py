"""The hints for a specific message that still lacks something: a kind of target
(`target-required`: no company, role or sector) or a reason the reader could repeat
(`context-required`).
"""

from __future__ import annotations

from collections.abc import Iterable

from pitchlint.checks.findings import Finding
from pitchlint.checks.messages import format_message
from pitchlint.checks.pack import RuleContext

LABEL_NAMES = {"COMPANY": "company", "ROLE": "role", "SECTOR": "sector"}


def check_target_required(ctx: RuleContext) -> Iterable[Finding]:
    """A message whose targets (in its requests and goals) include none of one kind: a hint, since
    one or two kinds already make it specific. A target whose kind was only guessed from its head
    noun may be of the missing kind ("a review site" is a company or a sector), so it silences the hint."""
    analysis = ctx.analysis
    label = ctx.rule.options.get("label")
    if not analysis.targets() or analysis.targets(label) or not (analysis.asks or analysis.goals):
        return
    if any(e.kind_guessed for e in analysis.targets()):
        return
    anchor = analysis.trigger_in() if analysis.asks else analysis.goals[0]
    name = LABEL_NAMES[label] if label in LABEL_NAMES else str(label).lower()
    yield ctx.finding(anchor.start, anchor.end, format_message(ctx.rule.message, label=name))


def check_context_required(ctx: RuleContext) -> Iterable[Finding]:
    """An ask that names targets but gives the reader no reason they could repeat to a contact."""
    analysis = ctx.analysis
    if not analysis.targets() or analysis.context or not (analysis.asks or analysis.goals):
        return
    anchor = analysis.trigger_in() if analysis.asks else analysis.goals[0]
    yield ctx.finding(anchor.start, anchor.end)
