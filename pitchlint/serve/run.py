"""Starting uvicorn for `pitchlint serve`: the settings go to the workers through the environment,
and each worker builds the app from them (an import string, so `--workers` works)."""

from __future__ import annotations

import os

from pitchlint.serve.settings import SETTINGS_VARIABLE, ServeSettings

APP = "pitchlint.serve.app:create_app_from_environment"


def run(settings: ServeSettings) -> None:
    import uvicorn

    os.environ[SETTINGS_VARIABLE] = settings.to_environment()
    uvicorn.run(APP, factory=True, host=settings.host, port=settings.port, workers=settings.workers,
                log_level="info", access_log=True, server_header=False, proxy_headers=False, lifespan="on",
                timeout_graceful_shutdown=5)
