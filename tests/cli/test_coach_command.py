"""`pitchlint coach` without a terminal, as scripts and other front ends run it: answers from a
file or flags, --write, the profile it saves and `pitchlint suggest` reading it in a new process,
and bad input as one line and exit 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

CATTLE_CALL = ("Hi Dana,\n\nI'm between jobs. If you know anyone, or hear of any leads, please send them my way.\n\n"
               "Thanks,\nPriya\n")
ASK = ("Do you know supply chain managers at REI or Patagonia who might talk with me for 20 minutes? "
       "I'd be grateful for an introduction.")


def coach(*args: object, home: Path, stdin: bytes | None = b"", cwd: Path | None = None) -> subprocess.CompletedProcess:
    """A real process with its own user configuration folder and no terminal."""
    env = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(home / "config")}
    return subprocess.run([sys.executable, "-m", "pitchlint", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd, env=env, timeout=120)


def test_without_a_terminal_or_answers_it_says_how_to_give_them(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(CATTLE_CALL)
    result = coach("coach", draft, home=tmp_path)
    assert result.returncode == 2
    assert result.stderr.decode().splitlines() == [
        "pitchlint coach: standard input is not a terminal, so there is no one to ask: give the answers with "
        "--answers FILE or --role/--company/--sector/--reason/--action (see `pitchlint coach --help`)"]
    assert result.stdout == b""


def test_a_draft_on_standard_input_without_a_terminal_needs_answers(tmp_path):
    env = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-m", "pitchlint", "coach", "-"], input=CATTLE_CALL.encode(),
                            capture_output=True, env=env, timeout=120, start_new_session=True)  # no terminal at all
    assert result.returncode == 2
    assert result.stderr.decode().startswith(
        "pitchlint coach: standard input is the draft and there is no terminal to ask on: give the answers with")
    with_answers = coach("coach", "-", "--role", "recruiters", "--company", "Stripe", home=tmp_path,
                         stdin=CATTLE_CALL.encode())
    assert "Do you know recruiters at Stripe who might talk" in with_answers.stdout.decode()


def test_an_answers_file_gives_the_message_with_a_specific_ask(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(CATTLE_CALL)
    answers = tmp_path / "answers.toml"
    answers.write_text('roles = "supply chain managers"\ncompanies = ["REI", "Patagonia"]\naction = "call"\n')
    result = coach("coach", draft, "--answers", answers, home=tmp_path)
    assert result.returncode == 0, result.stderr
    message = result.stdout.decode()
    assert message == CATTLE_CALL.replace(
        "If you know anyone, or hear of any leads, please send them my way.", ASK)
    assert draft.read_text() == CATTLE_CALL  # printed, not written
    assert not (tmp_path / "config").exists()  # a script's answers are saved only with --save
    judged = coach("--format", "json", "-", home=tmp_path, stdin=message.encode())
    report = json.loads(judged.stdout)["files"][0]
    assert report["verdict"] == "specific"
    assert "vague-ask" not in [f["rule"] for f in report["findings"]]


def test_write_keeps_a_crlf_cp1252_file_s_bytes_outside_the_ask(tmp_path):
    text = "Hi Zoë,\r\n\r\nI'm between jobs. Any leads at all would help.\r\n\r\nMerci — Priya\r\n"
    draft = tmp_path / "draft.txt"
    draft.write_bytes(text.encode("cp1252"))
    result = coach("coach", draft, "--role", "supply chain managers", "--company", "REI", "--company", "Patagonia",
                   "--write", "--yes", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert draft.read_bytes() == text.replace("Any leads at all would help.", ASK).encode("cp1252")
    assert result.stdout == b""


def test_write_without_a_terminal_needs_yes_and_leaves_the_file(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(CATTLE_CALL)
    result = coach("coach", draft, "--role", "recruiters", "--write", home=tmp_path)
    assert result.returncode == 2
    assert b"--write without a terminal needs --yes" in result.stderr
    assert draft.read_text() == CATTLE_CALL


def test_saved_answers_prefill_suggest_in_a_new_process(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text(CATTLE_CALL)
    user_file = tmp_path / "config" / "pitchlint" / "config.toml"
    user_file.parent.mkdir(parents=True)
    user_file.write_text('# my settings\nfail-on = "warning"\n')
    result = coach("coach", draft, "--role", "merchandise planners", "--company", "REI", "--save", home=tmp_path)
    assert result.returncode == 0, result.stderr
    saved = user_file.read_text()
    assert saved.startswith('# my settings\nfail-on = "warning"\n')  # the writer's file, kept as it was
    assert tomllib.loads(saved)["profile"] == {"roles": ["merchandise planners"], "companies": ["REI"]}
    other = tmp_path / "other.txt"
    other.write_text("Any leads at all would help!\n")
    suggested = coach("suggest", other, home=tmp_path)
    assert suggested.stdout.decode() == (
        "Do you know merchandise planners at REI who might talk with me for 20 minutes? "
        "I'd be grateful for an introduction.\n")


def test_a_profile_file_is_read_and_saved_where_named(tmp_path):
    profile = tmp_path / "me.toml"
    profile.write_text('[profile]\nroles = ["data analysts"]\n')
    result = coach("coach", "--company", "regional hospitals", "--profile", profile, "--save", home=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.decode() == ("Do you know data analysts at regional hospitals who might talk with me "
                                      "for 20 minutes? I'd be grateful for an introduction.\n")
    assert tomllib.loads(profile.read_text())["profile"]["roles"] == ["data analysts"]


def test_bad_input_is_one_line_and_exit_2(tmp_path):
    binary = tmp_path / "draft.txt"
    binary.write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    broken = tmp_path / "broken.toml"
    broken.write_text("[profile\nroles = 1\n")
    draft = tmp_path / "ok.txt"
    draft.write_text(CATTLE_CALL)
    answers = tmp_path / "answers.toml"
    answers.write_text('mood = "hopeful"\n')
    cases = [
        (coach("coach", binary, "--role", "recruiters", home=tmp_path), str(binary)),
        (coach("coach", draft, "--role", "recruiters", "--profile", broken, home=tmp_path), str(broken)),
        (coach("coach", draft, "--answers", answers, home=tmp_path), "unknown key 'mood'"),
        (coach("coach", draft, "--role", "anything", home=tmp_path), "gives a reader no one to think of"),
        (coach("coach", tmp_path / "missing.txt", "--role", "recruiters", home=tmp_path), "no such file"),
    ]
    for result, expected in cases:
        lines = result.stderr.decode().splitlines()
        assert result.returncode == 2 and len(lines) == 1 and expected in lines[0], result.stderr
    assert broken.read_text() == "[profile\nroles = 1\n"  # never replaced
