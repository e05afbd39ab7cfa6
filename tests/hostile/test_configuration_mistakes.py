"""Issue 19, "Configuration mistakes accepted in silence" and "Smaller things": each mistake here
was accepted and then did nothing (or failed much later); each is now a one-line error, exit 2,
naming the file and the key. Also: `pitchlint.toml` is found beside `.pitchlint.toml`, and the API's
and batch's small promises hold."""

from __future__ import annotations

from pathlib import Path

import pytest

import pitchlint
from pitchlint.batch.progress import Tally, progress_line

from .bounded import pitchlint as command
from .bounded import run_measured
from .cases import VAGUE
from .test_bounded_work import pack_rule


def lint_with(tmp_path: Path, files: dict[str, str]):
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    (tmp_path / "draft.txt").write_text(VAGUE)
    return run_measured(command("check", "draft.txt"), tmp_path)


@pytest.mark.parametrize(("name", "files", "blames", "says"), [
    ("templates-folder-missing", {".pitchlint.toml": 'templates = "nope"\n'}, ".pitchlint.toml",
     "`templates = 'nope'`: {tmp}/nope does not exist (it must be a folder of Jinja templates)"),
    ("templates-is-a-file", {".pitchlint.toml": 'templates = "draft.txt"\n'}, ".pitchlint.toml",
     "`templates = 'draft.txt'`: {tmp}/draft.txt is not a folder (it must be a folder of Jinja templates)"),
    ("phrases-as-a-string", {".pitchlint.toml": 'packs = ["pack"]\n',
                             "pack/r.toml": pack_rule('phrases = "sorry to bother you"')}, "pack/r.toml",
     "`options.phrases` must be a list of strings"),
    ("per-file-ignores-bad-range", {".pitchlint.toml": '[per-file-ignores]\n"[z-a]" = ["vague-ask"]\n'},
     ".pitchlint.toml", "`per-file-ignores` has a pattern that is not a valid glob: '[z-a]'"),
    ("exclude-bad-range", {".pitchlint.toml": 'exclude = ["***/[z-a]"]\n'}, ".pitchlint.toml",
     "`exclude` has a pattern that is not a valid glob: '***/[z-a]'"),
    ("pyproject-header-unclosed", {"pyproject.toml": '[tool.pitchlint\nignore = ["vague-ask"]\n'}, "pyproject.toml",
     "is not valid TOML"),
])
def test_a_mistake_is_one_line_naming_the_file(name: str, files: dict[str, str], blames: str, says: str,
                                                tmp_path: Path) -> None:
    run = lint_with(tmp_path, files)
    assert not run.within_bound(), run.within_bound()
    assert run.status == 2, run.output
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"pitchlint: {tmp_path / blames}: "), line
    assert says.format(tmp=tmp_path) in line, line
    assert run.stdout == ""


def test_pitchlint_toml_is_read_as_dot_pitchlint_toml_is(tmp_path: Path) -> None:
    run = lint_with(tmp_path, {"pitchlint.toml": 'ignore = ["vague-ask"]\n'})
    assert "vague-ask" not in run.stdout and run.status == 0, run.output
    # both in one folder: the hidden one wins, as ruff takes .ruff.toml over ruff.toml
    (tmp_path / ".pitchlint.toml").write_text('ignore = ["missing-context"]\n')
    run = run_measured(command("check", "draft.txt"), tmp_path)
    assert "vague-ask" in run.stdout and run.status == 1, run.output


def test_load_config_checks_rule_ids_at_once(tmp_path: Path) -> None:
    with pytest.raises(pitchlint.ConfigError, match="unknown rule id 'nope'"):
        pitchlint.load_config({"ignore": ["nope"]})
    (tmp_path / ".pitchlint.toml").write_text('[per-file-ignores]\n"a.txt" = ["nope"]\n')
    with pytest.raises(pitchlint.ConfigError, match="unknown rule id 'nope'"):
        pitchlint.load_config(tmp_path / ".pitchlint.toml")


def test_a_bad_channel_is_an_input_error_as_the_api_page_says() -> None:
    with pytest.raises(pitchlint.InputError) as caught:
        pitchlint.lint_text("hi", channel="sms")
    assert caught.value.path == "<text>" and caught.value.reason.startswith("channel 'sms' is not one of email")


def test_findings_carry_their_line_and_column_as_the_json_does() -> None:
    report = pitchlint.lint_text(VAGUE)
    rows = report.to_dict()["findings"]
    assert [(f.line, f.column, f.end_line, f.end_column) for f in report.findings] == \
        [(r["line"], r["column"], r["end_line"], r["end_column"]) for r in rows]
    vague = next(f for f in report.findings if f.rule == "vague-ask")
    assert (vague.line, vague.column) == (3, 13)  # "anyone" on the third line


def test_one_message_is_one_message_in_batch_counts() -> None:
    assert progress_line(1, 1, 2.0) == "1/1 message, 0.5/s, ETA 0s"
    assert progress_line(1, None, 2.0) == "1 message, 0.5/s"
    import io

    ticks = iter([0.0, 2.0])
    tally = Tally(io.StringIO(), total=1, show_progress=False, clock=lambda: next(ticks))
    tally.done = 1
    assert tally.summary("out.jsonl")[0].startswith("pitchlint: 1 message in ")
