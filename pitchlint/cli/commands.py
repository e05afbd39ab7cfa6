"""The command line: `pitchlint FILE...` (the `check` command), `suggest`, `eval`, `rules`, `explain`.

Only click is imported at start-up; spaCy loads when a message is actually linted, so `--help`
and `--version` answer at once. The console script enters through `console_main`, which may also
skip spaCy's own command line and the interpreter's shutdown (pitchlint/startup.py).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from pitchlint.cli.options import (
    PitchlintGroup,
    channel_option,
    config_option,
    fail,
    fail_on_option,
    fail_under_option,
    format_option,
    say_error,
)
from pitchlint.errors import PitchlintError
from pitchlint.version import __version__

# Set by `check` once its report is written and its output file closed; read only by console_main.
_lint_finished = False


class DefaultCommandGroup(PitchlintGroup):
    """`pitchlint FILE...` means `pitchlint check FILE...`, as in ruff's early days."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h", "--version"):
            args = ["check", *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultCommandGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pitchlint")
def main() -> None:
    """Lint networking asks: find the cattle call and show a specific rewrite.

    \b
    pitchlint message.txt            lint a message (same as `pitchlint check`)
    pitchlint drafts/                lint the text, Markdown and e-mail files under a folder
    pitchlint - < message.txt        lint standard input
    pitchlint suggest message.txt    print the message with its vague ask rewritten
    pitchlint coach message.txt      write a specific ask with the coach's questions
    pitchlint eval corpus/           accuracy on a labelled corpus
    """


def _rule_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """--select a,b --select c: ruff's comma-separated, repeatable lists."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


@main.command()
@click.argument("files", nargs=-1)
@format_option()
@click.option("-o", "--output-file", type=click.Path(dir_okay=False, writable=True),
              help="Write the report to this file instead of standard output.")
@config_option()
@click.option("--isolated", is_flag=True, help="Ignore every configuration file (the user's and the project's).")
@click.option("--select", multiple=True, help="Rule ids or prefixes to turn on instead of the configured ones (comma-separated).")
@click.option("--extend-select", multiple=True, help="Rule ids or prefixes to turn on as well.")
@click.option("--ignore", multiple=True, help="Rule ids or prefixes to turn off.")
@fail_under_option("Exit 1 when a file's specificity score is below this.")
@fail_on_option("Lowest severity that makes the run fail (default: warning, or the config's fail-on).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings fail the run (errors still exit 2).")
@click.option("-q", "--quiet", is_flag=True, help="Show only the files that fail, without totals.")
@click.option("--statistics", is_flag=True, help="Print the number of findings per rule instead of the findings.")
@click.option("--color/--no-color", default=None,
              help="Colour the text report (default: on a terminal; NO_COLOR and FORCE_COLOR are honoured).")
@channel_option("Where the message goes (sets its length budget); overrides front matter and config.")
@click.option("--stdin-filename", help="The path standard input stands for: its kind (Markdown, e-mail) and configuration.")
@click.option("--force-exclude", is_flag=True, help="Apply `exclude` to files named on the command line too.")
@click.option("--show-settings", is_flag=True, help="Print the configuration in force for the (one) file and where each value came from.")
def check(files: tuple[str, ...], output_format: str, output_file: str | None, config_path: str | None,
          isolated: bool, select: tuple[str, ...], extend_select: tuple[str, ...], ignore: tuple[str, ...],
          fail_under: int | None, fail_on: str | None, exit_zero: bool, quiet: bool, statistics: bool,
          color: bool | None, channel: str | None, stdin_filename: str | None, force_exclude: bool,
          show_settings: bool) -> None:
    """Lint message files (plain text, Markdown, e-mail) and folders; `-` reads standard input."""
    from pitchlint.cli.check import CheckOptions, run_check, use_color
    from pitchlint.engine.files import RunOptions
    from pitchlint.output.emitters import emitter_class

    if not files:
        files = ("-",) if stdin_filename else ()
    if not files:
        fail("no files given (name files or folders, or `-` for standard input)")
    if isolated and config_path:
        fail("--isolated and --config cannot be used together")
    overrides: list[tuple[str, Any]] = []
    if select:
        overrides.append(("select", _rule_list(select)))
    if extend_select:
        overrides.append(("extend_select", _rule_list(extend_select)))
    if ignore:
        overrides.append(("ignore", _rule_list(ignore)))
    if channel:
        overrides.append(("force_channel", channel))
    if fail_under is not None:
        overrides.append(("fail_under", fail_under))
    if fail_on is not None:
        overrides.append(("fail_on", fail_on))
    run = RunOptions(config_path=config_path, isolated=isolated, force_exclude=force_exclude,
                     stdin_filename=stdin_filename, overrides=tuple(overrides),
                     warn=lambda message: click.echo(f"pitchlint: warning: {message}", err=True))
    if show_settings:
        from pitchlint.cli.show_settings import render_settings

        if len(files) != 1:
            fail("--show-settings takes exactly one file")
        click.echo(render_settings(files[0], run))
        sys.exit(0)
    terminal = sys.stdout.isatty() and not output_file
    options = CheckOptions(output_format=output_format,
                           color=emitter_class(output_format).styles and use_color(color, terminal),
                           quiet=quiet, exit_zero=exit_zero, statistics=statistics, output_file=output_file)
    status = run_check(list(files), options, run)
    global _lint_finished
    _lint_finished = True
    sys.exit(status)


@main.command("batch")
@click.argument("inputs", nargs=-1, required=True)
@click.option("-o", "--output", required=True,
              help="Where the rows go: .jsonl (id plus the per-file JSON), .parquet (flat columns), or - for stdout.")
@click.option("--id-column", default="id", show_default=True, help="The column (or JSON key) holding each message's id.")
@click.option("--text-column", default="text", show_default=True, help="The column holding each message's text.")
@config_option("Configuration for every message (default: the nearest to the current folder).")
@channel_option("Where every message goes; overrides a `channel` column, front matter and config.")
@fail_on_option("Lowest severity that makes a message fail (exit 1), as for `check`.")
@fail_under_option("A score below this fails a message.")
@click.option("-j", "--jobs", type=click.IntRange(1, 1024), default=None,
              help="Processes on this machine (default: the number of cores); workers with --dask local.")
@click.option("--scheduler", metavar="ADDRESS", help="Run on a Dask cluster: its scheduler, e.g. tcp://host:8786.")
@click.option("--dask", "dask_mode", type=click.Choice(["local"]), default=None,
              help="`--dask local`: run on a Dask LocalCluster on this machine (--jobs workers).")
@click.option("--chunk-size", type=click.IntRange(1, 100_000), default=128, show_default=True,
              help="Messages per task sent to a process or Dask worker.")
@click.option("--resume", is_flag=True, help="Keep the rows already in OUTPUT and lint only the ids not there.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--progress/--no-progress", default=None, help="Show a progress line (default: on a terminal).")
def batch_command(inputs: tuple[str, ...], output: str, id_column: str, text_column: str, config_path: str | None,
                  channel: str | None, fail_on: str | None, fail_under: int | None, jobs: int | None,
                  scheduler: str | None, dask_mode: str | None, chunk_size: int, resume: bool, overwrite: bool,
                  progress: bool | None) -> None:
    """Lint many messages: JSONL, CSV or Parquet files with an id and a text column, or folders.

    Rows come out in input order, one per message; one that cannot be linted gets an `error`.
    Exit 0 all linted and none failing, 1 some failing or not linted, 2 the run could not go on.
    """
    from pitchlint.batch.run import run_command

    sys.exit(run_command(inputs, output, id_column=id_column, text_column=text_column, config_path=config_path,
                         channel=channel, fail_on=fail_on, fail_under=fail_under, jobs=jobs, scheduler=scheduler,
                         dask_local=dask_mode == "local", chunk_size=chunk_size, resume=resume,
                         overwrite=overwrite, progress=sys.stderr.isatty() if progress is None else progress))


@main.command("suggest")
@click.argument("file")
@click.option("--diff", "as_diff", is_flag=True, help="Print a unified diff from the file to the rewritten message.")
@config_option()
def suggest_command(file: str, as_diff: bool, config_path: str | None) -> None:
    """Print the message with each vague ask rewritten (`-` reads standard input); the file is
    never changed."""
    from pitchlint.cli.suggest import suggest_path
    from pitchlint.reading.document import read_limited

    stdin = read_limited(sys.stdin.buffer, "<stdin>") if file == "-" else None
    result = suggest_path(file, config_path, stdin=stdin)
    where = result.path
    for note in result.notes:
        click.echo(f"pitchlint: {where}: note: {note}", err=True)
    if not result.applied:
        hint = f"; a suggestion to add: {result.hints[0]}" if result.hints else ""
        click.echo(f"pitchlint: {where}: nothing to rewrite{hint}", err=True)
        if not as_diff:
            sys.stdout.buffer.write(result.original)
        sys.exit(0)
    if as_diff and not result.in_file:
        fail(f"{where}: the message was decoded from the e-mail's transfer encoding, so a diff against "
              "the file cannot be made; run `pitchlint suggest` without --diff to see the rewrite")
    asks = "ask" if result.applied == 1 else "asks"
    skipped = f" ({result.skipped} overlapping rewrite(s) left out)" if result.skipped else ""
    click.echo(f"pitchlint: {where}: rewrote {result.applied} {asks}{skipped}", err=True)
    if not result.in_file:
        click.echo(f"pitchlint: {where}: this is the decoded message, not the file as stored", err=True)
    if result.lossy:
        click.echo(f"pitchlint: {where}: the file's encoding cannot hold every character of the rewrite; "
                   "those show as '?'", err=True)
    sys.stdout.buffer.write(result.diff() if as_diff else result.rewritten)


@main.command("coach")
@click.argument("file", required=False)
@click.option("--answers", "answers_file", type=click.Path(dir_okay=False),
              help="Take the answers from this TOML file (roles, companies, sectors, reason, action), "
                   "instead of asking.")
@click.option("--role", "roles", multiple=True, help="The kind of role or people to reach (repeatable); no questions.")
@click.option("--company", "companies", multiple=True,
              help="A company, or a kind of company (repeatable); no questions.")
@click.option("--sector", "sectors", multiple=True, help="A sector or field (repeatable); no questions.")
@click.option("--reason", help="Why, in one sentence a reader could repeat; no questions.")
@click.option("--action", type=click.Choice(["call", "introduction", "referral", "keep in mind"]),
              help="What the reader should do (default: call); no questions.")
@click.option("--write", is_flag=True,
              help="Replace the ask in FILE (after confirmation) instead of printing the message.")
@click.option("-y", "--yes", is_flag=True, help="With --write: do not ask for confirmation.")
@click.option("--save/--no-save", default=None,
              help="Save the answers in the profile without asking / never (default: ask on a terminal).")
@click.option("--profile", "profile_file", type=click.Path(dir_okay=False),
              help="The profile file to prefill from and save to (default: your user configuration file).")
@config_option()
@click.option("--color/--no-color", default=None,
              help="Colour the questions (default: on a terminal; NO_COLOR and FORCE_COLOR are honoured).")
def coach_command(file: str | None, answers_file: str | None, roles: tuple[str, ...], companies: tuple[str, ...],
                  sectors: tuple[str, ...], reason: str | None, action: str | None, write: bool, yes: bool,
                  save: bool | None, profile_file: str | None, config_path: str | None, color: bool | None) -> None:
    """Write a specific ask with the coach: it asks, one question at a time, only for what the draft
    (FILE, `-` for standard input, or nothing) does not say, and prints the message with the new ask."""
    from pitchlint.cli.coach import CoachOptions, coach_errors

    given = {"roles": list(roles), "companies": list(companies), "sectors": list(sectors),
             "reason": [reason] if reason else [], "action": [action] if action else []}
    coach_errors(CoachOptions(file, answers_file, given, write=write, yes=yes, save=save, profile=profile_file,
                              config_path=config_path, color=color))


@main.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False))
@config_option("Configuration file to evaluate with.")
@click.option("--show-errors", is_flag=True, help="List each message whose verdict is wrong.")
@click.option("--only", metavar="GLOB", help="Only label files whose name matches, e.g. '4*' for one batch.")
@click.option("--reports", "reports_path", type=click.Path(dir_okay=False),
              help="Score saved JSON reports (pitchlint --format json, any version) instead of running.")
@click.option("--save", "save_path", type=click.Path(dir_okay=False), help="Write the headline figures as JSON.")
@click.option("--baseline", "baseline_path", type=click.Path(dir_okay=False),
              help="Figures saved by --save from an earlier run, printed beside these as 'before'.")
def eval_command(corpus: str, config_path: str | None, show_errors: bool, only: str | None, reports_path: str | None,
                 save_path: str | None, baseline_path: str | None) -> None:
    """Accuracy on a labelled corpus: verdicts and the vague class (overall and per channel),
    targets (spans in requests and goals) and all spans, precision/recall/F1."""
    import json

    from pitchlint.evaluate import evaluate, render_table

    def read_json(path: str, what: str) -> Any:
        try:
            return json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            fail(f"{path}: cannot read {what} ({exc})")

    reports = None
    if reports_path:
        data = read_json(reports_path, "the reports")
        try:
            reports = {Path(row["path"]).name: row for row in data["files"]}
        except (KeyError, TypeError):
            fail(f"{reports_path}: not a pitchlint JSON report (no files with a path)")
    baseline = read_json(baseline_path, "the baseline") if baseline_path else None
    if baseline is not None and not isinstance(baseline, dict):
        fail(f"{baseline_path}: not figures saved by `pitchlint eval --save`")
    result = evaluate(corpus, config_path, only=only, reports=reports)
    if save_path:
        try:
            Path(save_path).write_text(json.dumps(result.figures(), indent=2) + "\n", encoding="utf-8")
        except OSError as exc:
            fail(f"{save_path}: cannot write the figures ({exc.strerror or exc})")
    click.echo(render_table(result, show_errors=show_errors, baseline=baseline))


@main.command("rules")
@config_option(help=None)
def rules_command(config_path: str | None) -> None:
    """List the rules: id, severity, status and summary."""
    from pitchlint.config.settings import config_for
    from pitchlint.engine.core import active_rules, available_rules

    config = config_for(None, config_path)
    active = active_rules(config)
    rules = available_rules(config.packs)
    for rule in rules.values():
        state = "on" if rule.id in active else "off"
        click.echo(f"{rule.id:24} {rule.severity:8} {rule.status:8} {state:4} {rule.summary}")


@main.command("explain")
@click.argument("rule_id")
@config_option("Know the rules of this configuration's packs (default: the nearest configuration).")
def explain_command(rule_id: str, config_path: str | None) -> None:
    """Print a rule's documentation and examples (built-in, from a configured pack, or a plug-in)."""
    from pitchlint.config.settings import config_for
    from pitchlint.engine.core import available_rules
    from pitchlint.output.rule_docs import explain_text

    try:
        packs = config_for(None, config_path).packs
    except PitchlintError as error:
        if config_path:
            raise
        click.echo(f"pitchlint: warning: {error}; explaining the built-in rules only", err=True)
        packs = ()
    rules = available_rules(packs)
    rule = rules.get(rule_id)
    if rule is None:
        fail(f"{rule_id}: no such rule (see `pitchlint rules`)")
    click.echo(explain_text(rule), nl=False)


@main.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on; anything but loopback lets other machines reach the page and the API.")
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port to listen on.")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes, each with its own pipeline (about 150 MB each).")
@click.option("--token", envvar="PITCHLINT_SERVE_TOKEN", show_envvar=True,
              help="Require `Authorization: Bearer TOKEN` on the API (/v1/).")
@click.option("--max-pending", type=click.IntRange(1, 10_000), default=64, show_default=True,
              help="Requests a worker holds, running or waiting, before it answers 503 with Retry-After.")
@click.option("--timeout", type=click.FloatRange(0.1, 600), default=10.0, show_default=True,
              help="Seconds a request may take, waiting included, before it gets 503.")
@config_option("Use this configuration file instead of the one nearest the current folder.")
def serve_command(host: str, port: int, workers: int, token: str | None, max_pending: int, timeout: float,
                  config_path: str | None) -> None:
    """Serve a local web page and an HTTP API (POST /v1/lint) over the same engine and configuration."""
    from pitchlint.config.settings import config_for
    from pitchlint.serve.settings import ServeSettings, is_loopback

    if not is_loopback(host):
        click.echo(f"pitchlint: warning: listening on {host}: other machines can reach the page and the API"
                   + ("" if token else "; give --token (or PITCHLINT_SERVE_TOKEN) to require a token"), err=True)
    config_for(None, config_path)  # a broken configuration stops here, before any worker starts
    shown = f"[{host}]" if ":" in host else host
    click.echo(f"pitchlint serve: http://{shown}:{port}/ (the API at /v1/lint; Ctrl+C stops)", err=True)
    from pitchlint.serve.run import run  # Starlette and uvicorn load only here

    run(ServeSettings(host=host, port=port, workers=workers, token=token or None, max_pending=max_pending,
                      timeout=timeout, config_path=str(Path(config_path).resolve()) if config_path else None))


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over standard input and output (the default, and the only transport).")
def lsp_command(stdio: bool) -> None:
    """Run the language server for editors, over standard input and output."""
    from pitchlint.lsp.server import run  # pygls and lsprotocol load only here

    sys.exit(run())


@main.group("hook")
def hook_group() -> None:
    """Git hooks that check a message before it is sent or committed."""


def _hook_name(pre_commit: bool) -> str:
    return "pre-commit" if pre_commit else "sendemail-validate"


@hook_group.command("install")
@click.option("--pre-commit", "pre_commit", is_flag=True,
              help="Install a pre-commit hook that lints staged drafts, instead of sendemail-validate.")
@click.option("--chain", is_flag=True, help="Keep an existing hook and run it after pitchlint's.")
def hook_install(pre_commit: bool, chain: bool) -> None:
    """Install pitchlint's hook in the current repository (sendemail-validate by default)."""
    from pathlib import Path

    from pitchlint import hooks

    click.echo(hooks.install(Path.cwd(), _hook_name(pre_commit), chain=chain))


@hook_group.command("uninstall")
@click.option("--pre-commit", "pre_commit", is_flag=True, help="Remove the pre-commit hook instead.")
def hook_uninstall(pre_commit: bool) -> None:
    """Remove the hook pitchlint installed (and restore a hook it was chained to)."""
    from pathlib import Path

    from pitchlint import hooks

    click.echo(hooks.uninstall(Path.cwd(), _hook_name(pre_commit)))


@hook_group.command("run")
@click.argument("name", type=click.Choice(["sendemail-validate", "pre-commit"]))
@click.argument("args", nargs=-1)
def hook_run(name: str, args: tuple[str, ...]) -> None:
    """Run a hook's check as git would: what the installed hooks and the pre-commit framework call.

    \b
    pitchlint hook run pre-commit              lint the staged drafts [tool.pitchlint.hook] includes
    pitchlint hook run pre-commit FILE...      lint these files, if included (the framework's way)
    pitchlint hook run sendemail-validate MSG  lint an e-mail about to be sent (patches go through)
    """
    import os
    from pathlib import Path

    from pitchlint import hooks

    if name == "sendemail-validate" and not args:
        fail("sendemail-validate: git did not pass the message file")
    nonce = os.environ.pop(hooks.NONCE_VARIABLE, None)
    if nonce is None:  # the supervisor: the check runs in an isolated child, trusted only if it completes
        if hooks.skipped(name):
            click.echo(f"pitchlint: {name} check skipped (SKIP=pitchlint)", err=True)
            sys.exit(0)
        status, lines = hooks.supervise(name, args)
        for line in lines:
            click.echo(line, err=True)
        sys.exit(status)
    try:
        if name == "sendemail-validate":
            status, lines = hooks.run_sendemail_validate(args[0], Path.cwd())
        else:
            status, lines = hooks.run_pre_commit(Path.cwd(), tuple(args))
    except PitchlintError as error:
        say_error(error)
        click.echo(f"pitchlint could not run its {name} check. To go ahead unchecked: {hooks.HOOKS[name]}", err=True)
        status, lines = 2, []
    for line in lines:
        click.echo(line, err=True)
    sys.stderr.flush()
    click.echo(hooks.completion_line(nonce, status))  # the last line: the check ran to its end
    sys.stdout.flush()
    sys.exit(status)


def console_main() -> None:
    """The `pitchlint` console script and `python -m pitchlint`: the same commands as `main`, in a
    process of pitchlint's own. spaCy is imported without its command line, and a lint run leaves
    with `os._exit` once its report is flushed (when nothing else is pending); every other command,
    and every run inside someone else's process (the API, click's CliRunner), exits as usual."""
    from pitchlint.cli.startup import defer_spacy_cli, leave, undo_defer_spacy_cli

    global _lint_finished
    _lint_finished = False
    defer_spacy_cli()
    try:
        main()
    except SystemExit as stop:
        if _lint_finished and isinstance(stop.code, int):
            leave(stop.code)
        raise
    finally:
        undo_defer_spacy_cli()


if __name__ == "__main__":
    console_main()
