"""What a rewrite template is given besides the ask: the writer's own words for each slot (the
targets of the requests, then of the goals), else the profile's; never the writer's background.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Callable, Iterable, Sequence
from typing import TypedDict

from pitchlint.analysis import Analysis, Stretch
from pitchlint.checks.pack import RuleContext
from pitchlint.terms import Profile

PERSON_ENDINGS = ("er", "or", "ist", "yst", "ian", "ant", "ent", "eer", "ee", "ive", "ate", "chef", "lead", "head",
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
    role_example: str  # from the writer's own field (their background), or empty: the template's own
    place_example: str  # a sector of their background, "your field", or empty


def rewrite_slots(ctx: RuleContext) -> Slots:
    """Slots for a rewrite, from the writer's own words first (the targets of the requests, then
    of the goals, places named there), then from the profile in the configuration or front matter.
    Former employers and other background never fill a slot; an empty slot stays empty and the
    template shows a bracketed prompt."""
    analysis = ctx.analysis
    profile = ctx.profile if ctx.profile is not None else Profile()  # no profile: every field empty
    inside = within(analysis.asks + analysis.goals)

    def texts(label: str, fallback: Iterable[str]) -> list[str]:
        named = analysis.request_targets(label) + analysis.goal_targets(label)
        own = list(dict.fromkeys(e.text for e in named))
        return own or list(fallback)

    locations = list(dict.fromkeys(e.text for e in analysis.entities if e.label == "LOCATION" and inside(e.start)))
    if not locations and profile.location:
        locations = [profile.location]
    role_example, place_example = examples_from_background(analysis)
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
        # a message that gives its own reason gets no second one from the profile
        "reason": "" if analysis.context else profile.reason or "",
        "role_example": role_example,
        "place_example": place_example,
    }


def examples_from_background(analysis: Analysis) -> tuple[str, str]:
    """Examples for the bracketed prompts from the writer's own field: the roles and sectors of
    their background (never targets, so never filled in as if wanted). A former employer's name is
    not reused, even as an example, nor is a capitalised "sector" (more often a name the model
    mislabelled). Empty when the message names no field: the template shows its own example."""
    background = [e for e in analysis.entities if e.label in ("ROLE", "SECTOR") and not e.is_target]
    if not background:
        return "", ""
    people, fields, _ = role_kinds([e.text for e in background if e.label == "ROLE"])
    role_example = people[0] if people else f"someone in {fields[0]}" if fields else ""
    sectors = [e.text for e in background if e.label == "SECTOR" and e.text.islower()]
    return role_example, sectors[0] if sectors else "your field"


def within(stretches: Sequence[Stretch]) -> Callable[[int], bool]:
    """A test of whether an offset falls inside any of `stretches`, by bisection over their starts
    with the furthest end reached so far (so each test costs a logarithm, not a pass over all)."""
    ordered = sorted(stretches, key=lambda s: s.start)
    starts = [s.start for s in ordered]
    reach = list(itertools.accumulate((s.end for s in ordered), max))

    def inside(offset: int) -> bool:
        i = bisect.bisect_right(starts, offset)
        return i > 0 and reach[i - 1] > offset

    return inside
