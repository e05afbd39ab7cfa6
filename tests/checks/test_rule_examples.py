"""Every rule carries pass and fail examples; this one test runs them all (and fails for a rule
that has none)."""

import pytest

from pitchlint.config.settings import Config
from pitchlint.engine.core import available_rules

RULES = available_rules(())
EVERY_RULE = Config(select=tuple(RULES))  # preview rules too: their examples must hold as well
CASES = [
    (rule_id, kind, i, text)
    for rule_id, rule in RULES.items()
    for kind in ("fail", "pass")
    for i, text in enumerate(rule.examples.get(kind, []))
]


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_has_examples_of_both_kinds(rule_id):
    examples = RULES[rule_id].examples
    assert examples.get("fail"), f"{rule_id} has no fail examples"
    assert examples.get("pass"), f"{rule_id} has no pass examples"


@pytest.mark.parametrize("rule_id,kind,index,text", CASES, ids=[f"{c[0]}-{c[1]}-{c[2]}" for c in CASES])
def test_rule_example(lint, rule_id, kind, index, text):
    fired = [f for f in lint(text, config=EVERY_RULE).findings if f.rule == rule_id]
    if kind == "fail":
        assert fired, f"{rule_id} should fire on: {text}"
        for finding in fired:
            assert 0 <= finding.start < finding.end <= len(text)
    else:
        assert not fired, f"{rule_id} should stay quiet on: {text}"
