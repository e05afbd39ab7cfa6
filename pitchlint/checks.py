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
    """An ask with no target. It points at the generic objects ("anyone", "any leads") when there
    are some, otherwise at the words that make the request ("What would you do...?")."""
    analysis: Analysis = ctx.analysis
    if not analysis.asks or analysis.targets():
        return
    goals = analysis.goal_targets()
    rewrite = None
    if ctx.rule.template:
        rewrite = ctx.render(ctx.rule.template, ask=analysis.asks[0].text, **rewrite_slots(analysis))
    named = quoted_list([e.text for e in goals])
    places = []  # (ask, start, end, generic words)
    for ask in analysis.asks:
        generic = [g for g in analysis.generic if ask.start <= g.start < ask.end]
        if generic:
            places.append((ask, generic[0].start, generic[-1].end, [g.text for g in generic]))
    if not places:
        ask = analysis.asks[0]
        trigger = next((t for t in analysis.triggers if ask.start <= t.start < ask.end), ask)
        places.append((ask, trigger.start, trigger.end, []))
    for n, (ask, start, end, words) in enumerate(places):
        key = "message" if words else "message_untargeted"
        if goals:
            key += "_with_goal"
        template = ctx.rule.options.get(key) if key != "message" else ctx.rule.message
        message = (template or ctx.rule.message).format(generic=quoted_list(words), named=named)
        first = n == 0  # one rewrite per message, on the first vague ask
        yield ctx.finding(
            start, end, message,
            suggestion=rewrite if first else None,
            fix=Fix(ask.start, ask.end, rewrite) if first and rewrite else None,
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
    if not analysis.targets():
        return  # an ask with no target at all: vague-ask says it better than three hints would
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
