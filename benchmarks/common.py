"""Small helpers the benchmark scripts share: finding the CLI, timing a process, printing a table."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


# The reference the speed targets name: the model's NER and sentence segmenter alone, what pitchlint
# ran before it read the grammar (its tok2vec, tagger and parser now run on the sentences that can
# hold a want, inside pitchlint).
NER_AND_SENTER_EXCLUDE = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


def pitchlint_command() -> list[str]:
    """The `pitchlint` console script next to this interpreter, else `python -m pitchlint.cli.commands`."""
    folder = Path(sys.executable).parent
    for name in ("pitchlint", "pitchlint.exe"):
        if (folder / name).is_file():
            return [str(folder / name)]
    return [sys.executable, "-m", "pitchlint"]


def model_name() -> str:
    from pitchlint.analysis import resolve_model  # cheap: does not import spaCy

    return resolve_model(None)


def process_env(tmp: str) -> dict[str, str]:
    """The environment for timed processes: byte-code cached under `tmp`, as an installed wheel has.

    Without this, PYTHONDONTWRITEBYTECODE (or a read-only checkout) makes an editable install
    recompile pitchlint's modules in every process, which a user's installed copy never does.
    """
    env = {**os.environ, "NO_COLOR": "1", "PYTHONPYCACHEPREFIX": os.path.join(tmp, "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def time_process(command: list[str], env: dict[str, str], cwd: str | None = None, ok=(0,)) -> float:
    """Wall-clock seconds of a whole process; stops the benchmark if the process fails."""
    start = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode not in ok:
        sys.exit(f"command failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
    return elapsed


def median(values) -> float:
    return statistics.median(values)


def print_table(title: str, unit: str, rows: dict[str, list[float]], fmt: str = "{:.3f}") -> None:
    """One row per measured thing: median, min, max over its runs."""
    width = max(len(name) for name in rows)
    print(f"\n{title}")
    print(f"  {'':{width}}  {'median':>9}  {'min':>9}  {'max':>9}  ({unit}, {len(next(iter(rows.values())))} runs)")
    for name, values in rows.items():
        cells = "  ".join(f"{fmt.format(v):>9}" for v in (median(values), min(values), max(values)))
        print(f"  {name:{width}}  {cells}")


def verdict(label: str, value: float, target: str, meets: bool) -> None:
    print(f"  {label}: {value:.3f}  (target {target})  meets target: {'yes' if meets else 'no'}")
