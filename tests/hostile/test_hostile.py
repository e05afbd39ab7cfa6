"""Every hostile case through the three front ends a message meets before it is sent: the CLI,
the pre-commit hook (real git), and the language server (one server process, as an editor keeps
it). Each run must stay within the same bound, generous enough for a slow, shared machine but
catching minutes and gigabytes: BOUND_SECONDS and BOUND_MB.

Set PITCHLINT_HOSTILE_REPORT=path.json to record each case's time and peak memory."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from .cases import CASES, Case
from .rawlsp import INITIALIZE, RawServer, frame, notification, request

BOUND_SECONDS = 30
BOUND_MB = 1024
MEASURED: dict[str, dict] = {}


def run_bounded(args: list[str], cwd: Path, env: dict | None = None, stdin: bytes | None = None):
    """(exit status, stdout + stderr, seconds, peak MB of the process tree) of a command."""
    started = time.monotonic()
    process = subprocess.Popen(args, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT)
    output = bytearray()

    def pump():
        while chunk := process.stdout.read(65536):
            output.extend(chunk)

    reader = threading.Thread(target=pump, daemon=True)
    reader.start()
    if stdin is not None:
        try:
            process.stdin.write(stdin)
        except BrokenPipeError:
            pass  # it stopped reading: the point of the limit
    process.stdin.close()
    timer = threading.Timer(BOUND_SECONDS * 3, process.kill)  # a hang fails the bound, not the suite
    timer.start()
    try:
        _, status, usage = os.wait4(process.pid, 0)
    finally:
        timer.cancel()
    process.returncode = os.waitstatus_to_exitcode(status)
    reader.join(10)
    seconds = time.monotonic() - started
    return process.returncode, output.decode("utf-8", errors="replace"), seconds, usage.ru_maxrss / 1024


def _record(case: str, front_end: str, seconds: float, peak_mb: float) -> None:
    MEASURED.setdefault(case, {})[front_end] = {"seconds": round(seconds, 2), "peak_mb": round(peak_mb)}
    target = os.environ.get("PITCHLINT_HOSTILE_REPORT")
    if target:
        Path(target).write_text(json.dumps(MEASURED, indent=2))


def _within_bounds(seconds: float, peak_mb: float, output: str) -> None:
    assert seconds < BOUND_SECONDS, f"took {seconds:.0f} s\n{output[-2000:]}"
    assert peak_mb < BOUND_MB, f"peaked at {peak_mb:.0f} MB\n{output[-2000:]}"
    assert "Traceback" not in output, output[-3000:]


def write_case(case: Case, folder: Path) -> Path:
    for name, data in case.files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    message = folder / "drafts" / f"{case.name}{case.suffix}"
    message.parent.mkdir(parents=True, exist_ok=True)
    message.write_bytes(case.message)
    return message


def pitchlint_command(*args: str) -> list[str]:
    return [sys.executable, "-P", "-m", "pitchlint", *args]


ALONE = [c for c in CASES if not c.batch]
BATCH = [c for c in CASES if c.batch]


@pytest.mark.parametrize("case", ALONE, ids=lambda c: c.name)
def test_cli(case: Case, tmp_path):
    message = write_case(case, tmp_path)
    status, output, seconds, peak = run_bounded(pitchlint_command("check", str(message)), tmp_path)
    _record(case.name, "cli", seconds, peak)
    _within_bounds(seconds, peak, output)
    assert status == case.cli_exit, output[-3000:]
    assert case.says in output, output[-3000:]


def test_cli_on_the_costly_messages_together(tmp_path):
    messages = {case.name: write_case(case, tmp_path / case.name) for case in BATCH}
    status, output, seconds, peak = run_bounded(
        pitchlint_command("check", "--format", "json", *map(str, messages.values())), tmp_path)
    _record("+".join(messages), "cli", seconds, peak)
    _within_bounds(seconds, peak, output)
    assert status == 1, output[-3000:]
    files = {Path(entry["path"]).stem: entry for entry in json.loads(output)["files"]}
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
    installed = subprocess.run(pitchlint_command("hook", "install", "--pre-commit"), cwd=repo, capture_output=True,
                               timeout=120)
    assert installed.returncode == 0, installed.stderr
    assert git(repo, "add", "-A").returncode == 0
    env = {**os.environ, "GIT_AUTHOR_NAME": "T", "GIT_AUTHOR_EMAIL": "t@example.com",
           "GIT_COMMITTER_NAME": "T", "GIT_COMMITTER_EMAIL": "t@example.com"}
    status, output, seconds, peak = run_bounded(["git", "commit", "-q", "-m", name], repo, env=env)
    _record(name, "pre-commit", seconds, peak)
    _within_bounds(seconds, peak, output)
    return git(repo, "rev-parse", "-q", "--verify", "HEAD").returncode == 0, output


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


def peak_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmHWM")).split()[1]) / 1024


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc for the server's memory")
def test_language_server(tmp_path):
    """One server for every case, as an editor would keep it: each document gets its answer
    within the bound, and the server's peak memory stays under it throughout."""
    server = RawServer(tmp_path)
    try:
        server.send(frame({**INITIALIZE, "params": {**INITIALIZE["params"], "rootUri": tmp_path.as_uri()}}))
        assert "result" in server.answer(0, timeout=BOUND_SECONDS)
        server.send(frame(notification("initialized")))
        for n, case in enumerate(CASES, 1):
            folder = tmp_path / case.name
            message = write_case(case, folder)
            uri = message.as_uri()
            language = "mail" if case.suffix == ".eml" else "plaintext"
            started = time.monotonic()
            server.send(frame(notification("textDocument/didOpen", {"textDocument": {
                "uri": uri, "languageId": language, "version": 1, "text": editor_text(case)}})))
            server.send(frame(request(n, "textDocument/diagnostic", {"textDocument": {"uri": uri}})))
            answer = server.answer(n, timeout=BOUND_SECONDS * 3)
            seconds = time.monotonic() - started
            _record(case.name, "lsp", seconds, peak_mb(server.process.pid))
            _within_bounds(seconds, peak_mb(server.process.pid), server.stderr.decode(errors="replace"))
            items = answer["result"]["items"]
            messages = " ".join(item["message"] for item in items)
            assert case.lsp_says in messages, (case.name, items)
            assert case.lsp_codes <= {item.get("code") for item in items}, (case.name, items)
            server.send(frame(notification("textDocument/didClose", {"textDocument": {"uri": uri}})))
    finally:
        status = server.close()
    assert status == 0
    assert "Traceback" not in server.stderr.decode(errors="replace")
