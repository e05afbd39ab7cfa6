"""Configuration layers: the writer's own file (`config.toml` in the platform's configuration
folder: `$XDG_CONFIG_HOME/pitchlint` on Linux), the project's file over it key by key, and the
command line over both. `--show-settings` uses this to say where each value came from.

The user's file holds what a job seeker writes once for every draft: `profile`, `channel`,
`fail-on`. Tables (`profile`, `hook`, `severity`, `per-file-ignores`) merge one level deep, so a
project that sets `profile.roles` keeps the user's `profile.reason`; any other value is replaced.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

USER_FILE = "config.toml"


def user_config_path() -> Path:
    """Where the user-level configuration file is, or would be (the coach saves the profile there)."""
    from platformdirs import user_config_dir

    return Path(user_config_dir("pitchlint", appauthor=False, roaming=True)) / USER_FILE


def user_config_file() -> Path | None:
    """The user-level configuration file, when there is one."""
    path = user_config_path()
    return path if path.is_file() else None


def anchored(data: dict[str, Any], base: Path) -> dict[str, Any]:
    """The layer with its folder paths made absolute, so they keep meaning once merged."""
    data = dict(data)
    if isinstance(data.get("packs"), list):
        data["packs"] = [str((base / p).resolve()) if isinstance(p, str) else p for p in data["packs"]]
    if isinstance(data.get("templates"), str):
        data["templates"] = str((base / data["templates"]).resolve())
    return data


def merge(lower: dict[str, Any], upper: dict[str, Any]) -> dict[str, Any]:
    merged = dict(lower)
    for key, value in upper.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


def sources(layers: list[tuple[str, dict[str, Any]]]) -> dict[str, tuple[object, str]]:
    """{dotted key: (value, where it came from)} for the layers, lowest first."""
    found: dict[str, tuple[object, str]] = {}
    for where, data in layers:
        for key, value in data.items():
            if isinstance(value, dict) and key in ("profile", "hook", "severity", "per-file-ignores"):
                for sub, item in value.items():
                    found[f"{key}.{sub}"] = (item, where)
            else:
                found[key] = (value, where)
    return found


def shown_path(path: Path | str) -> str:
    """A path as --show-settings prints it: under the home folder as ~/..."""
    text, home = str(path), os.path.expanduser("~")
    return "~" + text[len(home):] if home not in ("", "/") and text.startswith(home + os.sep) else text
