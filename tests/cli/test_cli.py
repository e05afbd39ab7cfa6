"""The CLI as a user runs it: a real process, real files, exit codes and output."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from cli_support import SPECIFIC, VAGUE, run


@pytest.fixture
def drafts(tmp_path):
    (tmp_path / "vague.txt").write_text(VAGUE)
    (tmp_path / "specific.txt").write_text(SPECIFIC)
    return tmp_path


def test_vague_message_exits_1_with_the_finding_marked(drafts):
    result = run(drafts / "vague.txt")
    out = result.stdout.decode()
    assert result.returncode == 1, result.stderr
    assert f"{drafts / 'vague.txt'}:3:" in out
    assert "warning [vague-ask]" in out
    line = next(l for l in out.splitlines() if "If you know anyone" in l)
    marker = out.splitlines()[out.splitlines().index(line) + 1]
    column = line.index("anyone")
    assert marker.index("^") == column
    assert "= try: Do you know" in out
    assert out.splitlines()[-1].startswith(f"{drafts / 'vague.txt'}: vague, score ")


def test_specific_message_exits_0(drafts):
    result = run(drafts / "specific.txt")
    assert result.returncode == 0, result.stdout.decode() + result.stderr.decode()
    assert ": specific, score " in result.stdout.decode()
    assert "warning" not in result.stdout.decode()


def test_json_report_follows_the_contract(drafts):
    result = run("--format", "json", drafts / "vague.txt", drafts / "specific.txt")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["version"] == 1
    assert [f["path"] for f in report["files"]] == [str(drafts / "vague.txt"), str(drafts / "specific.txt")]
    vague, specific = report["files"]
    assert vague["verdict"] == "vague" and specific["verdict"] == "specific"
    assert 0 <= vague["score"] < specific["score"] <= 100
    finding = next(f for f in vague["findings"] if f["rule"] == "vague-ask")
    assert set(finding) >= {"rule", "severity", "message", "line", "column", "end_line", "end_column",
                            "start", "end", "suggestion"}
    assert VAGUE[finding["start"]:finding["end"]] == "anyone, or hear of any leads"
    assert (finding["line"], finding["column"]) == (3, VAGUE.split("\n")[2].index("anyone") + 1)
    assert finding["suggestion"].startswith("Do you know")
    companies = [e for e in specific["entities"] if e["label"] == "COMPANY"]
    assert [e["text"] for e in companies] == ["Nordstroms", "Microsoft", "Starbucks"]
    assert all(e["in_ask"] for e in companies)
    for entity in specific["entities"]:
        assert SPECIFIC[entity["start"]:entity["end"]] == entity["text"]
    assert report["summary"]["files"] == 2
    assert report["summary"]["vague"] == 1


def test_fail_under_and_fail_on(drafts):
    assert run("--fail-under", "100", drafts / "specific.txt").returncode == 1
    assert run("--fail-on", "error", drafts / "vague.txt").returncode == 0
    assert run("--fail-on", "info", drafts / "specific.txt").returncode == 1
    assert run("--severity", "error", drafts / "vague.txt").returncode == 0  # the same option


def test_stdin(drafts):
    result = run("--format", "json", "-", stdin=VAGUE.encode())
    assert result.returncode == 1
    assert json.loads(result.stdout)["files"][0]["path"] == "<stdin>"


def test_directory_lints_messages_under_it(drafts):
    (drafts / "notes.toml").write_text("not a message = 1\n")
    (drafts / "sub").mkdir()
    (drafts / "sub" / "draft.md").write_text("# Draft\n\n" + SPECIFIC)
    result = run("--format", "json", drafts)
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [str(drafts / "specific.txt"), str(drafts / "sub" / "draft.md"), str(drafts / "vague.txt")]


def _missing(d):
    return d / "missing.txt"


def _empty(d):
    (d / "empty.txt").write_text("")
    return d / "empty.txt"


def _binary(d):
    (d / "img.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return d / "img.txt"


def _empty_folder(d):
    (d / "nothing").mkdir()
    return d / "nothing"


@pytest.mark.parametrize(
    "make,reason",
    [
        (_missing, "no such file"),
        (_empty, "the file is empty"),
        (_binary, "the file is binary, not a text message"),
        (_empty_folder, "is a directory with no text, Markdown or e-mail files"),
    ],
)
def test_bad_input_is_one_line_exit_2_and_others_still_linted(drafts, make, reason):
    bad = make(drafts)
    result = run(bad, drafts / "specific.txt")
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [f"pitchlint: {bad}: {reason}"]
    assert ": specific, score " in result.stdout.decode()


def test_bad_config_is_exit_2_naming_the_file(drafts):
    (drafts / ".pitchlint.toml").write_text('ignore = ["no-such-rule"]\n')
    result = run(drafts / "vague.txt")
    assert result.returncode == 2
    assert result.stderr.decode().strip() == (
        f"pitchlint: {drafts / '.pitchlint.toml'}: unknown rule id 'no-such-rule'")
    explicit = run("--config", drafts / "absent.toml", drafts / "vague.txt")
    assert explicit.returncode == 2
    assert "absent.toml: configuration file not found" in explicit.stderr.decode()


def test_config_ignore_silences_a_rule(drafts):
    (drafts / ".pitchlint.toml").write_text('ignore = ["vague-ask"]\n')
    result = run("--format", "json", drafts / "vague.txt")
    rules = {f["rule"] for f in json.loads(result.stdout)["files"][0]["findings"]}
    assert "vague-ask" not in rules


def test_help_and_version_do_not_import_spacy():
    code = (
        "import sys\n"
        "from pitchlint.cli.commands import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(*(name in sys.modules for name in ('spacy', 'jinja2', 'pygls', 'lsprotocol')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "False False False False"
    version = run("--version")
    assert version.returncode == 0
    assert version.stdout.decode().startswith("pitchlint, version ")


def test_linting_does_not_import_the_language_server(drafts):
    code = (
        "import sys\n"
        "from pitchlint.cli.commands import main\n"
        f"try:\n    main([{str(drafts / 'vague.txt')!r}])\nexcept SystemExit:\n    pass\n"
        "print('pygls' in sys.modules, 'lsprotocol' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert "[vague-ask]" in result.stdout
    assert result.stderr.strip().splitlines()[-1] == "False False"


def test_explain_and_rules():
    explain = run("explain", "vague-ask")
    assert explain.returncode == 0
    text = explain.stdout.decode()
    for heading in ("## What it does", "## Why it matters", "## Example", "## Use instead", "## Options",
                    "## Examples that fire", "## Examples that pass"):
        assert heading in text
    assert run("explain", "nope").returncode == 2
    listing = run("rules").stdout.decode().splitlines()
    assert any(l.startswith("vague-ask ") and " warning " in l and " stable " in l for l in listing)


def test_channel_sets_the_length_budget(drafts):
    note = drafts / "note.txt"
    note.write_text(SPECIFIC)  # about 400 characters: over a LinkedIn note's 300
    as_email = json.loads(run("--format", "json", note).stdout)["files"][0]
    as_note = json.loads(run("--format", "json", "--channel", "linkedin-note", note).stdout)["files"][0]
    assert "length-budget" not in {f["rule"] for f in as_email["findings"]}
    budget = next(f for f in as_note["findings"] if f["rule"] == "length-budget")
    assert budget["message"].startswith("This linkedin-note is ")
    assert "its budget is 300" in budget["message"]
