"""Code actions: rewrite the ask (the finding's fix), and ignore a rule in this file (an edit to
the configuration, never to the message: a comment in an e-mail gets sent)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lsprotocol import types
from pygls.uris import from_fs_path

from pitchlint.lsp.config_edit import ConfigEdit, ignore_edit
from pitchlint.lsp.diagnostics import lsp_range, to_diagnostics
from pitchlint.lsp.positions import PositionMap
from pitchlint.lsp.settings import file_config

if TYPE_CHECKING:
    from pitchlint.lsp.state import Linted

# (text, version) of a configuration file the editor holds open, by its URI; None when it is not open
OpenText = Callable[[str], tuple[str, int | None] | None]

# Checks the open messages again; for editors that do not tell the server when a configuration
# file changes on disk (the server asks for file watching when the client offers it).
RELINT_COMMAND = "pitchlint.relint"
KIND = types.CodeActionKind.QuickFix
TITLE_LENGTH = 70


@dataclass
class Target:
    """The document the actions are for, and what the client can do with an edit."""

    uri: str
    version: int | None
    path: str | None  # None for a buffer that is not a file: nothing to name in per-file-ignores
    document_changes: bool  # the client takes versioned edits and file operations
    encoding: str = "utf-16"  # the position encoding agreed at initialize


def wanted(only: Sequence[str] | None) -> bool:
    """Whether the client asked for quick fixes (an absent `only` means any kind)."""
    return not only or any(KIND == kind or KIND.startswith(f"{kind}.") for kind in only)


def code_actions(linted: Linted, start: int, end: int, target: Target, open_text: OpenText) -> list[types.CodeAction]:
    """Actions for the findings that touch [start, end]. `open_text(uri)` gives (text, version) of
    a document the editor holds open, or None: an edit to an open configuration file must match
    the buffer, not the disk."""
    outcome = linted.outcome
    if outcome.report is None:
        return []
    diagnostics = to_diagnostics(outcome, linted.positions)
    touched = [(f, d) for f, d in zip(outcome.report.findings, diagnostics, strict=True)
               if f.start <= end and f.end >= start]
    actions: list[types.CodeAction] = []
    seen_fixes: set[tuple[int, int, str]] = set()
    for finding, _ in touched:
        fix = finding.fix
        if fix is None or (fix.start, fix.end, fix.text) in seen_fixes or not linted.offsets_match_buffer:
            continue
        seen_fixes.add((fix.start, fix.end, fix.text))
        edit = types.TextEdit(lsp_range(linted.positions, fix.start, fix.end), fix.text)
        actions.append(types.CodeAction(
            title=f"Rewrite the ask: {_shorten(fix.text)}" if fix.text else "Remove this ask (the rewrite replaces it)",
            kind=KIND,
            diagnostics=[d for f, d in touched if f.fix == fix],
            is_preferred=True,
            edit=_edit_document(target.uri, target.version, [edit], target.document_changes),
        ))
    for rule_id in dict.fromkeys(f.rule for f, _ in touched):
        action = _ignore_action(rule_id, [d for f, d in touched if f.rule == rule_id], target, open_text)
        if action is not None:
            actions.append(action)
    return actions


def _ignore_action(rule_id: str, diagnostics: list[types.Diagnostic], target: Target,
                   open_text: OpenText) -> types.CodeAction | None:
    path = target.path
    if path is None:  # a buffer that is not a file has nothing to name in per-file-ignores
        return None
    config = file_config(path)
    config_uri = from_fs_path(config.path) if config.path else None
    held = open_text(config_uri) if config_uri else None
    edit = ignore_edit(path, rule_id, config, current=held[0] if held else None)
    if edit is None:
        return None
    return types.CodeAction(
        title=f"Ignore {rule_id} in this file ({edit.path.name}: per-file-ignores)",
        kind=KIND,
        diagnostics=diagnostics,
        edit=_config_workspace_edit(edit, target, held),
    )


def _config_workspace_edit(edit: ConfigEdit, target: Target,
                           held: tuple[str, int | None] | None) -> types.WorkspaceEdit:
    uri = from_fs_path(str(edit.path))
    if edit.create:
        # Always with CreateFile: a plain edit to a file that does not exist leaves the editor a
        # hidden, unsaved buffer. A client that advertises no file operations may refuse it, and
        # then says so, which is better than a configuration that silently never reaches the disk.
        insert = types.TextEdit(types.Range(types.Position(0, 0), types.Position(0, 0)), edit.text)
        return types.WorkspaceEdit(document_changes=[
            types.CreateFile(uri=uri, options=types.CreateFileOptions(overwrite=False, ignore_if_exists=True)),
            types.TextDocumentEdit(types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=None), [insert]),
        ])
    if held is not None:
        text, version = held
    else:
        text, version = edit.path.read_bytes().decode("utf-8"), None
    positions = PositionMap(text, target.encoding)
    text_edit = types.TextEdit(lsp_range(positions, edit.start, edit.end), edit.text)
    return _edit_document(uri, version, [text_edit], target.document_changes)


def _edit_document(uri: str, version: int | None, edits: list[types.TextEdit], versioned: bool) -> types.WorkspaceEdit:
    if versioned:
        identifier = types.OptionalVersionedTextDocumentIdentifier(uri=uri, version=version)
        return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(identifier, edits)])
    return types.WorkspaceEdit(changes={uri: edits})


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= TITLE_LENGTH else text[:TITLE_LENGTH - 1].rstrip() + "…"
