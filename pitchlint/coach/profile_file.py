"""The writer's profile as the coach reads and saves it: the `[profile]` table of a TOML
configuration file (by default the user-level one that `pitchlint`, `suggest`, the hooks and the
language server read). Saving edits that table in place with tomlkit, so the rest of the file
(comments, other keys, their order) stays as the writer left it, and replaces the file atomically.
A file that cannot be read or parsed is an error naming it, never overwritten.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from pitchlint.coach.session import Answers
from pitchlint.config.files import read_toml
from pitchlint.config.layers import user_config_path
from pitchlint.errors import ConfigError
from pitchlint.terms import Profile, parse_profile


def profile_path(explicit: str | None) -> Path:
    return Path(explicit) if explicit else user_config_path()


def read_profile(path: Path) -> Profile:
    """The profile in `path`; an empty one when the file does not exist yet."""
    if not path.exists():
        return Profile()
    data = read_toml(path)
    return parse_profile(data.get("profile"), str(path))


def save_answers(path: Path, answers: Answers) -> list[str]:
    """Write the answered slots into the file's `[profile]` table; the keys written, in order."""
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    if path.exists():
        read_profile(path)  # a broken file or profile is an error before anything is written
        try:
            document = tomlkit.parse(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, TOMLKitError) as exc:
            raise ConfigError(path, f"cannot be edited ({exc})") from None
    else:
        document = tomlkit.document()
    table = document.get("profile")
    if table is None:
        table = tomlkit.table()
        document["profile"] = table
    values: dict[str, object] = {"roles": list(answers.roles), "companies": list(answers.companies),
                                 "sectors": list(answers.sectors),
                                 "location": answers.locations[0] if answers.locations else "",
                                 "reason": answers.reason}
    written = []
    for key, value in values.items():
        if value:
            table[key] = value
            written.append(key)
    replace_atomically(path, tomlkit.dumps(document).encode("utf-8"))
    return written


def replace_atomically(path: Path, data: bytes) -> None:
    """A temporary file beside it, then a rename: the file is either as it was or wholly new (its
    mode kept). The coach writes the profile and the draft this way."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
