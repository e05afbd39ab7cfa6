"""`--format json`: the JSON contract (docs/cli.md, "JSON output"), one document for the whole run.

Each file's entry is the engine's (pitchlint.engine.report.file_json), which the API, batch rows
and the editor's hover share; this module adds the version and the run's summary.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, ClassVar

from pitchlint.engine.report import FileReport, file_json
from pitchlint.errors import PitchlintError
from pitchlint.output.emitters import Emitter

if TYPE_CHECKING:
    from pitchlint.output.emitters import Run

JSON_VERSION = 1


def summary(reports: list[FileReport], errors: list[PitchlintError]) -> dict[str, Any]:
    by_severity: dict[str, int] = {}
    for r in reports:
        for f in r.findings:
            by_severity[f.severity] = by_severity.get(f.severity, 0) + 1
    return {
        "files": len(reports),
        "specific": sum(r.verdict == "specific" for r in reports),
        "vague": sum(r.verdict == "vague" for r in reports),
        "findings": sum(by_severity.values()),
        "by_severity": by_severity,
        "errors": [{"path": e.path, "reason": e.reason} for e in errors],
    }


def render_json(reports: list[FileReport], errors: list[PitchlintError]) -> str:
    document = {
        "version": JSON_VERSION,
        "files": [file_json(r) for r in reports],
        "summary": summary(reports, errors),
    }
    return json.dumps(document, indent=2, ensure_ascii=False)


class JsonEmitter(Emitter):
    """The document once the run is over."""

    json_statistics: ClassVar[bool] = True

    def finish(self, run: Run) -> list[str]:
        return [render_json(run.reports, run.errors)]
