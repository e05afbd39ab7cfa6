"""Snippets and facts the documentation states, for the tests that run or check them.

The README keeps one screen of each front end; the reference, with most of the snippets, lives in
docs/. A test names the page its snippet lives on, and the snippet must be there exactly once and
nowhere else in the documentation, so no stale copy can linger on another page."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def doc_pages() -> list[Path]:
    """README.md and every Markdown page under docs/."""
    return [README, *sorted((ROOT / "docs").rglob("*.md"))]


def page_text(page: str = "README.md") -> str:
    """The text of a documentation page, named by its path from the repository's root."""
    return (ROOT / page).read_text(encoding="utf-8")


def blocks(language: str, text: str) -> list[str]:
    return re.findall(rf"^```{re.escape(language)}\n(.*?)^```", text, flags=re.S | re.M)


def snippet(language: str, marker: str, page: str = "README.md") -> str:
    """The one fenced block of `language` on `page` that contains `marker`, which no other page
    of the documentation repeats."""
    found = [block for block in blocks(language, page_text(page)) if marker in block]
    assert len(found) == 1, f"expected one ```{language} block with {marker!r} in {page}, found {len(found)}"
    elsewhere = [str(path.relative_to(ROOT)) for path in doc_pages() if path != ROOT / page
                 and any(marker in block for block in blocks(language, path.read_text(encoding="utf-8")))]
    assert not elsewhere, f"the ```{language} block with {marker!r} belongs on {page}, but is also on {', '.join(elsewhere)}"
    return found[0]
