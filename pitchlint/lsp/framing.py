"""Reading JSON-RPC messages from the client, in a way one bad message cannot break.

pygls's reader expects every header block to be perfect: one without `Content-Length`, a length
a few bytes off, or a lower-case header name left it reading the rest of the stream as the wrong
thing, so no later request was answered; a `Content-Length` of 10^14 ended it with MemoryError.
This reader:

- matches header names case-insensitively and accepts LF as well as CRLF line ends;
- refuses a length over MAX_BODY_BYTES and a header line over MAX_HEADER_LINE, without reading it;
- after anything it cannot read, skips to the next line that holds a `Content-Length` header
  (a body that ran a few bytes into the next header still finds that header);
- gives back what follows a complete JSON body that was declared too long, so the next message
  is not lost, and after a body that does not parse gives back its end when that is the start of
  the next header (`Conte`: a length a few bytes too long), so the message after it is read;
- refuses a body that nests deeper than Python's JSON reader can go (`[` x 100,000) as a parse
  error, instead of letting its RecursionError end the server;
and says what it skipped, in one line, through `on_problem`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import BinaryIO

MAX_BODY_BYTES = 64 * 1024 * 1024  # a 100,000-character document is under 1 MB as JSON
MAX_HEADER_LINE = 4096
_CONTENT_LENGTH = re.compile(rb"content-length[ \t]*:[ \t]*(\S*)[ \t]*\r?\n?\Z", re.I)
_CONTENT_LENGTH_INSIDE = re.compile(rb"content-length[ \t]*:", re.I)
_HEADER = re.compile(rb"[!-9;-~]+[ \t]*:[^\r\n]*\r?\n\Z")
_HEADER_NAME = b"content-length"
_REQUEST_ID = re.compile(rb'"id"\s*:\s*(-?\d{1,15}|"(?:[^"\\]|\\.){0,200}")')


@dataclass
class Frame:
    """One thing read from the stream: a body, or a problem (with the request id, when one could
    be seen, so the client still gets an answer)."""

    body: bytes | None = None
    problem: str | None = None
    request_id: int | str | None = None


class FrameReader:
    """Reads frames from a binary stream (blocking; run it off the event loop)."""

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.pending = b""  # bytes given back, read before the stream

    def give_back(self, data: bytes) -> None:
        self.pending = data + self.pending

    def _readline(self) -> bytes:
        """A line of at most MAX_HEADER_LINE bytes (a longer one comes in pieces)."""
        if not self.pending:
            return self.stream.readline(MAX_HEADER_LINE)
        cut = self.pending.find(b"\n")
        if 0 <= cut < MAX_HEADER_LINE:
            line, self.pending = self.pending[:cut + 1], self.pending[cut + 1:]
            return line
        if len(self.pending) >= MAX_HEADER_LINE:
            line, self.pending = self.pending[:MAX_HEADER_LINE], self.pending[MAX_HEADER_LINE:]
            return line
        line, self.pending = self.pending, b""
        return line + self.stream.readline(MAX_HEADER_LINE - len(line))

    def _read(self, count: int) -> bytes:
        taken, self.pending = self.pending[:count], self.pending[count:]
        return taken + (self.stream.read(count - len(taken)) if count > len(taken) else b"")

    def next_frame(self) -> Frame | None:
        """The next frame, or None at the end of the stream."""
        length: int | None = None
        skipped = 0
        bad_length = None
        while True:
            line = self._readline()
            if not line:
                return None
            if len(line) >= MAX_HEADER_LINE and not line.endswith(b"\n"):
                # a piece of a long line: junk, unless a header starts in it (a body that ran on)
                inside = _CONTENT_LENGTH_INSIDE.search(line, 1)
                self.give_back(line[inside.start():] if inside else line[-32:])  # a header may straddle pieces
                skipped += 1
                length = None
                continue
            if line.strip() == b"":
                if length is not None:
                    break
                if bad_length is not None:
                    return Frame(problem=f"skipped a message: {bad_length}")
                if skipped:
                    return Frame(problem="skipped a header block without Content-Length")
                continue  # blank lines between messages
            match = _CONTENT_LENGTH.match(line)
            if match is None:
                inside = _CONTENT_LENGTH_INSIDE.search(line)
                if inside is not None and inside.start() > 0:
                    self.give_back(line[inside.start():])  # junk, then a header: resynchronise on it
                    skipped += 1
                    continue
                if _HEADER.match(line) and (length is not None or not skipped):
                    continue  # Content-Type or another header pitchlint does not need
                skipped += 1
                length = None
                continue
            value = match.group(1)
            if not value.isdigit():
                bad_length, length = f"its Content-Length {value[:40]!r} is not a number", None
            elif int(value) > MAX_BODY_BYTES:
                bad_length, length = (f"its Content-Length of {int(value):,} bytes is over the limit of "
                                      f"{MAX_BODY_BYTES:,}"), None
            else:
                length, bad_length = int(value), None
        body = self._read(length)
        if len(body) < length:
            return None  # the stream ended inside a body
        note = f"skipped {skipped} line(s) that were not a message header" if skipped else None
        return self._complete(body, note)

    def _complete(self, body: bytes, note: str | None) -> Frame:
        """A body that is one JSON value; one with bytes after its value gives those back (its
        length was declared too long, and they begin the next header)."""
        try:
            json.loads(body)
            return Frame(body=body, problem=note)
        except ValueError:
            pass
        except RecursionError:
            return Frame(problem="skipped a message whose JSON nests too deeply to read", request_id=_request_id(body))
        try:
            text = body.decode("utf-8")
            value, end = json.JSONDecoder().raw_decode(text.lstrip())
            offset = len(text) - len(text.lstrip()) + end
            rest = text[offset:].encode("utf-8")
            if rest.strip():
                self.give_back(rest)
                return Frame(body=text[:offset].encode("utf-8"),
                             problem=f"a message declared {len(rest)} byte(s) too long; read it and went on")
        except (ValueError, RecursionError):
            pass
        next_header = _CONTENT_LENGTH_INSIDE.search(body)
        if next_header:  # it ran into the next message: take that up
            self.give_back(body[next_header.start():])
        else:  # it may have taken the first bytes of the next header ("Conte"): give them back too
            self.give_back(_header_start(body))
        return Frame(problem="skipped a message whose body is not valid JSON (was its Content-Length right?)",
                     request_id=_request_id(body))


def _request_id(body: bytes) -> int | str | None:
    found = _REQUEST_ID.search(body)
    request_id: int | str | None = json.loads(found.group(1)) if found else None
    return request_id


def _header_start(body: bytes) -> bytes:
    """The longest end of `body` that begins "Content-Length" (any case): the start of the next
    header, when a declared length ran a few bytes into it. Junk given back with it is harmless:
    the reader resynchronises on a header that follows junk on its line."""
    tail = body[-len(_HEADER_NAME):].lower()
    for size in range(len(tail), 0, -1):
        if _HEADER_NAME.startswith(tail[-size:]):
            return body[-size:]
    return b""
