"""The coach as one form: every answer at once instead of one question at a time (the web page's
coach, POST /v1/coach).

The questions, the checks of each answer and the composed ask are the session's own: this walks
`Coach.next` and `Coach.answer` with the answers given, and where a question is left open (no
answer, or one the coach would ask again) it notes it and goes on, so the form shows every question
still open, not only the first. The ask is composed only when none is open.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Literal

from pitchlint.coach.session import Coach, Finished, Question, Slot, State

Status = Literal["taken", "skipped", "open"]
TARGETS: tuple[Slot, ...] = ("roles", "companies", "sectors")


@dataclass(frozen=True)
class Field:
    """One question of the form, with what became of its answer."""

    question: Question  # its note says why the answer was not taken ("" when it was, or none was given)
    answer: str  # what the writer gave, spaces collapsed, or the default taken ("" for none)
    status: Status  # taken; skipped (optional, left empty); open (needed and empty, or not taken)
    unrecognised: bool  # not taken only because the analysis found nothing in it: `keep` takes it as written


@dataclass(frozen=True)
class Filled:
    fields: tuple[Field, ...]  # every question the coach asked, in its order
    finished: Finished | None  # the composed ask, when no field is open
    not_asked: tuple[Slot, ...]  # slots answered that the coach did not ask (the draft or another answer covers them)
    notes: tuple[str, ...]  # the coach's notes for the writer (answers cut, kept as written)


def fill(coach: Coach, state: State, answers: Mapping[Slot, str], keep: Collection[Slot] = ()) -> Filled:
    """Answer the coach's questions from `answers` (slot -> the writer's words). An empty answer
    skips an optional question and takes a needed one's default (the action's "call", a saved
    profile's roles), as pressing Enter does in the terminal. A slot in `keep` takes an answer the
    analysis does not recognise as written, as typing it a second time does in the terminal.

    The terminal asks for a role first and needs it unless the draft names a company or sector; a
    form is filled in any order, so a needed role, company or sector question left empty counts as
    skipped once another of the three is answered and taken (the coach's own rule: the ask has to
    name at least one)."""
    fields: list[Field] = []
    waiting: list[int] = []  # needed target questions left empty while another target slot has an answer
    while True:
        step = coach.next(state)
        if isinstance(step, Finished):
            break
        given = " ".join(answers.get(step.slot, "").split())
        if not given and (step.optional or not step.default):
            status: Status = "skipped" if step.optional else "open"
            if status == "open" and step.slot in TARGETS and any(answers.get(s, "").strip() for s in TARGETS):
                waiting.append(len(fields))
            fields.append(Field(step, "", status, False))
            state = _passed(state, step.slot)
            continue
        tried = coach.answer(state, given or step.default)
        if step.slot in keep and tried.unrecognised and step.slot not in tried.done:
            tried = coach.answer(tried, given)
        if step.slot in tried.done:
            fields.append(Field(step, given or step.default, "taken", False))
            state = tried
            continue
        asked_again = dataclasses.replace(step, note=tried.note)
        fields.append(Field(asked_again, given, "open", bool(tried.unrecognised)))
        state = _passed(tried, step.slot)
    if state.known.has_target():  # the ask names someone: the empty target questions were optional after all
        for index in waiting:
            question = dataclasses.replace(fields[index].question, optional=True)
            fields[index] = dataclasses.replace(fields[index], question=question, status="skipped")
    asked = {f.question.slot for f in fields}
    not_asked = tuple(slot for slot in answers if slot not in asked and answers[slot].strip())
    finished = step if all(f.status != "open" for f in fields) else None
    return Filled(tuple(fields), finished, not_asked, state.notes)


def _passed(state: State, slot: Slot) -> State:
    """The state with `slot` left behind, so the next question shows; an open slot keeps the
    form from composing (`fill` checks), so passing it never composes an ask without it."""
    return dataclasses.replace(state, done=state.done | {slot}, note="", unrecognised="")
