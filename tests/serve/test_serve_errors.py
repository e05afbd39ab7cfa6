"""A bug in a handler: 500 with a sentence, no traceback in the answer, and no draft in the log."""

from __future__ import annotations

import asyncio
import json
import logging

from starlette.requests import Request

from pitchlint.serve.app import answered
from pitchlint.serve.requests import ApiError


def request() -> Request:
    return Request({"type": "http", "method": "POST", "path": "/v1/lint", "query_string": b"", "headers": [],
                    "scheme": "http", "server": ("127.0.0.1", 8765)})


def test_a_bug_answers_500_without_a_traceback_or_the_draft(caplog):
    draft = "Quetzalcoatl asks for leads"

    async def broken(_: Request):
        raise ValueError(f"cannot handle {draft!r}")

    with caplog.at_level(logging.ERROR, logger="pitchlint.serve"):
        response = asyncio.run(answered(broken, request()))
    assert response.status_code == 500
    assert json.loads(response.body) == {"error": "pitchlint failed on this request (an internal error); the "
                                                  "server log names its type"}
    assert caplog.messages == ["internal error on POST /v1/lint: ValueError"]


def test_an_api_error_keeps_its_status_and_retry_after():
    async def busy(_: Request):
        raise ApiError(503, "pitchlint is busy", retry_after=1)

    response = asyncio.run(answered(busy, request()))
    assert (response.status_code, response.headers["retry-after"]) == (503, "1")
    assert json.loads(response.body) == {"error": "pitchlint is busy"}
