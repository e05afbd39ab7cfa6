"""YAML front matter in a draft: `channel`, `recipient` and `profile` for this message alone.

It is never linted as prose (the document masks it). Other keys (title, date...) belong to the
writer's own tools and are left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from pitchlint.errors import InputError
from pitchlint.terms import Profile, parse_channel, parse_profile

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)


@dataclass(frozen=True)
class FrontMatter:
    """What a draft's front matter sets for this message alone; None where it says nothing."""

    channel: str | None = None
    profile: Profile | None = None


def read_front_matter(text: str, path: str) -> tuple[FrontMatter, int]:
    """(pitchlint's keys from the front matter, parsed; its length in characters), or
    (FrontMatter(), 0) without one. A key that is not valid is an error naming the file now."""
    match = FRONT_MATTER.match(text)
    if match is None:
        return FrontMatter(), 0
    import yaml

    try:
        data = yaml.load(match.group(1) or "", Loader=_loader()) or {}
    except AliasInFrontMatter as exc:
        raise InputError(f"{path}:{exc.line + 2}", "front matter uses a YAML alias (*name); write the value "
                                                  "out instead (pitchlint does not expand aliases)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 2}" if mark is not None else path
        problem = getattr(exc, "problem", None) or "cannot be parsed"
        raise InputError(where, f"front matter is not valid YAML ({problem})") from None
    except RecursionError:
        raise InputError(path, "front matter is not valid YAML (nested too deeply)") from None
    if not isinstance(data, dict):
        raise InputError(path, "front matter must be a mapping of keys to values")
    where = f"{path} (front matter)"
    channel = parse_channel(data["channel"], where) if "channel" in data else None
    profile = None
    if "profile" in data or "recipient" in data:
        profile = parse_profile(data.get("profile"), where, data.get("recipient"))
    return FrontMatter(channel=channel, profile=profile), match.end()


class AliasInFrontMatter(Exception):
    def __init__(self, line: int) -> None:
        super().__init__(line)
        self.line = line  # 0-based, in the front matter


@lru_cache(maxsize=1)
def _loader() -> type:
    """PyYAML's safe loader without aliases: `*name` repeats a value without copying it, so nine
    lines of nested aliases ("billion laughs") stand for 10**9 values once anything walks them
    (62 s and 1.1 GB, and an error quoting them all). The keys pitchlint reads never need one."""
    import yaml

    class NoAliasLoader(yaml.SafeLoader):
        def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
            if self.check_event(yaml.AliasEvent):
                mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]
                raise AliasInFrontMatter(mark.line)
            return super().compose_node(parent, index)

    return NoAliasLoader
