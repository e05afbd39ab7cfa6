"""Where in a message the kinds look: its sentences (from the spaCy Doc the analysis keeps),
the opener after a greeting, the asks and the sentence after each.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from typing import TYPE_CHECKING

from pitchlint.analysis import Analysis, Stretch
from pitchlint.analysis.sentences import text_of

if TYPE_CHECKING:
    from spacy.tokens import Doc


WORD = re.compile(r"[\w’'-]+")


GREETING_WORDS = r"(?i:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)"
GREETING = re.compile(
    r"\A\s*" + GREETING_WORDS + r"[ \t]+"
    r"((?:Dr\.?|Mr\.?|Ms\.?|Mrs\.?|Prof\.?)[ \t]+)?"
    r"([A-Z][\w’'-]*(?:[ \t]+[A-Z][\w’'-]*)?|<[^<>\n]{1,30}>|\{\{[^{}\n]{1,30}\}\}|\[[^\[\]\n]{1,30}\])"  # a name, or a slot
    r"(?:[ \t]+(?i:sir|ma['’]am|ji|san))?[ \t]*[,!:\n—-]")


def spacy_doc(analysis: Analysis) -> Doc:
    """The analysis's spaCy Doc, for the kinds that read sentences or tokens (the pipeline always
    keeps it; only an Analysis built by hand lacks one)."""
    if analysis.doc is None:
        raise ValueError("this rule reads the message's sentences, and the analysis has no spaCy Doc")
    return analysis.doc


def next_sentence_end(analysis: Analysis) -> Callable[[int], int]:
    """A function of an offset: where the first sentence with words that starts at or after it
    ends (the offset itself when none does). The sentences are read once and each offset found by
    bisection, so a message with many asks does not walk its sentences from the top for each."""
    starts: list[int] = []
    ends: list[int] = []
    doc = spacy_doc(analysis)
    text = text_of(doc)  # each sentence's text cut from it: Span.text makes a Token per word
    for sent in doc.sents:
        if text[sent.start_char:sent.end_char].strip():
            starts.append(sent.start_char)
            ends.append(sent.end_char)

    def end_after(offset: int) -> int:
        i = bisect.bisect_left(starts, offset)
        return ends[i] if i < len(starts) else offset

    return end_after


def first_sentence(analysis: Analysis, after_greeting: bool = True) -> Stretch | None:
    """The first sentence of prose, after a greeting line ("Hi Dana,") unless told otherwise."""
    doc = spacy_doc(analysis)
    doc_text = text_of(doc)
    for sent in doc.sents:
        sent_text = doc_text[sent.start_char:sent.end_char]  # Span.text, without a Token per word
        text = sent_text.strip()
        if not text or (after_greeting and GREETING.match(text + "\n") and len(text.split()) <= 4):
            continue
        lead = len(sent_text) - len(sent_text.lstrip())
        return Stretch(sent.start_char + lead, sent.start_char + lead + len(text), text)
    return None


def regions(analysis: Analysis, scope: str) -> list[tuple[int, int]]:
    if scope == "ask":
        return [(a.start, a.end) for a in analysis.asks]
    if scope == "ask-and-after":  # a hedge often stands alone after the ask: "No pressure at all."
        if not analysis.asks:
            return []
        end_after = next_sentence_end(analysis)
        return [(a.start, end_after(a.end)) for a in analysis.asks]
    if scope == "opener":
        opener = first_sentence(analysis)
        return [(opener.start, opener.end)] if opener else []
    return [(0, len(analysis.text))]
