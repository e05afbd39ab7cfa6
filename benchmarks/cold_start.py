"""Cold start: wall clock of `pitchlint message.txt` against bare spaCy scripts, interleaved.

Each round runs, in turn: a bare script with the model's default pipeline (`spacy.load(name)`),
a bare script with the components pitchlint keeps (ner + senter), and `pitchlint message.txt`.
All three read the same ~200-word message. One warm-up round (not counted) fills the disk cache
and writes byte-code (to a temporary PYTHONPYCACHEPREFIX, so the checkout is not touched). Target: pitchlint / bare default <= 1.15.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from common import median, model_name, process_env, pitchlint_command, print_table, time_process, verdict
from messages import messages

BARE_FULL = """
import sys, spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
"""
BARE_SAME = """
import sys, spacy
from pitchlint.analysis import UNUSED_COMPONENTS
nlp = spacy.load(sys.argv[1], exclude=UNUSED_COMPONENTS)
if "senter" in nlp.disabled:
    nlp.enable_pipe("senter")
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
"""
TARGET = 1.15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="counted rounds (default 7, at least 5 advised)")
    args = parser.parse_args()

    model = model_name()
    text = messages(1)[0]
    with tempfile.TemporaryDirectory(prefix="pitchlint-bench-") as tmp:
        message = Path(tmp) / "message.txt"
        message.write_text(text, encoding="utf-8")
        commands = {
            "bare spaCy, default pipeline": [sys.executable, "-c", BARE_FULL, model, str(message)],
            "bare spaCy, ner + senter": [sys.executable, "-c", BARE_SAME, model, str(message)],
            "pitchlint message.txt": [*pitchlint_command(), str(message)],
        }
        env = process_env(tmp)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(args.runs + 1):
            for name, command in commands.items():
                elapsed = time_process(command, env, cwd=tmp, ok=(0, 1))  # pitchlint exits 1 on findings
                if round_number:  # round 0 is the warm-up
                    times[name].append(elapsed)

    print(f"Cold start: model {model}, one message of {len(text.split())} words, {' '.join(pitchlint_command())}")
    print_table("Wall clock of the whole process", "seconds", times)
    full, same, lint = (median(v) for v in times.values())
    print("\nRatios of medians")
    verdict("pitchlint / bare default pipeline", lint / full, f"<= {TARGET}", lint / full <= TARGET)
    print(f"  pitchlint / bare ner + senter (same components): {lint / same:.3f}  (for reference)")


if __name__ == "__main__":
    main()
