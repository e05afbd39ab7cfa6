"""POST /v1/coach: the coach's form (pitchlint.coach.form) for one draft and the writer's answers,
as JSON: every question asked with what became of its answer, and, once none is open, the
composed ask and the draft with it in place, judged before and after.

It runs on the lint thread (the coach reads answers with the pipeline). Nothing is saved: the
terminal coach can save answers in the writer's profile file; the server never writes a file.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from pitchlint.coach import SLOTS, Coach
from pitchlint.coach.form import Field, fill
from pitchlint.coach.session import ACTION_LABELS, Judged, Slot
from pitchlint.errors import PitchlintError
from pitchlint.reading.document import Document
from pitchlint.reading.read import make_document
from pitchlint.serve.requests import ApiError, CoachRequest

DRAFT_PATH = "draft.txt"  # a draft without a `path` is plain text, as the terminal coach takes it


def coached(request: CoachRequest) -> dict[str, Any]:
    record = request.message.record
    config = request.message.config
    if record.channel is not None:
        config = dataclasses.replace(config, force_channel=record.channel)
    coach = Coach(config)
    text = str(record.text)
    try:
        draft: Document | str = make_document(text, record.path or DRAFT_PATH) if text.strip() else ""
        state = coach.start(draft)
        answers: dict[Slot, str] = {slot: request.answers[slot] for slot in SLOTS if slot in request.answers}
        keep: set[Slot] = {slot for slot in SLOTS if slot in request.keep}
        filled = fill(coach, state, answers, keep)
    except PitchlintError as error:  # a draft the engine cannot take (bad front matter, a profile's template)
        raise ApiError(400, str(error)) from None
    finished = filled.finished
    return {
        "questions": [_question(field) for field in filled.fields],
        "open": [field.question.slot for field in filled.fields if field.status == "open"],
        "ask": finished.ask if finished else None,
        "text": finished.message if finished else None,
        "replaces": coach.replaced_ask(state),
        "before": _judged(state.draft.judged),
        "after": _judged(finished.after) if finished else None,
        "not_asked": list(filled.not_asked),
        "notes": list(filled.notes),
    }


def _question(field: Field) -> dict[str, Any]:
    question = field.question
    labels = ACTION_LABELS if question.slot == "action" else {}
    return {
        "slot": question.slot,
        "question": question.text,
        "example": question.example,
        "default": question.default,
        "choices": [{"value": choice, "label": labels.get(choice, choice)} for choice in question.choices],
        "optional": question.optional,
        "answer": field.answer,
        "status": field.status,
        "note": question.note,
        "unrecognised": field.unrecognised,
    }


def _judged(judged: Judged | None) -> dict[str, Any] | None:
    if judged is None:
        return None
    return {"verdict": judged.verdict, "score": judged.score, "reader_view": judged.reader_view,
            "rules": list(judged.rules)}
