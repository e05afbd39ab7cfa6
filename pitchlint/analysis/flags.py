"""Word tests as lexeme flags, so that spaCy's Matcher checks them in C.

A Matcher pattern token such as `{"LOWER": {"IN": [...]}}` or `{"TEXT": {"REGEX": "..."}}` becomes
a Python predicate that the Matcher calls for each token and pattern state, which made the context
patterns of targets.jsonl most of the targets component's time. Both tests depend on the word
alone (its text, or its lower-case form), so they can be worked out once per entry in the
vocabulary and stored in one of the spare bits of the lexeme's flags, as `Vocab.add_flag` does;
spaCy computes the flag for every word it meets afterwards. The pattern then tests that bit
(`{bit: True}`, or False for NOT_IN), which gives the same matches.

There are 45 spare bits (19 to 63; the lower ones are spaCy's own `IS_*` flags). A test reuses
the bit of an identical test already on the vocabulary; when none is left, the test stays a
predicate, which is slower but matches the same.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from spacy.attrs import LOWER

if TYPE_CHECKING:
    from spacy.vocab import Vocab

FIRST_SPARE_BIT = 19  # spaCy's own flags (IS_ALPHA ... IS_CURRENCY) take bits 1-18
LAST_BIT = 63
WORD_ATTRS = {"TEXT": "ORTH", "ORTH": "ORTH", "LOWER": "LOWER"}
SET_TESTS = {"IN": True, "NOT_IN": False}  # the flag value that a matching word must have


class WordTest:
    """Whether a word's text (or its lower-case form) matches a regular expression or is in a
    set: a vocabulary flag getter (picklable, and comparable by `key`)."""

    def __init__(self, attr: str, op: str, value: str | list[str], lower: Callable[[str], str]) -> None:
        self.key = (attr, op, json.dumps(value, sort_keys=True))
        self.lower = lower if attr == "LOWER" else None
        self.regex = re.compile(value) if isinstance(value, str) and op == "REGEX" else None
        self.words = frozenset(value) if self.regex is None else frozenset[str]()

    def __call__(self, string: str) -> bool:
        word = self.lower(string) if self.lower is not None else string
        if self.regex is not None:
            return self.regex.search(word) is not None
        return word in self.words


def flag_for(vocab: Vocab, attr: str, op: str, value: str | list[str]) -> int | None:
    """The vocabulary bit that holds this test, added if needed; None when no bit is free."""
    # the word-attribute getters by attribute id: spaCy's Vocab stub leaves them out
    getters: dict[int, Callable[[str], Any]] = vocab.lex_attr_getters  # type: ignore[attr-defined]
    test = WordTest(attr, op, value, getters.get(LOWER, str.lower))
    for bit, getter in getters.items():
        if isinstance(getter, WordTest) and getter.key == test.key:
            return bit
    free = next((bit for bit in range(FIRST_SPARE_BIT, LAST_BIT + 1) if bit not in getters), None)
    if free is None:
        return None
    return vocab.add_flag(test, free)


def as_flags(vocab: Vocab, token: dict[str, Any]) -> dict[str | int, Any]:
    """A pattern token with its word tests (REGEX, IN, NOT_IN on TEXT, ORTH or LOWER) turned
    into flag tests where bits are free; every other key is kept as it is."""
    out: dict[str | int, Any] = {}  # attribute names, or flag bits, to the values the Matcher tests
    for key, value in token.items():
        attr = WORD_ATTRS.get(key.upper()) if isinstance(key, str) else None
        if attr is not None and isinstance(value, dict) and len(value) == 1:
            (op, operand), = value.items()
            op = op.upper()
            regex = op == "REGEX" and isinstance(operand, str)
            word_set = op in SET_TESTS and isinstance(operand, list) and all(isinstance(w, str) for w in operand)
            if regex or word_set:
                bit = flag_for(vocab, attr, "REGEX" if op == "REGEX" else "IN", operand)
                if bit is not None:
                    out[bit] = SET_TESTS.get(op, True)
                    continue
        out[key] = value
    return out
