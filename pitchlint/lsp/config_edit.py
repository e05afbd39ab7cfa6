"""The "ignore this rule in this file" edit: add the file to `per-file-ignores` in the nearest
configuration (`.pitchlint.toml`, or `[tool.pitchlint]` in `pyproject.toml`), or create a
`.pitchlint.toml` next to the message. Suppressions live in configuration, never in the message.

The edit is as small as the file allows (one inserted line or a few inserted characters) so that
the user's comments and layout stay as they were. Each candidate edit is applied and the result
parsed before it is offered: the table must hold exactly what it held before plus the new rule.
"""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pitchlint.config import Config

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

    def apply(self, current: str) -> str:
        return current[:self.start] + self.text + current[self.end:]


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
    for start, end, insert in _candidates(text, path, key, rule_id, ignores):
        edit = ConfigEdit(path, key, False, start, end, insert)
        if _adds_exactly(before, edit.apply(text), path, key, rule_id):
            return edit
    return None


def _table(data: dict, path: Path) -> dict:
    if path.name == "pyproject.toml":
        return data.get("tool", {}).get("pitchlint", {})
    return data


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _entry(key: str, rule_id: str) -> str:
    return f"{_quoted(key)} = [{_quoted(rule_id)}]"


def _key_pattern(key: str) -> str:
    spellings = [re.escape(_quoted(key)), re.escape(f"'{key}'")]
    if re.fullmatch(r"[A-Za-z0-9_-]+", key):
        spellings.append(re.escape(key))
    return "(?:" + "|".join(spellings) + ")"


def _candidates(text: str, path: Path, key: str, rule_id: str, ignores: dict):
    """(start, end, text) edits, most specific first."""
    rule = _quoted(rule_id)
    eol = "\r\n" if "\r\n" in text else "\n"  # new lines end as the file's lines do
    tail = "" if text.endswith("\n") or not text else eol
    if key in ignores:  # extend that key's list: insert the rule right after its "["
        separator = ", " if ignores[key] else ""
        pattern = rf"^[ \t]*(?:{TABLE}[ \t]*\.[ \t]*)?{_key_pattern(key)}[ \t]*=[ \t]*\["
        for match in re.finditer(pattern, text, re.M):
            yield match.end(), match.end(), rule + separator
        for match in re.finditer(rf"[{{,][ \t]*{_key_pattern(key)}[ \t]*=[ \t]*\[", text):
            yield match.end(), match.end(), rule + separator  # inside an inline table
        return
    prefix = r"tool[ \t]*\.[ \t]*pitchlint[ \t]*\.[ \t]*" if path.name == "pyproject.toml" else ""
    header = rf'^[ \t]*\[[ \t]*{prefix}(?:{TABLE}|"{TABLE}")[ \t]*\][ \t]*(?:#[^\r\n]*)?\r?$'
    for match in re.finditer(header, text, re.M):  # the table exists: a line right after its header
        at = match.end() + 1 if match.end() < len(text) else match.end()
        lead = tail if at == len(text) else ""
        yield at, at, f"{lead}{_entry(key, rule_id)}{eol}"
    for match in re.finditer(rf"^[ \t]*{TABLE}[ \t]*=[ \t]*\{{", text, re.M):  # an inline table
        yield match.end(), match.end(), f" {_entry(key, rule_id)}" + ("," if ignores else " ")
    for match in re.finditer(rf"^[ \t]*{TABLE}[ \t]*\.", text, re.M):  # dotted keys: one more
        yield match.start(), match.start(), f"{TABLE}.{_entry(key, rule_id)}{eol}"
    table = f"tool.pitchlint.{TABLE}" if path.name == "pyproject.toml" else TABLE
    gap = eol if text.strip() else ""
    yield len(text), len(text), f"{tail}{gap}[{table}]{eol}{_entry(key, rule_id)}{eol}"


def _adds_exactly(before: dict, new_text: str, path: Path, key: str, rule_id: str) -> bool:
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


def _without(data: dict, path: Path, key: str) -> dict:
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
