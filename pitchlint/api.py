"""pitchlint's Python API: lint one message or many, and load a configuration the way the CLI does.

    import pitchlint
    report = pitchlint.lint_text("If you know anyone, send them my way.")
    report.verdict, report.score.total, report.to_dict()   # to_dict(): the per-file JSON of --format json

Everything here is typed (the package ships py.typed; CI runs mypy --strict on this module).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any, TypeAlias

from pitchlint.config.settings import Config, find_config, load_config_file, parse_config
from pitchlint.engine.core import active_rules
from pitchlint.engine.records import Record, Result, lint_records
from pitchlint.engine.report import FileReport
from pitchlint.errors import PitchlintError

ConfigSource: TypeAlias = Config | Mapping[str, Any] | str | os.PathLike[str] | None
"""A Config; a plain dict with the keys of `.pitchlint.toml`; the path of a configuration file;
or None for the built-in defaults."""

Message: TypeAlias = str | Mapping[str, Any]
"""A message's text, or a record with a "text" key and optional "path" and "channel" keys."""

__all__ = ["ConfigSource", "Message", "lint_many", "lint_text", "load_config"]


def load_config(source: ConfigSource = None, *,
                base: str | os.PathLike[str] | None = None) -> Config:
    """A configuration, checked as the CLI checks it (a bad key or value raises ConfigError).

    - a path: that `.pitchlint.toml` or `pyproject.toml` (its `[tool.pitchlint]` table);
    - a mapping: the same keys as `.pitchlint.toml` (e.g. {"ignore": ["buried-ask"]}); paths in it
      (`packs`, `templates`) are relative to `base` (default: the current folder);
    - None: the configuration the CLI would use for standard input (the nearest to `base` or the
      current folder, else the defaults).
    """
    if isinstance(source, Config):
        return source
    if isinstance(source, Mapping):
        folder = Path(base) if base is not None else Path.cwd()
        config = parse_config(dict(source), "configuration", folder)
    elif source is not None:
        config = load_config_file(Path(source).resolve())
    else:
        config = find_config((Path(base) if base is not None else Path.cwd()).resolve())
    active_rules(config)  # rule ids and packs checked now, not when the first message is linted
    return config


def _config(source: ConfigSource) -> Config:
    return Config() if source is None else load_config(source)


def lint_text(text: str, *, path: str | None = None, channel: str | None = None,
              config: ConfigSource = None) -> FileReport:
    """Lint one message. `path` names it in the report (its suffix picks Markdown or e-mail);
    `channel` sets where it goes (as --channel); `config` defaults to the built-in configuration.
    Raises InputError when the text cannot be linted (empty, over the size limit)."""
    return _raised(lint_records(_config(config), [Record(text=text, path=path, channel=channel)])[0])


def lint_many(messages: Iterable[Message],
              config: ConfigSource = None, *,
              batch_size: int = 64, n_process: int = 1) -> Iterator[FileReport]:
    """Lint many messages, yielding one report per message in input order; the same reports as
    `lint_text` on each alone. Messages are read lazily, `batch_size` at a time; `n_process` > 1
    spreads batches over that many processes (spawned: guard your script's entry point with
    `if __name__ == "__main__":`). A message that cannot be linted raises InputError when its
    turn comes, naming it ("message 3", or its path)."""
    if batch_size < 1 or n_process < 1:
        raise ValueError("batch_size and n_process must be at least 1")
    from pitchlint.engine.executors import InProcess, LocalPool, in_order

    chosen = _config(config)
    records = (_record(i, message) for i, message in enumerate(messages, 1))
    batches = iter(lambda: list(islice(records, batch_size)), [])
    executor = LocalPool(n_process) if n_process > 1 else InProcess()

    def lost(batch: list[Record], exc: BaseException) -> list[Result]:
        raise PitchlintError(batch[0].name, f"the process linting it was lost ({exc})")

    try:
        for results in in_order(executor, lint_records, chosen, batches, lost):
            for result in results:
                yield _raised(result)
    finally:
        executor.close()


def _record(number: int, message: Message) -> Record:
    where = f"message {number}"
    if isinstance(message, str):
        return Record(text=message, where=where)
    if not isinstance(message, Mapping):
        return Record(where=where, error=f"is a {type(message).__name__}, not a string or a mapping")
    path = message.get("path")
    return Record(id=message.get("id"), text=message.get("text"), path=path, channel=message.get("channel"),
                  where=path if isinstance(path, str) and path else where)


def _raised(result: Result) -> FileReport:
    if isinstance(result, PitchlintError):
        raise result
    return result

