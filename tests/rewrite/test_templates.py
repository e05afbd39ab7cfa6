import pytest

from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.errors import ConfigError
from pitchlint.rewrite.english import join_or, with_article
from pitchlint.rewrite.templates import Renderer


def vague_rewrite(report):
    return next(f for f in report.findings if f.rule == "vague-ask")


def goal_rewrite(report):
    return next(f for f in report.findings if f.rule == "target-outside-ask")


def test_rewrite_reuses_the_goal_the_writer_named(lint):
    text = "I'm looking for product manager roles in fintech. If you know anyone, please let me know."
    report = lint(text)
    assert report.verdict == "specific"
    finding = goal_rewrite(report)
    assert finding.severity == "info"
    assert finding.suggestion == (
        "Do you know a product manager in fintech who might talk with me for 20 minutes? "
        "I'd be grateful for an introduction.")
    assert finding.message == (
        'You say you want "product manager" and "fintech", but the ask itself names none of it: '
        "repeat the target in the ask, so the reader does not have to connect the two.")
    # the fix replaces the ask sentence, not the goal
    assert text[finding.fix.start:finding.fix.end] == "If you know anyone, please let me know."


def test_missing_slots_are_bracketed_prompts_and_former_employers_never_fill_them(lint):
    finding = vague_rewrite(lint("I spent eight years at Amazon. Any contacts at all would help!"))
    assert "Amazon" not in finding.suggestion
    assert finding.suggestion.startswith("Do you know [a role, e.g. product manager] at [a kind of company")


def test_only_the_first_vague_ask_carries_the_rewrite(lint):
    report = lint("If you know anyone, send them my way. Any leads at all would help.")
    findings = [f for f in report.findings if f.rule == "vague-ask"]
    assert len(findings) == 2
    assert findings[0].suggestion is not None and findings[1].suggestion is None
    assert report.score.breakdown["rules"] == -25  # a rule moves the score once


def test_filters():
    assert join_or(["A"]) == "A"
    assert join_or(["A", "B"]) == "A or B"
    assert join_or(["A", "B", "C"], "and") == "A, B, and C"
    assert with_article("engineer") == "an engineer"
    assert with_article("product manager") == "a product manager"
    assert with_article("recruiters at Acme") == "recruiters at Acme"
    assert with_article("[a role]") == "[a role]"


def test_undefined_slot_and_syntax_errors_name_the_template(tmp_path):
    (tmp_path / "bad.j2").write_text("Hello {{ nobody }}")
    (tmp_path / "broken.j2").write_text("line one\n{% if %}\n")
    render = Renderer([tmp_path, builtin_pack_dir() / "templates"])
    with pytest.raises(ConfigError, match="'nobody' is undefined"):
        render("bad.j2")
    with pytest.raises(ConfigError) as info:
        render("broken.j2")
    assert info.value.path.endswith("broken.j2:2")


def test_templates_run_in_a_sandbox(tmp_path):
    (tmp_path / "evil.j2").write_text("{{ ''.__class__.__mro__ }}")
    with pytest.raises(ConfigError, match="template error"):
        Renderer([tmp_path])("evil.j2")


def test_a_pack_template_overrides_the_builtin_one_by_name(tmp_path, lint):
    from pitchlint.config.settings import Config

    pack = tmp_path / "pack"
    (pack / "templates").mkdir(parents=True)
    (pack / "templates" / "target-outside-ask.j2").write_text("Ask {{ roles | join_or }} for a coffee.")
    report = lint("I'm looking for a job as a paralegal. Any leads would be great!",
                  config=Config(packs=(str(pack),)))
    assert goal_rewrite(report).suggestion == "Ask paralegal for a coffee."


def test_rewrite_takes_empty_slots_from_the_profile(lint):
    from pitchlint.config.settings import Config
    from pitchlint.terms import Profile

    profile = Profile(roles=("merchandise planner",), companies=("REI", "Patagonia"), location="Seattle",
                      reason="I spent six years planning inventory at Amazon.")
    report = lint("If you know anyone, or hear of any leads, please send them my way.",
                  config=Config(profile=profile))
    assert vague_rewrite(report).suggestion == (
        "Do you know a merchandise planner at REI or Patagonia in Seattle who might talk with me for "
        "20 minutes? I'd be grateful for an introduction. I spent six years planning inventory at Amazon.")


def test_the_message_own_words_win_over_the_profile(lint):
    from pitchlint.config.settings import Config
    from pitchlint.terms import Profile

    report = lint("I'm looking for recruiter roles. If you know anyone, please let me know.",
                  config=Config(profile=Profile(roles=("merchandise planner",))))
    assert goal_rewrite(report).suggestion.startswith("Do you know a recruiter who might talk with me")
