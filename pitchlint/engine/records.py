"""What one process does with a chunk of messages: make a document of each record, analyse them in
one `nlp.pipe` pass inside a spaCy memory zone, run the rules, and return a report or an error for
each record, in order. The API, `--jobs` workers and Dask workers all call `lint_records`.

The pipeline is built once per process (the engine's caches), never once per message or chunk.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pitchlint.config.settings import Config
from pitchlint.engine.core import Engine, engine_for
from pitchlint.engine.report import FileReport
from pitchlint.errors import ConfigError, InputError, PitchlintError
from pitchlint.reading.document import MAX_CHARACTERS, Document
from pitchlint.reading.read import make_document, read_document
from pitchlint.terms import parse_channel


@dataclass(frozen=True)
class Record:
    """One message to lint, as read from an input. `where` names it in errors ("in.jsonl:17")."""

    id: Any = None
    text: Any = None  # the message; anything but a non-empty string is an error for this record
    data: bytes | None = None  # a message file's bytes, read where the input is (workers may be elsewhere)
    path: Any = None  # the message's file name: its suffix picks Markdown or e-mail; "<text>" if none
    channel: Any = None  # email | linkedin-note | ...: like --channel, for this message only
    where: str = ""
    error: str | None = None  # why the input could not give this record (a malformed line)

    @property
    def name(self) -> str:
        return self.where or self.path or "<text>"


Result = FileReport | PitchlintError


def document_for(record: Record) -> Document:
    """The record as a document, or an InputError naming it and the reason."""
    if record.error:
        raise InputError(record.name, record.error)
    if record.path is not None and not isinstance(record.path, str):
        raise InputError(record.name, "the path is not a string")
    path = record.path or "<text>"
    if record.data is not None:
        return read_document(path, record.data)
    if not isinstance(record.text, str):
        kind = "missing" if record.text is None else f"not a string (got {type(record.text).__name__})"
        raise InputError(record.name, f"the text is {kind}")
    if not record.text.strip():
        raise InputError(record.name, "the text is empty")
    if len(record.text) > 4 * MAX_CHARACTERS:  # do not even decode a book's front matter
        raise _too_long(record, len(record.text))
    document = make_document(record.text, path)
    if len(document.text) > MAX_CHARACTERS:  # the text linted: e-mail attachments do not count
        raise _too_long(record, len(document.text))
    return document


def _too_long(record: Record, size: int) -> InputError:
    return InputError(record.name, f"is {size:,} characters long; pitchlint reads messages of up to {MAX_CHARACTERS:,}")


def config_for_record(config: Config, record: Record) -> Config:
    if record.channel is None:
        return config
    if not isinstance(record.channel, str):
        raise InputError(record.name, "the channel is not a string")
    try:
        channel = parse_channel(record.channel, record.name)
    except ConfigError as error:  # the message's own setting, as a bad front-matter channel is
        raise InputError(record.name, error.reason) from None
    return dataclasses.replace(config, force_channel=channel)


def lint_records(config: Config, records: list[Record]) -> list[Result]:
    """A report or an error for each record, in order; one failing message never hides the others."""
    results: list[Result | None] = [None] * len(records)
    todo: list[tuple[int, Document, Engine]] = []
    for i, record in enumerate(records):
        try:
            document = document_for(record)
            todo.append((i, document, engine_for(config_for_record(config, record))))
        except PitchlintError as error:
            results[i] = error
    if todo:  # one memory zone for the chunk (it also keeps a Dask worker's threads off the
        # pipeline at the same time): what its messages add to spaCy's vocabulary goes after it
        with todo[0][2].memory_zone(len(todo)):
            for i, report in _lint(todo, records):
                results[i] = report
    return [r if r is not None else PitchlintError(records[i].name, "was not linted") for i, r in enumerate(results)]


def _lint(todo: list[tuple[int, Document, Engine]], records: list[Record]) -> Iterator[tuple[int, Result]]:
    if not todo:
        return
    documents = [document for _, document, _ in todo]
    try:  # every engine in a chunk shares the pipeline: only the channel differs
        analyses = list(todo[0][2].analyze(documents))
    except Exception as exc:  # one message broke the batch: analyse each alone, so only it gets the error
        if len(todo) == 1:
            yield todo[0][0], _internal(records[todo[0][0]], exc)
        else:
            for item in todo:
                yield from _lint([item], records)
        return
    for (i, document, engine), analysis in zip(todo, analyses, strict=True):
        try:
            yield i, engine.check(document, analysis)
        except PitchlintError as error:  # e.g. a front-matter channel that is not one
            yield i, error
        except Exception as exc:
            yield i, _internal(records[i], exc)


def _internal(record: Record, exc: Exception) -> PitchlintError:
    return PitchlintError(record.name, f"internal error while linting: {type(exc).__name__}: {exc}")


def worker_version() -> str:
    """The pitchlint version a worker runs (Dask checks every worker before a run)."""
    from pitchlint.version import __version__

    return __version__
