"""The HTTP API against a real `pitchlint serve` process: the same JSON as the CLI, errors with the
right status (and the server answering after each), the OpenAPI document, rule pages, headers."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import jsonschema
import pytest
from cli_support import SPECIFIC, VAGUE
from readme_snippets import snippet
from serve_support import ROOT, server  # noqa: F401 - the fixture

from pitchlint.engine.core import available_rules
from pitchlint.output.rule_docs import explain_text
from pitchlint.reading.document import MAX_CHARACTERS
from pitchlint.serve.settings import BATCH_LIMIT, MAX_BODY_BYTES
from pitchlint.terms import CHANNELS, SEVERITIES
from pitchlint.version import __version__


def cli_json(*args: str) -> dict:
    result = subprocess.run([sys.executable, "-m", "pitchlint", "--format", "json", "--exit-zero", *args],
                            cwd=ROOT, capture_output=True, timeout=300)
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def test_lint_is_the_cli_json_entry_for_every_corpus_message(server):
    files = cli_json("corpus/")["files"]
    assert len(files) >= 450

    def lint(entry: dict):  # from 8 clients at once: the server lints waiting requests together
        text = (ROOT / entry["path"]).read_bytes().decode("utf-8")
        return server.post("/v1/lint", {"text": text, "path": entry["path"]})

    with ThreadPoolExecutor(8) as clients:
        answers = list(clients.map(lint, files))
    assert [a.status for a in answers] == [200] * len(files)
    assert [entry["path"] for entry, answer in zip(files, answers) if answer.json != entry] == []


def test_channel_and_profile_change_the_answer_as_the_cli_flag_and_config_do(server, tmp_path):
    long_note = SPECIFIC * 2
    (tmp_path / "note.txt").write_text(long_note, encoding="utf-8")
    [expected] = cli_json("--channel", "linkedin-note", str(tmp_path / "note.txt"))["files"]
    answer = server.post("/v1/lint", {"text": long_note, "channel": "linkedin-note", "path": str(tmp_path / "note.txt")})
    assert answer.json == expected
    assert "length-budget" in [f["rule"] for f in answer.json["findings"]]

    plain = server.post("/v1/suggest", {"text": VAGUE}).json["text"]
    profiled = server.post("/v1/suggest", {"text": VAGUE, "profile": {"roles": ["data engineer"],
                                                                       "companies": ["Stripe"]}}).json["text"]
    assert "[a role" in plain and "data engineer" not in plain
    assert "data engineer" in profiled and "Stripe" in profiled


def test_batch_answers_in_order_with_an_error_in_place(server):
    messages = [{"text": VAGUE}, {"text": "   "}, {"text": SPECIFIC, "channel": "pitch"}, {"text": "hi", "channel": "fax"}]
    answer = server.post("/v1/lint/batch", {"messages": messages})
    assert answer.status == 200
    first, second, third, fourth = answer.json["results"]
    assert first == server.post("/v1/lint", messages[0]).json
    assert third == server.post("/v1/lint", messages[2]).json
    assert first["verdict"] == "vague" and third["verdict"] == "specific"
    assert second == {"error": "messages[1].text: is empty"}
    assert fourth == {"error": "messages[3].channel: 'fax' is not one of email, linkedin-note, inmail, pitch, post"}


def test_suggest_rewrites_as_the_suggest_command_does(server):
    command = subprocess.run([sys.executable, "-m", "pitchlint", "suggest", "-"], input=VAGUE.encode(),
                             cwd=ROOT, capture_output=True, timeout=120)
    answer = server.post("/v1/suggest", {"text": VAGUE})
    assert answer.status == 200
    assert answer.json["text"] == command.stdout.decode()
    assert answer.json["applied"] == 1 and "Do you know" in answer.json["text"]


DEEP = b'{"text": "hi", "profile": {"roles": ' + b"[" * 5000 + b"]" * 5000 + b"}}"


@pytest.mark.parametrize(("body", "status", "says"), [
    (b"", 400, "the request body is empty"),
    (b'{"text": "If you know anyone', 400, "not valid JSON"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe", 400, "not UTF-8"),
    (b"[" * 200_000 + b"]" * 200_000, 400, "nested too deeply"),
    (DEEP, 400, "nested too deeply"),
    (b'"If you know anyone, send them my way."', 422, "must be a JSON object"),
    (b'{"txt": "hello"}', 422, "txt: unknown field"),
    (b'{"channel": "email"}', 422, "text: missing"),
    (b'{"text": ["If you know anyone"]}', 422, "text: must be a string, not a list"),
    (b'{"text": "hi", "channel": 7}', 422, "channel: must be a string, not a number"),
    (b'{"text": "hi", "profile": "PM"}', 422, "profile: must be an object"),
    (b'{"text": "   "}', 400, "text: is empty"),
    (b'{"text": "hi", "channel": "fax"}', 400, "channel: 'fax' is not one of email"),
    (b'{"text": "hi", "profile": {"roles": 5}}', 400, "profile"),
    (b'{"text": "hi", "profile": {"salary": "lots"}}', 400, "unknown key 'profile.salary'"),
    (b'{"text": "hi", "path": ""}', 400, "path: must be a file name"),
    (json.dumps({"text": "a" * (MAX_CHARACTERS + 1)}).encode(), 413, "characters long"),
    (b" " * (MAX_BODY_BYTES + 1), 413, "request body is over"),
])
def test_bad_bodies_get_their_status_and_the_server_keeps_answering(server, body, status, says):
    answer = server.request("POST", "/v1/lint", body, {"Content-Type": "application/json"})
    assert answer.status == status, answer.body[:300]
    assert answer.headers["content-type"] == "application/json"
    assert list(answer.json) == ["error"]
    assert says in answer.json["error"]
    assert "Traceback" not in answer.json["error"]
    assert server.post("/v1/lint", {"text": VAGUE}).json["verdict"] == "vague"


def test_a_batch_over_the_limit_or_of_the_wrong_shape_is_refused(server):
    over = server.post("/v1/lint/batch", {"messages": [{"text": VAGUE}] * (BATCH_LIMIT + 1)})
    assert over.status == 413 and f"send 1 to {BATCH_LIMIT}" in over.json["error"]
    shape = server.post("/v1/lint/batch", {"messages": [{"text": VAGUE}, {"text": 3}]})
    assert shape.status == 422 and shape.json["error"] == "messages[1].text: must be a string, not a number"
    assert server.post("/v1/lint/batch", [VAGUE]).status == 422


@pytest.mark.parametrize(("page", "marker"), [("README.md", "# the page at http"), ("docs/serve.md", '"channel": "linkedin-note"')])
def test_the_documented_curl_example_answers_as_the_cli_does(server, page, marker):
    command = snippet("sh", marker, page)
    body = json.loads(re.search(r"-d '([^']+)'", command).group(1))
    channel = ["--channel", body["channel"]] if "channel" in body else []
    cli = subprocess.run([sys.executable, "-m", "pitchlint", "--format", "json", *channel, "-"], cwd=ROOT,
                         input=body["text"].encode(), capture_output=True, timeout=120)
    [expected] = json.loads(cli.stdout)["files"]
    answer = server.post("/v1/lint", body).json
    assert answer["path"] == "<text>" and expected["path"] == "<stdin>"
    assert {**answer, "path": None} == {**expected, "path": None}
    assert answer["verdict"] == "vague"


def test_unknown_routes_and_methods_answer_json(server):
    assert server.request("GET", "/v1/nothing").json == {"error": "not found"}
    wrong = server.request("GET", "/v1/lint")
    assert wrong.status == 405 and wrong.json == {"error": "method not allowed"}


def test_answers_validate_against_the_openapi_document(server):
    document = server.request("GET", "/openapi.json").json
    assert document["openapi"].startswith("3.1")
    components = document["components"]

    def check(instance, path):
        schema = document["paths"][path]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
        jsonschema.validate(instance, {**schema, "components": components})

    check(server.post("/v1/lint", {"text": VAGUE}).json, "/v1/lint")
    check(server.post("/v1/lint/batch", {"messages": [{"text": VAGUE}, {"text": " "}]}).json, "/v1/lint/batch")
    check(server.post("/v1/suggest", {"text": VAGUE}).json, "/v1/suggest")
    request_schema = {**components["schemas"]["Message"], "components": components}
    jsonschema.validate({"text": VAGUE, "channel": "pitch", "profile": {}, "path": "a.md"}, request_schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"text": VAGUE, "channel": "fax"}, request_schema)


def _words(text: str) -> str:
    return " ".join(text.split())


def test_a_rule_page_says_what_explain_says(server):
    rule = available_rules(())["vague-ask"]
    answer = server.request("GET", "/rules/vague-ask")
    assert answer.status == 200 and answer.headers["content-type"].startswith("text/html")
    shown = _words(html.unescape(re.sub(r"<[^>]+>", " ", answer.body.decode())))
    shown = shown.replace(" ,", ",").replace(" .", ".")
    for block in explain_text(rule).split("\n\n"):
        for line in block.strip().splitlines():
            plain = _words(re.sub(r"^(## |- )", "", line).replace("`", ""))
            assert plain.split()[0] in shown, line
    assert "<h2>What it does</h2>" in answer.body.decode()
    assert server.request("GET", "/rules").body.count(b'href="/rules/') == len(available_rules(()))


def test_a_missing_rule_page_does_not_echo_the_address(server):
    answer = server.request("GET", "/rules/%3Cscript%3Ealert(1)%3C%2Fscript%3E")
    assert answer.status == 404
    assert b"<script" not in answer.body and b"alert(1)" not in answer.body


def test_the_page_runs_only_its_own_files_under_a_strict_policy(server):
    page = server.request("GET", "/")
    assert page.status == 200
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    text = page.body.decode()
    assert re.findall(r"<script[^>]*>", text) == ['<script src="/static/app.js" defer>']
    assert "style=" not in text  # style-src 'self' refuses inline styles too
    assert not re.search(r"<[^>]+\son\w+=", text)  # no inline event handlers
    script = server.request("GET", "/static/app.js")
    assert script.status == 200 and "javascript" in script.headers["content-type"]
    assert "innerHTML" not in script.body.decode() and "insertAdjacentHTML" not in script.body.decode()
    severities = re.search(r"const SEVERITIES = \[([^\]]*)\]", script.body.decode()).group(1)
    assert tuple(json.loads(f"[{severities}]")) == SEVERITIES  # the page ranks marks as the engine does
    assert server.request("GET", "/static/app.css").status == 200
    channels = re.findall(r'<option value="([^"]+)"', text)
    assert tuple(channels) == CHANNELS


def test_health_says_ok_and_how_many_requests_are_held(server):
    assert server.request("GET", "/healthz").json == {"status": "ok", "version": __version__, "pending": 0}


def test_the_log_has_request_lines_and_no_draft(server):
    secret = "Quetzalcoatl-7 wants a product role at Initech"
    assert server.post("/v1/lint", {"text": secret}).status == 200
    assert server.post("/v1/lint", {"text": secret, "channel": "fax"}).status == 400
    log = server.output()
    assert '"POST /v1/lint HTTP/1.1" 200' in log
    assert "Quetzalcoatl" not in log
