"""`pitchlint suggest` as a user runs it: the rewrite on stdout, the rest of the file byte for byte,
a diff that `git apply` and `patch` accept, and the file itself never touched."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from cli_support import SPECIFIC, VAGUE, run

ROCKET = "\U0001F680"


def ask_and_rewrite(folder, name: str) -> tuple[str, str]:
    """The ask sentence the fix replaces and its replacement, from the JSON report."""
    report = json.loads(run("--format", "json", name, cwd=folder).stdout)["files"][0]
    [fix] = [f["fix"] for f in report["findings"] if f.get("fix")]
    text = (folder / name).read_bytes().decode("utf-8").removeprefix("\ufeff")  # the file as read: CRLFs kept
    return text[fix["start"]:fix["end"]], fix["replacement"]


def untouched(path):
    """The file's bytes and modification time, to compare after a command ran."""
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("newline,bom", [("\n", ""), ("\r\n", "\ufeff")], ids=["lf", "crlf-bom"])
def test_suggest_rewrites_the_ask_and_keeps_the_rest_byte_for_byte(tmp_path, newline, bom):
    message = bom + VAGUE.replace("Thanks,", f"Thanks {ROCKET},").replace("\n", newline)
    draft = tmp_path / "draft.txt"
    draft.write_bytes(message.encode("utf-8"))
    before = untouched(draft)
    ask, rewrite = ask_and_rewrite(tmp_path, "draft.txt")
    assert "If you know anyone" in ask and rewrite.startswith("Do you know")

    result = run("suggest", "draft.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == message.replace(ask, rewrite, 1).encode("utf-8")
    assert result.stderr.decode() == "pitchlint: draft.txt: rewrote 1 ask\n"
    assert untouched(draft) == before


def test_suggest_keeps_a_cp1252_file_in_its_encoding(tmp_path):
    message = VAGUE.replace("Priya", "Ren\xe9e")
    draft = tmp_path / "draft.txt"
    draft.write_bytes(message.encode("cp1252"))
    result = run("suggest", "draft.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.endswith("Thanks,\nRen\xe9e\n".encode("cp1252"))
    assert result.stdout.startswith(b"Hi Dana,\n\nI'm between jobs. Do you know ")
    assert "note: not valid UTF-8" in result.stderr.decode()


def apply_with(tool: list[str], folder, patch: bytes):
    subprocess.run(tool, input=patch, cwd=folder, check=True, capture_output=True, timeout=60)


@pytest.mark.parametrize("trailing_newline", [True, False])
def test_diff_is_a_unified_diff_that_git_apply_and_patch_accept(tmp_path, trailing_newline):
    message = VAGUE if trailing_newline else VAGUE.rstrip("\n").replace("Thanks,\nPriya", "If you know anyone, tell me")
    (tmp_path / "notes").mkdir()
    draft = tmp_path / "notes" / "draft.txt"
    draft.write_text(message)
    before = untouched(draft)
    diff = run("suggest", "--diff", "notes/draft.txt", cwd=tmp_path)
    assert diff.returncode == 0, diff.stderr
    lines = diff.stdout.decode().splitlines()
    assert lines[:2] == ["--- a/notes/draft.txt", "+++ b/notes/draft.txt"]
    assert lines[2].startswith("@@ -1,")
    assert ("\\ No newline at end of file" in lines) is not trailing_newline
    assert untouched(draft) == before
    rewritten = run("suggest", "notes/draft.txt", cwd=tmp_path).stdout

    tools = [["git", "apply", "-p1", "-"]]
    if shutil.which("patch"):
        tools.append(["patch", "-p1", "--quiet"])
    for tool in tools:
        copy = tmp_path / f"copy-{tool[0]}"
        (copy / "notes").mkdir(parents=True)
        shutil.copy(draft, copy / "notes" / "draft.txt")
        apply_with(tool, copy, diff.stdout)
        assert (copy / "notes" / "draft.txt").read_bytes() == rewritten


def test_nothing_to_rewrite_prints_the_message_unchanged(tmp_path):
    draft = tmp_path / "specific.txt"
    draft.write_text(SPECIFIC)
    result = run("suggest", "specific.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == SPECIFIC.encode()
    assert result.stderr.decode().startswith("pitchlint: specific.txt: nothing to rewrite")
    diff = run("suggest", "--diff", "specific.txt", cwd=tmp_path)
    assert (diff.returncode, diff.stdout) == (0, b"")
    assert "nothing to rewrite" in diff.stderr.decode()


def test_a_message_with_no_ask_gets_the_suggestion_as_a_hint(tmp_path):
    (tmp_path / "thanks.txt").write_text("Thanks so much for lunch last week, it was great to catch up.\n")
    result = run("suggest", "thanks.txt", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout == b"Thanks so much for lunch last week, it was great to catch up.\n"
    assert result.stderr.decode().startswith("pitchlint: thanks.txt: nothing to rewrite; a suggestion to add: ")


def test_suggest_uses_the_same_configuration_as_check(tmp_path):
    (tmp_path / "vague.txt").write_text(VAGUE)
    (tmp_path / ".pitchlint.toml").write_text('ignore = ["vague-ask"]\n')
    result = run("suggest", "vague.txt", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, VAGUE.encode())
    assert "nothing to rewrite" in result.stderr.decode()
    explicit = run("suggest", "--config", tmp_path / "absent.toml", "vague.txt", cwd=tmp_path)
    assert explicit.returncode == 2
    assert "absent.toml: configuration file not found" in explicit.stderr.decode()


def test_suggest_reads_standard_input():
    result = run("suggest", "-", stdin=VAGUE.encode())
    assert result.returncode == 0
    assert b"Do you know " in result.stdout and b"If you know anyone" not in result.stdout
    assert result.stdout.startswith(b"Hi Dana,\n\nI'm between jobs. ")


@pytest.mark.parametrize("name,reason", [
    ("missing.txt", "no such file"),
    ("empty.txt", "the file is empty"),
    ("folder", "is a directory: `pitchlint suggest` rewrites one message file"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path, name, reason):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "folder").mkdir()
    for args in (["suggest", name], ["suggest", "--diff", name]):
        result = run(*args, cwd=tmp_path)
        assert result.returncode == 2
        assert result.stderr.decode().splitlines() == [f"pitchlint: {name}: {reason}"]
        assert result.stdout == b""
