"""The git hooks against real git: `git send-email` with a local stand-in for sendmail (no
network), and `git commit` with the pre-commit hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pitchlint.globs import matches

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

VAGUE_MAIL = """From: Priya Shah <priya@example.com>
To: Dana Lee <dana@example.com>
Subject: Catching up

Hi Dana,

I'm between jobs after eight years at Amazon. If you know anyone, or hear of any
leads, please send them my way.

Thanks,
Priya
"""

SPECIFIC_MAIL = """From: Priya Shah <priya@example.com>
To: Dana Lee <dana@example.com>
Subject: A question about REI

Hi Dana,

I'm moving from Amazon's fulfillment operations into retail supply chain. Could you
introduce me to someone on the supply chain planning team at REI or Patagonia?

Thanks,
Priya
"""


def git(repo: Path, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check,
                          env=env, stdin=subprocess.DEVNULL, timeout=180, **kwargs)


def pitchlint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pitchlint", *args], cwd=repo, capture_output=True,
                          text=True, timeout=180)


@pytest.fixture
def repo(tmp_path):
    path = tmp_path / "drafts-repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    return path


def test_install_refuses_a_foreign_hook_chains_it_on_request_and_uninstall_restores_it(repo):
    foreign = repo / ".git" / "hooks" / "sendemail-validate"
    foreign.write_text("#!/bin/sh\necho foreign hook ran >&2\n")
    foreign.chmod(0o755)
    refused = pitchlint(repo, "hook", "install")
    assert refused.returncode == 2
    assert "a hook pitchlint did not write is already there" in refused.stderr
    assert foreign.read_text() == "#!/bin/sh\necho foreign hook ran >&2\n"
    chained = pitchlint(repo, "hook", "install", "--chain")
    assert chained.returncode == 0, chained.stderr
    assert "chained to the existing hook" in chained.stdout
    assert "pitchlint-managed hook" in foreign.read_text()
    assert (repo / ".git" / "hooks" / "sendemail-validate.pitchlint-chained").exists()
    removed = pitchlint(repo, "hook", "uninstall")
    assert removed.returncode == 0
    assert foreign.read_text() == "#!/bin/sh\necho foreign hook ran >&2\n"


def test_uninstall_leaves_a_foreign_hook_alone(repo):
    hook = repo / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nexit 0\n")
    result = pitchlint(repo, "hook", "uninstall", "--pre-commit")
    assert result.returncode == 2
    assert "was not installed by pitchlint" in result.stderr
    assert hook.exists()


def test_install_respects_core_hooks_path(repo):
    git(repo, "config", "core.hooksPath", "githooks")
    assert pitchlint(repo, "hook", "install").returncode == 0
    assert (repo / "githooks" / "sendemail-validate").exists()
    assert not (repo / ".git" / "hooks" / "sendemail-validate").exists()


def _has_send_email() -> bool:
    if shutil.which("git") is None:
        return False
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip()
    return os.access(os.path.join(exec_path, "git-send-email"), os.X_OK)


@pytest.mark.skipif(not _has_send_email(), reason="git send-email is not installed (Debian: git-email)")
def test_send_email_blocks_a_cattle_call_and_sends_a_specific_ask(repo, tmp_path):
    received = tmp_path / "received.txt"
    sendmail = tmp_path / "sendmail"
    sendmail.write_text(f"#!/bin/sh\ncat >> '{received}'\n")
    sendmail.chmod(0o755)
    assert pitchlint(repo, "hook", "install").returncode == 0

    def send(name: str, text: str):
        message = repo / name
        message.write_text(text)
        return git(repo, "send-email", "--to=dana@example.com", "--from=Priya Shah <priya@example.com>",
                   f"--smtp-server={sendmail}", "--confirm=never", "--quiet", str(message), check=False)

    blocked = send("vague.eml", VAGUE_MAIL)
    assert blocked.returncode != 0
    assert "warning [vague-ask]" in blocked.stderr
    assert "git send-email --no-validate" in blocked.stderr
    assert not received.exists()
    assert (repo / "vague.eml").read_text() == VAGUE_MAIL  # never modified

    sent = send("specific.eml", SPECIFIC_MAIL)
    assert sent.returncode == 0, sent.stderr
    body = received.read_text()
    assert "Could you\nintroduce me to someone on the supply chain planning team at REI or Patagonia?" in body


def test_pre_commit_lints_the_staged_version_of_drafts(repo):
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    drafts = repo / "drafts"
    drafts.mkdir()
    draft = drafts / "dana.md"
    draft.write_text(VAGUE_MAIL.split("\n\n", 1)[1])
    (repo / "notes.txt").write_text("If you know anyone, let me know.\n")  # not a draft: not linted
    git(repo, "add", ".")
    blocked = git(repo, "commit", "-q", "-m", "draft", check=False)
    assert blocked.returncode == 1
    assert "drafts/dana.md:" in blocked.stderr and "[vague-ask]" in blocked.stderr
    assert "notes.txt" not in blocked.stderr
    assert "git commit --no-verify" in blocked.stderr

    draft.write_text(SPECIFIC_MAIL.split("\n\n", 1)[1])
    git(repo, "add", "drafts/dana.md")
    draft.write_text(VAGUE_MAIL.split("\n\n", 1)[1])  # an unstaged edit is not what gets committed
    committed = git(repo, "commit", "-q", "-m", "draft", check=False)
    assert committed.returncode == 0, committed.stderr
    assert "specific" in committed.stderr


def test_hook_thresholds_come_from_the_hook_table(repo):
    (repo / "pyproject.toml").write_text('[tool.pitchlint.hook]\nfail-on = "error"\ninclude = ["*.txt"]\n')
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    (repo / "note.txt").write_text("If you know anyone, let me know.\n")
    git(repo, "add", ".")
    result = git(repo, "commit", "-q", "-m", "x", check=False)
    assert result.returncode == 0, result.stderr
    assert "[vague-ask]" in result.stderr  # reported, but a warning does not block at fail-on = error


def test_a_broken_configuration_blocks_with_the_reason_and_the_bypass(repo):
    (repo / ".pitchlint.toml").write_text('ignore = ["no-such-rule"]\n')
    assert pitchlint(repo, "hook", "install", "--pre-commit").returncode == 0
    (repo / "drafts").mkdir()
    (repo / "drafts" / "a.md").write_text("Could you introduce me to a recruiter at Microsoft?\n")
    git(repo, "add", ".")
    result = git(repo, "commit", "-q", "-m", "x", check=False)
    assert result.returncode == 1  # git reports any failing pre-commit hook as 1
    assert "pitchlint could not check the message, so it stopped it" in result.stderr
    assert "unknown rule id 'no-such-rule'" in result.stderr
    assert "git commit --no-verify" in result.stderr


@pytest.mark.parametrize(
    "pattern,path,expected",
    [("*.eml", "out/2026/a.eml", True), ("drafts/**/*.md", "drafts/a.md", True),
     ("drafts/**/*.md", "drafts/x/y/a.md", True), ("drafts/**/*.md", "other/drafts/a.md", False),
     ("drafts/*.md", "drafts/x/a.md", False), ("*.md", "README.md", True)],
)
def test_include_globs(pattern, path, expected):
    assert matches(path, [pattern]) is expected


def test_pre_commit_framework_manifest_is_valid():
    manifest = Path(__file__).resolve().parent.parent / ".pre-commit-hooks.yaml"
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(manifest)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "entry: pitchlint check" in manifest.read_text()
