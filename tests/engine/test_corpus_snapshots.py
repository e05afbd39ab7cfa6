"""Whole JSON reports for every corpus message, reviewed as diffs (pytest-regressions).

After a deliberate change in behaviour: `pytest tests/engine/test_corpus_snapshots.py --force-regen`,
then read the diff of tests/engine/test_corpus_snapshots/ before committing it."""

from pathlib import Path

import pytest

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.engine.report import file_json
from pitchlint.reading.read import read_document

ROOT = Path(__file__).resolve().parents[2]
MESSAGES = sorted(
    p for p in (ROOT / "corpus").iterdir()
    if p.suffix in (".txt", ".md", ".eml") and p.with_suffix(".toml").exists()
)


@pytest.mark.parametrize("message", MESSAGES, ids=[p.stem for p in MESSAGES])
def test_report_snapshot(message, data_regression):
    document = read_document(message)
    document.path = message.relative_to(ROOT).as_posix()
    report = next(engine_for(Config()).lint_documents([document]))
    data_regression.check(file_json(report))
