"""The coach's questions and the ask it composes, as plain typed data, so a terminal, a web page
or an editor drives the same steps:

    coach = Coach(config, profile)
    state = coach.start(draft_text)
    while isinstance(step := coach.next(state), Question):
        state = coach.answer(state, input(step.text))
    step.ask, step.message          # Finished: the composed ask, and the draft with it in place

It asks only for what the draft does not say (the targets of its requests and goals, a reason).
Each answer is read by the same analysis as a message, inside a sentence that asks for it, and
checked against the same closed set of generic words the verdict uses: "anything", "any company"
or a place alone get a follow-up, never a place in the ask. Nothing is filled in that the writer
did not type or choose: the choices come from the draft's own words and the saved profile.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

from pitchlint.analysis import Analysis, Entity, Stretch
from pitchlint.analysis.grammar import GRAMMAR_FOLDER, read_words, singular
from pitchlint.checks.ask import generic_places, removal
from pitchlint.checks.findings import Fix
from pitchlint.checks.paths import builtin_pack_dir
from pitchlint.checks.slots import role_kinds
from pitchlint.config.settings import Config
from pitchlint.engine.core import Engine, engine_for
from pitchlint.engine.report import FileReport, reader_view
from pitchlint.reading.document import Document
from pitchlint.reading.read import make_document
from pitchlint.terms import Profile

Slot = Literal["roles", "companies", "sectors", "reason", "action"]
SLOTS: tuple[Slot, ...] = ("roles", "companies", "sectors", "reason", "action")
TEMPLATE = "coach.j2"
MAX_ANSWER = 300  # characters of one answer; a target or a reason is a phrase or a sentence
SKIP_WORDS = {"skip", "-", "pass", "next"}
# Answers that refuse to answer. The generic words ("anything", "anyone", "whatever") are not
# repeated here: they come from the verdict's own set (Coach.generic).
REFUSALS = {"no", "none", "nothing", "n/a", "na", "idk", "dunno", "not sure", "don't know", "i don't know",
            "no idea", "no one", "nobody"}

# What the reader should do: the choices, each with the words that pick it.
ACTIONS: dict[str, tuple[str, ...]] = {
    "call": ("call", "chat", "talk", "20", "coffee", "meet"),
    "introduction": ("intro", "introduction", "introduce", "connect"),
    "referral": ("referral", "refer", "opening", "apply"),
    "keep in mind": ("keep", "mind", "remember", "hear"),
}
ACTION_LABELS = {
    "call": "a 20-minute call with someone like that",
    "introduction": "an introduction",
    "referral": "a referral to an opening",
    "keep in mind": "keep you in mind",
}

QUESTIONS: dict[Slot, tuple[str, str]] = {  # (question, example answer); each fits an 80-column line
    "roles": ("Whom do you want to reach (a role, people who hire for ...)?",
              "supply chain managers, or people who hire data analysts"),
    "companies": ("Which companies? Names or a kind (e.g. hospitals in Denver)",
                  "REI or Patagonia, or regional hospital systems"),
    "sectors": ("Which sector or field?", "outdoor retail, or healthcare"),
    "reason": ("Why? One sentence a reader could repeat (a reason, a skill, a change)",
               "I've spent six years running fulfilment at Amazon and want to work closer to the product."),
    "action": ("What should the reader do?", "call"),
}
# The sentence each answer is read in, so the analysis sees it as a request's object.
FRAMES: dict[Slot, str] = {
    "roles": "Could you introduce me to {}?",
    "companies": "Could you introduce me to someone at {}?",
    "sectors": "Could you introduce me to someone in {}?",
}
# People named by what they do: "people who hire for design", "someone who recruits nurses".
HIRERS = re.compile(r"(?i)(?:people|someone|folks|managers|anyone) (?:who|that) "
                    r"(?:hires?|recruits?|staffs?|works?|leads?|runs?|manages?)(?: for| in| at| on)? \w")
# Words around a generic head that do not make it specific: "any company", "some kind of job".
DETERMINERS = {"a", "an", "any", "some", "every", "the", "kind", "kinds", "type", "types", "sort", "of", "really",
               "just", "honestly", "at", "in", "for", "with", "or", "and", "good", "great", "new", "other"}
TARGET_SLOTS: dict[str, Slot] = {"ROLE": "roles", "COMPANY": "companies", "SECTOR": "sectors"}


@dataclass(frozen=True)
class Answers:
    """What the ask is built from: the writer's own words, each slot in order given."""

    roles: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    locations: tuple[str, ...] = ()
    reason: str = ""
    action: str = ""

    def with_targets(self, entities: list[Entity]) -> Answers:
        """These answers with each target (and place) added to its slot, once whatever its case."""
        answers = self
        for entity in entities:
            slot = "locations" if entity.label == "LOCATION" else TARGET_SLOTS.get(entity.label)
            if slot is not None:
                answers = answers.adding(slot, entity.text)
        return answers

    def adding(self, slot: str, text: str) -> Answers:
        current: tuple[str, ...] = getattr(self, slot)
        if text.lower() in {t.lower() for t in current}:
            return self
        added = (*current, text)
        if slot == "roles":
            return dataclasses.replace(self, roles=added)
        if slot == "companies":
            return dataclasses.replace(self, companies=added)
        if slot == "sectors":
            return dataclasses.replace(self, sectors=added)
        return dataclasses.replace(self, locations=added)

    def has_target(self) -> bool:
        return bool(self.roles or self.companies or self.sectors)


@dataclass(frozen=True)
class Judged:
    """A message as pitchlint judges it: what the coach shows before and after."""

    verdict: str
    score: int
    reader_view: str
    rules: tuple[str, ...]

    @classmethod
    def of(cls, report: FileReport) -> Judged:
        return cls(report.verdict, report.score.total, reader_view(report), tuple(f.rule for f in report.findings))


@dataclass(frozen=True)
class Draft:
    """What the coach read in the draft."""

    text: str
    judged: Judged | None  # None for no draft at all
    named: Answers  # the targets its requests and goals already name, and places named there
    has_reason: bool
    replace: tuple[Fix, ...]  # where the new ask goes: its first ask (or after its last goal), later cattle calls out
    choices: dict[str, tuple[str, ...]] = field(default_factory=dict)  # per slot: its background's words
    path: str = "draft.txt"  # its kind (plain text, Markdown, e-mail) for judging the result


@dataclass(frozen=True)
class Question:
    slot: Slot
    text: str
    example: str
    default: str  # what an empty answer means in a front end that shows it ("" for none)
    choices: tuple[str, ...]  # from the draft's own words and the profile
    note: str  # why the last answer was not taken ("" the first time)
    optional: bool  # "skip" is an answer


@dataclass(frozen=True)
class Finished:
    ask: str
    message: str  # the draft with the new ask in place
    answers: Answers  # the writer's answers (not the draft's own targets): what a profile saves
    before: Judged | None
    after: Judged


@dataclass(frozen=True)
class State:
    draft: Draft
    answers: Answers = Answers()  # given in this session
    done: frozenset[Slot] = frozenset()  # answered or skipped
    note: str = ""  # the follow-up for the slot being asked
    unrecognised: str = ""  # an answer the analysis found nothing in: kept if the writer gives it again
    notes: tuple[str, ...] = ()  # for the writer: answers cut, choices made

    @property
    def known(self) -> Answers:
        """The draft's own targets with the answers added."""
        named, given = self.draft.named, self.answers
        return Answers(
            roles=named.roles + given.roles, companies=named.companies + given.companies,
            sectors=named.sectors + given.sectors, locations=named.locations + given.locations,
            reason=given.reason, action=given.action)


class Coach:
    def __init__(self, config: Config | None = None, profile: Profile | None = None) -> None:
        self.config = config or Config()
        self.profile = profile if profile is not None else self.config.profile

    @cached_property
    def engine(self) -> Engine:
        return engine_for(self.config)

    @cached_property
    def generic(self) -> frozenset[str]:
        """The closed set of generic words the verdict uses (rules/grammar/generic.txt)."""
        return read_words(builtin_pack_dir() / GRAMMAR_FOLDER).generic

    def names_no_one(self, phrase: str) -> bool:
        """Whether a phrase is only generic words ("anything", "any company", "a job", "people"),
        whatever determiners come with them."""
        words = [singular(w) for w in re.findall(r"[\w'-]+", phrase.lower()) if w not in DETERMINERS]
        return all(w in self.generic for w in words)

    # --- reading

    def _analyse(self, text: str | Document, path: str = "draft.txt") -> tuple[Analysis, FileReport]:
        document = text if isinstance(text, Document) else make_document(text, path)
        with self.engine.memory_zone():
            [analysis] = list(self.engine.analyze([document]))
            report = self.engine.check(document, analysis)
            analysis = dataclasses.replace(analysis, doc=None)  # the Doc is not valid past the zone
        return analysis, report

    def judge(self, text: str, path: str = "draft.txt") -> Judged:
        return Judged.of(self._analyse(text, path)[1])

    def start(self, draft: str | Document) -> State:
        """Read the draft (its text, "" for none, or a document read from a file) and what it
        already names. Offsets in the state are into the document's text."""
        text = draft.text if isinstance(draft, Document) else draft
        if not text.strip():
            return State(Draft(text, None, Answers(), False, (Fix(len(text), len(text), ""),)))
        analysis, report = self._analyse(draft)
        inside = [*analysis.asks, *analysis.goals]
        named = Answers().with_targets(analysis.targets())
        named = named.with_targets([e for e in analysis.entities if e.label == "LOCATION"
                                    and any(s.start <= e.start < s.end for s in inside)])
        choices: dict[str, tuple[str, ...]] = {}
        for entity in analysis.entities:
            slot = TARGET_SLOTS.get(entity.label)
            if slot and not entity.is_target and entity.text not in choices.get(slot, ()):
                choices[slot] = (*choices.get(slot, ()), entity.text)
        path = draft.path if isinstance(draft, Document) else "draft.txt"
        return State(Draft(text, Judged.of(report), named, bool(analysis.context), _placement(analysis), choices,
                           path))

    # --- asking

    def _slots_to_ask(self, state: State) -> list[tuple[Slot, bool]]:
        """(slot, optional) still to ask, in order."""
        known, named = state.known, state.draft.named
        wanted: list[tuple[Slot, bool]] = []
        if not named.roles:
            wanted.append(("roles", bool(named.companies or named.sectors)))
        if not (named.companies or named.sectors):
            wanted.append(("companies", bool(known.roles)))
            if not known.companies:
                wanted.append(("sectors", bool(known.roles)))
        if not state.draft.has_reason:
            wanted.append(("reason", True))
        wanted.append(("action", False))
        return [(slot, optional or (slot != "action" and known.has_target()))
                for slot, optional in wanted if slot not in state.done
                and not (slot == "sectors" and known.sectors) and not (slot == "companies" and known.companies)]

    def next(self, state: State) -> Question | Finished:
        """The next question, or the finished ask once nothing is missing."""
        pending = self._slots_to_ask(state)
        if not pending:
            return self.compose(state)
        slot, optional = pending[0]
        text, example = QUESTIONS[slot]
        return Question(slot, text, example, self._default(slot), self._choices(state, slot), state.note, optional)

    def _default(self, slot: Slot) -> str:
        profile = self.profile
        if slot == "action":
            return "call"
        if slot == "reason":
            return profile.reason or ""
        saved = {"roles": profile.roles, "companies": profile.companies, "sectors": profile.sectors}[slot]
        return ", ".join(saved) if saved else ""

    def _choices(self, state: State, slot: Slot) -> tuple[str, ...]:
        if slot == "action":
            return tuple(ACTIONS)
        own = state.draft.choices.get(slot, ())
        default = self._default(slot)
        return tuple(dict.fromkeys([*own, *([default] if default else [])]))

    # --- answering

    def answer(self, state: State, text: str) -> State:
        """Take one answer for the slot `next` asked for; the state asks again (with a note) when
        the answer cannot be used."""
        question = self.next(state)
        if isinstance(question, Finished):
            return state
        slot = question.slot
        answer = " ".join(text.split())
        notes = state.notes
        if len(answer) > MAX_ANSWER:
            answer = answer[:MAX_ANSWER].rsplit(" ", 1)[0]
            notes = (*notes, f"Your answer was cut to its first {MAX_ANSWER} characters.")
        if not answer:
            return dataclasses.replace(state, note="Please type an answer" + (", or skip." if question.optional else
                                                                              ", or ? for an example."))
        if answer.lower() in SKIP_WORDS:
            if question.optional:
                return self._done(state, slot, notes=notes)
            return dataclasses.replace(state, note="This one is needed: the ask has to name at least one role, "
                                       "company or sector. Type ? for an example.")
        if slot == "action":
            return self._take_action(state, answer)
        if slot == "reason":
            return self._take_reason(state, answer, notes)
        return self._take_target(state, slot, answer, notes)

    def _done(self, state: State, slot: Slot, answers: Answers | None = None,
              notes: tuple[str, ...] | None = None) -> State:
        return dataclasses.replace(state, answers=answers or state.answers, done=state.done | {slot}, note="",
                                   unrecognised="", notes=state.notes if notes is None else notes)

    def _take_action(self, state: State, answer: str) -> State:
        words = set(re.findall(r"[\w']+", answer.lower()))
        picked = [action for action, keys in ACTIONS.items() if answer.lower() == action or words & set(keys)]
        if len(picked) != 1:
            return dataclasses.replace(state, note="Pick one of: " + ", ".join(ACTIONS) + ".")
        return self._done(state, "action", dataclasses.replace(state.answers, action=picked[0]))

    def _take_reason(self, state: State, answer: str, notes: tuple[str, ...]) -> State:
        words = answer.lower().strip(".!").split()
        if " ".join(words) in REFUSALS or len(words) < 3 or self.names_no_one(answer):
            return dataclasses.replace(state, note="A reason is a sentence a reader could repeat when they "
                                       "introduce you, e.g. \"" + QUESTIONS["reason"][1] + "\" (or skip).")
        sentence = answer[0].upper() + answer[1:]
        if sentence[-1] not in ".!?":
            sentence += "."
        return self._done(state, "reason", dataclasses.replace(state.answers, reason=sentence), notes)

    def _take_target(self, state: State, slot: Slot, answer: str, notes: tuple[str, ...]) -> State:
        if slot == "roles" and HIRERS.match(answer):  # "people who hire for design": people, by what they do
            given = state.answers.adding("roles", answer)
            return self._done(state, slot, given, notes)
        framed = FRAMES[slot].format(answer)
        start = FRAMES[slot].index("{}")
        analysis, _ = self._analyse(framed)
        within = [e for e in analysis.entities if start <= e.start and e.end <= start + len(answer)]
        alone = self._place_alone(answer)
        places = alone or [e for e in within if e.label == "LOCATION"]
        targets = [] if alone else [e for e in within if e.is_target and not self.names_no_one(e.text)]
        if targets:
            phrases = _phrases(answer, [dataclasses.replace(e, start=e.start - start, end=e.end - start)
                                        for e in targets])
            return self._done(state, slot, state.answers.with_targets(phrases + places), notes)
        if self._is_generic(answer, analysis.generic, start):
            what = {"roles": "a kind of role", "companies": "companies or a kind of company",
                    "sectors": "a sector"}[slot]
            return dataclasses.replace(state, unrecognised="", notes=notes, note=(
                f"\"{answer}\" gives a reader no one to think of. Name {what}, e.g. {QUESTIONS[slot][1]}."))
        if places:
            kept = state.answers.with_targets(places)
            return dataclasses.replace(state, answers=kept, unrecognised="", notes=notes, note=(
                f"\"{places[0].text}\" is a place; a place alone names no one. What kind of company or role "
                f"there? e.g. hospitals in {places[0].text}."))
        if state.unrecognised.lower() == answer.lower():  # the writer means it: their words, as written
            given = state.answers.adding(slot, answer)
            return self._done(state, slot, given, (*notes, f"Kept \"{answer}\" as you wrote it."))
        return dataclasses.replace(state, unrecognised=answer, notes=notes, note=(
            f"pitchlint does not recognise \"{answer}\" as {'a role' if slot == 'roles' else 'a ' + slot[:-1]}. "
            "Say it another way, or type the same answer again to keep it."))

    def _place_alone(self, answer: str) -> list[Entity]:
        """The answer as places, when places are all it is ("Denver", "Austin, Texas"), with their
        offsets in the answer."""
        frame = FRAMES["sectors"]
        start = frame.index("{}")
        analysis, _ = self._analyse(frame.format(answer))
        places = [e for e in analysis.entities if start <= e.start and e.end <= start + len(answer)]
        if not places or any(e.label != "LOCATION" for e in places):
            return []
        rest = re.sub(r"[\s,.;]|\b(?:and|or|the|area|metro|region)\b", "",
                      "".join(c for i, c in enumerate(answer)
                              if not any(e.start <= start + i < e.end for e in places)).lower())
        return [dataclasses.replace(e, start=e.start - start, end=e.end - start) for e in places] if not rest else []

    def _is_generic(self, answer: str, generic: list[Stretch], start: int) -> bool:
        """The same closed set the verdict uses: a generic object the analysis marked inside the
        answer, a refusal, or only generic words with their determiners ("any company", "a job")."""
        if any(start <= g.start < start + len(answer) for g in generic):
            return True
        return answer.lower().strip(".!") in REFUSALS or self.names_no_one(answer)

    # --- composing

    def compose(self, state: State) -> Finished:
        known = state.known
        # each role in the writer's order, people as people and fields as "someone in ...", and
        # openings apart ("someone hiring for an entry-level position")
        _, _, openings = role_kinds([role for role in known.roles if not HIRERS.match(role)])
        people = [role for role in known.roles if role not in openings]
        fields: list[str] = []
        ask = self.engine.render(
            TEMPLATE, people=people, fields=fields, openings=openings, companies=list(known.companies),
            sectors=list(known.sectors), locations=list(known.locations), reason=known.reason,
            action=known.action or "call")
        return self.finish_with(state, ask)

    def finish_with(self, state: State, ask: str) -> Finished:
        """The message with `ask` in place (the composed one, or the writer's edit of it), judged."""
        ask = " ".join(ask.split())
        message = _apply(state.draft.text, state.draft.replace, ask)
        return Finished(ask, message, state.answers, state.draft.judged, self.judge(message, state.draft.path))

    @staticmethod
    def replaced_ask(state: State) -> str:
        """The draft's words the new ask replaces ("" when it has no ask)."""
        first = state.draft.replace[0]
        return state.draft.text[first.start:first.end]


# Where an answer's phrases part: commas, "or", "and", and the words that start another phrase.
_BETWEEN_PHRASES = re.compile(r",\s*|\s+(?:or|and|such as|like|at|in|for|with|e\.g\.|including)\s+", re.IGNORECASE)


def _phrases(answer: str, targets: list[Entity]) -> list[Entity]:
    """The answer's own phrases that hold a target, each with the kind of its last target: the
    writer's words as written ("regional hospitals", where the analysis found "hospitals"), not
    the spans the analysis cut from them. Offsets are into the answer."""
    phrases, begin = [], 0
    for cut in [*_BETWEEN_PHRASES.finditer(answer), None]:
        end = cut.start() if cut else len(answer)
        inside = [t for t in targets if begin <= t.start and t.end <= end]
        text = answer[begin:end].strip(" .;:!?")
        if inside and text:
            phrases.append(dataclasses.replace(inside[-1], text=text, start=begin, end=end))
        begin = cut.end() if cut else len(answer)
    return phrases


def _placement(analysis: Analysis) -> tuple[Fix, ...]:
    """Where the new ask goes: over the first ask, with the other cattle calls taken out; with no
    ask, after the last goal, else at the end of the message."""
    text = analysis.text
    if analysis.asks:
        first = analysis.asks[0]
        later = {place[0] for place in generic_places(analysis)} - {first}
        return (Fix(first.start, first.end, ""), *(removal(text, ask) for ask in sorted(later, key=lambda a: a.start)))
    if analysis.goals:
        end = analysis.goals[-1].end
        return (Fix(end, end, " "),)
    end = len(text.rstrip())
    return (Fix(end, end, "\n\n" if end else ""),)


def _apply(text: str, replace: tuple[Fix, ...], ask: str) -> str:
    """The draft with the ask at the first place (a space or blank line before it when it is
    added, not replacing) and the other places removed, from the end backwards."""
    first, *rest = replace
    edits = [Fix(first.start, first.end, first.text + ask if first.start == first.end else ask), *rest]
    for edit in sorted(edits, key=lambda f: f.start, reverse=True):
        text = text[:edit.start] + edit.text + text[edit.end:]
    return text
