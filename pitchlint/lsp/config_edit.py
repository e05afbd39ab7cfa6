"""The "ignore this rule in this file" edit: add the file to `per-file-ignores` in the nearest
configuration (`.pitchlint.toml`, or `[tool.pitchlint]` in `pyproject.toml`), or create a
`.pitchlint.toml` next to the message. Suppressions live in configuration, never in the message.

tomlkit makes the change (it keeps the user's comments, quoting and layout), and the edit sent to
the editor is only the span that differs. The result is parsed again before it is offered, as a
guard: the table must hold exactly what it held before plus the new rule, and nothing else changed.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pitchlint.config.settings import Config

TomlTable = dict[str, Any]  # a parsed TOML table (tomllib's values)

CONFIG_NAME = ".pitchlint.toml"
TABLE = "per-file-ignores"


@dataclass(frozen=True)
class ConfigEdit:
    """Replace text[start:end] of the configuration file with `text` (create it when `create`)."""

    path: Path
    relative: str  # the message's path as the new key spells it
    create: bool
    start: int
    end: int
    text: str


def ignore_edit(document_path: str, rule_id: str, config: Config, current: str | None = None) -> ConfigEdit | None:
    """The edit that turns `rule_id` off for this message file, or None when there is none to make
    (the rule is already ignored there, the file lies outside the configuration's folder, or the
    configuration is written in a way this cannot extend safely). `current` is the configuration's
    text as the editor holds it, when it is open there."""
    document = Path(document_path).resolve()
    if config.path is None:
        path = document.parent / CONFIG_NAME
        key = document.name
        return ConfigEdit(path, key, True, 0, 0, f"[{TABLE}]\n{_entry(key, rule_id)}\n")
    path = Path(config.path)
    try:
        key = document.relative_to(Path(config.root or path.parent).resolve()).as_posix()
        text = current if current is not None else path.read_bytes().decode("utf-8")
        before = tomllib.loads(text)
    except (ValueError, OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    ignores = _table(before, path).get(TABLE, {})
    if not isinstance(ignores, dict) or rule_id in ignores.get(key, []):
        return None
    edited = _edited(text, path, key, rule_id)
    if edited is None or not _adds_exactly(before, edited, path, key, rule_id):
        return None
    start, end, insert = _changed_span(text, edited)
    return ConfigEdit(path, key, False, start, end, insert)


def _edited(text: str, path: Path, key: str, rule_id: str) -> str | None:
    """The configuration with `rule_id` added to the key's per-file-ignores, written by tomlkit."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    try:
        document = tomlkit.parse(text)
        table = document["tool"]["pitchlint"] if path.name == "pyproject.toml" else document
        if TABLE not in table:
            inline = isinstance(table, tomlkit.items.InlineTable)
            table[TABLE] = tomlkit.inline_table() if inline else tomlkit.table()
        ignores = table[TABLE]
        if key in ignores:
            ignores[key].append(rule_id)
        else:
            ignores[key] = [rule_id]
        edited = tomlkit.dumps(document)
    except (TOMLKitError, KeyError, TypeError, AttributeError):
        return None
    return edited


def _changed_span(before: str, after: str) -> tuple[int, int, str]:
    """(start, end, text): the smallest replacement of before[start:end] that gives `after`; new
    lines end as the file's lines do."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[len(before) - 1 - end] == after[len(after) - 1 - end]:
        end += 1
    insert = after[start:len(after) - end]
    if "\r\n" in before:
        insert = insert.replace("\r\n", "\n").replace("\n", "\r\n")
    return start, len(before) - end, insert


def _table(data: TomlTable, path: Path) -> TomlTable:
    if path.name == "pyproject.toml":
        table: TomlTable = data.get("tool", {}).get("pitchlint", {})
        return table
    return data


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _entry(key: str, rule_id: str) -> str:
    return f"{_quoted(key)} = [{_quoted(rule_id)}]"


def _adds_exactly(before: TomlTable, new_text: str, path: Path, key: str, rule_id: str) -> bool:
    """Whether the new file parses to the old one plus `rule_id` in the key's list, nothing else."""
    try:
        after = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        return False
    old_list = _table(before, path).get(TABLE, {}).get(key, [])
    new_list = _table(after, path).get(TABLE, {}).get(key, [])
    if sorted(new_list) != sorted([*old_list, rule_id]):
        return False
    return _without(after, path, key) == _without(before, path, key)


def _without(data: TomlTable, path: Path, key: str) -> TomlTable:
    """The parsed file without the key's entry (and without the table if that was all it held)."""
    table = dict(_table(data, path))
    ignores = {k: v for k, v in table.get(TABLE, {}).items() if k != key}
    table.pop(TABLE, None)
    if ignores:
        table[TABLE] = ignores
    if path.name != "pyproject.toml":
        return table
    tool = {**data.get("tool", {}), "pitchlint": table}
    return {**data, "tool": tool}
