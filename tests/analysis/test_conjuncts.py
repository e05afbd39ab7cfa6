"""Targets named side by side (pitchlint/analysis/conjuncts.py): the items listed with a wanted
target are wanted too, when their own head or shape says what they are."""

import pytest


def wanted(analysis):
    """(label, text, statement, guessed) of each target."""
    return [(e.label, e.text, e.statement, e.source == "guess") for e in analysis.targets()]


@pytest.mark.parametrize("text, expected", [
    # people named by the shape of their head noun, side by side
    ("Next season we're after apple growers and pear growers in Washington to run a free trial.",
     [("ROLE", "apple growers", "goal", True), ("ROLE", "pear growers", "goal", True)]),
    # a short acronym beside a role, and a person noun by its shape
    ("If you know a site foreman or QS in Leeds, please connect me.",
     [("ROLE", "site foreman", "request", False), ("ROLE", "QS", "request", True)]),
    # after a dash, names are the examples of the kind of organisation wanted: the model's span the
    # patterns left in the background joins the want
    ("My long-term goal is a staff writer job at a travel magazine — Afar, Condé Nast Traveler, that sort.",
     [("ROLE", "staff writer", "goal", False), ("SECTOR", "magazine", "goal", False),
      ("COMPANY", "Afar", "goal", False), ("COMPANY", "Condé Nast", "goal", False)]),
    # a company the model missed after the dash
    ("I'd love a product tester job at a review site — Wirecutter, Tom's Guide or similar.",
     [("ROLE", "product tester", "request", False), ("COMPANY", "review site", "goal", True),
      ("COMPANY", "Wirecutter", "goal", True), ("COMPANY", "Tom's Guide", "goal", True)]),
])
def test_items_listed_beside_a_target(analyze, text, expected):
    assert wanted(analyze(text)) == expected


@pytest.mark.parametrize("text, absent", [
    # conditions listed with the roles are no roles
    ("Hiring now:\n• CDL-A drivers, regional routes, home every weekend\n", ["regional routes", "home"]),
    # a name set off by a comma is the reader, not a second company
    ("Congrats on joining Figma, Priya! So happy for you. Who should I talk to there about design roles?",
     ["Priya"]),
    # adjectives and adverbs in a list are no kinds
    ("I'm looking for a prior authorization specialist role at a payer, remote or hybrid.", ["remote", "hybrid"]),
    ("I'm hoping to meet experts in cold-chain logistics, particularly quality managers.", ["particularly"]),
    # a verb after "or" starts a clause, not an item
    ("If you work in informatics, or know someone who does, I'd love 20 minutes.", ["know"]),
    # the writer's own is no target
    ("I'm hiring a data analyst for our lab and pathology build.", ["lab"]),
])
def test_what_a_list_holds_that_is_no_target(analyze, text, absent):
    found = [e.text for e in analyze(text).targets()]
    assert not set(found) & set(absent), found


def test_a_list_of_unlike_things_is_left_alone(analyze):
    # the lexicon reads the first name as a function, the model the last as a company: no guess between
    analysis = analyze("If you know someone who runs a floor at DHL Supply Chain, GXO or Ryder, hit me up.")
    assert "GXO" not in [e.text for e in analysis.targets()]


def test_a_listed_span_the_patterns_left_in_the_background_joins_the_want(analyze):
    analysis = analyze("What I'd love next is a reporting job at a review site — Wirecutter, Consumer Reports, "
                       "that kind of place.")
    assert [(e.text, e.statement) for e in analysis.targets() if e.label == "COMPANY"][-2:] == [
        ("Wirecutter", "goal"), ("Consumer Reports", "goal")]
