"""Two drafts and a way to run the CLI as a user does (a real process), for the CLI, format and
suggest tests."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import SEEDS

VAGUE = "Hi Dana,\n\nI'm between jobs. If you know anyone, or hear of any leads, please send them my way.\n\nThanks,\nPriya\n"
SPECIFIC = SEEDS["training"] + "\n"


def run(*args, stdin: bytes | None = None, cwd=None):
    env = {**os.environ, "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "pitchlint", *map(str, args)],
        input=stdin, capture_output=True, cwd=cwd, env=env, timeout=120,
    )
