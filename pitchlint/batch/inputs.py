"""Reading messages for a batch, in a stream: JSONL (one object per line), CSV with a header,
Parquet, or a folder of message files. Each input is checked before the run starts (it exists, its
format is known, it has the id and text columns): a problem there stops the run. A bad row found
later becomes a Record with an `error`, so it is reported in the output and the run goes on.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Callable, Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from pitchlint.engine.executors import EXTRA_HINT
from pitchlint.engine.records import Record
from pitchlint.errors import InputError
from pitchlint.reading.read import special_file

if TYPE_CHECKING:
    import pyarrow.parquet as pq

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
CSV_FIELD_LIMIT = 16 * 1024 * 1024  # longer texts are read, then refused by the size limit with a clear reason


@dataclass(frozen=True)
class Columns:
    id: str = "id"
    text: str = "text"
    path: str = "path"
    channel: str = "channel"


def input_format(name: str) -> str:
    if name == "-":
        return "jsonl"
    path = Path(name)
    if path.is_dir():
        return "folder"
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputError(name, "cannot tell the format from the extension (use .jsonl, .ndjson, .csv, .parquet, or a folder)")
    if not path.exists():
        raise InputError(name, "no such file")
    special = special_file(path.stat().st_mode)
    if special is not None:  # a named pipe would block until a writer comes, and the input is read more than once
        raise InputError(name, f"is {special}, not an input file; pitchlint batch reads files and folders, or "
                               "standard input given as -")
    return kind


class Input:
    """One input: `check()` before the run, `records()` during it, `count()` for the progress bar."""

    def __init__(self, name: str, columns: Columns, stdin: BinaryIO | None = None):
        self.name, self.columns, self.kind = name, columns, input_format(name)
        self.stdin = stdin

    def check(self) -> None:
        getattr(self, f"_check_{self.kind}")()

    def records(self) -> Iterator[Record]:
        read: Callable[[], Iterator[Record]] = getattr(self, f"_read_{self.kind}")
        return read()

    def count(self) -> int | None:
        """How many records there will be (for an ETA); approximate for CSV, None for stdin."""
        if self.name == "-":
            return None
        if self.kind == "parquet":
            return self._parquet().metadata.num_rows
        if self.kind == "folder":
            return sum(1 for _ in self._files())
        lines = 0
        with open(self.name, "rb") as stream:
            while block := stream.read(1 << 20):
                lines += block.count(b"\n")
        return max(0, lines - (self.kind == "csv"))

    # JSONL ------------------------------------------------------------------------------------
    def _lines(self) -> Iterator[tuple[int, bytes]]:
        if self.name == "-":
            yield from enumerate(self.stdin or sys.stdin.buffer, 1)
            return
        try:
            with open(self.name, "rb") as stream:
                yield from enumerate(stream, 1)
        except OSError as exc:
            raise InputError(self.name, f"cannot be read ({exc.strerror or exc})") from None

    def _check_jsonl(self) -> None:
        if self.name == "-":
            return  # standard input is read once, during the run
        for number, raw in self._lines():
            if not raw.strip():
                continue
            row = _json_object(raw, number == 1)
            if isinstance(row, str):
                raise InputError(f"{self.name}:{number}", f"{row}; is this a JSONL file?")
            self._need_columns(row.keys(), f"{self.name}:{number}", "has no")
            return

    def _read_jsonl(self) -> Iterator[Record]:
        for number, raw in self._lines():
            if not raw.strip():
                continue
            where = f"{self.name}:{number}"
            row = _json_object(raw, number == 1)
            if isinstance(row, str):
                yield Record(where=where, error=row)
            else:
                yield self._record(row, where)

    # CSV --------------------------------------------------------------------------------------
    def _csv_rows(self) -> Iterator[tuple[int, list[str], str | None]]:
        """(first line number, fields, what is wrong with the row or None) for each row. Bytes that
        are not UTF-8 spoil only their row: they are read as lone surrogates (surrogateescape), and
        a row holding one is reported, with its fields, for an error row that keeps its id."""
        csv.field_size_limit(CSV_FIELD_LIMIT)
        try:
            with open(self.name, encoding="utf-8-sig", errors="surrogateescape", newline="") as stream:
                reader = csv.reader(stream)
                while True:
                    line = reader.line_num + 1
                    try:
                        row = next(reader)
                    except StopIteration:
                        return
                    except csv.Error as exc:
                        yield line, [], f"not valid CSV ({exc})"
                        continue
                    yield line, row, _not_utf8(row)
        except OSError as exc:
            raise InputError(self.name, f"cannot be read ({exc.strerror or exc})") from None

    def _check_csv(self) -> None:
        for _, header, problem in self._csv_rows():
            if problem:
                raise InputError(self.name, f"the header {problem if problem.startswith('has ') else 'is ' + problem}")
            self._need_columns(header, self.name, "has no column")
            if len(set(header)) != len(header):
                raise InputError(self.name, "the header names a column twice")
            return
        raise InputError(self.name, "is empty (a CSV file needs a header with the id and text columns)")

    def _read_csv(self) -> Iterator[Record]:
        rows = self._csv_rows()
        _, header, _ = next(rows)
        for line, row, problem in rows:
            where = f"{self.name}:{line}"
            if problem:
                identifier = dict(zip(header, row)).get(self.columns.id)
                clean = identifier if identifier and _not_utf8([identifier]) is None else None
                yield Record(id=clean, where=where, error=problem)
            elif len(row) != len(header) and row:
                yield Record(id=dict(zip(header, row)).get(self.columns.id), where=where,
                             error=f"has {len(row)} fields; the header has {len(header)}")
            elif row:  # the csv module gives [] for a blank line
                yield self._record(dict(zip(header, row)), where)

    # Parquet ----------------------------------------------------------------------------------
    def _parquet(self) -> pq.ParquetFile:
        try:
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError(self.name, f"reading Parquet needs pyarrow: {EXTRA_HINT}") from None
        try:
            return pq.ParquetFile(self.name)
        except Exception as exc:  # pyarrow raises its own error types for a damaged or foreign file
            raise InputError(self.name, f"is not a readable Parquet file ({exc})") from None

    def _check_parquet(self) -> None:
        schema = self._parquet().schema_arrow
        self._need_columns(schema.names, self.name, "has no column")
        kind = schema.field(self.columns.text).type
        if str(kind) not in ("string", "large_string", "string_view"):
            raise InputError(self.name, f"the text column {self.columns.text!r} holds {kind}, not strings")

    def _read_parquet(self) -> Iterator[Record]:
        source = self._parquet()
        c = self.columns
        wanted = [name for name in (c.id, c.text, c.path, c.channel) if name in source.schema_arrow.names]
        number = 0
        for batch in source.iter_batches(batch_size=1024, columns=wanted):
            for row in batch.to_pylist():
                number += 1
                yield self._record(row, f"{self.name}:row {number}")

    # A folder of message files ---------------------------------------------------------------
    def _files(self) -> Iterator[str]:
        from pitchlint.engine.files import expand

        return (p for p in expand([self.name]) if p != self.name)

    def _check_folder(self) -> None:
        if next(self._files(), None) is None:
            raise InputError(self.name, "is a folder with no text, Markdown or e-mail files")

    def _read_folder(self) -> Iterator[Record]:
        for path in self._files():
            try:
                yield Record(id=path, path=path, data=Path(path).read_bytes(), where=path)
            except OSError as exc:
                yield Record(id=path, path=path, where=path, error=f"cannot be read ({exc.strerror or exc})")

    # Shared -----------------------------------------------------------------------------------
    def _need_columns(self, names: Collection[str], where: str, says: str) -> None:
        for option, column in (("--id-column", self.columns.id), ("--text-column", self.columns.text)):
            if column not in names:
                known = ", ".join(repr(n) for n in list(names)[:8])
                raise InputError(where, f"{says} {column!r} (found: {known or 'nothing'}); name it with {option}")

    def _record(self, row: dict[str, Any], where: str) -> Record:
        c = self.columns
        identifier = row.get(c.id)
        error = None
        if identifier is None or identifier == "":
            error = f"the {c.id!r} field is missing or empty"
        elif isinstance(identifier, (dict, list, float)):
            error = f"the {c.id!r} field is a {type(identifier).__name__}; ids are strings or whole numbers"
            identifier = None
        return Record(id=identifier, text=row.get(c.text), path=row.get(c.path) or None,
                      channel=row.get(c.channel) or None, where=where, error=error)


_ESCAPED_BYTE = re.compile("[\udc80-\udcff]")  # a byte surrogateescape could not decode


def _not_utf8(fields: list[str]) -> str | None:
    """What is wrong with a CSV row read with surrogateescape: a byte that is not UTF-8, or None."""
    for number, field in enumerate(fields, 1):
        if (found := _ESCAPED_BYTE.search(field)) is not None:
            return f"has a byte that is not UTF-8 (0x{ord(found.group()) - 0xDC00:02x}, field {number})"
    return None


def _json_object(raw: bytes, first: bool) -> dict[str, Any] | str:
    """The line's object, or the reason it is not one."""
    if first:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        value = json.loads(raw.strip())
    except UnicodeDecodeError:
        return "the line is not valid UTF-8"
    except json.JSONDecodeError as exc:
        return f"not valid JSON ({exc.msg} at column {exc.colno})"
    except RecursionError:
        return "not JSON pitchlint reads (it nests deeper than Python's JSON reader goes)"
    if not isinstance(value, dict):
        return f"a JSON {type(value).__name__}, not an object"
    return value
