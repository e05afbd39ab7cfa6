"""The built-in rule kinds. A rule file names its kind; each kind is a pure function of the analysis.

Checks never read files, never call spaCy and keep no state: everything comes in the context.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TypedDict

from pitchlint.analysis import Analysis, Stretch
from pitchlint.checks.findings import Finding, Fix
from pitchlint.checks.pack import Check, RuleContext
from pitchlint.terms import Profile

LABEL_NAMES = {"COMPANY": "company", "ROLE": "role", "SECTOR": "sector"}


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


PERSON_ENDINGS = ("er", "or", "ist", "ian", "ant", "ent", "eer", "ee", "ive", "ate", "chef", "lead", "head",
                  "rep", "counsel", "nurse", "tech", "sous", "aide", "hand", "coach", "clerk", "agent")
OPENING_WORDS = ("position", "positions", "role", "roles", "job", "jobs", "opening", "openings", "internship",
                 "internships", "post", "posts", "vacancy", "vacancies", "program", "programme")


def role_kinds(roles: list[str]) -> tuple[list[str], list[str], list[str]]:
    """Roles as a rewrite says them: people ("a pastry lead"), fields ("someone in bakery
    production") and openings ("someone hiring for an entry-level position")."""
    people, fields, openings = [], [], []
    for role in roles:
        last = role.split()[-1].lower().rstrip("s") if role.split() else ""
        if role.split()[-1].lower() in OPENING_WORDS:
            openings.append(role)
        elif role.isupper() or (last.endswith(PERSON_ENDINGS) and not last.endswith("ment")):
            people.append(role)
        else:
            fields.append(role)
    return people, fields, openings


class Slots(TypedDict):
    """What a rewrite template is given besides the ask: the writer's words for each slot."""

    companies: list[str]
    roles: list[str]
    people: list[str]
    fields: list[str]
    openings: list[str]
    sectors: list[str]
    locations: list[str]
    reason: str


# Where a finding about a generic ask points: the ask, the start and end of the words it points
# at, and the generic words there.
Place = tuple[Stretch, int, int, list[str]]


def rewrite_slots(ctx: RuleContext) -> Slots:
    """Slots for a rewrite, from the writer's own words first (the targets of the requests, then
    of the goals, places named there), then from the profile in the configuration or front matter.
    Former employers and other background never fill a slot; an empty slot stays empty and the
    template shows a bracketed prompt."""
    analysis = ctx.analysis
    profile = ctx.profile if ctx.profile is not None else Profile()  # no profile: every field empty
    inside = _within(analysis.asks + analysis.goals)

    def texts(label: str, fallback: Iterable[str]) -> list[str]:
        named = analysis.request_targets(label) + analysis.goal_targets(label)
        own = list(dict.fromkeys(e.text for e in named))
        return own or list(fallback)

    locations = list(dict.fromkeys(e.text for e in analysis.entities if e.label == "LOCATION" and inside(e.start)))
    if not locations and profile.location:
        locations = [profile.location]
    roles = texts("ROLE", profile.roles)
    people, fields, openings = role_kinds(roles)
    return {
        "companies": texts("COMPANY", profile.companies),
        "roles": roles,
        "people": people,
        "fields": fields,
        "openings": openings,
        "sectors": texts("SECTOR", profile.sectors),
        "locations": locations,
        "reason": profile.reason or "",
    }


def _generic_places(analysis: Analysis) -> list[Place]:
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


def _within(stretches: Sequence[Stretch]) -> Callable[[int], bool]:
    """A test of whether an offset falls inside any of `stretches`, by bisection over their starts
    with the furthest end reached so far (so each test costs a logarithm, not a pass over all)."""
    ordered = sorted(stretches, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    reach = list(itertools.accumulate((s.end for s in ordered), max))

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset)
        return i > 0 and reach[i - 1] > offset

    return inside


def _rewrite_findings(ctx: RuleContext, places: list[Place],
                      message_for: Callable[[list[str]], str]) -> Iterator[Finding]:
    """One finding per place; the first carries the rule's rewrite of its ask."""
    rewrite = None
    if ctx.rule.template:
        rewrite = ctx.render(ctx.rule.template, ask=places[0][0].text, **rewrite_slots(ctx))
    for n, (ask, start, end, words) in enumerate(places):
        first = n == 0  # one rewrite per message, on the first vague ask
        yield ctx.finding(
            start, end, message_for(words),
            suggestion=rewrite if first else None,
            fix=Fix(ask.start, ask.end, rewrite) if first and rewrite else None,
        )


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
                                     lambda words: template.format(generic=quoted_list(words)))
        return

    def message(words: list[str]) -> str:
        template = ctx.rule.message if words else ctx.rule.options.get("message_untargeted", ctx.rule.message)
        return template.format(generic=quoted_list(words))

    yield from _rewrite_findings(ctx, _generic_places(analysis), message)


def check_target_outside_ask(ctx: RuleContext) -> Iterable[Finding]:
    """A generic request while the targets sit in another sentence (a goal): specific, but the
    reader has to connect the two. The rewrite builds the ask from the goal's own words."""
    analysis = ctx.analysis
    if not analysis.asks or not analysis.specific or analysis.request_targets():
        return
    named = quoted_list([e.text for e in analysis.goal_targets()])
    yield from _rewrite_findings(
        ctx, _generic_places(analysis), lambda words: ctx.rule.message.format(named=named))


def check_missing_ask(ctx: RuleContext) -> Iterable[Finding]:
    """No request at all. With no target either it is a warning (and the message is vague); with
    a stated goal it is a hint, at info, to say what the reader should do; for a spoken pitch the
    goal is the ask, so it stays quiet."""
    analysis = ctx.analysis
    if analysis.asks:
        return
    from pitchlint.checks.text import first_sentence

    has_goal = analysis.specific
    if has_goal and ctx.channel == "pitch":
        return
    anchor = analysis.goals[0] if analysis.goals else first_sentence(analysis)
    if anchor is None:  # a greeting and nothing else ("Hi Dana!") asks for nothing too
        anchor = first_sentence(analysis, after_greeting=False)
    if anchor is None:
        return
    rewrite = ctx.render(ctx.rule.template, ask=None, **rewrite_slots(ctx)) if ctx.rule.template else None
    if has_goal:
        message = ctx.rule.options.get("message_with_goal", ctx.rule.message).format(
            named=quoted_list([e.text for e in analysis.targets()]))
        yield ctx.finding(anchor.start, anchor.end, message, suggestion=rewrite, severity="info")
    else:
        yield ctx.finding(anchor.start, anchor.end, suggestion=rewrite)


def check_target_required(ctx: RuleContext) -> Iterable[Finding]:
    """A message whose targets (in its requests and goals) include none of one kind: a hint, since
    one or two kinds already make it specific."""
    analysis = ctx.analysis
    label = ctx.rule.options.get("label")
    if not analysis.targets() or analysis.targets(label) or not (analysis.asks or analysis.goals):
        return
    anchor = analysis.trigger_in() if analysis.asks else analysis.goals[0]
    yield ctx.finding(anchor.start, anchor.end,
                      ctx.rule.message.format(label=LABEL_NAMES[label] if label in LABEL_NAMES else str(label).lower()))


def check_context_required(ctx: RuleContext) -> Iterable[Finding]:
    """An ask that names targets but gives the reader no reason they could repeat to a contact."""
    analysis = ctx.analysis
    if not analysis.targets() or analysis.context or not (analysis.asks or analysis.goals):
        return
    anchor = analysis.trigger_in() if analysis.asks else analysis.goals[0]
    yield ctx.finding(anchor.start, anchor.end)


def check_recipient(ctx: RuleContext) -> Iterable[Finding]:
    """The greeting or "your team at X" names someone other than the configured recipient."""
    from pitchlint.checks.text import greeting_name, readers_companies

    profile = ctx.profile
    analysis = ctx.analysis
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


def _kinds() -> dict[str, Check]:
    from pitchlint.checks import text as checks_text

    return {
        "vague-ask": check_vague_ask,
        "missing-ask": check_missing_ask,
        "target-outside-ask": check_target_outside_ask,
        "target-required": check_target_required,
        "context-required": check_context_required,
        "recipient": check_recipient,
        **checks_text.KINDS,
    }


KINDS = _kinds()
