"""The coach's documentation runs as written: the Python API example on docs/coach.md, its
answers file, and the session the README shows."""

from __future__ import annotations

import contextlib
import io
import tomllib
from pathlib import Path

from readme_snippets import page_text, snippet

from pitchlint.cli.coach import read_answers
from pitchlint.coach import Coach, Finished

ROOT = Path(__file__).resolve().parent.parent.parent


def test_the_api_example_runs_and_prints_the_message():
    code = snippet("python", "coach.start(", page="docs/coach.md")
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(compile(code, "docs/coach.md", "exec"), {})
    assert printed.getvalue() == (
        "I'm between jobs. Do you know supply chain managers at REI or Patagonia who might talk with me for "
        "20 minutes? I'd be grateful for an introduction.\n")


def test_the_answers_file_example_is_one_the_coach_reads(tmp_path):
    example = snippet("toml", "# answers.toml", page="docs/coach.md")
    path = tmp_path / "answers.toml"
    path.write_text(example)
    assert read_answers(str(path)) == {
        "roles": ["supply chain managers"], "companies": ["REI", "Patagonia"], "sectors": [],
        "reason": ["I've spent six years running fulfilment at Amazon."], "action": ["call"]}
    assert tomllib.loads(example)["action"] == "call"


def test_the_readme_session_gives_the_ask_it_shows():
    shown = snippet("text", "Whom do you want to reach", page="README.md")
    after = shown[shown.index("After:  "):shown.index("Score:")].removeprefix("After:  ")
    coach = Coach()
    state = coach.start((ROOT / "corpus" / "025-amazon-eight-years.txt").read_text(encoding="utf-8"))
    for answer in ["anyone really", "supply chain managers", "REI or Patagonia", "call"]:
        state = coach.answer(state, answer)
    finished = coach.next(state)
    assert isinstance(finished, Finished)
    assert finished.ask == " ".join(after.split())
    assert f"vague {finished.before.score}/100 -> specific {finished.after.score}/100" in shown
    assert "pitchlint coach draft.txt --write" in page_text()
