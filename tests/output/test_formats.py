"""The CI formats as a user runs them: `--format sarif` validated against the official SARIF 2.1.0
schema, and `--format github` workflow commands compared line for line."""

from __future__ import annotations

import json

import pytest
from cli_support import SPECIFIC, VAGUE, run
from sarif_schema import schema_errors

ROCKET = "\U0001F680"  # one code point, two UTF-16 code units
EMOJI_VAGUE = VAGUE.replace("I'm between jobs. ", f"I'm between jobs {ROCKET}. ")
FLAGGED = "anyone, or hear of any leads"
VAGUE_MESSAGE = ('Your ask is for "anyone" and "leads" in general: name the kind of role, company or sector '
                 "you want, so the reader can think of a person.")

def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def utf16_slice(text: str, offset: int, length: int) -> str:
    return text.encode("utf-16-le")[2 * offset:2 * (offset + length)].decode("utf-16-le")


def sarif(*args, cwd) -> tuple[int, dict]:
    result = run("--format", "sarif", *args, cwd=cwd)
    assert "Traceback" not in result.stderr.decode(), result.stderr.decode()
    return result.returncode, json.loads(result.stdout)


def test_the_validator_rejects_malformed_logs():
    """The schema check is a real one: each of these breaks the schema in one place."""
    result = {"ruleId": "vague-ask", "level": "warning", "message": {"text": "m"}, "locations": [
        {"physicalLocation": {"artifactLocation": {"uri": "draft.txt"}, "region": {"startLine": 3}}}]}
    good = {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "pitchlint"}}, "results": [result]}]}
    assert schema_errors(good) == []
    broken = [
        ("version", "2.0.0"),
        ("level", "warn"),
        ("startLine", 0),
        ("uri", "my draft.txt"),  # a space is not allowed in a URI reference
        ("message", {"markdown": "no text"}),
    ]
    for key, value in broken:
        log = json.loads(json.dumps(good))
        target = {"version": log, "level": log["runs"][0]["results"][0],
                  "message": log["runs"][0]["results"][0],
                  "startLine": log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"],
                  "uri": log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]}[key]
        target[key] = value
        assert schema_errors(log), key


def test_sarif_validates_and_counts_columns_in_utf16(tmp_path):
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "vague.txt").write_text(EMOJI_VAGUE, encoding="utf-8")
    (tmp_path / "specific.txt").write_text(SPECIFIC)
    status, log = sarif("drafts/vague.txt", "specific.txt", cwd=tmp_path)
    assert status == 1
    assert schema_errors(log) == []
    assert log["version"] == "2.1.0" and len(log["runs"]) == 1
    run_ = log["runs"][0]
    assert run_["columnKind"] == "utf16CodeUnits"
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    invocation = run_["invocations"][0]
    assert invocation["executionSuccessful"] is True and invocation["exitCode"] == 1
    assert "toolExecutionNotifications" not in invocation

    vague = [r for r in run_["results"] if r["ruleId"] == "vague-ask"]
    assert len(vague) == 1
    location = vague[0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "drafts/vague.txt", "uriBaseId": "%SRCROOT%"}
    line = EMOJI_VAGUE.split("\n")[2]
    before = line[:line.index(FLAGGED)]
    assert ROCKET in before
    region = location["region"]
    assert region == {
        "startLine": 3, "startColumn": utf16(before) + 1,  # code points would say one less
        "endLine": 3, "endColumn": utf16(before + FLAGGED) + 1,
        "charOffset": region["charOffset"], "charLength": utf16(FLAGGED),
    }
    assert region["startColumn"] == len(before) + 2
    assert utf16_slice(EMOJI_VAGUE, region["charOffset"], region["charLength"]) == FLAGGED
    assert vague[0]["level"] == "warning"
    assert vague[0]["message"]["text"] == VAGUE_MESSAGE
    assert vague[0]["properties"]["suggestion"].startswith("Do you know")
    on_specific = [r for r in run_["results"]
                   if r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "specific.txt"]
    assert {r["level"] for r in on_specific} <= {"note"}  # hints at most: the ask is specific


def test_sarif_offsets_count_crlf_and_fixes_rewrite_the_file(tmp_path):
    original = EMOJI_VAGUE.replace("\n", "\r\n")
    (tmp_path / "vague.txt").write_bytes(original.encode("utf-8"))
    _, log = sarif("vague.txt", cwd=tmp_path)
    assert schema_errors(log) == []
    result = next(r for r in log["runs"][0]["results"] if r["ruleId"] == "vague-ask")
    region = result["locations"][0]["physicalLocation"]["region"]
    assert utf16_slice(original, region["charOffset"], region["charLength"]) == FLAGGED
    assert region["startLine"] == 3

    [fix] = result["fixes"]
    [change] = fix["artifactChanges"]
    assert change["artifactLocation"] == {"uri": "vague.txt", "uriBaseId": "%SRCROOT%"}
    [replacement] = change["replacements"]
    deleted, inserted = replacement["deletedRegion"], replacement["insertedContent"]["text"]
    assert fix["description"]["text"] == result["properties"]["suggestion"] == inserted
    ask = utf16_slice(original, deleted["charOffset"], deleted["charLength"])
    assert FLAGGED in ask and "\n" not in ask
    assert (deleted["startLine"], deleted["endLine"]) == (3, 3)
    assert deleted["endColumn"] - deleted["startColumn"] == deleted["charLength"]
    # applying the SARIF fix gives what `pitchlint suggest` prints
    encoded = original.encode("utf-16-le")
    fixed = (encoded[:2 * deleted["charOffset"]] + inserted.encode("utf-16-le")
             + encoded[2 * (deleted["charOffset"] + deleted["charLength"]):]).decode("utf-16-le")
    suggested = run("suggest", "vague.txt", cwd=tmp_path)
    assert suggested.stdout.decode("utf-8") == fixed


def test_sarif_describes_every_rule_that_ran(tmp_path):
    (tmp_path / "vague.txt").write_text(VAGUE)
    _, log = sarif("vague.txt", cwd=tmp_path)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["name"] == "pitchlint"
    assert driver["version"] == run("--version").stdout.decode().split()[-1]
    listing = [line.split() for line in run("rules", cwd=tmp_path).stdout.decode().splitlines()]
    active = {fields[0]: fields for fields in listing if fields[3] == "on"}
    assert [rule["id"] for rule in driver["rules"]] == list(active)
    levels = {"error": "error", "warning": "warning", "info": "note"}
    explained = run("explain", "vague-ask").stdout.decode()
    for index, rule in enumerate(driver["rules"]):
        _, severity, status, _ = active[rule["id"]][:4]
        assert rule["defaultConfiguration"]["level"] == levels[severity]
        assert rule["properties"]["status"] == status
        assert rule["shortDescription"]["text"]
        assert rule["fullDescription"]["text"].startswith(f"{rule['id']} ({severity}, {status})\n")
        assert rule["help"]["text"] == rule["fullDescription"]["text"]
        assert "## What it does" in rule["help"]["text"]
        if rule["id"] == "vague-ask":
            assert explained.startswith(rule["fullDescription"]["text"])
    for result in log["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def test_sarif_reports_unreadable_files_as_notifications(tmp_path):
    (tmp_path / "vague.txt").write_text(VAGUE)
    (tmp_path / "empty.txt").write_text("")
    status, log = sarif("missing.txt", "vague.txt", "empty.txt", cwd=tmp_path)
    assert status == 2
    assert schema_errors(log) == []
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False and invocation["exitCode"] == 2
    notes = invocation["toolExecutionNotifications"]
    assert [(n["level"], n["message"]["text"]) for n in notes] == [
        ("error", "missing.txt: no such file"), ("error", "empty.txt: the file is empty")]
    assert [n["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for n in notes] == [
        "missing.txt", "empty.txt"]
    assert any(r["ruleId"] == "vague-ask" for r in log["runs"][0]["results"])  # the others still linted


def test_sarif_percent_encodes_paths(tmp_path):
    name = "ask, v2: final #1.txt"
    (tmp_path / name).write_text(VAGUE)
    _, log = sarif(name, cwd=tmp_path)
    assert schema_errors(log) == []
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location["uri"] == "ask%2C%20v2%3A%20final%20%231.txt"


def test_github_commands_escape_properties_and_data(tmp_path):
    folder = tmp_path / "a,b"
    folder.mkdir()
    (folder / "ask: v2.txt").write_text(EMOJI_VAGUE, encoding="utf-8")
    result = run("--format", "github", "a,b/ask: v2.txt", cwd=tmp_path)
    assert result.returncode == 1
    line = EMOJI_VAGUE.split("\n")[2]
    column = utf16(line[:line.index(FLAGGED)]) + 1
    assert result.stdout.decode().splitlines() == [
        f"::warning file=a%2Cb/ask%3A v2.txt,line=3,col={column},endLine=3,endColumn={column + len(FLAGGED)},"
        f"title=vague-ask::{VAGUE_MESSAGE}"
    ]
    assert result.stderr == b""


PERCENT_RULE = '''
id = "percent-sure"
kind = "phrase"
severity = "error"
status = "stable"
summary = "A test rule whose message needs escaping."
message = "100% \\"{phrase}\\":\\nsay it once, plainly"

[options]
phrases = ["sorry to bother you"]
scope = "message"

[docs]
what = "w"
why = "y"
example = "e"
use_instead = "u"
options = "o"

[examples]
fail = ["Sorry to bother you, but do you know a recruiter at Microsoft?"]
pass = ["Do you know a recruiter at Microsoft?"]
'''


def test_github_levels_data_escaping_and_errors(tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "percent-sure.toml").write_text(PERCENT_RULE)
    (tmp_path / ".pitchlint.toml").write_text('packs = ["pack"]\nselect = ["percent-sure", "ask-without-role"]\n')
    text = "Could you introduce me to someone at Microsoft?\nSorry to bother you!\n"
    (tmp_path / "msg.txt").write_text(text)
    result = run("--format", "github", "missing.txt", "msg.txt", cwd=tmp_path)
    assert result.returncode == 2  # as in the text format: a file could not be read
    assert result.stderr.decode().splitlines() == ["pitchlint: missing.txt: no such file"]
    assert result.stdout.decode().splitlines() == [
        "::error file=missing.txt::no such file",
        "::notice file=msg.txt,line=1,col=1,endLine=1,endColumn=20,title=ask-without-role::"
        "Your ask names no role; adding one would give the reader one more way to think of a person.",
        "::error file=msg.txt,line=2,col=1,endLine=2,endColumn=20,title=percent-sure::"
        '100%25 "Sorry to bother you":%0Asay it once, plainly',
    ]


def test_github_gives_columns_only_for_single_line_findings(tmp_path):
    (tmp_path / "pack").mkdir()
    (tmp_path / "pack" / "percent-sure.toml").write_text(PERCENT_RULE.replace(
        '["sorry to bother you"]', '["sorry to\\nbother you"]'))
    (tmp_path / ".pitchlint.toml").write_text('packs = ["pack"]\nselect = ["percent-sure"]\n')
    (tmp_path / "msg.txt").write_text("Could you introduce me to a recruiter at Microsoft? Sorry to\nbother you!\n")
    result = run("--format", "github", "msg.txt", cwd=tmp_path)
    assert result.stdout.decode().splitlines() == [
        '::error file=msg.txt,line=1,endLine=2,title=percent-sure::100%25 "Sorry to%0Abother you":%0Asay it once, plainly',
    ]


def test_github_notes_become_notices(tmp_path):
    data = VAGUE.replace("Priya", "Ren\xe9e").encode("cp1252")
    (tmp_path / "cafe.txt").write_bytes(data)
    lines = run("--format", "github", "cafe.txt", cwd=tmp_path).stdout.decode().splitlines()
    byte = data.index("\xe9".encode("cp1252"))
    assert lines[0] == f"::notice file=cafe.txt,title=pitchlint note::not valid UTF-8 (byte {byte}); decoded as cp1252 instead"
    assert lines[1].startswith("::warning file=cafe.txt,line=3,")


def test_github_exit_codes_follow_the_text_format(tmp_path):
    (tmp_path / "vague.txt").write_text(VAGUE)
    (tmp_path / "specific.txt").write_text(SPECIFIC)
    for args in (["vague.txt"], ["specific.txt"], ["--fail-on", "error", "vague.txt"]):
        text = run(*args, cwd=tmp_path).returncode
        assert run("--format", "github", *args, cwd=tmp_path).returncode == text
        assert run("--format", "sarif", *args, cwd=tmp_path).returncode == text


@pytest.mark.parametrize("fmt", ["github", "sarif"])
def test_ci_formats_print_no_text_totals(tmp_path, fmt):
    (tmp_path / "vague.txt").write_text(VAGUE)
    (tmp_path / "specific.txt").write_text(SPECIFIC)
    out = run("--format", fmt, "vague.txt", "specific.txt", cwd=tmp_path).stdout.decode()
    assert "files linted" not in out and ": vague, score" not in out
