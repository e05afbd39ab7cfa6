"""Reading configuration files safely: TOML that cannot be parsed, is nested absurdly deep, or has
the wrong shape is an error that names the file; a `pyproject.toml` that is broken but holds
pitchlint's table is an error too (it is not skipped for the defaults); and a `.pitchlint.toml`
that someone other than its owner could have written is refused, with a warning, because a
planted file there could turn off the very check that stops a vague message.
"""

from __future__ import annotations

import os
import re
import stat
import tomllib
from pathlib import Path
from typing import Any

from pitchlint.errors import ConfigError

MAX_CONFIG_BYTES = 1_000_000
# A pitchlint table or key in a pyproject.toml, found in its text when the TOML does not parse.
# A header left open (`[tool.pitchlint` and a line break) counts too.
_MENTIONS_PITCHLINT = re.compile(
    r"""(?m)^[ \t]*(?:\[[ \t]*)?(?:tool[ \t]*\.[ \t]*)?["']?pitchlint["']?[ \t]*(?:[\].=]|$)""")


def read_toml(path: Path) -> dict[str, Any]:
    """The parsed TOML of a configuration file, or a ConfigError saying why there is none."""
    try:
        with path.open("rb") as stream:
            data = stream.read(MAX_CONFIG_BYTES + 1)
        if len(data) > MAX_CONFIG_BYTES:
            raise ConfigError(path, f"is over {MAX_CONFIG_BYTES:,} bytes: not a configuration file")
        return tomllib.loads(data.decode("utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, "configuration file not found") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"is not valid TOML ({exc})") from None
    except RecursionError:
        raise ConfigError(path, "is not valid TOML (arrays or tables nested too deeply)") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"cannot be read (not UTF-8: byte {exc.start})") from None
    except OSError as exc:
        raise ConfigError(path, f"cannot be read ({exc.strerror or exc})") from None


def pitchlint_table(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    """`[tool.pitchlint]` of a parsed pyproject.toml; None when it has none. Wrong shapes
    (`tool = 5`, `[tool] pitchlint = "x"`) are errors."""
    tool = data.get("tool")
    if tool is None:
        return None
    if not isinstance(tool, dict):
        if "pitchlint" in str(tool):
            raise ConfigError(path, "`tool` must be a table (it holds [tool.pitchlint])")
        return None
    table = tool.get("pitchlint")
    if table is not None and not isinstance(table, dict):
        raise ConfigError(path, "`tool.pitchlint` must be a table")
    return table


def pyproject_table(path: Path) -> dict[str, Any] | None:
    """pitchlint's table of a pyproject.toml found while looking upward: None when the file has
    none. A file that cannot be parsed is someone else's business unless it mentions pitchlint;
    then it is an error, as the same keys in `.pitchlint.toml` would be."""
    try:
        data = read_toml(path)
    except ConfigError as error:
        try:
            with path.open("rb") as stream:
                text = stream.read(MAX_CONFIG_BYTES).decode("utf-8", errors="replace")
        except OSError:
            raise error from None  # unreadable: it may hold the configuration, so say so
        if _MENTIONS_PITCHLINT.search(text):
            raise ConfigError(path, f"{error.reason}, and it holds pitchlint's configuration") from None
        return None
    return pitchlint_table(data, path)


def unsafe_reason(path: Path) -> str | None:
    """Why a configuration file found on the way up must not be trusted, or None. A file or a
    folder that others than its owner may write lets them plant or change it."""
    for place, what in ((path.parent, "folder"), (path, "file")):
        try:
            info = place.stat()
        except OSError:
            return None  # gone or unreadable: reading it says why
        if info.st_mode & stat.S_IWOTH:  # a sticky folder (/tmp) too: anyone can create the file
            return f"its {what} is writable by every user"
        if info.st_mode & stat.S_IWGRP and not _private_group(info):
            return f"its {what} is writable by the group {_group_name(info.st_gid)}"
    owner = path.stat().st_uid
    if hasattr(os, "getuid") and owner not in (os.getuid(), 0):
        return "it belongs to another user"
    return None


def _private_group(info: os.stat_result) -> bool:
    """The owner's own group (Debian and Fedora give every user one): writable by the group is
    writable by the owner alone."""
    try:
        import grp
        import pwd

        group = grp.getgrgid(info.st_gid)
        return group.gr_name == pwd.getpwuid(info.st_uid).pw_name and not set(group.gr_mem) - {group.gr_name}
    except (ImportError, KeyError):
        return False


def _group_name(gid: int) -> str:
    try:
        import grp

        return grp.getgrgid(gid).gr_name
    except (ImportError, KeyError):
        return str(gid)
