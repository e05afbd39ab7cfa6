"""pitchlint: a linter for networking asks.

The public API (typed; see docs/api.md): `lint_text`, `lint_many`, `load_config`, the
report types, and the errors. The heavy machinery (spaCy, Jinja) loads on first use, so
`import pitchlint` and `pitchlint --help` stay instant.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pitchlint.version import __version__

__all__ = [
    "Config", "ConfigError", "ConfigSource", "Entity", "FileReport", "Finding", "InputError", "Message",
    "PitchlintError", "Score", "__version__", "lint", "lint_many", "lint_text", "load_config",
]

if TYPE_CHECKING:
    from pitchlint.analysis import Entity
    from pitchlint.api import ConfigSource, Message, lint_many, lint_text, load_config
    from pitchlint.checks.findings import Finding
    from pitchlint.config.settings import Config
    from pitchlint.engine.core import lint
    from pitchlint.engine.report import FileReport
    from pitchlint.engine.score import Score
    from pitchlint.errors import ConfigError, InputError, PitchlintError

_HOMES = {
    "pitchlint.api": ("ConfigSource", "Message", "lint_many", "lint_text", "load_config"),
    "pitchlint.analysis": ("Entity",),
    "pitchlint.config.settings": ("Config",),
    "pitchlint.engine.core": ("lint",),
    "pitchlint.engine.report": ("FileReport",),
    "pitchlint.errors": ("ConfigError", "InputError", "PitchlintError"),
    "pitchlint.checks.findings": ("Finding",),
    "pitchlint.engine.score": ("Score",),
}


def __getattr__(name: str) -> object:
    for module, names in _HOMES.items():
        if name in names:
            import importlib

            return getattr(importlib.import_module(module), name)
    raise AttributeError(f"module 'pitchlint' has no attribute {name!r}")
