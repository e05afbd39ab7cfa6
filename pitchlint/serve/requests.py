"""A request body as the engine's input: JSON read within its size cap and checked field by field.

Errors are ApiError(status, message): 400 for input the engine cannot take (the field named),
413 over the size limit, 422 for JSON of the wrong shape. Nothing here echoes the draft back.
The coach's request is a message (its text may be empty: no draft yet) with the writer's answers.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from typing import Any

from pitchlint.coach import SLOTS
from pitchlint.config.settings import Config
from pitchlint.engine.records import Record
from pitchlint.errors import ConfigError
from pitchlint.reading.document import MAX_CHARACTERS
from pitchlint.terms import CHANNELS, Profile, parse_profile

MESSAGE_FIELDS = {"text", "channel", "profile", "path"}
COACH_FIELDS = {"answers", "keep"}
MAX_PATH_CHARACTERS = 1024


class ApiError(Exception):
    """What the client did wrong (or why it must wait), as a status and one sentence."""

    def __init__(self, status: int, message: str, retry_after: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after = retry_after


async def read_body(chunks: AsyncIterator[bytes], declared: str | None, limit: int) -> bytes:
    """The body, or 413 as soon as it is known to be over `limit` bytes (declared or counted)."""
    too_large = ApiError(413, f"the request body is over {limit:,} bytes; pitchlint reads messages of up to "
                              f"{MAX_CHARACTERS:,} characters")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise too_large
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise too_large
    return bytes(body)


def parse_json(body: bytes) -> Any:
    """The body as JSON, or 400 saying why it is not."""
    if not body.strip():
        raise ApiError(400, "the request body is empty; send a JSON object such as {\"text\": \"...\"}")
    try:
        return json.loads(body)
    except UnicodeDecodeError:
        raise ApiError(400, "the request body is not UTF-8 text; send a JSON object") from None
    except RecursionError:
        raise ApiError(400, "the request body is nested too deeply to be a message") from None
    except ValueError as exc:
        raise ApiError(400, f"the request body is not valid JSON ({exc})") from None


@dataclass(frozen=True)
class Message:
    """One message of a request, checked: a record for the engine and the configuration for it."""

    record: Record
    config: Config


def message(data: object, config: Config, where: str = "", *, extra: frozenset[str] = frozenset(),
            empty: bool = False) -> Message:
    """A message object ({"text", "channel"?, "profile"?, "path"?}) checked against its schema;
    `where` prefixes field names in errors (a batch's "messages[3]."). `extra` fields are let
    through for the caller to check; `empty` lets the text be blank."""
    if not isinstance(data, Mapping):
        raise ApiError(422, f"{where.rstrip('.') or 'the body'} must be a JSON object with a \"text\" field")
    unknown = sorted(set(data) - MESSAGE_FIELDS - extra)
    if unknown:
        known = ", ".join(sorted(MESSAGE_FIELDS | extra))
        raise ApiError(422, f"{where}{unknown[0]}: unknown field (known: {known})")
    text = data.get("text")
    if text is None:
        raise ApiError(422, f"{where}text: missing (the message to lint, a string)")
    if not isinstance(text, str):
        raise ApiError(422, f"{where}text: must be a string, not {_json_type(text)}")
    if len(text) > MAX_CHARACTERS:
        raise ApiError(413, f"{where}text: is {len(text):,} characters long; pitchlint reads messages of up to "
                            f"{MAX_CHARACTERS:,}")
    if not text.strip() and not empty:
        raise ApiError(400, f"{where}text: is empty")
    channel = _optional_string(data, "channel", where)
    if channel is not None and channel not in CHANNELS:
        raise ApiError(400, f"{where}channel: {channel!r} is not one of {', '.join(CHANNELS)}")
    path = _optional_string(data, "path", where)
    if path is not None and (not path.strip() or len(path) > MAX_PATH_CHARACTERS or "\x00" in path):
        raise ApiError(400, f"{where}path: must be a file name of 1 to {MAX_PATH_CHARACTERS} characters")
    if data.get("profile") is not None:
        config = dataclasses.replace(config, profile=config.profile.merged(_profile(data["profile"], where)))
    return Message(Record(text=text, path=path, channel=channel, where=path or f"{where}text".rstrip(".")), config)


@dataclass(frozen=True)
class CoachRequest:
    """POST /v1/coach: the draft (perhaps empty) and the writer's answers, slot by slot."""

    message: Message
    answers: dict[str, str]  # slot -> the writer's words
    keep: frozenset[str]  # slots whose unrecognised answer the writer keeps as written


def coach_request(data: object, config: Config) -> CoachRequest:
    """{"text", "channel"?, "profile"?, "path"?, "answers"?: {slot: text}, "keep"?: [slot]}."""
    checked = message(data, config, extra=frozenset(COACH_FIELDS), empty=True)
    assert isinstance(data, Mapping)
    answers = data.get("answers") or {}
    if not isinstance(answers, Mapping):
        raise ApiError(422, f"answers: must be an object (slot: answer), not {_json_type(answers)}")
    for slot, value in answers.items():
        if slot not in SLOTS:
            raise ApiError(422, f"answers.{slot}: unknown slot (known: {', '.join(SLOTS)})")
        if not isinstance(value, str):
            raise ApiError(422, f"answers.{slot}: must be a string, not {_json_type(value)}")
    keep = data.get("keep") or []
    if not isinstance(keep, list) or not all(isinstance(slot, str) for slot in keep):
        raise ApiError(422, "keep: must be a list of slot names")
    unknown = sorted(set(keep) - set(SLOTS))
    if unknown:
        raise ApiError(422, f"keep: {unknown[0]!r} is not a slot (known: {', '.join(SLOTS)})")
    return CoachRequest(checked, dict(answers), frozenset(keep))


def batch(data: object, config: Config, limit: int) -> list[Message]:
    """{"messages": [message, ...]} with 1 to `limit` messages."""
    if not isinstance(data, Mapping) or set(data) != {"messages"}:
        raise ApiError(422, "the body must be a JSON object with one field, \"messages\": a list of messages")
    items = data["messages"]
    if not isinstance(items, list):
        raise ApiError(422, f"messages: must be a list, not {_json_type(items)}")
    if not 1 <= len(items) <= limit:
        raise ApiError(413 if len(items) > limit else 400,
                       f"messages: has {len(items)} messages; send 1 to {limit} in one request")
    return [_batch_item(item, config, i) for i, item in enumerate(items)]


def _batch_item(data: object, config: Config, index: int) -> Message:
    """A batch's message; one the engine cannot take (empty, too long, an unknown channel) gets its
    error in its place, as in `pitchlint batch`, while a wrong shape refuses the whole request."""
    try:
        return message(data, config, f"messages[{index}].")
    except ApiError as error:
        if error.status == 422:
            raise
        where, _, reason = error.message.partition(": ")
        return Message(Record(where=where, error=reason), config)


def _optional_string(data: Mapping[str, object], field: str, where: str) -> str | None:
    value = data.get(field)
    if value is not None and not isinstance(value, str):
        raise ApiError(422, f"{where}{field}: must be a string, not {_json_type(value)}")
    return value


def _profile(value: object, where: str) -> Profile:
    if not isinstance(value, Mapping):
        raise ApiError(422, f"{where}profile: must be an object, not {_json_type(value)}")
    try:
        return parse_profile(dict(value), f"{where}profile")
    except ConfigError as error:  # names the key and what it must be
        raise ApiError(400, str(error)) from None


def _json_type(value: object) -> str:
    names = {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list",
             dict: "an object", type(None): "null"}
    return names.get(type(value), type(value).__name__)
