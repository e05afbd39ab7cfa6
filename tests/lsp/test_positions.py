"""UTF-16 (and UTF-8 / UTF-32) positions for the language server: pitchlint's offsets are code points."""

from __future__ import annotations

import pytest

from pitchlint.lsp.positions import UTF8, UTF16, UTF32, PositionMap, code_units


def test_code_units_per_encoding():
    assert code_units("abc") == 3
    assert code_units("é") == 1 and code_units("é", UTF8) == 2 and code_units("é", UTF32) == 1
    assert code_units("求") == 1 and code_units("求", UTF8) == 3
    assert code_units("😀") == 2 and code_units("😀", UTF8) == 4 and code_units("😀", UTF32) == 1
    with pytest.raises(ValueError):
        code_units("é", "utf-7")


def test_an_emoji_before_a_word_counts_two_utf16_units():
    text = "Hi 😀 anyone?"
    offset = text.index("anyone")
    assert offset == 5
    assert PositionMap(text).position(offset) == (0, 6)
    assert PositionMap(text, UTF8).position(offset) == (0, 8)
    assert PositionMap(text, UTF32).position(offset) == (0, 5)
    assert PositionMap(text).offset(0, 6) == offset


@pytest.mark.parametrize("prefix", ["Café ", "東京の会社 ", "José 😀😀 ", "plain "])
def test_round_trip_on_the_second_line(prefix):
    text = f"Subject line\n{prefix}If you know anyone, tell me.\nBye"
    offset = text.index("anyone")
    positions = PositionMap(text)
    line, character = positions.position(offset)
    assert line == 1
    assert character == len(prefix.encode("utf-16-le")) // 2 + len("If you know ")
    assert positions.offset(line, character) == offset


def test_line_breaks_of_every_kind():
    text = "one\r\ntwo\rthree\nfour"
    positions = PositionMap(text)
    assert positions.line_count == 4
    assert positions.position(text.index("two")) == (1, 0)
    assert positions.position(text.index("three")) == (2, 0)
    assert positions.position(text.index("four")) == (3, 0)
    assert positions.position(text.index("\r\n")) == (0, 3)
    assert positions.position(text.index("\n")) == (0, 3)  # inside "\r\n": the end of line 0
    assert positions.offset(1, 0) == text.index("two")
    assert positions.line_length(0) == 3 and positions.line_length(9) == 0


def test_out_of_range_positions_are_clamped():
    text = "ab😀\ncd"
    positions = PositionMap(text)
    assert positions.offset(0, 99) == 3  # past the end of the line: the line's end
    assert positions.offset(7, 0) == len(text)  # past the last line: the end of the text
    assert positions.offset(-1, 5) == 0
    assert positions.offset(0, 3) == 2  # half of the emoji's surrogate pair: the emoji's start
    assert positions.position(-4) == (0, 0)
    assert positions.position(999) == (1, 2)
    assert PositionMap("").position(0) == (0, 0) and PositionMap("").offset(0, 0) == 0


def _scan_offset(text: str, line: int, character: int, encoding: str) -> int:
    """The offset of a position by walking the line character by character: the reference the
    bisection in pitchlint.reading.positions must agree with."""
    import re

    lines = re.split(r"\r\n|\r|\n", text)
    if line < 0:
        return 0
    if line >= len(lines):
        return len(text)
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    start = starts[line]
    units = 0
    for index, ch in enumerate(lines[line]):
        width = code_units(ch, encoding)
        if units + width > character:
            return start + index
        units += width
    return start + len(lines[line])


def test_both_directions_agree_with_a_scan_in_every_encoding():
    import random

    rng = random.Random(7)
    for _ in range(150):
        text = "".join(rng.choice(["a", " ", "\n", "\r\n", "\r", "é", "中", "😀", "\ud800"])
                       for _ in range(rng.randint(0, 30)))
        for encoding in (UTF8, UTF16, UTF32):
            positions = PositionMap(text, encoding)
            for line in range(-1, positions.line_count + 1):
                for character in range(-1, 12):
                    assert positions.offset(line, character) == _scan_offset(text, line, character, encoding)
            for offset in range(len(text) + 1):
                line, character = positions.position(offset)
                start = positions.offset(line, 0)
                end = min(offset, start + len(text[start:].split("\n")[0].split("\r")[0]))
                assert character == code_units(text[start:end], encoding)


def test_the_reports_count_only_newlines_and_the_editor_every_line_break():
    from pitchlint.reading.positions import ANY, LF, Positions

    text = "one\rtwo\r\nthree"
    assert Positions(text, LF).line_count == 2 and Positions(text, ANY).line_count == 3
    assert Positions(text, LF).position(text.index("two"), UTF32) == (0, 4)
    assert Positions(text, ANY).position(text.index("two"), UTF32) == (1, 0)
    assert Positions(text, LF).position(text.index("three"), UTF32) == (1, 0)
