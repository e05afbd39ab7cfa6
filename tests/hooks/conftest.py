"""Fixtures of the hook tests: an empty git repository and a stand-in for sendmail."""

from __future__ import annotations

import pytest

from .support import git


@pytest.fixture
def repo(tmp_path):
    path = tmp_path / "drafts-repo"
    path.mkdir()
    git(path, "init", "-q", "-b", "main")
    return path


@pytest.fixture
def sendmail(tmp_path):
    """A stand-in for sendmail that appends what git send-email hands it to received.txt."""
    received = tmp_path / "received.txt"
    program = tmp_path / "sendmail"
    program.write_text(f"#!/bin/sh\ncat >> '{received}'\n")
    program.chmod(0o755)
    return program, received
