"""Offsets into a text (Python string indices, i.e. code points) and LSP positions.

An LSP position is a zero-based line and a column counted in the code units of the encoding the
client and server agreed on: UTF-16 unless the client offered another (LSP 3.17 `positionEncoding`).
A character outside the Basic Multilingual Plane (most emoji) is one Python character but two
UTF-16 units; an accented letter or a CJK ideograph is one of each. Lines end at "\\n", "\\r\\n" or a
lone "\\r", as the specification says. This module has no LSP imports, so it is cheap to test.
"""

from __future__ import annotations

import bisect
import re

from pitchlint.reading.units import UTF8, UTF16, UTF32, code_units  # noqa: F401  (part of this module's API)

_LINE_END = re.compile(r"\r\n|\r|\n")


class PositionMap:
    """Converts between offsets and (line, character) positions for one text."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.text = text
        self.encoding = encoding
        self.starts = [0]  # offset at which each line starts
        self.ends = []  # offset of each line's end, before its line break
        for match in _LINE_END.finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, character) of an offset; an offset inside a line break counts as its line's end."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        start = self.starts[line]
        return line, code_units(self.text[start:min(offset, self.ends[line])], self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of a position. As the specification asks, a line past the end means the end of
        the text and a character past the end of its line means the line's end; a character that
        falls inside a character (half a surrogate pair, inside a UTF-8 sequence) means its start."""
        if line < 0:
            return 0
        if line >= self.line_count:
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        if character <= 0:
            return start
        segment = self.text[start:end]
        if self.encoding == UTF32 or segment.isascii():
            return start + min(character, len(segment))
        units = 0
        for index, ch in enumerate(segment):
            width = code_units(ch, self.encoding)
            if units + width > character:
                return start + index
            units += width
        return end

    def line_length(self, line: int) -> int:
        """The length of a line in code units, without its line break."""
        if not 0 <= line < self.line_count:
            return 0
        return code_units(self.text[self.starts[line]:self.ends[line]], self.encoding)
