"""The whole pitch, judged as its reader would: targets come from requests and goals, the verdict
from what a reader can act on, and each report says what that is (corpus/GUIDE.md)."""

import json

import pytest

from pitchlint.config.settings import Config
from pitchlint.engine.report import file_json, reader_view
from pitchlint.output.text import render_text


def rules_of(report, severity=None):
    return {f.rule for f in report.findings if severity is None or f.severity == severity}


@pytest.mark.parametrize("text", [
    # a goal stated with no asking verb
    "I'm after a regional sales director role in outdoor gear, based in Denver. "
    "Companies on my list: Patagonia, REI and Arc'teryx.",
    "Over the next quarter I aim to land a supervisor post in hospital billing.",
    "I was a shift lead at a bakery, so any café or restaurant management job would suit me.",
    # a generic request after a stated goal
    "I noticed the QA analyst opening on your team. Would you feel OK putting my name forward?",
    "I'd hoped you might know of a logistics coordinator job at your company. Let me know if anything comes up.",
    # pointers back
    "Hoping to move into solutions engineering at observability startups like honeycomb or grafana. Know anybody there?",
    # requests without an asking verb
    "I'm moving into growth marketing at consumer apps. A connection to anyone on their growth team would be fantastic.",
])
def test_a_stated_target_makes_the_pitch_specific(lint, text):
    report = lint(text)
    assert report.verdict == "specific"
    assert report.targets
    assert "vague-ask" not in rules_of(report)
    assert not rules_of(report, "warning")


@pytest.mark.parametrize("text", [
    "I spent eight years at Amazon. Any contacts at all would help!",
    "Whatever names, leads or intros you can pass along would be a huge help.",
    "I'm on the job market again. Let me know if you hear of any opportunities.",
])
def test_a_request_with_nothing_to_point_at_is_a_cattle_call(lint, text):
    report = lint(text)
    assert report.verdict == "vague"
    assert "vague-ask" in rules_of(report, "warning")
    assert report.targets == []
    assert reader_view(report) == "nothing to act on"


def test_background_and_goal_differ_only_in_what_the_writer_wants(lint):
    background = lint("I did product at Stripe for six years. If you know anyone, please let me know.")
    goal = lint("I want product roles at fintechs like Stripe. If you know anyone, please let me know.")
    assert (background.verdict, goal.verdict) == ("vague", "specific")
    assert [(t.text, t.statement) for t in goal.targets] == [("fintechs", "goal"), ("Stripe", "goal")]


def test_a_generic_ask_after_a_goal_gets_a_hint_with_the_goal_in_it(lint):
    text = "I'm trying to move into data engineering at Acme. If you know anyone I should talk to, I'd be grateful."
    report = lint(text)
    hint = next(f for f in report.findings if f.rule == "target-outside-ask")
    assert hint.severity == "info"
    assert text[hint.start:hint.end] == "anyone"
    assert hint.suggestion.startswith("Do you know someone in data engineering at Acme who")
    assert report.score.verdict == "specific"


def test_a_goal_with_no_request_is_a_hint_and_the_pitch_channel_needs_none(lint):
    text = "Over the next quarter I aim to land a supervisor post in hospital billing."
    email = lint(text)
    missing = next(f for f in email.findings if f.rule == "missing-ask")
    assert missing.severity == "info"
    assert "never ask the reader for anything" in missing.message
    pitch = lint(text, config=Config(force_channel="pitch"))
    assert "missing-ask" not in rules_of(pitch)
    assert pitch.score.breakdown["ask"] == 30 and email.score.breakdown["ask"] == 15


def test_a_message_with_no_request_and_no_goal_is_vague(lint):
    report = lint("Thanks again for lunch last week, it was great to catch up.")
    assert report.verdict == "vague"
    assert "missing-ask" in rules_of(report, "warning")


def test_a_refusal_takes_the_target_back(lint):
    report = lint("I'm looking for product roles, but honestly I'm open to anything. Let me know if you hear of something.")
    assert report.verdict == "vague"
    finding = next(f for f in report.findings if f.rule == "vague-ask")
    assert report.text[finding.start:finding.end] == "open to anything"


def test_a_placeholder_blocks_sending_but_does_not_decide_the_verdict(lint):
    filled = lint("Hi Dana, could you introduce me to a recruiter at Microsoft?")
    template = lint("Hi [Name], could you introduce me to a recruiter at Microsoft?")
    assert template.verdict == "specific"
    assert "leaked-placeholder" in rules_of(template, "error")
    assert template.score.total == filled.score.total


def test_the_readers_view_in_text_and_json(lint):
    text = "I'm looking for data engineer roles at Acme. If you know anyone, let me know."
    report = lint(text, path="a.txt")
    role, company = text.index("data engineer"), text.index("Acme")
    assert reader_view(report) == "ROLE data engineer · COMPANY Acme"
    assert "a.txt: reader can think of: ROLE data engineer · COMPANY Acme" in render_text(report)
    data = json.loads(json.dumps(file_json(report)))
    assert data["targets"] == [
        {"label": "ROLE", "text": "data engineer", "start": role, "end": role + 13, "statement": "goal",
         "kind_from": "lexicon"},
        {"label": "COMPANY", "text": "Acme", "start": company, "end": company + 4, "statement": "goal",
         "kind_from": "pattern"},
    ]
    # in_ask keeps its meaning: in the request, not the goal
    assert [(e["text"], e["in_ask"], e["statement"]) for e in data["entities"]] == [
        ("data engineer", False, "goal"), ("Acme", False, "goal")]
    assert data["reader_view"] == "ROLE data engineer · COMPANY Acme"
    assert data["goals"] == [{"text": "I'm looking for data engineer roles at Acme.", "start": 0, "end": 44}]


def test_a_kind_guessed_from_the_head_is_shown_as_guessed_and_silences_the_missing_kind_hints(lint):
    text = "We're looking for almond growers in the Central Valley. Know anyone?"
    report = lint(text)
    assert report.verdict == "specific"
    assert reader_view(report) == "ROLE almond growers (kind guessed)"
    assert [(e["text"], e["kind_from"]) for e in file_json(report)["targets"]] == [("almond growers", "guess")]
    # the guess may be wrong about the kind, so no hint asks for a company or a sector
    assert not [f for f in report.findings if f.rule.startswith("ask-without-")]


@pytest.mark.parametrize("text", [
    "You're a CPA in Chicago, so any advice on getting started would help.",
    "Could you walk me through Kubernetes and how you think about system design?",
])
def test_the_readers_own_job_and_technologies_are_not_targets(lint, text):
    report = lint(text)
    assert report.verdict == "vague"
    assert report.targets == []


@pytest.mark.parametrize("text", [
    "I'm chasing a grower relations role at a berry co-op in Watsonville. Open to a 10-min chat sometime?",
    "I'm hunting for a payroll specialist role at a regional bank. If that's your world, my DMs are open.",
])
def test_a_request_only_the_classifier_reads_silences_the_missing_ask_hint(lint, text):
    report = lint(text)
    assert [s.by for s in report.statements if s.statement == "request"] == ["classifier"]
    assert "missing-ask" not in [f.rule for f in report.findings]
    # without the request the hint is given
    first = text.split(". ")[0] + "."
    assert "missing-ask" in [f.rule for f in lint(first).findings]
