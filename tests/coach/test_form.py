"""The coach as one form (pitchlint.coach.form): every open question at once, answers in any
order, and an answer the coach would ask again keeps the ask from being composed."""

from __future__ import annotations

import pytest

from pitchlint.coach import Coach
from pitchlint.coach.form import fill

CATTLE_CALL = "I'm ready for a change. If you know of anything, send it my way. Any leads at all would help."


@pytest.fixture(scope="module")
def coach() -> Coach:
    return Coach()


def statuses(filled) -> list[tuple[str, str]]:
    return [(field.question.slot, field.status) for field in filled.fields]


def test_an_empty_form_lists_every_question_the_draft_leaves_open(coach):
    filled = fill(coach, coach.start(CATTLE_CALL), {})
    assert statuses(filled) == [("roles", "open"), ("companies", "open"), ("sectors", "open"),
                                ("reason", "skipped"), ("action", "taken")]
    assert filled.finished is None


def test_a_company_alone_is_enough_in_a_form(coach):
    filled = fill(coach, coach.start(CATTLE_CALL), {"companies": "REI or Patagonia"})
    assert statuses(filled) == [("roles", "skipped"), ("companies", "taken"), ("reason", "skipped"),
                                ("action", "taken")]
    assert filled.fields[0].question.optional  # once a company is taken, the role question was optional
    assert filled.finished is not None
    assert filled.finished.ask == ("Do you know someone at REI or Patagonia who might talk with me for 20 minutes? "
                                   "I'd be grateful for an introduction.")


def test_a_refused_optional_answer_keeps_the_ask_from_being_composed(coach):
    filled = fill(coach, coach.start(CATTLE_CALL), {"roles": "data analysts", "reason": "no"})
    reason = filled.fields[[f.question.slot for f in filled.fields].index("reason")]
    assert reason.status == "open" and reason.answer == "no"
    assert reason.question.note.startswith("A reason is a sentence a reader could repeat")
    assert filled.finished is None


def test_keep_takes_an_unrecognised_answer_as_written(coach):
    state = coach.start(CATTLE_CALL)
    asked = fill(coach, state, {"roles": "blorptastic wizards of yore"})
    assert asked.fields[0].status == "open" and asked.fields[0].unrecognised and asked.finished is None
    kept = fill(coach, state, {"roles": "blorptastic wizards of yore"}, keep={"roles"})
    assert kept.fields[0].status == "taken" and kept.finished is not None
    assert "blorptastic wizards of yore" in kept.finished.ask
    assert kept.notes == ('Kept "blorptastic wizards of yore" as you wrote it.',)
