"""Batch throughput and memory: `lint_many` against bare spaCy, `pitchlint batch --jobs 2` and a
2-worker Dask LocalCluster against `--jobs 1`, the Dask overhead per partition, and peak memory over
a large JSONL input generated on the fly. All in one run, so the figures share the machine's load.

1. In this process, over --messages messages (~200 words): bare `nlp.pipe` with the components
   pitchlint keeps (ner + senter, batch size 32) and `pitchlint.lint_many` (rules, score,
   suggestions and `to_dict()` included), alternating slices of 500 so both see the same noise.
   Target: lint_many / bare >= 0.8.
2. Whole `pitchlint batch` processes over the same messages as JSONL, wall clock including start-up:
   --jobs 1, --jobs 2, --dask local --jobs 2. Target: speed-up over --jobs 1 >= 1.7 (2 cores).
3. Dask overhead per partition: a 2-worker LocalCluster runs --partitions tasks that carry a chunk
   of --chunk-size records but do no linting (`operator.is_`), in pitchlint's ordered window.
4. Memory: `pitchlint batch - -o -` reads --rows generated rows from a pipe and writes to /dev/null;
   the summed RSS of its processes is sampled each second. Flat means it does not grow with rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import model_name, pitchlint_command, process_env, verdict
from messages import messages

SLICE = 500
TARGET_API, TARGET_SPEEDUP = 0.8, 1.7


def loaded() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def api_against_bare(texts: list[str]) -> tuple[float, float]:
    import spacy

    import pitchlint
    from pitchlint.analysis import UNUSED_COMPONENTS

    nlp = spacy.load(model_name(), exclude=UNUSED_COMPONENTS)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    list(nlp.pipe(texts[:20], batch_size=32))  # warm both
    [r.to_dict() for r in pitchlint.lint_many(texts[:20])]
    times = {"bare": 0.0, "api": 0.0}
    for start in range(0, len(texts), SLICE):
        part = texts[start:start + SLICE]
        begin = time.perf_counter()
        list(nlp.pipe(part, batch_size=32))
        times["bare"] += time.perf_counter() - begin
        begin = time.perf_counter()
        [r.to_dict() for r in pitchlint.lint_many(part)]
        times["api"] += time.perf_counter() - begin
    return len(texts) / times["bare"], len(texts) / times["api"]


def whole_runs(source: Path, count: int, tmp: str) -> dict[str, float]:
    env = process_env(tmp)
    runs = {"--jobs 1": ["--jobs", "1"], "--jobs 2": ["--jobs", "2"], "--dask local --jobs 2": ["--dask", "local", "--jobs", "2"]}
    seconds = {}
    for name, options in runs.items():
        out = Path(tmp) / "out.jsonl"
        begin = time.perf_counter()
        done = subprocess.run([*pitchlint_command(), "batch", str(source), "-o", str(out), "--overwrite", "--no-progress", *options],
                              env=env, capture_output=True, text=True)
        seconds[name] = time.perf_counter() - begin
        if done.returncode not in (0, 1) or out.read_text().count("\n") != count:
            sys.exit(f"batch {name} failed ({done.returncode}):\n{done.stderr}")
        print(f"  {name:22} {seconds[name]:8.1f} s  {count / seconds[name]:7.1f} msg/s   ({loaded()})", flush=True)
    return seconds


def partition_overhead(partitions: int, chunk_size: int) -> float:
    import logging
    import operator

    from distributed import LocalCluster

    from pitchlint.engine.executors import DaskCluster, in_order
    from pitchlint.engine.records import Record

    chunk = [Record(id=i, text=t) for i, t in enumerate(messages(chunk_size, seed=7))]
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster:
        executor = DaskCluster(cluster.scheduler_address, 0)
        try:
            list(in_order(executor, operator.is_, None, [chunk] * 10, lambda c, e: None))  # warm
            begin = time.perf_counter()
            list(in_order(executor, operator.is_, None, [chunk] * partitions, lambda c, e: None))
            return (time.perf_counter() - begin) / partitions
        finally:
            executor.client.close()


def short_message(n: int) -> str:
    """A one-sentence ask with strings no other row has (a company, an e-mail address): the rows
    that would make spaCy's string store grow if nothing dropped them."""
    return f"Could you introduce me to a data engineer at Acme{n}? Thanks, kim{n}@example.com"


def memory_run(rows: int, jobs: int, tmp: str) -> None:
    import psutil

    command = [*pitchlint_command(), "batch", "-", "-o", "-", "--jobs", str(jobs), "--no-progress"]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               env=process_env(tmp))
    written = [0]

    def feed() -> None:
        try:
            for n in range(rows):
                process.stdin.write((json.dumps({"id": n, "text": short_message(n)}) + "\n").encode())
            process.stdin.close()
        except BrokenPipeError:
            pass

    def drain() -> None:
        for _ in process.stdout:
            written[0] += 1

    threading.Thread(target=feed, daemon=True).start()
    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    parent = psutil.Process(process.pid)
    since: list[float] = []  # summed RSS (MiB) sampled since the last line printed
    marks = [int(f * rows) for f in (0.01, 0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0)]
    previous, peak = 0, 0.0
    begin = time.perf_counter()
    print("  summed RSS of the batch processes (MiB), highest while the output went from row A to row B:")
    while marks:
        running = process.poll() is None
        try:
            since.append(sum(p.memory_info().rss for p in [parent, *parent.children(recursive=True)]) / 2**20)
            peak = max(peak, since[-1])
        except psutil.Error:
            pass
        if written[0] >= marks[0] or not running:
            rate = written[0] / (time.perf_counter() - begin)
            print(f"    {previous:>9,} - {written[0]:>9,}: {max(since or [0.0]):7.1f}   ({rate:.0f} msg/s so far; {loaded()})",
                  flush=True)
            previous, since = written[0], []
            marks = [m for m in marks if m > written[0]] if running else []
        time.sleep(1.0)
    process.wait()
    reader.join()
    elapsed = time.perf_counter() - begin
    stderr = process.stderr.read().decode()
    if process.returncode not in (0, 1) or written[0] != rows:
        sys.exit(f"memory run failed ({process.returncode}, {written[0]:,} rows out):\n{stderr}")
    print(f"  {rows:,} rows in {elapsed / 60:.1f} min ({rows / elapsed:.0f} msg/s, --jobs {jobs}), peak {peak:.1f} MiB; {loaded()}")
    print("  " + stderr.strip().splitlines()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=5000, help="~200-word messages for parts 1 and 2 (default 5000)")
    parser.add_argument("--partitions", type=int, default=300, help="tasks for the overhead part (default 300)")
    parser.add_argument("--chunk-size", type=int, default=128, help="records per partition (default 128, batch's own)")
    parser.add_argument("--rows", type=int, default=1_000_000, help="rows for the memory part (default 1,000,000; 0 skips)")
    parser.add_argument("--memory-jobs", type=int, default=2, help="--jobs for the memory part (default 2)")
    parser.add_argument("--skip", action="append", default=[], choices=["api", "runs", "overhead"], help="leave a part out")
    args = parser.parse_args()

    texts = messages(args.messages)
    words = sorted(len(t.split()) for t in texts)[len(texts) // 2]
    print(f"Batch benchmark: model {model_name()}, {len(texts)} messages (median {words} words), {os.cpu_count()} cores; {loaded()}")
    with tempfile.TemporaryDirectory() as tmp:
        if "api" not in args.skip:
            print("\n1. In one process (messages per second)", flush=True)
            bare, api = api_against_bare(texts)
            print(f"  bare nlp.pipe, ner + senter  {bare:7.1f}\n  pitchlint.lint_many          {api:7.1f}")
            verdict("lint_many / bare nlp.pipe", api / bare, f">= {TARGET_API}", api / bare >= TARGET_API)
        if "runs" not in args.skip:
            print("\n2. Whole `pitchlint batch` runs (wall clock, start-up included)", flush=True)
            source = Path(tmp) / "messages.jsonl"
            source.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
            seconds = whole_runs(source, len(texts), tmp)
            one = seconds["--jobs 1"]
            for name in ("--jobs 2", "--dask local --jobs 2"):
                verdict(f"speed-up of {name} over --jobs 1", one / seconds[name], f">= {TARGET_SPEEDUP}",
                        one / seconds[name] >= TARGET_SPEEDUP)
        if "overhead" not in args.skip:
            print("\n3. Dask overhead per partition (2-worker LocalCluster, no linting)", flush=True)
            per = partition_overhead(args.partitions, args.chunk_size)
            print(f"  {per * 1000:.1f} ms per partition of {args.chunk_size} records ({args.partitions} partitions)")
        if args.rows:
            print(f"\n4. Memory over {args.rows:,} rows generated on the fly", flush=True)
            memory_run(args.rows, args.memory_jobs, tmp)


if __name__ == "__main__":
    main()
