"""The server's stdio loop: frames from pitchlint.lsp.framing, handed to pygls's protocol, with
every failure of one message reported in one line and the next message read as usual.

Before `initialize` a request gets ServerNotInitialized; after `shutdown` it gets InvalidRequest
(both answered by PitchlintProtocol.gate); only `exit` ends the process. Nothing the client sends
puts a traceback on stderr: pygls's own log lines are cut to their first line there.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sys
import threading
from typing import TYPE_CHECKING, BinaryIO

from lsprotocol.types import ErrorCodes  # loaded with pygls already: no cost here
from pygls.exceptions import JsonRpcException
from pygls.io_ import StdoutWriter

from pitchlint.lsp.framing import FrameReader

if TYPE_CHECKING:
    from pitchlint.lsp.state import PitchlintServer


class OneLine(logging.Handler):
    """Log records as one line on stderr, without tracebacks (bad input is not a crash)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            first = record.getMessage().splitlines()[0] if record.getMessage() else ""
            sys.stderr.write(f"pitchlint lsp: {record.levelname.lower()}: {first[:300]}\n")
            sys.stderr.flush()
        except Exception:  # stderr gone: nothing to tell
            pass


def quiet_logging() -> None:
    for name in ("pygls", "pitchlint"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [OneLine(level=logging.WARNING)]
        logger.propagate = False


def say(server: PitchlintServer, text: str) -> None:
    """A problem with the stream: one line on stderr, and in the client's log once it may hear."""
    sys.stderr.write(f"pitchlint lsp: {text}\n")
    sys.stderr.flush()
    if getattr(server.protocol, "initialized", False) and not server.protocol._shutdown:
        try:
            server.log(f"pitchlint: {text}")
        except Exception:
            pass


def send_error(server: PitchlintServer, request_id: int | str | None, code: ErrorCodes, message: str) -> None:
    error = {"code": code.value, "message": message}
    server.protocol._send_data({"jsonrpc": "2.0", "id": request_id, "error": error})


async def serve(server: PitchlintServer, stream: BinaryIO, stop: threading.Event) -> None:
    reader = FrameReader(stream)
    loop = asyncio.get_running_loop()
    while not stop.is_set():
        frame = await loop.run_in_executor(server.thread_pool, reader.next_frame)
        if frame is None:
            return
        if frame.problem:
            say(server, frame.problem)
        if frame.body is None:
            if frame.request_id is not None:
                send_error(server, frame.request_id, ErrorCodes.ParseError, "the message is not valid JSON")
            continue
        try:
            if not server.protocol.gate(json.loads(frame.body)):
                continue
            message = json.loads(frame.body, object_hook=server.protocol.structure_message)
        except JsonRpcException:
            continue  # answered already (PitchlintProtocol.structure_message)
        except Exception as error:
            say(server, f"skipped a message that cannot be read: {type(error).__name__}: {str(error)[:200]}")
            continue
        if not hasattr(message, "jsonrpc"):
            say(server, "skipped a message that is not a JSON-RPC 2.0 object")
            request_id = message.get("id") if isinstance(message, dict) else None
            send_error(server, request_id if isinstance(request_id, (int, str)) else None, ErrorCodes.InvalidRequest,
                       "not a JSON-RPC 2.0 message")
            continue
        try:
            server.protocol.handle_message(message)
        except Exception as error:  # a bug in one handler: the server still serves the next message
            say(server, f"a {getattr(message, 'method', 'message')} failed: {type(error).__name__}: {str(error)[:200]}")


def run_stdio(server: PitchlintServer, stdin: BinaryIO | None = None, stdout: BinaryIO | None = None) -> None:
    quiet_logging()
    stop = server._stop_event = threading.Event()
    server.protocol.set_writer(StdoutWriter(stdout or sys.stdout.buffer))
    try:
        asyncio.run(serve(server, stdin or sys.stdin.buffer, stop))
    except BrokenPipeError:
        sys.stderr.write("pitchlint lsp: the client closed the connection\n")
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.shutdown()  # type: ignore[no-untyped-call]  # pygls leaves it unannotated
