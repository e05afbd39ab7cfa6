"""The kinds about the ask itself: a request with nothing to point it at (`vague-ask`), a generic
request whose targets sit in another sentence (`target-outside-ask`), and no request at all
(`missing-ask`). The first finding of each carries the rule's rewrite.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator

from pitchlint.analysis import Analysis, Stretch
from pitchlint.checks.findings import Finding, Fix
from pitchlint.checks.messages import format_message
from pitchlint.checks.pack import RuleContext
from pitchlint.checks.places import first_sentence
from pitchlint.checks.slots import rewrite_slots


def quoted_list(words: list[str], most: int = 4) -> str:
    """"a", "b" and "c": each word once (whatever its case), as the writer wrote it first; past
    `most` words the rest are counted, not listed."""
    unique = list({w.lower(): w for w in reversed(words)}.values())[::-1]
    quoted = [f'"{w}"' for w in unique[:most]]
    if len(unique) > most:
        return ", ".join(quoted) + f" and {len(unique) - most} more"
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


# Where a finding about a generic ask points: the ask, the start and end of the words it points
# at, and the generic words there.
Place = tuple[Stretch, int, int, list[str]]


def generic_places(analysis: Analysis) -> list[Place]:
    """Where a finding about a generic ask points: (ask, start, end, generic words) for each ask
    with generic objects ("anyone", "any leads"), else the first ask's trigger."""
    places: list[Place] = []
    order = sorted(range(len(analysis.generic)), key=lambda k: analysis.generic[k].start)
    starts = [analysis.generic[k].start for k in order]
    for ask in analysis.asks:  # the generic objects inside each ask, found by bisection, in their own order
        found = order[bisect.bisect_left(starts, ask.start):bisect.bisect_left(starts, ask.end)]
        generic = [analysis.generic[k] for k in sorted(found)]
        if generic:
            places.append((ask, generic[0].start, generic[-1].end, [g.text for g in generic]))
    if not places:
        ask = analysis.asks[0]
        trigger = analysis.trigger_in(ask)
        places.append((ask, trigger.start, trigger.end, []))
    return places


def _rewrite_findings(ctx: RuleContext, places: list[Place],
                      message_for: Callable[[list[str]], str]) -> Iterator[Finding]:
    """One finding per place; the first carries the rule's rewrite of its ask, and each later
    ask's fix removes that ask, so that applying every fix leaves one specific ask, not the
    rewrite beside the cattle calls it replaces."""
    rewrite = None
    if ctx.rule.template:
        rewrite = ctx.render(ctx.rule.template, ask=places[0][0].text, **rewrite_slots(ctx))
    for n, (ask, start, end, words) in enumerate(places):
        first = n == 0  # one rewrite per message, on the first vague ask
        fix = None
        if rewrite:
            fix = Fix(ask.start, ask.end, rewrite) if first else removal(ctx.analysis.text, ask)
        yield ctx.finding(start, end, message_for(words), suggestion=rewrite if first else None, fix=fix)


def removal(text: str, ask: Stretch) -> Fix:
    """A fix that takes an ask out of the message with the spaces before it, so the sentences
    around it close up ("A. B. C." without B is "A. C.")."""
    start = ask.start
    while start > 0 and text[start - 1] in " \t":
        start -= 1
    if start > 0 and text[start - 1] == "\n":  # at the start of its line: keep the line's own start
        start = ask.start
        end = ask.end
        while end < len(text) and text[end] in " \t":
            end += 1
        return Fix(start, end, "")
    return Fix(start, ask.end, "")


def check_vague_ask(ctx: RuleContext) -> Iterable[Finding]:
    """A request when the message names no target anywhere (or refuses to: "open to anything").
    It points at the generic objects ("anyone", "any leads") when there are some, otherwise at
    the words that make the request ("What would you do...?"), or at the refusal."""
    analysis = ctx.analysis
    if not analysis.asks or analysis.specific:
        return
    if analysis.targets() and analysis.refusals:
        refusal = analysis.refusals[0]
        ask = next((a for a in analysis.asks if a.start <= refusal.start < a.end), analysis.asks[0])
        template = ctx.rule.options.get("message_refusal", ctx.rule.message)
        yield from _rewrite_findings(ctx, [(ask, refusal.start, refusal.end, [refusal.text])],
                                     lambda words: format_message(template, generic=quoted_list(words)))
        return

    refused = {r.text.lower() for r in analysis.refusals}

    def message(words: list[str]) -> str:
        template = ctx.rule.message if words else ctx.rule.options.get("message_untargeted", ctx.rule.message)
        refusals = [w for w in words if w.lower() in refused]
        if refusals and "message_refusal_alone" in ctx.rule.options:  # "open to anything" refuses a target
            return format_message(ctx.rule.options["message_refusal_alone"], generic=quoted_list(refusals))
        return format_message(template, generic=quoted_list(words))

    yield from _rewrite_findings(ctx, generic_places(analysis), message)


def check_target_outside_ask(ctx: RuleContext) -> Iterable[Finding]:
    """A generic request while the targets sit in another sentence (a goal): specific, but the
    reader has to connect the two. The rewrite builds the ask from the goal's own words."""
    analysis = ctx.analysis
    if not analysis.asks or not analysis.specific or analysis.request_targets():
        return
    named = quoted_list([e.text for e in analysis.goal_targets()])
    yield from _rewrite_findings(
        ctx, generic_places(analysis), lambda words: format_message(ctx.rule.message, named=named))


def check_missing_ask(ctx: RuleContext) -> Iterable[Finding]:
    """No request at all. With no target either it is a warning (and the message is vague); with
    a stated goal it is a hint, at info, to say what the reader should do; for a spoken pitch the
    goal is the ask, so it stays quiet."""
    analysis = ctx.analysis
    if analysis.asks:
        return
    has_goal = analysis.specific
    if has_goal and ctx.channel == "pitch":
        return
    if has_goal and any(s.statement == "request" for s in analysis.statements):
        # the classifier's request ("Even a 10-minute call would help!") is one the patterns have no
        # words for: the hint would cry wolf. With no target the message stays vague and says so.
        return
    anchor = analysis.goals[0] if analysis.goals else first_sentence(analysis)
    if anchor is None:  # a greeting and nothing else ("Hi Dana!") asks for nothing too
        anchor = first_sentence(analysis, after_greeting=False)
    if anchor is None:
        return
    rewrite = ctx.render(ctx.rule.template, ask=None, **rewrite_slots(ctx)) if ctx.rule.template else None
    if has_goal:
        message = format_message(ctx.rule.options.get("message_with_goal", ctx.rule.message),
            named=quoted_list([e.text for e in analysis.targets()]))
        yield ctx.finding(anchor.start, anchor.end, message, suggestion=rewrite, severity="info")
    else:
        yield ctx.finding(anchor.start, anchor.end, suggestion=rewrite)
