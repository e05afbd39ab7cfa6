"""A standing safety net: generated and mutated messages through `lint_text`, every report format
and the editor's positions. Properties: no exception, offsets inside the text, every text field
equal to the file's own slice, lines and columns consistent with offsets, JSON and SARIF that
parse (SARIF against its schema), and the same answer twice.

Bounded for CI (about 1,500 examples in all); PITCHLINT_HYPOTHESIS_EXAMPLES=N runs N per property."""

from __future__ import annotations

import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sarif_schema import schema_errors

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.engine.report import file_json
from pitchlint.errors import InputError
from pitchlint.lsp.positions import PositionMap
from pitchlint.output.github import render_file
from pitchlint.output.json import render_json
from pitchlint.output.sarif import render_sarif
from pitchlint.output.text import render_text
from pitchlint.reading.positions import UTF32, Positions
from pitchlint.reading.read import make_document

EXAMPLES = int(os.environ.get("PITCHLINT_HYPOTHESIS_EXAMPLES", "0")) or None


def bounded(ci_examples: int):
    return settings(max_examples=EXAMPLES or ci_examples, deadline=None, derandomize=EXAMPLES is None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


# Pieces a draft is made of, the awkward ones included: Markdown that is masked (inline code, link
# targets, fences, comments, headings, front matter), e-mail headers, newlines of every kind,
# characters outside the BMP, combining marks, runs of marks.
PIECES = [
    "Hi Dana,\n\n", "If you know anyone, or hear of any leads, please send them my way. ",
    "Could you introduce me to a product manager at Stripe or Plaid? ", "I spent eight years at Amazon. ",
    "I'm looking for roles in fintech infrastructure. ", "Thanks,\nSam\n", "`code`", "``a`b``", "Ag`000000`",
    "[Stripe](https://stripe.com/jobs)", "<!-- note -->", "# Heading\n", "```\nfenced\n```\n", "---\nchannel: email\n---\n",
    "Subject: quick question\n", "From: Sam <s@example.com>\nTo: Dana <d@example.com>\nSubject: Hi\n\n",
    "\r\n", "\r", "\n", "\n\n", "\t", "  ", "café ", "e\u0301", "\U0001F680", "👩‍💻", "— ", "…", "> quoted\n", "- item\n",
    "1. first\n", "=" * 70, ":)" * 40, "😀" * 70, "[Company]", "{{first_name}}", "\u2028", "\ufeff",
]
draft = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=25).map("".join)
suffix = st.sampled_from([".txt", ".md", ".eml"])


def lint(text: str, name: str):
    engine = engine_for(Config())
    try:
        document = make_document(text, name)
    except InputError:
        return None  # an empty draft, bad front matter, an e-mail with no text: said in one line
    return next(engine.lint_documents([document]))


@bounded(500)
@given(text=draft, ext=suffix)
def test_every_span_is_the_files_own_slice_and_inside_it(text, ext):
    report = lint(text, "draft" + ext)
    if report is None:
        return
    document_text = report.text
    for entity in report.entities:
        assert 0 <= entity.start <= entity.end <= len(document_text)
        assert entity.text == document_text[entity.start:entity.end]
    for ask in report.asks:
        assert 0 <= ask.start <= ask.end <= len(document_text)
        assert ask.text == document_text[ask.start:ask.end]
    for finding in report.findings:
        assert 0 <= finding.start <= finding.end <= len(document_text), finding
        if finding.fix is not None:
            assert 0 <= finding.fix.start <= finding.fix.end <= len(document_text)
    if report.text.replace("\r\n", "\n").replace("\r", "\n") == text.replace("\r\n", "\n").replace("\r", "\n"):
        assert report.text == text  # not a rebuilt e-mail body: the text as given, line breaks and all


@bounded(400)
@given(text=draft, ext=suffix)
def test_lines_and_columns_agree_with_offsets_in_every_format(text, ext):
    report = lint(text, "draft" + ext)
    if report is None:
        return
    lines = Positions(report.text)
    entry = file_json(report)
    for row in entry["findings"]:
        assert (row["line"] - 1, row["column"] - 1) == lines.position(row["start"], UTF32)
        assert (row["end_line"] - 1, row["end_column"] - 1) == lines.position(row["end"], UTF32)
        line_start = lines.starts[row["line"] - 1]
        assert report.text[line_start + row["column"] - 1:].startswith(report.text[row["start"]:row["end"]])
    parsed = json.loads(render_json([report], []))
    assert parsed["files"][0]["findings"] == entry["findings"]
    render_text(report)
    for line in render_file(report):
        assert "\n" not in line
    positions = PositionMap(report.text)
    for row in entry["findings"]:
        for offset in (row["start"], row["end"]):
            assert positions.offset(*positions.position(offset)) == offset


@bounded(150)
@given(text=draft, ext=suffix)
def test_sarif_is_valid(text, ext):
    report = lint(text, "draft" + ext)
    if report is None:
        return
    rules = engine_for(Config()).rules
    log = json.loads(render_sarif([report], [], rules, {report.path: report.text.encode("utf-8")}, exit_code=1))
    assert schema_errors(log) == []


@bounded(300)
@given(text=draft, ext=suffix)
def test_the_same_answer_twice(text, ext):
    first, second = lint(text, "draft" + ext), lint(text, "draft" + ext)
    if first is None:
        assert second is None
        return
    assert render_json([first], []) == render_json([second], [])


@bounded(300)
@given(text=st.text(max_size=200), encoding=st.sampled_from(["utf-16", "utf-8", "utf-32"]))
def test_editor_positions_round_trip(text, encoding):
    positions = PositionMap(text, encoding)
    for offset in range(0, len(text) + 1, max(1, len(text) // 10)):
        line, character = positions.position(offset)
        assert positions.offset(line, character) == offset or text[offset - 1:offset] == "\r"
