"""Data that was lost, each reproduction now kept: `--resume` with repeated ids and with `1` beside
`"1"` (4 rows in, 2 out before), `--overwrite` killed with `kill -9` (it had truncated the complete
earlier output), and `--jobs 2` workers left running for ever after their parent was killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

VAGUE = "If you know anyone, or hear of any leads, please send them my way."
SPECIFIC = "Could you introduce me to a product manager at Stripe?"


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pitchlint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))


def read_rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


ROWS = [{"id": 1, "text": VAGUE}, {"id": "1", "text": SPECIFIC}, {"id": 1, "text": SPECIFIC + " Or Plaid?"},
        {"id": 2, "text": VAGUE + " Thanks!"}]


@pytest.mark.parametrize("output", ["out.jsonl", "out.parquet"])
def test_resume_keeps_every_row_when_ids_repeat(tmp_path, output):
    if output.endswith(".parquet"):
        pytest.importorskip("pyarrow")
    write_jsonl(tmp_path / "in.jsonl", ROWS[:2])
    first = cli("batch", "in.jsonl", "-o", output, "--jobs", "1", "--no-progress", cwd=tmp_path)
    assert first.returncode == 1, first.stderr
    write_jsonl(tmp_path / "in.jsonl", ROWS)  # the input the interrupted run was reading, in full
    resumed = cli("batch", "in.jsonl", "-o", output, "--resume", "--jobs", "1", "--no-progress", cwd=tmp_path)
    assert resumed.returncode == 1, resumed.stderr
    if output.endswith(".jsonl"):
        rows = read_rows(tmp_path / output)
        assert [(r["id"], r["verdict"]) for r in rows] == [(1, "vague"), ("1", "specific"), (1, "specific"),
                                                           (2, "vague")]
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(tmp_path / output)
        assert table.column("id").to_pylist() == ["1", "1", "1", "2"]
        assert table.column("verdict").to_pylist() == ["vague", "specific", "specific", "vague"]
    again = cli("batch", "in.jsonl", "-o", output, "--resume", "--jobs", "1", "--no-progress", cwd=tmp_path)
    assert again.returncode == 0, again.stderr  # nothing left to lint


def test_resume_refuses_an_output_written_from_other_input(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", ROWS[:2])
    assert cli("batch", "in.jsonl", "-o", "out.jsonl", "--jobs", "1", cwd=tmp_path).returncode == 1
    before = (tmp_path / "out.jsonl").read_bytes()
    write_jsonl(tmp_path / "in.jsonl", [ROWS[3], *ROWS])
    result = cli("batch", "in.jsonl", "-o", "out.jsonl", "--resume", "--jobs", "1", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == ("pitchlint: out.jsonl: row 1 has id '1', but message 1 of the input "
                                     "(in.jsonl:1) has id '2': it was written from other input; cannot resume")
    assert (tmp_path / "out.jsonl").read_bytes() == before
    write_jsonl(tmp_path / "in.jsonl", ROWS[:1])
    shorter = cli("batch", "in.jsonl", "-o", "out.jsonl", "--resume", "--jobs", "1", cwd=tmp_path)
    assert shorter.returncode == 2 and "has 2 rows but the input has 1 messages" in shorter.stderr


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid`."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_overwrite_killed_keeps_the_earlier_output_and_the_workers_exit(tmp_path):
    write_jsonl(tmp_path / "in.jsonl", ROWS)
    assert cli("batch", "in.jsonl", "-o", "out.jsonl", "--jobs", "1", cwd=tmp_path).returncode == 1
    earlier = (tmp_path / "out.jsonl").read_bytes()
    write_jsonl(tmp_path / "big.jsonl", [{"id": n, "text": f"{VAGUE} Message {n}."} for n in range(1500)])
    run = subprocess.Popen([sys.executable, "-m", "pitchlint", "batch", "big.jsonl", "-o", "out.jsonl", "--overwrite",
                            "--jobs", "2", "--chunk-size", "8", "--no-progress"], cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    partial = list(tmp_path.glob(".out.jsonl.*.partial"))
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not (partial and partial[0].stat().st_size > 0):
        time.sleep(0.2)
        workers |= children(run.pid)
        partial = list(tmp_path.glob(".out.jsonl.*.partial"))
    assert partial and partial[0].stat().st_size > 0, "the new run wrote no rows"
    workers |= children(run.pid)
    assert len(workers) >= 2
    os.kill(run.pid, signal.SIGKILL)
    run.wait(30)
    assert (tmp_path / "out.jsonl").read_bytes() == earlier  # the complete earlier output, untouched
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and any(alive(pid) for pid in workers):
        time.sleep(0.2)
    survivors = [pid for pid in workers if alive(pid)]
    for pid in survivors:  # not left behind when this fails
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "workers outlived their parent"
    # the next run cleans the dead run's temporary file up and replaces the output when it ends
    again = cli("batch", "in.jsonl", "-o", "out.jsonl", "--overwrite", "--jobs", "1", cwd=tmp_path)
    assert again.returncode == 1
    assert not list(tmp_path.glob(".out.jsonl.*.partial"))
    assert [r["id"] for r in read_rows(tmp_path / "out.jsonl")] == [1, "1", 1, 2]


def test_overwrite_of_a_parquet_output_killed_keeps_the_earlier_one(tmp_path):
    """Parquet goes through the same temporary file: its writer makes it at once, so the kill can
    come as soon as it exists (and the earlier file, read back, still holds its rows)."""
    pq = pytest.importorskip("pyarrow.parquet")
    write_jsonl(tmp_path / "in.jsonl", ROWS)
    assert cli("batch", "in.jsonl", "-o", "out.parquet", "--jobs", "1", cwd=tmp_path).returncode == 1
    earlier = (tmp_path / "out.parquet").read_bytes()
    write_jsonl(tmp_path / "big.jsonl", [{"id": n, "text": f"{VAGUE} Message {n}."} for n in range(1500)])
    run = subprocess.Popen([sys.executable, "-m", "pitchlint", "batch", "big.jsonl", "-o", "out.parquet",
                            "--overwrite", "--jobs", "1", "--no-progress"], cwd=tmp_path,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline and not list(tmp_path.glob(".out.parquet.*.partial")) and run.poll() is None:
        time.sleep(0.05)
    assert list(tmp_path.glob(".out.parquet.*.partial")), "the new run made no temporary file"
    os.kill(run.pid, signal.SIGKILL)
    run.wait(30)
    assert (tmp_path / "out.parquet").read_bytes() == earlier
    assert [str(i) for i in pq.read_table(tmp_path / "out.parquet").column("id").to_pylist()] == ["1", "1", "1", "2"]
