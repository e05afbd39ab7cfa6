"""Both plug-in routes: a rule pack folder named in the configuration, and a Python rule from an
installed package's `pitchlint.rules` entry point. Each one's findings move the score."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from conftest import PACK_RULE

MESSAGE = "Could you introduce me to a recruiter at Microsoft? Sorry to bother you!\n"

PLUGIN_MODULE = '''
from pitchlint.rulepack import Rule


def check(ctx):
    for entity in ctx.analysis.targets("COMPANY"):
        if entity.text == "Microsoft":
            yield ctx.finding(entity.start, entity.end, "Microsoft is big: name the team.")


def broken(ctx):
    raise RuntimeError("plug-in bug")
    yield


DOCS = dict(what="w", why="y", example="e", use_instead="u", options="none")
RULES = [
    Rule(id="name-the-team", kind="python", severity="error", summary="Big companies need a team.",
         message="", score=-7, check=check, docs=DOCS,
         examples={"fail": ["Do you know anyone at Microsoft?"], "pass": ["Anyone at Acme?"]}),
    Rule(id="always-broken", kind="python", severity="info", summary="Raises.", message="",
         check=broken, docs=DOCS, examples={"fail": ["x"], "pass": ["y"]}),
]
'''


def lint_json(tmp_path, extra_env=None):
    env = {**os.environ, **(extra_env or {})}
    result = subprocess.run(
        [sys.executable, "-m", "pitchlint", "--format", "json", str(tmp_path / "msg.txt")],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result, json.loads(result.stdout)["files"][0]


def test_rule_pack_folder_from_config(tmp_path):
    (tmp_path / "msg.txt").write_text(MESSAGE)
    baseline = lint_json(tmp_path)[1]
    pack = tmp_path / "house-style"
    pack.mkdir()
    (pack / "sorry-to-bother.toml").write_text(PACK_RULE)
    (tmp_path / ".pitchlint.toml").write_text('packs = ["house-style"]\n')
    result, report = lint_json(tmp_path)
    finding = next(f for f in report["findings"] if f["rule"] == "sorry-to-bother")
    assert MESSAGE[finding["start"]:finding["end"]] == "Sorry to bother you"
    assert finding["message"] == '"Sorry to bother you" apologises for asking; just ask.'
    assert report["score"] == baseline["score"] - 10
    assert report["breakdown"]["rules"] == baseline["breakdown"]["rules"] - 10
    assert result.returncode == 1  # a warning fails the run by default


def test_python_rule_from_entry_point(tmp_path):
    (tmp_path / "msg.txt").write_text(MESSAGE)
    baseline = lint_json(tmp_path)[1]
    site = tmp_path / "site"
    dist = site / "pitchlint_demo-0.1.dist-info"
    dist.mkdir(parents=True)
    (site / "pitchlint_demo.py").write_text(textwrap.dedent(PLUGIN_MODULE))
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: pitchlint-demo\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[pitchlint.rules]\ndemo = pitchlint_demo:RULES\n")
    result, report = lint_json(tmp_path, {"PYTHONPATH": str(site)})
    finding = next(f for f in report["findings"] if f["rule"] == "name-the-team")
    assert (finding["severity"], finding["message"]) == ("error", "Microsoft is big: name the team.")
    assert MESSAGE[finding["start"]:finding["end"]] == "Microsoft"
    assert report["score"] == baseline["score"] - 7
    # the rule that raises is reported once, and the other rules' findings still come out
    assert report["internal_errors"] == ["rule always-broken failed: RuntimeError: plug-in bug"]
    assert {f["rule"] for f in report["findings"]} >= {"name-the-team", "ask-without-sector"}
    assert result.returncode == 2  # not every rule could check the message: that is not a pass


def test_invalid_rule_file_in_a_pack_is_exit_2(tmp_path):
    (tmp_path / "msg.txt").write_text(MESSAGE)
    pack = tmp_path / "pack"
    pack.mkdir()
    (pack / "bad.toml").write_text('id = "Bad_Id"\nkind = "phrase"\nseverity = "warning"\nsummary = "s"\nmessage = "m"\n')
    (tmp_path / ".pitchlint.toml").write_text('packs = ["pack"]\n')
    result = subprocess.run([sys.executable, "-m", "pitchlint", str(tmp_path / "msg.txt")],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr.strip() == f"pitchlint: {pack / 'bad.toml'}: rule id 'Bad_Id' is not kebab-case"


def test_a_pack_adds_to_the_lexicons(tmp_path, lint):
    from pitchlint.config.settings import Config

    text = "Do you know anyone in agrivoltaics I could talk to?"
    # without the pack the field is only guessed from the shape of the word (-ics)
    assert [(e.label, e.text, e.source) for e in lint(text).entities] == [("SECTOR", "agrivoltaics", "guess")]
    pack = tmp_path / "pack"
    (pack / "lexicons").mkdir(parents=True)
    (pack / "lexicons" / "sectors.txt").write_text("# solar over crops\nagrivoltaics\n")
    report = lint(text, config=Config(packs=(str(pack),)))
    assert report.verdict == "specific"
    assert [(e.label, e.text, e.in_ask, e.source) for e in report.entities] == [
        ("SECTOR", "agrivoltaics", True, "lexicon")]
