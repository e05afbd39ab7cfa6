"""Git hooks: check a message before it is sent (`sendemail-validate`) or committed (pre-commit).

The hook scripts are small shell files that call this Python back with the interpreter that
installed them, so they work whatever PATH git runs them with. Installing never overwrites a hook
pitchlint did not write: it refuses, or with `--chain` keeps the old hook and runs it afterwards.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

from pitchlint.config import Config, HookConfig, find_config
from pitchlint.errors import PitchlintError
from pitchlint.globs import matches

MARKER = "pitchlint-managed hook"
CHAINED_SUFFIX = ".pitchlint-chained"
HOOKS = {"sendemail-validate": "git send-email --no-validate ...", "pre-commit": "git commit --no-verify ..."}


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
    call = f"{shlex.quote(sys.executable)} -m pitchlint hook run {name}"
    lines = [
        "#!/bin/sh",
        f"# {MARKER}: {name}. Installed by `pitchlint hook install`; remove with `pitchlint hook uninstall`.",
        f"# To skip the check once: {HOOKS[name]}",
        f'{call} "$@" || exit $?',
    ]
    if chained:
        lines.append(f'exec "$0{CHAINED_SUFFIX}" "$@"')
    return "\n".join(lines) + "\n"


def is_ours(path: Path) -> bool:
    try:
        return MARKER in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def install(repo: Path, name: str, chain: bool = False) -> str:
    folder = hooks_dir(repo)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / name
    chained = (folder / (name + CHAINED_SUFFIX)).exists()
    if target.exists() and not is_ours(target):
        if not chain:
            raise HookError(target, "a hook pitchlint did not write is already there; rerun with --chain "
                                    "to keep it (it runs after pitchlint), or remove it yourself")
        target.rename(folder / (name + CHAINED_SUFFIX))
        chained = True
    _write_executable(target, script(name, chained))
    return f"installed {name} hook at {target}" + (" (chained to the existing hook)" if chained else "")


def uninstall(repo: Path, name: str) -> str:
    folder = hooks_dir(repo)
    target = folder / name
    if not target.exists():
        return f"no {name} hook at {target}"
    if not is_ours(target):
        raise HookError(target, "this hook was not installed by pitchlint; leaving it alone")
    target.unlink()
    previous = folder / (name + CHAINED_SUFFIX)
    if previous.exists():
        previous.rename(target)
        return f"removed pitchlint's {name} hook; restored the hook it was chained to"
    return f"removed pitchlint's {name} hook from {target}"


def _write_executable(path: Path, text: str) -> None:
    temporary = path.with_name(path.name + ".pitchlint-tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(temporary.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.replace(temporary, path)


def hook_config(repo: Path) -> Config:
    """The repository's configuration, with the hook's own thresholds in force."""
    config = find_config(repo.resolve())
    hook: HookConfig = config.hook
    return dataclasses.replace(config, fail_on=hook.fail_on, fail_under=hook.fail_under)


def staged_drafts(repo: Path, include: tuple[str, ...]) -> list[str]:
    names = git("diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z", cwd=repo).split("\0")
    return [n for n in names if n and matches(n, include)]


def staged_blob(repo: Path, name: str) -> bytes:
    result = subprocess.run(["git", "show", f":{name}"], cwd=repo, capture_output=True, check=False)
    if result.returncode != 0:
        raise HookError(name, "cannot read the staged version")
    return result.stdout


def repo_root(start: Path) -> Path:
    return Path(git("rev-parse", "--show-toplevel", cwd=start).strip())


def _check(repo: Path, sources, bypass: str) -> tuple[int, list[str]]:
    """Lint the sources with the repository's hook thresholds; (exit status, lines for stderr)."""
    from pitchlint.report import render_text
    from pitchlint.runner import lint_sources

    config = hook_config(repo)
    lines: list[str] = []
    blocked, broken = [], []
    for path, result, _ in lint_sources((p, read, lambda: config) for p, read in sources):
        if isinstance(result, PitchlintError):
            broken.append(f"pitchlint: {result}")
            continue
        lines.append(render_text(result))
        if result.fails(config):
            blocked.append(path)
    if broken:
        lines += broken
        lines.append(f"pitchlint could not check the message, so it stopped it. To go ahead unchecked: {bypass}")
        return 2, lines
    if blocked:
        threshold = f"findings at {config.fail_on} or above"
        if config.fail_under is not None:
            threshold += f", or a score under {config.fail_under}"
        lines.append(f"pitchlint stopped {', '.join(blocked)}: {threshold} (see [tool.pitchlint.hook]). "
                     f"Fix the ask, or to go ahead this once: {bypass}")
        return 1, lines
    return 0, lines


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


def run_sendemail_validate(message: str, cwd: Path) -> tuple[int, list[str]]:
    """`git send-email` calls the hook with the path of the file holding the e-mail. Patches
    from `git format-patch` go through, and so does a message `include` does not name."""
    from pitchlint.document import read_document

    repo = repo_root(cwd)
    try:
        data = Path(message).read_bytes()
    except OSError as exc:
        raise HookError(message, f"cannot be read ({exc.strerror or exc})") from None
    if is_format_patch(data) or not _included(repo, message, hook_config(repo).hook.include):
        return 0, []
    return _check(repo, [(message, lambda: read_document(message, data))], HOOKS["sendemail-validate"])


def run_pre_commit(cwd: Path, names: tuple[str, ...] = ()) -> tuple[int, list[str]]:
    """Lint the drafts the include globs name. Called by git's own hook, with no names: what is
    staged (not the working tree). Called by the pre-commit framework, with the names it chose
    (`files` in its manifest): those files, which the framework has made the staged version."""
    from pitchlint.document import read_document

    repo = repo_root(cwd)
    include = hook_config(repo).hook.include
    if names:
        chosen = [n for n in names if _included(repo, n, include)]
        bypass = f"SKIP=pitchlint {HOOKS['pre-commit']}"
        return _check(repo, [(n, lambda n=n: read_document(n)) for n in chosen], bypass)
    chosen = staged_drafts(repo, include)

    def reader(name: str):
        return lambda: read_document(name, staged_blob(repo, name))

    return _check(repo, [(n, reader(n)) for n in chosen], HOOKS["pre-commit"])
