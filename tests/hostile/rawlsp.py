"""A JSON-RPC client that writes raw bytes to `pitchlint lsp`, for streams no real client sends."""

from __future__ import annotations

import io
import json
import queue
import subprocess
import sys
import threading
import time


def frame(message: dict, extra: int = 0, name: bytes = b"Content-Length") -> bytes:
    body = json.dumps(message).encode()
    return name + b": %d\r\n\r\n" % (len(body) + extra) + body


def request(request_id, method: str, params=None) -> dict:
    return {"jsonrpc": "2.0", "id": request_id, "method": method, "params": params if params is not None else {}}


def notification(method: str, params=None) -> dict:
    return {"jsonrpc": "2.0", "method": method, "params": params if params is not None else {}}


def frames(data: bytes) -> list:
    """The messages the server's frame reader takes out of `data`, in order."""
    from pitchlint.lsp.framing import FrameReader

    reader = FrameReader(io.BytesIO(data))
    out = []
    while (found := reader.next_frame()) is not None:
        out.append(found)
    return out


INITIALIZE = request(0, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})


class RawServer:
    """The server process; `answers` collects every message it sends, in order."""

    def __init__(self, cwd, args=("lsp",)):
        self.process = subprocess.Popen([sys.executable, "-P", "-m", "pitchlint", *args], cwd=cwd,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.messages: queue.Queue = queue.Queue()
        self.stderr = bytearray()
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain, daemon=True).start()
        self.seen: list[dict] = []

    def _read(self) -> None:
        stream = self.process.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line.strip() == b"":
                    break
                name, _, value = line.decode().partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            self.messages.put(json.loads(stream.read(length)))

    def _drain(self) -> None:
        while chunk := self.process.stderr.read(4096):
            self.stderr += chunk

    def send(self, data: bytes) -> None:
        self.process.stdin.write(data)
        self.process.stdin.flush()

    def answer(self, request_id, timeout: float = 60) -> dict:
        """The response to one request (notifications meanwhile are kept in `seen`)."""
        found = self.wait_for(lambda m: m.get("id") == request_id and "method" not in m, timeout)
        self.seen.remove(found)
        return found

    def wait_for(self, condition, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        for message in self.seen:
            if condition(message):
                return message
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"timed out; stderr:\n{self.stderr.decode(errors='replace')[-2000:]}")
            try:
                message = self.messages.get(timeout=left)
            except queue.Empty:
                continue
            self.seen.append(message)
            if condition(message):
                return message

    def close(self) -> int:
        try:
            self.send(frame(request("bye", "shutdown", None)))
            self.answer("bye", timeout=30)
            self.send(frame(notification("exit", None)))
        except (BrokenPipeError, AssertionError, OSError):
            pass
        try:
            return self.process.wait(timeout=30)
        finally:
            if self.process.poll() is None:
                self.process.kill()
