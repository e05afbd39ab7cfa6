"""Sentence breaks a message needs beyond the model's segmenter: blank lines, short lines
(greetings, sign-offs) and list items each start a sentence. And a lookup of each token's
sentence for the components that ask for it once per span."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar, cast

from spacy.tokens import Doc, Span

if TYPE_CHECKING:
    from thinc.types import Ints2d

_Component = TypeVar("_Component")
_Result = TypeVar("_Result")


LINE_END_MARKS = {"?", "!", "."}


class SentenceBreaks:
    """Blank lines, short lines (greetings, sign-offs) and lines that end with an end mark end a
    sentence, whatever the model says.

    The starts are gathered first and written to the Doc in one go: setting `is_sent_start` token
    by token makes spaCy check the whole Doc each time, which is quadratic on many short lines."""

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import IS_SPACE, SENT_START

        starts = doc.to_array([SENT_START]).astype("int64")  # -1 is "not a start"
        changed = False
        line_words = 0
        # the words' texts and space flags, without a Token object per word
        texts = words_and_spaces(doc)[0]
        spaces = doc.to_array([IS_SPACE]).tolist()
        for i in range(len(doc) - 1):
            text = texts[i]
            if "\n" in text:
                short_line = 0 < line_words <= 4
                blank_line = "\n\n" in text.replace(" ", "").replace("\t", "")
                item = _starts_list_item(doc, i + 1)
                # "Anyone in your world fit that bill?" then a new line: the question ends there
                ended = i > 0 and texts[i - 1][-1:] in LINE_END_MARKS
                if blank_line or short_line or item or ended:
                    starts[i + 1] = 1
                    changed = True
                if item:  # "2. Would you look over our deck?" is one sentence, not "2." and the rest
                    after = i + 3 if doc[i + 1].like_num else i + 2
                    if after < len(doc):
                        starts[after] = -1
                        changed = True
                line_words = 0
            elif not spaces[i]:
                line_words += 1
        if changed:  # spaCy annotates thinc's Ints2d; a numpy integer array is what it takes
            doc.from_array([SENT_START], cast("Ints2d", starts.astype("uint64")))
        return doc


def _starts_list_item(doc: Doc, i: int) -> bool:
    """"- item", "* item", "• item", "1. item" or "1) item" at the start of a line."""
    token = doc[i]
    if token.text in ("-", "*", "•", "+", "–", "→", "->"):
        return True
    return token.like_num and i + 1 < len(doc) and doc[i + 1].text in (".", ")")


class SentenceIndex:
    """Each token's sentence, from the Doc's sentence starts as they are now. spaCy's `Span.sent`
    walks from the span to both ends of its sentence on every call, so asking it for each span
    of a long sentence costs the square of the sentence; this answers the same in constant time."""

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import SENT_START

        flags = doc.to_array(SENT_START).astype("int64") == 1
        flags[:1] = True  # Span.sent stops at the first token whatever it says
        starts = flags.nonzero()[0]
        self.number: list[int] = (flags.cumsum() - 1).tolist()  # per token, which sentence
        self.starts: list[int] = starts.tolist()
        self.ends = self.starts[1:] + [len(doc)]

    def sent(self, span: Span) -> Span:
        """What `span.sent` gives: the sentence its first token is in."""
        n = self.number[min(span.start, len(self.number) - 1)]
        return span.doc[self.starts[n]:self.ends[n]]


def with_sentence_lookup(call: Callable[[_Component, Doc], _Result]) -> Callable[[_Component, Doc], _Result]:
    """For a component (or a method of one) that does not move sentence starts: while it runs, `Span.sent` and
    `Token.sent` on its Doc answer from a SentenceIndex built once (through spaCy's
    `user_span_hooks`, taken off again afterwards, so no later component sees a stale index)."""

    @functools.wraps(call)
    def run(self: _Component, doc: Doc) -> _Result:
        if len(doc) == 0 or "sent" in doc.user_span_hooks or "sents" in doc.user_hooks \
                or not doc.has_annotation("SENT_START"):
            return call(self, doc)  # someone else's hook, or no sentences: spaCy's own way
        doc.user_span_hooks["sent"] = SentenceIndex(doc).sent
        try:
            return call(self, doc)
        finally:
            del doc.user_span_hooks["sent"]

    return run


TEXT_KEY = "pitchlint_text"  # Doc.user_data: the Doc's text, joined once
WORDS_KEY = "pitchlint_words"  # Doc.user_data: its tokens' texts and spaces, cut once


def text_of(doc: Doc) -> str:
    """The Doc's text. spaCy joins every token again on each read of `Doc.text`, and the components
    read it several times; a Doc's tokens never change, so it is joined once and kept."""
    text = doc.user_data.get(TEXT_KEY)
    if not isinstance(text, str):
        text = doc.user_data[TEXT_KEY] = doc.text
    return text


def words_and_spaces(doc: Doc) -> tuple[list[str], list[bool]]:
    """The tokens' texts and whether a space follows each, cut from the text by offset: far
    cheaper than making a Token object for every word."""
    from spacy.attrs import IDX, LENGTH, SPACY

    cached = doc.user_data.get(WORDS_KEY)
    if isinstance(cached, tuple) and len(cached[0]) == len(doc):
        return cached
    text = text_of(doc)
    starts, lengths, spaces = doc.to_array([IDX, LENGTH, SPACY]).T.tolist()
    found = [text[i:i + n] for i, n in zip(starts, lengths)], [bool(x) for x in spaces]
    doc.user_data[WORDS_KEY] = found  # the grammar, the focused NER and its name test all cut by them
    return found

