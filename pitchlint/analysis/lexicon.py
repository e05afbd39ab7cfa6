"""Lexicon files: one term per line, `#` comments, and an optional `# --- needs context` section.

Terms under a heading that contains "needs context" are ordinary words that name a role, sector or
company only in the right surroundings ("work in retail", "Target's data team"); the target
component checks their context before it keeps them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pitchlint.errors import ConfigError

# A lexicon is tokenized into the matchers at start-up, about 0.12 s of CPU per 1,000 terms on
# first use (200,000 took over 60 s and 400 MB): a pack's lexicon is a list of names, not a
# dictionary. The built-in pack's largest has 1,340.
MAX_TERMS = 5_000
MAX_FILE_BYTES = 512 * 1024

_IRREGULAR = {"man": "men", "woman": "women", "person": "people", "child": "children",
              "staff": "staff", "chief": "chiefs", "attorney": "attorneys"}


@dataclass
class Lexicon:
    plain: list[str] = field(default_factory=list)
    needs_context: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.plain) + len(self.needs_context)


def read_lexicon(path: Path) -> Lexicon:
    lexicon = Lexicon()
    bucket = lexicon.plain
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
        lines = data.decode("utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, f"cannot read lexicon ({exc})") from None
    if len(data) > MAX_FILE_BYTES:
        raise ConfigError(path, f"lexicon is over {MAX_FILE_BYTES // 1024:,} KB; a lexicon holds up to "
                                f"{MAX_TERMS:,} terms")
    for line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if stripped.startswith("#"):
            if stripped.startswith("# ---"):
                bucket = lexicon.needs_context if "needs context" in stripped.lower() else lexicon.plain
            continue
        bucket.append(stripped)
    if len(lexicon) > MAX_TERMS:
        raise ConfigError(path, f"lexicon has {len(lexicon):,} terms; a lexicon holds up to {MAX_TERMS:,} "
                                "(each is tokenized when pitchlint starts)")
    return lexicon


def pluralize_word(word: str) -> str:
    lower = word.lower()
    if lower in _IRREGULAR:
        plural = _IRREGULAR[lower]
        return word[0] + plural[1:] if word[:1].isupper() else plural
    if word.isupper() or any(ch.isdigit() for ch in word):
        return word + "s"  # CEOs, CPAs, VPs
    if lower.endswith("s") and not lower.endswith("ss"):
        return word  # already plural or a mass noun: "sales", "operations", "logistics"
    if lower.endswith("tech"):
        return word + "s"  # fintechs, agtechs
    if lower.endswith(("ss", "sh", "ch", "x", "z")):
        return word + "es"
    if lower.endswith("y") and len(lower) > 1 and lower[-2] not in "aeiou":
        return word[:-1] + "ies"
    if lower.endswith("man"):
        return word[:-3] + "men"
    return word + "s"


def pluralize(term: str) -> str:
    """Plural of a title or field: the head noun changes ("vice presidents of sales")."""
    words = term.split(" ")
    head = len(words) - 1
    for i, word in enumerate(words):
        if word.lower() in ("of", "for", "in", "at") and i > 0:
            head = i - 1
            break
    words[head] = pluralize_word(words[head])
    return " ".join(words)


def with_plurals(terms: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for term in terms:
        seen.setdefault(term, None)
        if term[-1:].isalpha():
            seen.setdefault(pluralize(term), None)
    return list(seen)
