"""pitchlint's spaCy components, declared here so that importing this module registers them.

The flow inside the pipeline: sentence breaks (sentences.py), the parse of the sentences that can
hold a want (grammar.py), then target spans from lexicons,
context patterns and the model's NER (targets.py), then statements: which sentences request
something of the reader, which state the writer's goal, and which spans are targets
(statements.py), and a trained classifier's statements for the sentences the grammar leaves
out (classified.py).
"""

from __future__ import annotations

import weakref
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from pitchlint.analysis.classified import ClassifiedStatements
from pitchlint.analysis.grammar import GRAMMAR_FOLDER, Grammar, read_words
from pitchlint.analysis.sentences import SentenceBreaks
from pitchlint.analysis.statements import (
    StatementFinder,
    asks_pointing_back,
    sentences_before,
)
from pitchlint.analysis.targets import TargetFinder

_FINDERS: "weakref.WeakKeyDictionary[Language, dict[str, StatementFinder]]" = weakref.WeakKeyDictionary()


@Language.factory("pitchlint_breaks")
def make_breaks(nlp: Language, name: str) -> SentenceBreaks:
    return SentenceBreaks()


@Language.factory("pitchlint_grammar", default_config={"pack_dir": ""})
def make_grammar(nlp: Language, name: str, pack_dir: str) -> Grammar:
    finder = statement_finder(nlp, Path(pack_dir))

    def known(doc: Doc) -> set[int]:
        """The sentences the patterns already call requests or goals, and those an ask may point
        back to ("Know anyone who'd be a fit?"): the parse says which of those are the writer's
        past or product."""
        found = finder.sentences(doc)
        pointed = {s.start for ask in asks_pointing_back(found) for s in sentences_before(doc, ask)}
        return {s.start for s in found.asks + found.goals} | pointed

    return Grammar(nlp, read_words(Path(pack_dir) / GRAMMAR_FOLDER), known)


@Language.factory("pitchlint_targets", default_config={"pack_dir": "", "extra_packs": []})
def make_targets(nlp: Language, name: str, pack_dir: str, extra_packs: list[str]) -> TargetFinder:
    return TargetFinder(nlp, Path(pack_dir), tuple(Path(p) for p in extra_packs))


@Language.factory("pitchlint_statements", default_config={"pack_dir": ""})
def make_statements(nlp: Language, name: str, pack_dir: str) -> StatementFinder:
    return statement_finder(nlp, Path(pack_dir))


@Language.factory("pitchlint_classified_statements")
def make_classified(nlp: Language, name: str) -> ClassifiedStatements:
    return ClassifiedStatements()


def statement_finder(nlp: Language, pack_dir: Path) -> StatementFinder:
    """One StatementFinder per pipeline and pack: the focused NER asks it where the request and
    goal sentences are before the model runs, and the same one then gives spans their statements."""
    finders = _FINDERS.setdefault(nlp, {})
    key = str(pack_dir)
    if key not in finders:
        finders[key] = StatementFinder(nlp, pack_dir)
    return finders[key]
