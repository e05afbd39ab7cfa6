"""The three asks the product started from are specific with no warning; their cattle-call
versions are vague."""

import pytest
from conftest import SEEDS

CATTLE_CALLS = {
    "sustainability": (
        "I recently saw the movie An Inconvenient Truth and it's really motivated me to make a change. "
        "I'd therefore love to talk with anybody you know -- any contacts at all would help."
    ),
    "training": (
        "My primary goal is to find my next role, so I'm currently trying to connect with anybody who might "
        "be able to help. If you know anyone, or hear of any leads, please send them my way."
    ),
    "startup": (
        "I love a challenge, so right now I'm seeking to chat with anyone at all who might know of "
        "opportunities. Let me know if you hear of anything!"
    ),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_seed_ask_is_specific_without_warnings(lint, name):
    report = lint(SEEDS[name])
    assert report.verdict == "specific"
    assert [f.rule for f in report.findings if f.severity != "info"] == []


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_no_rule_but_the_target_hints_fires_on_a_seed_ask(lint, name):
    from pitchlint.config.settings import Config
    from pitchlint.engine.core import available_rules

    every_rule = Config(select=tuple(available_rules(())))
    fired = {f.rule for f in lint(SEEDS[name], config=every_rule).findings}
    assert fired <= {"ask-without-company", "ask-without-role", "ask-without-sector"}


@pytest.mark.parametrize("name", sorted(CATTLE_CALLS))
def test_cattle_call_version_is_vague(lint, name):
    report = lint(CATTLE_CALLS[name])
    assert report.verdict == "vague"
    assert "vague-ask" in {f.rule for f in report.findings}
    assert report.score.total < lint(SEEDS[name]).score.total


def in_ask(report, label):
    return [e.text for e in report.entities if e.label == label and e.in_ask]


def test_seed_targets(lint):
    sustainability = lint(SEEDS["sustainability"])
    assert in_ask(sustainability, "SECTOR") == ["green/sustainability", "sustainability", "waste reduction"]
    training = lint(SEEDS["training"])
    assert in_ask(training, "COMPANY") == ["Nordstroms", "Microsoft", "Starbucks"]
    assert in_ask(training, "ROLE") == ["Training", "Organizational Development", "OD", "Executive Coaching", "Training"]
    startup = lint(SEEDS["startup"])
    assert in_ask(startup, "ROLE") == ["senior executives", "venture capitalists", "private equity advisors",
                                       "attorneys", "accountants"]
    assert "startup" in in_ask(startup, "SECTOR")
