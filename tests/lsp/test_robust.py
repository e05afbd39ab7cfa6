"""The language server survives any stream: mis-framed messages, absurd lengths, requests before
`initialize` and after `shutdown`, and one slow document."""

from __future__ import annotations

import json

import pytest
from hostile.rawlsp import INITIALIZE, RawServer, frame, frames, notification, request

from pitchlint.lsp.framing import MAX_BODY_BYTES


def bodies(data: bytes) -> list:
    return [json.loads(f.body)["id"] for f in frames(data) if f.body is not None]


GOOD = [frame(request(n, "x")) for n in range(3)]


@pytest.mark.parametrize("bad", [
    b"Content-Type: application/json\r\n\r\n" + json.dumps(request("bad", "x")).encode(),  # no Content-Length
    frame(request("bad", "x"), extra=3),  # three bytes too long: the next header loses its start
    frame(request("bad", "x"), extra=-3),  # three bytes short: the body's end runs into the next header
    frame(request("bad", "x"), name=b"content-length"),  # lower case: accepted
    b"Content-Length: 99999999999999\r\n\r\n",  # absurd
    b"Content-Length: twelve\r\n\r\n{}",
    b"\x00\xff garbage \r\n" * 3,
    b"x" * 10_000 + b"\r\n",  # a very long junk line
])
def test_the_reader_resynchronises_on_the_next_header(bad):
    found = bodies(GOOD[0] + bad + GOOD[1] + GOOD[2])
    assert [i for i in found if i != "bad"] == [0, 1, 2]


def test_a_body_declared_too_long_still_yields_both_messages():
    assert bodies(frame(request(1, "x"), extra=3) + GOOD[2]) == [1, 2]


def test_a_truncated_request_is_reported_with_its_id():
    (broken, after) = frames(frame(request(41, "x"), extra=-3) + GOOD[1])
    assert broken.body is None and broken.request_id == 41 and "not valid JSON" in broken.problem
    assert json.loads(after.body)["id"] == 1


def test_an_absurd_length_is_refused_without_reading_it():
    (problem, good) = frames(b"Content-Length: %d\r\n\r\n" % (MAX_BODY_BYTES + 1) + GOOD[0])
    assert problem.body is None and "over the limit" in problem.problem
    assert json.loads(good.body)["id"] == 0


HOVER = {"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}


@pytest.fixture
def server(tmp_path):
    running = RawServer(tmp_path)
    yield running
    if running.process.poll() is None:
        running.process.kill()


def test_it_answers_before_initialize_and_after_shutdown_and_keeps_tracebacks_off_stderr(server, tmp_path):
    server.send(frame(request(1, "textDocument/hover", HOVER)))
    assert server.answer(1)["error"]["code"] == -32002
    server.send(frame(INITIALIZE))
    assert "capabilities" in server.answer(0)["result"]
    server.send(frame(notification("initialized")))
    mis_framed = [
        b"Content-Type: application/json\r\n\r\n" + json.dumps(request("lost-1", "shutdown")).encode(),
        frame(request("lost-2", "textDocument/hover", HOVER), extra=3),
        frame(request("lost-3", "textDocument/hover", HOVER), extra=-3),
        frame(request("lower", "textDocument/hover", HOVER), name=b"content-length"),
        b"Content-Length: 99999999999999\r\n\r\n",
        b"[1, 2, 3]",
    ]
    for n, bad in enumerate(mis_framed):
        server.send(bad)
        asked = [f"after-{n}-{k}" for k in range(2)]
        for request_id in asked:
            server.send(frame(request(request_id, "textDocument/hover", HOVER)))
        for request_id in asked:
            assert "result" in server.answer(request_id), (n, request_id)
    assert server.answer("lost-3")["error"]["code"] == -32700  # the truncated request is answered
    assert "result" in server.answer("lower")
    server.send(frame(request(2, "shutdown")))
    assert server.answer(2)["result"] is None
    server.send(frame(request(3, "textDocument/hover", HOVER)))
    assert server.answer(3)["error"]["code"] == -32600
    server.send(frame(notification("exit")))
    assert server.process.wait(30) == 0
    stderr = server.stderr.decode(errors="replace")
    assert "Traceback" not in stderr and "MemoryError" not in stderr
    assert "over the limit" in stderr  # what was skipped is said, in one line


def test_a_slow_document_does_not_hold_up_the_others(server, tmp_path):
    """Five quick edits of a long document queue one lint of its latest text, not five, so a
    hover on a small document is answered after at most about two long lints."""
    server.send(frame({**INITIALIZE, "params": {**INITIALIZE["params"], "rootUri": tmp_path.as_uri()}}))
    server.answer(0)
    server.send(frame(notification("initialized")))
    long_uri, small_uri = (tmp_path / "long.txt").as_uri(), (tmp_path / "small.txt").as_uri()
    text = ("If you know anyone, please let me know. I was at Amazon for years. " * 500)[:30_000]
    server.send(frame(notification("textDocument/didOpen", {"textDocument": {
        "uri": long_uri, "languageId": "plaintext", "version": 1, "text": text}})))
    for version in range(2, 7):
        server.send(frame(notification("textDocument/didChange", {
            "textDocument": {"uri": long_uri, "version": version},
            "contentChanges": [{"text": f"Edit {version}. " + text}]})))
    server.send(frame(notification("textDocument/didOpen", {"textDocument": {
        "uri": small_uri, "languageId": "plaintext", "version": 1, "text": "If you know anyone, let me know.\n"}})))
    server.send(frame(request("hover", "textDocument/hover",
                              {"textDocument": {"uri": small_uri}, "position": {"line": 0, "character": 3}})))
    assert "result" in server.answer("hover", timeout=60)
    published = server.wait_for(lambda m: m.get("method") == "textDocument/publishDiagnostics"
                                and m["params"]["uri"] == long_uri, timeout=120)
    assert published["params"]["version"] == 6  # only the latest text was linted and published
    assert server.close() == 0
