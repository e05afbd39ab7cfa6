"""The language server's state and timing: settings, the last lint of each open document, the one
worker thread that runs spaCy, and the debounce that keeps typing from queueing work.

Linting runs on a single worker thread, off the event loop, so the server answers requests while
a message is analysed; one thread because one spaCy pipeline is loaded once and used by one caller
at a time. Every message to the client is sent from the event loop.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import logging
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from lsprotocol import types
from pygls.exceptions import FeatureRequestError, JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.protocol import LanguageServerProtocol
from pygls.uris import to_fs_path

from pitchlint.config.settings import CONFIG_FILE_NAMES as PROJECT_CONFIG_NAMES
from pitchlint.engine.core import available_rules
from pitchlint.errors import PitchlintError
from pitchlint.lsp.diagnostics import to_diagnostics
from pitchlint.lsp.linting import Outcome, lint_buffer, warm_up
from pitchlint.lsp.positions import PositionMap
from pitchlint.lsp.settings import Settings, file_config, parse_settings
from pitchlint.version import __version__

if TYPE_CHECKING:
    from pygls.server import ServerErrors
    from pygls.workspace import TextDocument

LintKey = tuple[str, int | None, int, bool]  # (uri, version, generation, fresh)

logger = logging.getLogger(__name__)
CONFIG_FILE_NAMES = set(PROJECT_CONFIG_NAMES)
SUFFIX_FOR_LANGUAGE = {"markdown": ".md", "mail": ".eml", "email": ".eml"}
STALE_RETRIES = 3  # times a lint whose document changed before its turn is retried on the newer text
MAX_LOGGED = 500  # distinct log lines remembered, so a broken rule is not logged on every keystroke


@dataclass
class Linted:
    """The last lint of one document version."""

    version: int | None
    text: str  # the buffer as the client sent it
    generation: int  # which settings it was linted under
    outcome: Outcome
    positions: PositionMap  # over outcome.text
    result_id: str

    @property
    def offsets_match_buffer(self) -> bool:
        """False when pitchlint read a different text than the buffer (a decoded e-mail part),
        so an edit at its offsets would land in the wrong place."""
        return self.outcome.text == self.text


class PitchlintProtocol(LanguageServerProtocol):
    """Answers every request: one whose parameters cannot be read gets their error, one before
    `initialize` gets ServerNotInitialized, one after `shutdown` gets InvalidRequest (pygls
    would leave the client waiting for all three)."""

    initialized = False  # set once the initialize request has been answered

    def structure_message(self, data: dict[str, Any]) -> object:
        try:
            return super().structure_message(data)
        except JsonRpcException as error:
            if isinstance(data, dict) and "id" in data and "method" in data:
                self._send_response(data["id"], error=error.to_response_error())
            raise

    def gate(self, data: object) -> bool:
        """Whether a message (the parsed JSON, before pygls reads it) may be handled now; a
        request that may not is answered with the reason."""
        if not isinstance(data, dict):
            return True
        method, request = data.get("method"), "id" in data and "method" in data
        if method == types.EXIT or (method == types.INITIALIZE and not self.initialized and not self._shutdown):
            return True
        if self._shutdown:
            if request:
                self._answer_error(data["id"], types.ErrorCodes.InvalidRequest,
                                   "the server is shutting down: only `exit` is accepted")
            return False
        if not self.initialized and method is not None:
            if request:
                self._answer_error(data["id"], types.ErrorCodes.ServerNotInitialized,
                                   f"the server is not initialized: {method} before initialize")
            return False  # a notification before initialize is dropped, as the protocol says
        return True

    def _answer_error(self, request_id: int | str | None, code: int, text: str) -> None:
        self._send_data({"jsonrpc": "2.0", "id": request_id, "error": {"code": code, "message": text}})


class PitchlintServer(LanguageServer):
    protocol: PitchlintProtocol  # the protocol_cls given below

    def __init__(self) -> None:
        super().__init__("pitchlint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental,
                         protocol_cls=PitchlintProtocol)
        self.initial_settings = Settings()
        self.settings = Settings()
        self.generation = 0  # bumped when settings or configuration files change
        self.push = True  # publish diagnostics; False when the client pulls them
        self.shutdown_requested = False
        self.worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="pitchlint-lint")
        self.linted: dict[str, Linted] = {}
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.in_flight: dict[LintKey, asyncio.Future[tuple[Outcome, PositionMap] | None]] = {}  # key -> lint
        self._logged: set[str] = set()
        self._serial = itertools.count(1)

    # --- the client's log -------------------------------------------------------------------

    def log(self, message: str, kind: types.MessageType = types.MessageType.Info) -> None:
        self.window_log_message(types.LogMessageParams(type=kind, message=message))

    def log_once(self, message: str, kind: types.MessageType = types.MessageType.Error) -> None:
        if message in self._logged:
            return
        if len(self._logged) >= MAX_LOGGED:
            self._logged.clear()
        self._logged.add(message)
        self.log(message, kind)

    def report_server_error(self, error: Exception, source: ServerErrors) -> None:
        """pygls's errors go to the client's log, not to pop-ups; a request already got its error."""
        if source is FeatureRequestError:
            return
        self.log(f"pitchlint language server: {type(error).__name__}: {error}", types.MessageType.Error)

    # --- settings ---------------------------------------------------------------------------

    def apply_settings(self, raw: object, base: Settings) -> bool:
        try:
            settings, unknown = parse_settings(raw, base)
        except PitchlintError as error:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, f"pitchlint: {error}"))
            return False
        if unknown:
            self.log(f"pitchlint: ignoring unknown settings: {', '.join(sorted(unknown))}", types.MessageType.Warning)
        strangers = self._unknown_rules(settings.named_rules())
        if strangers:  # a typo in `select` would turn every diagnostic off: keep what worked
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, (
                f"pitchlint: the editor settings name unknown rule ids ({', '.join(dict.fromkeys(strangers))}); "
                "no rule pack of the open documents defines them, so the previous settings stay in force")))
            return False
        self.settings = settings
        return True

    def _unknown_rules(self, named: list[str]) -> list[str]:
        """The rule ids that neither the built-in rules, the plug-ins nor the packs configured for
        the workspace's and the open documents' configurations define (a pack's rule is known only
        where a configuration names its pack)."""
        if not named:
            return []  # and no need to load the rule pack yet
        packs: set[tuple[str, ...]] = {()}
        root = self.workspace.root_path  # at start-up no document is open yet: the workspace's own
        places = [str(Path(root) / "settings.txt")] if root else []
        places += [to_fs_path(uri) or "" for uri in list(self.workspace.text_documents) if uri.startswith("file:")]
        for path in filter(None, places):
            try:
                packs.add(file_config(path).packs)
            except PitchlintError:
                continue  # its lint says what is wrong with its configuration
        known: set[str] = set()
        for chosen in packs:
            try:
                known |= set(available_rules(chosen))
            except PitchlintError:
                return []  # a broken pack or plug-in: every lint will say so
        return [rule for rule in named if rule not in known]

    @property
    def encoding(self) -> str:
        encoding = self.workspace.position_encoding
        return str(getattr(encoding, "value", encoding) or "utf-16")

    def start_warm_up(self) -> None:
        root = self.workspace.root_path
        path = str(Path(root) / "warm-up.txt") if root else None
        self.worker.submit(warm_up, path, self.settings)

    # --- documents --------------------------------------------------------------------------

    def open_document(self, uri: str) -> TextDocument | None:
        document: TextDocument | None = self.workspace.text_documents.get(unquote(uri))  # pygls: unannotated
        return document

    def lints(self, uri: str) -> bool:
        document = self.open_document(uri)
        return document is not None and self.settings.lints(document.language_id)

    @staticmethod
    def message_path(uri: str, language_id: str | None) -> str:
        """The file's path, as the CLI would name it; an unsaved buffer gets `<uri>` with a suffix
        for its language, so that Markdown is still read as Markdown."""
        path = to_fs_path(uri) if uri.startswith("file:") else None
        return path or f"<{uri}>{SUFFIX_FOR_LANGUAGE.get((language_id or '').lower(), '')}"

    async def lint_now(self, uri: str, fresh: bool = False) -> Linted | None:
        """The lint of the document as it is now: the last one if nothing changed (unless `fresh`:
        a save checks again, as the configuration on disk may have changed), else a new one.

        One lint per document version: a hover and a push for the same version share it. A lint
        still queued when its document changes is dropped when its turn comes, and the newer
        text is linted instead, so a fast typist never queues up stale work for the others."""
        for attempt in range(STALE_RETRIES + 1):
            document = self.open_document(uri)
            if document is None or not self.settings.lints(document.language_id):
                return None
            text, version, generation, settings = document.source, document.version, self.generation, self.settings
            last = self.linted.get(uri)
            if last is not None and last.text == text and last.generation == generation and not fresh:
                if last.version != version:  # typed and undone: the same text under a new version
                    last = self.linted[uri] = dataclasses.replace(last, version=version)
                return last
            key: LintKey = (uri, version, generation, fresh)
            job = self.in_flight.get(key)
            if job is None:
                path = self.message_path(uri, document.language_id)
                job = asyncio.get_running_loop().run_in_executor(
                    self.worker, self._lint_if_current, uri, text, path, settings, self.encoding,
                    attempt == STALE_RETRIES)
                self.in_flight[key] = job
                # mypy cannot infer a lambda with a default argument (key=key keeps this iteration's key)
                job.add_done_callback(lambda _, key=key: self.in_flight.pop(key, None))  # type: ignore[misc]
            done = await asyncio.shield(job)  # a cancelled caller leaves the job to the others
            if done is None:
                continue  # the document changed before this lint's turn
            outcome, positions = done
            for line in outcome.log:
                self.log_once(line)
            linted = Linted(version, text, generation, outcome, positions, f"{next(self._serial)}")
            if self.open_document(uri) is not None:
                self.linted[uri] = linted
            return linted
        return None

    def _lint_if_current(self, uri: str, text: str, path: str, settings: Settings, encoding: str,
                         force: bool) -> tuple[Outcome, PositionMap] | None:
        """On the worker: the lint, or None when the document has changed since it was queued."""
        document = self.open_document(uri)
        if not force and (document is None or document.source != text):
            return None
        return _lint_with_positions(text, path, settings, encoding)

    def schedule(self, uri: str, delay_ms: int, fresh: bool = False) -> None:
        """Lint after `delay_ms` and publish; a newer call for the same document replaces this one."""
        previous = self.pending.pop(uri, None)
        if previous is not None:
            previous.cancel()
        if self.push:
            self.pending[uri] = asyncio.ensure_future(self._refresh(uri, delay_ms, fresh))

    async def _refresh(self, uri: str, delay_ms: int, fresh: bool) -> None:
        task = asyncio.current_task()
        try:
            if delay_ms > 0:
                await asyncio.sleep(delay_ms / 1000)
            linted = await self.lint_now(uri, fresh)
            document = self.open_document(uri)
            if linted is not None and document is not None and document.version == linted.version:
                self.publish(uri, linted)
        except asyncio.CancelledError:
            raise
        except Exception:  # the server outlives any one document
            self.log_once(f"pitchlint: linting {uri} failed:\n{traceback.format_exc()}")
        finally:
            if self.pending.get(uri) is task:
                del self.pending[uri]

    def publish(self, uri: str, linted: Linted | None) -> None:
        diagnostics = to_diagnostics(linted.outcome, linted.positions) if linted else []
        version = linted.version if linted else None
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def forget(self, uri: str) -> None:
        task = self.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        if self.linted.pop(uri, None) is not None and self.push:
            self.publish(uri, None)

    def relint_all(self) -> None:
        """After a change of settings or configuration: every open document again."""
        self.generation += 1
        for uri, document in list(self.workspace.text_documents.items()):
            if self.settings.lints(document.language_id):
                self.schedule(uri, 0)
            else:
                self.forget(uri)
        if not self.push and _get(self.client_capabilities, "workspace", "diagnostics", "refresh_support"):
            self.workspace_diagnostic_refresh(None)

    def stop(self) -> None:
        for task in self.pending.values():
            task.cancel()
        self.pending.clear()
        self.worker.shutdown(wait=False, cancel_futures=True)


def _lint_with_positions(text: str, path: str, settings: Settings, encoding: str) -> tuple[Outcome, PositionMap]:
    outcome = lint_buffer(text, path, settings)
    return outcome, PositionMap(outcome.text, encoding)


def _get(obj: object, *names: str) -> Any:
    """A nested optional attribute (client capabilities are optional all the way down); Any,
    as what it finds depends on the names."""
    for name in names:
        obj = getattr(obj, name, None)
        if obj is None:
            return None
    return obj
