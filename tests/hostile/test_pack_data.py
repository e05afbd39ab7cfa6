"""Issue 19, "Pack data that reaches where it should not": a pack rule's message is data from the
pack's author. It is filled in with the fields its rule kind gives and nothing else: no attribute
or index access, no field wider than MAX_WIDTH."""

from __future__ import annotations

from pathlib import Path

import pytest

from pitchlint.checks.messages import MAX_WIDTH, MessageFormatError, format_message, problems

from .bounded import pitchlint, run_measured
from .cases import VAGUE
from .test_bounded_work import pack_rule, with_pack


def test_documented_fields_and_plain_specs_are_filled_in():
    assert format_message('"{phrase}" apologises; just ask.', phrase="Sorry") == '"Sorry" apologises; just ask.'
    assert format_message("{words:>6}|{count:03d}|{phrase!r}|{{literal}}", words="ab", count=7, phrase="x") == \
        "    ab|007|'x'|{literal}"
    assert problems("{phrase:<20} and {phrase:.5}") is None


@pytest.mark.parametrize(("template", "problem"), [
    ("{phrase.__class__.__mro__[1].__subclasses__}", "is not a plain name"),
    ("{phrase[0]}", "is not a plain name"),
    ("{0}", "is not a plain name"),
    ("{}", "a field needs a name"),
    ("{phrase:>99999999}", f"wider than {MAX_WIDTH} characters"),
    ("{phrase:.99999999}", f"wider than {MAX_WIDTH} characters"),
    ("{phrase:{phrase}}", "not a plain width or precision"),
    ("{phrase!a}", "unknown conversion !a"),
    ("a lone { brace", "the message is not a valid template"),
])
def test_what_a_message_may_not_do_is_refused_at_load_and_while_linting(template, problem):
    assert problem in (problems(template) or "")
    with pytest.raises(MessageFormatError, match=problem.replace("!", ".").replace("{", ".")):
        format_message(template, phrase="sorry")


def test_a_field_the_rule_does_not_give_is_the_rules_failure():
    with pytest.raises(MessageFormatError, match=r"names \{secret\}, which this rule does not give \(it gives"):
        format_message("{secret}", phrase="sorry")


def test_a_pack_message_that_walks_attributes_is_refused_with_its_file(tmp_path: Path):
    files = with_pack({"r.toml": pack_rule('phrases = ["sorry to bother you"]',
                                           message="{phrase.__class__.__mro__[1].__subclasses__}")})
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "draft.txt").write_text(VAGUE + "Sorry to bother you.\n")
    run = run_measured(pitchlint("check", "draft.txt"), tmp_path)
    assert run.status == 2
    assert run.stderr == (f"pitchlint: {tmp_path / 'pack' / 'r.toml'}: `message`: the field "
                          "{phrase.__class__.__mro__[1].__subclasses__} is not a plain name (attribute and index "
                          "access are not allowed)\n")
    assert "subclasses__ of" not in run.stdout


def test_the_packs_documented_message_still_works(tmp_path: Path):
    files = with_pack({"r.toml": pack_rule('phrases = ["sorry to bother you"]', message='\\"{phrase}\\" apologises.')})
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "draft.txt").write_text("Sorry to bother you, but do you know a recruiter at Microsoft?\n")
    run = run_measured(pitchlint("check", "--format", "concise", "draft.txt"), tmp_path)
    assert 'draft.txt:1:1: warning [house-rule] "Sorry to bother you" apologises.' in run.stdout, run.output
