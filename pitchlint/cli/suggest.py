"""`pitchlint suggest`: the message with each fixable ask replaced by its rewrite, or a unified
diff from the file to that text. The file is only read, never written.

The rewrite is spliced into the file's own bytes, so everything outside the replaced asks (CRLF
newlines, a byte order mark, the encoding) stays byte for byte, and the diff applies with
`patch -p1` or `git apply`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from pitchlint.engine.report import FileReport
from pitchlint.errors import PitchlintError
from pitchlint.output.artifacts import UTF8_BOM, artifact_for, display_path, read_artifact
from pitchlint.output.fixes import Edit, apply_fixes, choose_fixes

NO_NEWLINE = b"\\ No newline at end of file\n"


def _lines(data: bytes) -> list[bytes]:
    """Lines as diff and patch see them: split after each LF only (a CR stays in its line)."""
    parts = data.split(b"\n")
    return [p + b"\n" for p in parts[:-1]] + ([parts[-1]] if parts[-1] else [])


def unified_diff(before: bytes, after: bytes, path: str) -> bytes:
    """A unified diff with a/ and b/ headers; a last line without a newline is marked as diff
    and patch expect."""
    name = path.encode("utf-8", errors="surrogateescape")
    out: list[bytes] = []
    for line in difflib.diff_bytes(difflib.unified_diff, _lines(before), _lines(after),
                                   fromfile=b"a/" + name, tofile=b"b/" + name):
        out.append(line if line.endswith(b"\n") else line + b"\n" + NO_NEWLINE)
    return b"".join(out)


@dataclass
class Suggestion:
    path: str
    original: bytes  # the file as stored (or, for a decoded e-mail, the decoded message as UTF-8)
    rewritten: bytes
    applied: int
    skipped: int
    in_file: bool  # False when the linted text is not the file's own (a decoded e-mail body)
    hints: list[str] = field(default_factory=list)  # suggestions with nothing to replace
    notes: list[str] = field(default_factory=list)
    lossy: bool = False  # a rewrite had characters the file's encoding cannot hold

    def diff(self) -> bytes:
        return unified_diff(self.original, self.rewritten, display_path(self.path))


def suggest(report: FileReport, data: bytes | None) -> Suggestion:
    """Rewrite a linted message; `data` is the file's bytes (None for a message not from a file)."""
    fixes = [f.fix for f in report.findings if f.fix is not None]
    hints = [f.suggestion for f in report.findings if f.fix is None and f.suggestion]
    spliced = splice(report.text, data, [Edit(f.start, f.end, f.text) for f in fixes])
    original = data if spliced.in_file and data is not None else report.text.encode("utf-8")
    return Suggestion(report.path, original, spliced.data, spliced.applied, spliced.skipped,
                      in_file=spliced.in_file, hints=hints, notes=list(report.notes), lossy=spliced.lossy)


@dataclass(frozen=True)
class Spliced:
    data: bytes  # the file's bytes with the edits (or the edited text as UTF-8, when not in_file)
    applied: int
    skipped: int  # edits left out because they overlapped one kept
    in_file: bool  # False when the text is not the file's own (a decoded e-mail body, no bytes)
    lossy: bool  # an edit had characters the file's encoding cannot hold


def splice(text: str, data: bytes | None, edits: list[Edit[str]]) -> Spliced:
    """Edits made in a message's text (offsets as linted) applied to the file's own bytes, so that
    everything outside them (CRLF newlines, a byte order mark, the encoding) stays byte for byte."""
    artifact = artifact_for(text, data)
    if artifact is None or data is None:
        chosen, skipped = choose_fixes(edits)
        return Spliced(apply_fixes(text, chosen).encode("utf-8"), len(chosen), skipped, in_file=False, lossy=False)
    start = len(UTF8_BOM) if artifact.bom else 0
    encoding, lossy = artifact.encoding, False

    def byte_offset(offset: int) -> int:  # "replace" keeps one byte per character in cp1252
        return start + len(artifact.text[:artifact.offset(offset)].encode(encoding, errors="replace"))

    def encoded(replacement: str) -> bytes:
        nonlocal lossy
        if artifact.crlf:  # a newline the edit brings is written as the file writes its own
            replacement = replacement.replace("\n", "\r\n")
        try:
            return replacement.encode(encoding)
        except UnicodeEncodeError:
            lossy = True
            return replacement.encode(encoding, errors="replace")

    in_bytes: list[Edit[bytes]] = [Edit(byte_offset(e.start), byte_offset(e.end), encoded(e.text)) for e in edits]
    kept, left_out = choose_fixes(in_bytes)
    return Spliced(apply_fixes(data, kept), len(kept), left_out, in_file=True, lossy=lossy)


def suggest_path(path: str, config_path: str | None = None, stdin: bytes | None = None) -> Suggestion:
    """Lint one message file with the configuration `check` would use, and rewrite it."""
    from pathlib import Path

    from pitchlint.engine.files import lint_paths

    if path != "-" and Path(path).is_dir():
        raise PitchlintError(path, "is a directory: `pitchlint suggest` rewrites one message file")
    data = stdin if path == "-" else read_artifact(path)
    [(_, result, _)] = lint_paths([path], config_path, stdin=data if path == "-" else None)
    if isinstance(result, PitchlintError):
        raise result
    return suggest(result, data)
