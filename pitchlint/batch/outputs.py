"""Writing a batch's rows as they come, as JSONL or Parquet (chosen by the output's extension), and
reading back what an earlier run wrote so `--resume` can skip it: `done` is the ids of its rows, in
order, one per message it covered (pitchlint.batch.rows.id_text).

JSONL is appended and flushed chunk by chunk: a run that is killed leaves every finished row, and
at most one cut line, which `--resume` drops. Parquet cannot be appended to, so rows go to a
temporary file beside the output that replaces it when the run ends or is interrupted (Ctrl-C,
SIGTERM); a resumed run copies the earlier rows into the new file first. JSONL over an existing
output (`--overwrite`) goes the same way, so the earlier rows are not truncated before the new
run has them. A run killed outright, or stopped by an error, leaves the previous file in place.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from pitchlint.batch.rows import Row, id_text
from pitchlint.engine.executors import EXTRA_HINT
from pitchlint.errors import InputError

if TYPE_CHECKING:
    from types import ModuleType

    import pyarrow
    import pyarrow.parquet

FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet", ".pq": "parquet"}
ROW_GROUP = 8192  # rows per Parquet row group: small groups make big files slow to query


def output_format(name: str) -> str:
    if name == "-":
        return "jsonl"
    kind = FORMATS.get(Path(name).suffix.lower())
    if kind is None:
        raise InputError(name, "the output's extension must be .jsonl, .ndjson or .parquet (or - for standard output)")
    return kind


def open_output(name: str, resume: bool, overwrite: bool) -> JsonlOutput | ParquetOutput:
    if name != "-" and Path(name).exists() and not (resume or overwrite):
        raise InputError(name, "already exists; pass --resume to continue it or --overwrite to replace it")
    if name != "-" and Path(name).is_dir():
        raise InputError(name, "is a folder, not an output file")
    if name == "-" and resume:
        raise InputError(name, "--resume needs an output file, not standard output")
    if output_format(name) == "parquet":
        return ParquetOutput(Path(name), resume)
    return JsonlOutput(name, resume)


class JsonlOutput:
    def __init__(self, name: str, resume: bool):
        self.name = name
        self.done: list[str | None] = []
        self.temporary: Path | None = None  # where an --overwrite run writes until it ends
        if name == "-":
            self.stream: TextIO = sys.stdout
            return
        path = Path(name)
        if resume and path.exists():
            self.done = self._read_back(path)
        target = path
        if not resume and path.exists():
            _remove_abandoned(path)
            self.temporary = target = _temporary(path)
        try:
            self.stream = open(target, "a" if resume else "w", encoding="utf-8")
        except OSError as exc:
            raise InputError(name, f"cannot be written ({exc.strerror or exc})") from None

    def _read_back(self, path: Path) -> list[str | None]:
        """The ids of the rows already written; a cut last line (a killed run) is removed."""
        done: list[str | None] = []
        with open(path, "r+b") as stream:
            end = 0
            for number, line in enumerate(stream, 1):
                if not line.endswith(b"\n"):
                    break  # the line a killed run was writing
                try:
                    done.append(id_text(json.loads(line)["id"]))
                except (ValueError, TypeError, KeyError, RecursionError):
                    raise InputError(f"{path}:{number}", "is not a row pitchlint batch wrote; cannot resume") from None
                end += len(line)
            stream.truncate(end)
        return done

    def write(self, rows: list[Row]) -> None:
        self.stream.write("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows))
        self.stream.flush()

    def close(self, keep: bool = True) -> None:
        """`keep`: the rows written stand (the run ended or was interrupted, and --resume can go
        on); False when an error stopped it, and an --overwrite run then leaves the earlier file."""
        if self.stream is not sys.stdout:
            self.stream.close()
        if self.temporary is not None:
            _finish(self.temporary, Path(self.name), keep)


class ParquetOutput:
    def __init__(self, path: Path, resume: bool):
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise InputError(path, f"writing Parquet needs pyarrow: {EXTRA_HINT}") from None
        self.pa, self.path = pa, path
        self.schema = parquet_schema(pa)
        self.done: list[str | None] = []
        self.buffer: list[dict[str, Any]] = []
        self.temporary = _temporary(path)
        _remove_abandoned(path)
        earlier = self._earlier(pq) if resume and path.exists() else None
        try:
            self.writer = pq.ParquetWriter(self.temporary, self.schema)
        except OSError as exc:
            raise InputError(path, f"cannot be written ({exc})") from None
        if earlier is not None:
            for group in range(earlier.num_row_groups):
                table = earlier.read_row_group(group)
                self.writer.write_table(table)
                self.done.extend(table.column("id").to_pylist())  # text already

    def _earlier(self, pq: ModuleType) -> pyarrow.parquet.ParquetFile:
        """The earlier run's file, checked; `pq` is pyarrow.parquet, imported when Parquet is wanted."""
        try:
            earlier: pyarrow.parquet.ParquetFile = pq.ParquetFile(self.path)
        except Exception as exc:
            raise InputError(self.path, f"is not a complete Parquet file ({exc}); cannot resume") from None
        if not earlier.schema_arrow.equals(self.schema):
            raise InputError(self.path, "has other columns than this version of pitchlint writes; cannot resume")
        return earlier

    def write(self, rows: list[Row]) -> None:
        self.buffer.extend(flat_row(row) for row in rows)
        if len(self.buffer) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self.buffer:
            self.writer.write_table(self.pa.Table.from_pylist(self.buffer, schema=self.schema))
            self.buffer.clear()

    def close(self, keep: bool = True) -> None:
        if keep:
            self._flush()
        self.writer.close()
        _finish(self.temporary, self.path, keep)


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.partial")


def _finish(temporary: Path, path: Path, keep: bool) -> None:
    if keep:
        os.replace(temporary, path)
    else:
        temporary.unlink(missing_ok=True)


def _remove_abandoned(path: Path) -> None:
    """Temporary files of earlier runs on this output that were killed outright."""
    for stale in path.parent.glob(f".{path.name}.*.partial"):
        pid = stale.name[len(path.name) + 2:-len(".partial")]
        if pid.isdigit() and not _running(int(pid)):
            stale.unlink(missing_ok=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def breakdown_keys() -> list[str]:
    from pitchlint.engine.score import DIMENSIONS

    return [*DIMENSIONS, "rules"]


def parquet_schema(pa: ModuleType) -> pyarrow.Schema:
    """The rows' schema; `pa` is the pyarrow module, imported by the caller when Parquet is wanted."""
    target = pa.struct([("label", pa.string()), ("text", pa.string())])
    schema: pyarrow.Schema = pa.schema([
        ("id", pa.string()), ("path", pa.string()), ("verdict", pa.string()), ("score", pa.int32()),
        *((f"breakdown_{k}", pa.int32()) for k in breakdown_keys()),
        ("rules", pa.list_(pa.string())), ("findings", pa.int32()), ("targets", pa.list_(target)),
        ("error", pa.string()), ("source", pa.string()),
    ])
    return schema


def flat_row(row: Row) -> dict[str, Any]:
    """A JSONL row as Parquet's flat columns: the ids of the rules found (each once, in order of
    their first finding), the targets as (label, text), the breakdown one column per part."""
    findings = row.get("findings", [])
    flat = {
        "id": None if row.get("id") is None else str(row["id"]),
        "path": row.get("path"), "verdict": row.get("verdict"), "score": row.get("score"),
        "rules": list(dict.fromkeys(f["rule"] for f in findings)) if "verdict" in row else None,
        "findings": len(findings) if "verdict" in row else None,
        "targets": targets(row) if "verdict" in row else None,
        "error": row.get("error"), "source": row.get("source"),
    }
    breakdown = row.get("breakdown", {})
    flat.update((f"breakdown_{k}", breakdown.get(k)) for k in breakdown_keys())
    return flat


def targets(row: Row) -> list[dict[str, str | None]]:
    """The report's targets: its `targets` list where it has one, else the entities in the ask."""
    if "targets" in row:
        return [{"label": t.get("label"), "text": t.get("text")} if isinstance(t, dict) else {"label": None, "text": str(t)}
                for t in row["targets"]]
    return [{"label": e["label"], "text": e["text"]} for e in row.get("entities", [])
            if e.get("in_ask") and e["label"] in ("COMPANY", "ROLE", "SECTOR")]
