"""`pitchlint check --show-settings FILE`: the configuration in force for one file, each value
with where it came from (a default, the user's file, the project's file, the command line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pitchlint.config.settings import Config
from pitchlint.engine.files import RunOptions

# The command line's Config fields, as the configuration keys they stand for.
OPTION_KEYS = {"select": "select", "ignore": "ignore", "extend_select": "extend-select",
               "fail_on": "fail-on", "fail_under": "fail-under", "force_channel": "channel"}


def _value(text: object) -> str:
    if text is None:
        return "(not set)"
    if isinstance(text, tuple):
        text = list(text)
    return json.dumps(text, ensure_ascii=False)


def resolved(config: Config) -> dict[str, str]:
    """Every setting's value as TOML would spell it."""
    profile = config.profile
    values = {
        "select": _value(config.select) if config.select is not None else "(every stable rule)",
        "extend-select": _value(config.extend_select),
        "ignore": _value(config.ignore),
        "fail-on": _value(config.fail_on),
        "fail-under": _value(config.fail_under),
        "channel": _value(config.force_channel or config.channel),
        "model": _value(config.model) if config.model else "(en_core_web_sm, else its re-upload)",
        "packs": _value(config.packs),
        "templates": _value(config.templates),
        "accept": _value(config.accept),
        "include": _value(config.files.include),
        "exclude": _value(config.files.exclude),
        "respect-gitignore": _value(config.files.respect_gitignore),
        "force-exclude": _value(config.files.force_exclude),
        "hook.fail-on": _value(config.hook.fail_on),
        "hook.fail-under": _value(config.hook.fail_under),
        "hook.include": _value(config.hook.include),
        "profile.companies": _value(profile.companies),
        "profile.roles": _value(profile.roles),
        "profile.sectors": _value(profile.sectors),
        "profile.location": _value(profile.location),
        "profile.reason": _value(profile.reason),
        "profile.recipient": _value({k: v for k, v in (("name", profile.recipient_name),
                                                        ("company", profile.recipient_company)) if v}),
    }
    for rule_id, level in config.severity:
        values[f"severity.{rule_id}"] = _value(level)
    for glob, rules in config.per_file_ignores:
        values[f"per-file-ignores.{glob}"] = _value(rules)
    return values


def layers_for(path: str, run: RunOptions) -> list[tuple[str, dict[str, Any]]]:
    """(where, raw table) of each configuration file in force for `path`, lowest first."""
    from pitchlint.config.layers import anchored, shown_path, user_config_file
    from pitchlint.config.settings import nearest_config_file, read_config_data

    if run.isolated:
        return []
    layers = []
    user = user_config_file()
    if user is not None:
        layers.append((shown_path(user), anchored(read_config_data(user), user.parent)))
    start = Path(path).resolve().parent if path != "-" else Path.cwd().resolve()
    project = Path(run.config_path).resolve() if run.config_path else nearest_config_file(start)
    if project is not None:
        layers.append((shown_path(project), read_config_data(project)))
    return layers


def render_settings(path: str, run: RunOptions) -> str:
    from pitchlint.config.layers import sources
    from pitchlint.engine.core import active_rules

    named = run.stdin_filename if path == "-" and run.stdin_filename else path
    config = run.configure(path)
    active = active_rules(config)  # an unknown rule id is an error here too
    layers = layers_for(named, run)
    cli = {OPTION_KEYS[field]: value for field, value in run.overrides if field in OPTION_KEYS}
    found = sources(layers + [("command line", cli)])
    values = resolved(config)
    width = max(len(key) for key in values)
    files = ", ".join(where for where, _ in layers) or ("none (--isolated)" if run.isolated else "none")
    lines = [f"# settings for {named}", f"# configuration files: {files}"]
    for key, value in values.items():
        source = found.get(key, (None, "default"))[1]
        if key in ("include", "exclude") and key not in found and f"extend-{key}" in found:
            source = f"default, and extend-{key} from {found[f'extend-{key}'][1]}"
        lines.append(f"{key:<{width}} = {value}  # {source}")
    lines.append(f"# rules on: {', '.join(active)}")
    return "\n".join(lines)
