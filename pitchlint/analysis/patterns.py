"""What the analysis components share: the span-group keys and extension attributes they write,
and the loader for the rule pack's token patterns (patterns/*.jsonl).

Patterns are compiled with the tokenizer only, so loading them never runs the statistical model.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from pitchlint.errors import ConfigError

if TYPE_CHECKING:
    from spacy.matcher import Matcher
    from spacy.vocab import Vocab

_Entry = TypeVar("_Entry")
# A token pattern as the pack's JSONL holds it: {"label": ..., "pattern": [{attribute: value}, ...]}
TokenPattern = dict[str, Any]

TARGET_LABELS = ("COMPANY", "ROLE", "SECTOR")
TARGETS_KEY = "pitchlint_targets"
ASK_KEY = "pitchlint_ask"
GOAL_KEY = "pitchlint_goal"
GENERIC_KEY = "pitchlint_generic"
CONTEXT_KEY = "pitchlint_context"
TRIGGER_KEY = "pitchlint_trigger"
REFUSAL_KEY = "pitchlint_refusal"
STATED_KEY = "pitchlint_stated"  # the clauses that request or want, labelled "request" or "goal"
CLASSIFIED_KEY = "pitchlint_classified"  # the classifier's requests and goals among the other sentences


def register_extensions() -> None:
    from spacy.tokens import Span

    if not Span.has_extension("in_ask"):
        Span.set_extension("in_ask", default=False)
        Span.set_extension("statement", default="background")
        Span.set_extension("source", default="")


def read_jsonl(path: Path, what: str, parse: Callable[[Any], _Entry]) -> list[_Entry]:
    """One entry per non-blank line of a JSONL file of the pack, each through `parse`; a line
    that is not JSON or that `parse` rejects (ValueError, KeyError, TypeError) is a ConfigError
    naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(path, f"cannot read {what}s ({exc.strerror or exc})") from None
    entries = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entries.append(parse(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}", f"not a {what} line ({exc})") from None
    return entries


def _pattern_entry(entry: TokenPattern) -> TokenPattern:
    entry["label"], entry["pattern"]  # noqa: B018 - both keys are required
    return entry


def read_patterns(path: Path) -> list[TokenPattern]:
    return read_jsonl(path, "pattern", _pattern_entry)


def compile_patterns(vocab: Vocab, patterns: list[TokenPattern], source: Path,
                     word_flags: bool = True) -> tuple[Matcher, dict[str, list[list[bool]]]]:
    """A Matcher whose patterns may mark tokens with "CAPTURE": true; returns capture masks by key.
    Each pattern is checked as written, then added with its word tests as lexeme flags (flags.py),
    unless `word_flags` is false."""
    from spacy.matcher import Matcher
    from spacy.schemas import validate_token_pattern

    from pitchlint.analysis.flags import as_flags

    matcher = Matcher(vocab, validate=False)  # flag bits are not in spaCy's pattern schema
    captures: dict[str, list[list[bool]]] = {}
    for i, entry in enumerate(patterns):
        tokens = [dict(tok) for tok in entry["pattern"]]
        mask = [bool(tok.pop("CAPTURE", False)) for tok in tokens]
        key = f"{entry['label']}#{i}"
        errors = validate_token_pattern(tokens)
        try:
            if errors:
                raise ValueError("; ".join(errors))
            # a flag test is keyed by its bit, an int: spaCy's Matcher takes it, its stub names str keys only
            matcher.add(key, [[as_flags(vocab, tok) for tok in tokens] if word_flags else tokens])  # type: ignore[misc]
        except Exception as exc:  # spaCy raises ValueError/MatchPatternError for bad patterns
            raise ConfigError(source, f"pattern {i + 1} is not valid ({exc})") from None
        captures[key] = [mask]
    return matcher, captures
