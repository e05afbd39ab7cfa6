"""One emitter per output format, behind one interface, and the registry `--format` picks from.

As in ruff's message emitters: the command asks the registry for the format's emitter and hands
it what the run produced; it never asks which format it is. An emitter is told about each file as
it is linted (`file`, `error`), so the streaming formats print as they go, and about the whole run
at the end (`finish`), where the document formats (JSON, SARIF) and the totals print. Each method
returns the blocks to print, in order; nothing here writes.

This module imports no formatter: the registry names each emitter's module, loaded only when the
format is used, so `pitchlint --help` (which lists the formats) stays as light as click.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from pitchlint.checks.pack import Rule
    from pitchlint.engine.report import FileReport
    from pitchlint.errors import PitchlintError


@dataclass(frozen=True)
class EmitContext:
    """What an emitter knows before the run: how the front end wants it shown."""

    color: bool = False  # style the text for a terminal (emitters that style at all)
    quiet: bool = False  # only the files that fail: no totals
    cwd: str | None = None  # paths in CI formats are relative to this (default: the working directory)


@dataclass
class Run:
    """What an emitter is told at the end: every report and error, the rules that ran, the exit status."""

    reports: list[FileReport] = field(default_factory=list)
    errors: list[PitchlintError] = field(default_factory=list)
    rules: dict[str, Rule] = field(default_factory=dict)  # every rule that ran on some file
    exit_code: int | None = None


class Emitter:
    """The interface: every method may print nothing (an empty list)."""

    styles: ClassVar[bool] = False  # whether --color means anything to this format
    json_statistics: ClassVar[bool] = False  # --statistics prints JSON rather than a table

    def __init__(self, context: EmitContext | None = None) -> None:
        self.context = context or EmitContext()

    def file(self, report: FileReport) -> list[str]:
        """A file has been linted."""
        return []

    def error(self, error: PitchlintError) -> list[str]:
        """A file could not be linted."""
        return []

    def finish(self, run: Run) -> list[str]:
        """The run is over."""
        return []


# format name -> "module:class", in the order `--format` lists them
EMITTERS: Mapping[str, str] = {
    "text": "pitchlint.output.text:TextEmitter",
    "concise": "pitchlint.output.concise:ConciseEmitter",
    "json": "pitchlint.output.json:JsonEmitter",
    "sarif": "pitchlint.output.sarif:SarifEmitter",
    "github": "pitchlint.output.github:GithubEmitter",
}
FORMATS = tuple(EMITTERS)


def emitter_class(name: str) -> type[Emitter]:
    """The emitter of a format named in FORMATS."""
    module, _, attribute = EMITTERS[name].partition(":")
    emitter = getattr(importlib.import_module(module), attribute)
    if not (isinstance(emitter, type) and issubclass(emitter, Emitter)):
        raise TypeError(f"{EMITTERS[name]} is not an emitter")
    return emitter


def emitter_for(name: str, context: EmitContext | None = None, statistics: bool = False) -> Emitter:
    """The emitter for `--format NAME`, or for `--statistics` in that format's kind (JSON or a table)."""
    chosen = emitter_class(name)
    if statistics:
        from pitchlint.output.concise import StatisticsEmitter

        return StatisticsEmitter(context, as_json=chosen.json_statistics)
    return chosen(context)
