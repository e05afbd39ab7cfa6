"""The built-in rule kinds. A rule file names its kind; each kind is a pure function of the analysis.

Checks never read files, never call spaCy and keep no state: everything comes in the context.
"""

from __future__ import annotations

import re
from typing import Iterable

from pitchlint.analysis import Analysis
from pitchlint.findings import Finding, Fix
from pitchlint.rulepack import RuleContext

LABEL_NAMES = {"COMPANY": "company", "ROLE": "role", "SECTOR": "sector"}


def quoted_list(words: list[str]) -> str:
    unique = list(dict.fromkeys(w.lower() for w in words))
    quoted = [f'"{w}"' for w in unique]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


def rewrite_slots(analysis: Analysis) -> dict:
    """Slots for a rewrite, taken only from the writer's own words: the targets of the ask and of
    the writer's stated goal, and places named there. Former employers and other passing
    mentions never fill a slot."""
    wanted = analysis.asks + analysis.goals

    def inside(entity) -> bool:
        return any(s.start <= entity.start < s.end for s in wanted)

    def texts(label: str) -> list[str]:
        named = analysis.targets(label) + analysis.goal_targets(label)
        return list(dict.fromkeys(e.text for e in named))

    return {
        "companies": texts("COMPANY"),
        "roles": texts("ROLE"),
        "sectors": texts("SECTOR"),
        "locations": list(dict.fromkeys(
            e.text for e in analysis.entities if e.label == "LOCATION" and inside(e))),
    }


def check_vague_ask(ctx: RuleContext) -> Iterable[Finding]:
    analysis: Analysis = ctx.analysis
    if not analysis.asks or analysis.targets():
        return
    rewrite_offered = False
    for ask in analysis.asks:
        generic = [g for g in analysis.generic if ask.start <= g.start < ask.end]
        if not generic:
            continue
        rewrite = None
        if ctx.rule.template and not rewrite_offered:  # one rewrite per message, on the first vague ask
            rewrite_offered = True
            rewrite = ctx.render(ctx.rule.template, ask=ask.text, **rewrite_slots(analysis))
        goals = analysis.goal_targets()
        template = ctx.rule.options.get("message_with_goal") if goals else None
        message = (template or ctx.rule.message).format(
            generic=quoted_list([g.text for g in generic]),
            named=quoted_list([e.text for e in goals]),
        )
        yield ctx.finding(
            generic[0].start, generic[-1].end, message,
            suggestion=rewrite,
            fix=Fix(ask.start, ask.end, rewrite) if rewrite else None,
        )


def check_missing_ask(ctx: RuleContext) -> Iterable[Finding]:
    analysis: Analysis = ctx.analysis
    if analysis.asks:
        return
    anchor = analysis.goals[0] if analysis.goals else _first_sentence(analysis)
    if anchor is None:
        return
    rewrite = ctx.render(ctx.rule.template, ask=None, **rewrite_slots(analysis)) if ctx.rule.template else None
    yield ctx.finding(anchor.start, anchor.end, suggestion=rewrite)


def _first_sentence(analysis: Analysis):
    from pitchlint.analysis import Stretch

    for sent in analysis.doc.sents:
        text = sent.text.strip()
        if len(text.split()) > 3:
            lead = len(sent.text) - len(sent.text.lstrip())
            return Stretch(sent.start_char + lead, sent.start_char + lead + len(text), text)
    return None


def check_target_required(ctx: RuleContext) -> Iterable[Finding]:
    """An ask that names no target of one kind (a hint: one or two kinds already make it specific)."""
    analysis: Analysis = ctx.analysis
    label = ctx.rule.options.get("label")
    if not analysis.asks or analysis.targets(label):
        return
    if not analysis.targets() and analysis.generic:
        return  # a cattle call: vague-ask says it better than three hints would
    trigger = next(
        (t for t in analysis.triggers if analysis.ask_of(t.start) is not None), analysis.asks[0]
    )
    yield ctx.finding(trigger.start, trigger.end,
                      ctx.rule.message.format(label=LABEL_NAMES.get(label, str(label).lower())))


def check_phrase(ctx: RuleContext) -> Iterable[Finding]:
    """Declarative: any of `options.phrases` (case-insensitive, whole words), in the asks or anywhere."""
    analysis: Analysis = ctx.analysis
    phrases = ctx.rule.options.get("phrases", [])
    if not phrases:
        return
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in phrases) + r")\b", re.I)
    scope = ctx.rule.options.get("scope", "message")
    regions = [(a.start, a.end) for a in analysis.asks] if scope == "ask" else [(0, len(analysis.text))]
    for start, end in regions:
        for match in pattern.finditer(analysis.text, start, end):
            yield ctx.finding(match.start(), match.end(),
                              ctx.rule.message.format(phrase=match.group(0)))


KINDS = {
    "vague-ask": check_vague_ask,
    "missing-ask": check_missing_ask,
    "target-required": check_target_required,
    "phrase": check_phrase,
}
