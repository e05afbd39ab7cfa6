"""The hooks fail closed: a vague message is stopped, not let through, when modules are planted in
the repository, a template fails, the configuration is broken or writable by others, or a hook
file is not pitchlint's own. The hooks run against real git; the one-loader test holds the CLI,
the hook and the editor to the same answer for each file."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from pitchlint import hooks
from pitchlint.config.settings import config_for, find_config
from pitchlint.errors import ConfigError

from .support import git, has_send_email

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n\nThanks,\nSam\n"
VAGUE_MAIL = "From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\nSubject: Hello\n\n" + VAGUE


def pitchlint(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The CLI in a real process, with -P: these tests plant modules in the repository."""
    return subprocess.run([sys.executable, "-P", "-m", "pitchlint", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=180)


def commit(repo: Path) -> subprocess.CompletedProcess:
    git(repo, "add", "-A")
    return git(repo, "commit", "-q", "-m", "x", check=False)


def committed(repo: Path) -> bool:
    return git(repo, "rev-parse", "-q", "--verify", "HEAD", check=False).returncode == 0


# --- modules planted in the repository do not run -------------------------------------------------

PLANTED = "import sys\nsys.stderr.write('PLANTED MODULE RAN\\n')\nsys.exit(0)\n"


def test_a_planted_yaml_py_does_not_run_in_the_pre_commit_hook(repo):
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    for name in ("yaml.py", "click.py", "spacy.py", "pitchlint.py"):
        (repo / name).write_text(PLANTED)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text("---\nchannel: email\n---\n" + VAGUE)  # front matter needs yaml
    result = commit(repo)
    assert "PLANTED MODULE RAN" not in result.stderr
    assert "[vague-ask]" in result.stderr
    assert not committed(repo)


@pytest.mark.skipif(not has_send_email(), reason="git send-email is not installed (Debian: git-email)")
def test_a_planted_click_py_does_not_run_in_send_email(repo, sendmail):
    sendmail, received = sendmail
    assert pitchlint(repo, "hook", "install").returncode == 0
    (repo / "click.py").write_text(PLANTED)
    (repo / "vague.eml").write_text(VAGUE_MAIL)
    sent = git(repo, "send-email", "--to=dana@example.com", "--from=Sam <sam@example.com>",
               f"--smtp-server={sendmail}", "--confirm=never", "--quiet", "vague.eml", check=False)
    assert sent.returncode != 0
    assert "PLANTED MODULE RAN" not in sent.stderr
    assert not received.exists()


def test_the_hook_script_runs_python_isolated():
    assert " -I -m pitchlint hook run pre-commit " in hooks.script("pre-commit", chained=False)


# --- a failing template cannot hide a verdict -----------------------------------------------------

def test_a_failing_template_keeps_the_finding_and_blocks_the_commit(repo):
    """(tests/hostile runs more templates that fail: recursion, a gigabyte, nested loops.)"""
    (repo / "tpl").mkdir()
    (repo / "tpl" / "vague-ask.j2").write_text("{{ 1/0 }}")
    (repo / ".pitchlint.toml").write_text('templates = "tpl"\n')
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.txt").write_text(VAGUE)
    cli = pitchlint(repo, "check", "drafts/a.txt")
    assert cli.returncode == 2, cli.stdout + cli.stderr
    assert "warning [vague-ask]" in cli.stdout and "internal error: rule vague-ask: template vague-ask.j2 failed" in cli.stdout
    assert "try:" not in cli.stdout  # no rewrite shown, since none could be made
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    result = commit(repo)
    assert not committed(repo)
    assert "pitchlint could not check the message, so it stopped it" in result.stderr


# --- a broken pyproject.toml with our table is an error -------------------------------------------

def test_an_invalid_pyproject_with_our_table_is_an_error_in_the_cli_and_the_hook(repo):
    (repo / "pyproject.toml").write_text('[project]\nname = "x"\n[tool.pitchlint]\nignore = ["vague-ask"\n')
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.txt").write_text(VAGUE)
    cli = pitchlint(repo, "check", "drafts/a.txt")
    assert cli.returncode == 2
    assert "pyproject.toml: is not valid TOML" in cli.stderr and "holds pitchlint's configuration" in cli.stderr
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    result = commit(repo)
    assert not committed(repo) and "holds pitchlint's configuration" in result.stderr


def test_someone_elses_broken_pyproject_is_skipped(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x\n')
    assert find_config(tmp_path.resolve()).path is None


@pytest.mark.parametrize("body,reason", [
    ("tool = 5\n[x]\npitchlint = 1\n", None),  # not ours: the defaults
    ('[tool]\npitchlint = "strict"\n', "`tool.pitchlint` must be a table"),
])
def test_wrong_shapes_in_pyproject(tmp_path, body, reason):
    (tmp_path / "pyproject.toml").write_text(body)
    find_config.cache_clear()
    if reason is None:
        assert config_for(str(tmp_path / "a.txt")).path is None
    else:
        with pytest.raises(ConfigError, match=reason.replace("`", ".")):
            config_for(str(tmp_path / "a.txt"))


# --- one loader; the CLI, the hook and the editor agree per file ----------------------------------

def test_the_nearest_configuration_governs_the_hook_as_it_does_the_cli(repo):
    (repo / ".pitchlint.toml").write_text('ignore = ["vague-ask", "missing-context", "no-next-step"]\n')
    (repo / "drafts").mkdir()
    (repo / "drafts" / ".pitchlint.toml").write_text('select = ["vague-ask"]\n')
    (repo / "drafts" / "a.md").write_text(VAGUE)
    (repo / "loose.txt").write_text(VAGUE)  # governed by the root's configuration
    cli = pitchlint(repo, "check", "drafts/a.md")
    assert cli.returncode == 1 and "[vague-ask]" in cli.stdout
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    result = commit(repo)
    assert not committed(repo)
    assert "drafts/a.md:3:" in result.stderr and "[vague-ask]" in result.stderr
    assert hooks.config_of(repo / "drafts" / "a.md").select == ("vague-ask",)
    assert "vague-ask" in hooks.config_of(repo / "loose.txt").ignore


def test_the_editor_uses_the_same_loader(repo):
    from pitchlint.lsp.settings import Settings, config_for_document

    (repo / "drafts").mkdir()
    (repo / "drafts" / ".pitchlint.toml").write_text('select = ["vague-ask"]\n')
    path = str(repo / "drafts" / "a.md")
    assert config_for_document(path, Settings()).select == hooks.config_of(Path(path)).select == ("vague-ask",)


# --- a configuration others could write is refused ------------------------------------------------

def test_a_configuration_in_a_world_writable_folder_is_refused_with_a_warning(repo):
    (repo / ".pitchlint.toml").write_text('fail-on = "warning"\n')
    drafts = repo / "drafts"
    drafts.mkdir()
    (drafts / ".pitchlint.toml").write_text('ignore = ["vague-ask", "missing-context", "no-next-step"]\n')
    drafts.chmod(drafts.stat().st_mode | stat.S_IWOTH)
    (drafts / "a.txt").write_text(VAGUE)
    cli = pitchlint(repo, "check", "drafts/a.txt")
    assert cli.returncode == 1, cli.stdout
    assert "drafts/.pitchlint.toml: not used, because its folder is writable by every user" in cli.stdout
    assert "[vague-ask]" in cli.stdout
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    commit(repo)
    assert not committed(repo)


# --- only pitchlint's own file is pitchlint's -----------------------------------------------------

def test_a_foreign_hook_that_mentions_the_marker_is_not_overwritten(repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    foreign = f"#!/bin/sh\n# {hooks.MARKER}: copied from a blog post, then edited\nmake lint\n"
    hook.write_text(foreign)
    result = pitchlint(repo, "hook", "install", "--pre-commit")
    assert result.returncode == 2 and "a hook pitchlint did not write is already there" in result.stderr
    assert hook.read_text() == foreign
    assert pitchlint(repo, "hook", "uninstall", "--pre-commit").returncode == 2
    assert hook.read_text() == foreign


def test_an_edited_pitchlint_hook_is_not_ours(repo):
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    hook = repo / ".git" / "hooks" / "pre-commit"
    assert hooks.is_ours(hook)
    hook.write_text(hook.read_text().replace("|| exit $?", "|| true"))
    assert not hooks.is_ours(hook)


def test_a_dangling_symlink_hook_is_left_alone(repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.symlink_to(repo / "shared-hooks" / "pre-commit")  # a hooks folder not checked out yet
    result = pitchlint(repo, "hook", "install", "--pre-commit")
    assert result.returncode == 2
    assert hook.is_symlink() and os.readlink(hook) == str(repo / "shared-hooks" / "pre-commit")


def test_a_hook_written_by_an_earlier_pitchlint_is_recognised(repo):
    hook = repo / ".git" / "hooks" / "sendemail-validate"
    hook.write_text(
        f"#!/bin/sh\n# {hooks.MARKER}: sendemail-validate. Installed by `pitchlint hook install`; remove with "
        "`pitchlint hook uninstall`.\n# To skip the check once: git send-email --no-validate ...\n"
        '/usr/bin/python3 -m pitchlint hook run sendemail-validate "$@" || exit $?\n')
    assert hooks.is_ours(hook)
    assert pitchlint(repo, "hook", "install").returncode == 0
    assert " -I -m pitchlint" in hook.read_text()
