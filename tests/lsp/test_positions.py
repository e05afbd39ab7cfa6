"""UTF-16 (and UTF-8 / UTF-32) positions for the language server: pitchlint's offsets are code points."""

from __future__ import annotations

import pytest

from pitchlint.lsp.positions import UTF8, UTF32, PositionMap, code_units


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
