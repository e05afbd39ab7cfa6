"""The ASGI app: the page, its static files, rule pages and the JSON API, all over one Linter.

Every answer the API gives is JSON; an error is {"error": "..."} with its status, and a bug is
500 with a sentence, never a traceback (the log gets the exception's type, not the draft).
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pitchlint.config.settings import Config, config_for
from pitchlint.engine.report import FileReport, file_json
from pitchlint.errors import PitchlintError
from pitchlint.output.fixes import Edit, apply_fixes, choose_fixes
from pitchlint.serve import requests
from pitchlint.serve.coaching import coached
from pitchlint.serve.linter import Linter
from pitchlint.serve.openapi import openapi_document
from pitchlint.serve.rule_pages import RulePages
from pitchlint.serve.settings import BATCH_LIMIT, MAX_BATCH_BODY_BYTES, MAX_BODY_BYTES, ServeSettings, is_loopback
from pitchlint.version import __version__

STATIC = Path(__file__).resolve().parent / "static"
log = logging.getLogger("pitchlint.serve")

# The page's script and styles are files of pitchlint's own; nothing inline, nothing elsewhere.
SECURITY_HEADERS = [
    (b"content-security-policy", b"default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                                 b"img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'"),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"cache-control", b"no-store"),
]

Endpoint = Callable[[Request], Awaitable[Response]]


def create_app(settings: ServeSettings, config: Config | None = None) -> ASGIApp:
    """The app for one worker process; `config` defaults to the CLI's for the current folder."""
    config = config if config is not None else config_for(None, settings.config_path)
    linter = Linter(config, settings.max_pending, settings.timeout)
    rule_pages = RulePages(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        await asyncio.get_running_loop().run_in_executor(None, linter.warm_up)
        yield
        linter.close()

    def api(handler: Endpoint) -> Endpoint:
        """Bearer token (when set) and errors as JSON for an API endpoint."""

        async def endpoint(request: Request) -> Response:
            if settings.token is not None and not _authorized(request, settings.token):
                return _error(401, "this server needs `Authorization: Bearer <token>` (the token it was started "
                                   "with)", {"WWW-Authenticate": "Bearer"})
            return await answered(handler, request)

        return endpoint

    async def body(request: Request, limit: int) -> bytes:
        """The request's body, within its size cap and the time budget (a client that sends it a
        byte at a time does not hold a connection for ever)."""
        reading = requests.read_body(request.stream(), request.headers.get("content-length"), limit)
        try:
            return await asyncio.wait_for(reading, settings.timeout)
        except TimeoutError:
            raise requests.ApiError(408, f"the request body did not arrive within {settings.timeout:g} s") from None

    async def lint(request: Request) -> Response:
        message = requests.message(requests.parse_json(await body(request, MAX_BODY_BYTES)), config)
        [result] = await linter.lint([message])
        if isinstance(result, PitchlintError):
            raise requests.ApiError(400, str(result))
        return JSONResponse(file_json(result))

    async def lint_batch(request: Request) -> Response:
        messages = requests.batch(requests.parse_json(await body(request, MAX_BATCH_BODY_BYTES)), config, BATCH_LIMIT)
        results = await linter.lint(messages)
        return JSONResponse({"results": [{"error": str(r)} if isinstance(r, PitchlintError) else file_json(r)
                                         for r in results]})

    async def suggest(request: Request) -> Response:
        message = requests.message(requests.parse_json(await body(request, MAX_BODY_BYTES)), config)
        [result] = await linter.lint([message])
        if isinstance(result, PitchlintError):
            raise requests.ApiError(400, str(result))
        return JSONResponse(rewritten(result))

    async def coach(request: Request) -> Response:
        asked = requests.coach_request(requests.parse_json(await body(request, MAX_BODY_BYTES)), config)
        return JSONResponse(await linter.call(lambda: coached(asked)))

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok", "version": __version__, "pending": linter.pending})

    async def openapi(request: Request) -> Response:
        return JSONResponse(openapi_document(BATCH_LIMIT, settings.token is not None))

    async def page(request: Request) -> Response:
        return FileResponse(STATIC / "index.html", media_type="text/html; charset=utf-8")

    async def rules_index(request: Request) -> Response:
        return HTMLResponse(rule_pages.index())

    async def rule_page(request: Request) -> Response:
        html = rule_pages.page(request.path_params["rule_id"])
        if html is None:
            return HTMLResponse(rule_pages.missing(), status_code=404)
        return HTMLResponse(html)

    routes = [
        Route("/", page),
        Route("/healthz", healthz),
        Route("/openapi.json", openapi),
        Route("/rules", rules_index),
        Route("/rules/{rule_id}", rule_page),
        Route("/v1/lint", api(lint), methods=["POST"]),
        Route("/v1/lint/batch", api(lint_batch), methods=["POST"]),
        Route("/v1/suggest", api(suggest), methods=["POST"]),
        Route("/v1/coach", api(coach), methods=["POST"]),
        Mount("/static", StaticFiles(directory=STATIC), name="static"),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return _error(exc.status_code, str(exc.detail).lower() if exc.detail else "error", exc.headers)

    async def server_error(request: Request, exc: Exception) -> Response:
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        return _error(500, "pitchlint failed on this request (an internal error); the server log names its type")

    app = Starlette(routes=routes, lifespan=lifespan,
                    exception_handlers={HTTPException: http_error, Exception: server_error})
    return SecurityHeaders(LoopbackNames(app) if is_loopback(settings.host) else app)


def create_app_from_environment() -> ASGIApp:
    """What each uvicorn worker imports (`pitchlint serve` put the settings in its environment)."""
    return create_app(ServeSettings.from_environment())


async def answered(handler: Endpoint, request: Request) -> Response:
    try:
        return await handler(request)
    except requests.ApiError as error:
        headers = {"Retry-After": str(error.retry_after)} if error.retry_after is not None else None
        return _error(error.status, error.message, headers)
    except Exception as exc:  # a bug: say so without the traceback, and log no draft
        log.error("internal error on %s %s: %s", request.method, request.url.path, type(exc).__name__)
        return _error(500, "pitchlint failed on this request (an internal error); the server log names its type")


def rewritten(report: FileReport) -> dict[str, Any]:
    """POST /v1/suggest's answer: the text with each fixable ask rewritten, as `pitchlint suggest`
    rewrites a message that is not a file."""
    chosen, skipped = choose_fixes(Edit(f.fix.start, f.fix.end, f.fix.text) for f in report.findings if f.fix)
    return {
        "path": report.path,
        "text": apply_fixes(report.text, chosen),
        "applied": len(chosen),
        "skipped": skipped,
        "hints": [f.suggestion for f in report.findings if f.fix is None and f.suggestion],
        "notes": report.notes,
    }


def _authorized(request: Request, token: str) -> bool:
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    return scheme.lower() == "bearer" and hmac.compare_digest(given.strip().encode(), token.encode())


def _error(status: int, message: str, headers: Mapping[str, str] | None = None) -> Response:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


class SecurityHeaders:
    """Adds the Content-Security-Policy and its companions to every response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
            await send(message)

        await self.app(scope, receive, with_headers)


class LoopbackNames:
    """A server on loopback answers only requests addressed to a loopback name (Host: localhost,
    127.0.0.1, [::1]), so a web page elsewhere cannot reach it by pointing a name of its own at
    127.0.0.1 (DNS rebinding)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            host = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
            try:
                name = urlsplit(f"//{host}").hostname or ""
            except ValueError:
                name = ""
            if not is_loopback(name):
                response = _error(421, "this server listens on loopback and answers only to localhost, 127.0.0.1 "
                                       "or [::1] (start it with --host to serve other names)")
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)
