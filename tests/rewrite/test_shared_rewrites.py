"""The rewrites `suggest`, the editor's quick fix and the coach share, as a new user tries them
(issue 20): each case with the sentence it must give."""

from pitchlint.cli.suggest import suggest
from pitchlint.config.settings import Config
from pitchlint.terms import Profile

CALL = "who might talk with me for 20 minutes? I'd be grateful for an introduction."


def rewritten(report) -> str:
    return suggest(report, None).rewritten.decode("utf-8")


def test_both_vague_asks_are_rewritten_into_one(lint):
    report = lint("If you know of anything, send it my way. Any leads at all would be a huge help.")
    assert rewritten(report) == (
        "Do you know [a role, e.g. product manager] at [a kind of company, e.g. a mid-size fintech such as "
        f"Stripe or Plaid] {CALL}")


def test_a_later_vague_ask_at_the_start_of_a_line_leaves_the_line_breaks(lint):
    report = lint("Hi Sam,\nIf you know anyone, let me know.\nAny leads at all would help.\nThanks!\n")
    assert rewritten(report).endswith(f"{CALL}\n\nThanks!\n")


def test_text_inside_a_placeholder_is_never_a_target(lint):
    report = lint("Do you know [a role, e.g. product manager] at [a kind of company, e.g. a mid-size fintech "
                  f"such as Stripe or Plaid] {CALL}")
    assert report.verdict == "vague"
    assert [e.text for e in report.targets] == []
    assert {f.rule for f in report.findings} >= {"vague-ask", "leaked-placeholder"}
    # a merge field the writer left is a placeholder too; the words around it still count
    merged = lint("Could you introduce me to [Your contact] or a recruiter at Microsoft?")
    assert [e.text for e in merged.targets] == ["recruiter", "Microsoft"]


def test_a_role_shaped_goal_reads_as_english(lint):
    report = lint("I'm hoping to find a data analyst role at a hospital. If you know anyone, let me know.")
    [finding] = [f for f in report.findings if f.rule == "target-outside-ask"]
    assert finding.suggestion == f"Do you know a data analyst at a hospital {CALL}"


def test_the_examples_come_from_the_writer_s_own_field(lint):
    report = lint("I spent six years in operations at a retailer. If you know anyone, please send them my way.")
    assert rewritten(report) == (
        "I spent six years in operations at a retailer. Do you know [a role, e.g. someone in operations] at "
        f"[a kind of company, e.g. one in your field] {CALL}")
    sector = lint("I spent six years as a nurse in healthcare. If you know anyone, please send them my way.")
    [finding] = [f for f in sector.findings if f.rule == "vague-ask"]
    assert finding.suggestion == (
        f"Do you know [a role, e.g. nurse] at [a kind of company, e.g. a company in healthcare] {CALL}")


def test_the_profile_s_reason_is_not_added_when_the_message_gives_one(lint):
    profile = Profile(roles=("product designer",), companies=("Figma",), reason="I have led design at two agencies.")
    report = lint("I'm moving from agency work into in-house design. If you know anyone, let me know.",
                  config=Config(profile=profile))
    [finding] = [f for f in report.findings if f.rule in ("vague-ask", "target-outside-ask")]
    assert finding.suggestion == f"Do you know a product designer at Figma {CALL}"
    without = lint("If you know anyone, let me know.", config=Config(profile=profile))
    [finding] = [f for f in without.findings if f.rule == "vague-ask"]
    assert finding.suggestion.endswith("I have led design at two agencies.")


def test_a_change_of_field_is_a_reason(lint):
    report = lint("I'm moving from agency work into in-house design for collaboration tools. "
                  "Could you introduce me to a designer at Figma?")
    assert "missing-context" not in [f.rule for f in report.findings]
    assert "missing-context" in [f.rule for f in lint("Could you introduce me to a designer at Figma?").findings]
