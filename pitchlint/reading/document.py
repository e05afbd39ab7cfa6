"""A message as read: the Document type, and how bytes become its text (encodings, byte order
marks, newlines, the size limits). Both the plain-text reader (read.py) and the e-mail reader
(mail.py) build on this, so neither has to import the other to share it."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import BinaryIO

from pitchlint.errors import InputError
from pitchlint.reading.front_matter import FrontMatter

FALLBACK_ENCODING = "cp1252"
# A message, not a book.
MAX_CHARACTERS = 100_000
# Bytes read from a file or standard input at most (an e-mail may carry attachments, which do
# not count towards the characters): `pitchlint /dev/zero` stops here instead of filling memory.
MAX_BYTES = 10_000_000
UTF16_BOMS = ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
              (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be"))


@dataclass
class Document:
    path: str
    text: str  # the file as read (decoded), every line break one "\n"; the analysis's offsets refer to this
    prose: str  # same length as text, non-prose masked with spaces
    kind: str = "plain"  # plain | markdown | email
    notes: list[str] = field(default_factory=list)  # things the reader should know (e.g. decoding)
    front_matter: FrontMatter = field(default_factory=lambda: FrontMatter())  # channel, profile for this message
    # The file's own text when it differs from `text` only in its line breaks (CRLF, lone CR): what
    # a report's offsets refer to (pitchlint.reading.positions.FileOffsets). None: `text` is it.
    file_text: str | None = None


def check_bytes(data: bytes, path: str) -> None:
    if not data.strip():
        raise InputError(path, "the file is empty")
    if b"\x00" in data and wide_encoding(data) is None:
        raise InputError(path, "the file is binary, not a text message")


def wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 named by a byte order mark (Notepad's "Unicode", PowerShell 5's `>`)."""
    return next((name for bom, name in UTF16_BOMS if data.startswith(bom)), None)


def read_limited(stream: BinaryIO, name: str) -> bytes:
    """At most MAX_BYTES from a binary stream; more is an InputError, found without reading it all."""
    data = stream.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise InputError(name, f"is over {MAX_BYTES:,} bytes; pitchlint reads messages of up to "
                               f"{MAX_CHARACTERS:,} characters")
    return data


def newlines(text: str) -> str:
    """CRLF as one "\n" (the analysis counts it so), and a lone CR (old Mac files, some mail) as "\n",
    which keeps every offset."""
    if "\r" not in text:
        return text
    return text.replace("\r\n", "\n").replace("\r", "\n")


def decode(data: bytes, path: str) -> tuple[str, list[str]]:
    check_bytes(data, path)
    wide = wide_encoding(data)
    if wide is not None:
        return _decode_wide(data, wide, path)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        note = (
            f"not valid UTF-8 (byte {exc.start}); decoded as {FALLBACK_ENCODING} instead"
        )
        return data.decode(FALLBACK_ENCODING, errors="replace"), [note]


def _decode_wide(data: bytes, encoding: str, path: str) -> tuple[str, list[str]]:
    bom = 4 if encoding.startswith("utf-32") else 2
    try:
        text = data[bom:].decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"starts with a {encoding[:6].upper()} byte order mark but is not valid "
                               f"{encoding.upper()} (byte {exc.start + bom})") from None
    if "\x00" in text:
        raise InputError(path, "the file is binary, not a text message")
    return text, [f"decoded as {encoding[:6].upper()} (the file starts with its byte order mark)"]


# The line that starts a message in an mbox file.
MBOX_SEPARATOR = re.compile(r"From \S+ +\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}\s*$")
