"""pitchlint's spaCy components, declared here so that importing this module registers them:
sentence breaks, target spans (COMPANY/ROLE/SECTOR, see targets.py) and the ask (see asks.py).

All word lists and token patterns are files of the rule pack (lexicons/*.txt, patterns/*.jsonl).
Patterns are compiled with the tokenizer only, so loading them never runs the statistical model.
"""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from pitchlint.errors import ConfigError

TARGET_LABELS = ("COMPANY", "ROLE", "SECTOR")
TARGETS_KEY = "pitchlint_targets"
ASK_KEY = "pitchlint_ask"
GOAL_KEY = "pitchlint_goal"
GENERIC_KEY = "pitchlint_generic"
CONTEXT_KEY = "pitchlint_context"
TRIGGER_KEY = "pitchlint_trigger"

def register_extensions() -> None:
    if not Span.has_extension("in_ask"):
        Span.set_extension("in_ask", default=False)
        Span.set_extension("in_goal", default=False)
        Span.set_extension("source", default="")


def read_patterns(path: Path) -> list[dict]:
    patterns = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(path, f"cannot read patterns ({exc.strerror or exc})") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            entry = json.loads(line)
            entry["label"], entry["pattern"]  # noqa: B018 - both keys are required
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}", f"not a pattern line ({exc})") from None
        patterns.append(entry)
    return patterns


def compile_patterns(vocab, patterns: list[dict], source: Path) -> tuple[Matcher, dict[str, list[list[bool]]]]:
    """A Matcher whose patterns may mark tokens with "CAPTURE": true; returns capture masks by key."""
    matcher = Matcher(vocab)
    captures: dict[str, list[list[bool]]] = {}
    for i, entry in enumerate(patterns):
        tokens = [dict(tok) for tok in entry["pattern"]]
        mask = [bool(tok.pop("CAPTURE", False)) for tok in tokens]
        key = f"{entry['label']}#{i}"
        try:
            matcher.add(key, [tokens])
        except Exception as exc:  # spaCy raises ValueError/MatchPatternError for bad patterns
            raise ConfigError(source, f"pattern {i + 1} is not valid ({exc})") from None
        captures[key] = [mask]
    return matcher, captures


def label_of(doc: Doc, match_id: int) -> str:
    return doc.vocab.strings[match_id].split("#", 1)[0]


@Language.factory("pitchlint_breaks")
def make_breaks(nlp: Language, name: str):
    from pitchlint.asks import SentenceBreaks

    return SentenceBreaks()


@Language.factory("pitchlint_targets", default_config={"pack_dir": "", "extra_packs": []})
def make_targets(nlp: Language, name: str, pack_dir: str, extra_packs: list[str]):
    from pitchlint.targets import TargetFinder

    return TargetFinder(nlp, Path(pack_dir), tuple(Path(p) for p in extra_packs))


@Language.factory("pitchlint_ask", default_config={"pack_dir": ""})
def make_ask(nlp: Language, name: str, pack_dir: str):
    from pitchlint.asks import AskFinder

    return AskFinder(nlp, Path(pack_dir))
