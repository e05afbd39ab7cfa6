"""The language server as an editor sees it: `python -m pitchlint lsp` as a real process, driven
over stdio by pygls's client. Waits are on notifications, with timeouts, never on sleeps."""

from __future__ import annotations

import asyncio
import json
import sys
import tomllib
from collections import defaultdict
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.client import BaseLanguageClient

from pitchlint.lsp.positions import PositionMap

TIMEOUT = 30  # seconds for any one wait; the first lint also loads the spaCy pipeline
VAGUE = "Hi Dana,\n\nI've been at Amazon for eight years. If you know anyone, or hear of any leads, please send them my way.\n"
SPECIFIC = ("Hi Ana,\n\nCould you introduce me to a data engineering manager at Stripe or Plaid? I'm moving into "
            "fintech infrastructure because I loved building payment pipelines.\n")
WARNING_OR_WORSE = (types.DiagnosticSeverity.Error, types.DiagnosticSeverity.Warning)


class Session:
    """A server process and a client on one event loop, recording what the server sends."""

    def __init__(self):
        self.loop = asyncio.new_event_loop()
        self.client = BaseLanguageClient("pitchlint-tests", "0")
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = defaultdict(list)
        self.logs: list[types.LogMessageParams] = []
        self.stderr = bytearray()
        self.arrived = asyncio.Event()
        self.result: types.InitializeResult | None = None

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params: types.PublishDiagnosticsParams):
            self.published[params.uri].append(params)
            self.arrived.set()

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def on_log(params: types.LogMessageParams):
            self.logs.append(params)
            self.arrived.set()

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def on_show(params: types.ShowMessageParams):
            self.logs.append(types.LogMessageParams(type=params.type, message=params.message))
            self.arrived.set()

    def run(self, coroutine):
        return self.loop.run_until_complete(asyncio.wait_for(coroutine, TIMEOUT * 2))

    async def start(self, cwd: Path, options=None, capabilities=None) -> types.InitializeResult:
        await self.client.start_io(sys.executable, "-m", "pitchlint", "lsp", cwd=str(cwd))
        asyncio.ensure_future(self._drain_stderr())
        self.result = await self.client.initialize_async(types.InitializeParams(
            capabilities=capabilities or types.ClientCapabilities(),
            root_uri=cwd.as_uri(),
            initialization_options=options,
        ))
        self.client.initialized(types.InitializedParams())
        return self.result

    async def _drain_stderr(self):  # a full stderr pipe would block the server
        while chunk := await self.client._server.stderr.read(65536):
            self.stderr += chunk[-100_000:]

    async def wait(self, condition, timeout: float = TIMEOUT):
        """Until condition() returns something truthy; it is checked after each message."""
        async def until():
            while not (found := condition()):
                self.arrived.clear()
                await self.arrived.wait()
            return found
        try:
            return await asyncio.wait_for(until(), timeout)
        except asyncio.TimeoutError:
            raise AssertionError(f"timed out; server stderr:\n{self.stderr.decode(errors='replace')[-3000:]}") from None

    async def diagnostics(self, uri: str, version: int, since: int = 0) -> list[types.Diagnostic]:
        """The diagnostics published for this version of the document."""
        def found():
            return next((p for p in self.published[uri][since:] if p.version == version), None)
        return (await self.wait(found)).diagnostics

    async def raw_request(self, method: str, params, request_id: str):
        """A request written as bytes, for parameters the typed client would refuse to send; the
        answer comes back through the client's table of pending requests."""
        answer = asyncio.get_running_loop().create_future()
        self.client.protocol._request_futures[request_id] = answer
        body = json.dumps({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params}).encode()
        self.client._server.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        return await answer

    def open(self, uri: str, text: str, language: str = "plaintext", version: int = 1) -> None:
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id=language, version=version, text=text)))

    def change(self, uri: str, version: int, *changes) -> None:
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=version), list(changes)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(types.TextDocumentIdentifier(uri)))

    async def stop(self) -> int:
        if self.client._server.returncode is None:
            await self.client.shutdown_async(None)
            self.client.exit(None)
        await self.client.stop()
        return self.client._server.returncode


def whole(text: str) -> types.TextDocumentContentChangeWholeDocument:
    return types.TextDocumentContentChangeWholeDocument(text=text)


def replace(text: str, start: int, end: int, new: str) -> types.TextDocumentContentChangePartial:
    """An incremental change, in UTF-16 positions as an editor sends it."""
    positions = PositionMap(text)
    (sl, sc), (el, ec) = positions.position(start), positions.position(end)
    return types.TextDocumentContentChangePartial(
        range=types.Range(types.Position(sl, sc), types.Position(el, ec)), text=new)


def utf16_range(text: str, start: int, end: int) -> tuple[int, int, int, int]:
    """Expected LSP range, computed independently of the server's conversion."""
    def at(offset):
        line = text.count("\n", 0, offset)
        column = text[text.rfind("\n", 0, offset) + 1:offset]
        return line, len(column.encode("utf-16-le")) // 2
    return (*at(start), *at(end))


def as_tuple(r: types.Range) -> tuple[int, int, int, int]:
    return r.start.line, r.start.character, r.end.line, r.end.character


@pytest.fixture(scope="module")
def lsp(tmp_path_factory):
    """One warm server for most tests (debounce off); each test uses its own documents."""
    session = Session()
    folder = tmp_path_factory.mktemp("lsp")
    session.folder = folder
    session.run(session.start(folder, options={"debounce_ms": 0}))
    yield session
    session.run(session.stop())
    session.loop.close()


def test_initialize_declares_the_features(lsp):
    capabilities = lsp.result.capabilities
    assert lsp.result.server_info.name == "pitchlint"
    assert capabilities.position_encoding == types.PositionEncodingKind.Utf16
    assert capabilities.text_document_sync.change == types.TextDocumentSyncKind.Incremental
    assert capabilities.text_document_sync.open_close is True
    assert capabilities.hover_provider and capabilities.code_action_provider
    assert capabilities.diagnostic_provider.identifier == "pitchlint"
    assert "pitchlint.relint" in capabilities.execute_command_provider.commands


def test_vague_draft_gets_a_vague_ask_warning_at_the_right_range(lsp, lint):
    uri = (lsp.folder / "vague.txt").as_uri()
    lsp.open(uri, VAGUE)
    diagnostics = lsp.run(lsp.diagnostics(uri, 1))
    vague = [d for d in diagnostics if d.code == "vague-ask"]
    expected = [f for f in lint(VAGUE).findings if f.rule == "vague-ask"]
    assert len(vague) == len(expected) >= 1
    for diagnostic, finding in zip(vague, expected, strict=True):
        assert as_tuple(diagnostic.range) == utf16_range(VAGUE, finding.start, finding.end)
        assert diagnostic.severity == types.DiagnosticSeverity.Warning
        assert diagnostic.source == "pitchlint"
        assert diagnostic.message == finding.message
        assert diagnostic.data["rule"] == "vague-ask"
        assert "## Why it matters" in diagnostic.data["explanation"]
    assert VAGUE[expected[0].start:expected[0].end].startswith("anyone")


def test_specific_draft_gets_nothing_at_warning_level(lsp):
    uri = (lsp.folder / "specific.md").as_uri()
    lsp.open(uri, SPECIFIC, language="markdown")
    diagnostics = lsp.run(lsp.diagnostics(uri, 1))
    assert [d for d in diagnostics if d.severity in WARNING_OR_WORSE] == []


def test_positions_count_utf16_units_after_accents_cjk_and_an_emoji(lsp, lint):
    text = "Bonjour Zoë, 東京から 😀 hello!\nCafé 😀 東京: if you know anyone, or hear of any leads, let me know.\n"
    uri = (lsp.folder / "unicode.txt").as_uri()
    lsp.open(uri, text)
    diagnostics = lsp.run(lsp.diagnostics(uri, 1))
    finding = next(f for f in lint(text).findings if f.rule == "vague-ask")
    diagnostic = next(d for d in diagnostics if d.code == "vague-ask")
    expected = utf16_range(text, finding.start, finding.end)
    assert as_tuple(diagnostic.range) == expected
    line_start = text.index("\n") + 1
    assert expected[1] == finding.start - line_start + 1  # the emoji takes two units, the rest one
    assert text[finding.start:].startswith("anyone")


def test_only_the_configured_languages_are_checked(lsp):
    code = (lsp.folder / "script.py").as_uri()
    prose = (lsp.folder / "after-script.txt").as_uri()
    lsp.open(code, "# If you know anyone, let me know.\n", language="python")
    lsp.open(prose, VAGUE)  # linted in order: its diagnostics come after any for the script
    lsp.run(lsp.diagnostics(prose, 1))
    assert lsp.published.get(code) is None


def test_quick_fix_rewrites_the_ask_and_its_unfilled_slots_are_flagged(lsp):
    uri = (lsp.folder / "fix-me.txt").as_uri()
    lsp.open(uri, VAGUE)
    diagnostics = lsp.run(lsp.diagnostics(uri, 1))
    vague = next(d for d in diagnostics if d.code == "vague-ask")
    actions = lsp.run(lsp.client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), vague.range, types.CodeActionContext(diagnostics=[vague]))))
    fix = next(a for a in actions if a.title.startswith("Rewrite the ask"))
    assert fix.kind == types.CodeActionKind.QuickFix and fix.is_preferred
    assert [d.code for d in fix.diagnostics] == ["vague-ask"]
    (edit,) = fix.edit.changes[uri]
    # the editor applies the edit and tells the server, as an incremental change
    lsp.change(uri, 2, types.TextDocumentContentChangePartial(range=edit.range, text=edit.new_text))
    after = lsp.run(lsp.diagnostics(uri, 2))
    # the rewrite's bracketed prompts are slots to fill, not targets (issue 20): the ask stays vague
    # and each prompt is a leaked placeholder until the writer fills it
    assert [d.code for d in after].count("leaked-placeholder") == 2
    assert "vague-ask" in {d.code for d in after}
    positions = PositionMap(VAGUE)
    start = positions.offset(edit.range.start.line, edit.range.start.character)
    assert VAGUE[start:].startswith("If you know anyone")
    assert "Do you know" in edit.new_text


def test_ignore_action_adds_the_file_to_per_file_ignores(lsp, tmp_path):
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    config = tmp_path / ".pitchlint.toml"
    config.write_text('# house rules\nselect = ["vague-ask", "missing-ask"]\n\n[per-file-ignores]\n"other.md" = ["missing-ask"]\n')
    uri = (drafts / "ask.txt").as_uri()
    lsp.open(uri, VAGUE)
    vague = next(d for d in lsp.run(lsp.diagnostics(uri, 1)) if d.code == "vague-ask")
    actions = lsp.run(lsp.client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), vague.range, types.CodeActionContext(diagnostics=[vague]))))
    ignore = next(a for a in actions if a.title.startswith("Ignore vague-ask in this file"))
    (edit,) = ignore.edit.changes[config.as_uri()]
    old = config.read_text()
    positions = PositionMap(old)
    start = positions.offset(edit.range.start.line, edit.range.start.character)
    end = positions.offset(edit.range.end.line, edit.range.end.character)
    new = old[:start] + edit.new_text + old[end:]
    data = tomllib.loads(new)
    assert data["per-file-ignores"] == {"other.md": ["missing-ask"], "drafts/ask.txt": ["vague-ask"]}
    assert data["select"] == ["vague-ask", "missing-ask"] and new.startswith("# house rules\n")
    config.write_text(new)
    since = len(lsp.published[uri])
    lsp.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(
        [types.FileEvent(uri=config.as_uri(), type=types.FileChangeType.Changed)]))
    after = lsp.run(lsp.diagnostics(uri, 1, since=since))
    assert "vague-ask" not in {d.code for d in after}


def test_save_checks_again_with_the_configuration_on_disk(lsp, tmp_path):
    uri = (tmp_path / "saved.txt").as_uri()
    lsp.open(uri, VAGUE)
    assert "vague-ask" in {d.code for d in lsp.run(lsp.diagnostics(uri, 1))}
    (tmp_path / ".pitchlint.toml").write_text('ignore = ["vague-ask"]\n')  # no watcher told the server
    since = len(lsp.published[uri])
    lsp.client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri)))
    assert "vague-ask" not in {d.code for d in lsp.run(lsp.diagnostics(uri, 1, since))}


def test_ignore_action_creates_a_configuration_when_there_is_none(lsp, tmp_path):
    uri = (tmp_path / "first.md").as_uri()
    lsp.open(uri, VAGUE, language="markdown")
    vague = next(d for d in lsp.run(lsp.diagnostics(uri, 1)) if d.code == "vague-ask")
    actions = lsp.run(lsp.client.text_document_code_action_async(types.CodeActionParams(
        types.TextDocumentIdentifier(uri), vague.range, types.CodeActionContext(diagnostics=[vague]))))
    ignore = next(a for a in actions if a.title.startswith("Ignore vague-ask"))
    created = (tmp_path / ".pitchlint.toml").as_uri()
    create, change = ignore.edit.document_changes  # the file is created, not edited as a hidden buffer
    assert isinstance(create, types.CreateFile) and create.uri == created and not create.options.overwrite
    assert change.text_document.uri == created
    (edit,) = change.edits
    assert tomllib.loads(edit.new_text) == {"per-file-ignores": {"first.md": ["vague-ask"]}}


def test_hover_shows_entities_findings_and_the_score(lsp, lint):
    text = "I spent eight years at Amazon. Could you introduce me to a recruiter at Microsoft?\n"
    uri = (lsp.folder / "hover.txt").as_uri()
    lsp.open(uri, text)
    lsp.run(lsp.diagnostics(uri, 1))
    report = lint(text)

    def hover_at(offset):
        line, character = PositionMap(text).position(offset)
        return lsp.run(lsp.client.text_document_hover_async(types.HoverParams(
            types.TextDocumentIdentifier(uri), types.Position(line, character))))

    microsoft = next(e for e in report.entities if e.text == "Microsoft")
    shown = hover_at(microsoft.start + 2)
    assert shown.contents.kind == types.MarkupKind.Markdown
    assert "**COMPANY** `Microsoft`" in shown.contents.value and "a target of the ask" in shown.contents.value
    assert f"score {report.score.total}/100" in shown.contents.value and report.verdict in shown.contents.value
    assert "**The reader can think of:** ROLE recruiter · COMPANY Microsoft" in shown.contents.value
    assert as_tuple(shown.range) == utf16_range(text, microsoft.start, microsoft.end)
    amazon = hover_at(text.index("Amazon"))
    assert "`Amazon`" in amazon.contents.value and "not a target of the ask" in amazon.contents.value
    assert "score" not in amazon.contents.value  # outside the ask
    assert hover_at(text.index("eight")) is None

    uri2 = (lsp.folder / "hover-vague.txt").as_uri()
    lsp.open(uri2, VAGUE)
    lsp.run(lsp.diagnostics(uri2, 1))
    shown = lsp.run(lsp.client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri2), types.Position(2, VAGUE.split("\n")[2].index("anyone") + 1))))
    assert "vague-ask (warning, stable)" in shown.contents.value
    assert "## Why it matters" in shown.contents.value and "**Try:**" in shown.contents.value


def test_incremental_and_full_changes(lsp):
    uri = (lsp.folder / "incremental.txt").as_uri()
    lsp.open(uri, VAGUE)
    before = next(d for d in lsp.run(lsp.diagnostics(uri, 1)) if d.code == "vague-ask")
    # insert a line above: the finding moves down one line, same columns
    lsp.change(uri, 2, replace(VAGUE, 0, 0, "Quick one 😀\n"))
    moved = next(d for d in lsp.run(lsp.diagnostics(uri, 2)) if d.code == "vague-ask")
    assert as_tuple(moved.range) == (before.range.start.line + 1, before.range.start.character,
                                     before.range.end.line + 1, before.range.end.character)
    text = "Quick one 😀\n" + VAGUE
    # replace the ask with a specific one, incrementally
    ask = text.index("If you know")
    lsp.change(uri, 3, replace(text, ask, len(text) - 1,
                               "Could you introduce me to a recruiter at Microsoft or Stripe?"))
    assert "vague-ask" not in {d.code for d in lsp.run(lsp.diagnostics(uri, 3))}
    # a client may also send the whole text
    lsp.change(uri, 4, whole(VAGUE))
    assert "vague-ask" in {d.code for d in lsp.run(lsp.diagnostics(uri, 4))}


def test_configuration_change_relints_open_documents(lsp):
    uri = (lsp.folder / "settings.txt").as_uri()
    lsp.open(uri, VAGUE)
    assert "vague-ask" in {d.code for d in lsp.run(lsp.diagnostics(uri, 1))}
    try:
        since = len(lsp.published[uri])
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"pitchlint": {"ignore": ["vague-ask"]}}))
        assert "vague-ask" not in {d.code for d in lsp.run(lsp.diagnostics(uri, 1, since))}
        since = len(lsp.published[uri])
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"severity": {"vague-ask": "error"}}))  # the keys at the top level work too
        relinted = lsp.run(lsp.diagnostics(uri, 1, since))
        assert {d.severity for d in relinted if d.code == "vague-ask"} == {types.DiagnosticSeverity.Error}
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"pitchlint": {"ignore": ["no-such-rule"]}}))
        lsp.run(lsp.wait(lambda: any("no-such-rule" in m.message for m in lsp.logs)))
    finally:
        since = len(lsp.published[uri])
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"pitchlint": {}}))
        after = lsp.run(lsp.diagnostics(uri, 1, since))
    assert {d.severity for d in after if d.code == "vague-ask"} == {types.DiagnosticSeverity.Warning}


def test_settings_that_name_no_known_rule_are_refused_and_the_last_good_ones_kept(lsp):
    uri = (lsp.folder / "typo.txt").as_uri()
    lsp.open(uri, VAGUE)
    assert "vague-ask" in {d.code for d in lsp.run(lsp.diagnostics(uri, 1))}
    try:
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"pitchlint": {"severity": {"vague-ask": "error"}}}))
        lsp.run(lsp.wait(lambda: lsp.published[uri] and any(
            d.code == "vague-ask" and d.severity == types.DiagnosticSeverity.Error
            for d in lsp.published[uri][-1].diagnostics)))
        logged = len(lsp.logs)
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(
            settings={"pitchlint": {"select": ["no-such-rule"]}}))  # would turn every diagnostic off
        shown = lsp.run(lsp.wait(lambda: [m for m in lsp.logs[logged:] if "no-such-rule" in m.message]))
        assert shown[-1].type == types.MessageType.Error
        assert "the previous settings stay in force" in shown[-1].message
        lsp.change(uri, 2, whole(VAGUE + "\n"))
        kept = lsp.run(lsp.diagnostics(uri, 2))
        assert {d.severity for d in kept if d.code == "vague-ask"} == {types.DiagnosticSeverity.Error}
    finally:
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"pitchlint": {}}))


def test_changes_are_debounced(lsp):
    uri = (lsp.folder / "debounce.txt").as_uri()
    lsp.open(uri, VAGUE)
    lsp.run(lsp.diagnostics(uri, 1))
    try:
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={"debounce_ms": 300}))
        since = len(lsp.published[uri])
        text = VAGUE
        for version in range(2, 7):
            lsp.change(uri, version, replace(text, 0, 0, "x"))
            text = "x" + text
        lsp.run(lsp.diagnostics(uri, 6, since))
        # (version 1 may be published again: a settings change checks open documents again)
        assert [p.version for p in lsp.published[uri][since:] if p.version != 1] == [6]
    finally:
        lsp.client.workspace_did_change_configuration(types.DidChangeConfigurationParams(settings={}))


def test_a_broken_template_is_logged_and_every_finding_still_reports(lsp, tmp_path):
    pack = tmp_path / "pack"
    (pack / "templates").mkdir(parents=True)
    (pack / "templates" / "vague-ask.j2").write_text("{{ no_such_slot.anything }}\n")
    (pack / "sorry-to-bother.toml").write_text(
        'id = "sorry-to-bother"\nkind = "phrase"\nseverity = "warning"\nsummary = "An apology."\n'
        'message = "Just ask."\n[options]\nphrases = ["sorry to bother you"]\nscope = "message"\n'
        '[docs]\nwhat = "w"\nwhy = "y"\nexample = "e"\nuse_instead = "u"\noptions = "o"\n'
        '[examples]\nfail = ["Sorry to bother you."]\npass = ["Hi."]\n')
    (tmp_path / ".pitchlint.toml").write_text('packs = ["pack"]\n')
    uri = (tmp_path / "broken.txt").as_uri()
    lsp.open(uri, VAGUE.replace("Hi Dana,", "Hi Dana, sorry to bother you."))
    diagnostics = lsp.run(lsp.diagnostics(uri, 1))
    # the template's failure costs only the rewrite: the vague ask is still reported
    assert {"sorry-to-bother", "vague-ask"} <= {d.code for d in diagnostics}
    logged = lsp.run(lsp.wait(lambda: [m for m in lsp.logs if "template vague-ask.j2 failed" in m.message]))
    assert "template error" in logged[0].message and logged[0].type == types.MessageType.Error


def test_broken_configuration_is_one_diagnostic_at_the_top(lsp, tmp_path):
    (tmp_path / ".pitchlint.toml").write_text("select = [\n")
    uri = (tmp_path / "draft.txt").as_uri()
    lsp.open(uri, VAGUE)
    (diagnostic,) = lsp.run(lsp.diagnostics(uri, 1))
    assert diagnostic.range.start == types.Position(0, 0)
    assert diagnostic.severity == types.DiagnosticSeverity.Error
    assert ".pitchlint.toml" in diagnostic.message and "not valid TOML" in diagnostic.message


def test_a_huge_document_gets_one_diagnostic_and_the_server_keeps_answering(lsp):
    uri = (lsp.folder / "huge.txt").as_uri()
    huge = "If you know anyone, let me know. " * 32_000  # about 1 MB
    lsp.open(uri, huge)
    (diagnostic,) = lsp.run(lsp.diagnostics(uri, 1))
    assert "100,000" in diagnostic.message and f"{len(huge):,}" in diagnostic.message
    assert diagnostic.range.start == types.Position(0, 0)
    assert lsp.run(lsp.client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(0, 5)))) is None
    lsp.close(uri)


def test_malformed_messages_and_unknown_methods_leave_it_answering(lsp):
    process = lsp.client._server
    process.stdin.write(b"Content-Length: 10\r\n\r\n{not json}")
    process.stdin.write(b"garbage without headers\r\n\r\n")
    lsp.run(lsp.wait(lambda: any("not valid JSON" in m.message for m in lsp.logs)))
    with pytest.raises(JsonRpcException) as unknown:
        lsp.run(lsp.raw_request("pitchlint/noSuchMethod", {}, "raw-1"))
    assert unknown.value.code == -32601
    with pytest.raises(JsonRpcException) as invalid:
        lsp.run(lsp.raw_request("textDocument/hover", {"position": "nowhere"}, "raw-2"))
    assert invalid.value.code == -32602
    lsp.client.protocol.notify("pitchlint/noSuchNotification", {})
    uri = (lsp.folder / "still-alive.txt").as_uri()
    lsp.open(uri, VAGUE)
    assert "vague-ask" in {d.code for d in lsp.run(lsp.diagnostics(uri, 1))}


def test_a_thousand_rapid_edits(lsp):
    uri = (lsp.folder / "rapid.txt").as_uri()
    lsp.open(uri, VAGUE)
    lsp.run(lsp.diagnostics(uri, 1))
    pid = lsp.client._server.pid

    def rss_kib():
        status = Path(f"/proc/{pid}/status").read_text()
        return int(next(l for l in status.splitlines() if l.startswith("VmRSS")).split()[1])

    def burst(first_version):  # type a letter at the top and delete it, 250 times
        text = VAGUE
        for n in range(500):
            change = replace(text, 0, 1, "") if n % 2 else replace(text, 0, 0, "a")
            text = text[1:] if n % 2 else "a" + text
            lsp.change(uri, first_version + n, change)
        return text

    burst(2)
    lsp.run(lsp.diagnostics(uri, 501))
    settled = rss_kib()
    text = burst(502)
    final = lsp.run(lsp.diagnostics(uri, 1001))
    assert "vague-ask" in {d.code for d in final} and text == VAGUE
    assert rss_kib() - settled < 50 * 1024  # the second 500 edits did not keep memory
    assert lsp.run(lsp.client.text_document_hover_async(types.HoverParams(
        types.TextDocumentIdentifier(uri), types.Position(0, 0)))) is None


def test_pull_diagnostics(tmp_path):
    session = Session()
    capabilities = types.ClientCapabilities(text_document=types.TextDocumentClientCapabilities(
        diagnostic=types.DiagnosticClientCapabilities()))
    try:
        session.run(session.start(tmp_path, options={"pitchlint": {"debounce_ms": 0}}, capabilities=capabilities))
        uri = (tmp_path / "pulled.txt").as_uri()
        session.open(uri, VAGUE)
        report = session.run(session.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri))))
        assert report.kind == "full" and "vague-ask" in {d.code for d in report.items}
        again = session.run(session.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri), previous_result_id=report.result_id)))
        assert again.kind == "unchanged" and again.result_id == report.result_id
        session.change(uri, 2, whole(SPECIFIC))
        changed = session.run(session.client.text_document_diagnostic_async(
            types.DocumentDiagnosticParams(types.TextDocumentIdentifier(uri), previous_result_id=report.result_id)))
        assert changed.kind == "full" and "vague-ask" not in {d.code for d in changed.items}
        assert session.published == {}  # a client that pulls is not also pushed to
    finally:
        session.run(session.stop())
        session.loop.close()


def test_positions_in_utf8_when_the_client_prefers_it(tmp_path):
    session = Session()
    capabilities = types.ClientCapabilities(general=types.GeneralClientCapabilities(
        position_encodings=[types.PositionEncodingKind.Utf8, types.PositionEncodingKind.Utf16]))
    text = "Zoë 😀: if you know anyone, or hear of any leads, let me know.\n"
    try:
        result = session.run(session.start(tmp_path, options={"debounce_ms": 0}, capabilities=capabilities))
        assert result.capabilities.position_encoding == types.PositionEncodingKind.Utf8
        uri = (tmp_path / "bytes.txt").as_uri()
        session.open(uri, text)
        vague = next(d for d in session.run(session.diagnostics(uri, 1)) if d.code == "vague-ask")
        assert vague.range.start.character == len(text[:text.index("anyone")].encode("utf-8"))
        # an incremental edit in UTF-8 units: delete the emoji (4 bytes)
        session.change(uri, 2, types.TextDocumentContentChangePartial(
            range=types.Range(types.Position(0, 5), types.Position(0, 9)), text=""))
        moved = next(d for d in session.run(session.diagnostics(uri, 2)) if d.code == "vague-ask")
        assert moved.range.start.character == vague.range.start.character - 4
    finally:
        session.run(session.stop())
        session.loop.close()


@pytest.mark.parametrize("shutdown, status", [(True, 0), (False, 1)])
def test_exit_status_follows_the_specification(tmp_path, shutdown, status):
    session = Session()
    try:
        session.run(session.start(tmp_path))
        if shutdown:
            assert session.run(session.client.shutdown_async(None)) is None
        session.client.exit(None)
        assert session.run(asyncio.wait_for(session.client._server.wait(), TIMEOUT)) == status
    finally:
        session.run(session.client.stop())
        session.loop.close()


def test_the_client_going_away_without_shutdown_ends_the_server_with_status_1(tmp_path):
    session = Session()
    try:
        session.run(session.start(tmp_path))
        session.client._server.stdin.close()
        assert session.run(asyncio.wait_for(session.client._server.wait(), TIMEOUT)) == 1
    finally:
        session.run(session.client.stop())
        session.loop.close()
