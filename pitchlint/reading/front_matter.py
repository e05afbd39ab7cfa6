"""YAML front matter in a draft: `channel`, `recipient` and `profile` for this message alone.

It is never linted as prose (the document masks it). Other keys (title, date...) belong to the
writer's own tools and are left alone.
"""

from __future__ import annotations

import re

from pitchlint.errors import InputError

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
KEYS = ("channel", "recipient", "profile")


def read_front_matter(text: str, path: str) -> tuple[dict, int]:
    """(pitchlint's keys from the front matter, its length in characters); ({}, 0) without one."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return {}, 0
    import yaml

    try:
        data = yaml.safe_load(match.group(1) or "") or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 2}" if mark is not None else path
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputError(where, f"front matter is not valid YAML ({problem})") from None
    except RecursionError:
        raise InputError(path, "front matter is not valid YAML (nested too deeply)") from None
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a mapping of keys to values")
    meta = {key: data[key] for key in KEYS if key in data}
    from pitchlint.config.settings import parse_channel, parse_profile

    where = f"{path} (front matter)"
    if "channel" in meta:
        parse_channel(meta["channel"], where)
    if "profile" in meta or "recipient" in meta:
        parse_profile(meta.get("profile"), where, meta.get("recipient"))  # reported now, per file
    return meta, match.end()
