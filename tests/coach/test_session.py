"""The coach's typed API: which questions a draft gets, how answers are checked against the same
analysis and generic set as the verdict, and the asks it composes (as exact sentences)."""

from __future__ import annotations

import pytest

from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.coach import Coach, Finished, Question, State
from pitchlint.coach.session import MAX_ANSWER
from pitchlint.terms import Profile

CATTLE_CALL = "I'm ready for a change. If you know of anything, send it my way. Any leads at all would help."


@pytest.fixture(scope="module")
def coach() -> Coach:
    return Coach()


def question(coach: Coach, state: State) -> Question:
    step = coach.next(state)
    assert isinstance(step, Question), step
    return step


def session(coach: Coach, draft: str, answers: list[str]) -> tuple[list[str], State, Finished]:
    """Answer in order; the slots asked (one entry per question shown) and the result."""
    state = coach.start(draft)
    asked = []
    for answer in answers:
        step = coach.next(state)
        assert isinstance(step, Question), f"finished before the answer {answer!r}"
        asked.append(step.slot)
        state = coach.answer(state, answer)
    finished = coach.next(state)
    assert isinstance(finished, Finished), finished
    return asked, state, finished


def test_a_cattle_call_is_coached_into_a_specific_ask(coach):
    asked, _, finished = session(coach, CATTLE_CALL, [
        "anything", "supply chain managers", "any company", "Denver", "REI or Patagonia",
        "I've spent six years running fulfilment at Amazon", "call"])
    # generic answers and a place alone are asked again; the sector is not asked once companies are known
    assert asked == ["roles", "roles", "companies", "companies", "companies", "reason", "action"]
    assert finished.ask == (
        "I've spent six years running fulfilment at Amazon. Do you know supply chain managers at REI or Patagonia "
        "in Denver who might talk with me for 20 minutes? I'd be grateful for an introduction.")
    assert finished.message == f"I'm ready for a change. {finished.ask}"  # both cattle calls replaced by one ask
    assert finished.before is not None and finished.before.verdict == "vague"
    assert finished.after.verdict == "specific" and "vague-ask" not in finished.after.rules
    assert finished.after.score > finished.before.score
    assert finished.answers.roles == ("supply chain managers",) and finished.answers.locations == ("Denver",)


def test_generic_answers_get_a_friendly_follow_up(coach):
    state = coach.start(CATTLE_CALL)
    for answer, expected in [("anything", '"anything" gives a reader no one to think of'),
                             ("a job", '"a job" gives a reader no one to think of'),
                             ("I don't know", "gives a reader no one to think of"),
                             ("   ", "Please type an answer"),
                             ("skip", "This one is needed")]:
        state = coach.answer(state, answer)
        assert question(coach, state).slot == "roles"
        assert expected in question(coach, state).note
    state = coach.answer(coach.answer(state, "product managers"), "any company")
    assert question(coach, state).slot == "companies"
    assert question(coach, state).note.startswith('"any company" gives a reader no one to think of.')
    state = coach.answer(state, "Austin, Texas")
    assert question(coach, state).note.startswith('"Austin" is a place; a place alone names no one.')


def test_the_generic_set_is_the_verdict_s_own(coach):
    from pitchlint.analysis.grammar import read_words

    assert coach.generic == read_words(builtin_pack_dir() / "grammar").generic
    assert {"anyone", "anything", "lead", "contact", "opportunity", "job", "company"} <= coach.generic
    assert coach.names_no_one("any company") and coach.names_no_one("some kind of job")
    assert not coach.names_no_one("supply chain managers") and not coach.names_no_one("REI")


def test_a_draft_that_names_its_targets_is_asked_only_what_is_missing(coach):
    draft = "I'm hoping to find a data analyst role at a hospital. If you know anyone, let me know."
    state = coach.start(draft)
    assert state.draft.named.roles == ("data analyst",) and state.draft.named.sectors == ("hospital",)
    asked, _, finished = session(coach, draft, ["referral"])
    assert asked == ["action"]  # its goal is its reason; roles and sector are there
    assert finished.ask == ("Could you refer me to an opening for a data analyst at a hospital, "
                            "or to the person hiring for one?")
    assert finished.message == f"I'm hoping to find a data analyst role at a hospital. {finished.ask}"


def test_an_answer_the_analysis_does_not_know_is_kept_when_given_again(coach):
    state = coach.answer(coach.start(""), "blorptastic wizards of yore")
    assert question(coach, state).note.startswith('pitchlint does not recognise "blorptastic wizards of yore"')
    state = coach.answer(state, "blorptastic wizards of yore")
    assert question(coach, state).slot == "companies"
    assert state.answers.roles == ("blorptastic wizards of yore",)
    assert 'Kept "blorptastic wizards of yore" as you wrote it.' in state.notes


def test_a_very_long_answer_is_cut_with_a_note(coach):
    state = coach.answer(coach.start(""), "product managers " + "and more " * 100)
    assert len(" ".join(state.answers.roles)) <= MAX_ANSWER
    assert any("was cut to its first" in note for note in state.notes)


def test_choices_come_from_the_draft_and_the_profile_and_nothing_is_invented():
    coach = Coach(profile=Profile(roles=("merchandise planner",), reason="I planned inventory for six years."))
    draft = "I spent eight years as a senior operations manager at Amazon. Any contacts at all would help!"
    state = coach.start(draft)
    roles = question(coach, state)
    assert roles.default == "merchandise planner"
    assert roles.choices == ("senior operations manager", "merchandise planner")
    _, _, finished = session(coach, draft, ["merchandise planner", "skip", "skip", "call"])
    assert finished.ask == ("Do you know a merchandise planner who might talk with me for 20 minutes? "
                            "I'd be grateful for an introduction.")
    assert "Amazon" not in finished.ask  # the writer's background is never filled in


@pytest.mark.parametrize("answers,expected", [
    (["sustainability managers", "skip", "clean energy", "I want to work on sustainability.", "call"],
     "I want to work on sustainability. Do you know sustainability managers in clean energy who might talk with "
     "me for 20 minutes? I'd be grateful for an introduction."),
    (["people who work in Training or Organizational Development", "Nordstrom, Microsoft or Starbucks",
      "I want to move into corporate training", "introduction"],
     "I want to move into corporate training. Could you introduce me to people who work in Training or "
     "Organizational Development at Nordstrom, Microsoft, or Starbucks? A 20-minute call with them would help me a lot."),
    (["senior executives", "startups", "I love the thrill of the startup environment.", "keep in mind"],
     "I love the thrill of the startup environment. Could you keep me in mind if you hear of an opening for "
     "senior executives at startups?"),
])
def test_the_founding_article_s_three_asks_read_as_english(coach, answers, expected):
    _, _, finished = session(coach, "", answers)
    assert finished.ask == expected
    assert finished.message == expected
    assert finished.after.verdict == "specific"


def test_an_edited_ask_is_judged_as_written(coach):
    _, state, _ = session(coach, CATTLE_CALL, ["recruiters", "Stripe", "skip", "call"])
    edited = coach.finish_with(state, "Could you introduce me to anyone at all?")
    assert edited.message == "I'm ready for a change. Could you introduce me to anyone at all?"
    assert edited.after.verdict == "vague"
