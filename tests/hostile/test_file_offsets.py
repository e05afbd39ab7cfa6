"""Offsets that match the file: `start`/`end` in every report index the file as read (decoded,
without a byte order mark, line breaks as they are in the file), so `file_text[start:end]` is each
entity's, target's and ask's text, and each finding's lines and columns are the file's. Files with
CRLF, lone CRs, mixes of the three, a UTF-8 BOM and cp1252 bytes, generated and by hand, through
the JSON data, every text format, SARIF and the command line. And a file name with a line break
in it keeps the one-line formats one line."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.engine.report import file_json
from pitchlint.errors import InputError
from pitchlint.output.concise import render_concise
from pitchlint.output.github import render_file
from pitchlint.output.sarif import render_sarif
from pitchlint.output.text import render_text
from pitchlint.reading.positions import UTF16, UTF32, FileOffsets, Positions
from pitchlint.reading.read import make_document, read_document

EXAMPLES = int(os.environ.get("PITCHLINT_HYPOTHESIS_EXAMPLES", "0")) or None

SENTENCES = [
    "Hi Dana,", "I work in fintech.", "Could you introduce me to a product manager at Stripe or Plaid?",
    "If you know anyone, or hear of any leads, please send them my way.", "I spent eight years at Amazon.",
    "I'm looking for roles in supply chain at REI.", "Thanks,", "Sam", "", "Café owners in Seattle?",
    "Any data engineer at Microsoft", "\u2019smart quotes\u2019 and \u2014 dashes", "`code` and [REI](https://rei.com)",
]
BREAKS = ["\n", "\r\n", "\r", "\r\n\r\n", "\n\r\n"]


def file_text_of(data: bytes) -> str:
    """The file as read, as docs/cli.md says: without a UTF-8 byte order mark, UTF-8 else cp1252."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def lint_bytes(data: bytes, name: str):
    try:
        document = read_document(name, data)
    except InputError:
        return None
    return next(engine_for(Config()).lint_documents([document]))


def assert_offsets_match(data: bytes, report) -> None:
    text = file_text_of(data)
    assert report.text == text
    entry = file_json(report)
    for kind in ("entities", "targets", "asks"):
        for span in entry[kind]:
            assert text[span["start"]:span["end"]] == span["text"], (kind, span)
    lines = Positions(text)
    for row in entry["findings"]:
        assert 0 <= row["start"] <= row["end"] <= len(text)
        assert (row["line"], row["column"]) == lines.one_based(row["start"], UTF32)
        assert (row["end_line"], row["end_column"]) == lines.one_based(row["end"], UTF32)
        for offset in (row["start"], row["end"]):  # never inside a CRLF
            assert offset == 0 or text[offset - 1:offset + 1] != "\r\n", (row, text)
    positions = [(int(m.group(1)), int(m.group(2))) for line in render_concise(report)
                 if (m := re.match(re.escape(report.path) + r":(\d+):(\d+): ", line))]
    assert positions == [(r["line"], r["column"]) for r in entry["findings"]]
    shown = render_text(report)
    assert "\r" not in shown
    sarif = json.loads(render_sarif([report], [], engine_for(Config()).rules, {report.path: data}))
    for result, finding in zip(sarif["runs"][0]["results"], report.findings, strict=True):
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["charOffset"] == lines.units(0, finding.start, UTF16)
        assert (region["startLine"], region["startColumn"]) == lines.one_based(finding.start, UTF16)
    for line in render_file(report):
        assert "\n" not in line and "\r" not in line


message = st.lists(st.tuples(st.sampled_from(SENTENCES), st.sampled_from(BREAKS)), min_size=1, max_size=10).map(
    lambda parts: "".join(sentence + (" " if n % 3 else brk) for n, (sentence, brk) in enumerate(parts)))


@settings(max_examples=EXAMPLES or 150, deadline=None, derandomize=EXAMPLES is None,
          suppress_health_check=[HealthCheck.too_slow])
@given(text=message, encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]),
       suffix=st.sampled_from([".txt", ".md", ".eml"]), headers=st.booleans())
def test_every_offset_indexes_the_file_as_read(text, encoding, suffix, headers):
    if headers:
        text = "From: Sam <s@example.com>\r\nTo: Dana <d@example.com>\r\nSubject: An intro\r\n\r\n" + text
    data = text.encode(encoding, errors="replace")
    report = lint_bytes(data, "draft" + suffix)
    if report is None:
        return
    assert_offsets_match(data, report)


def test_the_crlf_reproduction_from_the_issue(tmp_path):
    path = tmp_path / "c.txt"
    path.write_bytes(b"Hi Dana,\r\nI work in fintech.\r\n")
    out = subprocess.run([sys.executable, "-m", "pitchlint", "--format", "json", str(path)],
                         capture_output=True, text=True, check=False)
    entities = json.loads(out.stdout)["files"][0]["entities"]
    fintech = next(e for e in entities if e["text"] == "fintech")
    assert (fintech["start"], fintech["end"]) == (20, 27)
    assert path.read_bytes().decode()[20:27] == "fintech"


def test_a_bom_a_lone_cr_and_cp1252_together():
    data = b"\xef\xbb\xbfHi Dana,\rI\x92m in fintech.\r\nCould you introduce me to a product manager at Stripe?\n"
    # not UTF-8 with the \x92, so cp1252; the byte order mark is still not text
    report = lint_bytes(data, "mixed.txt")
    assert report.text == data[3:].decode("cp1252")
    assert_offsets_match(data, report)
    stripe = next(e for e in report.entities if e.text == "Stripe")
    assert report.text[stripe.start:stripe.end] == "Stripe"


def test_a_utf8_bom_is_not_a_character_of_the_file():
    data = "\ufeffCould you introduce me to a product manager at Stripe?\r\n".encode()
    report = lint_bytes(data, "bom.txt")
    stripe = next(e for e in report.entities if e.text == "Stripe")
    assert (stripe.start, stripe.end) == (47, 53)
    assert_offsets_match(data, report)


def test_an_editor_buffer_and_the_api_keep_their_line_breaks():
    import pitchlint

    text = "Hi Dana,\r\n\r\nIf you know anyone, please send them my way.\r\nThanks\r\n"
    report = pitchlint.lint_text(text)
    assert report.text == text
    [finding] = [f for f in report.findings if f.rule == "vague-ask"]
    assert text[finding.start:finding.end] == "anyone"
    assert report.to_dict()["findings"][0]["line"] == 3


def test_spans_across_a_crlf_keep_both_characters():
    offsets = FileOffsets("a\r\nb\rc\r\nd")  # analysed as "a\nb\nc\nd"
    assert [offsets(n) for n in range(8)] == [0, 1, 3, 4, 5, 6, 8, 9]


def test_a_rebuilt_email_body_keeps_its_own_text():
    data = (b"From: s@example.com\r\nSubject: Hi\r\nContent-Transfer-Encoding: base64\r\n\r\n"
            + __import__("base64").b64encode(b"Could you introduce me to a product manager at Stripe?\r\n") + b"\r\n")
    report = lint_bytes(data, "b64.eml")
    assert report.text.startswith("Subject: Hi\n\n")  # not the file: the note says so, and no offsets into it
    stripe = next(e for e in report.entities if e.text == "Stripe")
    assert report.text[stripe.start:stripe.end] == "Stripe"


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path):
    path = tmp_path / "ask\nsent.txt"
    path.write_text("If you know anyone, please send them my way.\n")
    for form in ("concise", "text"):
        out = subprocess.run([sys.executable, "-m", "pitchlint", "--format", form, str(path)],
                             capture_output=True, text=True, check=False)
        assert out.returncode == 1
        named = [line for line in out.stdout.splitlines() if "ask" in line and "sent.txt" in line]
        assert named and all(line.startswith(str(tmp_path) + "/ask\\nsent.txt:") for line in named), out.stdout
        assert not any(line.startswith("sent.txt") for line in out.stdout.splitlines())
    missing = subprocess.run([sys.executable, "-m", "pitchlint", str(tmp_path / "no\nsuch.txt")],
                             capture_output=True, text=True, check=False)
    assert missing.returncode == 2
    assert missing.stderr.strip() == f"pitchlint: {tmp_path}/no\\nsuch.txt: no such file"


def test_make_document_remembers_the_file_only_when_it_differs():
    assert make_document("plain\nline\n", "a.txt").file_text is None
    assert make_document("crlf\r\nline\r\n", "a.txt").file_text == "crlf\r\nline\r\n"


def test_the_hook_names_a_file_with_a_line_break_on_one_line(tmp_path):
    from pitchlint.hooks import run_sendemail_validate

    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    path = tmp_path / "ask\nsent.eml"
    path.write_text("Subject: Hi\n\nIf you know anyone, please send them my way.\n")
    status, lines = run_sendemail_validate(str(path), tmp_path)
    assert status == 1
    for line in "\n".join(lines).splitlines():
        assert not line.startswith("sent.eml"), line
    assert any(line.startswith("pitchlint stopped ") and "ask\\nsent.eml" in line for line in lines)


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_the_editors_rewrite_lands_on_the_ask_in_a_buffer_with_crlf_or_cr(newline):
    from pitchlint.lsp.actions import Target, code_actions
    from pitchlint.lsp.linting import lint_buffer
    from pitchlint.lsp.positions import PositionMap
    from pitchlint.lsp.settings import Settings
    from pitchlint.lsp.state import Linted

    ask = "If you know anyone, or hear of any leads, please send them my way."
    text = newline.join(["Hi Dana,", "", "I spent eight years at Amazon.", ask, "", "Thanks,", "Sam", ""])
    outcome = lint_buffer(text, "<untitled:1>", Settings())
    linted = Linted(version=1, text=text, generation=0, outcome=outcome, positions=PositionMap(outcome.text),
                    result_id="1")
    assert linted.offsets_match_buffer
    target = Target(uri="untitled:1", version=1, path=None, document_changes=False)
    [rewrite] = [a for a in code_actions(linted, 0, len(text), target, lambda uri: None) if "Rewrite" in a.title]
    [edit] = rewrite.edit.changes["untitled:1"]
    buffer = PositionMap(text)
    start = buffer.offset(edit.range.start.line, edit.range.start.character)
    end = buffer.offset(edit.range.end.line, edit.range.end.character)
    assert text[start:end] == ask
    assert (text[:start] + edit.new_text + text[end:]).count(newline) == text.count(newline)
