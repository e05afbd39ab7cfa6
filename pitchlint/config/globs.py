"""Git-style globs for configuration (`include`, `exclude`, hook `include`, `per-file-ignores`)
and for `.gitignore` files, matched by pathspec's implementation of git's wildmatch rules.

A pattern without a slash matches a name at any depth (`*.eml`); one with a slash is anchored to
the folder of the configuration (`/top.md`, `drafts/*.md`); a trailing slash (`drafts/`) matches
a folder and everything in it; `!` re-includes; `[ab]`, `?` and `\\*` work as in git.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathspec import PathSpec
    from pathspec.pattern import Pattern

# pathspec 1.x calls git's wildmatch patterns "gitignore" ("gitwildmatch" is its deprecated name).
STYLE = "gitignore"
# RE2 matches in linear time: with Python's `re`, a pattern of many `**/name/` segments backtracks
# exponentially on a deep path that does not match (twelve of them took 20 s on 30 folders).
BACKEND = "re2"


class GlobError(ValueError):
    """A pattern git would not accept either (a lone `!`, a `***` segment...)."""


@lru_cache(maxsize=256)
def compile_globs(patterns: tuple[str, ...]) -> PathSpec[Pattern]:
    """A pathspec PathSpec (imported here: `pitchlint --help` needs no glob)."""
    from pathspec import PathSpec
    from pathspec.patterns.gitignore import GitIgnorePatternError

    try:
        return PathSpec.from_lines(STYLE, patterns, backend=BACKEND)
    except (GitIgnorePatternError, ValueError, re.error) as exc:  # re.error: a range such as [z-a]
        raise GlobError(str(exc)) from None


def matches(path: str, patterns: Iterable[str]) -> bool:
    """Whether a slash-separated relative path matches the globs (later `!` patterns re-include)."""
    return compile_globs(tuple(patterns)).match_file(path)


def check_globs(patterns: Collection[str], key: str, where: str) -> tuple[str, ...]:
    """The patterns, or a configuration error naming the key and the pattern git would reject."""
    from pitchlint.errors import ConfigError

    for pattern in patterns:
        try:
            compile_globs((pattern,))
        except GlobError as exc:
            raise ConfigError(where, f"`{key}` has a pattern that is not a valid glob: {pattern!r} ({exc})") from None
    return tuple(patterns)
