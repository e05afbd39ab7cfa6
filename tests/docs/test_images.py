"""The pictures the README and docs/ show exist, are PNG files, and stay small enough for a first
screen (the page's screenshots come from tests/serve/test_serve_page.py)."""

from __future__ import annotations

import re

from readme_snippets import ROOT, doc_pages

MAX_BYTES = 150 * 1024


def test_every_picture_shown_is_a_small_png_that_exists():
    shown = []
    for page in doc_pages():
        for target in re.findall(r"!\[[^\]]*\]\(([^)\s]+)\)", page.read_text(encoding="utf-8")):
            picture = (page.parent / target).resolve()
            assert picture.is_file(), f"{page.relative_to(ROOT)} shows {target}, which does not exist"
            data = picture.read_bytes()
            assert data.startswith(b"\x89PNG\r\n\x1a\n"), f"{target} is not a PNG file"
            assert len(data) < MAX_BYTES, f"{target} is {len(data):,} bytes; keep pictures under {MAX_BYTES:,}"
            shown.append(picture.relative_to(ROOT).as_posix())
    assert "docs/serve-readme.png" in shown and "docs/serve-coach.png" in shown


def test_the_readme_shows_the_page_and_how_to_start_it_before_try_it():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_screen = readme[:readme.index("## Try it")]
    assert "](docs/serve-readme.png)" in first_screen
    assert "pip install .\npitchlint serve" in first_screen
