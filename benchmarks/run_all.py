"""Run the benchmarks one after another, each in its own process, with small defaults."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    ("cli_help.py", ["--runs", "10"]),
    ("cold_start.py", ["--runs", "5"]),
    ("throughput.py", ["--runs", "3", "--messages", "150"]),
    ("lsp_latency.py", ["--edits", "100", "--starts", "3"]),
    ("focus_identity.py", ["--messages", "100"]),
    ("scaling.py", ["--runs", "1"]),
]


def main() -> int:
    failed = 0
    for script, options in SCRIPTS:
        print(f"=== {script} {' '.join(options)}", flush=True)
        failed += subprocess.run([sys.executable, str(HERE / script), *options]).returncode != 0
        print(flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
