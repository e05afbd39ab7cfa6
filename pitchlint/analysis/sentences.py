"""Sentence breaks a message needs beyond the model's segmenter: blank lines, short lines
(greetings, sign-offs) and list items each start a sentence."""

from __future__ import annotations

from spacy.tokens import Doc


class SentenceBreaks:
    """Blank lines and short lines (greetings, sign-offs) end a sentence, whatever the model says."""

    def __call__(self, doc: Doc) -> Doc:
        line_words = 0
        for token in doc[:-1]:
            if "\n" in token.text:
                short_line = 0 < line_words <= 4
                blank_line = "\n\n" in token.text.replace(" ", "").replace("\t", "")
                if blank_line or short_line or _starts_list_item(doc, token.i + 1):
                    doc[token.i + 1].is_sent_start = True
                if _starts_list_item(doc, token.i + 1):
                    _join_marker_to_item(doc, token.i + 1)
                line_words = 0
            elif not token.is_space:
                line_words += 1
        return doc


def _join_marker_to_item(doc: Doc, i: int) -> None:
    """"2. Would you look over our deck?" is one sentence, not "2." and the rest."""
    after = i + 2 if doc[i].like_num else i + 1
    if after < len(doc):
        doc[after].is_sent_start = False


def _starts_list_item(doc: Doc, i: int) -> bool:
    """"- item", "* item", "• item", "1. item" or "1) item" at the start of a line."""
    token = doc[i]
    if token.text in ("-", "*", "•", "+", "–", "→", "->"):
        return True
    return token.like_num and i + 1 < len(doc) and doc[i + 1].text in (".", ")")
