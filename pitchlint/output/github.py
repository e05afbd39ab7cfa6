"""GitHub Actions workflow commands: one `::warning ...::message` line per finding, which the
runner turns into an annotation on the file (and on the pull request's diff).

Levels: error -> error, warning -> warning, info -> notice. Columns are UTF-16 code units, as
GitHub counts them, and are given only when a finding starts and ends on the same line: GitHub
accepts columns for single-line annotations only.
"""

from __future__ import annotations

from pitchlint.engine.report import FileReport
from pitchlint.errors import PitchlintError
from pitchlint.output.artifacts import display_path
from pitchlint.output.emitters import Emitter
from pitchlint.reading.positions import UTF16, Positions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}


def escape_data(text: str) -> str:
    """The message after `::`: the runner decodes %25, %0D and %0A."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as data, and also `:` and `,`, which end a value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: object) -> str:
    given = ",".join(f"{key}={escape_property(str(value))}" for key, value in properties.items()
                     if value is not None)
    return f"::{name}{' ' + given if given else ''}::{escape_data(message)}"


def render_file(report: FileReport, cwd: str | None = None) -> list[str]:
    path = display_path(report.path, cwd)
    lines = Positions(report.text)
    out = [command("notice", note, file=path, title="pitchlint note") for note in report.notes]
    for finding in report.findings:
        line, column = lines.one_based(finding.start, UTF16)
        end_line, end_column = lines.one_based(finding.end, UTF16)
        same_line = line == end_line
        out.append(command(
            COMMANDS[finding.severity], finding.message, file=path, line=line,
            col=column if same_line else None, endLine=end_line,
            endColumn=end_column if same_line else None, title=finding.rule,
        ))
    out += [command("error", f"internal error: {problem}", file=path) for problem in report.internal_errors]
    return out


def render_error(error: PitchlintError, cwd: str | None = None) -> str:
    """A file that could not be linted, or a configuration that is not valid."""
    return command("error", error.reason, file=display_path(error.path, cwd))


class GithubEmitter(Emitter):
    """Each file's commands as it is linted, and one for each file that could not be."""

    def file(self, report: FileReport) -> list[str]:
        return render_file(report, self.context.cwd)

    def error(self, error: PitchlintError) -> list[str]:
        return [render_error(error, self.context.cwd)]
