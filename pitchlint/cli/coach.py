"""`pitchlint coach [FILE]`: the coach in a terminal, or from an answers file for scripts.

The questions and the composing are pitchlint.coach's; this module prompts (click's prompts over
the standard line editor, so answers can be edited and earlier ones recalled with the arrow keys),
shows the before and after, prints the message or writes it back into the file, and saves the
answers in the profile. Questions go to standard error, so standard output is only the message.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import NoReturn

import click

from pitchlint.cli.suggest import splice
from pitchlint.coach import Answers, Coach, Finished, Question, State
from pitchlint.coach.profile_file import profile_path, read_profile, replace_atomically, save_answers
from pitchlint.coach.session import ACTION_LABELS, SLOTS
from pitchlint.config.files import read_toml
from pitchlint.errors import ConfigError, PitchlintError
from pitchlint.output.fixes import Edit
from pitchlint.reading.document import Document

HOW_TO_ANSWER = ("give the answers with --answers FILE or --role/--company/--sector/--reason/--action "
                 "(see `pitchlint coach --help`)")
EXIT_INTERRUPTED = 130  # as a shell reports a program stopped with Ctrl-C


@dataclass
class CoachOptions:
    file: str | None
    answers_file: str | None = None
    given: dict[str, list[str]] = field(default_factory=dict)  # slot -> answers from flags
    write: bool = False
    yes: bool = False
    save: bool | None = None  # True: save without asking; False: never; None: ask on a terminal
    profile: str | None = None
    config_path: str | None = None
    color: bool | None = None


class Stop(Exception):
    """The writer stopped the session (Ctrl-C, end of input, or a refusal to write)."""


WIDTH = 78  # an 80-column terminal, with room for a screen reader's cursor


def say(message: str = "", colour: str | None = None, bold: bool = False, use_colour: bool = False,
        indent: int = 0) -> None:
    """A line (wrapped to the terminal's 80 columns, later lines indented by `indent`) on standard
    error; colour only adds emphasis, the words say everything."""
    if message:
        lead = " " * (len(message) - len(message.lstrip()))
        message = click.wrap_text(message.strip(), WIDTH, initial_indent=lead,
                                  subsequent_indent=" " * (indent or len(lead)), preserve_paragraphs=False)
    click.echo(click.style(message, fg=colour, bold=bold) if use_colour and (colour or bold) else message, err=True)


def _fail(message: str) -> NoReturn:
    click.echo(f"pitchlint coach: {message}", err=True)
    sys.exit(2)


def read_answers(path: str) -> dict[str, list[str]]:
    """An answers file: `roles`, `companies`, `sectors` (a string or a list of strings), `reason`
    and `action` (strings)."""
    data = read_toml(Path(path))
    answers: dict[str, list[str]] = {}
    for key, value in data.items():
        if key not in SLOTS:
            raise ConfigError(path, f"unknown key {key!r} (known: {', '.join(SLOTS)})")
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(path, f"`{key}` must be a string or a list of strings")
        if key in ("reason", "action") and len(values) != 1:
            raise ConfigError(path, f"`{key}` must be one string")
        answers[key] = values
    return answers


def run_coach(options: CoachOptions) -> None:
    from pitchlint.api import load_config

    given = dict(read_answers(options.answers_file)) if options.answers_file else {}
    given.update({slot: values for slot, values in options.given.items() if values})
    scripted = bool(given) or options.answers_file is not None
    interactive = not scripted
    if interactive and options.file != "-" and not sys.stdin.isatty():
        _fail(f"standard input is not a terminal, so there is no one to ask: {HOW_TO_ANSWER}")
    use_colour = _colour(options.color)
    draft, data = _read_draft(options.file)
    if interactive and options.file == "-":
        _answers_from_the_terminal()
    base = Path(options.file).resolve().parent if options.file not in (None, "-") else None
    config = load_config(options.config_path) if options.config_path else load_config(None, base=base)
    path = profile_path(options.profile)
    # the profile that prefills: the one named, else the one the configuration gives (the user's file
    # under the project's), as `suggest` would use it
    coach = Coach(config, read_profile(path) if options.profile else config.profile)
    state = coach.start(draft)
    try:
        finished = _interactive(coach, state, use_colour) if interactive else _scripted(coach, state, given)
        _deliver(options, finished, state, data, interactive, use_colour)
        _save(options, path, finished.answers, interactive, use_colour)
    except Stop as stop:
        say(f"pitchlint coach: {stop}", use_colour=use_colour)
        sys.exit(EXIT_INTERRUPTED)


def _answers_from_the_terminal() -> None:
    """With the draft read from standard input, the answers come from the terminal the command
    runs in (`cat draft.txt | pitchlint coach -`): standard input becomes that terminal."""
    try:
        terminal = os.open("/dev/tty", os.O_RDWR)
    except OSError:
        _fail(f"standard input is the draft and there is no terminal to ask on: {HOW_TO_ANSWER}")
    os.dup2(terminal, 0)
    os.close(terminal)
    sys.stdin = open(0, encoding=sys.stdin.encoding, errors="replace", closefd=False)  # noqa: SIM115


def _colour(option: bool | None) -> bool:
    from pitchlint.cli.check import use_color

    return use_color(option, sys.stderr.isatty())


def _read_draft(file: str | None) -> tuple[Document | str, bytes | None]:
    """The draft as a document (or "" for none) and the file's bytes (None unless a file)."""
    from pitchlint.reading.read import read_document, read_file_bytes

    if file is None:
        return "", None
    if file == "-":
        from pitchlint.reading.document import read_limited

        return read_document("<stdin>", read_limited(sys.stdin.buffer, "<stdin>")), None
    data = read_file_bytes(file)  # a regular file within the size limit, as every command reads it
    return read_document(file, data), data


# --- asking

def _interactive(coach: Coach, state: State, use_colour: bool) -> Finished:
    import readline  # noqa: F401  # input() then edits lines and keeps this session's history

    judged = state.draft.judged
    if judged is None:
        say("No draft: let's write the ask from what you want.", bold=True, use_colour=use_colour)
    else:
        say(f"Your draft now: {judged.verdict}, score {judged.score}/100. A reader can act on: {judged.reader_view}.",
            bold=True, use_colour=use_colour)
        named = state.draft.named
        if named.has_target():
            listed = [f"{label} {text}" for label, texts in (("ROLE", named.roles), ("COMPANY", named.companies),
                                                             ("SECTOR", named.sectors)) for text in texts]
            say(f"It already names {' · '.join(listed)}: I'll ask only for what is missing.", use_colour=use_colour)
    say("Type ? for an example answer, or skip where a question says you may.", use_colour=use_colour)
    while True:
        step = coach.next(state)
        while isinstance(step, Question):
            state = coach.answer(state, _ask(step, use_colour))
            step = coach.next(state)
        finished = step
        for note in state.notes:
            say(f"  note: {note}", "yellow", use_colour=use_colour)
        _show(coach, state, finished, use_colour)
        choice = _prompt("Accept, edit, or ask again? (accept/edit/again)", "accept")
        if choice.lower().startswith("e"):
            edited = _prompt_prefilled("Your ask: ", finished.ask)
            finished = coach.finish_with(state, edited or finished.ask)
            _show(coach, state, finished, use_colour)
            return finished
        if choice.lower().startswith(("r", "ag", "s")):
            state = State(state.draft)  # the same draft, every question again
            continue
        return finished


def _ask(question: Question, use_colour: bool) -> str:
    say()
    if question.note:
        say(f"  {question.note}", "yellow", use_colour=use_colour)
    if question.slot == "action":
        for key, label in ACTION_LABELS.items():
            say(f"    {key}: {label}", use_colour=use_colour)
    elif question.choices:
        say(f"  Choices from your draft and profile: {', '.join(question.choices)}", use_colour=use_colour)
    text = question.text + (" (or skip)" if question.optional else "")
    while True:
        answer = _prompt(text, question.default)
        if answer.strip() != "?":
            return answer
        say(f"  For example: {question.example}", "cyan", use_colour=use_colour)


def _prompt(text: str, default: str = "") -> str:
    try:
        value: str = click.prompt(text, default=default, show_default=bool(default), err=True,
                                  prompt_suffix=" ", value_proc=str)
    except click.Abort:
        raise Stop("stopped; nothing was written") from None
    return value


def _prompt_prefilled(text: str, value: str) -> str:
    """A line to edit, starting from `value`."""
    import readline

    readline.set_startup_hook(lambda: readline.insert_text(value))
    try:
        click.echo(text, err=True, nl=False)
        return input()
    except (KeyboardInterrupt, EOFError):
        raise Stop("stopped; nothing was written") from None
    finally:
        readline.set_startup_hook()


def _scripted(coach: Coach, state: State, given: dict[str, list[str]]) -> Finished:
    queues = {slot: list(values) for slot, values in given.items()}
    while True:
        step = coach.next(state)
        if isinstance(step, Finished):
            return step
        values = queues.get(step.slot)
        if values:
            answer = " or ".join(values) if step.slot in ("roles", "companies", "sectors") else values[0]
            queues[step.slot] = []
        elif step.note:
            _fail(f"the answer for {step.slot} was not taken: {step.note}")
        elif step.optional:
            answer = "skip"
        elif step.default:
            answer = step.default
        else:
            _fail(f"no answer for {step.slot}, and the draft names none: {HOW_TO_ANSWER}")
        state = coach.answer(state, answer)
        if state.note and not queues.get(step.slot):
            _fail(f"the answer for {step.slot} was not taken: {state.note}")


def _show(coach: Coach, state: State, finished: Finished, use_colour: bool) -> None:
    before = coach.replaced_ask(state)
    say()
    say("Before: " + (before or "(no ask)"), use_colour=use_colour, indent=8)
    say("After:  " + finished.ask, "green", bold=True, use_colour=use_colour, indent=8)
    was = finished.before
    now = finished.after
    change = f"{was.verdict} {was.score}/100 -> " if was else ""
    say(f"Score: {change}{now.verdict} {now.score}/100. A reader can act on: {now.reader_view}.", use_colour=use_colour)


# --- the result

def _deliver(options: CoachOptions, finished: Finished, state: State, data: bytes | None,
             interactive: bool, use_colour: bool) -> None:
    if not options.write:
        click.echo(finished.message, nl=not finished.message.endswith("\n"))
        return
    if options.file in (None, "-") or data is None:
        _fail("--write needs a message file")
    assert options.file is not None
    first, *rest = state.draft.replace
    edits = [Edit(first.start, first.end, (first.text + finished.ask) if first.start == first.end else finished.ask)]
    edits += [Edit(fix.start, fix.end, fix.text) for fix in rest]
    spliced = splice(state.draft.text, data, edits)
    if not spliced.in_file:
        _fail(f"{options.file}: its text is not stored as written (an encoded e-mail body), so it is not "
              "rewritten; run without --write to print the message")
    if spliced.lossy:
        _fail(f"{options.file}: the new ask has characters its encoding cannot hold; run without --write")
    if not options.yes:
        if not interactive:
            _fail("--write without a terminal needs --yes to confirm")
        if not click.confirm(f"Replace the ask in {options.file}?", default=False, err=True):
            raise Stop(f"{options.file} left as it was")
    path = Path(options.file)
    if path.read_bytes() != data:
        say(f"pitchlint coach: {options.file} changed on disk while the coach ran, so it was not overwritten; "
            "here is the result:", "yellow", use_colour=use_colour)
        click.echo(finished.message, nl=not finished.message.endswith("\n"))
        sys.exit(1)
    replace_atomically(path, spliced.data)
    say(f"pitchlint coach: wrote the new ask into {options.file}", use_colour=use_colour)


def _save(options: CoachOptions, path: Path, answers: Answers, interactive: bool, use_colour: bool) -> None:
    if options.save is False or not (answers.has_target() or answers.reason or answers.locations):
        return
    if options.save is None:
        if not interactive:
            return
        say(f"Your profile ({path}) prefills `pitchlint suggest`, the hooks and your editor.", use_colour=use_colour)
        if not click.confirm("Save these answers in it?", default=True, err=True):
            return
    written = save_answers(path, answers)
    say(f"pitchlint coach: saved {', '.join(written)} in {path}", use_colour=use_colour)


def coach_errors(options: CoachOptions) -> None:
    """Run the coach with pitchlint's errors as one line and exit 2."""
    try:
        run_coach(options)
    except PitchlintError as error:
        _fail(str(error))
    except KeyboardInterrupt:
        click.echo("pitchlint coach: stopped; nothing was written", err=True)
        sys.exit(EXIT_INTERRUPTED)


__all__ = ["CoachOptions", "coach_errors", "read_answers", "run_coach"]
