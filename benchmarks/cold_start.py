"""Cold start: `pitchlint message.txt` against a bare `spacy.load` of the same components, interleaved.

Each round runs, in turn, as fresh processes: a bare script that loads the components pitchlint
keeps (ner, senter, tok2vec, tagger and parser: the others excluded as pitchlint/analysis/pipeline.py
does) and analyses the
message, `pitchlint message.txt` (the real console script), and, for reference, a bare script with
the model's default pipeline. All read the same ~200-word message. One warm-up round (not
counted) fills the disk cache, writes byte-code (to a temporary PYTHONPYCACHEPREFIX, so the
checkout is not touched) and pitchlint's token cache (in a temporary XDG_CACHE_HOME; pass
--no-token-cache to time the first run after an install). Target: median pitchlint / median bare
load of the same components <= 1.15.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from common import median, model_name, pitchlint_command, print_table, process_env, time_process, verdict
from messages import messages

BARE_FULL = """
import sys, spacy
nlp = spacy.load(sys.argv[1])
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
"""
# The excluded components come in argv: importing them from pitchlint would time pitchlint's import.
BARE_SAME = """
import sys, spacy
nlp = spacy.load(sys.argv[1], exclude=sys.argv[3].split(","))
if "senter" in nlp.disabled:
    nlp.enable_pipe("senter")
doc = nlp(open(sys.argv[2], encoding="utf-8").read())
"""
TARGET = 1.15


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="counted rounds (default 9, at least 5 advised)")
    parser.add_argument("--no-token-cache", action="store_true",
                        help="give every pitchlint run an empty cache folder (the first run after an install)")
    parser.add_argument("--no-default", action="store_true", help="leave out the default-pipeline reference row")
    args = parser.parse_args()

    from pitchlint.analysis.pipeline import UNUSED_COMPONENTS  # cheap: does not import spaCy

    model = model_name()
    text = messages(1)[0]
    with tempfile.TemporaryDirectory(prefix="pitchlint-bench-") as tmp:
        message = Path(tmp) / "message.txt"
        message.write_text(text, encoding="utf-8")
        commands = {
            "bare spaCy, same components": [sys.executable, "-c", BARE_SAME, model, str(message),
                                         ",".join(UNUSED_COMPONENTS)],
            "pitchlint message.txt": [*pitchlint_command(), str(message)],
        }
        if not args.no_default:
            commands["bare spaCy, default pipeline"] = [sys.executable, "-c", BARE_FULL, model, str(message)]
        env = process_env(tmp)
        env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
        wall: dict[str, list[float]] = {name: [] for name in commands}
        cpu: dict[str, list[float]] = {name: [] for name in commands}
        for round_number in range(args.runs + 1):
            for name, command in commands.items():
                if args.no_token_cache:
                    env["XDG_CACHE_HOME"] = tempfile.mkdtemp(dir=tmp, prefix="cache-")
                before = os.times()
                elapsed = time_process(command, env, cwd=tmp, ok=(0, 1))  # pitchlint exits 1 on findings
                after = os.times()
                if round_number:  # round 0 is the warm-up
                    wall[name].append(elapsed)
                    cpu[name].append(after.children_user - before.children_user
                                     + after.children_system - before.children_system)

    load = os.getloadavg()[0]
    print(f"Cold start: model {model}, one message of {len(text.split())} words, {' '.join(pitchlint_command())}")
    print(f"  token cache: {'empty for every run' if args.no_token_cache else 'kept between runs'}; "
          f"load average {load:.2f} on {os.cpu_count()} cores")
    print_table("Wall clock of the whole process", "seconds", wall)
    print_table("CPU time of the whole process (user + system)", "seconds", cpu)
    same, lint = median(wall["bare spaCy, same components"]), median(wall["pitchlint message.txt"])
    same_cpu, lint_cpu = median(cpu["bare spaCy, same components"]), median(cpu["pitchlint message.txt"])
    print("\nRatios of medians")
    verdict("pitchlint / bare same components, wall clock", lint / same, f"<= {TARGET}", lint / same <= TARGET)
    print(f"  pitchlint / bare same components, CPU time: {lint_cpu / same_cpu:.3f}  (less sensitive to other load)")
    if not args.no_default:
        full = median(wall["bare spaCy, default pipeline"])
        print(f"  pitchlint / bare default pipeline, wall clock: {lint / full:.3f}  (for reference)")


if __name__ == "__main__":
    main()
