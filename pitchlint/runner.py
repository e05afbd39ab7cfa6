"""Linting many files: expand directories, read each message, find its configuration, and run the
engine in batches so spaCy's `nlp.pipe` does the work. Bad files become errors, not exceptions."""

from __future__ import annotations

import dataclasses
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

from pitchlint.config import Config, config_for, load_config_file
from pitchlint.document import Document, read_document
from pitchlint.engine import FileReport, engine_for
from pitchlint.errors import PitchlintError

MESSAGE_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ".eml", ".mbox", ".mail"}
BATCH = 64


def expand(paths: list[str]) -> Iterator[str]:
    """Files as given; a directory contributes the text, Markdown and e-mail files under it."""
    for raw in paths:
        if not raw.strip():
            yield raw  # reported as an empty file name, not read as "."
            continue
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = sorted(
                p for p in path.rglob("*")
                if p.is_file() and p.suffix.lower() in MESSAGE_SUFFIXES
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                yield raw  # reported as "a directory with no messages"
            yield from (str(p) for p in found)
        else:
            yield raw


Source = tuple[str, Callable[[], Document], Callable[[], Config]]  # (path, read it, its config)


def lint_paths(paths: list[str], config_path: str | None = None, stdin: bytes | None = None,
               channel: str | None = None) -> Iterator[tuple[str, FileReport | PitchlintError, Config | None]]:
    """Yield (path, report or error, config) for every file, in the order given. `channel`
    (from --channel) overrides every file's configuration and front matter."""
    explicit = load_config_file(Path(config_path).resolve()) if config_path else None

    def configure(path: str) -> Config:
        config = explicit or config_for(None if path == "-" else path)
        return dataclasses.replace(config, force_channel=channel) if channel else config

    def source(path: str) -> Source:
        def read() -> Document:
            if not path.strip():
                raise PitchlintError(repr(path), "an empty file name")
            if path == "-":
                return read_document("<stdin>", stdin if stdin is not None else sys.stdin.buffer.read())
            if Path(path).is_dir():
                raise PitchlintError(path, "is a directory with no text, Markdown or e-mail files")
            return read_document(path)

        return path, read, lambda: configure(path)

    return lint_sources(source(p) for p in expand(paths))


def lint_sources(sources: Iterable[Source]) -> Iterator[tuple[str, FileReport | PitchlintError, Config | None]]:
    """Lint documents in order, batching neighbours that share a configuration through
    spaCy's `nlp.pipe`. A source that cannot be read or configured yields its error."""
    pending: list[tuple[str, Document, Config]] = []

    def flush():
        if not pending:
            return
        config = pending[0][2]
        documents = [d for _, d, _ in pending]
        for (path, _, _), report in zip(pending, engine_for(config).lint_documents(documents), strict=True):
            yield path, report, config
        pending.clear()

    for path, read, configure in sources:
        try:
            document = read()
            config = configure()
            engine_for(config)  # surfaces configuration errors for this file now
        except PitchlintError as error:
            yield from flush()
            yield path, error, None
            continue
        if pending and (pending[0][2] != config or len(pending) >= BATCH):
            yield from flush()
        pending.append((path, document, config))
    yield from flush()
