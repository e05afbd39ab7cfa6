"""Sentence breaks a message needs beyond the model's segmenter: blank lines, short lines
(greetings, sign-offs) and list items each start a sentence."""

from __future__ import annotations

from spacy.tokens import Doc


class SentenceBreaks:
    """Blank lines and short lines (greetings, sign-offs) end a sentence, whatever the model says.

    The starts are gathered first and written to the Doc in one go: setting `is_sent_start` token
    by token makes spaCy check the whole Doc each time, which is quadratic on many short lines."""

    def __call__(self, doc: Doc) -> Doc:
        from spacy.attrs import SENT_START

        starts = doc.to_array([SENT_START]).astype("int64")  # -1 is "not a start"
        changed = False
        line_words = 0
        for token in doc[:-1]:
            if "\n" in token.text:
                short_line = 0 < line_words <= 4
                blank_line = "\n\n" in token.text.replace(" ", "").replace("\t", "")
                item = _starts_list_item(doc, token.i + 1)
                if blank_line or short_line or item:
                    starts[token.i + 1] = 1
                    changed = True
                if item:  # "2. Would you look over our deck?" is one sentence, not "2." and the rest
                    after = token.i + 3 if doc[token.i + 1].like_num else token.i + 2
                    if after < len(doc):
                        starts[after] = -1
                        changed = True
                line_words = 0
            elif not token.is_space:
                line_words += 1
        if changed:
            doc.from_array([SENT_START], starts.astype("uint64"))
        return doc


def _starts_list_item(doc: Doc, i: int) -> bool:
    """"- item", "* item", "• item", "1. item" or "1) item" at the start of a line."""
    token = doc[i]
    if token.text in ("-", "*", "•", "+", "–", "→", "->"):
        return True
    return token.like_num and i + 1 < len(doc) and doc[i + 1].text in (".", ")")
