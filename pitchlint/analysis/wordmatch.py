"""A token-pattern matcher for the ask patterns, indexed by the words a pattern can start with.

spaCy's Matcher tries every pattern at every token, so its cost grows with the number of
patterns; most of the ask patterns start with a word from a short list ("could", "would", "i",
"any"), so looking only at the patterns whose first word is the token's is far cheaper. It reads
the same JSONL patterns and gives the same matches as spaCy's Matcher for the attributes the pack
uses (a test holds the two to the same answer on the whole corpus); a pattern with anything else
raises a ConfigError naming it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

FLAGS: dict[str, Callable[[Token], bool]] = {
    "IS_PUNCT": lambda t: t.is_punct,
    "IS_SENT_START": lambda t: bool(t.is_sent_start),
    "LIKE_NUM": lambda t: t.like_num,
    "IS_ALPHA": lambda t: t.is_alpha,
    "IS_DIGIT": lambda t: t.is_digit,
    "IS_STOP": lambda t: t.is_stop,
    "IS_LOWER": lambda t: t.is_lower,
    "IS_TITLE": lambda t: t.is_title,
}
RANGES: dict[str, tuple[int, int | None] | None] = {"?": (0, 1), "*": (0, None), "+": (1, None), "!": None}


@dataclass(frozen=True)
class Step:
    lower: frozenset[str] | None = None  # the token's lower-case form is one of these
    lower_not: frozenset[str] = frozenset()
    text: frozenset[str] | None = None
    flags: tuple[tuple[str, bool], ...] = ()
    least: int = 1
    most: int | None = 1

    def accepts(self, words: "Words", i: int) -> bool:
        lower = words.lowers[i]
        if self.lower is not None and lower not in self.lower:
            return False
        if lower in self.lower_not:
            return False
        if self.text is not None and words.doc[i].text not in self.text:
            return False
        return all(words.flag(name, i) == wanted for name, wanted in self.flags)


class Words:
    """A Doc's tokens as the matcher reads them: lower-case forms taken once, flags on demand."""

    __slots__ = ("doc", "lowers", "flags")

    def __init__(self, doc: Doc) -> None:
        from spacy.attrs import LOWER

        self.doc = doc  # its Tokens are made only for the few words a step reads more of
        strings = doc.vocab.strings
        self.lowers = [strings[key] for key in doc.to_array(LOWER).tolist()]  # each token's lower_
        self.flags: dict[tuple[str, int], bool] = {}

    def flag(self, name: str, i: int) -> bool:
        key = (name, i)
        value = self.flags.get(key)
        if value is None:
            value = self.flags[key] = FLAGS[name](self.doc[i])
        return value


def _words(value: object, where: str) -> tuple[frozenset[str] | None, frozenset[str]]:
    if isinstance(value, str):
        return frozenset([value]), frozenset()
    if isinstance(value, dict) and set(value) <= {"IN", "NOT_IN"}:
        inside = frozenset(value["IN"]) if "IN" in value else None
        return inside, frozenset(value.get("NOT_IN", ()))
    raise ValueError(f"{where}: unsupported value {value!r}")


def compile_step(token: dict[str, Any], where: str) -> Step:
    lower: frozenset[str] | None = None
    lower_not: frozenset[str] = frozenset()
    text: frozenset[str] | None = None
    flags: list[tuple[str, bool]] = []
    least: int = 1
    most: int | None = 1
    for key, value in token.items():
        if key == "LOWER":
            lower, lower_not = _words(value, where)
        elif key == "TEXT":
            text, text_not = _words(value, where)
            if text_not:
                raise ValueError(f"{where}: TEXT NOT_IN is not supported")
        elif key in FLAGS:
            flags.append((key, bool(value)))
        elif key == "OP":
            bounds = RANGES[value] if value in RANGES else None
            if bounds is not None:
                least, most = bounds
            elif isinstance(value, str) and value.startswith("{") and value.endswith("}"):
                low, _, high = value[1:-1].partition(",")
                least, most = int(low or 0), (int(high) if high else None)
            else:
                raise ValueError(f"{where}: unsupported OP {value!r}")
        else:
            raise ValueError(f"{where}: unsupported attribute {key}")
    return Step(lower, lower_not, text, tuple(flags), least, most)


class WordMatcher:
    def __init__(self) -> None:
        self.patterns: list[tuple[str, tuple[Step, ...]]] = []
        self.by_word: dict[str, list[int]] = {}
        self.anywhere: list[int] = []  # patterns that may start with any word
        self.seconds: list[frozenset[str] | None] = []  # words a match's second token can be, if known

    def add(self, label: str, tokens: list[dict[str, Any]], where: str) -> None:
        steps = tuple(compile_step(t, where) for t in tokens)
        index = len(self.patterns)
        self.patterns.append((label, steps))
        self.seconds.append(_second_words(steps))
        starts: set[str] = set()
        for step in steps:  # the words a match can start with: up to the first required step
            if step.lower is None:
                self.anywhere.append(index)
                return
            starts |= step.lower
            if step.least > 0:
                break
        else:
            self.anywhere.append(index)
            return
        for word in starts:
            self.by_word.setdefault(word, []).append(index)

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every (label, start, end) a pattern matches, once each, in order."""
        found: set[tuple[int, int, int]] = set()
        words = Words(doc)
        n = len(words.lowers)
        by_word, anywhere, patterns, seconds = self.by_word, self.anywhere, self.patterns, self.seconds
        lowers = words.lowers
        for start, lower in enumerate(lowers):
            candidates = by_word.get(lower)
            following = lowers[start + 1] if start + 1 < n else None
            for indexes in (candidates, anywhere) if candidates else (anywhere,):
                for index in indexes:
                    second = seconds[index]
                    if second is not None and following not in second:
                        continue
                    for end in _ends(patterns[index][1], 0, words, start, n):
                        if end > start:
                            found.add((start, end, index))
        return [(patterns[i][0], s, e) for s, e, i in sorted(found)]


def _second_words(steps: tuple[Step, ...]) -> frozenset[str] | None:
    """The words the second token of any match must be one of, when the pattern says: its first
    step takes exactly one token and what may follow it is known by its words. None otherwise."""
    if not steps or (steps[0].least, steps[0].most) != (1, 1):
        return None
    words: set[str] = set()
    for step in steps[1:]:
        if step.lower is None:
            return None
        words |= step.lower
        if step.least > 0:
            return frozenset(words)
    return None  # the pattern may end after its first token


def _ends(steps: tuple[Step, ...], k: int, words: Words, i: int, n: int) -> Iterator[int]:
    """Positions where steps[k:] can end when they start at token i (every way, like spaCy)."""
    if k == len(steps):
        yield i
        return
    step = steps[k]
    count = 0
    if step.least == 0:
        yield from _ends(steps, k + 1, words, i, n)
    while i + count < n and (step.most is None or count < step.most):
        if not step.accepts(words, i + count):
            break
        count += 1
        if count >= step.least:
            yield from _ends(steps, k + 1, words, i + count, n)
