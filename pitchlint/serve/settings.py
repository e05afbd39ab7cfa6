"""What a server process needs to know, from the command line to every uvicorn worker.

Workers are separate processes started from an import string, so the settings travel in one
environment variable as JSON (the token among them: it was in the parent's environment or on
its command line already)."""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
from dataclasses import dataclass

from pitchlint.reading.document import MAX_CHARACTERS

SETTINGS_VARIABLE = "PITCHLINT_SERVE_SETTINGS"
TOKEN_VARIABLE = "PITCHLINT_SERVE_TOKEN"

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8765
# A JSON body large enough for any message pitchlint reads, however its client escapes it
# (an astral character as two \uXXXX escapes is 12 bytes), plus the other fields.
MAX_BODY_BYTES = 12 * MAX_CHARACTERS + 64 * 1024
BATCH_LIMIT = 32  # messages in one POST /v1/lint/batch
MAX_BATCH_BODY_BYTES = 4 * MAX_BODY_BYTES


@dataclass(frozen=True)
class ServeSettings:
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT
    workers: int = 1
    token: str | None = None  # when set, /v1/ answers only `Authorization: Bearer <token>`
    max_pending: int = 64  # requests one worker holds (running or waiting) before it answers 503
    timeout: float = 10.0  # seconds a request may wait and run before it gets 503
    config_path: str | None = None  # --config; else the configuration nearest the folder started in

    def to_environment(self) -> str:
        return json.dumps(dataclasses.asdict(self))

    @classmethod
    def from_environment(cls) -> ServeSettings:
        raw = os.environ.get(SETTINGS_VARIABLE)
        if not raw:
            return cls(token=os.environ.get(TOKEN_VARIABLE) or None)
        data = json.loads(raw)
        known = {f.name for f in dataclasses.fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach a server listening on `host`."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False  # a host name other than localhost may resolve to anything
