"""The flags a ruff or Vale user expects, run in-process through click (one spaCy load)."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import PACK_RULE

from pitchlint.cli.commands import main
from pitchlint.config.settings import find_config

VAGUE = "Hi Dana,\n\nIf you know anyone, or hear of any leads, please send them my way.\n\nThanks,\nPriya\n"
SPECIFIC = ("Hi Dana,\n\nCould you introduce me to a product manager at Stripe? A 20-minute call would help me "
            "learn how their payments team hires.\n\nThanks,\nPriya\n")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    (tmp_path / "vague.md").write_text(VAGUE)
    (tmp_path / "specific.md").write_text(SPECIFIC)
    monkeypatch.chdir(tmp_path)
    find_config.cache_clear()
    yield tmp_path
    find_config.cache_clear()


def pitchlint(*args, stdin: str | None = None, env: dict | None = None):
    return CliRunner().invoke(main, list(args), input=stdin, env=env)


def test_concise_is_one_line_per_finding(folder):
    result = pitchlint("--format", "concise", "vague.md")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        "vague.md:3:13: warning [vague-ask] Your ask is for \"anyone\" and \"leads\" in general: name the kind "
        "of role, company or sector you want, so the reader can think of a person."]


def test_the_default_format_comes_from_the_environment(folder):
    result = pitchlint("vague.md", env={"PITCHLINT_OUTPUT_FORMAT": "concise"})
    assert result.stdout.startswith("vague.md:3:13: warning [vague-ask]") and len(result.stdout.splitlines()) == 1
    bad = pitchlint("vague.md", env={"PITCHLINT_OUTPUT_FORMAT": "fancy"})
    assert bad.exit_code == 2 and "'fancy' is not one of" in bad.stderr


def test_quiet_shows_only_failing_files_and_no_totals(folder):
    result = pitchlint("--quiet", "vague.md", "specific.md")
    assert result.exit_code == 1
    assert "vague.md: vague" in result.stdout
    assert "specific.md" not in result.stdout and "files linted" not in result.stdout


def test_exit_zero_keeps_the_report_and_exits_0(folder):
    result = pitchlint("--exit-zero", "vague.md")
    assert result.exit_code == 0 and "[vague-ask]" in result.stdout
    assert pitchlint("--exit-zero", "missing.md").exit_code == 2  # errors still fail


def test_statistics_count_findings_per_rule(folder):
    (folder / "vague2.md").write_text(VAGUE)
    result = pitchlint("--statistics", ".")
    first = result.stdout.splitlines()[0].split()
    assert first[:3] == ["2", "vague-ask", "warning"]
    as_json = json.loads(pitchlint("--statistics", "--format", "json", ".").stdout)
    assert as_json[0] == {"rule": "vague-ask", "severity": "warning", "count": 2}


def test_output_file_takes_the_report(folder):
    result = pitchlint("-o", "report.json", "--format", "json", "vague.md")
    assert result.exit_code == 1 and result.stdout == ""
    assert json.loads((folder / "report.json").read_text())["summary"]["vague"] == 1
    bad = pitchlint("-o", str(folder / "no" / "such" / "dir.json"), "vague.md")
    assert bad.exit_code == 2 and "cannot write the report" in bad.stderr


def test_select_ignore_and_prefixes_on_the_command_line(folder):
    ignored = pitchlint("--ignore", "vague-ask", "--format", "concise", "vague.md")
    assert "[vague-ask]" not in ignored.stdout
    prefix = pitchlint("--show-settings", "--select", "ask-without", "vague.md")
    assert prefix.stdout.splitlines()[-1] == "# rules on: ask-without-company, ask-without-role, ask-without-sector"
    extended = pitchlint("--show-settings", "--select", "vague-ask", "--extend-select", "no-next-step", "vague.md")
    assert extended.stdout.splitlines()[-1] == "# rules on: no-next-step, vague-ask"
    unknown = pitchlint("--select", "no-such", "vague.md")
    assert unknown.exit_code == 2 and "unknown rule id 'no-such'" in unknown.stderr


def test_prefixes_in_configuration_and_the_most_specific_wins(folder):
    (folder / ".pitchlint.toml").write_text('select = ["ask-without"]\nignore = ["ask-without-role"]\n')
    result = pitchlint("--show-settings", "vague.md")
    assert result.stdout.splitlines()[-1] == "# rules on: ask-without-company, ask-without-sector"
    (folder / ".pitchlint.toml").write_text('select = ["ask-without-role"]\nignore = ["ask-without"]\n')
    find_config.cache_clear()
    assert pitchlint("--show-settings", "vague.md").stdout.splitlines()[-1] == "# rules on: ask-without-role"


def test_stdin_filename_gives_the_kind_and_the_configuration(folder):
    (folder / "drafts").mkdir()
    (folder / ".pitchlint.toml").write_text('[per-file-ignores]\n"drafts/*.md" = ["vague-ask"]\n')
    text = "Hi,\n\n`If you know anyone, please send them my way.`\n\nThanks\n"
    as_plain = pitchlint("--format", "json", "-", stdin=text)
    as_markdown = pitchlint("--format", "json", "--stdin-filename", "notes.md", stdin=text)
    assert json.loads(as_plain.stdout)["files"][0]["path"] == "<stdin>"
    assert json.loads(as_markdown.stdout)["files"][0]["path"] == "notes.md"
    assert [f["rule"] for f in json.loads(as_plain.stdout)["files"][0]["findings"]].count("vague-ask") == 1
    assert "vague-ask" not in [f["rule"] for f in json.loads(as_markdown.stdout)["files"][0]["findings"]]
    ignored = pitchlint("--format", "json", "--stdin-filename", "drafts/a.md", "-", stdin=VAGUE)
    assert "vague-ask" not in [f["rule"] for f in json.loads(ignored.stdout)["files"][0]["findings"]]


def test_show_settings_says_where_each_value_came_from(folder, monkeypatch):
    user = folder / "xdg" / "pitchlint"
    user.mkdir(parents=True)
    (user / "config.toml").write_text('fail-on = "error"\n[profile]\nroles = ["data engineer"]\nreason = "I build pipelines."\n')
    (folder / ".pitchlint.toml").write_text('[profile]\nroles = ["analytics engineer"]\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "xdg"))
    result = pitchlint("--show-settings", "--channel", "post", "vague.md")
    lines = {line.split(" = ")[0].strip(): line for line in result.stdout.splitlines() if " = " in line}
    assert lines["fail-on"].endswith(f'"error"  # {user / "config.toml"}')
    assert lines["profile.roles"].endswith(f'["analytics engineer"]  # {folder / ".pitchlint.toml"}')
    assert lines["profile.reason"].endswith(f'"I build pipelines."  # {user / "config.toml"}')
    assert lines["channel"].endswith('"post"  # command line')
    assert lines["ignore"].endswith("[]  # default")
    isolated = pitchlint("--show-settings", "--isolated", "vague.md")
    assert "# configuration files: none (--isolated)" in isolated.stdout
    assert 'fail-on           = "warning"  # default' in isolated.stdout


def test_the_user_configuration_fills_the_rewrite_and_isolated_ignores_it(folder, monkeypatch):
    (folder / "xdg" / "pitchlint").mkdir(parents=True)
    (folder / "xdg" / "pitchlint" / "config.toml").write_text('[profile]\nroles = ["data engineer"]\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "xdg"))
    assert "Do you know a data engineer" in pitchlint("vague.md").stdout
    assert "Do you know a data engineer" not in pitchlint("--isolated", "vague.md").stdout


def test_a_broken_user_configuration_is_named(folder, monkeypatch):
    (folder / "xdg" / "pitchlint").mkdir(parents=True)
    (folder / "xdg" / "pitchlint" / "config.toml").write_text('channel = "fax"\n')
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / "xdg"))
    result = pitchlint("vague.md")
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"pitchlint: {folder / 'xdg' / 'pitchlint' / 'config.toml'}: channel 'fax' is not "
                                     "one of email, linkedin-note, inmail, pitch, post")


@pytest.mark.parametrize("env,expected", [
    ({}, False), ({"NO_COLOR": ""}, False), ({"FORCE_COLOR": "1"}, True),
    ({"FORCE_COLOR": "1", "NO_COLOR": "1"}, False), ({"FORCE_COLOR": ""}, False),
])
def test_colour_from_the_environment(env, expected, monkeypatch):
    from pitchlint.cli.check import use_color

    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert use_color(None, stream_is_terminal=False) is expected
    assert use_color(True, stream_is_terminal=False) is True


def test_an_empty_no_color_leaves_colour_on_a_terminal(monkeypatch):
    from pitchlint.cli.check import use_color

    monkeypatch.setenv("NO_COLOR", "")
    assert use_color(None, stream_is_terminal=True) is True


def test_a_run_that_fails_only_on_fail_under_says_why(folder):
    result = pitchlint("--fail-under", "99", "specific.md")
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("pitchlint: specific.md: score ")
    assert result.stderr.strip().endswith("/100 is under fail-under 99")


def test_isolated_and_config_together_is_an_error(folder):
    result = pitchlint("--isolated", "--config", "x.toml", "vague.md")
    assert result.exit_code == 2 and "--isolated and --config cannot be used together" in result.stderr



def test_rules_with_config_and_explain_know_the_packs_rules(folder):
    (folder / "house").mkdir()
    (folder / "house" / "sorry-to-bother.toml").write_text(PACK_RULE)
    (folder / "house.toml").write_text('packs = ["house"]\nignore = ["vague-ask"]\n')
    listed = pitchlint("rules", "--config", "house.toml")
    assert listed.exit_code == 0, listed.output
    rows = {line.split()[0]: line.split()[3] for line in listed.stdout.splitlines()}
    assert rows["sorry-to-bother"] == "on" and rows["vague-ask"] == "off"
    explained = pitchlint("explain", "--config", "house.toml", "sorry-to-bother")
    assert explained.exit_code == 0, explained.output
    assert explained.stdout.startswith("sorry-to-bother (warning, stable)")
    (folder / ".pitchlint.toml").write_text('packs = ["house"]\n')
    assert pitchlint("explain", "sorry-to-bother").exit_code == 0  # the nearest configuration's packs
    missing = pitchlint("rules", "--config", "nope.toml")
    assert missing.exit_code == 2 and missing.stderr.strip() == f"pitchlint: {folder / 'nope.toml'}: configuration file not found"
