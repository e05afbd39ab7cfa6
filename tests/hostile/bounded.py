"""The bound on work: every input under the size limit lints, or is refused with a one-line error,
within CPU_SECONDS of CPU time and PEAK_MB of peak memory (issue 19).

These are resource limits, not timings: CPU time is what the process (and the children it waited
for) used, whatever else the shared machine was doing, so they are allowed in a pass/fail test.
Margins: a cold `pitchlint` run costs about 1.2-1.6 s of CPU and 150-200 MB here (spaCy and the
model); the bound leaves 3x that for the message itself. A hung process is killed after
KILL_AFTER seconds of wall-clock time, which only stops the test from hanging: the CPU it used
then is over the bound anyway.

`run_measured` runs one command in a subprocess and reports its exit status, output, CPU seconds
(ru_utime + ru_stime) and peak resident memory (ru_maxrss) from os.wait4. The command is started
by a small launcher process (LAUNCHER), not by the test process itself: Linux counts a forked
child's peak memory from its parent's at the fork, so a child of a pytest process that had grown
to 470 MB reported 470 MB for a run that used 50. `server_usage` reads the same two figures of a
process that is still running (a language server) from /proc.

Set PITCHLINT_HOSTILE_REPORT=path.jsonl to append each measured run's figures to that file (one JSON
object a line: what ran, CPU seconds, peak MB), for the closing note's worst case."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

CPU_SECONDS = 5.0
PEAK_MB = 300.0
KILL_AFTER = 60.0  # wall-clock seconds: a safety stop for a hang, never the assertion


@dataclass(frozen=True)
class Measured:
    status: int
    stdout: str
    stderr: str
    cpu_seconds: float
    peak_mb: float

    @property
    def output(self) -> str:
        return self.stdout + self.stderr

    def within_bound(self) -> str:
        """'' when the run kept to the bound, else why not (for the assertion message)."""
        problems = []
        if self.cpu_seconds > CPU_SECONDS:
            problems.append(f"used {self.cpu_seconds:.1f} s of CPU (bound {CPU_SECONDS:.0f} s)")
        if self.peak_mb > PEAK_MB:
            problems.append(f"peaked at {self.peak_mb:.0f} MB (bound {PEAK_MB:.0f} MB)")
        if "Traceback" in self.output:
            problems.append("printed a traceback")
        return "; ".join(problems) + (f"\n{self.output[-1500:]}" if problems else "")


def pitchlint(*args: str) -> list[str]:
    """The command line of `pitchlint ARGS` run as a user runs it (isolated from the test's cwd)."""
    return [sys.executable, "-P", "-m", "pitchlint", *args]


# Forks the command from a small process, waits for it, writes its usage to the file argv[1] and
# exits as it did (a signal as 128 + its number).
LAUNCHER = """
import json, os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"cpu": usage.ru_utime + usage.ru_stime, "maxrss_kb": usage.ru_maxrss}, out)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run_measured(args: list[str], cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None,
                 label: str = "") -> Measured:
    """`label` names the run in the report file (default: the command line's last word)."""
    with tempfile.TemporaryDirectory() as folder:
        usage_file = Path(folder) / "usage.json"
        status, out, err = _run([sys.executable, "-c", LAUNCHER, str(usage_file), *args], cwd, stdin, env)
        usage = json.loads(usage_file.read_text()) if usage_file.exists() else {"cpu": float("inf"), "maxrss_kb": 0}
    measured = Measured(status=status, stdout=out, stderr=err, cpu_seconds=usage["cpu"],
                        peak_mb=usage["maxrss_kb"] / 1024)
    record(label or Path(args[-1]).name, measured.cpu_seconds, measured.peak_mb)
    return measured


def server_usage(pid: int) -> tuple[float, float]:
    """(CPU seconds, peak MB) of a running process: its utime + stime and VmHWM, both its own
    (after its exec the peak no longer holds the memory of the process that started it)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    cpu = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    status = Path(f"/proc/{pid}/status").read_text()
    peak_kb = int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1])
    return cpu, peak_kb / 1024


def record(label: str, cpu_seconds: float, peak_mb: float) -> None:
    """One line in the PITCHLINT_HOSTILE_REPORT file, if it is set (appended: xdist workers share it)."""
    target = os.environ.get("PITCHLINT_HOSTILE_REPORT")
    if target:
        with open(target, "a", encoding="utf-8") as out:
            figures = {"run": label, "cpu_seconds": round(cpu_seconds, 2), "peak_mb": round(peak_mb)}
            out.write(json.dumps(figures) + "\n")


def _run(args: list[str], cwd: Path, stdin: bytes | None, env: dict[str, str] | None) -> tuple[int, str, str]:
    process = subprocess.Popen(args, cwd=cwd, env={**os.environ, "NO_COLOR": "1", **(env or {})},
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True)  # its own process group: a hang is killed whole
    assert process.stdin and process.stdout and process.stderr
    chunks: dict[str, bytearray] = {"out": bytearray(), "err": bytearray()}

    def pump(stream, into: bytearray) -> None:
        while chunk := stream.read(65536):
            into.extend(chunk)

    readers = [threading.Thread(target=pump, args=(process.stdout, chunks["out"]), daemon=True),
               threading.Thread(target=pump, args=(process.stderr, chunks["err"]), daemon=True)]
    for reader in readers:
        reader.start()
    if stdin is not None:
        try:
            process.stdin.write(stdin)
        except BrokenPipeError:
            pass  # it stopped reading: what a size limit does
    process.stdin.close()
    timer = threading.Timer(KILL_AFTER, lambda: os.killpg(process.pid, signal.SIGKILL))
    timer.start()
    try:
        status = process.wait()
    finally:
        timer.cancel()
    for reader in readers:
        reader.join(10)
    return status, chunks["out"].decode("utf-8", "replace"), chunks["err"].decode("utf-8", "replace")
