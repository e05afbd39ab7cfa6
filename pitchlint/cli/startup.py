"""What only the `pitchlint` process itself may do to start and stop sooner.

Both are used by `cli.console_main` (the console script and `python -m pitchlint`), never by the
API, click's test runner or an embedding program, which own their interpreter:

- `defer_spacy_cli`: `import spacy` imports `spacy.cli.info` for the `spacy.info` function, and
  with it spaCy's whole command line (typer, weasel, requests, httpx, Jinja: about a fifth of
  spaCy's import time). pitchlint never calls it; while spaCy is being imported, a stand-in module
  gives `spacy.info` a function that imports the real one when called, and takes itself out of
  `sys.modules` at that moment, so any later `import spacy.cli...` loads spaCy's real modules.
- `leave`: after a lint run has written its report, end the process with `os._exit` instead of the
  interpreter's shutdown (tearing down a thousand modules and collecting spaCy's objects: about
  0.2 s after the output). Only when nothing is pending: the standard streams flush, the exit
  handlers have run, no other thread is alive and no plug-in code was loaded.
"""

from __future__ import annotations

import os
import sys
import types
from typing import Any

_INFO = "spacy.cli.info"


def _info(*args: Any, **kwargs: Any) -> Any:
    """Print information about the spaCy installation, pipeline or model (spaCy's `spacy.info`)."""
    from spacy.cli.info import info

    return info(*args, **kwargs)


class _DeferredInfo(types.ModuleType):
    """Stands for `spacy.cli.info` during `import spacy` only."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):  # the import system asks for __path__ and the like: not a package
            raise AttributeError(name)
        if sys.modules.get(_INFO) is self:
            del sys.modules[_INFO]
        if name == "info":
            return _info
        import importlib

        return getattr(importlib.import_module(_INFO), name)  # anything else: the real module


def defer_spacy_cli() -> None:
    """Let the next `import spacy` skip spaCy's command-line modules (see the module docstring)."""
    if "spacy" in sys.modules or _INFO in sys.modules:
        return
    sys.modules[_INFO] = _DeferredInfo(_INFO)


def undo_defer_spacy_cli() -> None:
    """Take the stand-in out if spaCy was never imported (so nothing else can meet it)."""
    if isinstance(sys.modules.get(_INFO), _DeferredInfo):
        del sys.modules[_INFO]


def leave(code: int) -> None:
    """End the process now with `code` if that loses nothing; else return (the caller exits)."""
    import atexit
    import threading

    from pitchlint.checks.pack import plugins_loaded

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_exit_handlers is None or plugins_loaded() or threading.active_count() != 1:
        return
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return  # a closed pipe or stream: the ordinary exit reports it as it always has
    run_exit_handlers()  # logging.shutdown and the like, which the ordinary exit would run
    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except (OSError, ValueError):
        return
    os._exit(code)
