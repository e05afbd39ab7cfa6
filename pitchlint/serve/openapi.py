"""The API's OpenAPI 3.1 document, written by hand from the request checks (requests.py) and the
JSON contract (docs/cli.md, "JSON output"); tests/serve checks answers against it."""

from __future__ import annotations

from typing import Any

from pitchlint.coach import SLOTS
from pitchlint.reading.document import MAX_CHARACTERS
from pitchlint.terms import CHANNELS, PROFILE_KEYS
from pitchlint.version import __version__

STRINGS = {"type": "array", "items": {"type": "string"}}

MESSAGE_PROPERTIES: dict[str, Any] = {
    "text": {"type": "string", "minLength": 1, "maxLength": MAX_CHARACTERS,
             "description": "The draft: plain text, Markdown or an e-mail (picked by `path`'s suffix)."},
    "channel": {"type": "string", "enum": list(CHANNELS), "description": "Where it goes, as --channel."},
    "profile": {"type": "object", "description": "The writer's profile for rewrites, over the server's "
                f"configured one (keys: {', '.join(sorted(PROFILE_KEYS))})."},
    "path": {"type": "string", "description": "A name for the message in the report; its suffix picks "
                                              "Markdown (.md) or e-mail (.eml). No file is read."},
}

MESSAGE = {"type": "object", "required": ["text"], "additionalProperties": False, "properties": MESSAGE_PROPERTIES}

ENTITY = {
    "type": "object",
    "required": ["label", "text", "start", "end"],
    "properties": {"label": {"type": "string"}, "text": {"type": "string"}, "start": {"type": "integer"},
                   "end": {"type": "integer"}, "in_ask": {"type": "boolean"}, "statement": {"type": ["string", "null"]}},
}

FINDING = {
    "type": "object",
    "required": ["rule", "severity", "message", "line", "column", "end_line", "end_column", "start", "end",
                 "suggestion"],
    "properties": {
        "rule": {"type": "string"}, "severity": {"type": "string"}, "message": {"type": "string"},
        "line": {"type": "integer"}, "column": {"type": "integer"},
        "end_line": {"type": "integer"}, "end_column": {"type": "integer"},
        "start": {"type": "integer", "description": "Character (code point) offset into the text."},
        "end": {"type": "integer"}, "suggestion": {"type": ["string", "null"]},
        "fix": {"type": "object", "required": ["start", "end", "replacement"],
                "properties": {"start": {"type": "integer"}, "end": {"type": "integer"},
                               "replacement": {"type": "string"}}},
    },
}

FILE_REPORT = {
    "type": "object",
    "description": "Exactly one element of `files` in `pitchlint --format json`.",
    "required": ["path", "verdict", "score", "breakdown", "entities", "targets", "reader_view", "asks",
                 "findings", "notes", "internal_errors"],
    "properties": {
        "path": {"type": "string"},
        "verdict": {"type": "string", "enum": ["specific", "vague"]},
        "score": {"type": "integer", "minimum": 0, "maximum": 100},
        "breakdown": {"type": "object", "additionalProperties": {"type": "integer"}},
        "entities": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
        "targets": {"type": "array", "items": {"$ref": "#/components/schemas/Entity"}},
        "reader_view": {"type": "string"},
        "asks": {"type": "array", "items": {"type": "object"}},
        "findings": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}},
        "notes": STRINGS,
        "internal_errors": STRINGS,
    },
}

ERROR = {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}}

COACH_REQUEST = {
    "type": "object",
    "required": ["text"],
    "additionalProperties": False,
    "properties": {
        **MESSAGE_PROPERTIES,
        "text": {"type": "string", "maxLength": MAX_CHARACTERS,
                 "description": "The draft; empty to write an ask from the answers alone."},
        "answers": {"type": "object", "additionalProperties": False,
                    "properties": {slot: {"type": "string"} for slot in SLOTS},
                    "description": "The writer's answer to each question, by slot. An empty or missing one skips "
                                   "an optional question and takes a needed one's default."},
        "keep": {"type": "array", "items": {"type": "string", "enum": list(SLOTS)},
                 "description": "Slots whose answer the coach did not recognise (`unrecognised`) and the writer "
                                "keeps as written."},
    },
}

JUDGED = {
    "type": ["object", "null"],
    "required": ["verdict", "score", "reader_view", "rules"],
    "properties": {"verdict": {"type": "string", "enum": ["specific", "vague"]},
                   "score": {"type": "integer", "minimum": 0, "maximum": 100},
                   "reader_view": {"type": "string"}, "rules": STRINGS},
}

COACH_QUESTION = {
    "type": "object",
    "required": ["slot", "question", "example", "default", "choices", "optional", "answer", "status", "note",
                 "unrecognised"],
    "properties": {
        "slot": {"type": "string", "enum": list(SLOTS)},
        "question": {"type": "string"}, "example": {"type": "string"},
        "default": {"type": "string", "description": "What an empty answer takes (\"\" for none)."},
        "choices": {"type": "array", "items": {"type": "object", "required": ["value", "label"],
                                               "properties": {"value": {"type": "string"},
                                                              "label": {"type": "string"}}}},
        "optional": {"type": "boolean"},
        "answer": {"type": "string", "description": "The answer given (or the default taken)."},
        "status": {"type": "string", "enum": ["taken", "skipped", "open"]},
        "note": {"type": "string", "description": "Why the answer was not taken (\"\" when it was or none was given)."},
        "unrecognised": {"type": "boolean", "description": "Not taken only because pitchlint does not recognise "
                                                           "it: send the slot in `keep` to take it as written."},
    },
}

COACH_ANSWER = {
    "type": "object",
    "required": ["questions", "open", "ask", "text", "replaces", "before", "after", "not_asked", "notes"],
    "properties": {
        "questions": {"type": "array", "items": {"$ref": "#/components/schemas/CoachQuestion"},
                      "description": "Every question the coach asked, in its order."},
        "open": {"type": "array", "items": {"type": "string"}, "description": "The slots still needing an answer."},
        "ask": {"type": ["string", "null"], "description": "The composed ask; null while a question is open."},
        "text": {"type": ["string", "null"], "description": "The draft with the ask in place."},
        "replaces": {"type": "string", "description": "The draft's words the ask replaces (\"\" when it adds one)."},
        "before": {"$ref": "#/components/schemas/Judged"},
        "after": {"$ref": "#/components/schemas/Judged"},
        "not_asked": STRINGS,
        "notes": STRINGS,
    },
}


def _errors(*statuses: int) -> dict[str, Any]:
    said = {400: "Input the engine cannot take; the message names the field.",
            401: "The server has a token and the request did not carry it.",
            413: "Over the size limit (the body, a text, or the batch's count).",
            422: "JSON of the wrong shape; the message names the field.",
            503: "Busy or over the time budget; see Retry-After."}
    return {str(s): {"description": said[s], "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
            for s in statuses}


def _post(summary: str, request: dict[str, Any], answer: dict[str, Any]) -> dict[str, Any]:
    return {"post": {
        "summary": summary,
        "requestBody": {"required": True, "content": {"application/json": {"schema": request}}},
        "responses": {"200": {"description": "OK", "content": {"application/json": {"schema": answer}}},
                      **_errors(400, 401, 413, 422, 503)},
    }}


def openapi_document(batch_limit: int, token: bool) -> dict[str, Any]:
    message_ref = {"$ref": "#/components/schemas/Message"}
    document: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "pitchlint", "version": __version__,
                 "description": "Lint networking asks: the same engine and JSON as `pitchlint --format json`."},
        "paths": {
            "/v1/lint": _post("Lint one message", message_ref, {"$ref": "#/components/schemas/FileReport"}),
            "/v1/lint/batch": _post(
                f"Lint 1 to {batch_limit} messages, answered in order",
                {"type": "object", "required": ["messages"], "additionalProperties": False,
                 "properties": {"messages": {"type": "array", "minItems": 1, "maxItems": batch_limit,
                                             "items": message_ref}}},
                {"type": "object", "required": ["results"], "properties": {"results": {"type": "array", "items": {
                    "oneOf": [{"$ref": "#/components/schemas/FileReport"}, {"$ref": "#/components/schemas/Error"}]}}}}),
            "/v1/suggest": _post(
                "The message with each fixable ask rewritten", message_ref,
                {"type": "object", "required": ["text", "applied", "skipped", "hints"],
                 "properties": {"path": {"type": "string"}, "text": {"type": "string"},
                                "applied": {"type": "integer"}, "skipped": {"type": "integer"},
                                "hints": STRINGS, "notes": STRINGS}}),
            "/v1/coach": _post(
                "The coach's questions for a draft, and the ask composed from the writer's answers",
                {"$ref": "#/components/schemas/CoachRequest"}, {"$ref": "#/components/schemas/CoachAnswer"}),
            "/healthz": {"get": {"summary": "Whether the server answers, and how many requests it holds",
                                 "responses": {"200": {"description": "OK"}}}},
        },
        "components": {"schemas": {"Message": MESSAGE, "FileReport": FILE_REPORT, "Entity": ENTITY,
                                   "Finding": FINDING, "Error": ERROR, "CoachRequest": COACH_REQUEST,
                                   "CoachQuestion": COACH_QUESTION, "CoachAnswer": COACH_ANSWER, "Judged": JUDGED}},
    }
    if token:
        document["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
        for path, item in document["paths"].items():
            if path.startswith("/v1/"):
                item["post"]["security"] = [{"bearer": []}]
    return document
