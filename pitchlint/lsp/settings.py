"""The editor's settings: `initializationOptions` and `workspace/didChangeConfiguration`.

One flat dict, either as sent or wrapped in a `pitchlint` key (what an editor that keeps settings
per section sends, e.g. VS Code's `{"pitchlint": {...}}`); both forms mean the same. Two keys are
the server's own (`debounce_ms`, `languages`); `select`, `ignore` and `severity` are pitchlint
configuration keys, laid over the configuration file found for each document the way a file's keys
would be: `select` replaces the file's, `ignore` adds to it, `severity` overrides per rule.
A rule id that no rule pack knows is reported when the settings arrive, and left out.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pitchlint.config.settings import Config, config_for, find_config, parse_config
from pitchlint.engine.core import available_rules
from pitchlint.errors import ConfigError

SECTION = "pitchlint"
WHERE = "editor settings"
DEFAULT_DEBOUNCE_MS = 300
# Neovim sends a buffer's filetype as the languageId, and its filetype for .txt files is "text".
DEFAULT_LANGUAGES = ("plaintext", "text", "markdown", "mail", "email")
SERVER_KEYS = {"debounce_ms": "debounce_ms", "debounceMs": "debounce_ms", "languages": "languages"}
CONFIG_KEYS = ("select", "ignore", "severity")


@dataclass(frozen=True)
class Settings:
    debounce_ms: int = DEFAULT_DEBOUNCE_MS
    languages: frozenset[str] = frozenset(DEFAULT_LANGUAGES)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()

    def lints(self, language_id: str | None) -> bool:
        return (language_id or "").lower() in self.languages

    def named_rules(self) -> list[str]:
        return list(self.select or ()) + list(self.ignore) + [rule for rule, _ in self.severity]

    def applied_to(self, config: Config, known: Collection[str]) -> Config:
        """The file's configuration with the editor's keys laid over it. Rule ids that this
        document's rules do not include are left out: the editor's settings apply to every
        document, and a rule from one project's pack is unknown in another's."""
        # one field at a time, so each is checked against its own type; each reads only itself
        if self.select is not None:
            config = dataclasses.replace(config, select=tuple(r for r in self.select if r in known))
        if self.ignore:
            config = dataclasses.replace(
                config, ignore=tuple(dict.fromkeys((*config.ignore, *(r for r in self.ignore if r in known)))))
        if self.severity:
            overrides = {rule: level for rule, level in self.severity if rule in known}
            config = dataclasses.replace(config, severity=tuple(sorted({**dict(config.severity), **overrides}.items())))
        return config


def unwrap(raw: object) -> dict[str, Any]:
    """The settings dict from what the client sent: `{"pitchlint": {...}}` or the keys themselves."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise ConfigError(WHERE, f"settings must be an object, not {type(raw).__name__}")
    inner = raw.get(SECTION)
    return inner if isinstance(inner, dict) else raw


def parse_settings(raw: object, base: Settings = Settings()) -> tuple[Settings, list[str]]:
    """Settings from the client's dict, on top of `base`; also the keys it did not know (ignored,
    so that an editor's unrelated settings do not stop pitchlint). Bad values raise ConfigError."""
    data = unwrap(raw)
    changes: dict[str, Any] = {}  # Settings field -> value; the fields have several types
    unknown: list[str] = []
    for key, value in data.items():
        if key in SERVER_KEYS:
            changes[SERVER_KEYS[key]] = _server_value(SERVER_KEYS[key], value)
        elif key not in CONFIG_KEYS:
            unknown.append(key)
    config_part = {k: data[k] for k in CONFIG_KEYS if k in data}
    if config_part:
        parsed = parse_config(config_part, WHERE, Path.cwd())  # the same checks as a file's keys
        if "select" in config_part:
            changes["select"] = parsed.select
        if "ignore" in config_part:
            changes["ignore"] = parsed.ignore
        if "severity" in config_part:
            changes["severity"] = parsed.severity
    return dataclasses.replace(base, **changes), unknown


def _server_value(key: str, value: object) -> int | frozenset[str]:
    if key == "debounce_ms":
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 10_000:
            raise ConfigError(WHERE, "`debounce_ms` must be a number of milliseconds from 0 to 10000")
        return int(value)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(WHERE, "`languages` must be a list of language ids, e.g. [\"markdown\", \"plaintext\"]")
    return frozenset(v.lower() for v in value)


def file_config(path: str | None) -> Config:
    """The configuration file that governs `path`, read now: the CLI caches it for one run, but an
    editor session lasts while the user edits the file."""
    find_config.cache_clear()
    return config_for(path)


def config_for_document(path: str | None, settings: Settings) -> Config:
    config = file_config(path)
    return settings.applied_to(config, set(available_rules(config.packs)))
