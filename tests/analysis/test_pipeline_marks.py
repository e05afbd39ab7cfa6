"""What the pipeline marks: asks, goals, targets, and the statement each target sits in."""

import pytest


def targets(analysis):
    return [(e.label, e.text, e.in_ask) for e in analysis.entities if e.label != "LOCATION"]


def test_former_employer_is_not_a_target(analyze):
    a = analyze("I spent eight years at Amazon and worked with Google. Do you know anyone at Stripe?")
    assert targets(a) == [("COMPANY", "Amazon", False), ("COMPANY", "Google", False), ("COMPANY", "Stripe", True)]


def test_goal_sentence_targets_are_targets_outside_the_ask(analyze):
    a = analyze("I'm looking for product manager roles in fintech. If you know anyone, please let me know.")
    assert [a_.text for a_ in a.asks] == ["If you know anyone, please let me know."]
    assert [(e.text, e.in_ask, e.statement) for e in a.entities] == [
        ("product manager", False, "goal"), ("fintech", False, "goal")]
    assert a.specific and not a.request_targets()


def test_an_ask_that_points_back_takes_the_sentence_before(analyze):
    a = analyze("I'd love to reach folks at Oracle Health, Epic or Meditech. Know anyone at any of those?")
    assert [(e.text, e.in_ask, e.statement) for e in a.targets()] == [
        ("Oracle Health", True, "request"), ("Epic", True, "request"), ("Meditech", True, "request")]


@pytest.mark.parametrize("text, expected", [
    # background vs goal: the same company, once the writer's past, once what they want
    ("I did product at Stripe for six years. If you know anyone, let me know.", []),
    ("I want product roles at fintechs like Stripe. If you know anyone, let me know.",
     [("SECTOR", "fintechs", "goal"), ("COMPANY", "Stripe", "goal")]),
    # the nearest claim decides within a sentence
    ("I was a shift lead at a bakery, so a café manager job would suit me.",
     [("ROLE", "café manager", "goal")]),
    # a pointer back takes in the writer's past too: the reader is asked about Amazon
    ("I spent six years at Amazon. Know anyone still there?", [("COMPANY", "Amazon", "request")]),
])
def test_statement_of_each_target(analyze, text, expected):
    assert [(e.label, e.text, e.statement) for e in analyze(text).targets()] == expected


def test_a_refusal_takes_the_targets_back(analyze):
    a = analyze("I'm looking for product roles, but honestly I'm open to anything. Let me know if you hear of something.")
    assert [r.text for r in a.refusals] == ["open to anything"]
    assert a.targets() and not a.specific
    b = analyze("I'm open to anything in fintech. Let me know if you hear of something.")
    assert b.refusals == [] and b.specific


def test_a_subject_line_states_the_goal(analyze):
    a = analyze("Referral request: QA analyst at Acme\n\nHi Sam, would you feel OK putting my name forward?\n")
    assert [(e.text, e.statement) for e in a.targets()] == [("QA analyst", "goal"), ("Acme", "goal")]


def test_a_question_to_the_reader_is_an_ask_and_small_talk_is_not(analyze):
    a = analyze("How was the trip to Denver? What would you do if you were me?")
    assert [s.text for s in a.asks] == ["What would you do if you were me?"]


def test_list_under_an_asks_heading_is_the_ask(analyze):
    text = "Update on our raise.\n\nAsks\n- Intros to partners at Lowercarbon\n- A controller for hardware startups\n\nThanks!\n"
    a = analyze(text)
    assert [s.text for s in a.asks] == ["- Intros to partners at Lowercarbon", "- A controller for hardware startups"]
    assert ("COMPANY", "Lowercarbon", True) in targets(a)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Could you introduce me to a charge nurse at Mayo Clinic?", [("ROLE", "charge nurse"), ("COMPANY", "Mayo Clinic")]),
        ("Do you know anyone on the quality or regulatory team at Stryker?",
         [("ROLE", "quality"), ("ROLE", "regulatory"), ("COMPANY", "Stryker")]),
        ("Know anyone at stripe, plaid or ramp?", [("COMPANY", "stripe"), ("COMPANY", "plaid"), ("COMPANY", "ramp")]),
        ("I'd love to talk with anybody who works in the green/sustainability field.", [("SECTOR", "green/sustainability")]),
        ("Do you know a VP of Engineering at a fintech startup?", [("ROLE", "VP of Engineering"), ("SECTOR", "fintech"), ("SECTOR", "startup")]),
    ],
)
def test_targets_in_the_ask(analyze, text, expected):
    assert [(e.label, e.text) for e in analyze(text).targets()] == expected


def test_ordinary_words_are_not_companies_without_context(analyze):
    a = analyze("My target is a role in retail. Could you introduce me to someone at Target?")
    assert [(e.label, e.text, e.in_ask) for e in a.entities if e.label == "COMPANY"] == [("COMPANY", "Target", True)]


def test_tools_and_credentials_are_not_companies(analyze):
    a = analyze("I know SQL, Python and Terraform, and I hold a PMP. Do you know anyone at Datadog?")
    assert [e.text for e in a.entities if e.label == "COMPANY"] == ["Datadog"]
