"""Fixes spliced into a text: which of a report's rewrites can go in together (none overlapping),
and the text with them in. `pitchlint suggest` splices into a file's bytes, `pitchlint serve` into
the text a page sent; both choose and apply the same way."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import AnyStr, Generic


@dataclass(frozen=True)
class Edit(Generic[AnyStr]):
    """A fix as spliced: text[start:end] becomes `text`, in the linted text (str) or the file's
    bytes (bytes)."""

    start: int
    end: int
    text: AnyStr


def choose_fixes(fixes: Iterable[Edit[AnyStr]]) -> tuple[list[Edit[AnyStr]], int]:
    """Fixes that do not overlap, first come first kept; and how many were left out."""
    chosen: list[Edit[AnyStr]] = []
    skipped = 0
    for fix in sorted(set(fixes), key=lambda f: (f.start, f.end, f.text)):
        if chosen and fix.start < chosen[-1].end:
            skipped += 1
            continue
        chosen.append(fix)
    return chosen, skipped


def apply_fixes(text: AnyStr, fixes: list[Edit[AnyStr]]) -> AnyStr:
    """Apply non-overlapping fixes (str or bytes alike) from the end backwards, so the offsets
    of the ones before stay valid."""
    for fix in sorted(fixes, key=lambda f: f.start, reverse=True):
        text = text[:fix.start] + fix.text + text[fix.end:]
    return text
