"""Hooks that failed open, each reproduction now blocked, through real git: git send-email of a
message whatever its file name, every message of an mbox, a plug-in rule that exits the process
(sys.exit at import or in check(), os._exit), a planted click.py with PYTHONPATH=., and the
pre-commit stop message that names `SKIP=pitchlint`, which the native hook honours too.

Plug-ins are installed the way a user installs them, into the environment's site-packages: a
small virtual environment (no pip) whose site-packages holds the plug-in and points to this
one's, so `python -I` finds both (-I drops PYTHONPATH, which the plug-in tests elsewhere use)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from hooks.support import git, has_send_email

from pitchlint import hooks

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
needs_send_email = pytest.mark.skipif(not has_send_email(), reason="git send-email is not installed (git-email)")

VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n\nThanks,\nSam\n"
SPECIFIC = "Hi Lee,\n\nCould you introduce me to a product manager at Stripe or Plaid?\n\nThanks,\nSam\n"
SEPARATOR = "From sam@example.com Mon Sep 17 00:00:00 2001\n"


def mail(body: str, subject: str = "Hello") -> str:
    return f"From: Sam <sam@example.com>\nTo: Dana <dana@example.com>\nSubject: {subject}\n\n{body}"


def run(python: str | Path, cwd: Path, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-I", "-m", "pitchlint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=180, env=env)


def send(repo: Path, sendmail: Path, *files: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return git(repo, "send-email", "--to=dana@example.com", "--from=Sam <sam@example.com>",
               f"--smtp-server={sendmail}", "--confirm=never", "--quiet", *files, check=False,
               **({"env": {**os.environ, **env}} if env else {}))


def commit(repo: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    git(repo, "add", "-A")
    extra = {"GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
             "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", "commit", "-q", "-m", "x"], cwd=repo, capture_output=True, text=True,
                          env={**os.environ, **extra, **(env or {})}, timeout=180, stdin=subprocess.DEVNULL)


def committed(repo: Path) -> bool:
    return git(repo, "rev-parse", "-q", "--verify", "HEAD", check=False).returncode == 0


# --- git send-email: every message it is about to send ------------------------------------------

@needs_send_email
def test_send_email_checks_a_message_whatever_its_file_name(repo, sendmail):
    """Through git; tests/hooks/test_hooks.py runs the check on .mbox, ASK.EML and no extension."""
    sendmail, received = sendmail
    name = "note.txt"
    assert run(sys.executable, repo, "hook", "install").returncode == 0
    (repo / name).write_text(mail(VAGUE))
    sent = send(repo, sendmail, name)
    assert sent.returncode != 0, sent.stderr
    assert "[vague-ask]" in sent.stderr and f"pitchlint stopped {repo / name}:" in sent.stderr
    assert not received.exists()


@needs_send_email
def test_send_email_checks_every_message_of_an_mbox_even_in_an_eml(repo, sendmail):
    sendmail, received = sendmail
    name = "two.eml"
    assert run(sys.executable, repo, "hook", "install").returncode == 0
    (repo / name).write_text(SEPARATOR + mail(SPECIFIC, "One") + "\n" + SEPARATOR + mail(VAGUE, "Two"))
    sent = send(repo, sendmail, name)
    assert sent.returncode != 0, sent.stderr
    assert f"pitchlint stopped {repo / name} (message 2 of 2):" in sent.stderr
    assert f"{repo / name} (message 1 of 2): specific" in sent.stderr
    assert not received.exists()


def test_an_mbox_is_split_at_its_from_lines_only():
    body = "Hi,\n\n>From the start, I wanted this.\nFrom what I hear, Stripe is hiring.\n"
    one, two = hooks.mbox_messages((SEPARATOR + mail(body) + "\n" + SEPARATOR + mail(VAGUE)).encode())
    assert one.decode() == SEPARATOR + mail(body) + "\n" and two.decode() == SEPARATOR + mail(VAGUE)
    assert hooks.mbox_messages(mail(body).encode()) == [mail(body).encode()]


def test_a_patch_in_an_mbox_goes_through_and_the_ask_beside_it_does_not(repo):
    patch = (SEPARATOR + "From: Sam <sam@example.com>\nSubject: [PATCH 1/1] Fix it\n\n"
             "If you know anyone, send them my way.\n---\ndiff --git a/x b/x\n")
    (repo / "series.mbox").write_text(patch + SEPARATOR + mail(VAGUE))
    status, lines = hooks.run_sendemail_validate(str(repo / "series.mbox"), repo)
    assert status == 1
    assert not any("(message 1 of 2)" in line for line in lines)
    assert any(line.startswith("pitchlint stopped ") and "(message 2 of 2)" in line for line in lines)


# --- a plug-in rule that exits the process --------------------------------------------------------

PLUGIN = '''
import os
import sys

from pitchlint.rulepack import Rule

{at_import}

def check(ctx):
    {in_check}
    for entity in ctx.analysis.targets("COMPANY"):
        yield ctx.finding(entity.start, entity.end, "Name the team at " + entity.text + ".")


DOCS = dict(what="w", why="y", example="e", use_instead="u", options="none")
RULES = [Rule(id="name-the-team", kind="python", severity="warning", summary="s", message="", check=check,
              docs=DOCS, examples={{"fail": ["Anyone at Microsoft?"], "pass": ["Anyone?"]}})]
'''


def python_with_plugin(root: Path, at_import: str = "", in_check: str = "pass") -> Path:
    """A Python whose environment has this one's packages and a plug-in installed."""
    env = root / "plugin-env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(env)], check=True, timeout=120)
    [site] = list(env.glob("lib/python3*/site-packages"))
    (site / "zz_parent_env.pth").write_text(f"import site; site.addsitedir({sysconfig.get_paths()['purelib']!r})\n")
    (site / "exiting_plugin.py").write_text(PLUGIN.format(at_import=at_import, in_check=in_check))
    dist = site / "exiting_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: exiting-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[pitchlint.rules]\nexiting = exiting_plugin:RULES\n")
    return env / "bin" / "python"


EXITS = {
    "sys.exit at import": {"at_import": "sys.exit(0)"},
    "sys.exit in check": {"in_check": "sys.exit(0)"},
    "os._exit in check": {"in_check": "os._exit(0)"},
}


@pytest.mark.parametrize("how", list(EXITS))
def test_a_plugin_that_exits_cannot_let_a_commit_through(repo, tmp_path, how):
    python = python_with_plugin(tmp_path, **EXITS[how])
    assert run(python, repo, "hook", "install", "--pre-commit").returncode == 0
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text(VAGUE)
    result = commit(repo)
    assert result.returncode != 0 and not committed(repo), result.stderr
    assert "pitchlint" in result.stderr and "SKIP=pitchlint git commit" in result.stderr


SEND_STOPPED_BY = {  # the reason the send was stopped: an exit pitchlint caught, or the missing marker
    "sys.exit at import": "pitchlint.rules entry points: a plug-in exited while it was loaded (SystemExit: 0)",
    "sys.exit in check": "rule name-the-team failed: SystemExit: 0",
    "os._exit in check": "pitchlint: the sendemail-validate check exited with status 0 before it finished (a plug-in "
                         "rule that exits, or a crash), so it stopped the message. To go ahead unchecked: git "
                         "send-email --no-validate ...",
}


@needs_send_email
@pytest.mark.parametrize("how", list(EXITS))
def test_a_plugin_that_exits_cannot_let_a_send_through(repo, sendmail, tmp_path, how):
    sendmail, received = sendmail
    python = python_with_plugin(tmp_path, **EXITS[how])
    assert run(python, repo, "hook", "install").returncode == 0
    (repo / "ask.eml").write_text(mail(VAGUE))
    sent = send(repo, sendmail, "ask.eml")
    assert sent.returncode != 0, sent.stderr
    assert not received.exists()
    assert SEND_STOPPED_BY[how] in sent.stderr
    assert hooks.COMPLETE not in sent.stdout + sent.stderr  # the marker never reaches git or the user


def test_an_installed_plugin_still_runs_in_the_isolated_hook(repo, tmp_path):
    python = python_with_plugin(tmp_path)
    assert run(python, repo, "hook", "install", "--pre-commit").returncode == 0
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text("Could you introduce me to a product manager at Stripe?\n")
    result = commit(repo)
    assert "[name-the-team] Name the team at Stripe." in result.stderr
    assert result.returncode != 0 and not committed(repo)  # its warning blocks, as the built-in rules' do


# --- PYTHONPATH and the working folder ------------------------------------------------------------

PLANTED = "import sys\nsys.stderr.write('PLANTED MODULE RAN\\n')\nsys.exit(0)\n"


def test_a_planted_click_py_does_not_run_with_pythonpath_set(repo):
    assert run(sys.executable, repo, "hook", "install", "--pre-commit").returncode == 0
    (repo / "click.py").write_text(PLANTED)
    (repo / "startup.py").write_text(PLANTED)
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text(VAGUE)
    result = commit(repo, env={"PYTHONPATH": ".", "PYTHONSTARTUP": "startup.py", "PYTHONUSERBASE": "."})
    assert "PLANTED MODULE RAN" not in result.stderr
    assert "[vague-ask]" in result.stderr and not committed(repo)


def test_the_framework_entry_runs_isolated_too():
    manifest = (Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml").read_text()
    assert "entry: python -I -m pitchlint hook run pre-commit\n" in manifest


# --- the way around is for pitchlint alone --------------------------------------------------------

def test_the_stop_message_names_skip_and_skip_skips_only_pitchlint(repo):
    assert run(sys.executable, repo, "hook", "install", "--pre-commit").returncode == 0
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text(VAGUE)
    blocked = commit(repo, env={"SKIP": "black,flake8"})  # other hooks' ids skip only them
    assert not committed(repo), blocked.stderr
    assert "SKIP=pitchlint git commit" in blocked.stderr and "--no-verify" not in blocked.stderr
    assert "--no-verify" not in hooks.script("pre-commit", chained=False)
    skipped = commit(repo, env={"SKIP": "black, pitchlint"})
    assert skipped.returncode == 0 and committed(repo), skipped.stderr
    assert "pre-commit check skipped (SKIP=pitchlint)" in skipped.stderr
