"""Every rule carries pass and fail examples; this one test runs them all (and fails for a rule
that has none). A fail example must give exactly the findings its `[[examples.expect]]` entry
names, each pointing at the expected words with the expected message; every built-in rule has one
such entry per fail example (a third-party pack may leave them out)."""

from pathlib import Path

import pytest
from conftest import PACK_RULE

from pitchlint.checks.pack import load_rule_file
from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.config.settings import Config
from pitchlint.engine.core import available_rules
from pitchlint.errors import ConfigError

RULES = available_rules(())
EVERY_RULE = Config(select=tuple(RULES))  # preview rules too: their examples must hold as well
BUILTIN = Path(builtin_pack_dir()).resolve()
CASES = [
    (rule_id, kind, i, text)
    for rule_id, rule in RULES.items()
    for kind in ("fail", "pass")
    for i, text in enumerate(rule.examples.get(kind, []))
]


def is_builtin(rule) -> bool:
    return bool(rule.origin) and Path(rule.origin).resolve().parent == BUILTIN


def expected_findings(rule, index: int) -> list[tuple[str, str]] | None:
    """(words flagged, message) of each finding the rule's fail example `index` should give, in
    order; None when the rule states no expectations."""
    expect = rule.examples.get("expect")
    if expect is None:
        return None
    entry = expect[index]
    return [(e["text"], e["message"]) for e in [entry, *entry.get("also", [])]]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_examples_of_both_kinds(rule_id):
    examples = RULES[rule_id].examples
    assert examples.get("fail"), f"{rule_id} has no fail examples"
    assert examples.get("pass"), f"{rule_id} has no pass examples"


def test_the_built_in_rules_are_found():
    assert any(is_builtin(rule) for rule in RULES.values())


@pytest.mark.parametrize("rule_id", sorted(r for r in RULES if is_builtin(RULES[r])))
def test_every_built_in_rule_expects_a_finding_for_each_fail_example(rule_id):
    examples = RULES[rule_id].examples
    assert len(examples.get("expect", [])) == len(examples["fail"]), (
        f"{rule_id} needs one [[examples.expect]] entry (text and message) per fail example")


@pytest.mark.parametrize("rule_id,kind,index,text", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_rule_example(lint, rule_id, kind, index, text):
    fired = [f for f in lint(text, config=EVERY_RULE).findings if f.rule == rule_id]
    if kind == "pass":
        assert not fired, f"{rule_id} should stay quiet on: {text}"
        return
    assert fired, f"{rule_id} should fire on: {text}"
    for finding in fired:
        assert 0 <= finding.start < finding.end <= len(text)
    expected = expected_findings(RULES[rule_id], index)
    if expected is not None:
        fired.sort(key=lambda f: (f.start, f.end))
        assert [(text[f.start:f.end], f.message) for f in fired] == expected


EXPECT = '\n[[examples.expect]]\ntext = "Sorry to bother you"\nmessage = "Just ask."\n'


def test_a_pack_rule_may_state_its_expectations_or_leave_them_out(tmp_path):
    for name, text in (("without.toml", PACK_RULE), ("with.toml", PACK_RULE + EXPECT)):
        (tmp_path / name).write_text(text)
    assert "expect" not in load_rule_file(tmp_path / "without.toml").examples
    assert load_rule_file(tmp_path / "with.toml").examples["expect"] == [
        {"text": "Sorry to bother you", "message": "Just ask."}]


@pytest.mark.parametrize("extra,problem", [
    (EXPECT + EXPECT, "has 2 entries for 1 fail examples"),
    ('\n[[examples.expect]]\ntext = "Sorry to bother you"\n', "must have a string `text` and `message`"),
    (EXPECT + '[[examples.expect.also]]\ntext = 3\nmessage = "x"\n', "must have a string `text` and `message`"),
    ('\n[examples.expect]\ntext = "x"\nmessage = "y"\n', "must have a string `text` and `message`"),
])
def test_a_malformed_expectation_is_named_when_the_pack_loads(tmp_path, extra, problem):
    (tmp_path / "rule.toml").write_text(PACK_RULE + extra)
    with pytest.raises(ConfigError, match=problem):
        load_rule_file(tmp_path / "rule.toml")
