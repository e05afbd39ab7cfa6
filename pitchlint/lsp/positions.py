"""LSP positions: a zero-based line and a column counted in the code units of the encoding the
client and server agreed on, UTF-16 unless the client offered another (LSP 3.17
`positionEncoding`). Lines end at "\\n", "\\r\\n" or a lone "\\r", as the specification says.

The mapping itself is pitchlint.reading.positions (shared with the reports); this module only
fixes the encoding per document and has no LSP imports, so it is cheap to test.
"""

from __future__ import annotations

from pitchlint.reading.positions import ANY, UTF8, UTF16, UTF32, Positions, code_units

__all__ = ["UTF8", "UTF16", "UTF32", "PositionMap", "code_units"]


class PositionMap:
    """Converts between offsets and (line, character) positions for one text in one encoding."""

    def __init__(self, text: str, encoding: str = UTF16):
        self.encoding = encoding
        self.lines = Positions(text, ANY)

    @property
    def text(self) -> str:
        return self.lines.text

    @property
    def line_count(self) -> int:
        return self.lines.line_count

    def position(self, offset: int) -> tuple[int, int]:
        """The (line, character) of an offset; an offset inside a line break counts as its line's end."""
        return self.lines.position(offset, self.encoding)

    def offset(self, line: int, character: int) -> int:
        """The offset of a position; past the end of a line or the text means its end."""
        return self.lines.offset(line, character, self.encoding)

    def line_length(self, line: int) -> int:
        """The length of a line in code units, without its line break."""
        return self.lines.line_length(line, self.encoding)
