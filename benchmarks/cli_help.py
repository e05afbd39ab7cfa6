"""`pitchlint --help` and `pitchlint --version`: wall clock of the whole process.

`python -c pass` is timed alongside as the floor (interpreter start-up). Target: --help < 0.3 s.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile

from common import median, pitchlint_command, print_table, process_env, time_process, verdict

TARGET = 0.3
SPACY_CHECK = """
import sys
from pitchlint.cli.commands import main
try:
    main(["--help"])
except SystemExit:
    pass
print("spacy" in sys.modules, "jinja2" in sys.modules, file=sys.stderr)
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of each command (default 10)")
    args = parser.parse_args()

    cli = pitchlint_command()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "pitchlint --help": [*cli, "--help"],
        "pitchlint --version": [*cli, "--version"],
    }
    times: dict[str, list[float]] = {name: [] for name in commands}
    with tempfile.TemporaryDirectory(prefix="pitchlint-bench-") as tmp:
        env = process_env(tmp)
        for command in commands.values():  # warm-up (writes byte-code), not counted
            time_process(command, env)
        for _ in range(args.runs):
            for name, command in commands.items():
                times[name].append(time_process(command, env))

    print(f"CLI start-up: {' '.join(cli)}")
    print_table("Wall clock of the whole process", "seconds", times)
    help_time = median(times["pitchlint --help"])
    print()
    verdict("pitchlint --help median, seconds", help_time, f"< {TARGET}", help_time < TARGET)
    spacy, jinja = subprocess.run([sys.executable, "-c", SPACY_CHECK], capture_output=True,
                                  text=True).stderr.split()[-2:]
    print(f"  --help imports spaCy: {'yes' if spacy == 'True' else 'no'}, Jinja: {'yes' if jinja == 'True' else 'no'}")


if __name__ == "__main__":
    main()
