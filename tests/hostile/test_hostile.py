"""Every hostile case through the three front ends a message meets before it is sent: the CLI,
the pre-commit hook (real git), and the language server (one server process, as an editor keeps
it). Each run keeps to the bound of tests/hostile/bounded.py: 5 s of CPU and 300 MB peak memory,
measured as the run's own (a launcher process for the CLI and the hook, /proc for the server).

Set PITCHLINT_HOSTILE_REPORT=path.jsonl to record each run's CPU time and peak memory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .bounded import CPU_SECONDS, KILL_AFTER, PEAK_MB, Measured, pitchlint, record, run_measured, server_usage
from .cases import CASES, Case
from .rawlsp import INITIALIZE, RawServer, frame, notification, request


def within_bound(run: Measured) -> None:
    assert not run.within_bound(), run.within_bound()


def write_case(case: Case, folder: Path) -> Path:
    for name, data in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    message = folder / "drafts" / f"{case.name}{case.suffix}"
    message.parent.mkdir(parents=True, exist_ok=True)
    message.write_bytes(case.message)
    return message


ALONE = [c for c in CASES if not c.batch]
BATCH = [c for c in CASES if c.batch]


@pytest.mark.parametrize("case", ALONE, ids=lambda c: c.name)
def test_cli(case: Case, tmp_path):
    message = write_case(case, tmp_path)
    run = run_measured(pitchlint("check", str(message)), tmp_path, label=f"cli {case.name}")
    within_bound(run)
    assert run.status == case.cli_exit, run.output[-3000:]
    assert case.says in run.output, run.output[-3000:]


def test_cli_on_the_costly_messages_together(tmp_path):
    """All of them in one run, which keeps to the bound of one: so each alone would."""
    messages = {case.name: write_case(case, tmp_path / case.name) for case in BATCH}
    run = run_measured(pitchlint("check", "--format", "json", *map(str, messages.values())), tmp_path,
                       label="cli " + "+".join(messages))
    within_bound(run)
    assert run.status == 1, run.output[-3000:]
    files = {Path(entry["path"]).stem: entry for entry in json.loads(run.stdout)["files"]}
    for case in BATCH:
        entry = files[case.name]
        assert any(f["severity"] != "info" for f in entry["findings"]), entry
        assert case.says in json.dumps(entry, ensure_ascii=False), (case.name, entry["notes"])


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, env=env, timeout=120, check=False)


def commit_with_hook(repo: Path, name: str) -> tuple[bool, str]:
    """`git commit` with pitchlint's pre-commit hook: (whether it committed, the output)."""
    installed = subprocess.run(pitchlint("hook", "install", "--pre-commit"), cwd=repo, capture_output=True,
                               timeout=120)
    assert installed.returncode == 0, installed.stderr
    assert git(repo, "add", "-A").returncode == 0
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    run = run_measured(["git", "commit", "-q", "-m", name], repo, env=env, label=f"pre-commit {name}")
    within_bound(run)
    return git(repo, "rev-parse", "-q", "--verify", "HEAD").returncode == 0, run.output


def new_repo(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    return repo


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
@pytest.mark.parametrize("case", ALONE, ids=lambda c: c.name)
def test_pre_commit_hook(case: Case, tmp_path):
    repo = new_repo(tmp_path)
    write_case(case, repo)
    committed, output = commit_with_hook(repo, case.name)
    assert committed is not case.hook_blocks, output[-3000:]
    if case.hook_blocks:
        assert "SKIP=pitchlint git commit" in output, output[-3000:]


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_pre_commit_hook_on_the_costly_messages_together(tmp_path):
    repo = new_repo(tmp_path)
    for case in BATCH:
        write_case(case, repo)
    committed, output = commit_with_hook(repo, "+".join(c.name for c in BATCH))
    assert not committed, output[-3000:]
    for case in BATCH:
        assert f"drafts/{case.name}{case.suffix}: vague" in output, (case.name, output[-3000:])


def editor_text(case: Case) -> str:
    """The buffer an editor would send: it decodes the file (UTF-16 by its byte order mark)."""
    if case.message.startswith(b"\xff\xfe"):
        return case.message[2:].decode("utf-16-le")
    return case.message.decode("utf-8", errors="replace")


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc for the server's memory")
def test_language_server(tmp_path):
    """One server for every case, as an editor would keep it: each document gets its answer
    within the bound of CPU time, and the server's peak memory stays under it throughout."""
    server = RawServer(tmp_path)
    try:
        server.send(frame({**INITIALIZE, "params": {**INITIALIZE["params"], "rootUri": tmp_path.as_uri()}}))
        assert "result" in server.answer(0, timeout=KILL_AFTER)
        server.send(frame(notification("initialized")))
        for n, case in enumerate(CASES, 1):
            folder = tmp_path / case.name
            message = write_case(case, folder)
            uri = message.as_uri()
            language = "mail" if case.suffix == ".eml" else "plaintext"
            before, _ = server_usage(server.process.pid)
            server.send(frame(notification("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": editor_text(case)}})))
            server.send(frame(request(n, "textDocument/diagnostic", {"textDocument": {"uri": uri}})))
            answer = server.answer(n, timeout=KILL_AFTER)
            after, peak = server_usage(server.process.pid)
            record(f"lsp {case.name}", after - before, peak)
            assert after - before < CPU_SECONDS and peak < PEAK_MB, (case.name, after - before, peak)
            items = answer["result"]["items"]
            messages = " ".join(item["message"] for item in items)
            assert case.lsp_says in messages, (case.name, items)
            assert case.lsp_codes <= {item.get("code") for item in items}, (case.name, items)
            server.send(frame(notification("textDocument/didClose", {"textDocument": {"uri": uri}})))
    finally:
        status = server.close()
    assert status == 0
    assert "Traceback" not in server.stderr.decode(errors="replace")


def test_batch_of_a_folder(tmp_path):
    """The messages alone, as files of one folder given to `pitchlint batch` (read as the CLI reads
    files: bytes, encodings, size limits): a row for each, with an error for those the CLI refuses,
    the run's peak memory within the bound and its CPU within the bound for each message."""
    alone = [case for case in CASES if not case.files]
    for case in alone:
        write_case(case, tmp_path)
    run = run_measured(pitchlint("batch", "drafts", "-o", "out.jsonl", "--no-progress"), tmp_path,
                       label=f"batch of a folder of {len(alone)} files")
    assert run.peak_mb < PEAK_MB and run.cpu_seconds < CPU_SECONDS * len(alone), (run.cpu_seconds, run.peak_mb)
    assert "Traceback" not in run.output, run.output[-3000:]
    rows = {Path(row["id"]).stem: row for row in map(json.loads, (tmp_path / "out.jsonl").read_text().splitlines())}
    assert set(rows) == {case.name for case in alone}
    for case in alone:
        assert ("error" in rows[case.name]) is (case.cli_exit == 2), (case.name, rows[case.name])
