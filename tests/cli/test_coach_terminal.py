"""Whole `pitchlint coach` sessions in a pseudo-terminal (pexpect), typed as a writer types them:
a cattle call coached into a specific ask and written back into a CRLF cp1252 file, a draft that
already names its targets, an edited ask, Ctrl-C and a refused write leaving the file as it was,
a file changed meanwhile, and the saved profile prefilling `pitchlint suggest` in a new process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pexpect = pytest.importorskip("pexpect")

TIMEOUT = 90  # seconds for one screen, on a busy 2-core machine (spaCy loads once per session)


def start(tmp_path: Path, *args: object) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "dumb"}
    child = pexpect.spawn(sys.executable, ["-m", "pitchlint", "coach", *map(str, args)], env=env, cwd=str(tmp_path),
                          encoding="utf-8", timeout=TIMEOUT, dimensions=(24, 80))
    return child


def finish(child: pexpect.spawn) -> tuple[str, int]:
    child.expect(pexpect.EOF)
    child.close()
    return child.before, child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0)


def lint_json(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-m", "pitchlint", "--format", "json", str(path)],
                            capture_output=True, timeout=120, env={**os.environ, "NO_COLOR": "1"})
    return json.loads(result.stdout)["files"][0]


def test_a_cattle_call_is_coached_into_a_specific_ask_and_written_back(tmp_path):
    text = "Hi Zoë,\r\n\r\nI'm between jobs. If you know anyone, send them my way.\r\n\r\nMerci — Priya\r\n"
    draft = tmp_path / "draft.txt"
    draft.write_bytes(text.encode("cp1252"))
    child = start(tmp_path, "draft.txt", "--write")
    child.expect("vague, score 5/100")
    child.expect("Whom do you want to reach")
    child.sendline("anything")  # generic: asked again, kindly
    child.expect('"anything" gives a reader no one to think of')
    child.expect("Whom do you want to reach")
    child.sendline("?")
    child.expect("For example: supply chain managers")
    child.expect("Whom do you want to reach")
    child.sendline("supply chain managers")
    child.expect(r"Which companies\? Names or a kind")
    child.sendline("REI or Patagonia")
    child.expect(r"Why\? One sentence")
    child.sendline("")  # empty: asked again
    child.expect("Please type an answer, or skip")
    child.expect(r"Why\? One sentence")
    child.sendline("skip")
    child.expect(r"What should the reader do\? \[call\]")
    child.sendline("")  # the default in brackets
    child.expect("Before: If you know anyone, send them my way.")
    child.expect("After:  Do you know supply chain managers at REI or Patagonia")
    child.expect("Score: vague 5/100 -> specific")
    child.expect(r"Accept, edit, or ask again\? \(accept/edit/again\) \[accept\]")
    child.sendline("")
    child.expect(r"Replace the ask in draft.txt\? \[y/N\]")
    child.sendline("y")
    child.expect(r"Your profile \(.*config.toml\)\s+prefills")
    child.expect(r"Save these answers in it\? \[Y/n\]")
    child.sendline("y")
    output, status = finish(child)
    assert status == 0, output
    ask = ("Do you know supply chain managers at REI or Patagonia who might talk with me for 20 minutes? "
           "I'd be grateful for an introduction.")
    assert draft.read_bytes() == text.replace("If you know anyone, send them my way.", ask).encode("cp1252")
    report = lint_json(draft)
    assert report["verdict"] == "specific" and "vague-ask" not in [f["rule"] for f in report["findings"]]
    # the saved profile prefills `pitchlint suggest` in a new process
    other = tmp_path / "other.txt"
    other.write_text("Any leads at all would help!\n")
    suggested = subprocess.run([sys.executable, "-m", "pitchlint", "suggest", str(other)], capture_output=True,
                               timeout=120, env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config")})
    assert suggested.stdout.decode() == f"{ask}\n"


def test_a_draft_that_names_its_targets_is_asked_only_what_is_missing_and_the_ask_can_be_edited(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("I'm hoping to find a data analyst role at a hospital. If you know anyone, let me know.\n")
    child = start(tmp_path, "draft.txt", "--no-save")
    child.expect("It already names ROLE data analyst · SECTOR hospital: I'll ask only for what")
    index = child.expect([r"What should the reader do\?", "Whom do you want"])
    assert index == 0  # no question about roles, companies, sectors or a reason
    child.sendline("introduction")
    child.expect("After:  Could you introduce me to a data analyst at a hospital?")
    child.expect(r"\(accept/edit/again\)")
    child.sendline("edit")
    child.expect("Your ask: ")
    child.send("\x15")  # Ctrl-U: the line editor clears the prefilled ask
    child.sendline("Could you introduce me to a data analyst at Denver Health?")
    child.expect("After:  Could you introduce me to a data analyst at Denver Health?")
    output, status = finish(child)
    assert status == 0, output
    assert output.rstrip().endswith(
        "I'm hoping to find a data analyst role at a hospital. Could you introduce me to a data analyst at "
        "Denver Health?")


def test_ctrl_c_and_a_refused_write_leave_the_file_byte_identical(tmp_path):
    original = "Hi Sam,\r\nAny leads at all would help!\r\n"
    draft = tmp_path / "draft.txt"
    draft.write_bytes(original.encode("utf-8"))
    child = start(tmp_path, "draft.txt", "--write", "--no-save")
    child.expect("Whom do you want to reach")
    child.sendline("recruiters")
    child.expect("Which companies")
    child.sendintr()  # Ctrl-C mid-session
    output, status = finish(child)
    assert status == 130 and "stopped; nothing was written" in output
    assert draft.read_bytes() == original.encode("utf-8")

    child = start(tmp_path, "draft.txt", "--write", "--no-save")
    answer_up_to_the_write_question(child)
    child.sendline("n")
    output, status = finish(child)
    assert status == 130 and "draft.txt left as it was" in output
    assert draft.read_bytes() == original.encode("utf-8")


def answer_up_to_the_write_question(child):
    """Recruiters at Stripe, no reason, the default next step, accept: then the coach asks to write."""
    for prompt, answer in [("Whom do you want", "recruiters"), ("Which companies", "Stripe"), ("Why", "skip"),
                           ("What should the reader do", ""), (r"\(accept/edit/again\)", "")]:
        child.expect(prompt)
        child.sendline(answer)
    child.expect(r"Replace the ask in draft.txt\? \[y/N\]")


def test_a_file_changed_on_disk_meanwhile_is_not_overwritten(tmp_path):
    draft = tmp_path / "draft.txt"
    draft.write_text("Any leads at all would help!\n")
    child = start(tmp_path, "draft.txt", "--write", "--no-save")
    answer_up_to_the_write_question(child)
    draft.write_text("Any leads at all would help! (edited in another window)\n")
    child.sendline("y")
    child.expect("changed on disk while the coach ran")
    output, status = finish(child)
    assert status == 1
    assert "Do you know recruiters at Stripe who might talk with me" in output
    assert draft.read_text() == "Any leads at all would help! (edited in another window)\n"


def test_a_draft_from_standard_input_is_coached_on_the_terminal(tmp_path):
    (tmp_path / "draft.txt").write_text("Any leads at all would help!\n")
    env = {**os.environ, "NO_COLOR": "1", "XDG_CONFIG_HOME": str(tmp_path / "config"), "TERM": "dumb"}
    command = f"cat draft.txt | {sys.executable} -m pitchlint coach - --no-save"
    child = pexpect.spawn("/bin/sh", ["-c", command], env=env, cwd=str(tmp_path), encoding="utf-8",
                          timeout=TIMEOUT, dimensions=(24, 80))
    for prompt, answer in [("Whom do you want", "recruiters"), ("Which companies", "Stripe"), ("Why", "skip"),
                           ("What should the reader do", ""), (r"\(accept/edit/again\)", "")]:
        child.expect(prompt)
        child.sendline(answer)
    output, status = finish(child)
    assert status == 0, output
    assert output.rstrip().endswith("Do you know recruiters at Stripe who might talk with me for 20 minutes? "
                                    "I'd be grateful for an introduction.")
