"""`pitchlint batch` on more than one process: `--jobs 2`, a Dask LocalCluster that pitchlint starts,
and a cluster the test starts whose worker it kills mid-run. Real processes; every output is
compared row for row with each message linted alone."""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time

from batch_support import corpus_jsonl, read_jsonl, run_cli


def test_jobs_2_gives_the_reports_of_each_message_alone_on_the_whole_corpus(tmp_path):
    expected = corpus_jsonl(tmp_path / "in.jsonl")
    result = run_cli("batch", tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--jobs", "2", "--chunk-size", "16")
    assert result.returncode == 1, result.stderr
    assert read_jsonl(tmp_path / "out.jsonl") == expected


def test_dask_local_cluster_matches_one_process_row_for_row(tmp_path):
    expected = corpus_jsonl(tmp_path / "in.jsonl", limit=200)
    result = run_cli("batch", tmp_path / "in.jsonl", "-o", tmp_path / "out.jsonl", "--dask", "local", "--jobs", "2",
                     "--chunk-size", "10")
    assert result.returncode == 1, result.stderr
    assert read_jsonl(tmp_path / "out.jsonl") == expected
    assert "200 messages in " in result.stderr


def _lines(path) -> int:
    return path.read_text(encoding="utf-8").count("\n") if path.exists() else 0


def test_a_worker_killed_mid_run_has_its_work_redone_and_every_id_appears_once(tmp_path):
    from distributed import Client, LocalCluster

    expected = corpus_jsonl(tmp_path / "in.jsonl", limit=200)
    out = tmp_path / "out.jsonl"
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      silence_logs=logging.CRITICAL) as cluster, Client(cluster) as client:
        pids = client.run(os.getpid)
        assert len(pids) == 2
        command = [sys.executable, "-m", "pitchlint", "batch", str(tmp_path / "in.jsonl"), "-o", str(out),
                   "--scheduler", cluster.scheduler_address, "--chunk-size", "5"]
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 180
        while _lines(out) < 10 and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        victim = pids[min(pids)]
        os.kill(victim, signal.SIGKILL)
        at_kill = _lines(out)
        _, stderr = process.communicate(timeout=300)
        assert process.returncode == 1, stderr
        assert 10 <= at_kill < len(expected)  # the kill came mid-run
        rows = read_jsonl(out)
        assert [row["id"] for row in rows] == [row["id"] for row in expected]  # each id once, in order
        assert rows == expected
        client.wait_for_workers(2, timeout=60)  # the nanny started a new worker process
        assert victim not in client.run(os.getpid).values()
        # each worker built the pipeline once, however many chunks it ran
        builds = client.run(lambda: __import__("pitchlint.analysis", fromlist=["_"]).build_pipeline.cache_info().misses)
        assert sorted(builds.values()) in ([1, 1], [0, 1])  # the new worker may not have had a chunk


def test_a_pool_that_moves_to_fresh_processes_mid_run_gives_the_same_rows():
    from unique_messages import unique_messages

    import pitchlint
    from pitchlint.config.settings import Config
    from pitchlint.engine.executors import LocalPool, in_order
    from pitchlint.engine.records import Record, lint_records

    texts = unique_messages(40, seed=7)
    alone = [pitchlint.lint_text(t).to_dict() for t in texts]
    chunks = [[Record(text=t) for t in texts[i:i + 5]] for i in range(0, len(texts), 5)]
    pool = LocalPool(2, recycle_after=20)  # two generations of processes
    try:
        results = [r for chunk in in_order(pool, lint_records, Config(), chunks, None) for r in chunk]
    finally:
        pool.close()
    assert [r.to_dict() for r in results] == alone
