"""Output rows: what `pitchlint batch` writes for each record (run on the workers), and the id
`--resume` checks each against.

A linted message's row is its id plus exactly the per-file JSON of `--format json`. A message that
could not be linted gets {"id", "path", "error", "source"}; a message whose rules did not all run
gets its report plus "error", so no failure passes as a clean result.
"""

from __future__ import annotations

from typing import Any

from pitchlint.config.settings import Config
from pitchlint.engine.records import Record, lint_records
from pitchlint.errors import PitchlintError

OK, FAILS, ERROR = "ok", "fails", "error"  # fails: at or above the failing threshold, as in the CLI

Row = dict[str, Any]


def batch_rows(config: Config, records: list[Record]) -> list[tuple[Row, str]]:
    """Rows and their status for a chunk of records, in order (the task a worker runs)."""
    out: list[tuple[Row, str]] = []
    for record, result in zip(records, lint_records(config, records), strict=True):
        if isinstance(result, PitchlintError):
            out.append((error_row(record, result.reason), ERROR))
            continue
        row = {"id": record.id, **result.to_dict()}
        if result.internal_errors:
            row["error"] = "; ".join(result.internal_errors)
            out.append((row, ERROR))
        else:
            out.append((row, FAILS if result.fails(config) else OK))
    return out


def error_row(record: Record, reason: str) -> Row:
    return {"id": record.id, "path": record.path if isinstance(record.path, str) else None,
            "error": reason, "source": record.where or None}


def lost_rows(records: list[Record], reason: str) -> list[tuple[Row, str]]:
    """Rows for a chunk whose worker never came back."""
    return [(error_row(record, reason), ERROR) for record in records]


def id_text(identifier: Any) -> str | None:
    """An id as `--resume` compares a row's with its message's: as text, as Parquet keeps it.

    `--resume` matches rows to messages by position (a run writes one row per message, in input
    order, so an earlier run's rows are the first messages'), not by id: ids may repeat, and `1`
    and `"1"` are one key as text, so keying by id lost rows. The id only checks that the output
    was written from this input."""
    return None if identifier is None else str(identifier)
