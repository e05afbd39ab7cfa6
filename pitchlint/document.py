"""Reading a message: decode it, detect its kind, and mask what is not the writer's prose.

Masking replaces non-prose characters (front matter, code, link targets) with spaces and keeps
newlines, so the text the pipeline sees has the same length as the file: every offset the
analysis produces is already an offset into the file as read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pitchlint.errors import InputError

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".mdown", ".eml", ".msg", ".mail", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
FALLBACK_ENCODING = "cp1252"
# A message, not a book: the NER needs about 1 GB of working memory per 100,000 characters.
MAX_CHARACTERS = 100_000


@dataclass
class Document:
    path: str
    text: str  # the file as read (decoded); offsets refer to this
    prose: str  # same length as text, non-prose masked with spaces
    kind: str = "plain"  # plain | markdown
    notes: list[str] = field(default_factory=list)  # things the reader should know (e.g. decoding)


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data[:8192]:
        raise InputError(path, "the file is binary, not a text message")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        note = (
            f"not valid UTF-8 (byte {exc.start}); decoded as {FALLBACK_ENCODING} instead"
        )
        return data.decode(FALLBACK_ENCODING, errors="replace"), [note]


def read_document(path: str | Path, data: bytes | None = None) -> Document:
    """Read a message from disk (or from bytes already read, e.g. stdin)."""
    name = str(path)
    if data is None:
        p = Path(path)
        if p.is_dir():
            raise InputError(name, "is a directory, not a message file")
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(name, "no such file") from None
        except PermissionError:
            raise InputError(name, "permission denied") from None
        except OSError as exc:
            raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None
    text, notes = decode(data, name)
    if len(text) > MAX_CHARACTERS:
        raise InputError(name, f"is {len(text):,} characters long; pitchlint reads messages of up to {MAX_CHARACTERS:,}")
    return make_document(text, name, notes)


def make_document(text: str, path: str = "<text>", notes: list[str] | None = None) -> Document:
    text = text.replace("\r\n", "\n") if "\r\n" in text else text
    kind = "markdown" if Path(path).suffix.lower() in MARKDOWN_SUFFIXES else "plain"
    prose = mask_markdown(text) if kind == "markdown" else text
    return Document(path=path, text=text, prose=prose, kind=kind, notes=list(notes or []))


_FRONT_MATTER = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_FENCE = re.compile(r"^(`{3,}|~{3,})[^\n]*\n.*?(?:^\1[ \t]*$|\Z)", re.S | re.M)
_INLINE_CODE = re.compile(r"(`+)[^`\n]+?\1")
_LINK_TARGET = re.compile(r"\]\([^)\n]*\)")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_HEADING_MARK = re.compile(r"^#{1,6}[ \t]", re.M)


def _blank(match: re.Match) -> str:
    return re.sub(r"[^\n]", " ", match.group(0))


def mask_markdown(text: str) -> str:
    for pattern in (_FRONT_MATTER, _FENCE, _HTML_COMMENT, _INLINE_CODE, _LINK_TARGET, _HEADING_MARK):
        text = pattern.sub(_blank, text)
    return text


def line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(i + 1 for i, ch in enumerate(text) if ch == "\n")
    return starts


def position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset, columns counted in characters."""
    import bisect

    line = bisect.bisect_right(starts, offset) - 1
    return line + 1, offset - starts[line] + 1
