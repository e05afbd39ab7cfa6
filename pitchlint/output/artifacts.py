"""From the text pitchlint linted to the file on disk.

Reports count characters (code points) in the file as read, line breaks as in the file (a CRLF is
two), without a byte order mark. Consumers of CI formats count differently: SARIF viewers and
GitHub work in UTF-16 code units, and a rewrite is spliced into the file's bytes. This module
converts, and says when it cannot (an e-mail whose body was decoded from base64 is not the file,
so no offset into the file exists).
"""

from __future__ import annotations

import bisect
import functools
import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pitchlint.reading.document import FALLBACK_ENCODING
from pitchlint.reading.positions import UTF16, Positions

UTF8_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True)
class Artifact:
    """The file behind a report, when the report's text is that file's text."""

    text: str  # the file decoded, newlines as in the file, without a byte order mark
    encoding: str  # "utf-8" or the fallback pitchlint decoded it with
    bom: bool  # the file starts with a UTF-8 byte order mark
    crlf: tuple[int, ...]  # offsets in the report's text of the "\n"s that are "\r\n" in the file

    def offset(self, offset: int) -> int:
        """An offset into the report's text as an offset into `text`."""
        return offset + bisect.bisect_left(self.crlf, offset)

    def utf16_offset(self, offset: int) -> int:
        """An offset into the report's text as UTF-16 code units into `text`."""
        return self._positions.units(0, self.offset(offset), UTF16)

    @functools.cached_property
    def _positions(self) -> Positions:
        return Positions(self.text)


def artifact_for(report_text: str, data: bytes | None) -> Artifact | None:
    """The artifact for a report, or None when its text is not the file's (a decoded e-mail body,
    a file that changed since it was linted, an unknown charset) or the bytes are unknown."""
    if data is None:
        return None
    bom = data.startswith(UTF8_BOM)
    body = data[len(UTF8_BOM):] if bom else data
    try:
        text, encoding = body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        text, encoding = body.decode(FALLBACK_ENCODING, errors="replace"), FALLBACK_ENCODING
    if text == report_text:
        return Artifact(text=text, encoding=encoding, bom=bom, crlf=())
    if text.replace("\r\n", "\n") != report_text:  # a report of text whose CRLFs were not mapped back
        return None
    crlf = tuple(m.start() - n for n, m in enumerate(re.finditer("\r\n", text)))
    return Artifact(text=text, encoding=encoding, bom=bom, crlf=crlf)


def read_artifact(path: str) -> bytes | None:
    """The bytes of a linted file, read again; None for standard input or a file now unreadable."""
    if path == "<stdin>":
        return None
    from pitchlint.errors import InputError
    from pitchlint.reading.document import read_limited

    try:
        with Path(path).open("rb") as stream:
            return read_limited(stream, path)
    except (OSError, InputError):
        return None


def display_path(path: str, cwd: str | None = None) -> str:
    """The path as given, with forward slashes, made relative to the working directory when it
    lies under it (CI tools expect paths relative to the checkout)."""
    if os.path.isabs(path):
        cwd = cwd or os.getcwd()
        relative = os.path.relpath(path, cwd)
        if not relative.startswith(os.pardir):
            path = relative
    return path.replace(os.sep, "/") if os.sep != "/" else path


def path_uri(path: str, cwd: str | None = None) -> tuple[str, bool]:
    """(URI, relative?) for a path: a percent-encoded relative reference when the path is
    relative, a file: URI otherwise."""
    shown = display_path(path, cwd)
    if os.path.isabs(shown):
        return Path(shown).as_uri(), False
    return quote(shown, safe="/"), True


def directory_uri(path: str) -> str:
    """A file: URI for a directory, ending in "/" as SARIF wants for a base URI."""
    uri = Path(path).resolve().as_uri()
    return uri if uri.endswith("/") else uri + "/"
