"""What the hook tests share: git and the CLI run as a user runs them (real processes)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path


def git(repo: Path, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, check=check,
                          env=env, stdin=subprocess.DEVNULL, timeout=180, **kwargs)


def pitchlint(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pitchlint", *args], cwd=repo, capture_output=True,
                          text=True, timeout=180)


def has_send_email() -> bool:
    if shutil.which("git") is None:
        return False
    exec_path = subprocess.run(["git", "--exec-path"], capture_output=True, text=True).stdout.strip()
    return os.access(os.path.join(exec_path, "git-send-email"), os.X_OK)
