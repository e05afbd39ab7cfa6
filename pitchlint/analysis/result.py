"""What the analysis hands the rules: plain data, no spaCy types except the Doc kept for rules
that need tokens."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, TypeVar

from pitchlint.analysis.patterns import (
    ASK_KEY,
    CLASSIFIED_KEY,
    CONTEXT_KEY,
    GENERIC_KEY,
    GOAL_KEY,
    REFUSAL_KEY,
    STATED_KEY,
    TARGETS_KEY,
    TRIGGER_KEY,
)
from pitchlint.analysis.patterns import TARGET_LABELS as TARGET_LABELS
from pitchlint.analysis.sentences import text_of  # re-exported: what a target can be

if TYPE_CHECKING:  # the rules get plain data; spaCy is imported by the pipeline, not here
    from spacy.tokens import Doc

STATEMENTS = ("request", "goal", "background")
GUESSED = "guess"  # an Entity's source when its kind was guessed from its head noun
PATTERN = "pattern"  # an Entity's source when a pattern or a shape of the pack found it
TARGET_STATEMENTS = ("request", "goal")  # a company, role or sector there is a target


@dataclass(frozen=True)
class Entity:
    label: str
    text: str
    start: int
    end: int
    in_ask: bool  # in a request, or in the sentence a request points back to
    statement: str = "background"  # request | goal | background: the statement it sits in
    source: str = ""

    @property
    def kind_guessed(self) -> bool:
        """No lexicon, pattern or model named it: the grammar found it wanted and its head noun
        said person, organisation or field (grammar.py)."""
        return self.source == GUESSED

    @property
    def is_target(self) -> bool:
        """A company, role or sector the writer wants: in a request or a goal."""
        return self.label in TARGET_LABELS and self.statement in TARGET_STATEMENTS


@dataclass(frozen=True)
class Stretch:
    """A stretch of the message: an ask or goal sentence, a generic object, a trigger, a reason."""

    start: int
    end: int
    text: str


@dataclass
class Analysis:
    text: str
    entities: list[Entity]
    asks: list[Stretch]  # sentences that request something of the reader
    goals: list[Stretch]  # sentences that say what the writer is after
    triggers: list[Stretch]  # the words that make a sentence a request
    generic: list[Stretch]  # cattle-call objects inside the asks ("anyone", "any leads")
    context: list[Stretch]  # reasons and background the reader could repeat
    refusals: list[Stretch] = field(default_factory=list)  # "open to anything": no target wanted
    # the clauses that request (asks, from the clause that asks) or want (goals), in order
    statements: list[Statement] = field(default_factory=list)
    doc: Doc | None = field(default=None, repr=False)  # the spaCy Doc, for rules that need tokens

    def targets(self, label: str | None = None) -> list[Entity]:
        """What the reader can think of someone for: targets of the requests and the goals."""
        return [e for e in self.entities if e.is_target and (label is None or e.label == label)]

    def request_targets(self, label: str | None = None) -> list[Entity]:
        return [e for e in self.targets(label) if e.statement == "request"]

    def goal_targets(self, label: str | None = None) -> list[Entity]:
        return [e for e in self.targets(label) if e.statement == "goal"]

    @property
    def specific(self) -> bool:
        """The verdict of the reader's view: something to think of, and no refusal to say what."""
        return bool(self.targets()) and not self.refusals

    def trigger_in(self, ask: Stretch | None = None, default: Stretch | None = None) -> Stretch:
        """The words that make `ask` (or, without one, any ask) a request, where a finding about
        the ask points; `default` (else the ask, else the first ask) when no trigger is inside."""
        within = [ask] if ask is not None else self.asks
        inside = (t for t in self.triggers if any(a.start <= t.start < a.end for a in within))
        return next(inside, default or ask or self.asks[0])


@dataclass(frozen=True)
class Statement(Stretch):
    """A clause that requests something of the reader or states what the writer wants."""

    statement: str = "request"  # request | goal
    by: str = "grammar"  # grammar | classifier: what decided it (classified.py)


StretchT = TypeVar("StretchT", bound=Stretch)


def _stretches(doc: Doc, key: str) -> list[Stretch]:
    text = text_of(doc)  # each span's text cut from it: Span.text makes a Token per word
    return [Stretch(s.start_char, s.end_char, text[s.start_char:s.end_char]) for s in doc.spans[key]]


def to_analysis(doc: Doc) -> Analysis:
    text = text_of(doc)
    entities = [
        Entity(s.label_, text[s.start_char:s.end_char], s.start_char, s.end_char, bool(s._.in_ask), s._.statement,
               s._.source)
        for s in doc.spans[TARGETS_KEY]
    ]
    return Analysis(
        text=text,
        entities=entities,
        asks=_trimmed(_stretches(doc, ASK_KEY)),
        goals=_trimmed(_stretches(doc, GOAL_KEY)),
        triggers=_stretches(doc, TRIGGER_KEY),
        generic=_stretches(doc, GENERIC_KEY),
        context=_stretches(doc, CONTEXT_KEY),
        refusals=_stretches(doc, REFUSAL_KEY),
        statements=_statements(doc),
        doc=doc,
    )


def _statements(doc: Doc) -> list[Statement]:
    """The grammar's statements and, for the sentences it leaves out, the classifier's, in file order."""
    text = text_of(doc)  # each span's text cut from it, as in _stretches
    stated = [Statement(s.start_char, s.end_char, text[s.start_char:s.end_char], s.label_) for s in doc.spans[STATED_KEY]]
    if CLASSIFIED_KEY in doc.spans:
        stated += [Statement(s.start_char, s.end_char, text[s.start_char:s.end_char], s.label_, "classifier")
                   for s in doc.spans[CLASSIFIED_KEY]]
    return _trimmed(sorted(stated, key=lambda s: s.start))


def _trimmed(stretches: list[StretchT]) -> list[StretchT]:
    """Sentences without the white space the segmenter leaves at their ends."""
    out = []
    for s in stretches:
        lead = len(s.text) - len(s.text.lstrip())
        text = s.text.strip()
        out.append(dataclasses.replace(s, start=s.start + lead, end=s.start + lead + len(text), text=text))
    return out
