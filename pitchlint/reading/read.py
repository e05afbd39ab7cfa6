"""Reading a message: decode it, detect its kind, and mask what is not the writer's prose.

Masking replaces non-prose characters (front matter, code, link targets) with spaces and keeps
newlines, so the text the pipeline sees has the same length as the file: every offset the
analysis produces is already an offset into the file as read. E-mail is read by pitchlint.reading.mail,
which keeps that promise for plain messages and says so in a note when it cannot.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path
from typing import BinaryIO

from pitchlint.errors import InputError
from pitchlint.reading.bounds import bounded
from pitchlint.reading.document import (
    MAX_CHARACTERS,
    MBOX_SEPARATOR,
    Document,
    check_bytes,
    decode,
    newlines,
    read_limited,
    wide_encoding,
)

MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
MAIL_SUFFIXES = {".eml", ".mbox", ".mail"}


def read_document(path: str | Path, data: bytes | None = None, mail: bool = False) -> Document:
    """Read a message from disk (or from bytes already read, e.g. stdin). `mail`: it is an e-mail
    whatever its name or first lines (what `git send-email` is about to send)."""
    name = str(path)
    if data is None:
        data = read_file_bytes(path)
    sample = data[:HEADER_SAMPLE].removeprefix(b"\xef\xbb\xbf").decode("latin-1")
    if wide_encoding(data) is None and (mail or is_mail(sample, name)):
        return _mail_document(data, name)
    text, notes = decode(data, name)
    _check_size(len(text), name)
    return make_document(text, name, notes)


_NOT_REGULAR = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"),
                (stat.S_ISBLK, "a device"))


def read_file_bytes(path: str | Path) -> bytes:
    """A message file's bytes: a regular file only (not a directory, FIFO, socket or device), within
    the size limit; anything else is a one-line InputError naming the file."""
    name = str(path)
    p = Path(path)
    if p.is_dir():
        raise InputError(name, "is a directory, not a message file")
    try:
        with _open_regular(p, name) as stream:
            return read_limited(stream, name)
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot be read ({exc.strerror or exc})") from None


def _open_regular(path: Path, name: str) -> BinaryIO:
    """The file opened for reading if it is a regular file. Opened without blocking, then checked:
    reading a named pipe waits for a writer forever, a device may never end."""
    _check_regular(os.stat(path).st_mode, name)  # a socket cannot even be opened
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        _check_regular(os.fstat(descriptor).st_mode, name)  # what was opened, if it changed since
    except InputError:
        os.close(descriptor)
        raise
    if hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "rb")


def special_file(mode: int) -> str | None:
    """What a file of this `st_mode` is when it is not a regular file ("a named pipe (FIFO)", "a
    socket", "a device", "not a regular file"), None when it is one."""
    if stat.S_ISREG(mode):
        return None
    return next((kind for test, kind in _NOT_REGULAR if test(mode)), "not a regular file")


def _check_regular(mode: int, name: str) -> None:
    what = special_file(mode)
    if what is not None:
        raise InputError(name, f"is {what}, not a message file; pitchlint reads files, or standard input "
                               "given as -")


def _mail_document(data: bytes, name: str) -> Document:
    from pitchlint.reading.mail import read_mail  # the e-mail package only when there is e-mail

    check_bytes(data, name)
    # the MIME parser needs the bytes: transfer encodings and charsets are per part
    document = read_mail(data.removeprefix(b"\xef\xbb\xbf"), name)
    _check_size(len(document.text), name)  # the text linted: attachments do not count
    # read in place, the text is the whole file (at most 4 bytes and a CR a character); a rebuilt
    # body beside a large attachment is not, and the file is not decoded again to find that out
    if b"\r" in data and len(data) <= 5 * len(document.text) + 3:
        with_breaks(document, decode(data, name)[0])
    return bounded(document)


def with_breaks(document: Document, file_text: str) -> Document:
    """Remember the file's own text when the document's text is that text with its line breaks
    made "\\n" (a plain e-mail or file read in place); a rebuilt e-mail body is not the file."""
    if file_text != document.text and "\r" in file_text and newlines(file_text) == document.text:
        document.file_text = file_text
    return document


def _check_size(size: int, name: str) -> None:
    if size > MAX_CHARACTERS:
        raise InputError(name, f"is {size:,} characters long; pitchlint reads messages of up to {MAX_CHARACTERS:,}")


def make_document(text: str, path: str = "<text>", notes: list[str] | None = None) -> Document:
    """A document from text already decoded (an editor buffer); e-mail is detected as from a file."""
    as_given, text = text, newlines(text)
    if is_mail(text[:HEADER_SAMPLE], path):
        from pitchlint.reading.mail import read_mail

        document = read_mail(text.encode("utf-8", errors="replace"), path, text=text, notes=notes)
    else:
        document = _text_document(text, path, notes)
    return bounded(with_breaks(document, as_given))


def _text_document(text: str, path: str, notes: list[str] | None) -> Document:
    from pitchlint.reading.front_matter import read_front_matter

    kind = "markdown" if Path(path).suffix.lower() in MARKDOWN_SUFFIXES else "plain"
    front_matter, length = read_front_matter(text, path)
    prose = mask_markdown(text) if kind == "markdown" else text
    if length:  # a plain-text draft may carry front matter too; it is never prose
        prose = re.sub(r"[^\n]", " ", prose[:length]) + prose[length:]
    return Document(path=path, text=text, prose=prose, kind=kind, notes=list(notes or []), front_matter=front_matter)


# E-mail by content: a header block that starts with a field a message starts with, then a blank
# line. Two known fields at least, so a draft that opens "Subject: quick question" (or "Note: ...")
# followed by prose stays plain text.
HEADER_SAMPLE = 65_536
_FIRST_FIELD = re.compile(r"(?:Return-Path|Received|From|Subject|Date|MIME-Version|Message-ID|To):", re.I)
_FIELD = re.compile(r"([\041-\071\073-\176]+):")
_MAIL_FIELDS = {
    "from", "to", "cc", "bcc", "date", "subject", "reply-to", "sender", "message-id", "in-reply-to",
    "references", "mime-version", "received", "return-path", "delivered-to", "user-agent",
    "dkim-signature", "authentication-results", "thread-topic", "thread-index", "importance",
}


def is_mail(text: str, path: str) -> bool:
    if Path(path).suffix.lower() in MAIL_SUFFIXES:
        return True
    lines = newlines(text).split("\n")
    if not (MBOX_SEPARATOR.match(lines[0]) or _FIRST_FIELD.match(lines[0])):
        return False
    known = 0
    for number, line in enumerate(lines):
        if line == "":
            return known >= 2
        if number == 0 and line.startswith("From "):
            known += 1  # the mbox "From " line of `git format-patch` and mail spools
            continue
        if line[0] in " \t" and number:
            continue  # a folded header
        field = _FIELD.match(line)
        if field is None:
            return False
        name = field.group(1).lower()
        known += name in _MAIL_FIELDS or name.startswith(("x-", "content-", "list-", "arc-"))
    return known >= 2 and len(text) < HEADER_SAMPLE  # headers to the end: a message with no body


def mask_markdown(text: str) -> str:
    from pitchlint.reading.markdown import mask_markdown as mask  # markdown-it loads for Markdown only

    return mask(text)
