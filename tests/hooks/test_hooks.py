"""The git hooks against real git: `git send-email` with a local stand-in for sendmail (no
network), and `git commit` with the pre-commit hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from pitchlint.config.globs import matches

from .support import git, has_send_email, pitchlint

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


@pytest.mark.skipif(not has_send_email(), reason="git send-email is not installed (Debian: git-email)")
def test_send_email_blocks_a_cattle_call_and_sends_a_specific_ask(repo, sendmail):
    sendmail, received = sendmail
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
    assert "SKIP=pitchlint git commit" in blocked.stderr

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
    assert "SKIP=pitchlint git commit" in result.stderr


@pytest.mark.parametrize(
    "pattern,path,expected",
    [("*.eml", "out/2026/a.eml", True), ("drafts/**/*.md", "drafts/a.md", True),
     ("drafts/**/*.md", "drafts/x/y/a.md", True), ("drafts/**/*.md", "other/drafts/a.md", False),
     ("drafts/*.md", "drafts/x/a.md", False), ("*.md", "README.md", True)],
)
def test_include_globs(pattern, path, expected):
    assert matches(path, [pattern]) is expected


MANIFEST = Path(__file__).resolve().parents[2] / ".pre-commit-hooks.yaml"


def manifest_hook() -> dict:
    import yaml

    [hook] = yaml.safe_load(MANIFEST.read_text())
    return hook


def test_pre_commit_framework_manifest_is_valid():
    result = subprocess.run([sys.executable, "-m", "pre_commit", "validate-manifest", str(MANIFEST)],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert manifest_hook()["entry"] == "python -I -m pitchlint hook run pre-commit"  # the native hook's, isolated


@pytest.mark.parametrize("path", ["README.md", "docs/guide.md", "notes.txt", "drafts/a.md", "drafts/x/y/b.txt",
                                  "a.eml", "out/2026/b.eml", "other/drafts/a.md", "drafts/a.markdown"])
def test_manifest_files_are_the_default_include(path):
    import re

    from pitchlint.config.settings import DEFAULT_HOOK_INCLUDE

    assert bool(re.search(manifest_hook()["files"], path)) is matches(path, DEFAULT_HOOK_INCLUDE)


def framework(repo: Path, *args: str) -> subprocess.CompletedProcess:
    """The real pre-commit framework, running the manifest's hook as a local one: its entry,
    files and types, with pitchlint found on PATH as an installed hook would find it."""
    import yaml

    hook = {**manifest_hook(), "language": "system"}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}))
    bin_dir = str(Path(sys.executable).parent)
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", ""),
           "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}
    return subprocess.run([sys.executable, "-m", "pre_commit", *args], cwd=repo, capture_output=True,
                          text=True, env=env, timeout=300, stdin=subprocess.DEVNULL)


def test_the_pre_commit_framework_blocks_only_the_vague_draft_and_obeys_fail_on(repo):
    vague = VAGUE_MAIL.split("\n\n", 1)[1]
    (repo / "README.md").write_text("# Drafts\n\n" + vague)  # a README is not a draft
    (repo / "drafts").mkdir()
    (repo / "drafts" / "dana.md").write_text(vague)
    (repo / "drafts" / "lee.md").write_text(SPECIFIC_MAIL.split("\n\n", 1)[1])
    (repo / "drafts" / "notes.txt").write_text(vague)
    (repo / "pyproject.toml").write_text('[tool.pitchlint.hook]\ninclude = ["drafts/*.md"]\n')
    git(repo, "add", ".")
    blocked = framework(repo, "run", "--all-files")
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    assert "drafts/dana.md:" in blocked.stdout and "[vague-ask]" in blocked.stdout
    assert "pitchlint stopped drafts/dana.md:" in blocked.stdout
    assert "drafts/lee.md: specific" in blocked.stdout
    assert "README.md" not in blocked.stdout  # not in the manifest's files
    assert "notes.txt" not in blocked.stdout  # the framework passed it; include left it out

    (repo / "pyproject.toml").write_text('[tool.pitchlint.hook]\nfail-on = "error"\ninclude = ["drafts/*.md"]\n')
    git(repo, "add", ".")
    passed = framework(repo, "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout


PATCH_COMMIT = "Retry the fetch when the server answers 503\n\nIf you know anyone, or hear of any leads, please send them my way.\n"


@pytest.mark.skipif(not has_send_email(), reason="git send-email is not installed (Debian: git-email)")
def test_send_email_of_a_format_patch_goes_through_with_the_hook(repo, sendmail):
    sendmail, received = sendmail
    (repo / "fetch.py").write_text("print('fetch')\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "Add fetch")
    (repo / "fetch.py").write_text("print('fetch, with retries')\n")
    git(repo, "commit", "-q", "-a", "-m", PATCH_COMMIT)  # a vague "ask" in a commit message is not a pitch
    (repo / ".pitchlint.toml").write_text('[hook]\ninclude = ["*"]\n')  # even with every file included
    assert pitchlint(repo, "hook", "install").returncode == 0
    sent = git(repo, "send-email", "--to=dana@example.com", "--from=T <t@example.com>", f"--smtp-server={sendmail}",
               "--confirm=never", "--quiet", "-1", check=False)
    assert sent.returncode == 0, sent.stderr
    assert "Subject: [PATCH] Retry the fetch" in received.read_text()


def test_format_patch_output_is_recognised():
    from pitchlint.hooks import is_format_patch

    patch = b"From abc Mon Sep 17 00:00:00 2001\nSubject: [PATCH v2 2/3] Fix it\n\nWhy.\n---\ndiff --git a/x b/x\n"
    assert is_format_patch(patch)
    assert is_format_patch(b"Subject: [RFC PATCH 0/3] A series\n\nCover letter prose.\n")
    assert not is_format_patch(b"Subject: [PATCH] no diff here\n\nIf you know anyone, let me know.\n")
    assert not is_format_patch(b"Subject: Patching things up\n\ndiff --git is a command\n")
    assert not is_format_patch(VAGUE_MAIL.encode())


def test_send_email_checks_a_message_whatever_its_name(repo):
    """`include` picks drafts in folders and commits; what send-email hands over is a message."""
    from pitchlint.hooks import run_sendemail_validate

    (repo / "letters").mkdir()
    for name in ("letters/ask.txt", "ask.eml", "ASK.EML", "note", "out.mbox"):
        (repo / name).write_text(VAGUE_MAIL)
        status, lines = run_sendemail_validate(str(repo / name), repo)
        assert status == 1 and any("[vague-ask]" in line for line in lines), (name, lines)
