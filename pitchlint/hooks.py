"""Git hooks: check a message before it is sent (`sendemail-validate`) or committed (pre-commit).

The hook scripts are small shell files that call this Python back with the interpreter that
installed them, so they work whatever PATH git runs them with. Installing never overwrites a hook
pitchlint did not write: it refuses, or with `--chain` keeps the old hook and runs it afterwards.

A hook fails closed. `pitchlint hook run` does not check in its own process: it runs the check
in a child Python started isolated (`-I`: no PYTHONPATH, no user site, not the working folder on
sys.path, so a click.py in the repository never runs), and passes the child's verdict on only
when the child's last line on standard output is the completion marker with a nonce only this
run knows. A plug-in that calls `sys.exit(0)` or `os._exit(0)`, a crash or a kill all leave no
marker, and the message is stopped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import os
import re
import secrets
import shlex
import stat
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from pitchlint.config.globs import matches
from pitchlint.config.settings import Config, HookConfig, config_for, find_config
from pitchlint.errors import PitchlintError, one_line

if TYPE_CHECKING:
    from pitchlint.engine.files import PendingFile

MARKER = "pitchlint-managed hook"
DIGEST_PREFIX = "# pitchlint-hook-sha256: "
MAX_MAIL_BYTES = 10_000_000  # pitchlint.reading.document.MAX_BYTES, without importing the document stage here
CHAINED_SUFFIX = ".pitchlint-chained"
# How to go ahead once unchecked: for a commit, skip pitchlint alone (`--no-verify` skips every hook)
HOOKS = {"sendemail-validate": "git send-email --no-validate ...", "pre-commit": "SKIP=pitchlint git commit ..."}
NONCE_VARIABLE = "PITCHLINT_HOOK_NONCE"  # set by the supervising `hook run` for its checking child
COMPLETE = "pitchlint-hook-complete"  # the child's last line: COMPLETE, the nonce, its exit status


class HookError(PitchlintError):
    """Installing or running a hook went wrong in a way the user must fix."""


def git(*args: str, cwd: str | Path | None = None) -> str:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise HookError("git", "git is not installed or not on PATH") from None
    if result.returncode != 0:
        raise HookError("git " + " ".join(args), result.stderr.strip() or "failed")
    return result.stdout


def hooks_dir(repo: Path) -> Path:
    """The folder git runs hooks from; `--git-path hooks` honours core.hooksPath."""
    path = Path(git("rev-parse", "--git-path", "hooks", cwd=repo).strip())
    return path if path.is_absolute() else (repo / path)


def script(name: str, chained: bool) -> str:
    # -I: `python -m` would otherwise put the working folder (the repository) first on sys.path,
    # and PYTHONPATH=. would too, so a click.py or yaml.py committed there would run instead of
    # the real module; -I leaves out both (and the user's site-packages).
    call = f"{shlex.quote(sys.executable)} -I -m pitchlint hook run {name}"
    lines = [
        "#!/bin/sh",
        f"# {MARKER}: {name}. Installed by `pitchlint hook install`; remove with `pitchlint hook uninstall`.",
        f"# To skip the check once: {HOOKS[name]}",
        f'{call} "$@" || exit $?',
    ]
    if chained:
        lines.append(f'exec "$0{CHAINED_SUFFIX}" "$@"')
    body = "\n".join(lines) + "\n"
    return body + DIGEST_PREFIX + _digest(body) + "\n"


def _digest(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


# What `pitchlint hook install` wrote before the digest line: recognised exactly, so an upgrade
# can replace it, while a user's own hook that only mentions pitchlint is never taken for ours.
_LEGACY = re.compile(
    r"#!/bin/sh\n# " + re.escape(MARKER) + r": (?P<name>[a-z-]+)\. Installed by `pitchlint hook install`; "
    r"remove with `pitchlint hook uninstall`\.\n# To skip the check once: [^\n]*\n"
    r"\S+ -m pitchlint hook run (?P=name) \"\$@\" \|\| exit \$\?\n"
    r"(?:exec \"\$0" + re.escape(CHAINED_SUFFIX) + r"\" \"\$@\"\n)?"
)


def is_ours(path: Path) -> bool:
    """Only a file pitchlint generated, unchanged: its last line is the digest of the rest. A
    symlink is never ours (replacing it would change where the user's hooks live)."""
    if path.is_symlink() or not path.is_file():
        return False
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    body, _, last = text.rstrip("\n").rpartition("\n")
    if last.startswith(DIGEST_PREFIX):
        return last[len(DIGEST_PREFIX):] == _digest(body + "\n")
    return _LEGACY.fullmatch(text) is not None


def _present(path: Path) -> bool:
    """There is something at `path`, a dangling symlink included."""
    return os.path.lexists(path)


def install(repo: Path, name: str, chain: bool = False) -> str:
    folder = hooks_dir(repo)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    chained = _present(folder / (name + CHAINED_SUFFIX))
    if _present(target) and not is_ours(target):
        if not chain:
            raise HookError(target, "a hook pitchlint did not write is already there; rerun with --chain "
                                    "to keep it (it runs after pitchlint), or remove it yourself")
        if chained:
            raise HookError(target, f"both this hook and {name}{CHAINED_SUFFIX} are there and neither is "
                                    "pitchlint's; chaining would lose one of them")
        target.rename(folder / (name + CHAINED_SUFFIX))
        chained = True
    _write_executable(target, script(name, chained))
    return f"installed {name} hook at {target}" + (" (chained to the existing hook)" if chained else "")


def uninstall(repo: Path, name: str) -> str:
    folder = hooks_dir(repo)
    target = folder / name
    if not _present(target):
        return f"no {name} hook at {target}"
    if not is_ours(target):
        raise HookError(target, "this hook was not installed by pitchlint; leaving it alone")
    target.unlink()
    previous = folder / (name + CHAINED_SUFFIX)
    if _present(previous):
        previous.rename(target)
        return f"removed pitchlint's {name} hook; restored the hook it was chained to"
    return f"removed pitchlint's {name} hook from {target}"


def _write_executable(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".pitchlint-tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(temporary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.replace(temporary, path)


def with_hook_thresholds(config: Config) -> Config:
    """A file's configuration with its `[tool.pitchlint.hook]` thresholds in force."""
    hook: HookConfig = config.hook
    return dataclasses.replace(config, fail_on=hook.fail_on, fail_under=hook.fail_under)


def hook_config(repo: Path) -> Config:
    """The repository's own configuration (its root's): where the hook's `include` globs come from."""
    return with_hook_thresholds(find_config(repo.resolve()))


def config_of(path: Path) -> Config:
    """The configuration that governs one message, found as the CLI finds it (the nearest file
    upward from the message), with the hook thresholds."""
    return with_hook_thresholds(config_for(str(path)))


def staged_drafts(repo: Path, include: tuple[str, ...]) -> list[str]:
    names = git("diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", cwd=repo).split("\0")
    return [n for n in names if n and matches(n, include)]


def staged_blob(repo: Path, name: str) -> bytes:
    """The staged version of a draft; one over the size limit is refused before it is read."""
    from pitchlint.reading.document import MAX_BYTES, MAX_CHARACTERS

    size = subprocess.run(["git", "cat-file", "-s", f":{name}"], cwd=repo, capture_output=True, text=True, check=False)
    if size.returncode == 0 and size.stdout.strip().isdigit() and int(size.stdout) > MAX_BYTES:
        raise HookError(name, f"is over {MAX_BYTES:,} bytes; pitchlint reads messages of up to {MAX_CHARACTERS:,} characters")
    result = subprocess.run(["git", "show", f":{name}"], cwd=repo, capture_output=True, check=False)
    if result.returncode != 0:
        raise HookError(name, "cannot read the staged version")
    return result.stdout


def repo_root(start: Path) -> Path:
    return Path(git("rev-parse", "--show-toplevel", cwd=start).strip())


def _check(sources: Iterable[PendingFile], bypass: str) -> tuple[int, list[str]]:
    """Lint (path, read, configure) sources, each with its own configuration's hook thresholds;
    (exit status, lines for stderr). Anything that kept a message from being checked in full (an
    unreadable file, a broken configuration, a rule or template that failed) blocks it."""
    from pitchlint.engine.files import lint_pending
    from pitchlint.output.text import render_text

    lines: list[str] = []
    blocked: list[str] = []
    broken: list[str] = []
    thresholds: dict[str, list[str]] = {}  # threshold text -> the paths it blocked
    for path, result, config in lint_pending(sources):
        if isinstance(result, PitchlintError):
            broken.append(f"pitchlint: {result}")
            continue
        lines.append(render_text(result))
        broken += [f"pitchlint: {one_line(path)}: {problem}" for problem in result.internal_errors]
        assert config is not None  # lint_pending gives a report together with its configuration
        if result.fails(config):
            blocked.append(one_line(path))
            thresholds.setdefault(_threshold_text(config), []).append(one_line(path))
    if broken:
        lines += broken
        lines.append(f"pitchlint could not check the message, so it stopped it. To go ahead unchecked: {bypass}")
        return 2, lines
    if blocked:
        why = "; ".join(f"{text} for {', '.join(paths)}" if len(thresholds) > 1 else text
                        for text, paths in thresholds.items())
        lines.append(f"pitchlint stopped {', '.join(blocked)}: {why} (see [tool.pitchlint.hook]). "
                     f"Fix the ask, or to go ahead this once: {bypass}")
        return 1, lines
    return 0, lines


def _threshold_text(config: Config) -> str:
    text = f"findings at {config.fail_on} or above"
    if config.fail_under is not None:
        text += f", or a score under {config.fail_under}"
    return text


def is_format_patch(data: bytes) -> bool:
    """A message `git format-patch` wrote: a `[PATCH ...]` subject (`[PATCH v2 3/7]`, `[RFC PATCH]`)
    and a diff in the body, or the series' cover letter (`[PATCH 0/7]`). Code review, not an ask."""
    import re
    from email.parser import BytesHeaderParser

    subject = str(BytesHeaderParser().parsebytes(data).get("Subject", ""))
    tag = re.match(r"\s*\[(?:[^\]]*\s)?PATCH\b([^\]]*)\]", subject, re.I)
    if tag is None:
        return False
    if re.search(r"\b0+/\d+", tag.group(1)):
        return True  # the cover letter
    return re.search(rb"^(?:diff --git |--- \S.*\n\+\+\+ )", data, re.M) is not None


def _included(repo: Path, path: str, include: tuple[str, ...]) -> bool:
    """Whether `include` names a message file: by its path in the repository, else by its name."""
    try:
        relative = Path(path).resolve().relative_to(repo.resolve()).as_posix()
    except ValueError:
        relative = Path(path).name
    return matches(relative, include)


def mbox_messages(data: bytes) -> list[bytes]:
    """The messages of an mbox file (each from its "From " line), or the file itself when it holds
    one message. git send-email sends every message of an mbox, so every one is checked."""
    from pitchlint.reading.document import MBOX_SEPARATOR

    text = data.decode("latin-1")  # one character a byte: offsets are byte offsets
    starts = [m.start() for m in re.finditer(r"^From [^\n]*$", text, re.M) if MBOX_SEPARATOR.match(m.group())]
    if len(starts) < 2:
        return [data]
    starts[0] = 0  # anything before the first separator goes with the first message
    return [data[a:b] for a, b in zip(starts, starts[1:] + [len(data)], strict=True)]


def run_sendemail_validate(message: str, cwd: Path) -> tuple[int, list[str]]:
    """`git send-email` calls the hook with the path of the file holding the e-mail (a copy it
    may keep outside the working tree: then the repository's root configuration governs it).
    Everything in that file is about to be sent, so it is checked whatever its name (`include`
    is for folders and commits) and read as e-mail; each message of an mbox is checked. Only
    patches from `git format-patch`, recognised by their content, go through unchecked."""
    from pitchlint.reading.read import read_document

    repo = repo_root(cwd).resolve()
    try:
        with Path(message).open("rb") as stream:
            data = stream.read(MAX_MAIL_BYTES + 1)
    except OSError as exc:
        raise HookError(message, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > MAX_MAIL_BYTES:
        raise HookError(message, f"is over {MAX_MAIL_BYTES:,} bytes: too long to be a message pitchlint can check")
    path = (cwd / message).resolve()
    inside = path.is_relative_to(repo) and ".git" not in path.relative_to(repo).parts
    governing = path if inside else repo / "message"
    messages = mbox_messages(data)

    def pending(number: int, part: bytes) -> PendingFile:
        name = message if len(messages) == 1 else f"{message} (message {number} of {len(messages)})"
        return name, lambda: read_document(name, part, mail=True), lambda: config_of(governing)

    chosen = [pending(n, part) for n, part in enumerate(messages, 1) if not is_format_patch(part)]
    return _check(chosen, HOOKS["sendemail-validate"])


def run_pre_commit(cwd: Path, names: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Lint the drafts the include globs name, each with the configuration the CLI would use for
    it. Called by git's own hook, with no names: what is staged (not the working tree). Called by
    the pre-commit framework, with the names it chose (`files` in its manifest): those files,
    which the framework has made the staged version."""
    from pitchlint.reading.read import read_document

    repo = repo_root(cwd)
    include = hook_config(repo).hook.include

    def named(name: str) -> PendingFile:  # a file the framework chose: it holds the staged version
        return name, lambda: read_document(name), lambda: config_of(repo / name)

    if names:
        chosen = [n for n in names if _included(repo, n, include)]
        return _check([named(n) for n in chosen], HOOKS["pre-commit"])
    chosen = staged_drafts(repo, include)

    def source(name: str) -> PendingFile:
        return name, lambda: read_document(name, staged_blob(repo, name)), lambda: config_of(repo / name)

    return _check([source(n) for n in chosen], HOOKS["pre-commit"])


def skipped(name: str) -> bool:
    """`SKIP=pitchlint git commit`: the pre-commit framework's way to skip one hook by its id,
    honoured by the native hook too, so the stop message can suggest it rather than
    `--no-verify`, which skips every hook."""
    return name == "pre-commit" and "pitchlint" in {part.strip() for part in os.environ.get("SKIP", "").split(",")}


def completion_line(nonce: str, status: int) -> str:
    return f"{COMPLETE} {nonce} {status}"


def supervise(name: str, args: tuple[str, ...]) -> tuple[int, list[str]]:
    """Run hook `name`'s check in an isolated child and trust only a completed one: (exit status,
    lines for stderr). The child's own lines on stderr pass straight through; what it printed on
    stdout (a plug-in's print) is passed on to stderr, its marker line taken off."""
    nonce = secrets.token_hex(16)
    command = [sys.executable, "-I", "-m", "pitchlint", "hook", "run", name, *args]
    child = subprocess.run(command, env={**os.environ, NONCE_VARIABLE: nonce}, stdout=subprocess.PIPE, check=False)
    output = child.stdout.decode("utf-8", errors="replace").rstrip("\n")
    before, _, last = output.rpartition("\n")
    if last == completion_line(nonce, child.returncode):
        return child.returncode, before.splitlines()
    if child.returncode < 0:
        how = f"was killed by signal {-child.returncode}"
    else:
        how = f"exited with status {child.returncode}"
    return 2, output.splitlines() + [
        f"pitchlint: the {name} check {how} before it finished (a plug-in rule that exits, or a crash), "
        f"so it stopped the message. To go ahead unchecked: {HOOKS[name]}"]
