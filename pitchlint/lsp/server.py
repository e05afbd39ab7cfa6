"""`pitchlint lsp`: the language server, one decorated function per LSP feature.

Diagnostics are pushed (textDocument/publishDiagnostics) on open, save and change (debounced),
unless the client says it pulls them (textDocument/diagnostic), in which case they are only pulled:
a client that gets both shows every finding twice. The spaCy pipeline loads on the worker thread
once the client has the initialize result, so the handshake answers at once; the first lint
waits for it.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn

from lsprotocol import types

from pitchlint.lsp.actions import RELINT_COMMAND, Target, code_actions, wanted
from pitchlint.lsp.diagnostics import lsp_range, to_diagnostics
from pitchlint.lsp.hover import hover_markdown
from pitchlint.lsp.settings import SECTION, unwrap
from pitchlint.lsp.state import CONFIG_FILE_NAMES, PitchlintServer, _get

server = PitchlintServer()


@server.feature(types.INITIALIZE)
def initialize(ls: PitchlintServer, params: types.InitializeParams) -> None:
    ls.protocol.initialized = True  # pygls sends the result after this returns
    if ls.apply_settings(params.initialization_options, ls.initial_settings):
        ls.initial_settings = ls.settings
    ls.push = _get(params.capabilities, "text_document", "diagnostic") is None


@server.feature(types.INITIALIZED)
def initialized(ls: PitchlintServer, params: types.InitializedParams) -> None:
    ls.start_warm_up()  # after the initialize result is out: loading spaCy would slow its sending
    if _get(ls.client_capabilities, "workspace", "did_change_watched_files", "dynamic_registration"):
        watchers = [types.FileSystemWatcher(glob_pattern=f"**/{name}") for name in sorted(CONFIG_FILE_NAMES)]
        registration = types.Registration(
            id="pitchlint-configuration-files",
            method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES,
            register_options=types.DidChangeWatchedFilesRegistrationOptions(watchers=watchers),
        )
        ls.client_register_capability(types.RegistrationParams(registrations=[registration]))


@server.feature(types.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: PitchlintServer, params: types.DidOpenTextDocumentParams) -> None:
    if ls.lints(params.text_document.uri):
        ls.schedule(params.text_document.uri, 0)


@server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: PitchlintServer, params: types.DidChangeTextDocumentParams) -> None:
    if ls.lints(params.text_document.uri):
        ls.schedule(params.text_document.uri, ls.settings.debounce_ms)


@server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
def did_save(ls: PitchlintServer, params: types.DidSaveTextDocumentParams) -> None:
    uri = params.text_document.uri
    if Path(uri).name in CONFIG_FILE_NAMES:
        ls.relint_all()
    elif ls.lints(uri):
        ls.schedule(uri, 0, fresh=True)


@server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: PitchlintServer, params: types.DidCloseTextDocumentParams) -> None:
    ls.forget(params.text_document.uri)


@server.feature(types.TEXT_DOCUMENT_DIAGNOSTIC,
                types.DiagnosticOptions(identifier="pitchlint", inter_file_dependencies=False,
                                        workspace_diagnostics=False))
async def pull_diagnostics(ls: PitchlintServer, params: types.DocumentDiagnosticParams) -> types.DocumentDiagnosticReport:
    linted = await ls.lint_now(params.text_document.uri)
    if linted is None:
        return types.RelatedFullDocumentDiagnosticReport(items=[])
    if params.previous_result_id == linted.result_id:
        return types.RelatedUnchangedDocumentDiagnosticReport(result_id=linted.result_id)
    return types.RelatedFullDocumentDiagnosticReport(
        items=to_diagnostics(linted.outcome, linted.positions), result_id=linted.result_id)


@server.feature(types.TEXT_DOCUMENT_HOVER)
async def hover(ls: PitchlintServer, params: types.HoverParams) -> types.Hover | None:
    linted = await ls.lint_now(params.text_document.uri)
    if linted is None:
        return None
    offset = linted.positions.offset(params.position.line, params.position.character)
    found = hover_markdown(linted.outcome, offset)
    if found is None:
        return None
    markdown, (start, end) = found
    formats = _get(ls.client_capabilities, "text_document", "hover", "content_format")
    kind = types.MarkupKind.PlainText if formats and types.MarkupKind.Markdown not in formats else types.MarkupKind.Markdown
    return types.Hover(contents=types.MarkupContent(kind=kind, value=markdown),
                       range=lsp_range(linted.positions, start, end))


@server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
async def code_action(ls: PitchlintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
    if not wanted(params.context.only):
        return []
    uri = params.text_document.uri
    linted = await ls.lint_now(uri)
    if linted is None:
        return []
    positions = linted.positions
    start = positions.offset(params.range.start.line, params.range.start.character)
    end = positions.offset(params.range.end.line, params.range.end.character)
    document = ls.open_document(uri)
    path = ls.message_path(uri, document.language_id if document else None)
    target = Target(
        uri=uri,
        version=linted.version,
        path=None if path.startswith("<") else path,
        document_changes=bool(_get(ls.client_capabilities, "workspace", "workspace_edit", "document_changes")),
        encoding=ls.encoding,
    )

    def open_text(config_uri: str) -> tuple[str, int | None] | None:
        held = ls.open_document(config_uri)
        return (held.source, held.version) if held is not None else None

    return code_actions(linted, start, end, target, open_text)


@server.command(RELINT_COMMAND)
def relint(ls: PitchlintServer, *args: object) -> None:
    ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
async def did_change_configuration(ls: PitchlintServer, params: types.DidChangeConfigurationParams) -> None:
    raw = params.settings
    if not unwrap(raw) and _get(ls.client_capabilities, "workspace", "configuration"):
        answer = await ls.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)]))
        raw = answer[0] if answer else None
    if ls.apply_settings(raw, ls.initial_settings):
        ls.relint_all()


@server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: PitchlintServer, params: types.DidChangeWatchedFilesParams) -> None:
    if any(Path(change.uri).name in CONFIG_FILE_NAMES for change in params.changes):
        ls.relint_all()


@server.feature(types.SHUTDOWN)
def shutdown(ls: PitchlintServer, params: None) -> None:
    ls.shutdown_requested = True
    ls.stop()


@server.feature(types.EXIT)
def exit_(ls: PitchlintServer, params: None) -> NoReturn:
    # Leave at once: the stdin reader thread may be blocked in a read that nothing will end.
    sys.stdout.flush()
    os._exit(0 if ls.shutdown_requested else 1)


def run() -> int:
    """Serve over stdin/stdout until `exit`, or until the client goes away (status 1 then,
    unless it asked for `shutdown` first)."""
    from pitchlint.lsp.stdio import run_stdio

    run_stdio(server)
    server.stop()
    return 0 if server.shutdown_requested else 1
