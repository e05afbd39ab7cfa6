"""The model only where a target can be.

A target is a company, role or sector the writer wants, so it sits in a request or a goal; the
greeting, the writer's past, small talk and the signature are most of a message and cannot hold
one. The rule-based components find those statements from the words alone (statements.py), so the
statistical NER runs only on them, on pieces of text cut out of the Doc, and its entities are
copied back at the same token offsets. Entities elsewhere come from the lexicons and patterns only.

What else must see the model's entities, beyond the request and goal sentences:
- the sentences an ask points back to ("Know anyone still there?" asks about the sentence before):
  the few sentences before any ask with a pointer, or any short question ("Who comes to mind?");
- a refusal, which a target right after it cancels ("open to anything in fintech");
- a sentence naming the reader's own company ("your team at Stryker"), which the recipient check
  compares with the configured recipient.

Each piece takes MARGIN tokens of context on either side, as far as the model's encoder looks
(four tokens each way for en_core_web_sm), so the words of a wanted sentence get the same vectors
as in the whole Doc; entities that do not reach a wanted sentence are dropped. When the wanted
text is most of the message, the model runs on all of it, exactly as without this component.

The model's work on one message is bounded too: it reads at most NER_TOKENS tokens of wanted
text, the first ones in the message. About 9,000 tokens is 35,000 characters of nothing but asks
and goals, far more than any message holds; a pasted list of a thousand asks is still read to the
end by the lexicons and patterns, and keeps within the bound on work (issue 19: the model alone
took 2.3 s of CPU on 100,000 characters of asks).
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, cast

import numpy
from spacy.attrs import LOWER, SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Span

from pitchlint.analysis.chunks import CHUNK_TOKENS, Batched, cut_points, pipe_by_tokens
from pitchlint.analysis.grammar import reading_of
from pitchlint.analysis.sentences import words_and_spaces
from pitchlint.analysis.statements import (
    Sentences,
    StatementFinder,
    asks_pointing_back,
    is_short_question,
    sentences_before,
)

if TYPE_CHECKING:
    from spacy.pipeline.pipe import Pipe

FIRST_PERSON = {"i", "i'm", "i’m", "i've", "i'd", "i'll"}
MARGIN = 4  # tokens of context either side of a piece
WHOLE_SHARE = 0.8  # wanted text at least this share of the Doc: run the model on all of it
NER_TOKENS = 9_000  # tokens of wanted text the model reads in one message: about 1 s of CPU here
READER_VERBS = {"work", "works", "lead", "run", "manage", "head", "oversee", "are", "sit", "joined"}
READER_PREPOSITIONS = {"at", "with", "for"}


def wanted_ranges(doc: Doc, sentences: Sentences) -> list[tuple[int, int]]:
    """Token ranges (start, end), sorted and merged, where the model's entities can matter."""
    ranges = [(s.start, s.end) for s in sentences.asks + sentences.goals]
    ranges += [(s.sent.start, s.sent.end) for s in sentences.found.get("REFUSAL", [])]
    pointing = asks_pointing_back(sentences) | {s.start for s in sentences.asks if is_short_question(s)}
    for start in pointing:
        ranges += [(s.start, s.end) for s in sentences_before(doc, start)]
    ranges += _reader_company_sentences(doc)
    ranges += reading_of(doc).goal_sentences()  # the writer's wants the parse found
    named = _names(doc)
    return merge([(s, e) for s, e in ranges if any(named[s:e])], gap=0)


def _names(doc: Doc) -> list[bool]:
    """Per token, whether it is a capitalised word past the first of its sentence (not "I"): the
    model's entities are names, so a sentence without one gives it nothing to find, and the
    lexicons cover it alone. Read from the words' texts, without making a Token for each."""
    words, _ = words_and_spaces(doc)
    starts = doc.to_array(SENT_START).tolist()
    return [len(w) > 1 and w[0].isupper() and starts[i] != 1 and w.lower() not in FIRST_PERSON
            and (i == 0 or "\n" not in words[i - 1]) for i, w in enumerate(words)]


def merge(ranges: list[tuple[int, int]], gap: int) -> list[tuple[int, int]]:
    """Sorted, with ranges that overlap or lie at most `gap` tokens apart joined."""
    merged: list[list[int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + gap:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _reader_company_sentences(doc: Doc) -> list[tuple[int, int]]:
    """Sentences that may name the reader's company: "your (team) at X", "you lead (quality) at X".
    A superset of what the recipient check looks for."""
    found = []
    n = len(doc)
    strings = doc.vocab.strings
    lowers = doc.to_array([LOWER])
    for position in numpy.flatnonzero((lowers == strings.add("your")) | (lowers == strings.add("you"))):
        token = doc[int(position)]
        lower = token.lower_
        if lower == "your":
            after = 1
        elif lower == "you":
            i = token.i + 1
            if i < n and doc[i].lower_ in ("'re", "’re", "are"):
                i += 1
            if i >= n or doc[i].lower_ not in READER_VERBS:
                continue
            after = i - token.i + 1
        else:
            continue
        window = doc[token.i + after:min(n, token.i + after + 7)]
        if any(t.lower_ in READER_PREPOSITIONS for t in window):
            sent = token.sent
            found.append((sent.start, sent.end))
    return found


def within_budget(ranges: list[tuple[int, int]], budget: int) -> list[tuple[int, int]]:
    """The first `budget` tokens of the sorted ranges: the ranges in order, the last one cut short."""
    kept = []
    for start, end in ranges:
        if budget <= 0:
            break
        kept.append((start, min(end, start + budget)))
        budget -= end - start
    return kept


def pieces_for(doc: Doc, wanted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The token ranges the model runs on: the wanted ranges with their margins, joined where
    the margins meet, and cut where a piece would be longer than the chunked NER allows."""
    n = len(doc)
    widened = merge([(max(0, s - MARGIN), min(n, e + MARGIN)) for s, e in wanted], gap=MARGIN)
    pieces = []
    for start, end in widened:
        pieces += cut_points(doc, CHUNK_TOKENS, start, end) if end - start > CHUNK_TOKENS else [(start, end)]
    return pieces


class FocusedNER(Batched):
    """Runs the model's NER (disabled in the pipeline) only on the pieces of each Doc where a
    target can be, in batches across Docs, and sets the entities that reach a wanted range."""

    def __init__(self, nlp: Language, ner_name: str, finder: StatementFinder) -> None:
        self.ner = cast("Pipe", nlp.get_pipe(ner_name))  # the model's NER: spaCy types get_pipe without `pipe`
        self.finder = finder  # the StatementFinder whose sentences say where targets can be

    def _run(self, batch: list[Doc], batch_size: int) -> None:
        jobs: list[tuple[Doc, list[tuple[int, int]], int, Doc]] = []  # (doc, wanted ranges, piece start, piece Doc)
        for doc in batch:
            if not len(doc):
                continue
            wanted = wanted_ranges(doc, self.finder.sentences(doc))
            if sum(e - s for s, e in wanted) >= WHOLE_SHARE * len(doc):
                wanted = [(0, len(doc))]  # all of it, every entity kept: as if this were the plain NER
            wanted = within_budget(wanted, NER_TOKENS)
            words, spaces = words_and_spaces(doc)
            for start, end in pieces_for(doc, wanted):
                jobs.append((doc, wanted, start, Doc(doc.vocab, words=words[start:end], spaces=spaces[start:end])))
        if not jobs:
            return
        found: dict[int, list[Span]] = {}
        for (doc, wanted, offset, _), piece in zip(jobs, pipe_by_tokens(self.ner, [job[3] for job in jobs])):
            for ent in piece.ents:
                start, end = offset + ent.start, offset + ent.end
                if _reaches(wanted, start, end):
                    found.setdefault(id(doc), []).append(Span(doc, start, end, label=ent.label_))
        for doc in batch:
            doc.set_ents(found.get(id(doc), []))


def _reaches(wanted: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether tokens start..end overlap one of `wanted` (sorted and merged, as wanted_ranges gives
    them), by bisection: a message with many asks has many ranges, and as many entities."""
    i = bisect.bisect_right(wanted, start, key=lambda r: r[0])  # the ranges that start at or before `start`
    if i and wanted[i - 1][1] > start:
        return True
    return i < len(wanted) and wanted[i][0] < end


@Language.factory("pitchlint_focused_ner", default_config={"ner": "ner", "pack_dir": ""})
def make_focused_ner(nlp: Language, name: str, ner: str, pack_dir: str) -> FocusedNER:
    from pathlib import Path

    from pitchlint.analysis.components import statement_finder

    return FocusedNER(nlp, ner, statement_finder(nlp, Path(pack_dir)))
