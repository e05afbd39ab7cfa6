"""Crashes, each reproduction now one line and the run going on: JSON nested 50,000 deep to the
language server and in a JSONL batch line, a Content-Length a few bytes too long on a body that
does not parse, a CSV row with a byte that is not UTF-8, a glob such as `[z-a]`, and plug-in rules
that raise GeneratorExit, call sys.exit(), yield something that is not a finding, or yield
offsets outside the message."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile.rawlsp import INITIALIZE, RawServer, frame, notification, request
from pitchlint.checks.findings import Finding, Fix
from pitchlint.config.settings import Config
from pitchlint.engine.core import Engine
from pitchlint.lsp.framing import FrameReader
from pitchlint.reading.read import make_document
from pitchlint.rulepack import Rule

VAGUE = "If you know anyone, or hear of any leads, please send them my way."
SPECIFIC = "Could you introduce me to a product manager at Stripe?"
DEEP = [b"[" * 100_000, b'{"a":' * 50_000,
        b'{"jsonrpc": "2.0", "id": 7, "method": "textDocument/hover", "params": ' + b"[" * 60_000 + b"]" * 60_000 + b"}"]


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pitchlint", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=300)


def frames(data: bytes) -> list:
    reader = FrameReader(io.BytesIO(data))
    out = []
    while (found := reader.next_frame()) is not None:
        out.append(found)
    return out


# --- the language server ----------------------------------------------------------------------------

@pytest.mark.parametrize("body", DEEP, ids=["brackets", "objects", "deep-params"])
def test_the_reader_refuses_deep_json_as_a_parse_error_and_reads_on(body):
    bad, good = frames(b"Content-Length: %d\r\n\r\n" % len(body) + body + frame(request(1, "x")))
    assert bad.body is None and bad.problem == "skipped a message whose JSON nests too deeply to read"
    assert bad.request_id == (7 if body.startswith(b'{"jsonrpc"') else None)
    assert json.loads(good.body)["id"] == 1


BROKEN = b'{"jsonrpc": "2.0", "id": "broken", "method": "x", "params": {nope}}'


@pytest.mark.parametrize("extra", [1, 5, 14, 15, 20])
def test_a_body_that_does_not_parse_and_ran_into_the_next_header_loses_nothing_after_it(extra):
    stream = frame(request(0, "x")) + b"Content-Length: %d\r\n\r\n" % (len(BROKEN) + extra) + BROKEN
    stream += frame(request(1, "x")) + frame(request(2, "x"))
    found = frames(stream)
    assert [json.loads(f.body)["id"] for f in found if f.body is not None] == [0, 1, 2]
    assert any(f.request_id == "broken" and "not valid JSON" in f.problem for f in found)


def test_the_server_answers_deep_json_with_a_parse_error_and_goes_on(tmp_path):
    server = RawServer(tmp_path)
    try:
        server.send(frame(INITIALIZE))
        server.answer(0)
        server.send(frame(notification("initialized")))
        for body in DEEP:
            server.send(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        server.send(b"Content-Length: %d\r\n\r\n" % (len(BROKEN) + 5) + BROKEN)
        hover = {"textDocument": {"uri": "file:///nowhere.txt"}, "position": {"line": 0, "character": 0}}
        server.send(frame(request("after", "textDocument/hover", hover)))
        assert server.answer(7)["error"]["code"] == -32700
        assert server.answer("broken")["error"]["code"] == -32700
        assert "result" in server.answer("after")
        server.send(frame(request(9, "shutdown")) + frame(notification("exit")))
        assert server.process.wait(60) == 0
    finally:
        if server.process.poll() is None:
            server.process.kill()
    stderr = server.stderr.decode(errors="replace")
    assert "Traceback" not in stderr and "RecursionError" not in stderr
    assert stderr.count("nests too deeply") == 3


# --- batch inputs ------------------------------------------------------------------------------------

def test_a_deep_jsonl_line_is_an_error_row_and_the_others_are_linted(tmp_path):
    lines = [json.dumps({"id": 1, "text": VAGUE}).encode(), b"[" * 100_000, b'{"id": 2, "text": ' + b"[" * 50_000,
             json.dumps({"id": 3, "text": SPECIFIC}).encode()]
    (tmp_path / "in.jsonl").write_bytes(b"\n".join(lines) + b"\n")
    result = cli("batch", "in.jsonl", "-o", "out.jsonl", "--jobs", "1", "--no-progress", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["id"], r.get("verdict"), r.get("source")) for r in rows] == [
        (1, "vague", None), (None, None, "in.jsonl:2"), (None, None, "in.jsonl:3"), (3, "specific", None)]
    assert rows[1]["error"] == rows[2]["error"] == "not JSON pitchlint reads (it nests deeper than Python's JSON reader goes)"


def test_a_csv_row_with_a_byte_that_is_not_utf8_is_an_error_row_and_the_others_are_linted(tmp_path):
    data = (b"id,text\r\n" + b'a,"' + VAGUE.encode() + b'"\r\n' + b'b,"Any leads at Caf\xe9 Vita?"\r\n'
            + b'c,"' + SPECIFIC.encode() + b'"\r\n' + b'd\xff,"x"\r\n')
    (tmp_path / "in.csv").write_bytes(data)
    result = cli("batch", "in.csv", "-o", "out.jsonl", "--jobs", "1", "--no-progress", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [(r["id"], r.get("verdict")) for r in rows] == [("a", "vague"), ("b", None), ("c", "specific"), (None, None)]
    assert rows[1]["error"] == "has a byte that is not UTF-8 (0xe9, field 2)" and rows[1]["source"] == "in.csv:3"
    assert rows[3]["error"] == "has a byte that is not UTF-8 (0xff, field 1)"


def test_a_csv_header_that_is_not_utf8_stops_the_run_in_one_line(tmp_path):
    (tmp_path / "in.csv").write_bytes(b"id,t\xe9xt\nA,x\n")
    result = cli("batch", "in.csv", "-o", "out.jsonl", "--text-column", "text", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.strip() == "pitchlint: in.csv: the header has a byte that is not UTF-8 (0xe9, field 2)"


# --- configuration -----------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["exclude", "include"])
def test_a_glob_with_a_reversed_range_is_a_one_line_error(tmp_path, key):
    (tmp_path / ".pitchlint.toml").write_text(f'{key} = ["***/[z-a]"]\n')
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "a.txt").write_text(VAGUE + "\n")
    for target in ("drafts", "drafts/a.txt"):
        result = cli(target, cwd=tmp_path)
        assert result.returncode == 2, result.stderr
        assert result.stderr.strip() == (
            f"pitchlint: {tmp_path / '.pitchlint.toml'}: `{key}` has a pattern that is not a valid glob: "
            "'***/[z-a]' (bad character range z-a at position 18)")


# --- plug-in rules -----------------------------------------------------------------------------------

DOCS = dict(what="w", why="y", example="e", use_instead="u", options="none")


def rule_yielding(check) -> Rule:
    return Rule(id="odd-plugin", kind="python", severity="warning", summary="s", message="m", check=check, docs=DOCS)


def raises_generator_exit(ctx):
    raise GeneratorExit
    yield


def exits(ctx):
    sys.exit(0)
    yield


def yields_text(ctx):
    yield ctx.finding(0, 2, "fine")
    yield "not a finding"


def yields_negative(ctx):
    yield ctx.finding(-112, -100, "before the start")


def yields_past_the_end(ctx):
    yield ctx.finding(0, 10_000, "past the end")


def yields_float(ctx):
    yield ctx.finding(1.5, 3, "half a character")


def yields_bad_fix(ctx):
    yield ctx.finding(0, 2, "fix", fix=Fix(-5, 2, "x"))


def yields_odd_severity(ctx):
    yield Finding(rule="odd-plugin", severity="fatal", message="m", start=0, end=2)


PLUGINS = {
    raises_generator_exit: "rule odd-plugin failed: GeneratorExit: ",
    exits: "rule odd-plugin failed: SystemExit: 0",
    yields_text: "rule odd-plugin failed: it yielded 'not a finding' (a str), not a Finding",
    yields_negative: "rule odd-plugin failed: it yielded a finding at -112:-100, outside the message (0 to 67)",
    yields_past_the_end: "rule odd-plugin failed: it yielded a finding at 0:10000, outside the message (0 to 67)",
    yields_float: "rule odd-plugin failed: it yielded a finding whose start is 1.5, not a whole number",
    yields_bad_fix: "rule odd-plugin failed: it yielded a fix at -5:2, outside the message (0 to 67)",
    yields_odd_severity: "rule odd-plugin failed: it yielded a finding of severity 'fatal', not one of info, "
                         "warning, error",
}


@pytest.mark.parametrize("check", PLUGINS, ids=lambda f: f.__name__)
def test_a_plugin_that_misbehaves_is_an_internal_error_naming_the_rule(check):
    engine = Engine(Config())
    engine.rules = {**engine.rules, "odd-plugin": rule_yielding(check)}
    report = next(engine.lint_documents([make_document(VAGUE + "\n", "a.txt")]))
    assert report.internal_errors == [PLUGINS[check]]
    assert "vague-ask" in {f.rule for f in report.findings}  # the other rules' findings still stand
    assert all(0 <= f.start <= f.end <= len(report.text) for f in report.findings)
    kept = [f for f in report.findings if f.rule == "odd-plugin"]
    assert kept == ([] if check is not yields_text else [Finding("odd-plugin", "warning", "fine", 0, 2)])


PLUGIN_MODULE = '''
import sys
from pitchlint.rulepack import Rule

{at_import}

def check(ctx):
    {body}
    yield from ()

RULES = [Rule(id="odd-plugin", kind="python", severity="warning", summary="s", message="m", check=check,
              docs=dict(what="w", why="y", example="e", use_instead="u", options="none"))]
'''


@pytest.mark.parametrize("at_import,body,message", [
    ("", "yield ctx.finding(-112, 5)", "internal error: rule odd-plugin failed: it yielded a finding at -112:5"),
    ("", "sys.exit(0)", "internal error: rule odd-plugin failed: SystemExit: 0"),
    ("sys.exit(0)", "pass", "pitchlint: pitchlint.rules entry points: a plug-in exited while it was loaded "
                            "(SystemExit: 0)"),
], ids=["negative-offsets", "exit-in-check", "exit-at-import"])
def test_the_cli_says_what_a_plugin_did_in_one_line_and_exits_2(tmp_path, at_import, body, message):
    site = tmp_path / "site"
    dist = site / "odd_plugin-0.1.dist-info"
    dist.mkdir(parents=True)
    (site / "odd_plugin.py").write_text(PLUGIN_MODULE.format(at_import=at_import, body=body))
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: odd-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[pitchlint.rules]\nodd = odd_plugin:RULES\n")
    (tmp_path / "msg.txt").write_text(VAGUE + "\n")
    result = subprocess.run([sys.executable, "-m", "pitchlint", "msg.txt"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=300, env={**os.environ, "PYTHONPATH": str(site)})
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and ":0:-" not in result.stdout
    assert message in result.stdout + result.stderr
