"""Linting an editor buffer: what runs on the server's worker thread.

The same engine and configuration files as the CLI, with one difference an editor needs: the
configuration is read afresh for each lint (the user may be editing it). A template that fails
to render costs only its rewrite, as everywhere; the failure goes to the client's log.
Nothing here touches the LSP connection; messages for the client's log come back in `log`.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from pitchlint.config.settings import Config
from pitchlint.engine.core import engine_for
from pitchlint.engine.report import FileReport
from pitchlint.errors import PitchlintError
from pitchlint.lsp.settings import Settings, config_for_document
from pitchlint.reading.document import MAX_CHARACTERS
from pitchlint.reading.read import make_document

if TYPE_CHECKING:
    from pitchlint.checks.pack import Rule

# A vague sample: warming up on it also loads Jinja for the rewrite.
WARM_UP_TEXT = "Hi! If you know anyone, or hear of any leads, please send them my way."


@dataclass
class Outcome:
    """One lint of one buffer: a report, or the reason there is none."""

    text: str  # the text the report's offsets refer to
    report: FileReport | None = None
    problem: str | None = None  # why there is no report, for one diagnostic at the top
    problem_severity: str = "error"
    rules: dict[str, Rule] = field(default_factory=dict)  # rule id -> Rule, for explanations
    log: list[str] = field(default_factory=list)  # for window/logMessage


def lint_buffer(text: str, path: str, settings: Settings) -> Outcome:
    """Lint one buffer; never raises. `path` is the file's path, or `<uri>` for an unsaved buffer."""
    if len(text) > MAX_CHARACTERS:
        return Outcome(text, problem=(f"{path}: is {len(text):,} characters long; pitchlint reads messages "
                                      f"of up to {MAX_CHARACTERS:,}, so it did not check this one"),
                       problem_severity="warning")
    try:
        config = config_for_document(None if path.startswith("<") else path, settings)
        engine = engine_for(config)
        document = make_document(text, path)
        report = next(engine.lint_documents([document]))
    except PitchlintError as error:
        return Outcome(text, problem=f"pitchlint cannot check this message: {error}")
    except Exception as error:  # a bug: say so in the log and keep serving
        return Outcome(text, problem=f"pitchlint failed on this message: {type(error).__name__}: {error}",
                       log=[traceback.format_exc()])
    log = [f"{path}: {problem}" for problem in report.internal_errors]
    return Outcome(report.text, report=report, rules=engine.rules, log=log)


def warm_up(path: str | None, settings: Settings) -> None:
    """Load the pipeline (and Jinja) before the first real message needs them."""
    try:
        config = config_for_document(path, settings)
    except PitchlintError:
        config = Config()
    try:
        next(engine_for(config).lint_documents([make_document(WARM_UP_TEXT, "<warm-up>")]))
    except PitchlintError:
        pass  # the first real lint reports it, on the document it concerns
