"""Roles and sectors named by their shape rather than a lexicon: the words before a head noun
("a management trainee position", "bridal boutiques", "vegetation management", "chiropractic or
physiotherapy clinics"). The shapes are data (patterns/shapes.jsonl); this finds them in one pass
over the tokens, looking left from each head, which costs far less than a token Matcher whose
first token ("a", "the", "of") starts a match almost everywhere.

A shape entry: `label`; `heads`, the nouns that end it; `anchors`, one of which must stand just
before the words; `word`, which words may fill it (`any`, `lower`, `title`); `max_words`; `lists`,
whether "X, Y or Z head" gives X, Y and Z; `head`, whether the head is part of the span (`keep`)
or a generic noun left out (`drop`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pitchlint.analysis.patterns import read_jsonl

if TYPE_CHECKING:
    from spacy.tokens import Doc

WORDS = {
    "any": re.compile(r"([A-Za-z][\w&'.-]*|-|/)"),
    "lower": re.compile(r"[a-z][a-z&'-]*"),
    "title": re.compile(r"([A-Za-z][a-z&'-]*|[A-Z]{2,5})"),
}
GLUE = {"or", "and", "/", "&", ","}


@dataclass(frozen=True)
class Shape:
    label: str
    heads: frozenset[str]
    anchors: frozenset[str]
    word: str
    max_words: int
    lists: bool
    keep_head: bool


def _shape_entry(entry: dict[str, Any]) -> Shape:
    shape = Shape(str(entry["label"]), frozenset(entry["heads"]), frozenset(entry["anchors"]),
                  entry.get("word", "any"), int(entry.get("max_words", 3)), bool(entry.get("lists", False)),
                  entry.get("head", "drop") == "keep")
    if shape.word not in WORDS or shape.max_words < 1:
        raise ValueError(f"word must be one of {', '.join(WORDS)} and max_words at least 1")
    return shape


def read_shapes(path: Path) -> list[Shape]:
    return read_jsonl(path, "shape", _shape_entry)


class ShapeFinder:
    def __init__(self, shapes: list[Shape]) -> None:
        self.by_head: dict[str, list[Shape]] = {}
        for shape in shapes:
            for head in shape.heads:
                self.by_head.setdefault(head, []).append(shape)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """(label, start, end) of every shaped span in `doc`."""
        from spacy.attrs import IS_STOP, LOWER, ORTH

        found: list[tuple[str, int, int]] = []
        strings = doc.vocab.strings
        # from the Doc's array, in one call: a Token object per word costs more than its three values
        lowers, orths, stops = doc.to_array([LOWER, ORTH, IS_STOP]).T.tolist()
        lower = [strings[key] for key in lowers]
        text = [strings[key] for key in orths]
        stop = [bool(flag) for flag in stops]
        fits = {kind: _Fits(WORDS[kind], text, stop) for kind in WORDS}
        for i, word in enumerate(lower):
            if i and text[i - 1] == "-":
                continue  # the end of a hyphenated word: "real-world" names no world
            for shape in self.by_head.get(word, ()):
                runs = _runs_before(i, fits[shape.word], lower, shape)
                if runs is None:
                    continue
                if shape.keep_head:
                    found.append((shape.label, runs[0][0], i + 1))
                else:
                    found.extend((shape.label, start, end) for start, end in runs)
        return found


class _Fits:
    """Whether the word at an index may fill a shape, worked out only where a shape looks."""

    def __init__(self, pattern: re.Pattern[str], text: list[str], stop: list[bool]) -> None:
        self.pattern, self.text, self.stop = pattern, text, stop
        self.known: dict[int, bool] = {}

    def __getitem__(self, i: int) -> bool:
        if i not in self.known:
            self.known[i] = not self.stop[i] and bool(self.pattern.fullmatch(self.text[i]))
        return self.known[i]


def _runs_before(head: int, fits: _Fits, lower: list[str], shape: Shape) -> list[tuple[int, int]] | None:
    """The runs of words before `head`, in order, when an anchor stands before the first. A list
    ("X, Y or Z head") is taken whole when it can be; else its tail, if the glue before the tail
    is itself an anchor ("a PE-backed specialty chemicals or coatings company" gives coatings)."""
    runs: list[tuple[int, int]] = []
    best = None  # the longest list so far that has an anchor before it
    end = head
    while True:
        start = end
        while start > 0 and fits[start - 1] and end - start <= shape.max_words:
            start -= 1
        if start == end or end - start > shape.max_words or start == 0:
            return best
        runs = [(start, end)] + runs
        before = start - 1
        if lower[before] in shape.anchors:
            best = list(runs)
        # a list ends in "or"/"and" before its last item: "X, Y or Z head", never "X, Y head"
        joined = lower[before] in GLUE and (len(runs) > 1 or lower[before] != ",")
        if not (shape.lists and joined and before > 0):
            return best
        # step over the glue (", or" counts once) to the next run
        step = before - 1 if lower[before] in ("or", "and") and lower[before - 1] == "," else before
        if step <= 0 or not fits[step - 1]:
            return best
        end = step
