"""`pitchlint serve` under load: POST /v1/lint from 16 concurrent clients on ~200-word messages,
with 1 and 2 workers, against in-process `pitchlint.lint_many` throughput measured in the same run.

Prints requests per second, p50/p95 latency, the ratio to in-process throughput (target per
worker >= 0.8), the 2-worker / 1-worker ratio (target >= 1.6 on 2 cores) and each worker's memory
(RSS). Every message must be answered exactly once, with the score the in-process report gives:
the script stops if one is dropped, duplicated or different. The clients run as threads in this
process, so on a 2-core machine they take some CPU from the server: the ratios are conservative.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import queue
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from common import pitchlint_command, process_env, verdict
from messages import messages

CLIENTS = 16


def in_process(texts: list[str]) -> tuple[float, list[int]]:
    """Messages per second through the public API (after a warm-up), and each message's score."""
    import pitchlint

    list(pitchlint.lint_many(texts[:20]))
    start = time.perf_counter()
    scores = [report.score.total for report in pitchlint.lint_many(texts)]
    return len(texts) / (time.perf_counter() - start), scores


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def post(connection: http.client.HTTPConnection, text: str) -> tuple[int, dict]:
    connection.request("POST", "/v1/lint", body=json.dumps({"text": text}).encode(),
                       headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_pids(parent: int, workers: int) -> list[int]:
    """The processes that serve: the server itself with one worker, else its worker children."""
    if workers == 1:
        return [parent]
    children = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                status = (entry / "status").read_text()
            except OSError:
                continue
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
            if f"\nPPid:\t{parent}\n" in status and "spawn_main" in command:  # not the resource tracker
                children.append(int(entry.name))
    return sorted(children)


def load(texts: list[str], workers: int, tmp: str) -> dict:
    port = free_port()
    command = [*pitchlint_command(), "serve", "--port", str(port), "--workers", str(workers), "--max-pending", "1000",
               "--timeout", "120"]
    server = subprocess.Popen(command, cwd=tmp, env=process_env(tmp), stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("pitchlint serve did not start")
                time.sleep(0.3)
        time.sleep(2 if workers > 1 else 0)  # every worker past its warm-up, not only the first
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for text in texts[:4 * workers]:
            post(warm, text)
        todo: queue.Queue[int] = queue.Queue()
        for i in range(len(texts)):
            todo.put(i)
        answers: dict[int, list[int]] = {}
        latencies: list[float] = []
        failures: list[str] = []
        lock = threading.Lock()

        def client() -> None:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            while True:
                try:
                    i = todo.get_nowait()
                except queue.Empty:
                    return
                start = time.perf_counter()
                status, body = post(connection, texts[i])
                took = time.perf_counter() - start
                with lock:
                    latencies.append(took)
                    if status != 200:
                        failures.append(f"message {i}: {status} {body}")
                    else:
                        answers.setdefault(i, []).append(body["score"])

        threads = [threading.Thread(target=client) for _ in range(CLIENTS)]
        start = time.perf_counter()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - start
        memory = [rss_mib(pid) for pid in worker_pids(server.pid, workers)]
    finally:
        server.terminate()
        server.wait(30)
    latencies.sort()
    return {"rps": len(texts) / elapsed, "p50": statistics.median(latencies) * 1000,
            "p95": latencies[int(0.95 * (len(latencies) - 1))] * 1000, "answers": answers, "failures": failures,
            "memory": memory}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=400, help="messages per load run (default 400)")
    args = parser.parse_args()
    texts = messages(args.messages)
    words = statistics.median(len(t.split()) for t in texts)
    print(f"{args.messages} messages of about {words:.0f} words, {CLIENTS} concurrent clients, {os.cpu_count()} cores")

    before, scores = in_process(texts)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:  # no project configuration there
        for workers in (1, 2):
            results[workers] = load(texts, workers, tmp)
    after, _ = in_process(texts)
    reference = statistics.mean([before, after])

    for workers, result in results.items():
        if result["failures"]:
            sys.exit(f"{workers} worker(s): {len(result['failures'])} failed, e.g. {result['failures'][0]}")
        answered = result["answers"]
        if sorted(answered) != list(range(len(texts))) or any(len(v) != 1 for v in answered.values()):
            sys.exit(f"{workers} worker(s): messages dropped or answered twice")
        wrong = [i for i, [score] in answered.items() if score != scores[i]]
        if wrong:
            sys.exit(f"{workers} worker(s): {len(wrong)} answers differ from the in-process reports")

    print(f"\nin process (lint_many): {before:.1f} and {after:.1f} msg/s (before and after the servers)")
    print(f"  {'workers':>7}  {'req/s':>7}  {'p50 ms':>7}  {'p95 ms':>7}  {'x in-process':>12}  RSS per worker (MiB)")
    for workers, result in results.items():
        memory = ", ".join(f"{m:.0f}" for m in result["memory"])
        print(f"  {workers:>7}  {result['rps']:>7.1f}  {result['p50']:>7.0f}  {result['p95']:>7.0f}  "
              f"{result['rps'] / reference:>12.2f}  {memory}")
    print("  every message answered once, with the in-process report's score")
    one, two = results[1]["rps"], results[2]["rps"]
    verdict("1 worker / in-process throughput", one / reference, ">= 0.8", one / reference >= 0.8)
    verdict("2 workers / 1 worker", two / one, ">= 1.6", two / one >= 1.6)


if __name__ == "__main__":
    main()
