"""SARIF 2.1.0: one run, for code-scanning services and SARIF viewers.

Columns and character offsets are UTF-16 code units (`columnKind: utf16CodeUnits`), the unit of
the JavaScript and .NET viewers that read SARIF, so an emoji before a finding moves it by two.
Offsets count the file's own characters (a CRLF is two); where the linted text is not the file
(a decoded e-mail body) a result keeps its lines and columns, which then refer to the decoded
text as the report's note says, but carries no offsets and no fix.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from importlib import metadata
from typing import TYPE_CHECKING, Any

from pitchlint.checks.findings import Finding
from pitchlint.checks.pack import Rule
from pitchlint.engine.report import FileReport
from pitchlint.errors import PitchlintError
from pitchlint.output.artifacts import Artifact, artifact_for, directory_uri, path_uri, read_artifact
from pitchlint.output.emitters import Emitter
from pitchlint.reading.positions import UTF16, Positions
from pitchlint.version import __version__

if TYPE_CHECKING:
    from pitchlint.output.emitters import Run

SARIF_VERSION = "2.1.0"
SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
SRCROOT = "%SRCROOT%"


def information_uri() -> str | None:
    """The project's home page from the installed package's metadata ([project.urls]), if any:
    SARIF wants an absolute URI here, so none is better than an invented one."""
    try:
        urls: list[str] = metadata.metadata("pitchlint").get_all("Project-URL") or []
    except metadata.PackageNotFoundError:
        return None
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "repository", "source", "documentation"):
            return url.strip()
    return None


def rule_descriptor(rule: Rule) -> dict[str, Any]:
    doc = rule.doc_text()
    return {
        "id": rule.id,
        "name": rule.id,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": doc},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": {"status": rule.status, "kind": rule.kind},
    }


def _artifact_location(path: str, cwd: str) -> dict[str, str]:
    uri, relative = path_uri(path, cwd)
    return {"uri": uri, "uriBaseId": SRCROOT} if relative else {"uri": uri}


def _region(lines: Positions, artifact: Artifact | None, start: int, end: int) -> dict[str, int]:
    start_line, start_column = lines.one_based(start, UTF16)
    end_line, end_column = lines.one_based(end, UTF16)
    region = {"startLine": start_line, "startColumn": start_column, "endLine": end_line, "endColumn": end_column}
    if artifact is not None:
        offset = artifact.utf16_offset(start)
        region["charOffset"] = offset
        region["charLength"] = artifact.utf16_offset(end) - offset
    return region


def _result(finding: Finding, rule_index: dict[str, int], location: dict[str, str], lines: Positions,
            artifact: Artifact | None) -> dict[str, Any]:
    result: dict[str, Any] = {"ruleId": finding.rule}
    if finding.rule in rule_index:
        result["ruleIndex"] = rule_index[finding.rule]
    result |= {
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [{"physicalLocation": {
            "artifactLocation": location,
            "region": _region(lines, artifact, finding.start, finding.end),
        }}],
    }
    if finding.suggestion:
        result["properties"] = {"suggestion": finding.suggestion}
    if finding.fix is not None and artifact is not None:
        result["fixes"] = [{
            "description": {"text": finding.suggestion or finding.fix.text},
            "artifactChanges": [{
                "artifactLocation": location,
                "replacements": [{
                    "deletedRegion": _region(lines, artifact, finding.fix.start, finding.fix.end),
                    "insertedContent": {"text": finding.fix.text},
                }],
            }],
        }]
    return result


def _notification(level: str, text: str, location: dict[str, str] | None) -> dict[str, Any]:
    notification: dict[str, Any] = {"level": level, "message": {"text": text}}
    if location is not None:
        notification["locations"] = [{"physicalLocation": {"artifactLocation": location}}]
    return notification


def render_sarif(reports: list[FileReport], errors: list[PitchlintError], rules: Mapping[str, Rule],
                 sources: Mapping[str, bytes | None] | None = None, exit_code: int | None = None,
                 cwd: str | None = None) -> str:
    """The SARIF log for one run. `rules` are the rules that ran; `sources` the bytes of each
    report's file, when known (for offsets and fixes in the file's own characters)."""
    cwd = cwd or os.getcwd()
    sources = sources or {}
    rule_index = {rule_id: n for n, rule_id in enumerate(rules)}
    results: list[dict[str, Any]] = []
    notifications: list[dict[str, Any]] = []
    for report in reports:
        location = _artifact_location(report.path, cwd)
        lines = Positions(report.text)
        artifact = artifact_for(report.text, sources.get(report.path))
        results += [_result(f, rule_index, location, lines, artifact) for f in report.findings]
        notifications += [_notification("note", note, location) for note in report.notes]
        notifications += [_notification("error", problem, location) for problem in report.internal_errors]
    for error in errors:
        where = _artifact_location(error.path, cwd) if error.path.strip() else None
        notifications.append(_notification("error", f"{error.path}: {error.reason}", where))
    invocation: dict[str, Any] = {"executionSuccessful": not any(n["level"] == "error" for n in notifications)}
    if exit_code is not None:
        invocation["exitCode"] = exit_code
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    driver: dict[str, Any] = {"name": "pitchlint", "version": __version__,
                              "rules": [rule_descriptor(r) for r in rules.values()]}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    run = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "originalUriBaseIds": {SRCROOT: {"uri": directory_uri(cwd)}},
        "columnKind": "utf16CodeUnits",
        "results": results,
    }
    return json.dumps({"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}, indent=2, ensure_ascii=False)


class SarifEmitter(Emitter):
    """The log once the run is over, with offsets into each file as it is on disk (read again)."""

    def finish(self, run: Run) -> list[str]:
        sources = {report.path: read_artifact(report.path) for report in run.reports}
        return [render_sarif(run.reports, run.errors, run.rules, sources, exit_code=run.exit_code,
                             cwd=self.context.cwd)]
