"""Offsets into a text and (line, column) positions: the one mapping every front end uses.

Offsets are Python string indices (code points) into the text a report or an editor has. A
position is a 0-based line and a 0-based column counted in code units of one encoding: UTF-32
(characters, as the text report counts), UTF-16 (SARIF, GitHub, LSP by default) or UTF-8 (LSP,
when the client asks). A character outside the Basic Multilingual Plane (most emoji) is one
Python character but two UTF-16 units and four UTF-8 ones; an accented letter is one UTF-16 unit
and two UTF-8 ones; a CJK ideograph one and three. Callers choose their unit, and the reports
and CI formats, which number from 1, use `one_based`.

What ends a line is a parameter: "\\r\\n", "\\r" and "\\n" by default, as the reports (whose text is
the file as read, line breaks kept) and the language server count them; "\\n" only for the text
the analysis sees, where every line break is one "\\n". `FileOffsets` maps offsets from that text
back into the file's.

Every conversion is a bisection over the line starts and, off ASCII, over a per-encoding index of
the characters wider than one unit, so a report with many findings on one long line stays linear.
"""

from __future__ import annotations

import bisect
import re
from typing import Final, Literal

UTF8: Final = "utf-8"
UTF16: Final = "utf-16"
UTF32: Final = "utf-32"
ENCODINGS: Final = (UTF8, UTF16, UTF32)

LineBreaks = Literal["\n", "any"]
LF: Final = "\n"  # the reports' line break: the decoded text has no other
ANY: Final = "any"  # "\r\n", "\r" or "\n", as LSP counts them

_BREAKS: Final = {LF: re.compile(r"\n"), ANY: re.compile(r"\r\n|\r|\n")}
_WIDE: Final = {UTF16: re.compile("[\U00010000-\U0010ffff]"), UTF8: re.compile("[^\x00-\x7f]")}


def _check(encoding: str) -> None:
    if encoding not in ENCODINGS:
        raise ValueError(f"unknown position encoding {encoding!r}")


def _extra_units(ch: str, encoding: str) -> int:
    """Code units a character takes beyond one."""
    code = ord(ch)
    if encoding == UTF16:
        return 1 if code > 0xFFFF else 0
    return 0 if code < 0x80 else 1 if code < 0x800 else 2 if code < 0x10000 else 3  # UTF-8, surrogates as 3


def code_units(text: str, encoding: str = UTF16) -> int:
    """How many code units `text` takes in the encoding (a lone surrogate counts as UTF-8 does with
    `surrogatepass`)."""
    _check(encoding)
    if encoding == UTF32 or text.isascii():
        return len(text)
    return len(text) + sum(_extra_units(m.group(), encoding) for m in _WIDE[encoding].finditer(text))


class Positions:
    """Lines and columns of offsets into one text, both ways, in any encoding's code units."""

    def __init__(self, text: str, breaks: LineBreaks = ANY):
        self.text = text
        self.starts = [0]  # offset at which each line starts
        self.ends: list[int] = []  # offset of each line's end, before its line break
        for match in _BREAKS[breaks].finditer(text):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(text))
        # per encoding: offsets of the characters wider than one unit, and the extra units before each
        self._wide: dict[str, tuple[list[int], list[int]]] = {}

    @property
    def line_count(self) -> int:
        return len(self.starts)

    def units(self, start: int, end: int, encoding: str = UTF16) -> int:
        """`code_units(text[start:end], encoding)` in logarithmic time (offsets clamped to the text)."""
        _check(encoding)
        end = max(0, min(end, len(self.text)))
        start = max(0, min(start, end))
        if encoding == UTF32:
            return end - start
        offsets, extra = self._index(encoding)
        return end - start + extra[bisect.bisect_left(offsets, end)] - extra[bisect.bisect_left(offsets, start)]

    def _index(self, encoding: str) -> tuple[list[int], list[int]]:
        index = self._wide.get(encoding)
        if index is None:
            offsets, extra, total = [], [0], 0
            if not self.text.isascii():
                for match in _WIDE[encoding].finditer(self.text):
                    offsets.append(match.start())
                    total += _extra_units(match.group(), encoding)
                    extra.append(total)
            index = self._wide[encoding] = (offsets, extra)
        return index

    def position(self, offset: int, encoding: str = UTF16) -> tuple[int, int]:
        """The 0-based (line, column) of an offset; an offset inside a line break counts as its
        line's end, one outside the text as the nearest end of it."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.starts, offset) - 1
        return line, self.units(self.starts[line], min(offset, self.ends[line]), encoding)

    def one_based(self, offset: int, encoding: str) -> tuple[int, int]:
        """`position` numbered from 1, as the reports and the CI formats number lines and columns."""
        line, column = self.position(offset, encoding)
        return line + 1, column + 1

    def offset(self, line: int, column: int, encoding: str = UTF16) -> int:
        """The offset of a 0-based position. A line past the end means the end of the text and a
        column past the end of its line means the line's end; a column that falls inside a
        character (half a surrogate pair, inside a UTF-8 sequence) means its start."""
        _check(encoding)
        if line < 0:
            return 0
        if line >= self.line_count:
            return len(self.text)
        start, end = self.starts[line], self.ends[line]
        if column <= 0:
            return start
        if encoding == UTF32:
            return min(start + column, end)
        low, high = start, end  # the last offset whose column is at most `column`
        while low < high:
            middle = (low + high + 1) // 2
            if self.units(start, middle, encoding) <= column:
                low = middle
            else:
                high = middle - 1
        return low

    def line_length(self, line: int, encoding: str = UTF16) -> int:
        """The length of a 0-based line in code units, without its line break; 0 past the text."""
        if not 0 <= line < self.line_count:
            return 0
        return self.units(self.starts[line], self.ends[line], encoding)


class FileOffsets:
    """Offsets into the text the analysis saw, where every line break is one "\\n", as offsets into
    the file's own text, where a CRLF is two characters. A lone CR keeps its offset (it became one
    "\\n"), so only the CRLFs before an offset move it. An offset at a CRLF's "\\n" (the end of a
    span at the end of a line) stays before its "\\r"."""

    def __init__(self, file_text: str):
        self.file_text = file_text
        # the offset in the analysed text of each "\\n" that is a "\\r\\n" in the file
        self._crlf = [m.start() - n for n, m in enumerate(re.finditer("\r\n", file_text))]

    def __call__(self, offset: int) -> int:
        return offset + bisect.bisect_left(self._crlf, offset) if self._crlf else offset
