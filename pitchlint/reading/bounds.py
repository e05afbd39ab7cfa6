"""Bounded work on any message: checks on the prose before it reaches the tokenizer.

spaCy's tokenizer strips prefix and suffix characters one at a time from a stretch without
spaces, so a stretch of punctuation, symbols, emoji or underscores costs the square of its
length (32 KB of `=` took 147 s, 30,000 `_` minutes). Such a run is shortened, in the prose only,
to its first MAX_RUN characters; the rest is blanked with spaces, so the prose keeps the file's
length and every offset still points into the file as read. The writer is told in a note.

The rest of the pipeline is linear in the number of tokens, at about 0.1-0.3 ms a token here, so
a message with more tokens than any message needs (a list of 50,000 one-letter lines) is refused
with the reason, rather than analysed for half a minute.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pitchlint.errors import InputError

if TYPE_CHECKING:
    from pitchlint.reading.document import Document

MAX_RUN = 64  # characters of a run of punctuation/symbols analysed; a separator line is shorter
MAX_TOKENS = 30_000  # a message of 100,000 characters of ordinary prose has about 27,000
_RUN = re.compile(r"(?:[^\w\s]|_){%d,}" % (MAX_RUN + 1))  # `_` is a word character to `re`, not to spaCy
_TOKEN = re.compile(r"\w+|[^\w\s]|\s{2,}|\n")  # a spaCy token each, at least


def shorten_runs(prose: str) -> tuple[str, list[str]]:
    """The prose with each long run of punctuation or symbols cut to MAX_RUN characters, and a
    note for each place that was cut."""
    runs = list(_RUN.finditer(prose))
    if not runs:
        return prose, []
    pieces, notes, last = [], [], 0
    for run in runs:
        keep = run.start() + MAX_RUN
        pieces += [prose[last:keep], " " * (run.end() - keep)]
        last = run.end()
        line = prose.count("\n", 0, run.start()) + 1
        notes.append(f"line {line}: a run of {len(run.group(0)):,} punctuation marks or symbols without a space "
                     f"was cut to its first {MAX_RUN} for the analysis (positions still refer to the file)")
    pieces.append(prose[last:])
    if len(notes) > 3:
        notes = notes[:3] + [f"... and {len(notes) - 3:,} more such runs"]
    return "".join(pieces), notes


def check_tokens(prose: str, path: str) -> None:
    count = sum(1 for _ in _TOKEN.finditer(prose))
    if count > MAX_TOKENS:
        raise InputError(path, f"has about {count:,} words, marks and line breaks; pitchlint reads messages of "
                               f"up to {MAX_TOKENS:,} (an ordinary message of 100,000 characters has fewer)")


def bounded(document: Document) -> Document:
    """The document with its prose made safe to analyse, or an InputError saying why it cannot be."""
    prose, notes = shorten_runs(document.prose)
    check_tokens(prose, document.path)
    document.prose = prose
    document.notes += notes
    return document
