"""The built-in rule kinds. A rule file names its kind; each kind is a pure function of the analysis.

Checks never read files, never call spaCy and keep no state: everything comes in the context.
"""

from __future__ import annotations

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


def rewrite_slots(ctx: RuleContext) -> dict:
    """Slots for a rewrite, from the writer's own words first (the targets of the ask and of the
    stated goal, places named there), then from the profile in the configuration or front matter.
    Former employers and other passing mentions never fill a slot; an empty slot stays empty and
    the template shows a bracketed prompt."""
    analysis: Analysis = ctx.analysis
    profile = ctx.profile
    wanted = analysis.asks + analysis.goals

    def inside(entity) -> bool:
        return any(s.start <= entity.start < s.end for s in wanted)

    def texts(label: str, fallback) -> list[str]:
        named = analysis.targets(label) + analysis.goal_targets(label)
        own = list(dict.fromkeys(e.text for e in named))
        return own or list(fallback or ())

    locations = list(dict.fromkeys(e.text for e in analysis.entities if e.label == "LOCATION" and inside(e)))
    if not locations and profile is not None and profile.location:
        locations = [profile.location]
    return {
        "companies": texts("COMPANY", profile and profile.companies),
        "roles": texts("ROLE", profile and profile.roles),
        "sectors": texts("SECTOR", profile and profile.sectors),
        "locations": locations,
        "reason": (profile.reason if profile is not None else None) or "",
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
        rewrite = ctx.render(ctx.rule.template, ask=analysis.asks[0].text, **rewrite_slots(ctx))
    named = quoted_list([e.text for e in goals])
    places = []  # (ask, start, end, generic words)
    for ask in analysis.asks:
        generic = [g for g in analysis.generic if ask.start <= g.start < ask.end]
        if generic:
            places.append((ask, generic[0].start, generic[-1].end, [g.text for g in generic]))
    if not places:
        ask = analysis.asks[0]
        trigger = analysis.trigger_in(ask)
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
    from pitchlint.checks_text import first_sentence

    anchor = analysis.goals[0] if analysis.goals else first_sentence(analysis)
    if anchor is None:
        return
    rewrite = ctx.render(ctx.rule.template, ask=None, **rewrite_slots(ctx)) if ctx.rule.template else None
    yield ctx.finding(anchor.start, anchor.end, suggestion=rewrite)


def check_target_required(ctx: RuleContext) -> Iterable[Finding]:
    """An ask that names no target of one kind (a hint: one or two kinds already make it specific)."""
    analysis: Analysis = ctx.analysis
    label = ctx.rule.options.get("label")
    if not analysis.asks or analysis.targets(label):
        return
    if not analysis.targets():
        return  # an ask with no target at all: vague-ask says it better than three hints would
    trigger = analysis.trigger_in()
    yield ctx.finding(trigger.start, trigger.end,
                      ctx.rule.message.format(label=LABEL_NAMES.get(label, str(label).lower())))


def check_context_required(ctx: RuleContext) -> Iterable[Finding]:
    """An ask that names targets but gives the reader no reason they could repeat to a contact."""
    analysis: Analysis = ctx.analysis
    if not analysis.targets() or analysis.context:
        return
    trigger = analysis.trigger_in()
    yield ctx.finding(trigger.start, trigger.end)


def check_recipient(ctx: RuleContext) -> Iterable[Finding]:
    """The greeting or "your team at X" names someone other than the configured recipient."""
    from pitchlint.checks_text import greeting_name, readers_companies

    profile = ctx.profile
    analysis: Analysis = ctx.analysis
    if profile is None or not (profile.recipient_name or profile.recipient_company):
        return
    if profile.recipient_name:
        greeted = greeting_name(analysis.text)
        names = {part.lower().strip(".,") for part in profile.recipient_name.split()}
        # "Hi Marcus" and "Dear Dr. Lee" both greet Marcus Lee
        if greeted is not None and not names & {part.lower() for part in greeted[0].split()}:
            yield ctx.finding(greeted[1], greeted[2], ctx.rule.message.format(
                found=greeted[0], expected=profile.recipient_name))
    if profile.recipient_company:
        expected = profile.recipient_company.lower()
        for entity in readers_companies(analysis):
            if entity.text.lower() != expected and expected not in entity.text.lower():
                message = ctx.rule.options.get("message_company", ctx.rule.message)
                yield ctx.finding(entity.start, entity.end, message.format(
                    found=entity.text, expected=profile.recipient_company))


def _kinds() -> dict:
    from pitchlint import checks_text

    return {
        "vague-ask": check_vague_ask,
        "missing-ask": check_missing_ask,
        "target-required": check_target_required,
        "context-required": check_context_required,
        "recipient": check_recipient,
        **checks_text.KINDS,
    }


KINDS = _kinds()
