"""`pitchlint serve` when exposed or loaded: the token, the bound on requests held, the time budget,
the warning off loopback, and the command line paying nothing for the server until it is asked for."""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time

from cli_support import SPECIFIC, VAGUE
from serve_support import Server, server  # noqa: F401 - the fixture

from pitchlint.reading.document import MAX_CHARACTERS
from pitchlint.serve.settings import is_loopback


def test_a_token_guards_the_api_and_not_the_health_check():
    server = Server(env={"PITCHLINT_SERVE_TOKEN": "s3cret-token"})
    try:
        missing = server.post("/v1/lint", {"text": VAGUE})
        assert missing.status == 401 and missing.headers["www-authenticate"] == "Bearer"
        assert "Authorization: Bearer" in missing.json["error"]
        assert server.post("/v1/lint", {"text": VAGUE}, {"Authorization": "Bearer wrong"}).status == 401
        assert server.post("/v1/lint", {"text": VAGUE}, {"Authorization": "Basic s3cret-token"}).status == 401
        assert server.post("/v1/coach", {"text": VAGUE}).status == 401
        coached = server.post("/v1/coach", {"text": VAGUE}, {"Authorization": "Bearer s3cret-token"})
        assert coached.status == 200 and coached.json["open"] == ["roles", "companies", "sectors"]
        right = server.post("/v1/lint", {"text": VAGUE}, {"Authorization": "Bearer s3cret-token"})
        assert right.status == 200 and right.json["verdict"] == "vague"
        assert server.request("GET", "/healthz").status == 200
        document = server.request("GET", "/openapi.json").json
        assert document["paths"]["/v1/lint"]["post"]["security"] == [{"bearer": []}]
        assert document["paths"]["/v1/coach"]["post"]["security"] == [{"bearer": []}]
    finally:
        server.stop()


def wait_for_pending(server: Server, pending: int, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.request("GET", "/healthz").json["pending"] == pending:
            return True
        time.sleep(0.02)
    return False


def test_past_its_bound_or_its_budget_a_request_gets_503_or_408_and_the_server_goes_on():
    server = Server("--max-pending", "1", "--timeout", "0.5")
    big = (SPECIFIC * (MAX_CHARACTERS // len(SPECIFIC)))[:MAX_CHARACTERS]  # seconds of work, within the limit
    answers = {}
    worker = threading.Thread(target=lambda: answers.update(big=server.post("/v1/lint", {"text": big})))
    try:
        worker.start()
        assert wait_for_pending(server, 1)
        busy = server.post("/v1/lint", {"text": VAGUE})
        assert busy.status == 503 and busy.headers["retry-after"] == "1"
        assert "busy" in busy.json["error"]
        coach = server.post("/v1/coach", {"text": VAGUE})  # the coach's work is held under the same bound
        assert coach.status == 503 and "busy" in coach.json["error"]
        worker.join(60)
        late = answers["big"]
        assert late.status == 503 and "retry-after" in late.headers
        assert late.json == {"error": "the request took longer than its 0.5 s budget; try again, or send a "
                                      "shorter message"}
        assert wait_for_pending(server, 0)  # the lint under way ran to its end, then the slot came back
        assert server.post("/v1/lint", {"text": VAGUE}).json["verdict"] == "vague"
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as slow:  # a body that never ends
            slow.sendall(b"POST /v1/lint HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100\r\n\r\n{\"text\": ")
            answer = b""
            while not answer.endswith(b"}"):  # the head and the body may come in separate packets
                chunk = slow.recv(4096)
                if not chunk:
                    break
                answer += chunk
        assert answer.startswith(b"HTTP/1.1 408 ")
        assert answer.endswith(b'{"error":"the request body did not arrive within 0.5 s"}')
    finally:
        worker.join(60)
        log = server.stop()
    assert "Traceback" not in log


def test_listening_beyond_loopback_warns_and_a_bad_configuration_stops_it(tmp_path):
    (tmp_path / "broken.toml").write_text("select = 3\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "pitchlint", "serve", "--host", "0.0.0.0",
                             "--config", str(tmp_path / "broken.toml")], capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == ("pitchlint: warning: listening on 0.0.0.0: other machines can reach the page and the API; "
                        "give --token (or PITCHLINT_SERVE_TOKEN) to require a token")
    assert lines[1].startswith(f"pitchlint: {tmp_path / 'broken.toml'}: ") and len(lines) == 2


def test_a_loopback_server_answers_only_to_loopback_names(server):  # noqa: F811
    for host in ("localhost", f"localhost:{server.port}", f"127.0.0.1:{server.port}", f"[::1]:{server.port}"):
        assert server.request("GET", "/healthz", headers={"Host": host}).status == 200, host
    for host in (f"rebind.example:{server.port}", "evil.localhost.example", "[::1", ""):
        refused = server.request("POST", "/v1/lint", b'{"text": "hi"}', headers={"Host": host})
        assert refused.status == 421, host
        assert refused.json["error"].startswith("this server listens on loopback")


def test_only_loopback_addresses_count_as_loopback():
    assert [is_loopback(h) for h in ("127.0.0.1", "127.8.0.1", "::1", "[::1]", "localhost")] == [True] * 5
    assert [is_loopback(h) for h in ("0.0.0.0", "::", "192.168.1.4", "example.org")] == [False] * 4


def test_the_command_line_loads_no_server_packages_until_serve_runs():
    code = ("import sys\nfrom pitchlint.cli.commands import main\n"
            "for args in (['--help'], ['serve', '--help']):\n"
            "    try:\n        main(args)\n    except SystemExit as exit:\n        assert exit.code == 0\n"
            "print(sorted(m for m in ('starlette', 'uvicorn', 'spacy', 'pitchlint.serve.app') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    assert "PITCHLINT_SERVE_TOKEN" in result.stdout and "--workers" in result.stdout
