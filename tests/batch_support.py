"""The corpus as batch input, and each message's report linted alone (computed once per session),
for the API, batch and Dask tests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@lru_cache(maxsize=1)
def corpus_messages() -> tuple[tuple[str, str], ...]:
    """(path, text) of every corpus message, in file-name order."""
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".eml"))
    return tuple((str(p), p.read_text(encoding="utf-8")) for p in files)


@lru_cache(maxsize=1)
def corpus_alone() -> tuple[dict, ...]:
    """Each corpus message's per-file JSON, linted alone with `lint_text`."""
    import pitchlint

    return tuple(pitchlint.lint_text(text, path=path).to_dict() for path, text in corpus_messages())


def write_jsonl(path: Path, rows) -> Path:
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


def corpus_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    """The corpus (its first `limit` messages) as JSONL input, ids "m1", "m2", ...; returns the
    expected output rows."""
    rows, expected = [], []
    alone = corpus_alone()
    for (file, text), report in list(zip(corpus_messages(), alone))[:limit]:
        identifier = f"m{len(rows) + 1}"
        rows.append({"id": identifier, "text": text, "path": file})
        expected.append({"id": identifier, **report})
    write_jsonl(path, rows)
    return expected


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def run_cli(*args, cwd=None, env=None, timeout=300) -> subprocess.CompletedProcess:
    """The real `pitchlint` in a new process."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    return subprocess.run([sys.executable, "-m", "pitchlint", *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, env=environment, timeout=timeout)
