"""Linting many files: expand directories, read each message, find its configuration, and run the
engine in batches so spaCy's `nlp.pipe` does the work. Bad files become errors, not exceptions."""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from pitchlint.config.discovery import FileSettings
from pitchlint.config.settings import Config, config_for
from pitchlint.engine.core import engine_for
from pitchlint.engine.report import FileReport
from pitchlint.errors import InputError, PitchlintError
from pitchlint.reading.document import Document, read_limited
from pitchlint.reading.read import read_document

BATCH = 64


@dataclass(frozen=True)
class RunOptions:
    """What the command line says over every file's configuration."""

    config_path: str | None = None  # --config: this file instead of the nearest one
    isolated: bool = False  # --isolated: no configuration file at all
    force_exclude: bool = False  # --force-exclude: `exclude` applies to files named, too
    stdin_filename: str | None = None  # --stdin-filename: standard input has this path's kind and config
    overrides: tuple[tuple[str, object], ...] = ()  # Config fields set on the command line
    warn: Callable[[str], None] = field(default=lambda message: None, compare=False)

    def base_config(self, path: str | None) -> Config:
        if self.isolated:
            return Config()
        return config_for(None if path in (None, "-") else path, self.config_path)

    def configure(self, path: str) -> Config:
        if path == "-" and self.stdin_filename:
            path = self.stdin_filename
        config = self.base_config(path)
        # field name -> value: each value has its own Config field's type, so the dict's is Any
        overrides: dict[str, Any] = dict(self.overrides)
        if "extend_select" in overrides:
            overrides["extend_select"] = config.extend_select + overrides["extend_select"]
        if "ignore" in overrides:
            overrides["ignore"] = config.ignore + overrides["ignore"]
        return dataclasses.replace(config, **overrides) if overrides else config


def expand(paths: list[str], options: RunOptions | None = None) -> Iterator[str]:
    """Files as given (unless --force-exclude drops one); a directory contributes the message
    files under it that `include` names, less what is hidden, git-ignored or excluded."""
    from pitchlint.config.discovery import walk

    options = options or RunOptions()

    def settings_for(folder: Path) -> tuple[FileSettings, str | None]:
        config = options.base_config(str(folder / "_"))
        return config.files, config.root

    for raw in paths:
        if not raw.strip():
            yield raw  # reported as an empty file name, not read as "."
            continue
        path = Path(raw)
        if raw != "-" and path.is_dir():
            found = list(walk(path, settings_for, options.warn))
            if not found:
                yield raw  # reported as "a directory with no messages"
            yield from (_as_given(p, raw) for p in found)
            continue
        named = options.stdin_filename if raw == "-" else raw
        if named and _force_dropped(named, options):
            continue
        yield raw


def _force_dropped(named: str, options: RunOptions) -> bool:
    """Whether a file named on the command line is dropped by --force-exclude (or the
    configuration's `force-exclude = true`) because `exclude` names it, as ruff does."""
    from pitchlint.config.discovery import force_excluded

    try:
        config = options.configure(named)
    except PitchlintError:
        return False  # the configuration error is reported when the file is linted
    return (options.force_exclude or config.files.force_exclude) and force_excluded(Path(named), config.files, config.root)


def _as_given(found: Path, top: str) -> str:
    """A file found in a walk, spelt from the folder as the user typed it."""
    try:
        return str(Path(top) / found.relative_to(Path(top).resolve()))
    except ValueError:
        return str(found)


def shown(path: str) -> str:
    """A path as reports show it: a file name that is not UTF-8 gets backslash escapes, so JSON
    and SARIF stay valid UTF-8."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


# A file not read yet: (its path, how to read it, how to find its configuration)
PendingFile = tuple[str, Callable[[], Document], Callable[[], Config]]
PathResult = tuple[str, FileReport | PitchlintError, Config | None]  # (path, report or error, its config)


def lint_paths(paths: list[str], config_path: str | None = None, stdin: bytes | None = None,
               channel: str | None = None, options: RunOptions | None = None,
               ) -> Iterator[PathResult]:
    """Yield (path, report or error, config) for every file, in the order given. `channel`
    (from --channel) overrides every file's configuration and front matter."""
    options = options or RunOptions()
    if config_path:
        options = dataclasses.replace(options, config_path=config_path)
    if channel:
        options = dataclasses.replace(options, overrides=options.overrides + (("force_channel", channel),))
    if options.config_path:
        config_for(None, options.config_path)  # a bad --config file is an error before any file

    def source(path: str) -> PendingFile:
        name = shown(path)

        def read() -> Document:
            if not path.strip():
                raise PitchlintError(repr(path), "an empty file name")
            if path == "-":
                stdin_name = options.stdin_filename or "<stdin>"
                data = stdin if stdin is not None else read_limited(sys.stdin.buffer, stdin_name)
                return read_document(stdin_name, data)
            if Path(path).is_dir():
                if not os.access(path, os.R_OK | os.X_OK):
                    raise InputError(name, "is a folder that cannot be read (permission denied): "
                                           "the messages in it were not linted")
                raise InputError(name, "is a directory with no text, Markdown or e-mail files")
            try:
                document = read_document(path)
            except PitchlintError as error:
                if name == path:
                    raise
                raise type(error)(shown(error.path), error.reason) from None
            document.path = name
            return document

        return name, read, lambda: options.configure(path)

    return lint_pending(source(p) for p in expand(paths, options))


def lint_pending(sources: Iterable[PendingFile]) -> Iterator[PathResult]:
    """Lint documents in order, batching neighbours that share a configuration through
    spaCy's `nlp.pipe`. A source that cannot be read or configured yields its error."""
    pending: list[tuple[str, Document, Config]] = []

    def flush() -> Iterator[PathResult]:
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
