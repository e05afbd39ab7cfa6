"""`pitchlint check`: lint the files, print the report in the chosen format, and exit 0, 1 or 2.

Kept out of commands.py, which only declares the options, so the flow reads in one place.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING

import click

from pitchlint.cli.options import say_error
from pitchlint.errors import PitchlintError, one_line

if TYPE_CHECKING:
    from pitchlint.config.settings import Config
    from pitchlint.engine.files import RunOptions
    from pitchlint.engine.report import FileReport


@dataclass
class CheckOptions:
    output_format: str = "text"
    color: bool = False
    quiet: bool = False  # only the files that fail, no totals
    exit_zero: bool = False  # findings do not fail the run (errors still exit 2)
    statistics: bool = False  # a count per rule instead of the findings
    output_file: str | None = None


def use_color(option: bool | None, stream_is_terminal: bool) -> bool:
    """--color/--no-color, else NO_COLOR (when set and not empty) turns colour off, FORCE_COLOR
    (when set and not empty) turns it on, else colour on a terminal."""
    if option is not None:
        return option
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return stream_is_terminal


def why_it_fails(report: FileReport, config: Config) -> str | None:
    """The reason a failing file fails when no finding says it: its score is under the threshold."""
    if report.has_finding_at(config.fail_on):
        return None
    return f"{one_line(report.path)}: score {report.score.total}/100 is under fail-under {config.fail_under}"


def run_check(files: list[str], options: CheckOptions, run: RunOptions) -> int:
    try:
        out = open(options.output_file, "w", encoding="utf-8") if options.output_file else None  # noqa: SIM115
    except OSError as exc:
        click.echo(f"pitchlint: {options.output_file}: cannot write the report ({exc.strerror or exc})", err=True)
        return 2
    try:
        return _check(files, options, run, out)
    finally:
        if out is not None:
            out.close()


def _check(files: list[str], options: CheckOptions, run: RunOptions, out: IO[str] | None) -> int:
    from pitchlint.engine.core import engine_for
    from pitchlint.engine.files import lint_paths
    from pitchlint.output.emitters import EmitContext, Run, emitter_for

    emitter = emitter_for(options.output_format, EmitContext(color=options.color, quiet=options.quiet),
                          statistics=options.statistics)

    def emit(blocks: list[str]) -> None:
        for text in blocks:
            click.echo(text, file=out, color=options.color)

    many = len(files) > 1 or any(os.path.isdir(f) for f in files)
    show_progress = many and sys.stderr.isatty() and not options.quiet
    done, failed = Run(), False
    try:
        for n, (_path, result, config) in enumerate(lint_paths(list(files), options=run), 1):
            if show_progress:
                click.echo(f"\rlinted {n} file(s)", err=True, nl=False)
            if isinstance(result, PitchlintError):
                done.errors.append(result)
                if show_progress:
                    click.echo("", err=True)
                click.echo(f"pitchlint: {result}", err=True)
                emit(emitter.error(result))
                continue
            done.reports.append(result)
            assert config is not None  # a report comes with the configuration it was linted with
            for rule_id, rule in engine_for(config).rules.items():
                done.rules.setdefault(rule_id, rule)
            fails = result.fails(config)
            failed = failed or fails
            if fails and (reason := why_it_fails(result, config)):
                click.echo(f"pitchlint: {reason}", err=True)
            for problem in result.internal_errors:  # not checked in full: exit 2, said on stderr too
                click.echo(f"pitchlint: {one_line(result.path)}: internal error: {problem}", err=True)
            if options.quiet and not fails and not result.internal_errors:
                continue
            emit(emitter.file(result))
    except PitchlintError as error:  # a configuration given with --config that is not valid
        say_error(error)
        return 2
    finally:
        if show_progress:
            click.echo("", err=True)
    incomplete = any(r.internal_errors for r in done.reports)  # a rule or template failed
    done.exit_code = 2 if done.errors or incomplete else 1 if failed and not options.exit_zero else 0
    emit(emitter.finish(done))
    return done.exit_code
