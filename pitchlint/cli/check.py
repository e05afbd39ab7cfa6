"""`pitchlint check`: lint the files, print the report in the chosen format, and exit 0, 1 or 2.

Kept out of cli.py, which only declares the options, so the flow reads in one place.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass

import click

from pitchlint.engine.files import RunOptions
from pitchlint.errors import PitchlintError


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


def why_it_fails(report, config) -> str | None:
    """The reason a failing file fails when no finding says it: its score is under the threshold."""
    from pitchlint.terms import severity_rank

    threshold = severity_rank(config.fail_on)
    if any(severity_rank(f.severity) >= threshold for f in report.findings):
        return None
    return f"{report.path}: score {report.score.total}/100 is under fail-under {config.fail_under}"


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


def _check(files: list[str], options: CheckOptions, run: RunOptions, out) -> int:
    from pitchlint.engine.files import lint_paths
    from pitchlint.output import report as reporting

    def emit(text: str) -> None:
        click.echo(text, file=out, color=options.color)

    fmt = options.output_format
    many = len(files) > 1 or any(os.path.isdir(f) for f in files)
    show_progress = many and sys.stderr.isatty() and not options.quiet
    reports, errors, failed, rules_run = [], [], False, {}
    try:
        for n, (_path, result, config) in enumerate(lint_paths(list(files), options=run), 1):
            if show_progress:
                click.echo(f"\rlinted {n} file(s)", err=True, nl=False)
            if isinstance(result, PitchlintError):
                errors.append(result)
                if show_progress:
                    click.echo("", err=True)
                click.echo(f"pitchlint: {result}", err=True)
                if fmt == "github" and not options.statistics:
                    from pitchlint.output.github import render_error

                    emit(render_error(result))
                continue
            reports.append(result)
            from pitchlint.engine.core import engine_for

            for rule_id, rule in engine_for(config).rules.items():
                rules_run.setdefault(rule_id, rule)
            fails = result.fails(config)
            failed = failed or fails
            if fails and (reason := why_it_fails(result, config)):
                click.echo(f"pitchlint: {reason}", err=True)
            for problem in result.internal_errors:  # not checked in full: exit 2, said on stderr too
                click.echo(f"pitchlint: {result.path}: internal error: {problem}", err=True)
            if options.statistics or (options.quiet and not fails and not result.internal_errors):
                continue
            if fmt == "text":
                emit(reporting.render_text(result, color=options.color))
            elif fmt == "concise":
                from pitchlint.output.concise import render_concise

                for line in render_concise(result):
                    emit(line)
            elif fmt == "github":
                from pitchlint.output.github import render_file

                for line in render_file(result):
                    emit(line)
    except PitchlintError as error:  # a configuration given with --config that is not valid
        click.echo(f"pitchlint: {error}", err=True)
        return 2
    finally:
        if show_progress:
            click.echo("", err=True)
    incomplete = any(r.internal_errors for r in reports)  # a rule or template failed
    status = 2 if errors or incomplete else 1 if failed and not options.exit_zero else 0
    if options.statistics:
        from pitchlint.output.concise import render_statistics

        summaries = {rule_id: rule.summary for rule_id, rule in rules_run.items()}
        emit(render_statistics(reports, summaries, as_json=fmt == "json"))
    elif fmt == "json":
        emit(reporting.render_json(reports, errors))
    elif fmt == "sarif":
        from pitchlint.output.artifacts import read_artifact
        from pitchlint.output.sarif import render_sarif

        sources = {r.path: read_artifact(r.path) for r in reports}
        emit(render_sarif(reports, errors, rules_run, sources, exit_code=status))
    elif fmt == "text" and len(reports) + len(errors) > 1 and not options.quiet:
        emit(reporting.render_totals(reports, errors))
    return status
