"""The public Python API: lint_text, lint_many, load_config, FileReport.to_dict; its examples (the
README's one screen and docs/api.md's); its types (mypy --strict); and `import pitchlint` staying light."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from batch_support import corpus_alone, corpus_messages, run_cli
from readme_snippets import page_text, snippet

import pitchlint

ROOT = Path(__file__).resolve().parents[2]
API_PAGE = "docs/api.md"  # the Python API's reference, with the lint_many example and its output
API_EXAMPLE = "pitchlint.lint_many(drafts, config)"
README_EXAMPLE = 'pitchlint.lint_text("If you know anyone'
VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n"
SPECIFIC = "Could you introduce me to a data engineer at Stripe? I'm moving into fintech.\n"


def test_to_dict_is_the_cli_json_entry_for_the_same_file(tmp_path):
    paths = []
    for name, text in (("vague.txt", VAGUE), ("specific.md", "# Note\n\n" + SPECIFIC)):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    result = run_cli("--format", "json", *paths, cwd=tmp_path)
    files = json.loads(result.stdout)["files"]
    reports = [pitchlint.lint_text(p.read_text(encoding="utf-8"), path=str(p)) for p in paths]
    assert [r.to_dict() for r in reports] == files
    assert [r.verdict for r in reports] == ["vague", "specific"]


def test_lint_text_reports_the_vague_ask():
    report = pitchlint.lint_text(VAGUE)
    assert report.path == "<text>"
    assert report.verdict == "vague"
    assert [f.rule for f in report.findings] == ["vague-ask"]
    finding = report.findings[0]
    ask = VAGUE.index("If you know")
    assert ask <= finding.start < finding.end <= VAGUE.index("my way.")
    assert finding.suggestion


def test_channel_sets_the_length_budget_as_the_cli_flag_does():
    long_note = SPECIFIC * 5  # about 400 characters: over a LinkedIn note's 300
    assert "length-budget" not in {f.rule for f in pitchlint.lint_text(long_note).findings}
    rules = {f.rule for f in pitchlint.lint_text(long_note, channel="linkedin-note").findings}
    assert "length-budget" in rules
    with pytest.raises(pitchlint.InputError, match="channel .fax. is not one of"):  # as docs/api.md says
        pitchlint.lint_text(SPECIFIC, channel="fax")


@pytest.mark.parametrize("text, reason", [
    ("", "the text is empty"),
    (" \n\t", "the text is empty"),
    ("x" * 100_001, "is 100,001 characters long; pitchlint reads messages of up to 100,000"),
])
def test_text_that_cannot_be_linted_raises_input_error(text, reason):
    with pytest.raises(pitchlint.InputError) as caught:
        pitchlint.lint_text(text, path="draft.txt")
    assert (caught.value.path, caught.value.reason) == ("draft.txt", reason)


def test_lint_many_matches_lint_text_alone_on_the_whole_corpus():
    messages = [{"text": text, "path": path} for path, text in corpus_messages()]
    reports = list(pitchlint.lint_many(iter(messages), batch_size=50))
    assert [r.to_dict() for r in reports] == list(corpus_alone())


def test_lint_many_on_two_processes_keeps_order_and_answers():
    chosen = list(zip(corpus_messages(), corpus_alone()))[::7]  # 29 messages, vague and specific
    messages = [{"text": text, "path": path} for (path, text), _ in chosen]
    reports = list(pitchlint.lint_many(messages, batch_size=4, n_process=2))
    assert [r.to_dict() for r in reports] == [report for _, report in chosen]


def test_lint_many_raises_at_the_message_that_cannot_be_linted():
    reports = pitchlint.lint_many([SPECIFIC, {"text": "  "}, VAGUE], batch_size=8)
    assert next(reports).verdict == "specific"
    with pytest.raises(pitchlint.InputError, match="^message 2: the text is empty$"):
        next(reports)


def test_lint_many_takes_a_plain_dict_as_configuration():
    plain = [r.to_dict()["findings"] for r in pitchlint.lint_many([VAGUE, SPECIFIC])]
    assert "vague-ask" in {f["rule"] for f in plain[0]}
    ignored = [r.to_dict()["findings"] for r in pitchlint.lint_many([VAGUE, SPECIFIC], {"ignore": ["vague-ask"]})]
    assert ignored[0] == [f for f in plain[0] if f["rule"] != "vague-ask"]


def test_load_config_from_a_dict_equals_the_same_file(tmp_path):
    (tmp_path / "packs").mkdir()
    (tmp_path / ".pitchlint.toml").write_text('ignore = ["buried-ask"]\nfail-under = 40\n'
                                             'severity = { ask-without-role = "warning" }\n')
    from_file = pitchlint.load_config(tmp_path / ".pitchlint.toml")
    from_dict = pitchlint.load_config({"ignore": ["buried-ask"], "fail-under": 40,
                                       "severity": {"ask-without-role": "warning"}}, base=tmp_path)
    assert from_dict.ignore == from_file.ignore == ("buried-ask",)
    assert (from_dict.fail_under, from_dict.severity) == (from_file.fail_under, from_file.severity)
    assert pitchlint.load_config(None, base=tmp_path).ignore == ("buried-ask",)  # found as the CLI finds it
    relative = pitchlint.load_config({"packs": ["packs"]}, base=tmp_path)
    assert relative.packs == (str((tmp_path / "packs").resolve()),)


@pytest.mark.parametrize("data, message", [
    ({"ignore": "vague-ask"}, "configuration: `ignore` must be a list of strings"),
    ({"colour": "red"}, "configuration: unknown configuration key 'colour'"),
    ({"fail-on": "fatal"}, "configuration: `fail-on` must be one of info, warning, error"),
])
def test_load_config_checks_a_dict_as_the_cli_checks_a_file(data, message):
    with pytest.raises(pitchlint.ConfigError) as caught:
        pitchlint.load_config(data)
    assert str(caught.value).startswith(message)


def test_an_unknown_rule_in_a_dict_configuration_is_an_error():
    with pytest.raises(pitchlint.ConfigError, match="unknown rule id 'no-such-rule'"):
        pitchlint.lint_text(SPECIFIC, config={"select": ["no-such-rule"]})


def test_api_example_prints_what_the_page_shows(tmp_path):
    code = snippet("python", API_EXAMPLE, page=API_PAGE)
    shown = re.search(r"pitchlint\.lint_many\(drafts, config\).*?```\n\nprints\n\n```text\n(.*?)```",
                      page_text(API_PAGE), flags=re.S).group(1)
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    result = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown


def test_readme_example_prints_what_its_comment_says(tmp_path):
    code = snippet("python", README_EXAMPLE)
    shown = re.search(r"^print\(.*\)  # (.+)$", code, flags=re.M).group(1)
    (tmp_path / "example.py").write_text(code, encoding="utf-8")
    result = subprocess.run([sys.executable, "example.py"], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout == shown + "\n"


def test_public_module_and_documented_examples_pass_mypy_strict(tmp_path):
    (tmp_path / "example.py").write_text(snippet("python", API_EXAMPLE, page=API_PAGE), encoding="utf-8")
    (tmp_path / "readme_example.py").write_text(snippet("python", README_EXAMPLE), encoding="utf-8")
    # strict on the public surface; what it imports is followed for types but not reported on
    command = [sys.executable, "-m", "mypy", "--strict", "--follow-imports=silent", "--cache-dir", str(tmp_path / "cache"),
               "pitchlint/__init__.py", "pitchlint/api.py", str(tmp_path / "example.py"), str(tmp_path / "readme_example.py")]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("Success: no issues found in 4 source files")


def test_package_is_marked_typed_and_exports_what_all_says():
    assert (ROOT / "pitchlint" / "py.typed").is_file()
    for name in pitchlint.__all__:
        assert getattr(pitchlint, name) is not None, name


def test_cli_help_imports_no_heavy_packages():
    code = ("import sys\nfrom pitchlint.cli.commands import main\n"
            "for args in (['--help'], ['batch', '--help']):\n"
            "    try:\n        main(args)\n    except SystemExit as exit:\n        assert exit.code == 0\n"
            "print(sorted(m for m in ('spacy', 'dask', 'distributed', 'pyarrow', 'jinja2', 'pitchlint.engine.core') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "[]"
    assert "--scheduler ADDRESS" in result.stdout
