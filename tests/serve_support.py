"""A real `pitchlint serve` process on 127.0.0.1 for the serve tests, and a plain HTTP client for it
(http.client: the tests send bodies no client library would, such as binary or cut-off JSON)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def json(self) -> Any:
        return json.loads(self.body)


class Server:
    """`python -m pitchlint serve ARGS` started in `cwd`, answering once /healthz does."""

    def __init__(self, *args: str, cwd: Path = ROOT, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stderr = tempfile.TemporaryFile()  # noqa: SIM115 - closed in stop(); a pipe could fill up
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pitchlint", "serve", "--port", str(self.port), *args],
            cwd=cwd, env={**os.environ, **(env or {})}, stdout=self.stderr, stderr=subprocess.STDOUT)
        self._wait_until_up()

    def _wait_until_up(self, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pitchlint serve exited: {self.output()}")
            try:
                if self.request("GET", "/healthz").status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("pitchlint serve did not answer within 90 s")

    def request(self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
                timeout: float = 60) -> Answer:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def post(self, path: str, data: Any, headers: dict[str, str] | None = None) -> Answer:
        return self.request("POST", path, json.dumps(data).encode(), {"Content-Type": "application/json",
                                                                       **(headers or {})})

    def output(self) -> str:
        """What the server wrote so far (uvicorn's log, request lines on stdout; pitchlint's lines)."""
        self.stderr.seek(0)
        return self.stderr.read().decode("utf-8", "replace")

    def stop(self) -> str:
        """Stop the server; everything it wrote on standard error."""
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        output = self.output()
        self.stderr.close()
        return output


@pytest.fixture(scope="session")
def server():
    """One server with the defaults, started in the repository (its configuration, the user's);
    test modules import this fixture."""
    running = Server()
    yield running
    running.stop()
