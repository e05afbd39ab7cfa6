"""Language server latency: didChange -> publishDiagnostics on a warm server, next to bare spaCy.

A real `pitchlint lsp` process is driven over stdio by pygls's client, with the debounce off
(`{"debounce_ms": 0}`). Each edit replaces the document with another ~200-word message (so nothing
is served from the last lint) and waits for the diagnostics of that version; the time includes
the JSON-RPC round trip and the client reading the diagnostics, as an editor would see it. Right
after each edit, bare spaCy in this process (the default pipeline, and the ner + senter pipeline
pitchlint keeps) analyses the same text. Separately, whole processes are timed from start to the
initialize result. Targets: p95 latency <= 1.3 x bare default pipeline, <= bare ner + senter, and
< 100 ms; initialize < 1 s.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from common import NER_AND_SENTER_EXCLUDE, model_name, pitchlint_command, process_env, verdict
from messages import messages

RATIO_TARGET = 1.3
SAME_COMPONENTS_TARGET = 1.0  # no slower than bare ner + senter on the same text
LATENCY_TARGET_MS = 100
INITIALIZE_TARGET_S = 1.0
WARM_UP_EDITS = 10


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def print_percentiles(title: str, unit: str, rows: dict[str, list[float]]) -> None:
    width = max(len(name) for name in rows)
    count = len(next(iter(rows.values())))
    print(f"\n{title}")
    print(f"  {'':{width}}  {'p50':>8}  {'p95':>8}  {'max':>8}  ({unit}, {count} samples)")
    for name, values in rows.items():
        cells = "  ".join(f"{v:8.1f}" for v in (percentile(values, 0.5), percentile(values, 0.95), max(values)))
        print(f"  {name:{width}}  {cells}")


class Server:
    """A `pitchlint lsp` process and a pygls client; notifications land in per-version futures."""

    def __init__(self, folder: Path, env: dict[str, str]):
        from lsprotocol import types
        from pygls.lsp.client import BaseLanguageClient

        self.types = types
        self.folder, self.env = folder, env
        self.client = BaseLanguageClient("pitchlint-benchmark", "0")
        self.waiting: dict[int, asyncio.Future] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def on_diagnostics(params):
            future = self.waiting.pop(params.version, None)
            if future is not None and not future.done():
                future.set_result((time.perf_counter(), params.diagnostics))

    async def start(self, options=None) -> float:
        """Seconds from process start to the initialize result."""
        types = self.types
        command = [*pitchlint_command(), "lsp"]
        started = time.perf_counter()
        await self.client.start_io(*command, cwd=str(self.folder), env=self.env)
        asyncio.ensure_future(self._drain_stderr())
        await self.client.initialize_async(types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=self.folder.as_uri(), initialization_options=options))
        ready = time.perf_counter() - started
        self.client.initialized(types.InitializedParams())
        return ready

    async def _drain_stderr(self):
        while await self.client._server.stderr.read(65536):
            pass

    def expect(self, version: int) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self.waiting[version] = future
        return future

    async def stop(self) -> None:
        await self.client.shutdown_async(None)
        self.client.exit(None)
        await self.client.stop()


async def time_initialize(runs: int, folder: Path, env: dict[str, str]) -> list[float]:
    times = []
    for run in range(runs + 1):  # the first start fills the disk cache and is not counted
        server = Server(folder, env)
        elapsed = await server.start()
        await server.stop()
        if run:
            times.append(elapsed)
    return times


async def time_edits(edits: int, folder: Path, env: dict[str, str], model: str):
    import spacy

    bare_full = spacy.load(model)
    bare_same = spacy.load(model, exclude=NER_AND_SENTER_EXCLUDE)
    if "senter" in bare_same.disabled:
        bare_same.enable_pipe("senter")

    server = Server(folder, env)
    await server.start({"debounce_ms": 0})
    types = server.types
    uri = (folder / "message.txt").as_uri()
    texts = messages(edits + WARM_UP_EDITS + 1)
    first = server.expect(1)
    opened = time.perf_counter()
    server.client.text_document_did_open(types.DidOpenTextDocumentParams(
        types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=texts[0])))
    first_published, _ = await asyncio.wait_for(first, 60)
    first_lint = first_published - opened  # includes loading the pipeline unless it was warm already

    rows: dict[str, list[float]] = {"pitchlint lsp: didChange -> diagnostics": [],
                                    "bare spaCy, default pipeline": [], "bare spaCy, ner + senter": []}
    findings = 0
    for n, text in enumerate(texts[1:], start=2):
        published = server.expect(n)
        sent = time.perf_counter()
        server.client.text_document_did_change(types.DidChangeTextDocumentParams(
            types.VersionedTextDocumentIdentifier(uri=uri, version=n),
            [types.TextDocumentContentChangeWholeDocument(text=text)]))
        arrived, diagnostics = await asyncio.wait_for(published, 30)
        bare = {}
        for name, nlp in (("bare spaCy, default pipeline", bare_full), ("bare spaCy, ner + senter", bare_same)):
            start = time.perf_counter()
            nlp(text)
            bare[name] = time.perf_counter() - start
        if n - 1 > WARM_UP_EDITS:
            rows["pitchlint lsp: didChange -> diagnostics"].append((arrived - sent) * 1000)
            for name, seconds in bare.items():
                rows[name].append(seconds * 1000)
            findings += len(diagnostics)
    await server.stop()
    return rows, first_lint, findings


def fill_caches(folder: Path, env: dict[str, str]) -> None:
    """One uncounted `pitchlint message.txt` in the same environment, so the first lint of the timed
    server finds spaCy's and pitchlint's byte-code and token caches filled, as after any earlier run
    on an installed copy (the servers timed for start-up exit before they import spaCy)."""
    message = folder / "fill-caches.txt"
    message.write_text(messages(1)[0], encoding="utf-8")
    subprocess.run([*pitchlint_command(), str(message)], env=env, cwd=folder, capture_output=True, timeout=120)
    message.unlink()


async def measure(args) -> None:
    model = model_name()
    with tempfile.TemporaryDirectory(prefix="pitchlint-bench-") as tmp:
        folder = Path(tmp)
        env = process_env(tmp)
        starts = await time_initialize(args.starts, folder, env)
        fill_caches(folder, env)
        rows, first_lint, findings = await time_edits(args.edits, folder, env, model)

    words = statistics.median(len(t.split()) for t in messages(args.edits + WARM_UP_EDITS + 1))
    print(f"LSP latency: model {model}, {args.edits} edits of ~{words:.0f}-word messages "
          f"(after {WARM_UP_EDITS} warm-up edits), debounce off, {' '.join(pitchlint_command())} lsp")
    print(f"  diagnostics per edit: {findings / args.edits:.1f} on average")
    print_percentiles("Time per message", "ms", rows)
    lsp, full, same = rows.values()
    p95 = percentile(lsp, 0.95)
    print("\nRatios of p95")
    verdict("pitchlint lsp / bare default pipeline", p95 / percentile(full, 0.95), f"<= {RATIO_TARGET}",
            p95 / percentile(full, 0.95) <= RATIO_TARGET)
    verdict("pitchlint lsp / bare ner + senter (same components)", p95 / percentile(same, 0.95),
            f"<= {SAME_COMPONENTS_TARGET}", p95 / percentile(same, 0.95) <= SAME_COMPONENTS_TARGET)
    verdict("pitchlint lsp p95 (ms)", p95, f"< {LATENCY_TARGET_MS}", p95 < LATENCY_TARGET_MS)

    print(f"\nStart-up ({args.starts} processes, after one uncounted)")
    print(f"  process start -> initialize result: median {statistics.median(starts):.3f} s, "
          f"min {min(starts):.3f}, max {max(starts):.3f}")
    verdict("median initialize (s)", statistics.median(starts), f"< {INITIALIZE_TARGET_S}",
            statistics.median(starts) < INITIALIZE_TARGET_S)
    print(f"  didOpen -> first diagnostics on a fresh server (loads the pipeline): {first_lint:.3f} s  (for reference)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=200, help="timed edits (default 200, at least 100 advised)")
    parser.add_argument("--starts", type=int, default=5, help="timed server starts (default 5)")
    args = parser.parse_args()
    asyncio.run(measure(args))


if __name__ == "__main__":
    main()
