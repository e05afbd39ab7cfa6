"""`--format text`, the default: for people. Each finding with its line of the message and a
caret under the words, the file's verdict and score, and totals when more than one file ran. No
I/O here: each function returns a string the front end writes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from pitchlint.engine.report import NOTHING, FileReport, finding_positions, reader_view
from pitchlint.errors import PitchlintError, one_line
from pitchlint.output.emitters import Emitter
from pitchlint.output.json import summary
from pitchlint.reading.positions import Positions

if TYPE_CHECKING:
    from pitchlint.output.emitters import Run

SEVERITY_STYLE: dict[str, dict[str, Any]] = {
    "error": {"fg": "red", "bold": True}, "warning": {"fg": "yellow", "bold": True}, "info": {"fg": "cyan"},
}


def display_width(text: str) -> int:
    """Terminal columns, by wcwidth: wide (CJK, emoji) characters take two, combining marks and
    the joined parts of an emoji sequence (ZWJ, skin tones) none."""
    from wcwidth import wcswidth, wcwidth

    width = wcswidth(text)
    return width if width >= 0 else sum(max(0, wcwidth(ch)) for ch in text)  # control characters: none


def _style(text: str, color: bool, **style: Any) -> str:
    if not color:
        return text
    import click

    styled: str = click.style(text, **style)
    return styled


def render_text(report: FileReport, color: bool = False) -> str:
    out: list[str] = []
    lines = Positions(report.text)
    path = one_line(report.path)
    for note in report.notes:
        out.append(f"{path}: note: {note}")
    for row in finding_positions(report):
        severity = _style(row["severity"], color, **SEVERITY_STYLE[row["severity"]])
        rule = _style(row["rule"], color, bold=True)
        out.append(f"{path}:{row['line']}:{row['column']}: {severity} [{rule}] {row['message']}")
        source = report.text[lines.starts[row["line"] - 1]:lines.ends[row["line"] - 1]]
        gutter = str(row["line"])
        pad = " " * len(gutter)
        end = row["end_column"] if row["end_line"] == row["line"] else len(source) + 1
        source = source.replace("\t", " ")
        before, marked = source[:row["column"] - 1], source[row["column"] - 1:end - 1]
        marker = " " * display_width(before) + "^" * max(1, display_width(marked))
        out.append(f" {gutter} | {source}")
        out.append(f" {pad} | {_style(marker, color, fg='red')}")
        if row["suggestion"]:
            out.append(f" {pad} = try: {row['suggestion']}")
    for problem in report.internal_errors:
        out.append(f"{path}: internal error: {problem}")
    parts = ", ".join(f"{k} {v:+d}" if k == "rules" else f"{k} {v}" for k, v in report.score.breakdown.items())
    verdict = _style(report.verdict, color, fg="red" if report.verdict == "vague" else "green", bold=True)
    view = reader_view(report)
    out.append(f"{path}: {view if view == NOTHING else 'reader can think of: ' + view}")
    out.append(f"{path}: {verdict}, score {report.score.total}/100 ({parts})")
    return "\n".join(out)


def render_totals(reports: list[FileReport], errors: list[PitchlintError]) -> str:
    s = summary(reports, errors)
    counts = ", ".join(f"{n} {sev}" for sev, n in sorted(s["by_severity"].items())) or "no findings"
    files = "file" if s["files"] == 1 else "files"
    text = f"{s['files']} {files} linted: {s['vague']} vague, {s['specific']} specific; {counts}"
    if errors:
        text += f"; {len(errors)} not linted"
    return text


class TextEmitter(Emitter):
    """Each file as it is linted; the totals when more than one file (or error) was named."""

    styles: ClassVar[bool] = True

    def file(self, report: FileReport) -> list[str]:
        return [render_text(report, color=self.context.color)]

    def finish(self, run: Run) -> list[str]:
        if self.context.quiet or len(run.reports) + len(run.errors) <= 1:
            return []
        return [render_totals(run.reports, run.errors)]
