"""What several commands share, defined once: their options (as sqlfluff's `core_options`) and
the way a command fails (one line on standard error, exit 2).

Each option keeps its names, type and default here; a command may word its help for what the
option means there (`--config` is "the" configuration of one file for `check`, of every message
for `batch`). The formats `--format` offers are the output registry's.

Only click is imported here: `pitchlint --help` must not load spaCy.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, NoReturn, Protocol, TypeVar

import click

from pitchlint.errors import PitchlintError
from pitchlint.output.emitters import FORMATS
from pitchlint.terms import CHANNELS, SEVERITIES

F = TypeVar("F", bound=Callable[..., Any])


class Decorator(Protocol):
    def __call__(self, command: F, /) -> F: ...


CONFIG_HELP = "Use this configuration file instead of the nearest .pitchlint.toml / pyproject.toml."


def say_error(error: PitchlintError | str) -> None:
    """What went wrong, in one line on standard error."""
    click.echo(f"pitchlint: {error}", err=True)


def fail(message: PitchlintError | str) -> NoReturn:
    """Stop the command: the reason in one line, exit 2 (a usage or input problem, not findings)."""
    say_error(message)
    sys.exit(2)


class PitchlintGroup(click.Group):
    """A group whose commands fail the one way: a PitchlintError (a configuration that is not
    valid, a file that cannot be read) that a command does not handle itself ends it with
    `pitchlint: <reason>` and exit 2, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except PitchlintError as error:
            fail(error)


def config_option(help: str | None = CONFIG_HELP) -> Decorator:
    return click.option("--config", "config_path", type=click.Path(dir_okay=False), help=help)


def format_option() -> Decorator:
    return click.option("--format", "output_format", type=click.Choice(FORMATS), default=FORMATS[0],
                        show_default=True, envvar="PITCHLINT_OUTPUT_FORMAT", show_envvar=True, help="Report format.")


def channel_option(help: str) -> Decorator:
    return click.option("--channel", type=click.Choice(CHANNELS), default=None, help=help)


def fail_on_option(help: str) -> Decorator:
    return click.option("--fail-on", "--severity", "fail_on", type=click.Choice(SEVERITIES), default=None, help=help)


def fail_under_option(help: str) -> Decorator:
    return click.option("--fail-under", type=click.IntRange(0, 100), default=None, help=help)
