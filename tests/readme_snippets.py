"""The README's editor set-up snippets, for the tests that run or check them."""

from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"


def snippet(language: str, marker: str) -> str:
    """The one fenced block of `language` in README.md that contains `marker`."""
    blocks = re.findall(rf"^```{re.escape(language)}\n(.*?)^```", README.read_text(encoding="utf-8"), flags=re.S | re.M)
    found = [block for block in blocks if marker in block]
    assert len(found) == 1, f"expected one ```{language} block with {marker!r} in README.md, found {len(found)}"
    return found[0]
